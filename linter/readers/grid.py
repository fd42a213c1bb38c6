"""Tables given as cells (spreadsheets, Word tables, PDF tables, delimited records) read into rows.

Each cell reader (``excel``, ``word``, ``pdf``, ``delimited``) builds a :class:`Grid`;
:func:`read_grid` finds the header band (the row naming a name column beside a 绩效 column, and
up to two sub-header rows), maps each column by the longest column word of its header cells
(:func:`header_columns`, :data:`COLUMN_WORDS`) and reads either layout:

* **wide** — one row per project, the 绩效目标 and the 绩效指标 each in one cell (the seeds' layout);
* **long** — one row per indicator with 一级指标/二级指标/三级指标/指标值 columns (or code columns
  beside them, or split 计算符号/指标值/度量单位 columns), the project's cells (name, amounts, goal)
  merged vertically, written on its first row only, or repeated on every row.

Rows above the header give the department and the amount unit. Header rows repeated further down
(on every page of a PDF or Word table) are dropped, and a row that a page break split in two
(``Grid.breaks``) is merged back into the row it continues. A 单位名称 column gives each row its
unit (:attr:`linter.grammar.SourceRow.unit`).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from linter.grammar import ANNUAL_WORDS, CYCLE_WORDS, IndicatorCells, SourceRow, SourceTable
from linter.located import LocatedText
from linter.model import Location, Note
from linter.readers.common import (
    AMOUNT_TOKEN,
    AMOUNT_UNIT,
    DEPARTMENT,
    MONEY_UNIT,
    PAGE_FOOTER,
    TITLE,
    amounts_from_figures,
    parse_amount,
    split_markup,
    take_amount_unit,
)

HEADER_SCAN_ROWS = 30
"""How many rows from the top of a sheet or page are searched for the column header."""

AMOUNT_KEYS = ("total", "fiscal", "special", "other")
PERIODS = ("cycle", "annual", "value")
"""The value columns of the long layout: 实施周期指标值, 年度指标值, or one 指标值."""

COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "serial": ("序号", "行号"),
    "name": ("项目名称", "资金使用单位", "项目"),
    "unit": ("单位名称", "预算单位", "部门名称", "单位全称"),
    "unit_code": ("单位编码", "单位代码", "预算单位编码", "预算单位代码"),
    "project_code": ("项目编码", "项目代码", "项目编号"),
    "total": ("总计", "合计", "金额", "资金总额"),
    "fiscal": ("财政拨款",),
    "special": ("财政专户拨款", "财政专户"),
    "other": ("其他资金", "其他"),
    "goal": ("绩效目标", "总体目标", "年度目标"),
    "indicators": ("绩效指标",),
    "level1": ("一级指标",),
    "level1_code": ("一级指标代码", "一级指标编码"),
    "level2": ("二级指标",),
    "level2_code": ("二级指标代码", "二级指标编码"),
    "level3": ("三级指标", "指标名称", "指标内容"),
    "level3_code": ("三级指标代码", "三级指标编码"),
    "value": ("指标值", "目标值"),
    "cycle": ("实施周期值",),
    "annual": ("年度值",),
    "operator": ("计算符号", "运算符号", "比较符号", "符号"),
    "measure": ("度量单位", "计量单位"),
    "nature": ("指标性质",),
}
"""The words of column headers, by the column they name (a closed class: the column kinds).

A header cell names the column of the longest word it holds (``一级指标代码`` is the code column,
not 一级指标; ``项目名称（资金使用单位）`` the name column); a cell cut short by a narrow column
(``财政专户拨``) names the column of the word it starts."""

QUALIFIERS = tuple((word, "cycle") for word in CYCLE_WORDS) + tuple(
    (word, "annual") for word in ANNUAL_WORDS
)
"""Words before a value, 计算符号 or 度量单位 header, or above or below it in the header band,
that say which value it is (``实施期指标值``; ``中期目标`` over ``指标值``)."""

QUALIFIED = {"value": "{}", "operator": "{}_operator", "measure": "{}_measure"}
"""The columns a qualifier turns into its period's column (``年度`` + ``指标值`` is ``annual``)."""

NAME_HEADERS = ("项目名称", "资金使用单位", "单位名称")
"""How a name column's header starts: a row starting so below the header repeats it."""

GROUP_WORDS = frozenset({"资金来源", "金额", "资金", "指标", *CYCLE_WORDS, *ANNUAL_WORDS})
"""Header cells over a group of columns that name no column themselves (``资金来源``)."""

PERFORMANCE_KEYS = frozenset({"goal", "indicators", "level1", "level3"})
"""Columns one of which a table header has beside its name column."""

OPERATOR_WORDS = {
    "大于等于": "≥",
    "小于等于": "≤",
    "大于": ">",
    "小于": "<",
    "等于": "=",
    "定性": "",
    "定量": "",
}
"""计算符号 written as words, as the symbol the value reader understands (``定性``/``定量`` say
what kind of value it is, and add nothing to it)."""

_WORD_PATTERN = re.compile(
    "|".join(
        sorted(
            (re.escape(w) for words in COLUMN_WORDS.values() for w in words),
            key=len,
            reverse=True,
        )
    )
)
_WORD_KEY = {word: key for key, words in COLUMN_WORDS.items() for word in words}
_PREFIX_KEY = {
    prefix: _WORD_KEY[min((w for w in _WORD_KEY if w.startswith(prefix)), key=len)]
    for prefix in {word[:end] for word in _WORD_KEY for end in range(2, len(word))}
    if prefix not in GROUP_WORDS
}
"""The column of the shortest column word (the first of equals) that each cut cell of two
characters or more starts; a group word is not a cut word (a ``实施周期`` column is the project's
duration, not 实施周期值)."""
_QUALIFIER_PATTERN = re.compile("|".join(word for word, _ in QUALIFIERS))
_QUALIFIER_KEY = dict(QUALIFIERS)
_AMOUNT_UNIT_LABEL = re.compile(rf"[（(](?:金额)?(?:单位[:：])?{MONEY_UNIT}[)）]")
_HEADER_LABEL_MAX = 16
"""Longer cells are text, never a column header (a title, a goal that mentions 绩效目标)."""

_HEADER_WORD = re.compile(r"^(?:项目名称.*|[（(]?(?:金额)?(?:单位[:：])?万元[)）]?)$")


@functools.lru_cache(maxsize=4096)
def column_word(label: str) -> tuple[str, str, int] | None:
    """The column a header cell (whitespace removed) names: ``(key, qualifier, word length)``.

    A cell that starts with a period word (``实施周期``/``实施期``…: qualifier ``cycle``;
    ``年度``/``全年``…: ``annual``) names the column of the rest when the rest names one
    (``年度目标值`` is the 年度 value, not a 年度目标 column), else the column of the whole
    cell (``年度目标``). The longest column word the cell holds wins, the later one between two
    as long; a cell that is the start of a column word (cut by a narrow column) names that
    word's column. ``None`` when the cell names no column.
    """
    if not label or len(label) > _HEADER_LABEL_MAX:
        return None
    period = _QUALIFIER_PATTERN.match(label)
    if period is not None:
        rest = _column_word(label[period.end() :], cut=False)
        if rest is not None:
            key, _, length = rest
            return key, _QUALIFIER_KEY[period.group()], length
    return _column_word(label)


def _column_word(label: str, cut: bool = True) -> tuple[str, str, int] | None:
    """:func:`column_word` of a cell, its period word (if any) left where it is; a cut cell
    names the column of the word it starts only with ``cut``."""
    best: re.Match[str] | None = None
    for match in _WORD_PATTERN.finditer(label):
        if best is None or len(match.group()) >= len(best.group()):
            best = match
    if best is None:
        key = _PREFIX_KEY.get(label) if cut else None
        return None if key is None else (key, "", len(label))
    qualifier = _QUALIFIER_PATTERN.search(label, 0, best.start())
    period = _QUALIFIER_KEY[qualifier.group()] if qualifier else ""
    return _WORD_KEY[best.group()], period, len(best.group())


def is_header_word(cell: str) -> bool:
    """Whether a cell (whitespace removed) is a column-header word, or the start of one."""
    if cell in GROUP_WORDS or _HEADER_WORD.match(cell):
        return True
    return column_word(cell) is not None


def compact(text: str) -> str:
    """The text without any whitespace."""
    return "".join(text.split())


def _header_keys(cells: list[str]) -> set[str]:
    """The columns a row's cells name, as header cells."""
    keys = set()
    for cell in cells:
        found = column_word(compact(cell)) if cell and len(cell) <= 3 * _HEADER_LABEL_MAX else None
        if found is not None:
            keys.add(found[0])
    return keys


def is_header_row(cells: list[str]) -> bool:
    """Whether a row (cell texts) is the table's column header: a name column (项目名称, or
    单位名称 …) beside a 绩效目标, 绩效指标 or 一级/三级指标 column, and no money figures."""
    keys = _header_keys(cells)
    if not (keys & {"name", "unit"}) or not (keys & PERFORMANCE_KEYS):
        return False
    return not _has_amount(cells)


def find_header(rows: list[list[str]], limit: int = HEADER_SCAN_ROWS) -> int | None:
    """The index of the header row among the first ``limit`` rows, or ``None``."""
    for index, cells in enumerate(rows[:limit]):
        if is_header_row(cells):
            return index
    return None


@dataclass(slots=True)
class Grid:
    """A table as cells: texts row by row, and how to locate them and undo merges.

    ``anchors`` maps a cell covered by a merged range to the range's first cell, whose text it
    shows. ``breaks`` are the rows that start a new page (or a new part of a split table).
    ``located`` gives the located text of cells pieced together from several places; other cells
    are located at ``locate(row, column)``. ``preamble`` is text above the table that is not part
    of the grid (a PDF page's title lines), with its location. ``nested`` gives the indicators of
    a table nested in a cell (Word), by the cell. With ``advance`` (delimited text) the characters
    of a cell are located one column after another from ``locate(row, column)``, else all at it.
    """

    texts: list[list[str]]
    locate: Callable[[int, int], Location]
    anchors: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    breaks: frozenset[int] = frozenset()
    located: dict[tuple[int, int], LocatedText] = field(default_factory=dict)
    preamble: list[tuple[str, Location]] = field(default_factory=list)
    nested: dict[tuple[int, int], tuple[IndicatorCells, ...]] = field(default_factory=dict)
    advance: bool = False

    def text(self, row: int, column: int | None) -> str:
        """The text a cell shows (a merged range's text in every cell it covers)."""
        if column is None:
            return ""
        row, column = self.anchors.get((row, column), (row, column))
        cells = self.texts[row]
        return cells[column] if column < len(cells) else ""

    def cell(self, row: int, column: int) -> LocatedText:
        """A cell's text with its source location."""
        anchor = self.anchors.get((row, column), (row, column))
        located = self.located.get(anchor)
        if located is not None:
            return located
        return LocatedText.run(self.text(*anchor), self.locate(*anchor), self.advance)


def _indicator_columns(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """The header row (first or second) and column map of an indicator table, if it has one."""
    grid = Grid(rows, lambda row, column: Location())
    for header in range(min(2, len(rows))):
        columns = header_columns(grid, header, header + 1)
        if is_long(columns):
            return header, columns
    return None


def is_indicator_table(rows: list[list[str]]) -> bool:
    """Whether a table (cell texts) is a list of indicators under its own header naming
    一级指标/二级指标/三级指标 or 指标值 columns, as nested in a 绩效指标 cell."""
    return _indicator_columns(rows) is not None


def indicator_table(rows: list[list[str]], location: Location) -> tuple[IndicatorCells, ...]:
    """The indicators of an indicator table (see :func:`is_indicator_table`), one per row below
    its header, all located at ``location`` (the cell the table is nested in); ``()`` when the
    table is not one."""
    found = _indicator_columns(rows)
    if found is None:
        return ()
    header, columns = found
    grid = Grid(rows, lambda row, column: location)
    cells = (_indicator_cells(grid, r, columns)[0] for r in range(header + 1, len(rows)))
    return tuple(cell for cell in cells if cell is not None)


@dataclass(slots=True)
class _Row:
    """A wide-layout row being read (it may still receive a page-break continuation)."""

    index: int
    name: LocatedText
    figures: list[str]
    goal: LocatedText
    indicators: LocatedText
    markup: bool
    raw: list[str]
    nested: tuple[IndicatorCells, ...] = ()


DEFAULT_COLUMNS = {"name": 0, "total": 1, "fiscal": 2, "special": 3, "other": 4, "goal": 5}
DEFAULT_COLUMNS["indicators"] = 6
"""The seven columns of the table in their usual order, for a table without a header row."""


def is_long(columns: dict[str, int]) -> bool:
    """Whether a column map is the long layout's: one row per indicator."""
    return "level3" in columns or ("level1" in columns and any(k in columns for k in PERIODS))


def read_grid(grid: Grid, table: SourceTable, header: int | None) -> None:
    """Read the rows below the header row ``header`` of ``grid`` into ``table``.

    Without a header row (``None``) every row is read in the usual column order, with a note.
    """
    for text, location in grid.preamble:
        _preamble_cell(text, location, table)
    if header is None:
        end, columns = 0, dict(DEFAULT_COLUMNS)
    else:
        for r in range(header):
            for c, text in enumerate(grid.texts[r]):
                if text.strip() and (r, c) not in grid.anchors:
                    _preamble_cell(text, grid.locate(r, c), table)
        end = _header_end(grid, header)
        columns = header_columns(grid, header, end, table)
    long = is_long(columns)
    data = [r for r in range(end, len(grid.texts)) if _is_data_row(grid, r, columns, table)]
    if header is None and data:
        table.notes.append(
            Note(
                "没有找到表头行（项目名称…），按默认列序读取", grid.locate(data[0], 0), "no-header"
            )
        )
    if long:
        _read_long(grid, data, columns, table)
    else:
        _read_wide(grid, data, columns, table)
    read = (
        {(r, columns["indicators"]) for r in data}
        if "indicators" in columns and not long
        else set()
    )
    for (r, c), cells in grid.nested.items():
        if (r, c) not in read and cells:
            table.notes.append(
                Note(
                    "嵌套在单元格中的指标表未读取（只读取“绩效指标”单元格中嵌套的指标表）",
                    grid.locate(r, c),
                    "unplaced",
                    "；".join(cell.name for cell in cells)[:60],
                )
            )


def _preamble_cell(text: str, location: Location, table: SourceTable) -> None:
    """Take the department or amount unit from a cell or line above the table."""
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        department = DEPARTMENT.match(stripped)
        if department:
            _take_department(department.group("name").strip(), stripped, location, table)
            take_amount_unit(department.group("unit"), stripped, location, table)
            continue
        unit = AMOUNT_UNIT.match(stripped)
        if unit:
            take_amount_unit(unit.group("unit"), stripped, location, table)
            continue
        if TITLE.match(stripped):
            table.title = table.title or stripped
            continue
        if PAGE_FOOTER.match(stripped):
            continue
        table.notes.append(Note("表头之前的文字无法归属", location, "unplaced", stripped[:60]))


def _take_department(name: str, text: str, location: Location, table: SourceTable) -> None:
    """The table's department is ``name``, unless an earlier line named it: a different name
    there (a sheet or table per unit, each headed 单位名称：…) is an error note, since the
    rows below it are not read as that unit's."""
    if not name or name == table.department:
        return
    if table.department is None:
        table.department = name
        return
    table.notes.append(
        Note(
            f"表头之前的名称与前文不一致：前文为“{table.department}”，此处为“{name}”；"
            "其下的项目未归入该单位（应有单位行或单位名称列）",
            location,
            "department-conflict",
            text[:60],
        )
    )


def _has_amount(cells: list[str]) -> bool:
    return any(parse_amount(c) is not None for c in cells if c.strip())


def _header_end(grid: Grid, header: int) -> int:
    """The first row after the header band (the header row and up to two sub-header rows: two
    or more cells, each a header word, no money figure)."""
    end = header + 1
    while end < len(grid.texts) and end <= header + 2:
        filled = [compact(text) for text in grid.texts[end]]
        filled = [text for text in filled if text]
        if len(filled) < 2 or _has_amount(filled) or not all(is_header_word(c) for c in filled):
            break
        end += 1
    return end


def _band_labels(grid: Grid, header: int, end: int) -> list[list[str]]:
    """The header band's cells (whitespace removed) row by row, on the band's full width.

    A group header written once over its columns without a merge (a CSV of a merged header:
    ``金额,,,`` over ``总计,财政拨款,…``) is carried right over the columns under it: an empty
    cell takes its left neighbour's text when both have a sub-header below them.
    """
    width = max(len(grid.texts[r]) for r in range(header, end))
    rows = [[compact(grid.text(r, c)) for c in range(width)] for r in range(header, end)]
    for k in range(len(rows) - 1):
        row, below = rows[k], rows[k + 1]
        for c in range(1, width):
            unmerged = (header + k, c) not in grid.anchors
            if unmerged and not row[c] and below[c] and row[c - 1] and below[c - 1]:
                row[c] = row[c - 1]
    return rows


def header_columns(
    grid: Grid, header: int, end: int, table: SourceTable | None = None
) -> dict[str, int]:
    """Map column keys (``name``, ``total``, …, ``goal``, ``level1`` …) to column indexes.

    Each column is named by its header band's cells from the bottom up: the lowest cell that
    holds a column word names it (:func:`column_word`), a ``实施周期``/``年度`` above or before
    it says which value it is. Two columns naming the same key: the one whose word covers more of
    its cell wins (``项目名称`` over ``项目概况``), then the first. Spacer, 序号 and code columns
    are mapped too, so that they are not read as stray text. A ``单位`` column right of a value
    column is that value's 度量单位. Without a 项目名称 column, a 单位名称 column is the name
    column. A header cell giving the amount unit (``单位：万元``,
    ``金额（万元）``) sets ``table.amount_unit``.
    """
    rows = _band_labels(grid, header, end)
    candidates: list[tuple[float, int, int, str]] = []
    for c in range(len(rows[0])):
        parts: list[str] = []
        for row in rows:
            if row[c] and (not parts or parts[-1] != row[c]):
                parts.append(row[c])
        if table is not None:
            for part in parts:
                _amount_unit_label(part, grid.locate(header, c), table)
        named = _column_key(parts)
        if named is not None:
            key, coverage = named
            if (
                key == "unit"
                and parts[-1] == "单位"
                and any(k in PERIODS for _, column, _, k in candidates if column < c)
            ):
                key = "measure"  # 指标值 | 单位: the value's unit, not a 单位名称
            candidates.append((-coverage, c, len(candidates), key))
    columns: dict[str, int] = {}
    for _, c, _, key in sorted(candidates):
        columns.setdefault(key, c)
    if "name" not in columns and "unit" in columns:
        columns["name"] = columns.pop("unit")
    columns.setdefault("name", 0)
    return columns


def _column_key(parts: list[str]) -> tuple[str, float] | None:
    """The key a column's header cells (top to bottom) name, and how much of its cell the word
    covers; ``None`` when no cell names a column."""
    for k in range(len(parts) - 1, -1, -1):
        found = column_word(parts[k])
        if found is None:
            continue
        key, period, length = found
        if not period:
            for part in parts[:k] + parts[k + 1 :]:
                qualifier = _QUALIFIER_PATTERN.search(part)
                if qualifier is not None:
                    period = _QUALIFIER_KEY[qualifier.group()]
        if period and key in QUALIFIED:
            key = QUALIFIED[key].format(period)
        return key, length / len(parts[k])
    return None


def _amount_unit_label(cell: str, location: Location, table: SourceTable) -> None:
    """Take the amount unit from a header cell that gives it (``单位：万元``, ``金额（万元）``)."""
    found = AMOUNT_UNIT.match(cell) or _AMOUNT_UNIT_LABEL.search(cell)
    if found is not None:
        take_amount_unit(found.group("unit"), cell, location, table)


def _is_data_row(grid: Grid, r: int, columns: dict[str, int], table: SourceTable) -> bool:
    """Whether a row below the header carries table content (not blank, header, title, footer)."""
    anchors = grid.anchors
    stripped = [(c, text.strip()) for c, text in enumerate(grid.texts[r]) if text]
    filled = [(c, text) for c, text in stripped if text and (r, c) not in anchors]
    if not filled:
        return False
    texts = [text for _, text in filled]
    if len(filled) == 1:
        text = texts[0]
        if PAGE_FOOTER.match(text) or TITLE.match(text):
            return False
        if DEPARTMENT.match(text) or AMOUNT_UNIT.match(text):
            _preamble_cell(text, grid.locate(r, filled[0][0]), table)
            return False
    return not (_repeats_header(filled, columns) and not _has_amount(texts))


def _repeats_header(filled: list[tuple[int, str]], columns: dict[str, int]) -> bool:
    """Whether a row's filled cells repeat the column header (on a new page, or a sub-header):
    its first cell starts like a name column's header, or it has two or more cells, each a
    header word."""
    if compact(filled[0][1]).startswith(NAME_HEADERS):
        return True
    return len(filled) >= 2 and all(is_header_word(compact(text)) for _, text in filled)


def _text_cell(grid: Grid, r: int, column: int | None) -> tuple[LocatedText, bool]:
    """A goal or indicator cell's located text without line breaks and markup."""
    if column is None:
        return LocatedText(), False
    located = grid.cell(r, column)
    text = located.text
    if "\n" in text or "\r" in text:
        pieces = [(i, ch) for i, ch in enumerate(text) if ch not in "\r\n"]
        located = _keep(located, [i for i, _ in pieces])
    if "<" not in located.text:
        return located, False
    pieces, markup = split_markup(located.text)
    if markup:
        result = LocatedText()
        for offset, piece in pieces:
            result = result + located.slice(offset, offset + len(piece))
        located = result
    return located, markup


def _plain_cell(grid: Grid, r: int, column: int) -> tuple[str, bool]:
    """A cell's text without line breaks and markup (no locations), and whether it had markup."""
    text = grid.text(r, column).replace("\r", "").replace("\n", "")
    if "<" not in text:
        return text, False
    pieces, markup = split_markup(text)
    return "".join(piece for _, piece in pieces), markup


def _keep(located: LocatedText, offsets: list[int]) -> LocatedText:
    """The located text of the characters at ``offsets`` (ascending)."""
    result = LocatedText()
    start = previous = None
    for offset in [*offsets, None]:
        if start is not None and (offset is None or offset != previous + 1):
            result = result + located.slice(start, previous + 1)
            start = None
        if offset is not None and start is None:
            start = offset
        previous = offset
    return result


def _name_column(grid: Grid, r: int, columns: dict[str, int]) -> int:
    """The column that names row ``r``: the name column, or the 单位名称 column when the name
    cell is empty (the row of a unit in a flat export)."""
    column = columns["name"]
    unit = columns.get("unit")
    if unit is not None and not grid.text(r, column).strip() and grid.text(r, unit).strip():
        return unit
    return column


def _name_cell(grid: Grid, r: int, columns: dict[str, int]) -> LocatedText:
    """A row's name cell: lines stripped and joined, located at its first character."""
    column = _name_column(grid, r, columns)
    located = grid.cell(r, column)
    text = located.text
    if "\n" not in text and text == text.strip():
        return located
    parts = [part.strip() for part in text.split("\n")]
    name = "".join(parts)
    if name == text:
        return located
    start = located.locate(len(text) - len(text.lstrip()))
    return LocatedText.join([(name, start or grid.locate(r, column), False)])


def _amount_texts(grid: Grid, r: int, columns: dict[str, int]) -> list[str]:
    """The four amount cells of a row as written (whitespace removed), before checking."""
    texts = [grid.text(r, columns.get(key)) for key in AMOUNT_KEYS]
    return [compact(text) if text else text for text in texts]


def _checked(
    texts: list[str], grid: Grid, r: int, columns: dict[str, int], table: SourceTable
) -> list[str]:
    """The amount texts with every one that is not a money figure noted and left out."""
    figures = []
    for key, text in zip(AMOUNT_KEYS, texts, strict=True):
        if text and parse_amount(text) is None:
            table.notes.append(
                Note(
                    f"金额单元格不是数字：{text[:30]}",
                    grid.locate(r, columns.get(key, columns["name"])),
                    "bad-amount",
                    text,
                )
            )
            text = ""
        figures.append(text)
    return figures


def _unplaced(grid: Grid, r: int, known: set[int], table: SourceTable) -> None:
    """Note the cells of row ``r`` outside the ``known`` (mapped) columns that hold text."""
    for c, text in enumerate(grid.texts[r]):
        if c not in known and text.strip() and (r, c) not in grid.anchors:
            table.notes.append(
                Note("表头之外的列有内容，未读取", grid.locate(r, c), "unplaced", text.strip()[:60])
            )


def _read_wide(grid: Grid, data: list[int], columns: dict[str, int], table: SourceTable) -> None:
    rows: list[_Row] = []
    previous_data = -1
    known = set(columns.values())
    for r in data:
        _unplaced(grid, r, known, table)
        name = _name_cell(grid, r, columns)
        figures = _amount_texts(grid, r, columns)
        goal, goal_markup = _text_cell(grid, r, columns.get("goal"))
        indicators, indicator_markup = _text_cell(grid, r, columns.get("indicators"))
        after_break = any(previous_data < b <= r for b in grid.breaks)
        previous_data = r
        row = _Row(
            r,
            name,
            figures,
            goal,
            indicators,
            goal_markup or indicator_markup,
            _row_texts(grid, r),
            grid.nested.get((r, columns["indicators"]), ()) if "indicators" in columns else (),
        )
        if rows and after_break and _continues(rows[-1].figures, figures):
            _continue(rows[-1], row)
            continue
        has_body = bool(goal.text.strip() or indicators.text.strip() or row.nested)
        if rows and not any(figures) and not name.text and has_body:
            table.notes.append(
                Note(
                    "没有名称的行已并入上一行（疑为跨行续写）",
                    grid.locate(r, columns["name"]),
                    "continuation",
                )
            )
            _continue(rows[-1], row)
            continue
        rows.append(row)
    for row in rows:
        table.rows.append(_source_row(grid, row, columns, table))


def _row_texts(grid: Grid, r: int) -> list[str]:
    """The texts row ``r`` shows, a merged range's in every cell it covers."""
    if not grid.anchors:
        return list(grid.texts[r])
    return [grid.text(r, c) for c in range(len(grid.texts[r]))]


def _continues(previous: list[str], figures: list[str]) -> bool:
    """Whether a row right after a page break continues the row before it.

    It does when it has no amounts, or when an amount of the row before was cut by the break
    (``1,246.5`` on one page, ``4`` on the next: only the two together are a money figure).
    """
    if not any(figures):
        return True
    return any(
        before and after and not AMOUNT_TOKEN.match(before) and AMOUNT_TOKEN.match(before + after)
        for before, after in zip(previous, figures, strict=True)
    )


def _continue(previous: _Row, row: _Row) -> None:
    """Append a continuation row's cells to the row it continues."""
    previous.figures = [a + b for a, b in zip(previous.figures, row.figures, strict=True)]
    previous.name = previous.name + row.name
    previous.goal = previous.goal + row.goal
    previous.indicators = previous.indicators + row.indicators
    previous.markup = previous.markup or row.markup
    previous.raw = [a + b for a, b in itertools.zip_longest(previous.raw, row.raw, fillvalue="")]
    previous.nested = previous.nested + row.nested


def _source_row(grid: Grid, row: _Row, columns: dict[str, int], table: SourceTable) -> SourceRow:
    location = row.name.locate(0) or grid.locate(row.index, columns["name"])
    has_indicators = bool(row.indicators.text.strip())
    figures = _checked(row.figures, grid, row.index, columns, table)
    if row.nested and has_indicators:
        table.notes.append(
            Note(
                "绩效指标单元格中嵌套表格之外的文字未读取",
                row.indicators.locate(0) or grid.locate(row.index, columns["indicators"]),
                "unplaced",
                row.indicators.text.strip()[:60],
            )
        )
    return SourceRow(
        name=row.name.text,
        amounts=amounts_from_figures(figures, positional=False),
        location=location,
        body=row.goal if row.nested else row.goal + row.indicators,
        goal_cell_end=len(row.goal.text) + (0 if has_indicators and not row.nested else 1),
        markup=row.markup,
        raw="\t".join(row.raw),
        indicator_cells=row.nested,
        **_unit_cell(grid, row.index, columns),
    )


def _read_long(grid: Grid, data: list[int], columns: dict[str, int], table: SourceTable) -> None:
    name_column = columns["name"]
    merged_names = any(c == name_column for (_, c) in grid.anchors)
    groups: list[list[int]] = []
    known = set(columns.values())
    for r in data:
        _unplaced(grid, r, known, table)
        covered = (r, name_column) in grid.anchors
        named = grid.text(r, _name_column(grid, r, columns)).strip()
        starts = not covered and bool(named)
        if (
            starts
            and groups
            and not merged_names
            and _same_project(grid, groups[-1][0], r, columns)
        ):
            starts = False
        if starts and groups and any(groups[-1][0] < b <= r for b in grid.breaks):
            starts = _has_amount(_amount_texts(grid, r, columns))
        if starts or not groups:
            groups.append([r])
        else:
            groups[-1].append(r)
    for group in groups:
        table.rows.append(_group_row(grid, group, columns, table))


def _same_project(grid: Grid, first: int, r: int, columns: dict[str, int]) -> bool:
    """Whether row ``r`` continues the project of row ``first`` (unmerged long layouts): it
    repeats the project's cells or leaves them blank (the goal or the amounts written on the
    first row only), and its indicator is not the project's first one again (a project listed
    twice, as in a duplicated row block, is two projects)."""
    keys = ("unit", "project_code", "name", *AMOUNT_KEYS, "goal")
    for key in keys:
        if key in columns:
            text = grid.text(r, columns[key])
            if text.strip() and text != grid.text(first, columns[key]):
                return False
    indicator_keys = [k for k in ("level1", "level2", "level3", *PERIODS) if k in columns]
    texts = [grid.text(first, columns[k]) for k in indicator_keys]
    return not any(texts) or texts != [grid.text(r, columns[k]) for k in indicator_keys]


def _group_row(
    grid: Grid, group: list[int], columns: dict[str, int], table: SourceTable
) -> SourceRow:
    """One project (or unit, or 合计) of the long layout from its rows."""
    first = group[0]
    name = _name_cell(grid, first, columns)
    figures = _checked(_amount_texts(grid, first, columns), grid, first, columns, table)
    goal, markup = _text_cell(grid, first, columns.get("goal"))
    cells: list[IndicatorCells] = []
    for r in group:
        indicator, indicator_markup = _indicator_cells(grid, r, columns)
        if indicator is not None:
            markup = markup or indicator_markup
            cells.append(indicator)
    body = goal
    if not cells and "indicators" in columns:
        indicators, indicator_markup = _text_cell(grid, first, columns["indicators"])
        body, markup = goal + indicators, markup or indicator_markup
    location = name.locate(0) or grid.locate(first, columns["name"])
    return SourceRow(
        name=name.text,
        amounts=amounts_from_figures(figures, positional=False),
        location=location,
        body=body,
        goal_cell_end=len(goal.text) + 1,
        markup=markup,
        raw="\n".join("\t".join(grid.texts[r]) for r in group),
        indicator_cells=tuple(cells),
        **_unit_cell(grid, first, columns),
    )


def _unit_cell(grid: Grid, r: int, columns: dict[str, int]) -> dict:
    """The ``unit`` and ``unit_location`` of a row of a table with a 单位名称 column (as
    :class:`SourceRow` keywords; none for a row the unit column names itself)."""
    unit = columns.get("unit")
    if unit is None or _name_column(grid, r, columns) == unit:
        return {}
    return {"unit": _name_cell(grid, r, {"name": unit}).text, "unit_location": grid.locate(r, unit)}


def _indicator_cells(
    grid: Grid, r: int, columns: dict[str, int]
) -> tuple[IndicatorCells | None, bool]:
    """The indicator on row ``r`` of the long layout (``None`` if the row has none), and
    whether its cells had markup.

    A code column (一级指标代码) gives its level's code (``1`` and ``产出指标`` read as
    ``1-产出指标``); split value columns (计算符号, 指标值, 度量单位) are one value
    (:func:`_split_value`), located at its 指标值 cell.
    """
    texts: dict[str, str] = {}
    markup = False
    for key in ("level1", "level1_code", "level2", "level2_code", "level3", *PERIODS):
        column = columns.get(key)
        if column is not None:
            texts[key], found = _plain_cell(grid, r, column)
            markup = markup or found
    values: dict[str, str | None] = {}
    for period in PERIODS:
        if period in texts:
            values[period] = _split_value(grid, r, columns, period, texts[period])
    name = texts.get("level3", "")
    if not (name.strip() or any(v and v.strip() for v in values.values())):
        return None, False
    anchor = columns.get("level3", columns.get("level1", columns["name"]))
    value_locations = {p: grid.locate(r, columns[p]) for p in values}
    indicator = IndicatorCells(
        level1=_coded(texts.get("level1_code", ""), texts.get("level1", "")),
        level2=_coded(texts.get("level2_code", ""), texts.get("level2", "")),
        name=name,
        location=grid.locate(r, anchor),
        cycle=values.get("cycle"),
        annual=values.get("annual"),
        value=values.get("value"),
        cycle_location=value_locations.get("cycle") or value_locations.get("value"),
        annual_location=value_locations.get("annual") or value_locations.get("value"),
    )
    return indicator, markup


def _coded(code: str, level: str) -> str:
    """An 一级/二级 indicator cell with the code of its code column: ``1-产出指标``."""
    code, level = code.strip(), level.strip()
    if not code or level.startswith(code):
        return level
    return f"{code}-{level}"


def _split_value(grid: Grid, r: int, columns: dict[str, int], period: str, value: str) -> str:
    """A value written in split columns as one value: 计算符号 + 指标值 + 度量单位 (``≥`` ``95``
    ``%`` is ``≥95%``; a 计算符号 written as a word, 大于等于, is its symbol). The period's own
    计算符号/度量单位 columns (实施周期/年度) come first, else the table's shared ones; a value
    that already starts with its symbol or ends with its unit keeps it once. An empty value stays
    empty.
    """
    if not value.strip():
        return value
    value = value.strip()
    operator = measure = ""
    for key in (f"{period}_operator", "operator"):
        if key in columns:
            operator = compact(grid.text(r, columns[key]))
            break
    for key in (f"{period}_measure", "measure"):
        if key in columns:
            measure = compact(grid.text(r, columns[key]))
            break
    operator = OPERATOR_WORDS.get(operator, operator)
    if operator and not value.startswith(operator):
        value = operator + value
    if measure and not value.endswith(measure):
        value += measure
    return value

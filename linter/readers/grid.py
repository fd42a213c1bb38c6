"""Tables given as cells (spreadsheets, Word tables, PDF tables) read into rows for the grammar.

Each cell reader (``excel``, ``word``, ``pdf``) builds a :class:`Grid`; :func:`read_grid` finds the
column header (项目名称 … 绩效目标/绩效指标, on one or two rows), maps the columns by their labels
and reads either layout:

* **wide** — one row per project, the 绩效目标 and the 绩效指标 each in one cell (the seeds' layout);
* **long** — one row per indicator with 一级指标/二级指标/三级指标/指标值 columns, the project's
  cells (name, amounts, goal) merged vertically or written on its first row only.

Rows above the header give the department and the amount unit. Header rows repeated further down
(on every page of a PDF or Word table) are dropped, and a row that a page break split in two
(``Grid.breaks``) is merged back into the row it continues.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from linter.grammar import IndicatorCells, SourceRow, SourceTable
from linter.located import LocatedText
from linter.model import Location, Note
from linter.readers.common import (
    AMOUNT_TOKEN,
    AMOUNT_UNIT,
    DEPARTMENT,
    PAGE_FOOTER,
    TITLE,
    amounts_from_figures,
    parse_amount,
    split_markup,
)

HEADER_SCAN_ROWS = 30
"""How many rows from the top of a sheet or page are searched for the column header."""

AMOUNT_KEYS = ("total", "fiscal", "special", "other")
TEXT_KEYS = ("goal", "indicators", "level1", "level2", "level3", "cycle", "annual", "value")

COLUMN_RULES = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        ("serial", r"^序号$"),
        ("level1", r"一级"),
        ("level2", r"二级"),
        ("level3", r"三级|指标名称"),
        ("cycle", r"实施周期"),
        ("annual", r"年度指标值|年度值|年度目标值"),
        ("value", r"指标值"),
        ("goal", r"绩效目标"),
        ("indicators", r"绩效指标"),
        ("name", r"项目名称|资金使用单位|单位名称|项目"),
        ("total", r"总计|合计"),
        ("fiscal", r"财政拨款"),
        ("special", r"财政专户"),
        ("other", r"其他"),
    )
)
"""Column label patterns, tried in this order on each column's label (all header rows joined)."""

HEADER_WORDS = (
    "项目名称（资金使用单位）",
    "资金使用单位",
    "资金来源",
    "总计",
    "财政拨款",
    "财政专户拨款",
    "其他资金",
    "年度绩效目标",
    "绩效目标",
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标名称",
    "指标值",
    "实施周期指标值",
    "年度指标值",
    "序号",
    "单位：万元",
    "（万元）",
)
"""Cells of column-header rows; a cell cut short by a narrow column (财政专户拨) still counts."""

_HEADER_WORD = re.compile(r"^(?:项目名称.*|[（(]?(?:金额)?(?:单位[:：])?万元[)）]?)$")


def is_header_word(cell: str) -> bool:
    """Whether a cell (whitespace removed) is a column-header word, or the start of one."""
    if _HEADER_WORD.match(cell):
        return True
    return any(word == cell or (len(cell) >= 2 and word.startswith(cell)) for word in HEADER_WORDS)


_WHITESPACE = re.compile(r"\s+")


def compact(text: str) -> str:
    """The text without any whitespace."""
    return _WHITESPACE.sub("", text)


def is_header_row(cells: list[str]) -> bool:
    """Whether a row (cell texts) is the table's column header: 项目名称 … 绩效…."""
    compacts = [compact(c) for c in cells]
    named = any(c.startswith(("项目名称", "资金使用单位")) for c in compacts)
    return named and any("绩效" in c for c in compacts)


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
    a table nested in a cell (Word), by the cell.
    """

    texts: list[list[str]]
    locate: Callable[[int, int], Location]
    anchors: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    breaks: frozenset[int] = frozenset()
    located: dict[tuple[int, int], LocatedText] = field(default_factory=dict)
    preamble: list[tuple[str, Location]] = field(default_factory=list)
    nested: dict[tuple[int, int], tuple[IndicatorCells, ...]] = field(default_factory=dict)

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
        return LocatedText.join([(self.text(*anchor), self.locate(*anchor), False)])


def _indicator_columns(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """The header row (first or second) and column map of an indicator table, if it has one."""
    grid = Grid(rows, lambda row, column: Location())
    for header in range(min(2, len(rows))):
        columns = _columns(grid, header, header + 1)
        values = any(key in columns for key in ("cycle", "annual", "value"))
        if "level3" in columns or ("level1" in columns and values):
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


def read_grid(grid: Grid, table: SourceTable, header: int) -> None:
    """Read the rows below the header row ``header`` of ``grid`` into ``table``."""
    for text, location in grid.preamble:
        _preamble_cell(text, location, table)
    for r in range(header):
        for c, text in enumerate(grid.texts[r]):
            if text.strip() and (r, c) not in grid.anchors:
                _preamble_cell(text, grid.locate(r, c), table)
    end = _header_end(grid, header)
    columns = _columns(grid, header, end)
    long = "level3" in columns or (
        "level1" in columns and any(k in columns for k in ("cycle", "annual", "value"))
    )
    data = [r for r in range(end, len(grid.texts)) if _is_data_row(grid, r, table)]
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
            table.department = table.department or department.group("name").strip() or None
            table.amount_unit = table.amount_unit or department.group("unit")
            continue
        unit = AMOUNT_UNIT.match(stripped)
        if unit:
            table.amount_unit = table.amount_unit or unit.group("unit")
            continue
        if TITLE.match(stripped) or PAGE_FOOTER.match(stripped):
            continue
        table.notes.append(Note("表头之前的文字无法归属", location, "unplaced", stripped[:60]))


def _has_amount(cells: list[str]) -> bool:
    return any(parse_amount(c) is not None for c in cells if c.strip())


def _header_end(grid: Grid, header: int) -> int:
    """The first row after the header block (the header row and up to two sub-header rows)."""
    end = header + 1
    while end < len(grid.texts) and end <= header + 2:
        cells = [compact(grid.texts[end][c]) for c in range(len(grid.texts[end]))]
        filled = [c for c in cells if c]
        if not filled or _has_amount(filled) or not all(is_header_word(c) for c in filled):
            break
        end += 1
    return end


def _columns(grid: Grid, header: int, end: int) -> dict[str, int]:
    """Map column keys (``name``, ``total``, …, ``goal``, ``level1`` …) to column indexes."""
    width = max(len(grid.texts[r]) for r in range(header, end))
    columns: dict[str, int] = {}
    for c in range(width):
        label = "".join(compact(grid.text(r, c)) for r in range(header, end))
        for key, pattern in COLUMN_RULES:
            if pattern.search(label):
                if key not in columns:
                    columns[key] = c
                break
    columns.setdefault("name", 0)
    return columns


def _is_data_row(grid: Grid, r: int, table: SourceTable) -> bool:
    """Whether a row below the header carries table content (not blank, header, title, footer)."""
    cells = grid.texts[r]
    filled = [
        (c, text.strip())
        for c, text in enumerate(cells)
        if text.strip() and (r, c) not in grid.anchors
    ]
    if not filled:
        return False
    texts = [text for _, text in filled]
    if not _has_amount(texts):
        compacts = [compact(t) for t in texts]
        if compacts[0].startswith(("项目名称", "资金使用单位")) or all(
            is_header_word(c) for c in compacts
        ):
            return False
    if len(filled) == 1:
        text = texts[0]
        if PAGE_FOOTER.match(text) or TITLE.match(text):
            return False
        if DEPARTMENT.match(text) or AMOUNT_UNIT.match(text):
            _preamble_cell(text, grid.locate(r, filled[0][0]), table)
            return False
    return True


def _text_cell(grid: Grid, r: int, column: int | None) -> tuple[LocatedText, bool]:
    """A goal or indicator cell's located text without line breaks and markup."""
    if column is None:
        return LocatedText(), False
    located = grid.cell(r, column)
    text = located.text
    if "\n" in text or "\r" in text:
        pieces = [(i, ch) for i, ch in enumerate(text) if ch not in "\r\n"]
        located = _keep(located, [i for i, _ in pieces])
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


def _name_cell(grid: Grid, r: int, column: int) -> LocatedText:
    """A name cell: lines stripped and joined, located at the cell."""
    located = grid.cell(r, column)
    parts = [part.strip() for part in located.text.split("\n")]
    name = "".join(parts)
    if name == located.text:
        return located
    return LocatedText.join([(name, located.locate(0) or grid.locate(r, column), False)])


def _amount_texts(grid: Grid, r: int, columns: dict[str, int]) -> list[str]:
    """The four amount cells of a row as written (whitespace removed), before checking."""
    return [compact(grid.text(r, columns.get(key))) for key in AMOUNT_KEYS]


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


def _unplaced(grid: Grid, r: int, columns: dict[str, int], table: SourceTable) -> None:
    known = set(columns.values())
    for c, text in enumerate(grid.texts[r]):
        if c not in known and text.strip() and (r, c) not in grid.anchors:
            table.notes.append(
                Note("表头之外的列有内容，未读取", grid.locate(r, c), "unplaced", text.strip()[:60])
            )


def _read_wide(grid: Grid, data: list[int], columns: dict[str, int], table: SourceTable) -> None:
    rows: list[_Row] = []
    previous_data = -1
    for r in data:
        _unplaced(grid, r, columns, table)
        name = _name_cell(grid, r, columns["name"])
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
            [grid.text(r, c) for c in range(len(grid.texts[r]))],
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
    )


def _read_long(grid: Grid, data: list[int], columns: dict[str, int], table: SourceTable) -> None:
    name_column = columns["name"]
    merged_names = any(c == name_column for (_, c) in grid.anchors)
    groups: list[list[int]] = []
    for r in data:
        _unplaced(grid, r, columns, table)
        covered = (r, name_column) in grid.anchors
        starts = not covered and bool(grid.text(r, name_column).strip())
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
    """Whether row ``r`` repeats the project cells of row ``first`` (unmerged long layouts)."""
    keys = ("name", *AMOUNT_KEYS, "goal")
    return all(
        grid.text(first, columns[k]) == grid.text(r, columns[k]) for k in keys if k in columns
    )


def _group_row(
    grid: Grid, group: list[int], columns: dict[str, int], table: SourceTable
) -> SourceRow:
    """One project (or unit, or 合计) of the long layout from its rows."""
    first = group[0]
    name = _name_cell(grid, first, columns["name"])
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
    )


def _indicator_cells(
    grid: Grid, r: int, columns: dict[str, int]
) -> tuple[IndicatorCells | None, bool]:
    """The indicator on row ``r`` of the long layout (``None`` if the row has none), and
    whether its cells had markup."""
    texts: dict[str, str | None] = {}
    markup = False
    for key in ("level1", "level2", "level3", "cycle", "annual", "value"):
        column = columns.get(key)
        if column is None:
            texts[key] = None
            continue
        texts[key], found = _plain_cell(grid, r, column)
        markup = markup or found
    name = texts["level3"] or ""
    values = (texts["cycle"], texts["annual"], texts["value"])
    if not (name.strip() or any(v and v.strip() for v in values)):
        return None, False
    anchor = columns.get("level3", columns.get("level1", columns["name"]))
    indicator = IndicatorCells(
        level1=texts["level1"] or "",
        level2=texts["level2"] or "",
        name=name,
        location=grid.locate(r, anchor),
        cycle=texts["cycle"],
        annual=texts["annual"],
        value=texts["value"],
    )
    return indicator, markup

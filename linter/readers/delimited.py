"""Reader for delimited exports: TSV (cells taken literally, unless its multi-line cells are
quoted as Excel writes them) and CSV (RFC 4180 quoting).

The column header row (项目名称… 总计 … 绩效目标 绩效指标) tells which column is which; lines
before it (title, department, amount unit) are header facts. Every later record is a row.
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import NamedTuple

from linter.grammar import SourceRow, SourceTable
from linter.located import LocatedText
from linter.model import AMOUNT_FIELDS, Location, Note
from linter.readers.common import (
    AMOUNT_UNIT,
    DEPARTMENT,
    HEADER_START,
    PAGE_FOOTER,
    TITLE,
    amounts_from_figures,
    parse_amount,
    split_markup,
)

COLUMN_LABELS = (
    ("name", re.compile(r"项目名称|资金使用单位|项目")),
    ("total", re.compile(r"总计|合计")),
    ("fiscal", re.compile(r"财政拨款")),
    ("special", re.compile(r"财政专户")),
    ("other", re.compile(r"其他")),
    ("goal", re.compile(r"绩效目标")),
    ("indicators", re.compile(r"绩效指标")),
)
DEFAULT_COLUMNS = {key: i for i, (key, _) in enumerate(COLUMN_LABELS)}


class Cell(NamedTuple):
    """One cell's text and where its first character is (1-based line and column).

    ``escapes`` are the offsets in ``text`` of quotes that were written doubled (``""``): each
    shifts the source column of the characters after it, on its line, by one.
    """

    text: str
    line: int
    column: int
    escapes: tuple[int, ...] = ()
    unclosed: bool = False
    """A quoted cell whose closing quote never came: it runs to the end of the file."""


def split_records(text: str, delimiter: str, quoting: bool) -> list[list[Cell]]:
    """Split delimited text into records of located cells.

    With ``quoting`` a cell that starts with ``"`` runs to the closing quote (``""`` is a literal
    quote, newlines allowed inside); without it every character is literal (TSV exports put
    “”/" in cells freely).
    """
    if not quoting or '"' not in text:
        return [
            _literal_cells(line, number, delimiter)
            for number, line in enumerate(text.split("\n"), start=1)
        ]
    records: list[list[Cell]] = []
    record: list[Cell] = []
    stops = _Stops(text, delimiter)
    line, column = 1, 1
    i, n = 0, len(text)
    while i <= n:
        start_line, start_column = line, column
        escapes: list[int] = []
        closed = True
        if quoting and i < n and text[i] == '"':
            chunks: list[str] = []
            length = 0
            closed = False
            i += 1
            column += 1
            start_column += 1
            while i < n:
                quote = text.find('"', i)
                end = n if quote == -1 else quote
                chunk = text[i:end]
                chunks.append(chunk)
                length += len(chunk)
                newlines = chunk.count("\n")
                if newlines:
                    line += newlines
                    column = len(chunk) - chunk.rfind("\n")
                else:
                    column += len(chunk)
                i = end
                if quote == -1:
                    break
                if quote + 1 < n and text[quote + 1] == '"':
                    escapes.append(length)
                    chunks.append('"')
                    length += 1
                    i = quote + 2
                    column += 2
                    continue
                i = quote + 1
                column += 1
                closed = True
                break
            stop = stops.next(i)
            chunks.append(text[i:stop])
            column += stop - i
            i = stop
            value = "".join(chunks)
        else:
            stop = stops.next(i)
            value = text[i:stop]
            column += stop - i
            i = stop
        record.append(Cell(value, start_line, start_column, tuple(escapes), not closed))
        if i >= n:
            records.append(record)
            break
        if text[i] == "\n":
            records.append(record)
            record = []
            line, column = line + 1, 1
        else:
            column += 1
        i += 1
    return records


def _literal_cells(line: str, number: int, delimiter: str) -> list[Cell]:
    """The cells of line ``number`` when every character of it is literal (no quoted cell)."""
    cells: list[Cell] = []
    column = 1
    for value in line.split(delimiter):
        cells.append(Cell(value, number, column))
        column += len(value) + 1
    return cells


class _Stops:
    """The next delimiter or newline at or after a position; each is searched for once.

    Positions only grow while splitting, so remembering the last hits keeps the split linear even
    when a file has no delimiter (or no newline) for megabytes.
    """

    def __init__(self, text: str, delimiter: str) -> None:
        self.text = text
        self.delimiter = delimiter
        self.delimiter_at = -1
        self.newline_at = -1

    def next(self, i: int) -> int:
        """The position of the first delimiter or newline at or after ``i`` (else the end)."""
        n = len(self.text)
        if self.delimiter_at < i:
            found = self.text.find(self.delimiter, i)
            self.delimiter_at = n if found == -1 else found
        if self.newline_at < i:
            found = self.text.find("\n", i)
            self.newline_at = n if found == -1 else found
        return min(self.delimiter_at, self.newline_at)


_EXCEL_QUOTED_CELL = re.compile(r'(?:^|\t)"(?:[^"\n]|"")*\n(?:[^"]|"")*"(?=\t|\r?\n|$)', re.M)
"""A tab-separated cell quoted the way Excel and WPS write one that holds a line break."""


def excel_quoted(text: str) -> bool:
    """Whether a TSV quotes its multi-line cells as Excel's "Unicode 文本" and copied cells do.

    Detected from the content: a cell that starts with ``"`` right after a tab or a line start,
    runs over a line break and ends with ``"`` before a tab or the line end. Without such a cell
    a TSV's quotes are literal text (exports put “”/" in cells freely).
    """
    return '\t"' in text and _EXCEL_QUOTED_CELL.search(text) is not None


def read_delimited(text: str, path: str, delimiter: str) -> SourceTable:
    """Read a TSV (``delimiter='\\t'``) or CSV (``','``) export into rows for the grammar."""
    table = SourceTable(path=path, format="delimited")
    records = split_records(text, delimiter, quoting=delimiter != "\t" or excel_quoted(text))
    columns: dict[str, int] | None = None
    read: frozenset[int] = frozenset()
    for record in records:
        for cell in record:
            if cell.unclosed:
                table.notes.append(
                    Note(
                        "引号未闭合：从这里到文件末尾都读成了一个单元格",
                        Location(line=cell.line, column=cell.column - 1),
                        "unclosed-quote",
                        cell.text.strip()[:60],
                    )
                )
        cells = [c.text.strip() for c in record]
        if not any(cells):
            continue
        first = cells[0]
        if columns is None and HEADER_START.match(first):
            columns = _columns_from_header(cells)
            read = frozenset(columns.values())
            continue
        if columns is not None and HEADER_START.match(first):
            continue
        if len([c for c in cells if c]) == 1 and _is_header_fact(first, table):
            continue
        if columns is None:
            columns = dict(DEFAULT_COLUMNS)
            table.notes.append(
                Note(
                    "没有找到表头行（项目名称…），按默认列序读取",
                    Location(line=record[0].line, column=1),
                    "no-header",
                )
            )
            read = frozenset(columns.values())
        _read_record(table, record, columns, read)
    return table


def _columns_from_header(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        compact = re.sub(r"\s+", "", cell)
        for key, pattern in COLUMN_LABELS:
            if key not in columns and pattern.search(compact):
                columns[key] = index
                break
    for key, index in DEFAULT_COLUMNS.items():
        columns.setdefault(key, index)
    return columns


def _is_header_fact(text: str, table: SourceTable) -> bool:
    department = DEPARTMENT.match(text)
    if department:
        table.department = table.department or department.group("name").strip() or None
        table.amount_unit = table.amount_unit or department.group("unit")
        return True
    unit = AMOUNT_UNIT.match(text)
    if unit:
        table.amount_unit = table.amount_unit or unit.group("unit")
        return True
    return bool(TITLE.match(text) or PAGE_FOOTER.match(text))


def _cell(record: list[Cell], index: int) -> Cell | None:
    return record[index] if index < len(record) else None


def _read_record(
    table: SourceTable, record: list[Cell], columns: dict[str, int], read: frozenset[int]
) -> None:
    """Read one record into a row (or onto the previous row); ``read`` are the columns' indices."""
    name_cell = _cell(record, columns["name"])
    name = _one_line(name_cell.text) if name_cell else ""
    figures: list[str] = []
    for key in AMOUNT_FIELDS:
        cell = _cell(record, columns[key])
        text = cell.text.strip() if cell else ""
        if text and parse_amount(text) is None:
            table.notes.append(
                Note(
                    f"金额单元格不是数字：{text[:30]}",
                    Location(line=cell.line, column=cell.column),
                    "bad-amount",
                    text,
                )
            )
            text = ""
        figures.append(text)
    goal, goal_markup = _located_cell(_cell(record, columns["goal"]))
    indicators, indicator_markup = _located_cell(_cell(record, columns["indicators"]))
    location = _first_char(name_cell or record[0])
    for index, cell in enumerate(record):
        if index not in read and cell.text.strip():
            table.notes.append(
                Note(
                    "表头之外的列有内容，未读取",
                    Location(line=cell.line, column=cell.column),
                    "unplaced",
                    cell.text.strip()[:60],
                )
            )
    if not name and (goal.text.strip() or indicators.text.strip()) and table.rows:
        previous = table.rows[-1]
        table.notes.append(
            Note("没有名称的行已并入上一行（疑为跨行续写）", location, "continuation")
        )
        table.rows[-1] = SourceRow(
            name=previous.name,
            amounts=previous.amounts,
            location=previous.location,
            body=previous.body + goal + indicators,
            goal_cell_end=previous.goal_cell_end,
            markup=previous.markup or goal_markup or indicator_markup,
            raw=previous.raw,
        )
        return
    table.rows.append(
        SourceRow(
            name=name,
            amounts=amounts_from_figures(figures, positional=False),
            location=location,
            body=goal + indicators,
            goal_cell_end=len(goal.text) if indicators.text.strip() else len(goal.text) + 1,
            markup=goal_markup or indicator_markup,
            raw="\t".join([cell.text for cell in record]),
        )
    )


def _one_line(text: str) -> str:
    """A cell's lines stripped and joined (a name wrapped in its cell)."""
    if "\n" not in text:
        return text.strip()
    return "".join(part.strip() for part in text.split("\n"))


def _source_position(cell: Cell, offset: int) -> Location:
    """The source line and column of the character at ``offset`` in a cell's text."""
    if not cell.escapes and cell.text.find("\n", 0, offset) == -1:
        return Location(line=cell.line, column=cell.column + offset)
    return _Positions(cell).at(offset)


class _Positions:
    """Source locations of offsets in one cell, asked for in increasing order (one pass)."""

    def __init__(self, cell: Cell) -> None:
        self.cell = cell
        self.scanned = 0
        self.lines = 0
        self.line_start = -1

    def at(self, offset: int) -> Location:
        """Where the character at ``offset`` is: a doubled quote before it on its line shifts it."""
        text = self.cell.text
        newlines = text.count("\n", self.scanned, offset)
        if newlines:
            self.lines += newlines
            self.line_start = text.rfind("\n", self.scanned, offset)
        self.scanned = offset
        column = self.cell.column + offset if self.line_start == -1 else offset - self.line_start
        escapes = self.cell.escapes
        column += bisect.bisect_left(escapes, offset) - bisect.bisect_right(
            escapes, self.line_start
        )
        return Location(line=self.cell.line + self.lines, column=column)


def _first_char(cell: Cell) -> Location:
    """Where the first non-blank character of a cell is."""
    stripped = cell.text.lstrip()
    return _source_position(cell, len(cell.text) - len(stripped))


def _located_cell(cell: Cell | None) -> tuple[LocatedText, bool]:
    """A cell's text without markup, located piece by piece (split at line ends and escapes)."""
    if cell is None:
        return LocatedText(), False
    if not cell.escapes and "\n" not in cell.text and "<" not in cell.text:
        return LocatedText.run(cell.text, Location(line=cell.line, column=cell.column)), False
    pieces, markup = split_markup(cell.text)
    newlines = (match.end() for match in re.finditer("\n", cell.text))
    breaks = sorted({*newlines, *(e + 1 for e in cell.escapes)})
    positions = _Positions(cell)
    located: list[tuple[str, Location, bool]] = []
    for offset, piece in pieces:
        end = offset + len(piece)
        inner = breaks[bisect.bisect_right(breaks, offset) : bisect.bisect_left(breaks, end)]
        for start, stop in itertools.pairwise([offset, *inner, end]):
            part = cell.text[start:stop].replace("\n", "")
            located.append((part, positions.at(start), True))
    return LocatedText.join(located), markup

"""Reader for delimited exports: TSV (cells taken literally, unless its multi-line cells are
quoted as Excel writes them) and CSV (RFC 4180 quoting).

The records are read as a grid of cells, by the same header mapping and layouts as spreadsheets
(:mod:`linter.readers.grid`): the column header tells which column is which, wherever it is in
its first records and on one or two rows; records above it (title, department, amount unit) are
header facts. Every later record is a row.
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import NamedTuple

from linter.grammar import SourceTable
from linter.located import LocatedText
from linter.model import Location, Note
from linter.readers.grid import Grid, find_header, read_grid


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
    """Read a TSV (``delimiter='\\t'``) or CSV (``','``) export into rows for the grammar.

    The records are a grid of cells read like a sheet's (:func:`linter.readers.grid.read_grid`:
    the same header mapping, wide and long layouts); each cell is located at its line and
    column, character by character.
    """
    table = SourceTable(path=path, format="delimited")
    records = split_records(text, delimiter, quoting=delimiter != "\t" or excel_quoted(text))
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
    grid = records_grid(records)
    read_grid(grid, table, find_header(grid.texts, HEADER_SCAN_LINES))
    return table


HEADER_SCAN_LINES = 200
"""How many records from the top are searched for the column header."""


def records_grid(records: list[list[Cell]]) -> Grid:
    """The records as a grid: cells located at their first character, each character one
    column after the one before (a cell with line breaks or doubled quotes piece by piece)."""
    texts = [[cell.text for cell in record] for record in records]
    located = {
        (r, c): _located_text(cell)
        for r, record in enumerate(records)
        for c, cell in enumerate(record)
        if cell.escapes or "\n" in cell.text
    }

    def locate(row: int, column: int) -> Location:
        record = records[row]
        if column < len(record):
            cell = record[column]
            return Location(line=cell.line, column=cell.column)
        last = record[-1]
        return Location(line=last.line, column=last.column + len(last.text))

    return Grid(texts, locate, located=located, advance=True)


def _located_text(cell: Cell) -> LocatedText:
    """A cell's whole text located piece by piece (split after line ends and doubled quotes)."""
    text = cell.text
    newlines = (match.end() for match in re.finditer("\n", text))
    breaks = sorted({*newlines, *(e + 1 for e in cell.escapes)})
    positions = _Positions(cell)
    return LocatedText.join(
        (text[start:stop], positions.at(start), True)
        for start, stop in itertools.pairwise([0, *breaks, len(text)])
        if start < stop
    )


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

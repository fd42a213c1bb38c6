"""Reader for Word documents (.docx) via python-docx: the table cells, read directly.

The table starts at the first table whose first rows hold the column header; later tables with
the same number of columns (a table continued after a page break) or with the header again are
read on. A later table with another number of columns and no header cannot be matched to the
table's columns and is not read: a note names it, ``table-unread`` (an S05 error) when it holds a
money figure (it may hold projects), ``table-skipped`` (an S05 warning) when it holds text only.
A header row repeated inside a table is skipped. Paragraphs in a cell are joined with nothing in
between, like wrapped lines. Merged cells (``gridSpan``, ``vMerge``) show their first
cell's text. A table nested in a cell with its own indicator header (一级指标 … 三级指标, 指标值)
gives that cell's indicators, one a row, located at the cell; other nested tables are read as the
cell's text. A table that only frames the table (the table nested in one of its cells, the
title and department in others) is read through: the nested table is the table, the frame's
paragraphs the text above it. Locations are table (numbered in document order, nested tables
included), row and column (1-based); the paragraphs above the table, which give the department
and amount unit (and such paragraphs between tables: a document of one table per unit), are
located by paragraph number (``line``).
"""

from __future__ import annotations

import io

from linter.errors import InputError
from linter.grammar import SourceTable
from linter.model import Location, Note
from linter.readers.common import AMOUNT_TOKEN, AMOUNT_UNIT, DEPARTMENT
from linter.readers.grid import Grid, find_header, indicator_table, is_indicator_table, read_grid

MISSING_EXTRA = (
    "读取 Word 文件需要可选依赖：pip install 'jxlint[word]' (python-docx is not installed)"
)
_HEADER_ROWS = 5

Nested = dict[tuple[int, int], list[list[list[str]]]]
"""The rows of the indicator tables nested in a table's cells, by (row, column) of the cell."""


def read_word(data: bytes, path: str) -> SourceTable:
    """Read the table of a .docx file; raises :class:`InputError` when there is none."""
    try:
        import docx
        from docx.oxml.ns import qn
    except ImportError:
        raise InputError(path, MISSING_EXTRA) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several error types for broken files
        raise InputError(path, f"无法打开 docx 文件 (unreadable docx: {error})") from None
    body = document.element.body
    numbers = {element: k + 1 for k, element in enumerate(body.iter(qn("w:tbl")))}
    paragraphs: list[tuple[str, Location]] = []
    tables: list[tuple[int, list[list[str]], dict, Nested]] = []
    number = 0
    for element in body.iterchildren():
        if element.tag == qn("w:p"):
            number += 1
            text = paragraph_text(element, qn)
            if not tables or _is_header_fact(text):
                paragraphs.append((text, Location(line=number)))
        elif element.tag == qn("w:tbl"):
            inner = [(numbers[t], *_table_cells(t, qn)) for t in _tables_in_cells(element, qn)]
            if any(find_header(t[1], _HEADER_ROWS) is not None for t in inner):
                paragraphs.extend(_frame_text(element, numbers[element], qn))
                tables.extend(inner)
            else:
                tables.append((numbers[element], *_table_cells(element, qn)))
    start = next(
        (
            k
            for k, (_, texts, _, _) in enumerate(tables)
            if find_header(texts, _HEADER_ROWS) is not None
        ),
        None,
    )
    if start is None:
        raise InputError(
            path,
            "没有找到含表头（项目名称 … 绩效目标/绩效指标）的表格 (no table with the table header)",
        )
    width = max(len(row) for row in tables[start][1])
    table = SourceTable(path=path, format="docx")
    chosen = [tables[start]]
    for later in tables[start + 1 :]:
        later_width = max((len(row) for row in later[1]), default=0)
        if later_width == width or find_header(later[1], _HEADER_ROWS) is not None:
            chosen.append(later)
        else:
            _note_unread(later[0], later[1], later_width, width, table)
    grid = _grid(chosen, paragraphs)
    read_grid(grid, table, find_header(grid.texts))
    return table


def _is_header_fact(text: str) -> bool:
    """Whether a paragraph below a table states a department or an amount unit (the next
    table's, in a document of one table per unit): read like the paragraphs above the first."""
    stripped = text.strip()
    return bool(DEPARTMENT.match(stripped) or AMOUNT_UNIT.match(stripped))


def _note_unread(
    number: int, texts: list[list[str]], width: int, expected: int, table: SourceTable
) -> None:
    """Note a later table that is not read (another number of columns, no header), unless it
    is empty: ``table-unread`` when a cell is a money figure, ``table-skipped`` otherwise."""
    cells = [cell.strip() for row in texts for cell in row if cell.strip()]
    if not cells:
        return
    figure = any(AMOUNT_TOKEN.match(cell) for cell in cells)
    table.notes.append(
        Note(
            f"表{number}有{width}列（表头所在的表有{expected}列）且没有表头，无法对应各列，未读取",
            Location(table=number),
            "table-unread" if figure else "table-skipped",
            cells[0][:60],
        )
    )


def paragraph_text(paragraph, qn, breaks: str = "\t") -> str:
    """A paragraph's text, with its tabs (``w:tab``, the space that pushes ``单位：万元`` to the
    right of a department line) and line breaks (``w:br``, ``w:cr``) as ``breaks``; a cell's
    paragraphs take ``""`` (joined like wrapped lines)."""
    text = qn("w:t")
    spaces = {qn("w:tab"), qn("w:br"), qn("w:cr")}
    parts = []
    for node in paragraph.iter():
        if node.tag == text:
            parts.append(node.text or "")
        elif node.tag in spaces and node.getparent().tag == qn("w:r"):
            parts.append(breaks)
    return "".join(parts)


def _tables_in_cells(tbl, qn) -> list:
    """The tables nested directly in the cells of a table, in document order."""
    return [
        child
        for tc in tbl.iter(qn("w:tc"))
        if tc.getparent().getparent() is tbl
        for child in tc.iterchildren(qn("w:tbl"))
    ]


def _frame_text(tbl, number: int, qn) -> list[tuple[str, Location]]:
    """The paragraphs of a table that frames the table (the title and department lines around
    it), each located at its cell."""
    lines: list[tuple[str, Location]] = []
    for r, tr in enumerate(tbl.tr_lst):
        for c, tc in enumerate(tr.tc_lst):
            for p in tc.p_lst:
                text = paragraph_text(p, qn)
                if text.strip():
                    lines.append((text, Location(table=number, row=r + 1, column=c + 1)))
    return lines


def _table_cells(tbl, qn) -> tuple[list[list[str]], dict[tuple[int, int], tuple[int, int]], Nested]:
    """A Word table's cell texts on its column grid, the merged cells' anchors, and the indicator
    tables nested in its cells (their rows, by cell)."""
    texts: list[list[str]] = []
    anchors: dict[tuple[int, int], tuple[int, int]] = {}
    nested: Nested = {}
    for r, tr in enumerate(tbl.tr_lst):
        row: list[str] = [""] * (tr.grid_before or 0)
        for tc in tr.tc_lst:
            column = len(row)
            text, tables = _cell_content(tc, qn)
            if tables:
                nested[(r, column)] = tables
            if tc.vMerge == "continue" and r > 0:
                anchors[(r, column)] = anchors.get((r - 1, column), (r - 1, column))
                text = ""
            row.append(text)
            for extra in range(1, tc.grid_span):
                anchors[(r, column + extra)] = anchors.get((r, column), (r, column))
                row.append("")
        texts.append(row)
    return texts, anchors, nested


def _cell_content(tc, qn) -> tuple[str, list[list[list[str]]]]:
    """A cell's text, and the rows of the indicator tables nested in it.

    Paragraphs and nested tables are read in document order. A nested table with an indicator
    header (一级指标 … 三级指标 / 指标值) is kept apart, to be read one indicator per row; any other
    nested table is read as text: its rows one after another, the cells of a row joined by ``；``.
    """
    text = ""
    tables: list[list[list[str]]] = []
    for child in tc.iterchildren():
        if child.tag == qn("w:p"):
            text += paragraph_text(child, qn, breaks="")
        elif child.tag == qn("w:tbl"):
            rows, _, inner = _table_cells(child, qn)
            if not inner and is_indicator_table(rows):
                tables.append(rows)
            else:
                text += "".join("；".join(cell for cell in row if cell) for row in rows)
                tables.extend(table for found in inner.values() for table in found)
    return text, tables


def _grid(tables: list[tuple[int, list[list[str]], dict, Nested]], preamble) -> Grid:
    """One grid of the chosen tables, one after another; each later table starts a break."""
    texts: list[list[str]] = []
    anchors: dict[tuple[int, int], tuple[int, int]] = {}
    nested: Nested = {}
    places: list[tuple[int, int]] = []
    breaks: set[int] = set()
    for number, table_texts, table_anchors, table_nested in tables:
        offset = len(texts)
        if offset:
            breaks.add(offset)
        texts.extend(table_texts)
        places.extend((number, r + 1) for r in range(len(table_texts)))
        for (r, c), (ar, ac) in table_anchors.items():
            anchors[(r + offset, c)] = (ar + offset, ac)
        for (r, c), found in table_nested.items():
            nested[(r + offset, c)] = found

    def locate(row: int, column: int) -> Location:
        number, table_row = places[row]
        return Location(table=number, row=table_row, column=column + 1)

    indicators = {
        (r, c): tuple(
            cells for rows in found for cells in indicator_table(rows, locate(r, c)) or ()
        )
        for (r, c), found in nested.items()
    }
    return Grid(texts, locate, anchors, frozenset(breaks), preamble=preamble, nested=indicators)

"""Reader for PDF files via pdfplumber's table extraction (ruled tables).

Never through a text conversion: pdftotext-style output interleaves the columns of these tables.
Every ruled table from the first one holding the column header on is read, page after page; the
header row repeated on each page is dropped and a row split by a page break (name, goal and
indicator text all may be split) is merged back (see :mod:`linter.readers.grid`). Lines inside a
cell are joined with nothing in between (Chinese has no spaces at wraps), or with a space between
two Latin letters. A page whose text runs sideways or upside down (``/Rotate 90`` on a landscape
print) is read turned back upright. The text above the table on its first page gives the department and the amount
unit. Locations are the page, the row among the table rows read on that page, the column of the
header table and the cell's bounding box (PDF points, origin top left).

Clear errors, not tracebacks: a password needed to open the file, no text layer (a scanned PDF),
fonts without a Unicode map (text extracts as ``(cid:123)``), no ruled table with the header.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter

from linter.errors import InputError
from linter.grammar import SourceTable
from linter.limits import check_pdf_pages
from linter.model import Location, Note
from linter.readers.grid import Grid, find_header, read_grid

MISSING_EXTRA = "读取 PDF 文件需要可选依赖：pip install 'jxlint[pdf]' (pdfplumber is not installed)"
_CID = re.compile(r"\(cid:\d+\)")
_LATIN_END = re.compile(r"[A-Za-z]$")
_LATIN_START = re.compile(r"^[A-Za-z]")
_HEADER_ROWS = 5

Bbox = tuple[float, float, float, float]


def join_lines(text: str) -> str:
    """A cell's lines joined: nothing between them, a space only between two Latin letters."""
    lines = text.split("\n")
    out = lines[0]
    for line in lines[1:]:
        if _LATIN_END.search(out) and _LATIN_START.match(line):
            out += " "
        out += line
    return out


def read_pdf(data: bytes, path: str) -> SourceTable:
    """Read the ruled table of a PDF file; raises :class:`InputError` when it cannot."""
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError
    except ImportError:
        raise InputError(path, MISSING_EXTRA) from None
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfplumber wraps pdfminer's errors in PdfminerException
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFEncryptionError):
            raise InputError(
                path, "PDF 有打开密码，无法读取 (encrypted PDF: a password is needed to open it)"
            ) from None
        reason = str(cause).splitlines()[0] if str(cause) else type(cause).__name__
        raise InputError(path, f"无法解析 PDF 文件 (unreadable pdf: {reason})") from None
    with pdf:
        check_pdf_pages(path, len(pdf.pages))
        return _read_pages(pdf, path)


class _Collector:
    """Rows of the chosen tables, page after page, aligned to the header table's columns."""

    def __init__(self) -> None:
        self.texts: list[list[str]] = []
        self.boxes: list[list[Bbox | None]] = []
        self.pages: list[int] = []
        self.page_rows: list[int] = []
        self.anchors: dict[tuple[int, int], tuple[int, int]] = {}
        self.breaks: set[int] = set()
        self.edges: list[tuple[float, float]] = []

    def add_table(self, table, texts: list[list[str | None]], page_number: int) -> None:
        offset = len(self.texts)
        if offset:
            self.breaks.add(offset)
        if not self.edges:
            starts = sorted({round(column.bbox[0], 1) for column in table.columns})
            self.edges = list(zip(starts, [*starts[1:], table.bbox[2]], strict=True))
        width = len(self.edges)
        for r, (row, cells) in enumerate(zip(table.rows, texts, strict=True)):
            row_texts = [""] * width
            row_boxes: list[Bbox | None] = [None] * width
            for bbox, text in zip(row.cells, cells, strict=True):
                if bbox is None:
                    continue
                column = self._column(bbox)
                row_texts[column] += join_lines(text or "")
                row_boxes[column] = row_boxes[column] or tuple(round(v, 1) for v in bbox)
            self.texts.append(row_texts)
            self.boxes.append(row_boxes)
            same_page = self.pages and self.pages[-1] == page_number
            self.page_rows.append(self.page_rows[-1] + 1 if same_page else 1)
            self.pages.append(page_number)
            self._cover(offset + r, row.bbox)

    def _column(self, bbox: Bbox) -> int:
        """The header table's column where a cell starts (a merged cell: its first column)."""
        start = bbox[0] + 1
        for index, (left, right) in enumerate(self.edges):
            if left <= start < right:
                return index
        return min(range(len(self.edges)), key=lambda i: abs(self.edges[i][0] - bbox[0]))

    def _cover(self, r: int, row_bbox: Bbox) -> None:
        """Point the empty cells of row ``r`` that a merged cell spans to that cell."""
        middle = (row_bbox[1] + row_bbox[3]) / 2
        for c, box in enumerate(self.boxes[r]):
            if box is not None:
                continue
            center = sum(self.edges[c]) / 2
            for anchor in self._candidates(r, c):
                ar, ac = anchor
                abox = self.boxes[ar][ac]
                if abox and abox[0] <= center <= abox[2] and abox[1] <= middle <= abox[3]:
                    self.anchors[(r, c)] = anchor
                    break

    def _candidates(self, r: int, c: int):
        for left in range(c - 1, -1, -1):
            yield (r, left)
        above = r - 1
        while above >= 0 and self.pages[above] == self.pages[r]:
            yield self.anchors.get((above, c), (above, c))
            above -= 1

    def locate(self, row: int, column: int) -> Location:
        """A cell's page, row among the ruled table rows of that page, column and box."""
        box = self.boxes[row][column] or next((b for b in self.boxes[row] if b), None)
        return Location(page=self.pages[row], row=self.page_rows[row], column=column + 1, bbox=box)


def _read_pages(pdf, path: str) -> SourceTable:
    collector = _Collector()
    preamble: list[tuple[str, Location]] = []
    table = SourceTable(path=path, format="pdf")
    pages_with_text = 0
    for page in map(_upright, pdf.pages):
        if not page.chars:
            if page.images:
                table.notes.append(
                    Note(
                        "该页没有文字层（扫描页？），未读取",
                        Location(page=page.page_number),
                        "scanned-page",
                    )
                )
            continue
        pages_with_text += 1
        found = page.find_tables()
        for candidate in found:
            texts = candidate.extract()
            if _CID.search("".join(c or "" for row in texts for c in row)):
                raise InputError(
                    path,
                    f"第{page.page_number}页的字体没有 Unicode 映射，文字无法提取为 (cid:…) "
                    "(font without a Unicode map: text extracts as (cid:NNN))",
                )
            if not collector.texts:
                flat = [[join_lines(c or "") for c in row] for row in texts]
                if find_header(flat, _HEADER_ROWS) is None:
                    continue
                preamble = _text_above(page, candidate.bbox)
            collector.add_table(candidate, texts, page.page_number)
        if not found and not collector.texts and _CID.search(page.extract_text() or ""):
            raise InputError(
                path,
                f"第{page.page_number}页的字体没有 Unicode 映射 "
                "(font without a Unicode map: text extracts as (cid:NNN))",
            )
    if pages_with_text == 0:
        raise InputError(path, "PDF 没有文字层（扫描件？），无法读取 (no text layer: scanned PDF?)")
    if not collector.texts:
        raise InputError(
            path,
            "PDF 中没有找到含表头（项目名称 … 绩效目标/绩效指标）的带框线表格 "
            "(no ruled table with the table header found)",
        )
    grid = Grid(
        collector.texts,
        collector.locate,
        collector.anchors,
        frozenset(collector.breaks),
        preamble=preamble,
    )
    read_grid(grid, table, find_header(grid.texts))
    return table


def _upright(page):
    """The page turned so that most of its text reads left to right.

    A page whose ``/Rotate`` turns its text sideways or upside down (a landscape table printed on
    a portrait page, a page turned in a viewer) is read as if it were not turned: pdfplumber finds
    ruled tables only among upright text. Other pages are returned as they are.
    """
    turn = _text_turn(page.chars)
    if not turn:
        return page
    from pdfplumber.page import Page

    rotation = (page.rotation + turn) % 360
    page_obj = page.page_obj
    page_obj.attrs["Rotate"] = rotation
    page_obj.rotate = rotation
    page.close()
    return Page(
        page.pdf, page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop
    )


def _text_turn(chars: list[dict]) -> int:
    """The quarter turn (0, 90, 180, 270 degrees counterclockwise) in which most characters of a
    page are written, 0 when no turn has most of them."""
    turns = Counter(
        round(math.degrees(math.atan2(char["matrix"][1], char["matrix"][0])) / 90) % 4 * 90
        for char in chars
    )
    if not turns:
        return 0
    turn, count = turns.most_common(1)[0]
    return turn if count * 2 > len(chars) else 0


def _text_above(page, bbox: Bbox) -> list[tuple[str, Location]]:
    """The lines of text above the table on its first page (title, department, unit)."""
    if bbox[1] <= 1:
        return []
    region = page.within_bbox((0, 0, page.width, bbox[1]))
    lines = region.extract_text_lines()
    return [
        (line["text"], Location(page=page.page_number, bbox=_round(line)))
        for line in lines
        if line["text"].strip()
    ]


def _round(line: dict) -> Bbox:
    return tuple(round(line[key], 1) for key in ("x0", "top", "x1", "bottom"))

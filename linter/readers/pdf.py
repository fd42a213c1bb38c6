"""Reader for PDF files via pdfplumber's table extraction (ruled tables).

Never through a text conversion: pdftotext-style output interleaves the columns of these tables.
Every ruled table from the first one holding the column header on is read, page after page; the
header row repeated on each page is dropped and a row split by a page break (name, goal and
indicator text all may be split) is merged back (see :mod:`linter.readers.grid`). Lines inside a
cell are joined with nothing in between (Chinese has no spaces at wraps), or with a space between
two Latin letters. A page whose text runs sideways or upside down (``/Rotate 90`` on a landscape
print) is read turned back upright. The text above the table on its first page gives the
department and the amount unit. Locations are the page, the row among the table rows read on that
page, the column of the header table and the cell's bounding box (PDF points, origin top left).

A sheet printed without fit-to-width comes out in strips of columns on separate pages (项目名称 …
其他资金 on some pages, 绩效目标 and 绩效指标 on later ones). When the header table lacks the
indicator columns and later tables without a project-name header hold them, the tables are grouped
into strips (:func:`split_across`) and read side by side, each cell located on its strip's page;
strips whose rows do not line up are a read error naming the pages, never a table read in pieces.

Clear errors, not tracebacks: a password needed to open the file, no text layer (a scanned PDF),
fonts without a Unicode map (text extracts as ``(cid:123)``), no ruled table with the header, a
table in strips that do not line up.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from linter.errors import InputError
from linter.grammar import SourceTable
from linter.limits import check_pdf_pages
from linter.model import Location, Note
from linter.readers.grid import Grid, compact, find_header, read_grid

MISSING_EXTRA = "读取 PDF 文件需要可选依赖：pip install 'jxlint[pdf]' (pdfplumber is not installed)"
_CID = re.compile(r"\(cid:\d+\)")
_LATIN_END = re.compile(r"[A-Za-z]$")
_LATIN_START = re.compile(r"^[A-Za-z]")
_HEADER_ROWS = 5
_NAME_HEADERS = ("项目名称", "资金使用单位")
_NO_HEADER = (
    "PDF 中没有找到含表头（项目名称 … 绩效目标/绩效指标）的带框线表格 "
    "(no ruled table with the table header found)"
)
_ROW_TOLERANCE = 1.0
"""Points by which the same row may sit higher or lower on the pages of two strips."""

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


@dataclass(slots=True)
class _Piece:
    """A ruled table found on a page: pdfplumber's table, its cell texts and its page."""

    table: object
    texts: list[list[str | None]]
    page: object
    flat: list[list[str]] = field(init=False)
    """The cell texts of the first rows with each cell's lines joined (``None`` cells empty)."""

    def __post_init__(self) -> None:
        self.flat = [[join_lines(c or "") for c in row] for row in self.texts[:_HEADER_ROWS]]

    def rows(self) -> list[tuple[float, float]]:
        """The top and bottom of each row (PDF points)."""
        return [(row.bbox[1], row.bbox[3]) for row in self.table.rows]

    def named(self) -> bool:
        """Whether one of its first rows names the project column (its own header)."""
        return any(compact(cell).startswith(_NAME_HEADERS) for row in self.flat for cell in row)

    def indicator_header(self) -> bool:
        """Whether its first rows hold an indicator column's header (绩效指标, 三级指标 …)."""
        return any("指标" in cell for row in self.flat for cell in row)


def _same_rows(a: _Piece, b: _Piece) -> bool:
    """Whether two pieces are the same rows: as many, each at the same height on its page."""
    rows_a, rows_b = a.rows(), b.rows()
    return len(rows_a) == len(rows_b) and all(
        abs(x[0] - y[0]) <= _ROW_TOLERANCE and abs(x[1] - y[1]) <= _ROW_TOLERANCE
        for x, y in zip(rows_a, rows_b, strict=True)
    )


def split_across(pieces: list[_Piece]) -> list[list[_Piece]] | None:
    """The pieces of a table printed in vertical strips, as rows of strips left to right.

    A sheet printed without fit-to-width comes out in ``k`` strips of columns: each band of rows
    is printed ``k`` times, one strip after the other (pages over, then down), or every strip of
    the first columns first (down, then over). A grouping fits when every later strip of a band
    has the band's rows (same count, same heights) and no project-name header of its own. Returns
    the first grouping that fits (fewest strips), ``None`` when none does.
    """
    count = len(pieces)
    for strips in range(2, count + 1):
        if count % strips:
            continue
        bands = count // strips
        over_then_down = [pieces[b * strips : (b + 1) * strips] for b in range(bands)]
        down_then_over = [pieces[b::bands] for b in range(bands)]
        for grouped in (over_then_down, down_then_over):
            if all(
                not piece.named() and _same_rows(band[0], piece)
                for band in grouped
                for piece in band[1:]
            ):
                return grouped
    return None


class _Collector:
    """Rows of the chosen tables, page after page, aligned to the header table's columns.

    A table printed in strips (see :func:`split_across`) is read strip by strip: each strip's
    columns follow those of the strips to its left, and a cell is located on its strip's page.
    """

    def __init__(self) -> None:
        self.texts: list[list[str]] = []
        self.boxes: list[list[Bbox | None]] = []
        self.pages: list[list[int]] = []
        self.page_rows: list[int] = []
        self.anchors: dict[tuple[int, int], tuple[int, int]] = {}
        self.breaks: set[int] = set()
        self.edges: list[tuple[float, float]] = []
        self.strips: list[range] = []
        self.strip_of: list[int] = []

    def add(self, band: list[_Piece]) -> None:
        """Add the rows of one band of rows (one piece, or its strips left to right)."""
        offset = len(self.texts)
        if offset:
            self.breaks.add(offset)
        if not self.edges:
            for strip, piece in enumerate(band):
                table = piece.table
                starts = sorted({round(column.bbox[0], 1) for column in table.columns})
                first = len(self.edges)
                self.edges += zip(starts, [*starts[1:], table.bbox[2]], strict=True)
                self.strips.append(range(first, len(self.edges)))
                self.strip_of += [strip] * len(starts)
        width = len(self.edges)
        first_page = band[0].page.page_number
        for r, row in enumerate(band[0].table.rows):
            row_texts = [""] * width
            row_boxes: list[Bbox | None] = [None] * width
            for strip, piece in enumerate(band[: len(self.strips)]):
                cells = piece.table.rows[r].cells
                for bbox, text in zip(cells, piece.texts[r], strict=True):
                    if bbox is None:
                        continue
                    column = self._column(bbox, strip)
                    row_texts[column] += join_lines(text or "")
                    row_boxes[column] = row_boxes[column] or tuple(round(v, 1) for v in bbox)
            self.texts.append(row_texts)
            self.boxes.append(row_boxes)
            same_page = self.pages and self.pages[-1][0] == first_page
            self.page_rows.append(self.page_rows[-1] + 1 if same_page else 1)
            self.pages.append([piece.page.page_number for piece in band])
            self._cover(offset + r, row.bbox)

    def _column(self, bbox: Bbox, strip: int) -> int:
        """The header table's column where a cell starts (a merged cell: its first column)."""
        start = bbox[0] + 1
        columns = self.strips[strip]
        for index in columns:
            left, right = self.edges[index]
            if left <= start < right:
                return index
        return min(columns, key=lambda i: abs(self.edges[i][0] - bbox[0]))

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
        """The cells to the left in the same strip, then the cells above on the same page."""
        for left in range(c - 1, self.strips[self.strip_of[c]].start - 1, -1):
            yield (r, left)
        above = r - 1
        while above >= 0 and self.pages[above] == self.pages[r]:
            yield self.anchors.get((above, c), (above, c))
            above -= 1

    def locate(self, row: int, column: int) -> Location:
        """A cell's page, row among the ruled table rows of that page, column and box."""
        strip = self.strip_of[column]
        box = self.boxes[row][column] or next(
            (self.boxes[row][c] for c in self.strips[strip] if self.boxes[row][c]), None
        )
        page = self.pages[row][min(strip, len(self.pages[row]) - 1)]
        return Location(page=page, row=self.page_rows[row], column=column + 1, bbox=box)


def _read_pages(pdf, path: str) -> SourceTable:
    table = SourceTable(path=path, format="pdf")
    pieces = _pieces(pdf, path, table)
    header = next(
        (i for i, p in enumerate(pieces) if find_header(p.flat, _HEADER_ROWS) is not None), None
    )
    named = next((i for i, p in enumerate(pieces) if p.named()), None)
    if header is None and named is None:
        raise InputError(path, _NO_HEADER)
    chosen = pieces[header if header is not None else named :]
    cut = header is None or (
        not chosen[0].indicator_header()
        and any(p.indicator_header() and not p.named() for p in chosen[1:])
    )
    bands = split_across(chosen) if cut else [[piece] for piece in chosen]
    if bands is None:
        pages = sorted({p.page.page_number for p in chosen})
        raise InputError(
            path,
            f"表格被横向分页打印（第{chosen[0].page.page_number}页的表格只有一部分列），"
            f"第{_page_list(pages)}页的表格无法按行对齐拼接，请按“将所有列调整为一页”重新打印 "
            f"(table printed in strips across pages {_page_list(pages)}: "
            "the strips do not line up row for row; print it fitted to the page width)",
        )
    collector = _Collector()
    preamble: list[tuple[str, Location]] = []
    for piece in bands[0]:
        preamble += _text_above(piece.page, piece.table.bbox)
    for band in bands:
        collector.add(band)
    grid = Grid(
        collector.texts,
        collector.locate,
        collector.anchors,
        frozenset(collector.breaks),
        preamble=preamble,
    )
    start = find_header(grid.texts)
    if start is None:
        raise InputError(path, _NO_HEADER)
    read_grid(grid, table, start)
    return table


def _pieces(pdf, path: str, table: SourceTable) -> list[_Piece]:
    """Every ruled table of every page, in order; notes scanned pages, refuses ``(cid:…)`` text."""
    pieces: list[_Piece] = []
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
            pieces.append(_Piece(candidate, texts, page))
        if not found and not pieces and _CID.search(page.extract_text() or ""):
            raise InputError(
                path,
                f"第{page.page_number}页的字体没有 Unicode 映射 "
                "(font without a Unicode map: text extracts as (cid:NNN))",
            )
    if pages_with_text == 0:
        raise InputError(path, "PDF 没有文字层（扫描件？），无法读取 (no text layer: scanned PDF?)")
    return pieces


def _page_list(pages: list[int]) -> str:
    """Page numbers as runs: ``2–25、27``."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return "、".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else f"{run[0]}" for run in runs)


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

"""Reader for Excel workbooks (.xlsx, .xls, .xlsb) and OpenDocument sheets via python-calamine.

Every visible sheet whose first rows hold the column header (项目名称 … 绩效目标/绩效指标) is read,
wherever the header is and whatever the sheet is called. A sheet without it in its first
:data:`HEADER_SCAN_ROWS` rows is searched whole: a header further down with only text above it is
read too. Otherwise a sheet that holds a number (it may hold projects) is not read, with a
``sheet-unread`` note naming it (an S05 error); one of text only (填报说明, 封面 …) is skipped, as
it holds no project's amounts. Hidden sheets are read only when no visible sheet holds the table
(with a note). Locations are sheet and cell (``绩效目标表!G12``). Numbers come back as floats and
are written with at most 15 significant digits, as Excel shows them, so money stays exact: 3985.5 is
``Decimal("3985.5")``, never a binary fraction.

A formula whose result was never computed and saved (files written by scripts such as openpyxl,
not by Excel or WPS) has no value to read. In .xlsx files such cells are found in the sheet's XML
and each is a ``formula-uncached`` parse note at its cell, which rule S05 reports as an error; the
checks that read the cell see it empty. (.xls files always store a formula's result.)

A number cell of an .xlsx sheet whose number format shows a percent sign reads as Excel shows it
(0.9 in ``0%`` is ``90%``, 0.95 in ``"≥"0%`` is ``≥95%``), from the sheet's XML and
``xl/styles.xml``: calamine gives the stored number only (:func:`percent_text`). A format that
cannot be rendered so is a ``number-format`` note at its cell. Other number formats (money's
``#,##0.00``) are not applied. .xls, .xlsb and .ods cells are read as the stored number.

calamine gives the merged ranges of .xlsx and .xls sheets only; those of an .ods sheet are read
here from its ``content.xml`` (a cell's ``table:number-columns-spanned`` and
``table:number-rows-spanned``), so that a merged project cell covers its indicator rows as in
Excel. A ``content.xml`` that cannot be read that way (missing, with a DTD, or more merged ranges
than ``max-cells``) makes the file a read error: without its merges an .ods table would be read
wrongly, never silently.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from decimal import Decimal
from xml.etree import ElementTree
from xml.sax.saxutils import unescape

from linter.errors import InputError
from linter.grammar import SourceTable
from linter.limits import check_cell_count, current_limits
from linter.model import Location, Note
from linter.readers.common import AMOUNT_TOKEN
from linter.readers.grid import HEADER_SCAN_ROWS, Grid, find_header, read_grid

MISSING_EXTRA = (
    "读取 Excel 文件需要可选依赖：pip install 'jxlint[excel]' (python-calamine is not installed)"
)

_FORMULA_CELL = re.compile(
    rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)",
    re.DOTALL,
)
_REFERENCE = re.compile(rb'\br="([A-Z]{1,3})([0-9]+)"')
_HAS_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_HAS_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\b([^>]*)>")
_STYLE = re.compile(rb'\bs="([0-9]+)"')
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_BUILTIN_PERCENT = {9: "0%", 10: "0.00%"}
"""The built-in number formats that show a percent sign, by ``numFmtId`` (ECMA-376 18.8.30)."""
_DIGITS = "0#?.,"
_RELATIONSHIP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ODS_ROOT = re.compile(rb"<(?![?!])[^>]*>")
_ODS_PREFIX = re.compile(
    rb"""xmlns:([\w.-]+)\s*=\s*["']urn:oasis:names:tc:opendocument:xmlns:table:1\.0["']"""
)
_ODS_SKIPPED = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.DOTALL)
"""Comments and CDATA sections of a ``content.xml``: no tags inside them count."""
_XML_QUOTES = {"&quot;": '"', "&apos;": "'"}
_ODS_NUMBERS = (
    b"number-rows-repeated",
    b"number-columns-repeated",
    b"number-rows-spanned",
    b"number-columns-spanned",
)

Merge = tuple[tuple[int, int], tuple[int, int]]


def column_letter(index: int) -> str:
    """The Excel column letters of a 0-based column index (0 → ``A``, 26 → ``AA``)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_text(value: object) -> str:
    """A cell value as text: numbers with at most 15 significant digits, like Excel shows them."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        return format(Decimal(f"{value:.15g}").normalize(), "f")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def percent_text(value: float | int, code: str) -> str | None:
    """The text Excel shows for ``value`` in the number format ``code``, or ``None`` when the
    format shows no percent sign or is one this reader cannot render.

    The section for the value is used (negative, zero), its quoted and escaped literals (and
    ``[$¥-804]`` currency text) kept around the number; each unquoted ``%`` multiplies by 100.
    The number keeps the decimals the value has (at most 15 significant digits, as Excel stores
    it: 0.955 is ``95.5%`` whatever the format's decimals), so no binary noise is shown. Formats
    with conditions (``[>=1]``), exponents, text (``@``) or literals between digits are ``None``.
    """
    if "%" not in code or isinstance(value, bool):
        return None
    sections = _format_sections(code)
    if sections is None:
        return None
    negative = value < 0 and len(sections) > 1
    if value == 0 and len(sections) > 2:
        section = sections[2]
    else:
        section = sections[1] if negative else sections[0]
    digits = [k for k, (kind, _) in enumerate(section) if kind == "digit"]
    if not digits or any(kind != "digit" for kind, _ in section[digits[0] : digits[-1] + 1]):
        return None
    shown = ["%" if kind == "percent" else text for kind, text in section]
    if "%" not in "".join(shown):
        return None
    scale = sum(kind == "percent" for kind, _ in section)
    number = Decimal(f"{abs(value) if negative else value:.15g}") * 100**scale
    figure = format(abs(number).normalize(), "f")
    sign = "-" if number < 0 else ""
    return sign + "".join(shown[: digits[0]]) + figure + "".join(shown[digits[-1] + 1 :])


def _format_sections(code: str) -> list[list[tuple[str, str]]] | None:
    """A number format's sections as tokens (``digit``, ``percent``, ``literal``), ``None`` for
    a format :func:`percent_text` does not render."""
    sections: list[list[tuple[str, str]]] = [[]]
    k = 0
    while k < len(code):
        ch = code[k]
        if ch == '"':
            end = code.find('"', k + 1)
            if end < 0:
                return None
            sections[-1].append(("literal", code[k + 1 : end]))
            k = end + 1
            continue
        if ch == "[":
            end = code.find("]", k)
            if end < 0 or code[k + 1 : k + 2] in ("<", ">", "="):
                return None
            if code[k + 1 : k + 2] == "$":
                sections[-1].append(("literal", code[k + 2 : end].split("-")[0]))
            k = end + 1
            continue
        if ch == "\\":
            sections[-1].append(("literal", code[k + 1 : k + 2]))
        elif ch == ";":
            sections.append([])
        elif ch in _DIGITS:
            sections[-1].append(("digit", ch))
        elif ch == "%":
            sections[-1].append(("percent", ch))
        elif ch == "@" or (ch in "Ee" and code[k + 1 : k + 2] in ("+", "-")):
            return None
        elif ch not in "_*":
            sections[-1].append(("literal", ch))
        k += 2 if ch in "_*\\" else 1
    return sections


def read_excel(data: bytes, path: str, kind: str) -> SourceTable:
    """Read every sheet of a workbook that holds the table; raises :class:`InputError`."""
    try:
        import python_calamine
    except ImportError:
        raise InputError(path, MISSING_EXTRA) from None
    if kind == "xlsb" and xlsb_has_merges(data, path):
        raise InputError(
            path,
            "xlsb 文件含合并单元格，jxlint 读不到其合并范围；请在 Excel/WPS 中另存为 .xlsx 后再检查 "
            "(merged cells in an .xlsb workbook cannot be read: save it as .xlsx)",
        )
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise InputError(path, "工作簿有打开密码，无法读取 (password-protected workbook)") from None
    except Exception as error:  # calamine raises several error types for broken files
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(path, f"无法打开 {kind} 文件 (unreadable {kind}: {reason})") from None
    table = SourceTable(path=path, format=kind)
    ods_merges = ods_merged_ranges(data, path) if kind == "ods" else None
    percent_styles = _percent_styles(data) if kind == "xlsx" else {}
    with workbook:
        names = list(workbook.sheet_names)
        visible, hidden = [], []
        for index, metadata in enumerate(workbook.sheets_metadata):
            sheet = workbook.get_sheet_by_index(index)
            header = _sheet_header(sheet, metadata.name, table)
            if header is None:
                continue
            shown = metadata.visible == python_calamine.SheetVisibleEnum.Visible
            (visible if shown else hidden).append((sheet, metadata.name, header))
        for _sheet, name, _header in hidden if not visible else ():
            table.notes.append(
                Note("绩效目标表在隐藏的工作表中", Location(sheet=name), "hidden-sheet", name)
            )
        for sheet, name, header in visible or hidden:
            check_cell_count(path, sheet.height * sheet.width)
            if ods_merges is None:
                merges = sheet.merged_cell_ranges or ()
            elif name in ods_merges:
                merges = ods_merges[name]
            else:
                raise InputError(
                    path,
                    f"无法读取 .ods 文件中工作表“{name}”的合并单元格 "
                    f"(cannot read the merged cells of sheet {name}: not found in content.xml)",
                )
            xml = _sheet_xml(data, name) if kind == "xlsx" else b""
            formats = _percent_cells(xml, percent_styles)
            _read_sheet(sheet, name, header, merges, table, formats)
            if kind == "xlsx":
                _note_uncached_formulas(xml, name, table)
    if not visible and not hidden:
        raise InputError(
            path,
            f"没有找到含表头（项目名称 … 绩效目标/绩效指标）的工作表：{'、'.join(names)} "
            "(no sheet with the table header)",
        )
    return table


def _rows(sheet, limit: int | None = None) -> list[list]:
    """A sheet's rows from A1 (index i is Excel row i + 1), at most ``limit`` of them."""
    return sheet.to_python(skip_empty_area=False, nrows=limit)


def _sheet_header(sheet, name: str, table: SourceTable) -> int | None:
    """The index of a sheet's header row, or ``None`` when the sheet is not read.

    The first :data:`HEADER_SCAN_ROWS` rows are searched; a sheet without the header there is
    searched whole, and a header further down is taken when no number cell or money figure is
    above it. A sheet not read that holds a number (a number cell or a figure such as
    ``8.00``) is a ``sheet-unread`` note; one of text only is skipped without one.
    """
    rows = _rows(sheet, HEADER_SCAN_ROWS)
    header = find_header([[cell_text(v) for v in row] for row in rows])
    if header is not None:
        return header
    if sheet.height > len(rows):
        rows = _rows(sheet)
    texts = [[cell_text(v) for v in row] for row in rows]
    header = find_header(texts, len(texts))
    numbered = next((r for r, row in enumerate(rows) if any(map(_is_figure, row))), None)
    if header is not None and (numbered is None or numbered > header):
        return header
    if header is not None:
        message = f"第{header + 1}行是表头，但其上方有数字（疑为另一张表），未读取"
    elif numbered is not None:
        message = "有数字但没有表头（项目名称 … 绩效目标/绩效指标），未读取"
    else:
        return None
    note = Note(f"工作表“{name}”{message}", Location(sheet=name), "sheet-unread", name)
    table.notes.append(note)
    return None


def _is_figure(value: object) -> bool:
    """Whether a cell value is a number: a number cell, or text that is a money figure."""
    if isinstance(value, str):
        return bool(AMOUNT_TOKEN.match(value.strip()))
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _read_sheet(
    sheet,
    name: str,
    header: int,
    merges,
    table: SourceTable,
    formats: dict[tuple[int, int], str],
) -> None:
    values = _rows(sheet)
    texts = [[cell_text(v) for v in row] for row in values]
    height, width = len(texts), max(map(len, texts), default=0)
    clipped = [
        ((r0, c0), (min(r1, height - 1), min(c1, width - 1))) for (r0, c0), (r1, c1) in merges
    ]
    covered = sum(max(0, r1 - r0 + 1) * max(0, c1 - c0 + 1) for (r0, c0), (r1, c1) in clipped)
    if covered > height * width:
        raise InputError(
            table.path,
            f"工作表“{name}”的合并单元格互相重叠，无法读取 (overlapping merged ranges in sheet {name})",
        )
    anchors: dict[tuple[int, int], tuple[int, int]] = {}
    for (r0, c0), (r1, c1) in clipped:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    anchors[(r, c)] = (r0, c0)

    def locate(row: int, column: int) -> Location:
        return Location(
            sheet=name,
            cell=f"{column_letter(column)}{row + 1}",
            row=row + 1,
            column=column + 1,
        )

    for (r, c), code in formats.items():
        value = values[r][c] if r < height and c < len(values[r]) else None
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            continue
        shown = percent_text(value, code)
        if shown is not None:
            texts[r][c] = shown
        else:
            table.notes.append(
                Note(
                    f"单元格的数字格式无法解读，按存储的数值读取（格式 {code}）",
                    locate(r, c),
                    "number-format",
                    texts[r][c],
                )
            )
    grid = Grid(texts, locate, anchors)
    read_grid(grid, table, header)


def _percent_styles(data: bytes) -> dict[int, str]:
    """The cell styles (``s`` indexes of ``cellXfs``) of an .xlsx whose number format shows a
    percent sign, with the format code."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}
    codes = dict(_BUILTIN_PERCENT)
    for element in styles.iter(f"{_MAIN_NS}numFmt"):
        if element.get("numFmtId", "").isdigit():
            codes[int(element.get("numFmtId"))] = element.get("formatCode", "")
    found: dict[int, str] = {}
    for cell_xfs in styles.iter(f"{_MAIN_NS}cellXfs"):
        for index, xf in enumerate(cell_xfs.iter(f"{_MAIN_NS}xf")):
            number = xf.get("numFmtId", "")
            code = codes.get(int(number), "") if number.isdigit() else ""
            if "%" in code:
                found[index] = code
    return found


def _percent_cells(xml: bytes, styles: dict[int, str]) -> dict[tuple[int, int], str]:
    """The cells of a sheet's XML (0-based row and column) styled with one of ``styles``."""
    if not styles:
        return {}
    cells: dict[tuple[int, int], str] = {}
    for match in _CELL_TAG.finditer(xml):
        style = _STYLE.search(match.group(1))
        reference = _cell_reference(match.group(1))
        if style is None or reference is None or int(style.group(1)) not in styles:
            continue
        _, row, column = reference
        cells[(row - 1, column - 1)] = styles[int(style.group(1))]
    return cells


def _cell_reference(attributes: bytes) -> tuple[str, int, int] | None:
    """The ``r="G12"`` of a sheet XML cell's attributes: its column letters, row and column
    (1-based); ``None`` without one."""
    reference = _REFERENCE.search(attributes)
    if reference is None:
        return None
    letters, row = reference.group(1).decode(), int(reference.group(2))
    column = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(letters)))
    return letters, row, column


def _sheet_part(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member holding the XML of the sheet called ``sheet_name``."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relation = None
    for element in workbook.iter():
        if element.tag.endswith("}sheet") and element.get("name") == sheet_name:
            relation = element.get(f"{{{_RELATIONSHIP_NS}}}id")
    if relation is None:
        return None
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for element in relations:
        if element.get("Id") == relation:
            target = element.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _sheet_xml(data: bytes, sheet_name: str) -> bytes:
    """The XML of the .xlsx sheet called ``sheet_name`` (``b""`` when it cannot be found)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            part = _sheet_part(archive, sheet_name)
            return archive.read(part) if part else b""
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return b""


def _note_uncached_formulas(xml: bytes, sheet_name: str, table: SourceTable) -> None:
    """Note every formula cell of the sheet's XML that has no saved result (its value is
    unknown)."""
    if not _HAS_FORMULA.search(xml):
        return
    for match in _FORMULA_CELL.finditer(xml):
        content = match.group(2) or b""
        if not _HAS_FORMULA.search(content) or _HAS_VALUE.search(content):
            continue
        reference = _cell_reference(match.group(1))
        if reference is None:
            continue
        letters, number, column = reference
        table.notes.append(
            Note(
                "公式单元格没有保存计算结果，读不到它的值；请在 Excel/WPS 中打开并保存后再检查",
                Location(sheet=sheet_name, cell=f"{letters}{number}", row=number, column=column),
                "formula-uncached",
                f"{letters}{number}",
            )
        )


BRT_MERGE_CELL = 176
"""The BIFF12 record type of a merged range in an .xlsb sheet part ([MS-XLSB] BrtMergeCell)."""


def xlsb_has_merges(data: bytes, path: str) -> bool:
    """Whether any sheet of an .xlsb workbook holds a merged range.

    calamine gives no merged ranges for .xlsb, and a table read without its merges is misread,
    so :func:`read_excel` refuses such a workbook. Each ``xl/worksheets/*.bin`` part is walked
    record by record (a 7-bit type of one or two bytes, a 7-bit size of up to four, the data);
    raises :class:`InputError` naming the file when a part's records run past its end.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [
                archive.read(name)
                for name in archive.namelist()
                if name.startswith("xl/worksheets/") and name.endswith(".bin")
            ]
    except (zipfile.BadZipFile, OSError, EOFError):
        return False  # calamine says what is wrong with the file
    return any(_holds_record(part, BRT_MERGE_CELL, path) for part in parts)


def _holds_record(stream: bytes, wanted: int, path: str) -> bool:
    """Whether the BIFF12 record ``stream`` holds a record of type ``wanted``."""
    position, end = 0, len(stream)
    try:
        while position < end:
            kind = stream[position]
            position += 1
            if kind & 0x80:
                kind = (kind & 0x7F) | ((stream[position] & 0x7F) << 7)
                position += 1
            if kind == wanted:
                return True
            size = 0
            for shift in (0, 7, 14, 21):
                byte = stream[position]
                position += 1
                size |= (byte & 0x7F) << shift
                if not byte & 0x80:
                    break
            position += size
    except IndexError:
        position = end + 1
    if position > end:
        raise InputError(
            path, "xlsb 文件的工作表记录不完整，无法读取 (truncated record stream in an xlsb sheet)"
        )
    return False


def ods_merged_ranges(data: bytes, path: str) -> dict[str, list[Merge]]:
    """The merged ranges of every sheet of an .ods file, by sheet name, as calamine gives those of
    .xlsx (``((first row, first column), (last row, last column))``, 0-based, inclusive).

    Only the start and end tags of tables, rows and cells are looked at (calamine has parsed the
    file already), found by their prefix of the table namespace. Raises :class:`InputError` naming
    the file when its ``content.xml`` is missing, holds a DTD (entity expansion), does not bind
    the table namespace to a prefix on its root element, or declares more merged ranges than
    ``max-cells``.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("content.xml")
        return _scan_ods(xml, current_limits().max_cells)
    except (KeyError, zipfile.BadZipFile, _OdsRefused, OSError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(
            path,
            "无法读取 .ods 文件的合并单元格，不能可靠地读取表格 "
            f"(cannot read the merged cells of the ods file: {reason})",
        ) from None


def _scan_ods(xml: bytes, limit: int) -> dict[str, list[Merge]]:
    """The merged ranges of ``content.xml`` (see :func:`ods_merged_ranges`).

    Rows and cells count only in sheets (a ``table:table`` not nested in a cell). Repeated rows and
    columns (``number-rows-repeated``, ``number-columns-repeated``) advance the position, and a
    spanning cell in a repeated row spans on each repetition. Only rows with a spanning cell have
    their cells looked at.
    """
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise _OdsRefused("content.xml has a DTD")
    if b"<!" in xml:
        xml = _ODS_SKIPPED.sub(b"", xml)
    root = _ODS_ROOT.search(xml)
    binding = _ODS_PREFIX.search(root.group(0)) if root else None
    if binding is None:
        raise _OdsRefused("no prefix for the table namespace on the root element")
    prefix = re.escape(binding.group(1))
    rows = re.compile(rb"<(/?)" + prefix + rb":(table-row|table)(?=[\s/>])([^>]*)>")
    cells = re.compile(
        rb"<(/?)" + prefix + rb":(table-cell|covered-table-cell|table)(?=[\s/>])([^>]*)>"
    )
    numbers = {
        name: re.compile(prefix + rb":" + name + rb"""\s*=\s*["']\s*(\d+)""")
        for name in _ODS_NUMBERS
    }
    sheet_name = re.compile(prefix + rb""":name\s*=\s*(?:"([^"]*)"|'([^']*)')""")

    def attributes(text: bytes) -> dict[bytes, int]:
        return {
            name: int(found.group(1))
            for name, pattern in numbers.items()
            if name in text and (found := pattern.search(text))
        }

    sheets: dict[str, list[Merge]] = {}
    merges: list[Merge] = []
    depth = row = count = 0
    row_start, repeat = 0, 1
    for match in rows.finditer(xml):
        closing, tag, rest = match.groups()
        if tag == b"table":
            if closing:
                depth -= 1
            elif not rest.endswith(b"/"):
                depth += 1
                if depth == 1:
                    named = sheet_name.search(rest)
                    name = (named.group(1) or named.group(2)) if named else b""
                    text = unescape(name.decode("utf-8", "replace"), _XML_QUOTES)
                    merges = sheets.setdefault(text, [])
                    row = 0
            continue
        if depth != 1:
            continue
        if not closing:
            repeat = _count(attributes(rest).get(b"number-rows-repeated"))
            row_start = match.end()
            if not rest.endswith(b"/"):
                continue
        segment = xml[row_start : match.start()] if closing else b""
        if b"-spanned" in segment:
            spans = _row_spans(cells, attributes, segment, row)
            count += len(spans) * repeat
            if count > limit:
                raise _OdsRefused(f"more than {limit:,} merged ranges")
            for shift in range(repeat):
                merges.extend(((r0 + shift, c0), (r1 + shift, c1)) for (r0, c0), (r1, c1) in spans)
        row += repeat
    return sheets


def _row_spans(cells: re.Pattern, attributes, segment: bytes, row: int) -> list[Merge]:
    """The merged ranges that the cells of one row (its XML between the row tags) start."""
    spans: list[Merge] = []
    column = nested = 0
    for match in cells.finditer(segment):
        closing, tag, rest = match.groups()
        if tag == b"table":
            nested += 0 if rest.endswith(b"/") else -1 if closing else 1
            continue
        if closing or nested:
            continue
        found = attributes(rest) if b"-repeated" in rest or b"-spanned" in rest else {}
        rows = _count(found.get(b"number-rows-spanned"))
        columns = _count(found.get(b"number-columns-spanned"))
        if rows > 1 or columns > 1:
            spans.append(((row, column), (row + rows - 1, column + columns - 1)))
        column += _count(found.get(b"number-columns-repeated"))
    return spans


class _OdsRefused(Exception):
    """A ``content.xml`` that is not read: a DTD, or too many merged ranges."""


def _count(value: int | None) -> int:
    """A repeat or span attribute as a count (absent or 0: 1)."""
    return max(1, value or 1)

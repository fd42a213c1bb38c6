"""Pieces every text-based reader shares: header lines, amounts, markup."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from linter.errors import BIDI_CONTROLS
from linter.grammar import SourceTable
from linter.model import Amounts, Location, Note
from linter.values import MINUS_SIGNS, fold_signs

AMOUNT_TOKEN = re.compile(rf"^[-{MINUS_SIGNS}]?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)\.\d{{2}}$")
"""A money figure as the tables print it: exactly two decimals, optional thousands separators,
an optional minus sign (ASCII or one of :data:`linter.values.MINUS_SIGNS`)."""

COLUMN_HEADERS = (
    "项目名称（资金使用单位）",
    "总计",
    "财政拨款",
    "财政专户拨款",
    "其他资金",
    "绩效目标",
    "绩效指标",
)
"""The seven column headers of the table, in order."""

HEADER_TEXT = "".join(COLUMN_HEADERS)
"""The column header of the table with all whitespace removed."""

HEADER_START = re.compile(r"^\s*项目名称\s*(?:[（(]|总计|$)")
HEADER_WORDS = re.compile(
    r"^(?:项目名称|资金使用单位|资金使用单|位|总计|财政拨款|财政专户拨款|财政专户|拨款|其他资金|其他资|金"
    r"|资金来源|绩效目标|绩效指标|[（）()])+$"
)
TITLE = re.compile(r"^[^。；;，,]{0,40}绩效目标表[^。；;]{0,30}$")
MONEY_UNIT = r"(?:人民币)?(?P<unit>(?:亿|万|千)?元)"
"""The unit of a table's amounts as a header line or cell gives it: ``万元``, ``人民币元``."""
DEPARTMENT = re.compile(
    r"^(?:部门名称|单位名称|部门|预算单位|预算部门|主管部门)\s*[:：]\s*(?P<name>[^\s。；;，,：:][^。；;，,：:]*?)"
    rf"(?:\s+(?:金额)?单位\s*[:：]\s*{MONEY_UNIT})?\s*$"
)
AMOUNT_UNIT = re.compile(rf"^(?:金额)?单位\s*[:：]\s*{MONEY_UNIT}$")
PAGE_FOOTER = re.compile(r"^(?:第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|-\s*\d+\s*-)$")
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]{0,200}>")


def is_header_piece(compact: str, so_far: str) -> bool:
    """Whether a line (whitespace removed) continues a column-header run that has ``so_far``.

    A run ends once the header is complete (it ends with 绩效指标), so a 总计 row right after
    the header is not swallowed.
    """
    if not compact:
        return True
    if so_far.endswith("绩效指标"):
        return False
    if HEADER_TEXT.startswith(so_far + compact):
        return True
    return bool(HEADER_WORDS.match(compact))


_MONEY = re.compile(r"^[-+]?(?:\d{1,3}(?:[,，]\d{3})+|\d{1,15})(?:\.\d{1,6})?$", re.ASCII)
"""A figure a spreadsheet writes: ASCII digits, well-placed thousands separators, a few decimals."""

_ODD_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "]"
)
"""Control characters (except tab, newline and form feed) and bidi controls (RTL marks …)."""


def parse_amount(token: str) -> Decimal | None:
    """A money figure as ``Decimal`` (thousands separators removed), ``None`` if it is not one.

    ``1,234.50``, ``18``, ``-0.00`` are figures, and so is ``－12.00`` (the signs of
    :func:`linter.values.fold_signs`); ``1,2,3.4.5``, ``1e5``, ``NaN``, ``１８`` are not.
    """
    cleaned = fold_signs(token.strip())
    if not _MONEY.match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None


def _location(text: str, offset: int) -> Location:
    line = text.count("\n", 0, offset) + 1
    return Location(line=line, column=offset - (text.rfind("\n", 0, offset) + 1) + 1)


def mark_odd_characters(text: str) -> tuple[str, list[Note]]:
    """Replace control characters and bidi controls with ``\ufffd``, with one note per kind.

    They are invisible in a spreadsheet, can rewrite a terminal (ANSI escapes) or reorder what it
    shows (right-to-left overrides), and make equal names differ; the replacement keeps every
    other character's line and column. Each note points at the first occurrence.
    """
    notes: list[Note] = []
    lost = text.find("\ufffd")
    if lost != -1:
        notes.append(
            Note(
                f"有无法识别的字符 �（文件损坏、下载不完整或编码转换丢字）：共 {text.count(chr(0xFFFD))} 处",
                _location(text, lost),
                "undecodable",
            )
        )
    if not _ODD_CHARACTERS.search(text):
        return text, notes
    first: dict[bool, int] = {}
    counts = {False: 0, True: 0}
    codes: dict[bool, set[str]] = {False: set(), True: set()}
    for match in _ODD_CHARACTERS.finditer(text):
        bidi = match.group() in BIDI_CONTROLS
        first.setdefault(bidi, match.start())
        counts[bidi] += 1
        if len(codes[bidi]) < 5:
            codes[bidi].add(f"U+{ord(match.group()):04X}")
    for bidi, kind, message in (
        (False, "control-characters", "控制字符（不可见）已替换为 �"),
        (True, "bidi-controls", "从右到左标记等双向控制字符已替换为 �"),
    ):
        if bidi not in first:
            continue
        notes.append(
            Note(
                f"{message}：共 {counts[bidi]} 处（{'、'.join(sorted(codes[bidi]))}）",
                _location(text, first[bidi]),
                kind,
            )
        )
    return _ODD_CHARACTERS.sub("\ufffd", text), notes


def amounts_from_figures(figures: list[str], positional: bool) -> Amounts:
    """Amounts read left to right as 总计, 财政拨款, 财政专户拨款, 其他资金."""
    values = [parse_amount(f) for f in figures[:4]] + [None] * (4 - min(4, len(figures)))
    return Amounts(*values, positional=positional, raw=tuple(figures))


def split_markup(text: str) -> tuple[list[tuple[int, str]], bool]:
    """The parts of a cell outside HTML tags as ``(offset, text)``, and whether tags were found."""
    pieces: list[tuple[int, str]] = []
    position = 0
    found = False
    for tag in MARKUP.finditer(text):
        found = True
        if tag.start() > position:
            pieces.append((position, text[position : tag.start()]))
        position = tag.end()
    if position < len(text):
        pieces.append((position, text[position:]))
    return pieces, found


def take_amount_unit(unit: str | None, text: str, location: Location, table: SourceTable) -> None:
    """The table's amounts are in ``unit`` (as ``text`` at ``location`` says), unless an earlier
    place gave the unit already. A different unit there is an error note: the document holds
    its amounts in one unit, so those after it would be read in the wrong one."""
    if unit is None or unit == table.amount_unit:
        return
    if table.amount_unit is None:
        table.amount_unit = unit
        return
    table.notes.append(
        Note(
            f"金额单位前后不一致：前文为“{table.amount_unit}”，此处为“{unit}”，"
            f"全表金额按“{table.amount_unit}”读取",
            location,
            "amount-unit-conflict",
            text[:60],
        )
    )

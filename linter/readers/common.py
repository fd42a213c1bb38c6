"""Pieces every text-based reader shares: header lines, amounts, markup."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from linter.model import Amounts

AMOUNT_TOKEN = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$")
"""A money figure as the tables print it: exactly two decimals, optional thousands separators."""

HEADER_TEXT = "项目名称（资金使用单位）总计财政拨款财政专户拨款其他资金绩效目标绩效指标"
"""The column header of the table with all whitespace removed."""

HEADER_START = re.compile(r"^\s*项目名称\s*(?:[（(]|总计|$)")
HEADER_WORDS = re.compile(
    r"^(?:项目名称|资金使用单位|资金使用单|位|总计|财政拨款|财政专户拨款|财政专户|拨款|其他资金|其他资|金"
    r"|资金来源|绩效目标|绩效指标|[（）()])+$"
)
TITLE = re.compile(r"^[^。；;，,]{0,40}绩效目标表[^。；;]{0,30}$")
DEPARTMENT = re.compile(
    r"^(?:部门名称|单位名称|部门|预算单位)\s*[:：]\s*(?P<name>[^\s。；;，,：:][^。；;，,：:]*?)"
    r"(?:\s+(?:金额)?单位\s*[:：]\s*(?P<unit>(?:亿|万|千)?元))?\s*$"
)
AMOUNT_UNIT = re.compile(r"^(?:金额)?单位\s*[:：]\s*(?P<unit>(?:亿|万|千)?元)$")
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


def parse_amount(token: str) -> Decimal | None:
    """A money figure as ``Decimal`` (thousands separators removed), ``None`` if it is not one."""
    cleaned = token.strip().replace(",", "").replace("，", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


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

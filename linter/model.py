"""The document model every reader produces and every rule reads.

department (Document) → 资金使用单位 (Unit) → project (Project) → indicator (Indicator).
All nodes are immutable; money is ``Decimal``; every node keeps its source location and raw text.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from linter.frozen import stored_by_slot

AMOUNT_FIELDS = ("total", "fiscal", "special", "other")
"""The four money columns: 总计, 财政拨款, 财政专户拨款, 其他资金."""


LEVEL1_NAMES = {"1": "产出指标", "2": "效益指标", "3": "满意度指标"}
LEVEL2_NAMES = {
    "11": "数量指标",
    "12": "质量指标",
    "13": "时效指标",
    "14": "成本指标",
    "21": "经济效益指标",
    "22": "社会效益指标",
    "23": "生态效益指标",
    "24": "可持续影响指标",
    "31": "服务对象满意度指标",
}
"""The legacy framework's 二级 codes and names (seeds write 21–24 and 31 without 指标)."""

COST_LEVEL1 = "成本指标"
COST_LEVEL2 = ("经济成本指标", "社会成本指标", "生态环境成本指标")
"""The 2021 framework's cost 一级 and its 二级 (no official numeric code: keyed by name)."""


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Location:
    """Where something is in its source file (1-based).

    Text and delimited files use ``line``/``column``; spreadsheets ``sheet``/``cell`` (plus
    ``row``/``column``); PDFs ``page`` with the ``row`` among that page's table rows, the
    ``column`` and the cell's ``bbox``; Word files ``table``/``row``/``column``.
    """

    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    table: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The location as the JSON object of ``jxlint.document/1`` (only the keys that are set)."""
        keys = ("sheet", "cell", "page", "table", "line", "row", "column", "bbox")
        out: dict[str, Any] = {}
        for key in keys:
            value = getattr(self, key)
            if value is not None:
                out[key] = list(value) if key == "bbox" else value
        return out

    def sort_key(self) -> tuple:
        """A key that orders locations in document order within one file."""
        return (
            self.sheet or "",
            self.page or 0,
            self.table or 0,
            self.line or 0,
            self.row or 0,
            self.column or 0,
        )

    def compact(self) -> str:
        """The location as ``--format concise`` prints it after the path and a colon: ``12:5``
        (line, column), ``Sheet1!G12``, ``p3:r12:c4`` (page, table row, column), ``t1:r3:c2``
        (Word table, row, column)."""
        if self.sheet is not None:
            return f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        if self.page is not None or self.table is not None:
            parts = [f"p{self.page}" if self.page is not None else f"t{self.table}"]
            parts += [
                f"{key}{value}" for key, value in (("r", self.row), ("c", self.column)) if value
            ]
            return ":".join(parts)
        if self.line is not None:
            return f"{self.line}:{self.column or 1}"
        return ""

    def __str__(self) -> str:
        if self.sheet is not None:
            return f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        if self.page is not None:
            cell = f" 行{self.row} 列{self.column}" if self.row and self.column else ""
            return f"第{self.page}页{cell}"
        if self.table is not None:
            cell = f" 行{self.row} 列{self.column}" if self.row and self.column else ""
            return f"表{self.table}{cell}"
        if self.line is not None:
            return f"{self.line}:{self.column or 1}"
        return "?"


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Amounts:
    """The money columns of a row, in 万元 (or the document's ``amount_unit``).

    ``positional`` is true when the source collapsed empty columns (text dumps), so the figures were
    attributed left to right (总计, 财政拨款, …) and the attribution after the first is a guess.
    """

    total: Decimal | None = None
    fiscal: Decimal | None = None
    special: Decimal | None = None
    other: Decimal | None = None
    positional: bool = False
    raw: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, str | None]:
        """The amounts as ``jxlint.document/1`` strings with two decimals, ``None`` when empty."""
        return {name: format_money(getattr(self, name)) for name in AMOUNT_FIELDS}

    def figures(self) -> tuple[Decimal | None, ...]:
        """The four figures in column order."""
        return (self.total, self.fiscal, self.special, self.other)


def format_money(value: Decimal | None) -> str | None:
    """Format a decimal amount with exactly two decimals and no separators."""
    if value is None:
        return None
    return f"{value.quantize(Decimal('0.01')):f}"


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Indicator:
    """One 绩效指标: optional 一级/二级 codes, a name and the two target values (kept verbatim).

    ``index`` is the indicator's 1-based position in its project; ``number`` is the number written
    in front of it (``3、``), which differs only when the table's numbering skips or restarts.
    ``cycle_location``/``annual_location`` are where each value is when the table gives it a cell
    of its own (one row per indicator); a finding on the value points there.
    """

    index: int
    number: int | None
    level1_code: str | None
    level1: str | None
    level2_code: str | None
    level2: str | None
    name: str
    cycle_value: str | None
    annual_value: str | None
    raw: str
    location: Location
    has_cycle_label: bool = False
    has_annual_label: bool = False
    cycle_location: Location | None = None
    annual_location: Location | None = None


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Project:
    """A 项目 row: name, amounts, 绩效目标 and its indicators.

    ``ordinal`` is the project's 1-based position in its file. ``indicators_in_goal_cell`` is set
    when a delimited or spreadsheet row carried its indicators in the 绩效目标 cell.
    """

    name: str
    amounts: Amounts
    goal: str
    indicators: tuple[Indicator, ...]
    location: Location
    ordinal: int
    goal_location: Location | None = None
    raw: str = ""
    indicators_in_goal_cell: bool = False
    markup: bool = False


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Unit:
    """A 资金使用单位 row and the projects listed under it."""

    name: str
    amounts: Amounts
    location: Location
    projects: tuple[Project, ...] = ()


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Note:
    """Something the reader could not place or had to guess, with its location."""

    message: str
    location: Location
    kind: str = "unplaced"
    text: str = ""


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Document:
    """One input file: a department's table, its units, projects and indicators."""

    path: str
    format: str
    department: str | None
    amount_unit: str | None
    total: Amounts | None
    units: tuple[Unit, ...]
    notes: tuple[Note, ...] = ()
    total_location: Location | None = None
    has_codes: bool = True
    has_cycle_column: bool = True

    def projects(self) -> list[Project]:
        """All projects of the document in document order."""
        return [project for unit in self.units for project in unit.projects]

    def indicator_count(self) -> int:
        """The number of indicators in the document."""
        return sum(len(project.indicators) for project in self.projects())

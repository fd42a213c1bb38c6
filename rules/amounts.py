"""A — amounts: subtotals, grand total and row sums, in exact decimal arithmetic."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from linter.engine import Context, Hit, Rule, Scope
from linter.findings import Related, Severity
from linter.model import AMOUNT_FIELDS, Amounts, Document, Location, Project, Unit

COLUMN_LABELS = {
    "total": "总计",
    "fiscal": "财政拨款",
    "special": "财政专户拨款",
    "other": "其他资金",
}
ROUNDING_PER_FIGURE = Decimal("0.005")


@dataclass(frozen=True, slots=True)
class Difference:
    """A stated figure against the sum of the figures it should equal."""

    column: str
    stated: Decimal
    summed: Decimal
    count: int

    @property
    def delta(self) -> Decimal:
        """Stated minus summed."""
        return self.stated - self.summed

    @property
    def within_rounding(self) -> bool:
        """Whether the gap is explicable by rounding each figure to 0.01."""
        return abs(self.delta) <= ROUNDING_PER_FIGURE * self.count


def _columns(rows: list[Amounts], stated: Amounts) -> tuple[str, ...]:
    """Columns that can be compared: all four when cells are kept, only 总计 in text dumps."""
    if stated.positional or any(row.positional for row in rows):
        return ("total",)
    return AMOUNT_FIELDS


def differences(stated: Amounts, rows: list[Amounts]) -> list[Difference]:
    """Every column where ``stated`` differs from the sum of ``rows`` (empty cells count 0)."""
    out = []
    for column in _columns(rows, stated):
        given = getattr(stated, column)
        figures = [getattr(row, column) for row in rows]
        if given is None and all(f is None for f in figures):
            continue
        summed = sum((f for f in figures if f is not None), Decimal(0))
        difference = Difference(column, given or Decimal(0), summed, len(rows) + 1)
        if difference.delta != 0:
            out.append(difference)
    return out


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _duplicate_explaining(unit_projects: tuple[Project, ...], delta: Decimal) -> list[Project]:
    """Projects listed twice (same name and amount) whose extra copy explains the gap."""
    counts = Counter((p.name, p.amounts.total) for p in unit_projects)
    for (name, total), count in counts.items():
        if count > 1 and total is not None and -delta == total * (count - 1):
            return [p for p in unit_projects if (p.name, p.amounts.total) == (name, total)]
    return []


def _related(document: Document, projects: list[Project]) -> tuple[Related, ...]:
    return tuple(Related(document.path, p.name, p.ordinal, p.location) for p in projects)


def _subtotal_hits(unit: Unit, document: Document, rounding: bool) -> Iterator[Hit]:
    if not unit.projects or not any(unit.amounts.figures()):
        return
    for difference in differences(unit.amounts, [p.amounts for p in unit.projects]):
        if difference.within_rounding != rounding:
            continue
        label = COLUMN_LABELS[difference.column]
        message = (
            f"单位“{unit.name}”{label} {_money(difference.stated)} 与所列 "
            f"{len(unit.projects)} 个项目之和 {_money(difference.summed)} 相差 "
            f"{_money(difference.delta)}"
        )
        twins = _duplicate_explaining(unit.projects, difference.delta)
        suggestion = "核对单位小计与各项目金额"
        if twins:
            message += f"；差额正好是重复列出的项目“{twins[0].name}”（{twins[0].amounts.total}）"
            suggestion = "删除重复列出的项目，或核对是否确为两个项目"
        if rounding:
            suggestion = "差额在四舍五入范围内，确认各项目金额的舍入"
        yield Hit(
            message,
            suggestion=suggestion,
            field=f"amounts.{difference.column}",
            excerpt=f"{difference.column}:{difference.stated}:{difference.summed}",
            unit=unit,
            location=unit.location,
            related=_related(document, twins),
        )


def _grand_total_rows(document: Document) -> tuple[list[Amounts], str]:
    named_units = [u for u in document.units if any(u.amounts.figures())]
    if named_units:
        return [u.amounts for u in named_units], f"{len(named_units)} 个单位之和"
    projects = document.projects()
    return [p.amounts for p in projects], f"{len(projects)} 个项目之和"


def _grand_total_hits(document: Document, rounding: bool) -> Iterator[Hit]:
    if document.total is None:
        return
    rows, what = _grand_total_rows(document)
    if not rows:
        return
    project_sum = sum((p.amounts.total or Decimal(0) for p in document.projects()), Decimal(0))
    for difference in differences(document.total, rows):
        if difference.within_rounding != rounding:
            continue
        label = COLUMN_LABELS[difference.column]
        message = (
            f"合计行{label} {_money(difference.stated)} 与 {what} {_money(difference.summed)} "
            f"相差 {_money(difference.delta)}（全部项目之和 {_money(project_sum)}）"
        )
        yield Hit(
            message,
            suggestion="核对合计行与各单位小计"
            if not rounding
            else "差额在四舍五入范围内，确认各行金额的舍入",
            field=f"amounts.{difference.column}",
            excerpt=f"{difference.column}:{difference.stated}:{difference.summed}",
            location=document.total_location,
        )


class UnitSubtotal(Rule):
    """资金使用单位行的金额必须等于其下各项目金额之和。

    Each 资金使用单位 row states the sum of the projects listed under it. A gap means a project
    is missing, listed twice, or mistyped; when the gap equals a project listed twice, the
    finding says so. Gaps within rounding (0.005 per figure summed) are A04, not this rule.
    Exact decimal arithmetic; text dumps compare only 总计 (their other columns collapse).

    Violates: unit 6,178.00 with projects summing to 6,233.00 (机构运行辅助经费 55.00 listed twice).
    Passes: unit 280.96 = 60.00 + 5.60 + 15.00 + 46.86 + 33.20 + 69.00 + 17.00 + 34.30.
    """

    code = "A01"
    name = "unit-subtotal"
    opinion = 11
    severity = Severity.error
    scope = Scope.unit

    def check(self, unit: Unit, context: Context) -> Iterator[Hit]:
        yield from _subtotal_hits(unit, context.document, rounding=False)


class GrandTotal(Rule):
    """合计行必须等于各单位行之和。

    The 合计 row states the department's total; it must equal the sum of the unit rows (or of
    the projects when the table has no unit rows). The message also gives the sum of all
    projects, to tell a wrong unit subtotal from a wrong grand total.

    Violates: 合计 6,178.00 while the unit rows sum to 6,233.00.
    Passes: 合计 280.96 with one unit row of 280.96.
    """

    code = "A02"
    name = "grand-total"
    opinion = 11
    severity = Severity.error
    scope = Scope.document

    def check(self, document: Document, context: Context) -> Iterator[Hit]:
        yield from _grand_total_hits(document, rounding=False)


class RowSum(Rule):
    """总计必须等于财政拨款 + 财政专户拨款 + 其他资金。

    On every row (合计, units, projects) the 总计 column is the sum of the three funding columns
    (empty cells count 0). In text dumps empty columns collapse, so the figures after 总计 are
    summed whatever columns they came from.

    Violates: ``18.00	15.00			`` (总计 18.00, 财政拨款 15.00, nothing else).
    Passes: ``18.00	18.00			``.
    """

    code = "A03"
    name = "row-sum"
    opinion = 11
    severity = Severity.error
    scope = Scope.document

    def check(self, document: Document, context: Context) -> Iterator[Hit]:
        for amounts, location, unit, project, name in amount_rows(document):
            parts = [f for f in amounts.figures()[1:] if f is not None]
            if amounts.total is None or not parts:
                continue
            summed = sum(parts, Decimal(0))
            if summed != amounts.total:
                yield Hit(
                    f"“{name}”总计 {_money(amounts.total)} 不等于各资金来源之和 {_money(summed)}",
                    suggestion="总计 = 财政拨款 + 财政专户拨款 + 其他资金",
                    field="amounts.total",
                    excerpt=f"{amounts.total}:{summed}",
                    location=location,
                    unit=unit,
                    project=project,
                )


def amount_rows(
    document: Document,
) -> list[tuple[Amounts, Location | None, Unit | None, Project | None, str]]:
    """Every row with amounts: 合计, then each unit followed by its projects, with its name."""
    rows: list[tuple[Amounts, Location | None, Unit | None, Project | None, str]] = []
    if document.total is not None:
        rows.append((document.total, document.total_location, None, None, "合计"))
    for unit in document.units:
        rows.append((unit.amounts, unit.location, unit, None, unit.name))
        rows.extend((p.amounts, p.location, unit, p, p.name) for p in unit.projects)
    return rows


class Rounding(Rule):
    """小计或合计与明细之和的差额在四舍五入范围内。

    Figures are rounded to 0.01 万元, so a sum may differ from its stated total by up to 0.005
    per figure summed. Such a gap is reported here as information instead of as A01/A02: check
    that the rounding is intended.

    Violates (info): unit 6,193.09 with projects summing to 6,193.10.
    Passes: a subtotal equal to the sum of its rows.
    """

    code = "A04"
    name = "rounding"
    opinion = 11
    severity = Severity.info
    scope = Scope.document
    table_notice = True

    def check(self, document: Document, context: Context) -> Iterator[Hit]:
        yield from _grand_total_hits(document, rounding=True)
        for unit in document.units:
            yield from _subtotal_hits(unit, document, rounding=True)


class NegativeAmount(Rule):
    """金额不能为负数。

    A budget row states money allocated: none of 总计、财政拨款、财政专户拨款、其他资金 can be
    below zero, on a project, a unit or the 合计 row. A negative figure is usually a stray minus
    sign (also the full-width ``－``), or a reduction typed where the new amount belongs. Each
    negative figure is one finding naming its column and value.

    Violates: ``公务用车购置费	-18.00	-18.00`` (总计 and 财政拨款 negative).
    Passes: ``公务用车购置费	18.00	18.00``; ``0.00`` and ``-0.00`` are not negative.
    """

    code = "A05"
    name = "negative-amount"
    opinion = 11
    severity = Severity.error
    scope = Scope.document

    def check(self, document: Document, context: Context) -> Iterator[Hit]:
        for amounts, location, unit, project, name in amount_rows(document):
            for column, value in zip(AMOUNT_FIELDS, amounts.figures(), strict=True):
                if value is None or value >= 0:
                    continue
                label = COLUMN_LABELS[column]
                yield Hit(
                    f"“{name}”的{label}为负数：{_money(value)}",
                    suggestion=f"{label}不能为负数；核对是否误加了负号，或应填调整后的金额",
                    field=f"amounts.{column}",
                    excerpt=f"{column}:{value}",
                    location=location,
                    unit=unit,
                    project=project,
                )


RULES = (UnitSubtotal, GrandTotal, RowSum, Rounding, NegativeAmount)

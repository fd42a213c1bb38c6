"""N — numeric sanity: impossible percentages, degenerate bounds, targets at the ceiling."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from linter.engine import Context, Hit, Rule, Scope
from linter.findings import Severity
from linter.model import Indicator
from linter.values import Value
from rules.common import FIELD_LABELS, TEXT_CACHE, is_satisfaction, parsed, quote, same_text

HUNDRED = Decimal(100)
_PERCENT_IN_NAME_RE = re.compile(r"[（(]\s*[%％]\s*[)）]")


@lru_cache(maxsize=TEXT_CACHE)
def checked_values(annual: str | None, cycle: str | None) -> tuple[tuple[str, str, Value], ...]:
    """An indicator's 年度 and 实施周期 values as ``(field, text, parsed)``; the 实施周期 value is
    skipped when it repeats the 年度 value, so that one defect written twice is reported once
    (cached: the three N rules read the same values, and values recur across tables)."""
    out = []
    value = parsed(annual)
    if value is not None and annual is not None:
        out.append(("annual_value", annual, value))
    if cycle is not None and cycle != annual and not same_text(cycle, annual):
        value = parsed(cycle)
        if value is not None:
            out.append(("cycle_value", cycle, value))
    return tuple(out)


def _is_percent(indicator: Indicator, value: Value) -> bool:
    """Whether the main number is a percentage (``95%``, or ``95`` under a name in （%）)."""
    if value.unit == "%":
        return True
    return value.unit is None and bool(_PERCENT_IN_NAME_RE.search(indicator.name))


def _satisfaction(indicator: Indicator, context: Context) -> bool:
    return is_satisfaction(indicator) or bool(
        context.vocabulary.first("num_satisfaction", indicator.name)
    )


def _out_of_range(indicator: Indicator, value: Value) -> str | None:
    """What is wrong with a percentage above 100% or below 0% (``None`` for any other value)."""
    if value.number is None:
        return None
    high = value.upper if value.upper is not None else value.number
    if high > HUNDRED:
        problem = "高于100%"
    elif value.number < 0:
        problem = "低于0%"
    else:
        return None
    return problem if _is_percent(indicator, value) else None


def _bounded_rate(indicator: Indicator, context: Context) -> bool:
    """Whether the name is a share of a whole (N01), not a rate of change or a return."""
    vocabulary = context.vocabulary
    if vocabulary.first("num_unbounded_rate", indicator.name):
        return False
    return _satisfaction(indicator, context) or bool(
        vocabulary.first("num_bounded_rate", indicator.name)
    )


class PercentRange(Rule):
    """比率类指标值超出 0–100%。

    A share of a whole — satisfaction, pass, completion, coverage, timeliness, accuracy, budget
    execution rates (list ``num_bounded_rate``; satisfaction indicators filed under 31 always
    count) — cannot be above 100% or below 0%, so such a target is impossible as written
    (often a typo: ``1000%``, ``95%-105%``). Rates of change and returns (增长率, 增幅, 投资回报率;
    list ``num_unbounded_rate``) may exceed 100% and are not checked. A bare number counts as a
    percentage when the name carries the unit (``验收合格率（%） → 100``).

    Violates: ``群众满意度 → ≥105%``.
    Passes: ``群众满意度（%） → 95%``; ``营业收入增长率 → 120%``.
    """

    code = "N01"
    name = "percent-range"
    opinion = 4
    severity = Severity.error
    scope = Scope.indicator

    def check(self, indicator: Indicator, context: Context) -> Iterator[Hit]:
        problems = [
            (field, text, problem)
            for field, text, value in checked_values(indicator.annual_value, indicator.cycle_value)
            if (problem := _out_of_range(indicator, value))
        ]
        if not problems or not _bounded_rate(indicator, context):
            return
        for field, text, problem in problems:
            yield Hit(
                f"比率“{quote(indicator.name)}”的{FIELD_LABELS[field]}“{quote(text)}”{problem}，"
                "无法实现",
                suggestion="比率应在 0–100% 之间，如“≥95%”；核对是否笔误",
                field=field,
                excerpt=text,
                indicator=indicator,
            )


class DegenerateBound(Rule):
    """“≤0”“<0”“低于0”用于不可能为负的量。

    A quantity that cannot be negative (a count, a loss, an accident or cost-overrun rate) makes
    ``≤0%`` the same as ``0%`` and ``<0`` impossible: the comparator only obscures the target.
    Write ``0`` / ``=0`` (or, for 成本控制率, give the formula, without which the direction of the
    rate is ambiguous). Quantities that can be negative (增长率, 偏差, 结余; list
    ``num_signed_quantity``) are not reported.

    Violates: ``成本控制率 → ≤0%``; ``案件审查不严造成损失 → ≤0%``.
    Passes: ``食品安全事故率 → 0%``.
    """

    code = "N02"
    name = "degenerate-bound"
    opinion = 4
    severity = Severity.warning
    scope = Scope.indicator

    def check(self, indicator: Indicator, context: Context) -> Iterator[Hit]:
        degenerate = [
            (field, text, value)
            for field, text, value in checked_values(indicator.annual_value, indicator.cycle_value)
            if value.comparator in ("≤", "<") and value.number == 0 and value.upper is None
        ]
        if not degenerate or context.vocabulary.first("num_signed_quantity", indicator.name):
            return
        for field, text, value in degenerate:
            if value.comparator == "<":
                message = (
                    f"{FIELD_LABELS[field]}“{quote(text)}”要求小于0，"
                    f"而“{quote(indicator.name)}”不可能为负数"
                )
            else:
                message = (
                    f"{FIELD_LABELS[field]}“{quote(text)}”等同于0：“{quote(indicator.name)}”不会为负数，"
                    "“≤0”只会让目标含糊"
                )
            yield Hit(
                message,
                suggestion="目标为零时写“0”或“=0”；成本控制率等比率应写明计算公式",
                field=field,
                excerpt=text,
                indicator=indicator,
            )


class TargetAtCeiling(Rule):
    """满意度目标定为100%，指标值过高。

    A satisfaction target of 100% (``100%``, ``≥100%``, ``=100%``) leaves no tolerance for a single
    dissatisfied respondent: it is rarely achievable and says nothing about the expected level
    (审核 dimension 适当性: 指标值过高). Satisfaction indicators are those filed under 31 or named
    满意度/满意率 (list ``num_satisfaction``).

    Violates: ``群众满意度（%） → 100%``.
    Passes: ``服务对象满意度 → 达到95%``.
    """

    code = "N03"
    name = "target-at-ceiling"
    opinion = 11
    severity = Severity.info
    scope = Scope.indicator

    def check(self, indicator: Indicator, context: Context) -> Iterator[Hit]:
        at_ceiling = [
            (field, text)
            for field, text, value in checked_values(indicator.annual_value, indicator.cycle_value)
            if value.number is not None  # (None == Decimal takes Decimal's slow path)
            and value.number == HUNDRED
            and value.upper is None
            and value.unit in ("%", None)
            and value.comparator in (None, "=", "≥")
        ]
        if not at_ceiling or not _satisfaction(indicator, context):
            return
        for field, text in at_ceiling:
            yield Hit(
                f"满意度目标“{quote(text)}”定在上限100%，难以实现，也体现不出合理的预期水平",
                suggestion="参考历史调查结果设置目标，如“≥95%”",
                field=field,
                excerpt=text,
                indicator=indicator,
            )


RULES = (PercentRange, DegenerateBound, TargetAtCeiling)

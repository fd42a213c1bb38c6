"""K — consistency: 实施周期 against 年度 values, goal against indicators, unit cost × quantity."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import chain
from typing import ClassVar

from linter.engine import Context, Hit, Option, Rule, Scope
from linter.findings import Related, Severity
from linter.model import Indicator, Project
from linter.values import (
    MONEY_SCALE,
    RATIO_UNITS,
    TIME_UNITS,
    Value,
    canonical,
    canonical_unit,
    may_state_quantity,
    unit_form,
)
from linter.vocab import Vocabulary
from rules.common import RATE_NAME_RE, TEXT_CACHE, parsed, quote

_CN_NUMERAL_RE = re.compile(r"[零〇一二两三四五六七八九十百]|(?<![0-9.])[千万亿]")
_QUOTED_RE = re.compile(
    r"“[^”]{0,120}”|《[^》]{0,160}》|〈[^〉]{0,120}〉|「[^」]{0,120}」|\"[^\"]{0,120}\""
)
_CJK_RUN_RE = re.compile(r"[\u4e00-\u9fff]+")
_CJK_BIGRAM_RE = re.compile(r"(?=([\u4e00-\u9fff]{2}))")
"""Every two consecutive Chinese characters (overlapping: 养老保险 → 养老, 老保, 保险)."""
_DIGIT_RE = re.compile(r"[0-9]")
_ARABIC_DIGIT_RE = re.compile("[0-9０-９]")


# ---------------------------------------------------------------------------------------------
# Shared helpers: every quantity of a text, canonical units
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity read from a text: number(s), unit, comparator and the text after it."""

    number: Decimal
    upper: Decimal | None
    unit: str | None
    comparator: str | None
    after: str

    @property
    def values(self) -> tuple[Decimal, ...]:
        """The number, and the upper end of a range."""
        return (self.number,) if self.upper is None else (self.number, self.upper)


@lru_cache(maxsize=TEXT_CACHE)
def quantities(text: str | None, arabic_only: bool = False) -> tuple[Quantity, ...]:
    """Every quantity of ``text`` in order, read by the value parser clause after clause.

    The parser reads the first quantity of a text; the rest is read from its ``trailing`` text.
    With ``arabic_only`` Chinese numerals are ignored (in prose they are mostly slogans and
    names: 三个转变, 四不两直, 一网通办); dates, document numbers (〔2023〕33号) and list
    markers (1. / （1）) are never quantities.
    """
    if not text or not (_ARABIC_DIGIT_RE.search(text) if arabic_only else may_state_quantity(text)):
        return ()  # the value parser reads no number here
    if arabic_only:
        text = _CN_NUMERAL_RE.sub("□", text)
    found: list[Quantity] = []
    for _ in range(40):
        value = parsed(text)
        if value is None or value.number is None:
            break
        found.append(
            Quantity(value.number, value.upper, value.unit, value.comparator, value.trailing)
        )
        rest = value.trailing
        if not rest or rest == text or (arabic_only and not _DIGIT_RE.search(rest)):
            break
        text = rest
    return tuple(found)


def _fmt(number: Decimal) -> str:
    """A decimal without exponent or trailing zeros (1.10 → 1.1, 3E+3 → 3000)."""
    return format(number.normalize(), "f")


def _is_rate(unit: str | None, rate_name: bool) -> bool:
    """Whether a target is a rate, ratio, per-unit figure or time limit: by its unit, or else by
    the indicator's name (``rate_name``: a name in 率/度/比例 …, :data:`~rules.common.RATE_NAME_RE`)."""
    if unit is not None and (unit in RATIO_UNITS or "/" in unit):
        return True
    if unit is not None and canonical_unit(unit) in TIME_UNITS:
        return True
    return rate_name


# ---------------------------------------------------------------------------------------------
# K01
# ---------------------------------------------------------------------------------------------


NOT_A_TARGET_LISTS = ("cons_placeholder", "cons_definition", "val_placeholder", "val_definition")
"""Vocabularies of values that are no target: placeholders (V04) and definitions, formulas,
questions and scoring rules (V12). The ``val_`` lists belong to the V family; K01 reads them too
so that a value V04/V12 reports is not reported a second time as a mismatch."""


@lru_cache(maxsize=TEXT_CACHE)
def not_a_target(text: str, vocabulary: Vocabulary) -> bool:
    """Whether a (normalised) value is a placeholder or a definition rather than a target."""
    return any(vocabulary.first(name, text) for name in NOT_A_TARGET_LISTS)


def _kind(value: Value) -> str:
    if value.number is not None:
        return "number"
    return "date" if value.date is not None else "text"


def _high(value: Value) -> Decimal:
    """The value's (upper) number in canonical units (money in 元)."""
    number = value.upper if value.upper is not None else value.number
    assert number is not None
    return canonical(number, value.unit)[0]


def _plain(text: str) -> str:
    return text.strip(" 。；;，,.、")


def _multi(value: Value) -> bool:
    return len(value.numbers) > (2 if value.upper is not None else 1)


class CycleAnnual(Rule):
    """年度指标值与实施周期指标值不一致。

    Both values are read with the same value parser and compared as targets (comparator,
    number, range and unit; the text around the number and the ``标准：`` prefix are ignored,
    so ``全项目发放就业见习补贴人数≥180人`` equals ``≥180人``). Severity by kind of target:

    * rates, ratios, per-unit figures and time limits (``%``, ``元/人``, ``小时``, names in 率/度):
      the 年度 value should equal the 实施周期 value — warning;
    * cumulative counts and money: 年度 ≤ 实施周期. 年度 > 实施周期 is an error; 年度 <
      实施周期 is normal for a multi-year project and, since the table does not state the
      project's duration, not reported (option ``report_smaller_annual`` reports it as info);
    * different comparators or units, or values holding different sets of targets — warning;
    * two different qualitative values — warning, both quoted.

    Not compared: a missing value (S03), a placeholder such as ``标准：控制数`` (V04), a value
    that is a definition or formula (``实际完成的工作量/计划完成的工作量``, ``…的次数``; V12), and a
    qualitative value against a numeric one unless the qualitative one states a target of its
    own (完成, 达到, 合格, 及时 …; list ``cons_target_words``).

    Violates: ``实施周期指标值:100%；年度指标值:99%`` and ``全年审计2个单位、4个专项资金`` vs
    ``全年审计2个单位``.
    Passes: ``全项目发放就业见习补贴人数≥180人`` vs ``≥180人``.
    """

    code = "K01"
    name = "cycle-annual"
    opinion = 4
    severity = Severity.warning
    scope = Scope.indicator
    options: ClassVar[dict[str, Option]] = {
        "report_smaller_annual": Option(
            False,
            help="年度累计值小于实施周期值时也报告（提示） (report a smaller annual count as info)",
        )
    }

    def check(self, indicator: Indicator, context: Context) -> Iterator[Hit]:
        cycle, annual = indicator.cycle_value, indicator.annual_value
        if not context.document.has_cycle_column or not cycle or not annual or cycle == annual:
            return
        verdict = _pair_verdict(
            cycle,
            annual,
            bool(RATE_NAME_RE.search(indicator.name)),
            context.vocabulary,
            bool(self.settings["report_smaller_annual"]),
        )
        if verdict is None:
            return
        severity, message, suggestion, excerpt = verdict
        yield Hit(
            message,
            suggestion=suggestion,
            field="annual_value",
            excerpt=excerpt,
            indicator=indicator,
            severity=severity,
        )


@lru_cache(maxsize=TEXT_CACHE)
def _pair_verdict(
    cycle_raw: str,
    annual_raw: str,
    rate_name: bool,
    vocabulary: Vocabulary,
    report_smaller_annual: bool,
) -> tuple[Severity | None, str, str, str] | None:
    """K01's finding on a pair of values (severity, message, suggestion, excerpt), or ``None``.

    The pair decides it, with whether the indicator's name makes it a rate (``rate_name``), so
    the verdict is cached: the same pairs (``≥95%`` / ``≥90%``) recur across projects.
    """
    cycle, annual = parsed(cycle_raw), parsed(annual_raw)
    if cycle is None or annual is None or _plain(cycle.text) == _plain(annual.text):
        return None
    verdict = _compare(cycle, annual, rate_name, vocabulary, report_smaller_annual)
    if (
        verdict is None
        or not_a_target(cycle.text, vocabulary)
        or not_a_target(annual.text, vocabulary)
    ):
        return None
    severity, problem, suggestion = verdict
    return (
        severity,
        f"年度指标值“{quote(annual.raw)}”与实施周期指标值“{quote(cycle.raw)}”{problem}",
        suggestion,
        f"实施周期：{cycle.text}；年度：{annual.text}",
    )


def _compare(
    cycle: Value, annual: Value, rate_name: bool, vocabulary: Vocabulary, report_smaller: bool
) -> tuple[Severity | None, str, str] | None:
    """The pair's severity (``None``: the rule's), problem (the message after the two values)
    and suggestion; ``None`` when the two values agree."""
    kinds = (_kind(cycle), _kind(annual))
    if kinds == ("number", "number"):
        return _compare_numbers(cycle, annual, rate_name, report_smaller)
    if kinds == ("text", "text"):
        return None, "不一致", "一年期项目两者应相同；多年期项目应写明年度应完成的部分"
    if kinds == ("date", "date"):
        if (
            cycle.date
            and annual.date
            and cycle.date[:4].isdigit()
            and annual.date[:4].isdigit()
            and annual.date > cycle.date
        ):
            return None, "不一致：年度完成时间晚于实施周期", "年度完成时间不应晚于实施周期"
        return None
    if "number" in kinds and "text" in kinds:
        text = cycle if kinds[0] == "text" else annual
        if vocabulary.first("cons_target_words", text.text):
            return (
                None,
                "不一致：一个是定性描述，一个是数值",
                "两个指标值应表述同一目标，如都写成“≥95%”",
            )
    return None


def _compare_numbers(
    cycle: Value, annual: Value, rate_name: bool, report_smaller: bool
) -> tuple[Severity | None, str, str] | None:
    same_numbers = (
        annual.number == cycle.number
        and annual.upper == cycle.upper
        and sorted(annual.numbers) == sorted(cycle.numbers)
    )
    comparator_a, comparator_c = annual.comparator or "=", cycle.comparator or "="
    if (
        same_numbers
        and comparator_a == comparator_c
        and (annual.unit == cycle.unit or annual.unit is None or cycle.unit is None)
    ):
        return None  # a missing unit is V10's business
    if _multi(annual) or _multi(cycle):
        return (
            None,
            "不一致",
            "两个指标值应列出相同的目标；多年期项目写明年度应完成的部分",
        )
    if comparator_a != comparator_c:
        return None, "的比较符不一致", "两个指标值应使用相同的比较符（≥、≤、＝ …）"
    unit_a, unit_c = canonical_unit(annual.unit), canonical_unit(cycle.unit)
    if unit_a is not None and unit_c is not None and unit_a != unit_c:
        return None, "的单位不一致", "两个指标值应使用相同的计量单位"
    if _is_rate(annual.unit or cycle.unit, rate_name):
        return (
            None,
            "不一致：比率、单价或时限类指标的年度值应等于实施周期值",
            "把两个指标值改为同一目标值",
        )
    high_a, high_c = _high(annual), _high(cycle)
    if high_a > high_c:
        return (
            Severity.error,
            "不一致：累计数量的年度目标大于整个实施周期的目标",
            "年度目标不应超过实施周期目标；一年期项目两者应相同",
        )
    if high_a < high_c and report_smaller:
        return (
            Severity.info,
            "不同：年度目标小于实施周期目标（多年期项目可以如此）",
            "一年期项目两者应相同；多年期项目可忽略",
        )
    return None


# ---------------------------------------------------------------------------------------------
# K02
# ---------------------------------------------------------------------------------------------


def _goal_promises(project: Project, vocabulary: Vocabulary) -> list[tuple[str, Decimal, str]]:
    """The quantities with a unit promised in a 绩效目标: (as displayed, number, canonical unit).

    The project's own amount restated in the goal (``安排资金50万元``) is not a promise.
    """
    if not _ARABIC_DIGIT_RE.search(project.goal):
        return []  # Chinese numerals in prose are not promises
    text = _QUOTED_RE.sub("□", project.goal)
    out: list[tuple[str, Decimal, str]] = []
    seen: set[tuple[Decimal, str]] = set()
    for quantity in quantities(text, arabic_only=True):
        if quantity.unit is None:
            continue
        if vocabulary.first("cons_goal_not_promise", quantity.unit + quantity.after):
            continue
        if quantity.unit in MONEY_SCALE:
            in_yuan = canonical(quantity.number, quantity.unit)[0]
            if in_yuan in _amounts_in_yuan(project):
                continue
        for number in quantity.values:
            value, unit = canonical(number, quantity.unit)
            if unit is None or (value, unit) in seen:
                continue
            seen.add((value, unit))
            out.append((f"{_fmt(number)}{quantity.unit}", value, unit))
    return out


def _amounts_in_yuan(project: Project) -> set[Decimal]:
    """The project's money figures (万元) in 元."""
    return {
        canonical(figure, "万元")[0] for figure in project.amounts.figures() if figure is not None
    }


def _unmeasured(
    promises: list[tuple[str, Decimal, str]], indicators: tuple[Indicator, ...]
) -> list[str]:
    """The promises (as displayed) that no indicator measures, in order.

    A promise is measured by an indicator stating the same quantity, or the same number without
    a unit; the indicators are read until every promise is measured.
    """
    for indicator in indicators:
        if not promises:
            break
        measured = _indicator_quantities(indicator)
        promises = [
            (shown, number, unit)
            for shown, number, unit in promises
            if (number, unit) not in measured and (number, None) not in measured
        ]
    return [shown for shown, _, _ in promises]


def _indicator_quantities(indicator: Indicator) -> set[tuple[Decimal, str | None]]:
    """Every quantity an indicator's name and values state, canonical."""
    found: set[tuple[Decimal, str | None]] = set()
    for text in (indicator.name, indicator.cycle_value, indicator.annual_value):
        for quantity in quantities(text):
            for number in quantity.values:
                found.add(canonical(number, quantity.unit))
    return found


class GoalNumbersMeasured(Rule):
    """绩效目标中承诺的数量没有对应的绩效指标。

    Every quantity the 绩效目标 promises (a number with a unit: ``拟完成250项``, ``压减50%``,
    ``39个单位``) should be measured by some indicator — in its value or its name. Numbers are
    compared as parsed quantities (``6名`` matches ``6人``; a bare ``39`` in an indicator matches
    ``39个单位``), not as strings. Years and dates (2024年), document numbers (〔2023〕33号,
    云档馆〔2020〕3号), list numbering (1. / （1）), numbers without a unit, Chinese numerals in
    prose (三个转变), quoted names (“番禺人才生态30条”, 《…》), the project's own amount restated
    (``安排资金50万元``) and periods such as ``设立5年过渡期`` (list ``cons_goal_not_promise``) are
    not promises. One finding per project lists the unmeasured numbers. 88号 requires goal and
    indicators to 相应匹配 (op#3).

    Violates: goal ``…整体服务时限压减50%，实现服务提速50%…`` with no indicator of 50%.
    Passes: goal ``…代管的39个单位年度预算支出管理…`` with indicator ``维护账号个数 → 39``.
    """

    code = "K02"
    name = "goal-numbers-measured"
    opinion = 3
    severity = Severity.warning
    scope = Scope.project

    def check(self, project: Project, context: Context) -> Iterator[Hit]:
        if not project.goal or not project.indicators:
            return
        promises = _goal_promises(project, context.vocabulary)
        if not promises:
            return
        missing = _unmeasured(promises, project.indicators)
        if not missing:
            return
        listed = "、".join(f"“{shown}”" for shown in missing)
        yield Hit(
            f"绩效目标中的{listed}没有对应的绩效指标",
            suggestion=f"为目标中的每个数量设置指标（如指标值“{missing[0]}”），或从绩效目标中删去",
            field="goal",
            excerpt="、".join(missing),
            location=project.goal_location or project.location,
        )


# ---------------------------------------------------------------------------------------------
# K03
# ---------------------------------------------------------------------------------------------


def _bigrams(text: str, vocabulary: Vocabulary) -> frozenset[str]:
    """Character bigrams of the Chinese text once the generic wording is removed."""
    return frozenset(_CJK_BIGRAM_RE.findall(_without_generic_words(text, vocabulary)))


def _without_generic_words(text: str, vocabulary: Vocabulary) -> str:
    """The text with the generic wording (list ``cons_generic_words``) replaced by ``|``."""
    for entry in vocabulary.get("cons_generic_words"):
        text = entry.pattern.sub("|", text)
    return text


@lru_cache(maxsize=TEXT_CACHE)
def _name_bigrams(name: str, vocabulary: Vocabulary) -> frozenset[str] | None:
    """The bigrams of an indicator name; ``None`` for an indicator K03 does not judge, one that
    says nothing project-specific (list ``cons_generic_indicator``)."""
    if vocabulary.first("cons_generic_indicator", name):
        return None
    return _bigrams(name, vocabulary)


@lru_cache(maxsize=TEXT_CACHE)
def _value_bigrams(value: str | None, vocabulary: Vocabulary) -> frozenset[str]:
    """The bigrams of a value that states a target (none for a placeholder or definition)."""
    if not value:
        return frozenset()
    grams = _bigrams(value, vocabulary)
    return grams if grams and not not_a_target(value.strip(), vocabulary) else frozenset()


class GoalIndicatorRelevance(Rule):
    """绩效指标与项目名称、绩效目标不相关（疑似从其他项目复制）。

    Compares each indicator (name and values) with the project name and 绩效目标 by character
    bigrams, after removing the generic budget wording every project shares (保障, 资金, 及时,
    满意度 …; list ``cons_generic_words``). Indicators that say nothing project-specific
    (satisfaction, budget execution, compliance; list ``cons_generic_indicator``, or nothing left
    once the generic words are gone) are not judged. Reported when at least ``min_indicators``
    indicators are judged, at least ``threshold`` of them share nothing with the name and goal,
    and the unrelated ones share a topic of their own that the goal never mentions (a bigram in
    the names of at least ``theme_share`` of the judged indicators and of at least three, e.g.
    城乡居民 … 保险): the indicator set most likely belongs to another project. Loosely worded
    but on-topic indicator sets are left to the reviewer. Reviewers return such tables as
    指标与项目的相关性不够 (op#3).

    Violates: 后勤人员专项经费 (canteen staff wages and 社保) with indicators about 城乡居民基本
    养老/医疗/失业/工伤保险参保率.
    Passes: 机关饭堂运行经费 with indicators 提供午餐数量, 干部职工对机关食堂出品满意度.
    """

    code = "K03"
    name = "goal-indicator-relevance"
    opinion = 3
    severity = Severity.warning
    scope = Scope.project
    options: ClassVar[dict[str, Option]] = {
        "threshold": Option(
            0.75,
            minimum=0.0,
            maximum=1.0,
            help="与名称、目标无关的指标所占比例达到它即报告 (share of unrelated indicators)",
        ),
        "theme_share": Option(
            0.6,
            minimum=0.0,
            maximum=1.0,
            help="无关指标的共同主题须出现在这一比例的指标名称中 (share naming the other topic)",
        ),
        "min_indicators": Option(
            3, minimum=1, help="参与判断的指标少于它时不报告 (fewest judged indicators)"
        ),
    }

    def check(self, project: Project, context: Context) -> Iterator[Hit]:
        if not project.indicators:
            return
        vocabulary = context.vocabulary
        # Each text (name, value) is compared on its own bigrams. A bigram is shared with the
        # name and goal exactly when it occurs in their text (it is two Chinese characters), so
        # the reference stays a string: no set of its bigrams is built.
        reference = _without_generic_words(project.name + "|" + project.goal, vocabulary)
        if not _CJK_BIGRAM_RE.search(reference):
            return
        shares = reference.__contains__
        threshold = self.settings["threshold"]
        judged: list[Indicator] = []
        unrelated: list[Indicator] = []
        unrelated_names: list[frozenset[str]] = []
        count = len(project.indicators)
        for position, indicator in enumerate(project.indicators, 1):
            name_grams = _name_bigrams(indicator.name, vocabulary)
            if name_grams is None:
                continue
            if any(map(shares, name_grams)):
                related = True
            else:
                values = (
                    _value_bigrams(indicator.cycle_value, vocabulary),
                    _value_bigrams(indicator.annual_value, vocabulary),
                )
                if not name_grams and not any(values):
                    continue
                related = any(map(shares, chain.from_iterable(values)))
            judged.append(indicator)
            if not related:
                unrelated.append(indicator)
                unrelated_names.append(name_grams)
            elif (len(unrelated) + count - position) / (len(judged) + count - position) < threshold:
                return  # even if all the indicators left were unrelated, too few would be
        if len(judged) < self.settings["min_indicators"] or not unrelated:
            return
        if len(unrelated) / len(judged) < threshold:
            return
        theme = _theme(unrelated_names, self.settings["theme_share"] * len(judged))
        if not theme:
            return
        names = "、".join(f"“{quote(i.name, 20)}”" for i in unrelated[:3])
        more = f"等 {len(unrelated)} 个指标" if len(unrelated) > 3 else ""
        yield Hit(
            f"{len(judged)} 个指标中有 {len(unrelated)} 个与项目名称和绩效目标没有共同内容"
            f"（{names}{more}，都涉及绩效目标未提到的“{theme}”），疑似从其他项目复制",
            suggestion="按本项目的绩效目标重新设置指标，指标应反映本项目的产出和效果",
            field="indicators",
            excerpt="；".join(i.name for i in unrelated),
        )


def _theme(names: list[frozenset[str]], needed: float) -> str | None:
    """The most shared bigram of the names (given by their bigrams), if at least ``needed`` and
    three names hold it."""
    needed = max(needed, 3)
    if len(names) < needed:
        return None  # a bigram counts once per name
    counts = Counter(chain.from_iterable(names))
    if not counts:
        return None
    most, best = max(zip(counts.values(), counts, strict=True))
    return best if most >= needed else None


# ---------------------------------------------------------------------------------------------
# K04
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Count:
    number: Decimal
    shown: str
    indicator: Indicator
    project: Project


def _value_text(indicator: Indicator) -> str | None:
    return indicator.annual_value or indicator.cycle_value


def _unit_costs(project: Project) -> Iterator[tuple[Indicator, Quantity, str]]:
    """Indicators stating a cost per counted thing (``200元/套``), with the counted unit."""
    for indicator in project.indicators:
        text = _value_text(indicator)
        if not text or "元" not in text or ("/" not in text and "／" not in text):
            continue  # no money unit per anything (the parser reads ／ as /)
        for quantity in quantities(text):
            unit = quantity.unit or ""
            head, _, rest = unit.partition("/")
            if head not in MONEY_SCALE or not rest or "/" in rest:
                continue
            counted = unit_form(rest)[0]
            if counted in TIME_UNITS or counted in RATIO_UNITS:
                continue
            yield indicator, quantity, counted


def _counts(project: Project, counted: str, skip: Indicator | None) -> list[_Count]:
    found = []
    for indicator in project.indicators:
        if indicator is skip:
            continue
        for quantity in quantities(_value_text(indicator)):
            if quantity.unit is None or "/" in quantity.unit or quantity.upper is not None:
                continue
            number, unit = canonical(quantity.number, quantity.unit)
            if unit == counted and number > 0:
                found.append(
                    _Count(number, f"{_fmt(quantity.number)}{quantity.unit}", indicator, project)
                )
    return found


def _counted_noun(name: str, vocabulary: Vocabulary) -> str:
    for entry in vocabulary.get("cons_measure_words"):
        name = entry.pattern.sub("", name)
    return "".join(_CJK_RUN_RE.findall(name))


class BudgetArithmetic(Rule):
    """单价 × 数量与项目金额不相符。

    When one indicator states a unit cost (``200元/套``, ``3000元/人``) and another a count in the
    same unit (``29027套``, ``36人``), their product should match the project amount (万元): 88号
    requires targets to match 预算确定的资金量. Reported when the product exceeds the amount by
    more than ``tolerance`` (a ceiling price such as ``200元/套为最高限价`` may explain it; the
    message gives the implied unit cost), or is below ``min_share`` of it. The count is looked for
    in the same project; only when none is there, in the unit's other projects, and then only if
    the counted noun of the count indicator (``政府雇员在编人数`` → 政府雇员) appears in this
    project's name, goal or cost indicator. Per-time costs (``40万元/年``) are not multiplied.

    Violates: 免费刻章(407.54) ``200元/套`` × ``29027套`` = 580.54万元 > 407.54万元.
    Passes: 政府雇员公用经费(10.80) ``3000元/人`` × 36人 (政府雇员工资费用 #1) = 10.80万元.
    """

    code = "K04"
    name = "budget-arithmetic"
    opinion = 11
    severity = Severity.info
    scope = Scope.project
    options: ClassVar[dict[str, Option]] = {
        "tolerance": Option(
            0.01,
            minimum=0.0,
            help="单价×数量超过项目金额的比例超过它即报告 (allowed excess over the amount)",
        ),
        "min_share": Option(
            0.5,
            minimum=0.0,
            maximum=1.0,
            help="单价×数量低于项目金额的这一比例即报告 (least share of the amount)",
        ),
    }

    def check(self, project: Project, context: Context) -> Iterator[Hit]:
        amount = project.amounts.total
        if amount is None or amount <= 0:
            return
        if (context.document.amount_unit or "万元") == "元":
            amount = amount / 10_000
        for indicator, cost, counted in _unit_costs(project):
            count = self._count(project, indicator, counted, context)
            if count is None:
                continue
            price = canonical(cost.number, cost.unit)[0]  # 元 per counted thing
            product = price * count.number / 10_000
            tolerance = Decimal(str(self.settings["tolerance"]))
            min_share = Decimal(str(self.settings["min_share"]))
            if product > amount * (1 + tolerance):
                relation = "超过"
            elif product < amount * min_share:
                relation = "远低于"
            else:
                continue
            implied = amount * 10_000 / count.number
            shown_cost = f"{_fmt(cost.number)}{cost.unit}"
            related: tuple[Related, ...] = ()
            where = ""
            if count.project is not project:
                where = f"（数量取自项目“{quote(count.project.name, 20)}”）"
                related = (
                    Related(
                        context.document.path,
                        count.project.name,
                        count.project.ordinal,
                        count.indicator.location,
                        unit=context.unit.name if context.unit else None,
                        note=f"数量“{count.shown}”",
                    ),
                )
            yield Hit(
                f"单价“{shown_cost}”×数量“{count.shown}”{where}＝{product:.2f}万元，"
                f"{relation}项目金额{amount:.2f}万元（按金额推算单价约{implied:.2f}元/{counted}）",
                suggestion="核对单价、数量与项目金额是否匹配；单价为上限时注明，或按实际单价填写",
                field="amounts.total",
                excerpt=f"{shown_cost}×{count.shown}",
                indicator=indicator,
                related=related,
            )

    def _count(
        self, project: Project, cost_indicator: Indicator, counted: str, context: Context
    ) -> _Count | None:
        vocabulary = context.vocabulary
        own = _counts(project, counted, cost_indicator)
        if own:
            return _single(own)
        if context.unit is None:
            return None
        scope_text = project.name + project.goal + cost_indicator.name
        found: list[_Count] = []
        for sibling in context.unit.projects:
            if sibling is project:
                continue
            for count in _counts(sibling, counted, None):
                noun = _counted_noun(count.indicator.name, vocabulary)
                if len(noun) >= 2 and noun in scope_text:
                    found.append(count)
        return _single(found)


def _single(counts: list[_Count]) -> _Count | None:
    """The one count among candidates (several candidates with the same number count as one)."""
    numbers = {count.number for count in counts}
    return counts[0] if len(numbers) == 1 else None


RULES = (CycleAnnual, GoalNumbersMeasured, GoalIndicatorRelevance, BudgetArithmetic)

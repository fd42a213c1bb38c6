"""C — category: does each indicator sit in the right 一级/二级 category (op#6/#7)?

The indicator's 指标名称 is classified by the keyword table ``cat_keywords`` in
``rules/category.toml`` (domain.md §2.2): entries are tried in table order and the first match
wins, so every indicator gets at most one category and at most one CAT finding about its name.
Consequences of the order (31 → 13 → 12 → 21 → 14 → 11 → 过程):

* a timeliness wording beats a 过程 wording: ``资金拨付及时使用率`` and ``经费支付及时率`` are
  时效 indicators (C02 when misfiled), not C07 — C07 fires only when no earlier row matched;
* a quality wording beats a 过程 wording: ``资金拨付准确率`` is a 质量 indicator;
* C01/C02/C03/C07 judge the name; C04/C05 judge the value shape of what is filed under 14/11 and
  stay silent about indicators whose name already belongs to 31/13/12/过程 (their own rule reports
  them); C06 judges 2x indicators whose name is not claimed by 31/13/12/过程.
* C07 defers to C04 under 14 (``费用标准合规性 100%`` is reported once, as C04).

Indicators without a 二级 code cannot be checked (S02 reports them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from linter.engine import Context, Hit, Rule, Scope
from linter.findings import Severity
from linter.model import LEVEL2_NAMES, Indicator
from linter.values import COUNTED_FAMILIES, RATIO_UNITS, Value, unit_family
from linter.vocab import Entry, Vocabulary
from rules.common import (
    BARE_COST_LEVEL1,
    BARE_COST_LEVEL2,
    TEXT_CACHE,
    bare_name,
    is_benefit,
    parsed,
    quote,
)

_PERCENT_IN_NAME = re.compile(r"[（(]\s*[%％]\s*[）)]")
SATISFACTION = "3-满意度指标；31-服务对象满意度"


@dataclass(frozen=True, slots=True)
class Category:
    """What an indicator's name says it measures: the first ``cat_keywords`` entry it matches."""

    code: str
    label: str
    kind: str | None
    keyword: str


def classify(name: str, vocabulary: Vocabulary) -> Category | None:
    """The category the 指标名称 ``name`` belongs to (first match of ``cat_keywords``)."""
    exempt = None  # whether a 过程 wording is exempt: looked up at the first 过程 match
    for entry in vocabulary.get("cat_keywords"):
        match = entry.pattern.search(name)
        if not match:
            continue
        code = str(entry.data.get("code", ""))
        if code == "process":
            if exempt is None:
                exempt = bool(_any(vocabulary.get("cat_process_exempt"), name))
            if exempt:
                continue
        return Category(code, str(entry.data.get("label", "")), entry.data.get("kind"), match[0])
    return None


@lru_cache(maxsize=TEXT_CACHE)
def _name_category(written: str, vocabulary: Vocabulary) -> tuple[str, Category | None]:
    """A 指标名称 without whitespace and its category (cached: names recur across tables)."""
    name = "".join(written.split())  # str.split's whitespace is the regular expressions' \s
    return name, classify(name, vocabulary)


def _named(vocabulary: Vocabulary, indicator: Indicator) -> tuple[str, Category | None]:
    """The indicator's name without whitespace and its category (see :func:`_name_category`)."""
    return _name_category(indicator.name or "", vocabulary)


def _any(entries: list[Entry], text: str) -> re.Match[str] | None:
    for entry in entries:
        found = entry.pattern.search(text)
        if found:
            return found
    return None


def _filed(indicator: Indicator) -> str:
    """The 二级 category as written: ``11-数量指标``."""
    code = indicator.level2_code or ""
    return f"{code}-{indicator.level2 or LEVEL2_NAMES.get(code, '')}"


def _misfiled(indicator: Indicator, says: str, expected: str, field: str = "level2_code") -> Hit:
    """A category misfit: “name” ``says`` (是…，却归在…), to be filed under ``expected``."""
    return Hit(
        f"“{quote(indicator.name)}”{says}",
        suggestion=f"应归入{expected}",
        field=field,
        excerpt=indicator.name,
        indicator=indicator,
    )


def _expected(code: str) -> str:
    return f"{code}-{LEVEL2_NAMES.get(code, '')}"


def _values(vocabulary: Vocabulary, indicator: Indicator) -> tuple[tuple[str, str, Value], ...]:
    """The indicator's present values (年度 first) with their readings, placeholders (V04) left
    out (see :func:`_readings`)."""
    return _readings(indicator.annual_value, indicator.cycle_value, vocabulary)


@lru_cache(maxsize=TEXT_CACHE)
def _readings(
    annual: str | None, cycle: str | None, vocabulary: Vocabulary
) -> tuple[tuple[str, str, Value], ...]:
    """The present values among ``annual`` and ``cycle`` as ``(field, text, reading)``,
    placeholders left out (cached: C04–C08 read the same values, and values recur)."""
    out = []
    for field, text in (("annual_value", annual), ("cycle_value", cycle)):
        if text and text.strip():
            value = _reading(text, vocabulary)
            if value is not None:
                out.append((field, text, value))
    return tuple(out)


@lru_cache(maxsize=TEXT_CACHE)
def _reading(text: str, vocabulary: Vocabulary) -> Value | None:
    """The reading of a value, ``None`` for a placeholder (cached: values recur like names)."""
    value = parsed(text)
    if value is None or _any(vocabulary.get("cat_placeholder"), value.text):
        return None
    return value


def _is_ratio(value: Value, name: str) -> bool:
    """A percentage (or a bare number under a name that gives ``（%）`` as its unit)."""
    if value.unit in RATIO_UNITS:
        return True
    return value.is_numeric and value.unit is None and bool(_PERCENT_IN_NAME.search(name))


# ---------------------------------------------------------------------------------------------
# C01–C03: the name says one category, the code another
# ---------------------------------------------------------------------------------------------


class SatisfactionCategory(Rule):
    """满意度指标必须归入31-服务对象满意度，31 只能放满意度指标。

    Satisfaction wording (满意度, 满意率, 满意) in the 指标名称 means the indicator belongs to
    3-满意度指标；31-服务对象满意度 — under 24-可持续影响 or 12-质量指标 it is misfiled (op#6/#7),
    and a 31 filed under 2-效益指标 has the wrong 一级. Conversely 31 must only hold satisfaction:
    a name there that measures something else (a quantity, a cost, a 知晓率) is reported too, with
    the category its name belongs to. Not reported here: satisfaction *proxies* under 31 (投诉人数,
    认可度, 上访投诉 — that is V06 satisfaction-shape) and names that C02/C03/C07 already claim
    (a 及时率 under 31 is C02).

    Violates: ``2-效益指标；24-可持续影响；12345热线涉整改工单满意度；…不低于90%``.
    Passes: ``3-满意度指标；31-服务对象满意度；群众满意度（%）；…95%``.
    """

    code = "C01"
    name = "cat-satisfaction"
    opinion = 6
    severity = Severity.error
    scope = Scope.indicator
    supersedes = ("S01",)

    def check(self, indicator: Indicator, context: Context) -> Iterator[Hit]:
        level2 = indicator.level2_code
        if level2 is None:
            return
        vocabulary = context.vocabulary
        name, category = _named(vocabulary, indicator)
        if category is not None and category.code == "31":
            if level2 != "31":
                yield _misfiled(indicator, f"是满意度指标，却归在{_filed(indicator)}", SATISFACTION)
            elif indicator.level1_code not in (None, "3"):
                level1 = f"“{indicator.level1_code}-{indicator.level1}”"
                yield _misfiled(
                    indicator,
                    f"是满意度指标，却归在一级指标{level1}下",
                    SATISFACTION,
                    "level1_code",
                )
            return
        if level2 != "31" or _any(vocabulary.get("cat_satisfaction_proxy"), name):
            return
        if category is not None and category.code in ("13", "12", "process"):
            return  # C02, C03, C07
        what = "不是满意度指标"
        if category is not None and category.code in LEVEL2_NAMES:
            what = f"是{category.label}，不是满意度指标"
            suggestion = f"应归入{_expected(category.code)}；31 只填服务对象满意度"
        else:
            suggestion = (
                "31 只填服务对象满意度（如“群众满意度≥90%”），其他内容归入相应的产出或效益指标"
            )
        yield Hit(
            f"“{quote(indicator.name)}”{what}，却归在{_filed(indicator)}",
            suggestion=suggestion,
            field="level2_code",
            excerpt=indicator.name,
            indicator=indicator,
        )


class _NamedCategory(Rule):
    """A name that belongs to the 二级 ``target`` filed elsewhere."""

    target: str = ""
    scope = Scope.indicator
    severity = Severity.warning

    def check(self, indicator: Indicator, context: Context) -> Iterator[Hit]:
        if indicator.level2_code in (None, self.target):
            return
        name, category = _named(context.vocabulary, indicator)
        if category is None or category.code != self.target:
            return
        if is_benefit(indicator) and _any(context.vocabulary.get("cat_effect"), name):
            return  # an effect measured by a quality word: 空气质量达标率 under 23
        yield _misfiled(
            indicator, f"是{category.label}，却归在{_filed(indicator)}", _expected(self.target)
        )


class TimelinessCategory(_NamedCategory):
    """时效类指标（及时率、按时、响应时间……）应归入13-时效指标。

    Names that measure timeliness — 及时率/及时性, 按时/准时/按期 … 率, 时效, 时限, 进度,
    响应/处理/送达/完成时间, …小时数, 超期率 — belong to 13-时效指标. Filed under 11-数量 or
    12-质量 or a 效益 category they are 二级指标类型错误 (op#7). A timeliness wording wins over a
    过程 wording: ``资金拨付及时使用率`` is reported here, not as C07.

    Violates: ``1-产出指标；11-数量指标；垫付劳动者工资及时率；…95%``.
    Passes: ``1-产出指标；13-时效指标；档案整理上架及时率；…＞95%``.
    """

    code = "C02"
    name = "cat-timeliness"
    opinion = 7
    target = "13"


class QualityCategory(_NamedCategory):
    """质量类指标（合格率、达标率、准确率、结案率……）应归入12-质量指标。

    Names that measure quality — 合格率, 达标率, 准确率/正确率, 完好率, 验收(通过)率, 故障率,
    差错率, 可用率/可用性, 一致性, 完整性, 成功率, 结案率/办结率, 保洁率 — belong to
    12-质量指标; filed under 11-数量 or a 效益 category they are 二级指标类型错误 (op#7).

    Violates: ``1-产出指标；11-数量指标；仲裁案件结案率；…达到95%``.
    Passes: ``1-产出指标；12-质量指标；验收合格率（%）；…100``.
    """

    code = "C03"
    name = "cat-quality"
    opinion = 7
    target = "12"


class CostCategory(_NamedCategory):
    """成本类指标（单位成本、单价、人均经费、费用标准……）应归入14-成本指标。

    The head of the name says what it measures: a 成本, 单价, 限价, 价格, 人均…经费 or 费用标准
    is a cost, and so is an indicator whose every value is an amount in 元 (12万元, ≤400元/人/天)
    filed under 11/12/13 or 22/23/24 — a quantity, a quality, a deadline or a social effect is
    not counted in money. Filed under another 二级 code it is 二级指标类型错误 (op#7). Money
    under 21-经济效益 and savings (节约成本, 降低费用) are economic benefits and pass; so do
    indicators filed under the 2021 framework's 成本指标 一级.

    Violates: ``1-产出指标；11-数量指标；设备采购单价；…≤5000元/台``;
    ``1-产出指标；12-质量指标；培训费用；…≤3万元``.
    Passes: ``1-产出指标；14-成本指标；单位成本；…≤200元/套``.
    """

    code = "C08"
    name = "cat-cost"
    opinion = 7
    target = "14"

    def check(self, indicator: Indicator, context: Context) -> Iterator[Hit]:
        if is_cost(indicator, context):
            return
        named = list(super().check(indicator, context))
        if named or indicator.level2_code in (None, "14", "21"):
            yield from named
            return
        if _named(context.vocabulary, indicator)[1] is not None:
            return  # the name says what it measures: 节约成本 (21), 预算执行率 (C07) …
        values = _values(context.vocabulary, indicator)
        if values and all(unit_family(value.unit) == "money" for _, _, value in values):
            yield _misfiled(
                indicator, f"的指标值是金额，是成本指标，却归在{_filed(indicator)}", _expected("14")
            )


# ---------------------------------------------------------------------------------------------
# C04–C05: the value shape of 成本 and 数量 indicators
# ---------------------------------------------------------------------------------------------


def is_cost(indicator: Indicator, context: Context) -> bool:
    """Filed under 14-成本指标, or (2021 framework) under the 成本指标 一级."""
    if indicator.level2_code == "14":
        return True
    if context.framework != "2021":
        return False
    if bare_name(indicator.level1) == BARE_COST_LEVEL1:
        return True
    return bare_name(indicator.level2) in BARE_COST_LEVEL2


def _cost_value_ok(
    value: Value, name: str, category: Category | None, vocabulary: Vocabulary
) -> bool:
    if unit_family(value.unit) == "money":
        return True  # an amount: 20万元, 3000元/人, 200元/套为最高限价
    if not value.is_numeric:
        return False  # 按财政下达指标控制采购成本, 总费用支出低于年初预算, 不高于市场价格
    if value.comparator in ("≤", "<") and (value.subject or value.trailing):
        return True  # a ceiling tied to a base: 不超过缴费额度的2/3, 不高于去年购买价格10%
    ratio = vocabulary.get("cat_cost_ratio")
    if _is_ratio(value, name):
        return bool(_any(ratio, name) or _any(ratio, value.subject + value.trailing))
    if value.unit is None:  # 3000 under 人均公用经费金额, but not under 费用标准合规性
        if category is not None and category.code == "process":
            return False
        return bool(_any(vocabulary.get("cat_cost_amount_name"), name))
    return False


def cost_problem(indicator: Indicator, context: Context) -> tuple[str, str, Value] | None:
    """The value (field, text, reading) that makes a 成本 indicator fail C04, if it does.

    The indicator passes when any of its values is an amount, a cost ratio or a ceiling tied to
    a standard; otherwise the 年度 value (or the only value present) is the problem.
    """
    if not is_cost(indicator, context):
        return None
    vocabulary = context.vocabulary
    values = _values(vocabulary, indicator)
    if not values:
        return None
    name, category = _named(vocabulary, indicator)
    if any(_cost_value_ok(v, name, category, vocabulary) for _, _, v in values):
        return None
    return values[0]


class CostShape(Rule):
    """成本指标的值必须是金额、成本控制率或与标准挂钩的上限，不能是合规性或定性表述。

    A 14-成本指标 (and, under the 2021 framework, any indicator of the 成本指标 一级) must state
    what the money buys: an amount (元, 万元, 元/单位: ``200元/套为最高限价``, ``3000元/人``),
    a cost ratio (成本控制率/节约率 with %), or a ceiling tied to a standard
    (``不超过缴费额度的2/3``).
    Compliance or qualitative text — ``按财政下达指标控制采购成本``, ``总费用支出低于年初预算``,
    ``不高于市场价格``, ``费用标准合规性 100%`` — cannot be checked against the budget (101号: 成本
    指标 "不得超出规定的预算支出标准设置目标值"). Placeholder values (``标准：控制数``) are V04's.

    Violates: ``1-产出指标；14-成本指标；降低成本；…总费用支出低于年初预算``.
    Passes: ``1-产出指标；14-成本指标；人均公用经费金额；…3000元/人``.
    """

    code = "C04"
    name = "cat-cost-shape"
    opinion = 4
    severity = Severity.warning
    scope = Scope.indicator

    def check(self, indicator: Indicator, context: Context) -> Iterator[Hit]:
        problem = cost_problem(indicator, context)
        if problem is None:
            return
        field, text, value = problem
        head = f"成本指标“{quote(indicator.name)}”的指标值“{quote(text)}”"
        if not value.is_numeric:
            message = f"{head}是定性或合规性表述，没有写明金额、单价上限或成本控制率"
        elif _is_ratio(value, _named(context.vocabulary, indicator)[0]):
            message = f"{head}是比率，但指标不是成本控制率或节约率"
        else:
            message = f"{head}不是金额"
        yield Hit(
            message,
            suggestion="写明成本金额或单价上限（如“≤18万元”“≤200元/套”），或成本控制率"
            "（如“成本节约率≥5%”）；合规性属过程指标，不宜作为成本指标",
            field=field,
            excerpt=text,
            indicator=indicator,
        )


class QuantityShape(Rule):
    """数量指标的值应是带单位的绝对数量，不能是百分比或文字。

    An 11-数量指标 states how much is delivered: an absolute quantity with a unit (``1500卷``,
    ``≥30批次``, ``20万份``). A percentage (``100%``, ``合同签订率100%``) is a rate, i.e. a 质量
    or 过程 measure, and text (``完成保洁、整体清运工作``) is not a quantity at all (op#2/#4). The
    indicator passes when any of its values is a quantity; a bare number is a quantity (its
    missing unit is V10's business, and a unit in the name such as ``（万份）`` is accepted).
    Names claimed by C02/C03/C07 (及时率, 结案率, 预算执行率 …) are left to those rules, and
    placeholders (``标准：控制数``) to V04.

    Violates: ``1-产出指标；11-数量指标；值班值守信息报送完成率；…100%``.
    Passes: ``1-产出指标；11-数量指标；提供午餐数量（万份）；…20万份``.
    """

    code = "C05"
    name = "cat-quantity-shape"
    opinion = 4
    severity = Severity.warning
    scope = Scope.indicator
    supersedes = ("V01", "V02", "V03", "V05")

    def check(self, indicator: Indicator, context: Context) -> Iterator[Hit]:
        if indicator.level2_code != "11":
            return
        name, category = _named(context.vocabulary, indicator)
        if category is not None and category.code in ("31", "13", "12", "process"):
            return
        values = _values(context.vocabulary, indicator)
        if not values:
            return
        ratios = []
        for field, text, value in values:
            if _is_ratio(value, name):
                ratios.append((field, text))
            elif value.is_numeric:
                return  # an absolute quantity
        head = f"数量指标“{quote(indicator.name)}”的指标值"
        if ratios:
            field, text = ratios[0]
            message = f"{head}“{quote(text)}”是比率，不是绝对数量"
            if name.rstrip("（）()%％").endswith("率"):
                suggestion = "比率类指标应归入12-质量指标；数量指标写绝对数量和单位，如“≥100人次”"
            else:
                suggestion = "写明绝对数量和单位，如“≥100人”"
        else:
            field, text, _ = values[0]
            message = f"{head}“{quote(text)}”没有写明数量"
            suggestion = "写明绝对数量和单位，如“≥2000次”“1500卷”"
        yield Hit(message, suggestion=suggestion, field=field, excerpt=text, indicator=indicator)


# ---------------------------------------------------------------------------------------------
# C06–C07: outputs filed as benefits, 过程 measures filed as outputs or benefits
# ---------------------------------------------------------------------------------------------


class OutputInBenefit(Rule):
    """效益指标应写效果，不能写产出（购置数量、产出数量、维护率、完成率）。

    A 2x (效益) indicator must describe the effect of the project, not what it delivered:
    purchases (``新增办公椅11把``, ``新增碎纸机 → 1台``), volumes produced or services rendered
    (``年印刷量``, ``人才服务数量``, ``发放补助200人``), maintenance rates (``定期维护率``) and task
    completion rates (``义务植树完成率``, a value ``工作完成率100%``) are 产出 (11/12).
    Whatever the wording, a value that counts things made or events held (3000株, 8期, 24次:
    the thing and event unit families) is a deliverable unless the name states a change or a
    result (``cat_outcome``: 新增就业岗位300个, 化解纠纷30宗). Outcomes are effects and pass,
    even when counted in people (``城镇新增就业人数``, ``为企业节省成本 458.1489万元``). Names that C01/C02/C03/C07 claim are left to them.

    Violates: ``2-效益指标；21-经济效益；新增办公椅11把；…11把``.
    Passes: ``2-效益指标；22-社会效益；城镇新增就业人数；…≥2万人次``.
    """

    code = "C06"
    name = "cat-output-in-benefit"
    opinion = 7
    severity = Severity.warning
    scope = Scope.indicator

    def check(self, indicator: Indicator, context: Context) -> Iterator[Hit]:
        if indicator.level2_code is None or not is_benefit(indicator):
            return
        vocabulary = context.vocabulary
        name, category = _named(vocabulary, indicator)
        if category is not None and category.code in ("31", "13", "12", "process"):
            return
        values = _values(vocabulary, indicator)
        found = self._deliverable(name, values, vocabulary)
        if found is None:
            return
        entry, field, excerpt = found
        what = entry.data.get("what", "产出")
        subject = f"“{quote(indicator.name)}”"
        if field != "name":
            subject += f"的指标值“{quote(excerpt)}”"
        yield Hit(
            f"{subject}是{what}，属于产出，不应作为效益指标",
            suggestion=str(entry.data.get("suggestion", "归入1-产出指标；效益指标应写项目的效果")),
            field=field,
            excerpt=excerpt,
            indicator=indicator,
        )

    @staticmethod
    def _deliverable(
        name: str, values: tuple[tuple[str, str, Value], ...], vocabulary: Vocabulary
    ) -> tuple[Entry, str, str] | None:
        entries = vocabulary.get("cat_deliverable")
        for entry in entries:
            if entry.pattern.search(name):
                return entry, "name", name
        for field, text, value in values:
            if not value.is_numeric:
                continue
            ratio = _is_ratio(value, name)
            for entry in entries:
                if (
                    not ratio
                    and entry.data.get("with_value")
                    and entry.pattern.search(name + value.text)
                ):
                    return entry, field, text
            for entry in vocabulary.get("cat_deliverable_value"):
                if bool(entry.data.get("ratio")) == ratio and entry.pattern.search(value.text):
                    return entry, field, text
        counted = [v for v in values if v[2].is_numeric]  # 0起 and 每月一次 count no output
        if any(value.number == 0 or "每" in value.subject for _, _, value in counted):
            return None
        if (
            counted
            and all(unit_family(value.unit) in COUNTED_FAMILIES for _, _, value in counted)
            and not _any(vocabulary.get("cat_outcome"), name)
        ):
            field, text, _ = counted[0]
            return vocabulary.get("cat_deliverable_counted")[0], field, text
        return None


class ProcessIndicator(Rule):
    """预算执行率、资金到位率、支出合规性等是过程指标，不应作为产出或效益指标。

    预算执行率/预算完成率, 资金(实际)支出率, 资金到位率, 资金下达率, 资金拨付率, 项目资金
    完成率, 经费支付到位率, and the 合规性/规范性/相关性/相符 of 支出/经费/资金/采购/程序 measure
    how the money was handled, not what the project produced or achieved: 财预〔2020〕10号 puts
    them under 过程, and 自评 scores 预算执行率 separately (10%). They are reported wherever they
    are filed (op#3 相关性不够), once per indicator. Not reported: a timeliness or quality
    wording that comes first in the keyword table (``经费支付及时率`` is 13,
    ``资金拨付准确率`` is 12), the compliance an inspection or audit project checks in others
    (``检查财政资金支出合规性``), and
    14 indicators that C04 already reports (``费用标准合规性 100%``).

    Violates: ``1-产出指标；11-数量指标；资金实际支出率；…＞90%``.
    Passes: ``1-产出指标；11-数量指标；办理退休职工人事档案；…1500卷``.
    """

    code = "C07"
    name = "process-indicator"
    opinion = 3
    severity = Severity.warning
    scope = Scope.indicator
    supersedes = ("V", "K01", "P07")

    def check(self, indicator: Indicator, context: Context) -> Iterator[Hit]:
        if indicator.level2_code is None:
            return
        category = _named(context.vocabulary, indicator)[1]
        if category is None or category.code != "process":
            return
        if cost_problem(indicator, context) is not None:
            return  # C04
        where = f"（归在{_filed(indicator)}）"
        if category.kind == "compliance":
            message = (
                f"“{quote(indicator.name)}”衡量资金使用或程序是否合规、相关，属过程指标，"
                f"不反映项目的产出或效益{where}"
            )
            suggestion = "改用反映项目产出或效果的指标；资金使用合规性在绩效评价的过程指标中考核"
        else:
            message = (
                f"“{quote(indicator.name)}”是预算执行或资金管理的过程指标，"
                f"不反映项目的产出或效益{where}"
            )
            suggestion = "改用反映项目产出或效果的指标；预算执行率在绩效自评中单独计分（10%）"
        yield Hit(
            message,
            suggestion=suggestion,
            field="name",
            excerpt=indicator.name,
            indicator=indicator,
        )


RULES = (
    SatisfactionCategory,
    TimelinessCategory,
    QualityCategory,
    CostShape,
    QuantityShape,
    OutputInBenefit,
    ProcessIndicator,
    CostCategory,
)

"""P — completeness: the indicator categories and the number of indicators a project needs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from linter.engine import Context, Hit, Option, Rule, Scope
from linter.findings import Severity
from linter.model import Indicator, Project
from linter.values import RATIO_UNITS
from rules.common import (
    BARE_COST_LEVEL1,
    BARE_COST_LEVEL2,
    RATE_NAME_RE,
    bare_name,
    is_benefit,
    is_output,
    is_satisfaction,
    parsed,
    quote,
)


def _coded(project: Project) -> bool:
    """Whether every indicator of the project carries a 一级 code (categories are known).

    Category completeness (P01–P05) cannot be judged for uncoded indicators (S02 reports
    them), nor for a project without indicators (P06 reports it).
    """
    return bool(project.indicators) and all(i.level1_code for i in project.indicators)


def _is_quantity(indicator: Indicator) -> bool:
    if indicator.level2_code == "11":
        return True
    level2 = indicator.level2
    return level2 is not None and "数量" in level2 and bare_name(level2) == "数量"


_COST_NAMES = frozenset({BARE_COST_LEVEL1, *BARE_COST_LEVEL2})
"""The 2021 framework's cost 一级 and 二级 names, without the suffix 指标."""


def _is_cost(indicator: Indicator) -> bool:
    if indicator.level2_code == "14":
        return True
    return _is_cost_name(indicator.level1) or _is_cost_name(indicator.level2)


def _is_cost_name(name: str | None) -> bool:
    """Whether a 一级/二级 name is one of :data:`_COST_NAMES` (each of which says 成本)."""
    return name is not None and "成本" in name and bare_name(name) in _COST_NAMES


def _absolute_quantity(indicator: Indicator) -> bool:
    """Whether a value states an absolute quantity: a number whose unit is not a ratio."""
    for text in (indicator.annual_value, indicator.cycle_value):
        value = parsed(text)
        if value is None or value.number is None:
            continue
        if value.unit is None:
            if not RATE_NAME_RE.search(indicator.name):
                return True
        elif value.unit not in RATIO_UNITS:
            return True
    return False


def project_example(project: Project, context: Context, what: str) -> str:
    """The example fitting the project's kind (rent, staff, subsidy, equipment …: the
    ``comp_project_kind`` list) for a missing ``what`` indicator (quantity, cost, benefit)."""
    entry, _ = context.vocabulary.first("comp_project_kind", project.name)
    return str(entry.data[what])


def _missing(project: Project, label: str, suggestion: str, **extra) -> Hit:
    return Hit(
        f"项目“{quote(project.name, 30)}”没有{label}",
        suggestion=suggestion,
        field="indicators",
        excerpt=label,
        **extra,
    )


class MissingOutput(Rule):
    """项目没有产出指标（1-产出指标）。

    Every project needs at least one 产出指标 (数量/质量/时效/成本): it is what the money buys
    (88号; reviewer opinion 建议增加明确产出指标, op#9). Projects whose indicators carry no codes
    are skipped (S02 reports them).

    Violates: a project whose indicators are all filed under 2-效益指标 and 3-满意度指标.
    Passes: a project with ``1-产出指标；11-数量指标；办理退休职工人事档案 → 1500卷``.
    """

    code = "P01"
    name = "missing-output"
    opinion = 9
    severity = Severity.error
    scope = Scope.project

    def check(self, project: Project, context: Context) -> Iterator[Hit]:
        if _coded(project) and not any(is_output(i) for i in project.indicators):
            yield _missing(project, "产出指标", "增加产出指标，如“11-数量指标”写明完成的工作量")


class MissingBenefit(Rule):
    """项目没有效益指标（2-效益指标）。

    Every project needs at least one 效益指标 (经济/社会/生态效益, 可持续影响): 34号 requires
    targets to cover effects, not only outputs (reviewer opinion 建议增加明确效益指标, op#8).
    Projects whose indicators carry no codes are skipped (S02 reports them).

    Violates: 001 外事业务专用经费 (12-质量指标 and 31 only).
    Passes: 003 欠薪应急周转金 (21, 22, 24 present).
    """

    code = "P02"
    name = "missing-benefit"
    opinion = 8
    severity = Severity.error
    scope = Scope.project

    def check(self, project: Project, context: Context) -> Iterator[Hit]:
        if _coded(project) and not any(is_benefit(i) for i in project.indicators):
            example = project_example(project, context, "benefit")
            yield _missing(
                project,
                "效益指标",
                f"增加效益指标，写明项目带来的经济、社会、生态或可持续影响，{example}",
            )


class MissingSatisfaction(Rule):
    """项目没有满意度指标（31-服务对象满意度）。

    34号 lists 服务对象满意度 among the required indicators (reviewer opinion 建议增加满意度
    指标, op#10). It is required where the project has direct 服务对象/受益人 (warning) and
    recommended for internal administrative spending without one — staff, offices, equipment,
    maintenance, internal systems (info; the project name is matched against the list
    ``comp_internal_project``). Projects whose indicators carry no codes are skipped.

    Violates: 001 政务信息工作经费 (11, 12, 13, 22; no 31).
    Passes: 003 产业人才发展专项资金 #8 ``31-服务对象满意度；服务群体满意度 → ＞90%``.
    """

    code = "P03"
    name = "missing-satisfaction"
    opinion = 10
    severity = Severity.warning
    scope = Scope.project
    table_notice = True

    def check(self, project: Project, context: Context) -> Iterator[Hit]:
        if not _coded(project) or any(is_satisfaction(i) for i in project.indicators):
            return
        internal = context.vocabulary.first("comp_internal_project", project.name)
        if internal is None:
            yield _missing(
                project,
                "满意度指标",
                "增加“3-满意度指标；31-服务对象满意度”，如“服务对象满意度 ≥90%”",
            )
        else:
            yield _missing(
                project,
                "满意度指标",
                f"项目属内部保障类（“{internal[1].group()}”），可不设；如有使用对象，"
                "建议增加“31-服务对象满意度”，如“使用单位满意度 ≥90%”",
                severity=Severity.info,
            )


class MissingQuantity(Rule):
    """项目没有写明绝对数量的数量指标（11-数量指标）。

    A project should state how much it delivers: at least one 11-数量指标 whose value is an
    absolute quantity with a unit (``1500卷``, ``不少于20000次``), not a rate or a text (88号 细化
    量化). Projects whose indicators carry no codes are skipped.

    Violates: 001 外事业务专用经费 (no 11 at all); a project whose only 11 is ``资金到位率 → 100%``.
    Passes: ``11-数量指标；民生卡推广应用次数 → 不少于20000次``.
    """

    code = "P04"
    name = "missing-quantity"
    opinion = 2
    severity = Severity.warning
    scope = Scope.project

    def check(self, project: Project, context: Context) -> Iterator[Hit]:
        if not _coded(project):
            return
        quantity = [i for i in project.indicators if _is_quantity(i)]
        if any(_absolute_quantity(i) for i in quantity):
            return
        if not quantity:
            example = project_example(project, context, "quantity")
            yield _missing(
                project, "数量指标", f"增加“11-数量指标”，写明完成的数量和单位，{example}"
            )
            return
        examples = "、".join(f"“{quote(i.name, 20)}”" for i in quantity[:2])
        yield Hit(
            f"项目“{quote(project.name, 30)}”的数量指标（{examples}）都没有写明绝对数量",
            suggestion=f"至少一个数量指标应写明完成的数量和单位，{project_example(project, context, 'quantity')}",
            field="indicators",
            excerpt="；".join(i.name for i in quantity),
        )


class MissingCost(Rule):
    """项目没有成本指标。

    财预〔2021〕101号 makes 成本 part of the goal (成本指标 as its own 一级: 经济/社会/生态环境
    成本指标), so under ``framework = "2021"`` a missing cost indicator is a warning; under the
    legacy framework 14-成本指标 is optional and the finding is info. Projects whose indicators
    carry no codes are skipped.

    Violates: 003 综合档案整理工作经费 (no 14).
    Passes: 004 政府雇员公用经费 #2 ``14-成本指标；人均公用经费金额 → 3000元/人``.
    """

    code = "P05"
    name = "missing-cost"
    opinion = 1
    severity = Severity.info
    scope = Scope.project
    table_notice = True

    def check(self, project: Project, context: Context) -> Iterator[Hit]:
        if not _coded(project) or any(_is_cost(i) for i in project.indicators):
            return
        strict = context.framework == "2021"
        yield _missing(
            project,
            "成本指标",
            f"增加成本指标，{project_example(project, context, 'cost')}",
            severity=Severity.warning if strict else None,
        )


class TooFewIndicators(Rule):
    """项目的绩效指标太少。

    A project with fewer than ``min_indicators`` indicators (default 3) cannot cover output,
    effect and satisfaction; local rules ask for at least three. Applies to coded and uncoded
    tables alike; a project without any indicator is reported here too.

    Violates: 001 工作经费 (2 indicators).
    Passes: 003 综合档案整理工作经费 (9 indicators).
    """

    code = "P06"
    name = "too-few-indicators"
    opinion = 1
    severity = Severity.warning
    scope = Scope.project
    options: ClassVar[dict[str, Option]] = {
        "min_indicators": Option(
            3,
            minimum=1,
            help="项目至少应有的绩效指标个数 (fewest indicators a project should have)",
        )
    }

    def check(self, project: Project, context: Context) -> Iterator[Hit]:
        minimum = int(self.settings["min_indicators"])
        count = len(project.indicators)
        if count >= minimum:
            return
        what = "没有绩效指标" if count == 0 else f"只有 {count} 个绩效指标"
        yield Hit(
            f"项目“{quote(project.name, 30)}”{what}，少于 {minimum} 个",
            suggestion="至少设置产出、效益、满意度各一个指标",
            field="indicators",
            excerpt=str(count),
        )


class QualitativeShare(Rule):
    """定性指标过多：多数年度指标值没有数值，或效益指标全是定性描述。

    88号 asks for 尽量定量表述. Reported when more than ``max_share`` (default 50%) of a project's
    年度指标值 state no number or date, or when every 效益指标 value (2x) is qualitative (coded
    projects only). Each vague value is reported by V01/V02; this is the project-level view.

    Violates: 003 城乡居民社会医疗保险扩面工作经费 (6 of 6 values qualitative: 合规, 相符, 及时 …).
    Passes: 003 综合档案整理工作经费 (1500卷, 200卷, ＞95% …).
    """

    code = "P07"
    name = "qualitative-share"
    opinion = 2
    severity = Severity.warning
    scope = Scope.project
    options: ClassVar[dict[str, Option]] = {
        "max_share": Option(
            0.5,
            minimum=0.0,
            maximum=1.0,
            help="定性年度指标值所占比例超过它即报告 (largest share of qualitative values)",
        )
    }

    def check(self, project: Project, context: Context) -> Iterator[Hit]:
        rows = []
        for indicator in project.indicators:
            text = indicator.annual_value or indicator.cycle_value
            value = parsed(text)
            if value is not None:
                rows.append((indicator, text, value.is_qualitative))
        if not rows:
            return
        qualitative = [(i, t) for i, t, q in rows if q]
        too_many = len(qualitative) / len(rows) > float(self.settings["max_share"])
        if not too_many and not qualitative:
            return  # no qualitative value: nor can every 效益 value be qualitative
        benefit = [(i, q) for i, _, q in rows if is_benefit(i)]
        all_benefit = bool(benefit) and all(q for _, q in benefit)
        if too_many:
            examples = "、".join(f"“{quote(t, 16)}”" for _, t in qualitative[:3])
            tail = "，效益指标全部为定性描述" if all_benefit else ""
            message = (
                f"{len(rows)} 个年度指标值中有 {len(qualitative)} 个没有数值（{examples}）{tail}"
            )
        elif all_benefit:
            texts = [t for i, t, q in rows if is_benefit(i)]
            examples = "、".join(f"“{quote(t, 16)}”" for t in texts[:3])
            message = f"全部 {len(benefit)} 个效益指标值都是定性描述（{examples}）"
        else:
            return
        lone = benefit[0][0] if not too_many and len(benefit) == 1 else None
        yield Hit(
            message,
            suggestion="尽量用数值表述目标，如“≥95%”“不少于20次”；无法量化的采用分级分档表述",
            field="annual_value",
            excerpt=f"{len(qualitative)}/{len(rows)}",
            indicator=lone,
        )


RULES = (
    MissingOutput,
    MissingBenefit,
    MissingSatisfaction,
    MissingQuantity,
    MissingCost,
    TooFewIndicators,
    QualitativeShare,
)

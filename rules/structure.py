"""S — structure: codes, cells and text the reader could not place."""

from __future__ import annotations

from collections.abc import Iterator

from linter.engine import Context, Hit, Rule, Scope
from linter.findings import Severity
from linter.model import Document, Indicator, Project, Unit
from rules.common import (
    BARE_COST_LEVEL1,
    BARE_COST_LEVEL2,
    LEVEL1_NAMES,
    LEVEL2_NAMES,
    bare_name,
    quote,
)

_WELL_FILED = frozenset(
    (code2[0], level1, code2, level2)
    for code2, name2 in LEVEL2_NAMES.items()
    for level1 in (LEVEL1_NAMES[code2[0]], bare_name(LEVEL1_NAMES[code2[0]]))
    for level2 in (name2, bare_name(name2))
)
"""一级 code and name, 二级 code and name as S01 passes them when written without stray spaces
(``1, 产出指标, 11, 数量指标``; the suffix 指标 optional): the usual case, looked up first."""


class CodeParent(Rule):
    """二级指标代码必须属于它的一级指标，代码与名称必须一致。

    The 二级 code's first digit must equal the 一级 code (11–14 under 1-产出指标, 21–24 under
    2-效益指标, 31 under 3-满意度指标), and each code must carry its own name (11 数量, 12 质量,
    13 时效, 14 成本, 21 经济效益, 22 社会效益, 23 生态效益, 24 可持续影响, 31 服务对象满意度;
    the suffix 指标 is optional). Reviewers return such tables as 一级/二级指标类型错误.
    Under the 2021 framework 成本指标 is its own 一级 (经济/社会/生态环境成本指标).

    Violates: ``2-效益指标：31-服务对象满意度`` (31 belongs to 3-满意度指标).
    Passes: ``3-满意度指标；31-服务对象满意度``.
    """

    code = "S01"
    name = "code-parent"
    severity = Severity.error
    scope = Scope.indicator

    def check(self, indicator: Indicator, context: Context) -> Iterator[Hit]:
        l1, l2 = indicator.level1_code, indicator.level2_code
        if l1 is None or (l1, indicator.level1, l2, indicator.level2) in _WELL_FILED:
            return
        written = f"{l1}-{indicator.level1}"
        if bare_name(indicator.level1) == BARE_COST_LEVEL1 and context.framework == "2021":
            if l2 is not None and bare_name(indicator.level2) not in BARE_COST_LEVEL2:
                yield Hit(
                    f"二级指标“{l2}-{indicator.level2}”不属于一级指标“{written}”",
                    suggestion="成本指标下应为经济成本指标、社会成本指标或生态环境成本指标",
                    field="level2_code",
                    excerpt=f"{l2}-{indicator.level2}",
                    indicator=indicator,
                )
            return
        expected_l1 = LEVEL1_NAMES.get(l1)
        if expected_l1 is None or bare_name(indicator.level1) != bare_name(expected_l1):
            names = "、".join(f"{k}-{v}" for k, v in LEVEL1_NAMES.items())
            yield Hit(
                f"一级指标“{written}”的代码与名称不符",
                suggestion=f"一级指标应为 {names} 之一",
                field="level1_code",
                excerpt=written,
                indicator=indicator,
            )
            return
        if l2 is None:
            return
        expected_l2 = LEVEL2_NAMES.get(l2)
        if expected_l2 is None:
            yield Hit(
                f"二级指标代码“{l2}”不在指标体系中",
                suggestion="二级指标代码应为 11–14、21–24 或 31",
                field="level2_code",
                excerpt=f"{l2}-{indicator.level2}",
                indicator=indicator,
            )
            return
        if l2[0] != l1:
            parent = f"{l2[0]}-{LEVEL1_NAMES.get(l2[0], '?')}"
            yield Hit(
                f"二级指标“{l2}-{indicator.level2}”不属于一级指标“{written}”",
                suggestion=f"应归入“{parent}”，或改用 {l1}x 二级代码",
                field="level2_code",
                excerpt=f"{written}：{l2}-{indicator.level2}",
                indicator=indicator,
            )
        elif bare_name(indicator.level2) != bare_name(expected_l2):
            yield Hit(
                f"二级指标代码“{l2}”与名称“{indicator.level2}”不符",
                suggestion=f"代码 {l2} 对应“{expected_l2}”",
                field="level2",
                excerpt=f"{l2}-{indicator.level2}",
                indicator=indicator,
            )


class UncodedIndicators(Rule):
    """指标没有一级/二级代码，归类检查（C01–C08）无法运行。

    Tables that list indicators without 一级/二级 codes (``1、指标名称；年度指标值:…``) cannot be
    checked for the right category. Reported once per document when no indicator has codes, and
    per indicator when only some lack them.

    Violates: ``1、编制专报、快报不少于50份；年度指标值:不少于50份；`` (no codes).
    Passes: ``1、1-产出指标；11-数量指标；…``.
    """

    code = "S02"
    name = "uncoded-indicators"
    severity = Severity.info
    scope = Scope.document
    table_notice = True

    def check(self, document: Document, context: Context) -> Iterator[Hit]:
        projects = document.projects()
        uncoded = [(p, i) for p in projects for i in p.indicators if i.level1_code is None]
        if not uncoded:
            return
        count = sum(len(p.indicators) for p in projects)
        if len(uncoded) == count:
            yield Hit(
                f"本表 {count} 个指标都没有一级/二级指标代码，无法检查指标归类",
                suggestion="按“1-产出指标；11-数量指标；指标名称；…”的格式填写代码",
                location=uncoded[0][1].location,
            )
            return
        for project, indicator in uncoded:
            yield Hit(
                f"指标“{quote(indicator.name)}”没有一级/二级指标代码",
                suggestion="补上一级和二级指标代码，如“1-产出指标；11-数量指标”",
                field="level1_code",
                indicator=indicator,
                project=project,
            )


class ValueMissing(Rule):
    """实施周期指标值和年度指标值都必须填写。

    An indicator needs both target values: the 实施周期 value and the 年度 value. A missing label
    or an empty value leaves the indicator unmeasurable. When a table has no 实施周期 column at all
    (no indicator in the document carries the label), only the 年度 value is required.

    Violates: ``4、2-效益指标；21-经济效益；印制劳动保障法规政策宣传。`` (no values at all).
    Passes: ``1、1-产出指标；11-数量指标；综合档案整理；实施周期指标值:1500卷；年度指标值:1500卷。``
    """

    code = "S03"
    name = "value-missing"
    severity = Severity.error
    scope = Scope.indicator

    def check(self, indicator: Indicator, context: Context) -> Iterator[Hit]:
        missing = []
        if context.document.has_cycle_column and not (indicator.cycle_value or "").strip():
            missing.append(("cycle_value", "实施周期指标值"))
        if not (indicator.annual_value or "").strip():
            missing.append(("annual_value", "年度指标值"))
        if not missing:
            return
        labels = "和".join(label for _, label in missing)
        field = missing[-1][0] if len(missing) == 1 else "annual_value"
        yield Hit(
            f"指标“{quote(indicator.name)}”缺少{labels}",
            suggestion=f"补填{labels}，写明可衡量的目标值，如“≥95%”",
            field=field,
            excerpt=indicator.raw,
            indicator=indicator,
        )


class MisplacedCell(Rule):
    """指标文本放错了单元格，或单元格里有 HTML 标记。

    In exports that keep cells apart (TSV/CSV, Excel), the 绩效指标 must be in their own column.
    Indicators typed into the 绩效目标 cell (the 绩效指标 cell left empty) and HTML residue such
    as ``<p>`` come from copy-pasting out of a web form and break the budget system's import.

    Violates: a row whose 绩效目标 cell holds ``<p>通过…</p> <p>1、1-产出指标：…`` and whose
    绩效指标 cell is empty. Passes: the goal and the indicators in their own cells, plain text.
    """

    code = "S04"
    name = "misplaced-cell"
    severity = Severity.error
    scope = Scope.project

    def check(self, project: Project, context: Context) -> Iterator[Hit]:
        if project.indicators_in_goal_cell:
            yield Hit(
                "绩效指标写在了“绩效目标”单元格中",
                suggestion="把指标移到“绩效指标”列，绩效目标列只写目标",
                field="goal",
                location=project.goal_location,
            )
        if project.markup:
            yield Hit(
                "单元格中有 HTML 标记（如 <p>）",
                suggestion="删除 HTML 标记，只保留文字",
                field="goal",
                location=project.goal_location,
            )


class UnplacedText(Rule):
    """表中有 jxlint 无法归位的文字（解析备注）。

    Every piece of the table must land in a unit, project, goal or indicator; text the reader
    could not place (a fragment between rows, indicator text without numbering, a non-numeric
    amount cell, a row without a unit) is reported here, so that "no findings" really means
    everything was read and passed. Run ``jxlint parse --format text`` to see what was read.
    A formula cell without a saved result (a workbook written by a script) is an error: its
    value cannot be read at all.

    Violates: a stray ``年度指标值:100%；`` with no numbered indicator around it.
    Passes: every line belongs to a row.
    """

    code = "S05"
    name = "unplaced-text"
    severity = Severity.warning
    scope = Scope.document

    def check(self, document: Document, context: Context) -> Iterator[Hit]:
        for note in document.notes:
            if note.kind == "positional-amounts":
                continue
            message = note.message + (f"：{quote(note.text)}" if note.text else "")
            severity = Severity.error if note.kind == "formula-uncached" else None
            yield Hit(
                message,
                location=note.location,
                excerpt=note.text or note.message,
                severity=severity,
            )


class EmptyUnit(Rule):
    """资金使用单位下没有项目。

    Every 资金使用单位 row is followed by the projects it funds; a unit row with no project under
    it is a table cut short (projects deleted, or moved under another unit), and its amounts are
    then checked against nothing. Projects listed before the first unit row belong to no unit and
    are not this rule's concern.

    Violates: ``单位乙 10.00 10.00`` as the last row of the table.
    Passes: ``单位乙 10.00 10.00`` followed by ``项目二 10.00 10.00`` and its indicators.
    """

    code = "S06"
    name = "empty-unit"
    severity = Severity.error
    scope = Scope.unit

    def check(self, unit: Unit, context: Context) -> Iterator[Hit]:
        if unit.projects:
            return
        yield Hit(
            f"单位“{quote(unit.name)}”下没有项目",
            suggestion="在单位行下列出它的项目（含绩效目标和指标），或删除这一行",
            excerpt=unit.name,
            unit=unit,
            location=unit.location,
        )


RULES = (CodeParent, UncodedIndicators, ValueMissing, MisplacedCell, UnplacedText, EmptyUnit)

"""S — structure: codes, cells and text the reader could not place."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from linter.engine import Context, Hit, Option, Rule, Scope
from linter.findings import Severity
from linter.grammar import LONG_NAME
from linter.model import LEVEL1_NAMES, LEVEL2_NAMES, Document, Indicator, Project, Unit
from rules.common import (
    BARE_COST_LEVEL1,
    BARE_COST_LEVEL2,
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
    opinion = 6
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
    opinion = 1
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
    opinion = 1
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
    opinion = 11
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


NOTE_SEVERITIES = {
    "formula-uncached": Severity.error,
    "sheet-unread": Severity.error,
    "table-unread": Severity.error,
    "amount-unit-conflict": Severity.error,
    "department-conflict": Severity.error,
    "indicators-unread": Severity.error,
}
"""The parse notes S05 reports at another severity than its own (warning), by kind: what could
not be read right at all."""


class UnplacedText(Rule):
    """表中有 jxlint 无法归位的文字（解析备注）。

    Every piece of the table must land in a unit, project, goal or indicator; text the reader
    could not place (a fragment between rows, indicator text without numbering, a non-numeric
    amount cell, a row without a unit) is reported here, so that "no findings" really means
    everything was read and passed. Run ``jxlint parse --format text`` to see what was read.
    A formula cell without a saved result (a workbook written by a script) is an error: its
    value cannot be read at all; so is a sheet or Word table holding numbers that was not read
    (no header it could read, or a Word table of another width), amounts stated in a second
    unit (a later sheet in 元 after 万元: they would be read in the first), a second department
    or unit named above a table (its projects are not put under it) and indicator text that
    cannot be split into numbered indicators (the project is read without them).

    Violates: a stray ``年度指标值:100%；`` with no numbered indicator around it.
    Passes: every line belongs to a row.
    """

    code = "S05"
    name = "unplaced-text"
    opinion = 11
    severity = Severity.warning
    scope = Scope.document

    def check(self, document: Document, context: Context) -> Iterator[Hit]:
        for note in document.notes:
            if note.kind == "positional-amounts":
                continue
            message = note.message + (f"：{quote(note.text)}" if note.text else "")
            severity = NOTE_SEVERITIES.get(note.kind)
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
    opinion = 1
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


ORGANISATION_SUFFIXES = (
    "街道办事处",
    "委员会",
    "办公室",
    "政府",
    "中心",
    "局",
    "所",
    "站",
    "院",
    "处",
    "队",
)
"""How the names of 单位 end (a closed list): a project name ending so reads as a unit's name."""

_NUMBERED_ITEM_RE = re.compile(r"[；;。，,\s](?:[2-9]|[1-9]\d)[、．.](?!\d)")
"""A numbered item (``；2、``) inside one indicator's text: a second indicator left unsplit."""

_VALUE_LABEL = "指标值"


def _unsplit_markers(project: Project) -> bool:
    """Whether a one-indicator project's text still holds indicator markers: more 指标值 labels
    in the indicator than were read, a numbered item inside it, or a 指标值 label in the goal."""
    indicator = project.indicators[0]
    read_labels = indicator.has_cycle_label + indicator.has_annual_label
    return (
        indicator.raw.count(_VALUE_LABEL) > read_labels
        or _NUMBERED_ITEM_RE.search(indicator.raw) is not None
        or _VALUE_LABEL in project.goal
    )


def _examples(projects: list[Project]) -> str:
    """The first two distinct project names, quoted, as the message's examples."""
    names = list(dict.fromkeys(project.name for project in projects))[:2]
    return "、".join(f"“{quote(name)}”" for name in names)


class ImplausibleRead(Rule):
    """读取结果可疑：表格可能没有被正确读取。

    A table read with a header jxlint misunderstood (columns shuffled or renamed, a leading
    单位名称 column, indicators typed where the reader did not look) still yields units and
    projects, and every other rule then reports on what was misread. This rule checks that the
    read is plausible and reports once per document, at the first offending project, when among
    at least ``min_projects`` projects more than ``share`` of them
    (a) have no 绩效指标 at all;
    (b) are named like a unit: the name equals a 资金使用单位's name or ends in an organisation
    suffix (局、委员会、办公室、中心、所、站、院、处、队、政府、街道办事处);
    (c) have exactly one indicator while its text holds further 指标值 labels or numbered items
    (``；2、``), or the goal holds a 指标值 label: the indicators were not split;
    (d) are named like a piece of text: the name holds a sentence's punctuation (。，；) or is
    longer than a name ever is (a goal or indicator column read as the name column).
    Units without projects are S06's concern. Run ``jxlint parse --format text`` to see what
    was read.

    Violates: a TSV whose 绩效指标 column is headed 备注, so that four projects have no indicators.
    Passes: every project with its own name and its indicators read one by one.
    """

    code = "S07"
    name = "implausible-read"
    opinion = 11
    severity = Severity.error
    scope = Scope.document
    options: ClassVar[dict[str, Option]] = {
        "min_projects": Option(
            3,
            minimum=1,
            help="可疑的项目少于这个数时不报告 (fewest offending projects)",
        ),
        "share": Option(
            0.5,
            minimum=0.0,
            maximum=1.0,
            help="可疑的项目超过这一比例才报告 (share of projects that must look wrong)",
        ),
    }

    def check(self, document: Document, context: Context) -> Iterator[Hit]:
        projects = document.projects()
        unit_names = {unit.name.strip() for unit in document.units}
        reasons = (
            (
                "没有绩效指标",
                [project for project in projects if not project.indicators],
            ),
            (
                "名称像单位名称",
                [project for project in projects if _named_like_unit(project.name, unit_names)],
            ),
            (
                "只读到 1 个指标，而文字里还有未拆开的指标标记",
                [
                    project
                    for project in projects
                    if len(project.indicators) == 1 and _unsplit_markers(project)
                ],
            ),
            (
                "名称像一段文字",
                [project for project in projects if _named_like_text(project.name)],
            ),
        )
        found = [
            (what, offending)
            for what, offending in reasons
            if len(offending) >= self.settings["min_projects"]
            and len(offending) > self.settings["share"] * len(projects)
        ]
        if not found:
            return
        said = "；".join(
            f"{len(projects)} 个项目中有 {len(offending)} 个{what}（{_examples(offending)}）"
            for what, offending in found
        )
        first = min((offending[0] for _, offending in found), key=lambda p: p.ordinal)
        yield Hit(
            f"读取结果可疑：{said}——表格可能没有被正确读取，请检查表头和列的位置",
            suggestion="运行 jxlint parse --format text 查看读到的内容，核对表头各列的名称和位置",
            excerpt=first.name,
            location=first.location,
        )


_SENTENCE_MARKS = re.compile(r"[。，；;]")
"""Punctuation that ends or splits a sentence: never in a project's name."""


def _named_like_text(name: str) -> bool:
    """Whether a project name reads like text: sentence punctuation, or longer than a name."""
    return len(name) > LONG_NAME or _SENTENCE_MARKS.search(name) is not None


def _named_like_unit(name: str, unit_names: set[str]) -> bool:
    """Whether a project name equals a unit's name or ends in an organisation suffix."""
    name = name.strip()
    return name in unit_names or name.endswith(ORGANISATION_SUFFIXES)


RULES = (
    CodeParent,
    UncodedIndicators,
    ValueMissing,
    MisplacedCell,
    UnplacedText,
    EmptyUnit,
    ImplausibleRead,
)

"""G — the 绩效目标 text: vague, placeholder and badly formatted goals.

The phrase lists are data in ``rules/goal.toml`` (``goal_vague``, ``goal_placeholder``,
``goal_leading_punct``, ``goal_markup_remnant``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from linter.engine import Context, Hit, Option, Rule, Scope
from linter.findings import FULLWIDTH, Severity
from linter.model import Project
from rules.common import parsed, quote

_NOT_TEXT = re.compile(r"[\W_]+")
_TEXT_CHARACTER = re.compile(r"[^\W_]")
_FULLWIDTH_ALPHANUMERIC = re.compile("[０-９Ａ-Ｚａ-ｚ]")


def meaningful(text: str) -> str:
    """The goal's letters, digits and CJK characters only (punctuation and spaces removed).

    Full-width letters and digits read as ASCII, as :func:`linter.findings.normalise_text`
    folds them. The text is folded after the punctuation is gone: every other character
    folding touches is punctuation or space, and most goals then have nothing left to fold.
    """
    kept = _NOT_TEXT.sub("", text)
    return kept.translate(FULLWIDTH) if _FULLWIDTH_ALPHANUMERIC.search(kept) else kept


def has_text(text: str) -> bool:
    """Whether :func:`meaningful` leaves anything of ``text`` (the search stops at the first
    letter, digit or CJK character instead of building the text)."""
    return _TEXT_CHARACTER.search(text) is not None


def vague_phrases(goal: str, context: Context) -> list[str]:
    """The separate (non-overlapping) matches of the ``goal_vague`` list in ``goal``."""
    spans = [
        match.span()
        for entry in context.vocabulary.get("goal_vague")
        for match in entry.pattern.finditer(goal)
        if match.end() > match.start()
    ]
    if not spans:
        return []
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return [goal[start:end] for start, end in merged]


def _single(text: str) -> str:
    """Inner double quotes as single quotes, for quoting inside “…”."""
    return text.replace("“", "‘").replace("”", "’")


def states_number(goal: str) -> bool:
    """Whether the goal states a quantity (dates, list numbers and 文号 do not count)."""
    value = parsed(goal)
    return value is not None and bool(value.numbers)


class GoalVague(Rule):
    """绩效目标用含糊的措辞，没有任何可衡量的数字。

    88号 asks for goals that are 指向明确、细化量化. A goal made of phrases such as 整体提升,
    进一步加强, 更大范围, 全方位, 高水平发展 and no number at all (no quantity, rate, amount)
    cannot be checked at the year's end. Reported when the goal holds at least ``min_hits``
    separate phrases of the ``goal_vague`` list (rules/goal.toml) and the value parser finds no
    quantity in it (years, list numbers and document numbers do not count).

    Violates: ``整体提升长隆万博商务区服务能力，在更大范围、更宽领域，以更大力度推动商务区扩区连片
    发展，实现全方位高水平发展。`` Passes: ``2023年度已完成政协楼电梯更换，在2024年内完成人大、
    政府楼共3台电梯的更新。``
    """

    code = "G01"
    name = "goal-vague"
    opinion = 2
    severity = Severity.info
    scope = Scope.project
    options: ClassVar[dict[str, Option]] = {
        "min_hits": Option(
            2, minimum=1, help="含糊措辞达到这么多处才报告 (fewest vague phrases reported)"
        )
    }

    def check(self, project: Project, context: Context) -> Iterator[Hit]:
        goal = project.goal.strip()
        if not goal:
            return
        phrases = vague_phrases(goal, context)
        if len(phrases) < int(self.settings["min_hits"]) or states_number(goal):
            return
        shown = "、".join(f"“{quote(_single(p), 16)}”" for p in phrases[:4])
        more = "等" if len(phrases) > 4 else ""
        yield Hit(
            f"绩效目标用{shown}{more}含糊措辞，没有可衡量的数字",
            suggestion="写成可核对的结果：做什么、做多少、达到什么标准，如“年内整理档案1500卷，"
            "验收合格率100%”",
            field="goal",
            excerpt="、".join(phrases),
            location=project.goal_location,
        )


class GoalPlaceholder(Rule):
    """绩效目标不是目标：占位词、保密不公开、只写“详见附件”、过短或重复项目名称。

    The 绩效目标 cell must state what the money will achieve. Fillers (无, 略, 同上, 待定),
    deferrals (详见附件), withheld goals (保密项目，项目信息不宜公开), texts shorter than
    ``min_length`` characters (punctuation not counted) and goals that only repeat the project
    name give the reviewer nothing to assess. Suppress the rule (or this finding through the
    baseline) for projects that are legitimately secret. An empty goal is G03's.

    Violates: ``此项目为保密项目，项目信息不宜公开。`` Passes: ``保障事业单位参保人员的基本医疗，
    合理、合规、及时支付相关医疗经费。``
    """

    code = "G02"
    name = "goal-placeholder"
    opinion = 1
    severity = Severity.info
    scope = Scope.project
    options: ClassVar[dict[str, Option]] = {
        "min_length": Option(
            6, minimum=0, help="短于这一字数（不计标点）的目标算过短 (shortest real goal)"
        )
    }

    def check(self, project: Project, context: Context) -> Iterator[Hit]:
        goal = project.goal.strip()
        text = meaningful(goal)
        if not text:
            return
        found = context.vocabulary.first("goal_placeholder", goal)
        if found is not None:
            reason = f"“{quote(goal)}”不是绩效目标"
        elif text == meaningful(project.name):
            reason = f"绩效目标“{quote(goal)}”只是重复项目名称"
        elif len(text) < int(self.settings["min_length"]):
            reason = f"绩效目标“{quote(goal)}”过短，说不清项目要达到什么"
        else:
            return
        yield Hit(
            reason,
            suggestion="写明项目在预算年度内要完成的产出和达到的效果",
            field="goal",
            excerpt=goal,
            location=project.goal_location,
        )


class GoalFormat(Rule):
    """绩效目标格式问题：内容为空、开头有多余的标点（如“-”“、”）、残留 HTML 实体或残缺标签。

    Copying goals out of another system or a web form leaves traces: a leading ``-`` or ``、``
    where a list marker or a cell separator was, HTML entities such as ``&nbsp;`` or broken
    tags such as ``<p``. An empty goal cell is reported here too. Whole HTML tags (``<p>…</p>``)
    are removed by the reader and reported once by S04 (misplaced-cell); G03 then does not
    report residue of the same project again.

    Violates: ``-保障本部门人员赴外参加公务交流活动…``; an empty 绩效目标. Passes:
    ``（1）保障总值班室工作实施…``; ``1.资金按规定用于社会保险补贴…``.
    """

    code = "G03"
    name = "goal-format"
    opinion = 11
    severity = Severity.info
    scope = Scope.project
    table_notice = True

    def check(self, project: Project, context: Context) -> Iterator[Hit]:
        goal = project.goal.strip()
        if not has_text(goal):
            shown = f"（只有“{quote(goal, 10)}”）" if goal else ""
            yield Hit(
                f"绩效目标为空{shown}",
                suggestion="填写项目在预算年度内要完成的产出和达到的效果",
                field="goal",
                excerpt=goal,
                location=project.goal_location,
            )
            return
        vocabulary = context.vocabulary
        leading = vocabulary.first("goal_leading_punct", goal)
        if leading is not None:
            mark = leading[1].group(0)
            yield Hit(
                f"绩效目标以多余的标点“{mark}”开头",
                suggestion=f"删除开头的“{mark}”",
                field="goal",
                excerpt=mark + quote(goal[len(mark) :], 20),
                location=project.goal_location,
            )
        if not project.markup:
            remnant = vocabulary.first("goal_markup_remnant", goal)
            if remnant is not None:
                mark = remnant[1].group(0)
                yield Hit(
                    f"绩效目标中残留 HTML 代码“{mark}”",
                    suggestion="删除 HTML 代码，只保留文字",
                    field="goal",
                    excerpt=mark,
                    location=project.goal_location,
                )


RULES = (GoalVague, GoalPlaceholder, GoalFormat)

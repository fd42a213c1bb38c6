"""The budget system's standard review opinions (调整审核意见, dictionary ``PMKPIADJUSTOPINION``).

A finance-bureau reviewer returns a table with, per project, a few of these eleven opinions
(shared/docs/domain.md §1.4). Every rule declares the one its findings support
(:attr:`linter.engine.Rule.opinion`); :mod:`linter.review` turns a project's findings into them.
"""

from __future__ import annotations

OPINIONS = {
    1: "指标不够完整",
    2: "指标不够细化、量化",
    3: "指标与项目的相关性不够",
    4: "指标与指标值不匹配",
    5: "建议拆分指标",
    6: "一级指标类型错误",
    7: "二级指标类型错误",
    8: "建议增加明确效益指标",
    9: "建议增加明确产出指标",
    10: "建议增加满意度指标",
    11: "其他",
}
"""Opinion number → the reviewer's wording, as the provincial systems' dictionary writes it."""

OPINION_CELLS = 28
"""Terminal cells of the widest ``op#N 意见`` (``op#3  指标与项目的相关性不够``), for aligned lists."""

OTHER = 11
"""The opinion of a rule that declares none (a third-party rule pack's): 其他."""


def opinion_label(number: int) -> str:
    """``op#2 指标不够细化、量化``: an opinion as ``jxlint rules`` and ``explain`` show it."""
    return f"op#{number} {OPINIONS[number]}"

"""``jxlint review`` and ``--format review`` / ``review-json``: the reviewer's answer per project.

The text answer lists, per file, unit and project, the project's result (优/良/中/差, its score
and what the result means) and its standard opinions heaviest first, each with the rules behind
it, the indicators it concerns and one sentence of what to change. The JSON answer is the
``jxlint.review/1`` document (docs/review.md). Both print :func:`linter.review.review_result`.
"""

from __future__ import annotations

from collections.abc import Sequence

from linter.errors import printable
from linter.lint import LintResult
from linter.reporters.text_report import DEFAULT_WIDTH, Page, Span
from linter.review import (
    CAPPING_CODES,
    FileReview,
    Opinion,
    ProjectReview,
    review_result,
    review_to_dict,
)
from linter.scoring import DEFAULT_GRADES, GRADE_LABELS
from linter.serialize import json_text

RESULT_STYLES = {"优": "green", "良": "green", "中": "yellow", "差": "bold red"}


def _opinion(page: Page, position: int, opinion: Opinion) -> None:
    """One opinion: its wording and rules, then its indicators and the change, indented."""
    page.add(
        [
            (f"{position}. ", "bold"),
            (opinion.label, "bold"),
            (f"（op#{opinion.number}；{'、'.join(opinion.codes)}）", "dim"),
        ],
        6,
    )
    body: list[Span] = []
    if opinion.indicators:
        body.extend([("涉及：", "dim"), (opinion.indicator_text(), None), ("\n", None)])
    body.extend([("修改：", "green"), (opinion.advice, None)])
    page.add(body, 9)


def result_line(project: ProjectReview) -> list[Span]:
    """``结果：中（68 分，修改后重报；完整性 25 相关性 …）`` as styled spans."""
    dimensions = " ".join(f"{name} {points}" for name, points in project.dimensions.items())
    return [
        ("结果：", "dim"),
        (project.result, RESULT_STYLES[project.result]),
        (f"（{score_text(project)}，{project.consequence}；{dimensions}）", "dim"),
    ]


def score_text(project: ProjectReview) -> str:
    """``68 分``, or ``79 分，未设效益指标，至多为中`` when a mandatory opinion capped it."""
    if project.capped_by is None:
        return f"{project.score} 分"
    return f"{project.score} 分，{CAPPING_CODES[project.capped_by]}，至多为中"


def _project(page: Page, project: ProjectReview) -> None:
    title: list[Span] = [(f"{project.ordinal}. {project.name}", "bold")]
    if project.amount is not None:
        title.append((f"  {project.amount:,.2f}万元", "dim"))
    page.add(title, 2)
    page.add(result_line(project), 6)
    if not project.opinions:
        page.add([("无审核意见", "green")], 6)
    for position, opinion in enumerate(project.opinions, 1):
        _opinion(page, position, opinion)


def results_line(review: FileReview) -> list[Span]:
    """``审核结果：优 3，良 10，中 20，差 36（共 69 个项目）``."""
    counts = review.results()
    parts = "，".join(f"{label} {counts.get(label, 0)}" for label in GRADE_LABELS)
    return [("审核结果：", "bold"), (f"{parts}（共 {len(review.projects)} 个项目）", None)]


def render_review(
    result: LintResult,
    *,
    color: bool = False,
    width: int | None = None,
    grades: Sequence[int] = DEFAULT_GRADES,
) -> str:
    """The review as text: per file its results, then each unit's and project's opinions."""
    page = Page(color, width or DEFAULT_WIDTH)
    for review in review_result(result, grades):
        heading: list[Span] = [(printable(review.path), "bold underline")]
        if review.department:
            heading.append((f"  {review.department}", "dim"))
        page.add(heading)
        page.add(results_line(review))
        for general in review.general:
            page.add([(f"{general.unit or '整表'}（单位行、合计行）", "bold")], 2)
            for position, opinion in enumerate(general.opinions, 1):
                _opinion(page, position, opinion)
        for unit, projects in review.units():
            page.add([])
            page.add([(unit or "（未列单位）", "bold")])
            for project in projects:
                _project(page, project)
        page.add([])
    for status in [*result.files, *result.errors]:
        if not status.ok:
            page.add([(f"无法读取：{status.error}", "bold red")])
    return page.text()


def render_review_json(
    result: LintResult,
    *,
    grades: Sequence[int] = DEFAULT_GRADES,
) -> str:
    """The review as the ``jxlint.review/1`` JSON document, indented."""
    files = review_result(result, grades)
    return json_text(review_to_dict(result, files, grades), indent=2) + "\n"

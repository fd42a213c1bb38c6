"""The reviewer's answer: a run's findings as the budget system's standard review opinions.

A finance-bureau reviewer does not send back every finding; per project they write a few of the
eleven standard opinions (:data:`linter.opinions.OPINIONS`, shared/docs/domain.md §1.4), each
with the indicators it concerns, and a result 优/良/中/差 (财预〔2015〕88号: 中 → 修改后重报,
差 → 不得进入预算安排). This module makes that answer from a :class:`~linter.lint.LintResult`:

- every finding supports the opinion its rule declares (:attr:`linter.engine.Rule.opinion`);
- an opinion's **weight** is the sum of its findings' penalties (:data:`linter.scoring.PENALTY`:
  8 an error, 3 a warning, 1 an info; a finding that the indicators as a whole are another
  project's counts once per indicator, :data:`WHOLE_SET_CODES`); a project's opinions come
  heaviest first (then by number);
- **info findings never make an opinion on their own**: they count towards an opinion, and name
  their indicators in it, only when a warning or an error supports it too;
- an opinion's **advice** is one sentence of what to change, taken from the suggestion of its
  heaviest finding (the most severe, then a :data:`WHOLE_SET_CODES` finding, then the
  suggestion most of its findings share, then the first indicator), named after that finding's
  indicator;
- the **result** is the grade of the project's score over the four review dimensions
  (:mod:`linter.scoring`), at the thresholds of the config's ``[review] grades`` (default
  ``[90, 75, 60]``: the lowest score of 优, 良 and 中; below the last is 差) — except that a
  project with a defect a reviewer always returns is at best 中 (修改后重报), whatever its
  other indicators are worth (:data:`CAPPING_CODES`: an *error* of P01 no 产出指标 or P02 no
  效益指标, which 88号's 完整性 requires, or D01 the same project row listed twice, which would
  fund it twice). ``ProjectReview.capped_by`` names the rule that set the result.

Findings about a unit row or the whole table (subtotals, the grand total) belong to no project:
they become the opinions of their unit (``FileReview.general``). Every reporter of the review
(text, ``jxlint.review/1`` JSON, HTML, the workbook's 审核意见 sheet, the Word letter) prints
these same objects, so the opinions are the same in every format.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from linter.findings import Finding, Severity
from linter.lint import LintResult
from linter.model import Project
from linter.opinions import OPINIONS, OTHER
from linter.registry import all_rules
from linter.scoring import (
    DEFAULT_GRADES,
    DIMENSIONS,
    GRADE_LABELS,
    PENALTY,
    dimension_scores,
    grade_of,
)

REVIEW_SCHEMA = "jxlint.review/1"

CONSEQUENCES = {
    "优": "进入预算安排",
    "良": "完善后进入预算安排",
    "中": "修改后重报",
    "差": "不得进入预算安排",
}
"""What each result means for the project (88号: 中 修改后重报, 差 不得进入下一步预算安排; the
wording of 优 and 良 is jxlint's reading of the same notice)."""


CAPPING_CODES = {"P01": "未设产出指标", "P02": "未设效益指标", "D01": "项目行重复"}
"""Rules whose error makes a project 中 at best, with the reason as the result says it."""

CAPPED_RESULT = "中"
"""The best result of a project with an error of :data:`CAPPING_CODES`."""


def capped_result(result: str, findings: Iterable[Finding]) -> tuple[str, str | None]:
    """``result``, or 中 when it is better and an error of :data:`CAPPING_CODES` is among
    ``findings``; and the code that capped it (``None`` when none did)."""
    if GRADE_LABELS.index(result) >= GRADE_LABELS.index(CAPPED_RESULT):
        return result, None
    for finding in findings:
        if finding.code in CAPPING_CODES and finding.severity is Severity.error:
            return CAPPED_RESULT, finding.code
    return result, None


@dataclass(frozen=True, slots=True)
class Opinion:
    """One standard opinion on a project (or a unit row): what supports it and what to change."""

    number: int
    weight: int
    severity: Severity
    """The most severe of its findings."""
    codes: tuple[str, ...]
    """The rules of its findings, in code order."""
    indicators: tuple[tuple[int, str], ...]
    """``(index, name)`` of the indicators it concerns, by index (empty: the project as a whole)."""
    advice: str
    findings: int
    """How many findings support it."""

    @property
    def label(self) -> str:
        """The reviewer's wording (``指标不够细化、量化``)."""
        return OPINIONS[self.number]

    def indicator_text(self) -> str:
        """The indicators as one line: ``指标2“预算执行率”、指标5“…”`` (empty when none)."""
        return "、".join(f"指标{index}“{name}”" for index, name in self.indicators)

    def to_dict(self) -> dict[str, Any]:
        """The opinion as in ``jxlint.review/1``."""
        return {
            "opinion": self.number,
            "label": self.label,
            "weight": self.weight,
            "severity": self.severity.value,
            "codes": list(self.codes),
            "indicators": [{"index": index, "name": name} for index, name in self.indicators],
            "advice": self.advice,
            "findings": self.findings,
        }


@dataclass(frozen=True, slots=True)
class IndicatorFix:
    """One indicator an opinion concerns: what it says now, the opinions, and what to change."""

    index: int
    name: str
    category: str | None
    """``12-质量指标``: its 二级 code and name as written (``None`` when uncoded)."""
    annual_value: str | None
    opinions: tuple[int, ...]
    advice: str
    """One sentence of what to change, from the suggestion of its heaviest finding."""

    def to_dict(self) -> dict[str, Any]:
        """The indicator as in ``jxlint.review/1``'s ``fix``."""
        return {
            "index": self.index,
            "name": self.name,
            "category": self.category,
            "annual_value": self.annual_value,
            "opinions": list(self.opinions),
            "advice": self.advice,
        }


@dataclass(frozen=True, slots=True)
class ProjectReview:
    """One project's review: its score, its result and its opinions, heaviest first."""

    path: str
    unit: str | None
    ordinal: int
    name: str
    amount: Decimal | None
    indicators: int
    dimensions: dict[str, int]
    result: str
    opinions: tuple[Opinion, ...]
    fix: tuple[IndicatorFix, ...] = ()
    """The indicators the opinions concern, by index: the table of what to change."""
    capped_by: str | None = None
    """The rule (:data:`CAPPING_CODES`) that made the result 中 although the score is higher."""

    @property
    def score(self) -> int:
        """The score out of 100 (the four dimensions' points)."""
        return sum(self.dimensions.values())

    @property
    def consequence(self) -> str:
        """通过, 修改后重报 or 不得进入预算安排."""
        return CONSEQUENCES[self.result]

    def to_dict(self) -> dict[str, Any]:
        """The project as in ``jxlint.review/1``."""
        return {
            "unit": self.unit,
            "project": self.name,
            "project_ordinal": self.ordinal,
            "amount": None if self.amount is None else f"{self.amount:.2f}",
            "indicators": self.indicators,
            "score": self.score,
            "dimensions": dict(self.dimensions),
            "result": self.result,
            "capped_by": self.capped_by,
            "consequence": self.consequence,
            "opinions": [opinion.to_dict() for opinion in self.opinions],
            "fix": [indicator.to_dict() for indicator in self.fix],
        }


@dataclass(frozen=True, slots=True)
class UnitReview:
    """The opinions about a unit row or the whole table (``unit`` ``None``)."""

    unit: str | None
    opinions: tuple[Opinion, ...]

    def to_dict(self) -> dict[str, Any]:
        """The entry of ``general`` in ``jxlint.review/1``."""
        return {"unit": self.unit, "opinions": [o.to_dict() for o in self.opinions]}


@dataclass(frozen=True, slots=True)
class FileReview:
    """One file's review: its projects in document order and the opinions about its rows."""

    path: str
    department: str | None
    projects: tuple[ProjectReview, ...]
    general: tuple[UnitReview, ...]

    def results(self) -> Counter[str]:
        """How many projects got each result."""
        return Counter(project.result for project in self.projects)

    def units(self) -> list[tuple[str | None, list[ProjectReview]]]:
        """The projects by unit, units in document order."""
        grouped: dict[str | None, list[ProjectReview]] = {}
        for project in self.projects:
            grouped.setdefault(project.unit, []).append(project)
        return list(grouped.items())


def opinion_of_code() -> dict[str, int]:
    """Every known rule code → the opinion it supports."""
    return {rule.code: rule.opinion for rule in all_rules()}


def _sentence(text: str) -> str:
    """``text`` as one sentence: its first sentence, ending in ``。``."""
    first = text.strip().split("。", 1)[0].rstrip("；;，,。 ")
    return first + "。"


def _representative(findings: list[Finding]) -> Finding:
    """The finding whose suggestion speaks for an opinion: the most severe, then one that the
    indicators as a whole are another project's (:data:`WHOLE_SET_CODES`: replacing them is the
    change), then the one whose suggestion most of the findings share, then the first indicator
    (project-level findings before indicators), then by code.

    Only content decides, never the findings' order or locations, so that a table read from
    text, a workbook or a PDF gets the same advice.
    """
    shared = Counter(f.suggestion for f in findings if f.suggestion)
    return min(
        findings,
        key=lambda f: (
            -f.severity.rank,
            f.code not in WHOLE_SET_CODES,
            -shared.get(f.suggestion, 0),
            f.indicator or 0,
            f.code,
            f.suggestion or f.message,
        ),
    )


def _advice(finding: Finding, named: bool = True) -> str:
    """One sentence of what to change (named after the finding's indicator when ``named``)."""
    text = _sentence(finding.suggestion or finding.message)
    if named and finding.indicator is not None:
        return f"指标{finding.indicator}“{finding.indicator_name or ''}”：{text}"
    return text


def fixes_of(
    project: Project, findings: list[Finding], raised: tuple[Opinion, ...], opinions: dict[str, int]
) -> tuple[IndicatorFix, ...]:
    """The indicators of ``project`` that the ``raised`` opinions concern, by index, each with
    the raised opinions its findings support and the advice of its heaviest finding."""
    numbers = {opinion.number for opinion in raised}
    by_index: dict[int, list[Finding]] = {}
    whole_set = [f for f in findings if f.code in WHOLE_SET_CODES and f.indicator is None]
    for finding in findings:
        if finding.indicator is not None and opinions.get(finding.code, OTHER) in numbers:
            by_index.setdefault(finding.indicator, []).append(finding)
    for finding in whole_set:
        if opinions.get(finding.code, OTHER) in numbers:
            for indicator in project.indicators:
                by_index.setdefault(indicator.index, []).append(finding)
    out = []
    for index in sorted(by_index):
        supporting = by_index[index]
        indicator = project.indicators[index - 1] if 0 < index <= len(project.indicators) else None
        category = None
        if indicator is not None and indicator.level2_code:
            category = f"{indicator.level2_code}-{indicator.level2 or ''}"
        out.append(
            IndicatorFix(
                index=index,
                name=indicator.name
                if indicator is not None
                else supporting[0].indicator_name or "",
                category=category,
                annual_value=indicator.annual_value if indicator is not None else None,
                opinions=tuple(sorted({opinions.get(f.code, OTHER) for f in supporting} & numbers)),
                advice=_advice(_representative(supporting), named=False),
            )
        )
    return tuple(out)


WHOLE_SET_CODES = frozenset({"K03", "D02"})
"""Rules whose finding says a project's indicators, as a whole, are another project's (not
related to its goal; copied from a twin). The opinion they support concerns every indicator
and its weight counts their penalty once per indicator: it comes first, since the project's
other opinions are about indicators that are to be replaced anyway."""


def _weight(finding: Finding, project: Project | None) -> int:
    """A finding's share of its opinion's weight (see :data:`WHOLE_SET_CODES`)."""
    if finding.code in WHOLE_SET_CODES and project is not None:
        return PENALTY[finding.severity] * max(1, len(project.indicators))
    return PENALTY[finding.severity]


def opinions_of(
    findings: Iterable[Finding], opinions: dict[str, int], project: Project | None = None
) -> tuple[Opinion, ...]:
    """The opinions ``findings`` (on ``project``, ``None`` for a unit row) support, heaviest
    first (``opinions``: rule code → opinion).

    An opinion supported only by info findings is not raised.
    """
    by_number: dict[int, list[Finding]] = {}
    for finding in findings:
        by_number.setdefault(opinions.get(finding.code, OTHER), []).append(finding)
    out = []
    for number, supporting in by_number.items():
        if all(f.severity is Severity.info for f in supporting):
            continue
        concerned = {(f.indicator, f.indicator_name or "") for f in supporting if f.indicator}
        if project is not None and any(f.code in WHOLE_SET_CODES for f in supporting):
            concerned = {(i.index, i.name) for i in project.indicators}
        indicators = sorted(concerned)
        out.append(
            Opinion(
                number=number,
                weight=sum(_weight(f, project) for f in supporting),
                severity=max((f.severity for f in supporting), key=lambda s: s.rank),
                codes=tuple(sorted({f.code for f in supporting})),
                indicators=tuple(indicators),
                advice=_advice(_representative(supporting)),
                findings=len(supporting),
            )
        )
    return tuple(sorted(out, key=lambda o: (-o.weight, o.number)))


def review_result(result: LintResult, grades: Sequence[int] = DEFAULT_GRADES) -> list[FileReview]:
    """The review of every file of ``result`` that was read, in input order."""
    opinions = opinion_of_code()
    by_project: dict[tuple[str, int], list[Finding]] = {}
    by_row: dict[str, dict[str | None, list[Finding]]] = {}
    for finding in result.findings:
        if finding.project_ordinal is not None:
            by_project.setdefault((finding.path, finding.project_ordinal), []).append(finding)
        else:
            by_row.setdefault(finding.path, {}).setdefault(finding.unit, []).append(finding)
    files = []
    for document in result.documents:
        projects = []
        for unit in document.units:
            for project in unit.projects:
                found = by_project.get((document.path, project.ordinal), [])
                dimensions = dimension_scores(found)
                raised = opinions_of(found, opinions, project)
                grade, capped_by = capped_result(grade_of(sum(dimensions.values()), grades), found)
                projects.append(
                    ProjectReview(
                        path=document.path,
                        unit=unit.name,
                        ordinal=project.ordinal,
                        name=project.name,
                        amount=project.amounts.total,
                        indicators=len(project.indicators),
                        dimensions=dimensions,
                        result=grade,
                        capped_by=capped_by,
                        opinions=raised,
                        fix=fixes_of(project, found, raised, opinions),
                    )
                )
        general = []
        for unit_name, found in by_row.get(document.path, {}).items():
            raised = opinions_of(found, opinions)
            if raised:
                general.append(UnitReview(unit_name, raised))
        files.append(
            FileReview(document.path, document.department, tuple(projects), tuple(general))
        )
    return files


def review_to_dict(
    result: LintResult, files: list[FileReview], grades: Sequence[int] = DEFAULT_GRADES
) -> dict[str, Any]:
    """The review as a ``jxlint.review/1`` dict (see docs/review.md)."""
    totals: Counter[str] = Counter()
    for review in files:
        totals.update(review.results())
    return {
        "schema": REVIEW_SCHEMA,
        "grades": dict(zip(GRADE_LABELS, [*grades, 0], strict=True)),
        "dimensions": list(DIMENSIONS),
        "files": [
            {
                "path": review.path,
                "department": review.department,
                "projects": [project.to_dict() for project in review.projects],
                "general": [unit.to_dict() for unit in review.general],
            }
            for review in files
        ],
        "errors": [
            {"path": status.path, "error": status.error}
            for status in [*result.files, *result.errors]
            if not status.ok
        ],
        "summary": {
            "files": len(files),
            "projects": sum(len(review.projects) for review in files),
            "results": {label: totals.get(label, 0) for label in GRADE_LABELS},
        },
    }

"""Per-project quality scores along the four review dimensions reviewers use.

财预〔2015〕88号 has finance bureaus review a 绩效目标 along four dimensions (its wording, quoted from
the published text, not verified here — see shared/docs/domain.md §1.4):

- **完整性**: 绩效目标的内容是否完整，绩效目标是否明确、清晰.
- **相关性**: 绩效目标与部门职能、项目是否相关，是否设定了相关联的绩效指标.
- **适当性**: 资金规模与绩效目标之间是否匹配，绩效目标是否过高或过低.
- **可行性**: 绩效目标是否经过合理测算，能否确保如期实现（指标值可衡量、可核验）.

Every rule counts under exactly one dimension (:data:`DIMENSION_OF_CODE` for single rules,
:data:`DIMENSION_OF_FAMILY` for the rest of a family; a code of an unknown family counts under 完整性):

- 完整性 — S (codes, cells, missing values), P (产出/效益/满意度/数量/成本 present, enough
  indicators, quantitative share), A (the amounts add up), G (the goal is a clear goal);
- 相关性 — C (each indicator sits in the category it measures; process measures are not outputs),
  K02 (every number the goal promises has an indicator), K03 (indicators concern this project),
  D02/D03 (indicators or goal copied from another project);
- 适当性 — K01 (年度 agrees with 实施周期), K04 (unit cost × quantity matches the money),
  N03 (target too high), D01/D04 (the same work funded twice);
- 可行性 — V (the value is a verifiable target: not vague, not a placeholder, not a definition,
  one target with a unit and a well-formed comparator), N01/N02 (the target is possible and
  unambiguous).

This mapping is jxlint's reading of the 88号 definitions (a heuristic, not an official table).

The score of a project is out of 100: each dimension is worth :data:`DIMENSION_POINTS` (25) and
loses :data:`PENALTY` points per finding of that dimension on the project — 8 per error, 3 per
warning, 1 per info — down to 0. The grade follows 88号's 优/良/中/差 (中: 修改后重报; 差: 不得进入预算
安排) at the thresholds of :data:`GRADES` (90 / 75 / 60; also a heuristic; a config's
``[review] grades = [90, 75, 60]`` sets other ones, checked by :func:`check_grades`). Findings that concern a
unit row or the whole table (unit subtotals, the grand total, an uncoded table) belong to no project
and count in no project's score; reports list them separately.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from linter.findings import Finding, Severity
from linter.model import Project

if TYPE_CHECKING:
    from linter.lint import LintResult

DIMENSIONS = ("完整性", "相关性", "适当性", "可行性")
"""The four review dimensions of 财预〔2015〕88号, in the order reports show them."""

DIMENSION_POINTS = 25
"""What each dimension is worth; four dimensions make a score out of 100."""

PENALTY = {Severity.error: 8, Severity.warning: 3, Severity.info: 1}
"""Points a finding takes from its dimension, by severity."""

GRADES = ((90, "优"), (75, "良"), (60, "中"), (0, "差"))
"""Lowest score of each grade, best first (the defaults; the config's ``[review] grades`` sets
the first three)."""

DEFAULT_GRADES = tuple(lowest for lowest, _ in GRADES[:-1])
"""The lowest score of 优, 良 and 中 (below the last: 差), as ``[review] grades`` writes them."""

GRADE_LABELS = tuple(label for _, label in GRADES)
"""优, 良, 中, 差."""

DIMENSION_OF_FAMILY = {
    "S": "完整性",
    "P": "完整性",
    "A": "完整性",
    "G": "完整性",
    "C": "相关性",
    "V": "可行性",
    "N": "可行性",
    "K": "相关性",
    "D": "相关性",
}
"""The dimension of every rule of a family, unless :data:`DIMENSION_OF_CODE` says otherwise."""

DIMENSION_OF_CODE = {
    "K01": "适当性",
    "K04": "适当性",
    "N03": "适当性",
    "D01": "适当性",
    "D04": "适当性",
}
"""Rules that count under another dimension than the rest of their family."""

DEFAULT_DIMENSION = "完整性"
"""The dimension of a rule code whose family jxlint does not know (third-party rule packs)."""


def dimension_of(code: str) -> str:
    """The review dimension (完整性、相关性、适当性 or 可行性) a rule code counts under."""
    return DIMENSION_OF_CODE.get(code) or DIMENSION_OF_FAMILY.get(code[:1], DEFAULT_DIMENSION)


def grade_of(score: int, grades: Sequence[int] = DEFAULT_GRADES) -> str:
    """The grade 优/良/中/差 of a score out of 100 at the thresholds ``grades`` (the lowest
    score of 优, 良 and 中)."""
    for lowest, label in zip(grades, GRADE_LABELS, strict=False):
        if score >= lowest:
            return label
    return GRADE_LABELS[-1]


def check_grades(value: Any) -> str | None:
    """Why ``value`` cannot be ``[review] grades`` (three integers 100 ≥ 优 > 良 > 中 ≥ 0), or
    ``None``."""
    if not isinstance(value, list) or len(value) != 3:
        return "应为 3 个整数的数组 [优, 良, 中] (must be an array of 3 integers)"
    if not all(isinstance(item, int) and not isinstance(item, bool) for item in value):
        return "应为整数 (must be integers)"
    if not 100 >= value[0] > value[1] > value[2] >= 0:
        return "应满足 100 ≥ 优 > 良 > 中 ≥ 0 (must decrease within 0–100)"
    return None


@dataclass(frozen=True, slots=True)
class ProjectScore:
    """One project's score: the total out of 100, each dimension out of 25, and its findings."""

    path: str
    unit: str | None
    project: Project
    dimensions: dict[str, int]
    findings: tuple[Finding, ...] = ()
    counts: dict[Severity, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """The score out of 100: the sum of the four dimension scores."""
        return sum(self.dimensions.values())

    @property
    def grade(self) -> str:
        """优, 良, 中 or 差."""
        return grade_of(self.total)

    @property
    def key(self) -> tuple[str, int]:
        """``(path, ordinal)``: how findings name their project."""
        return (self.path, self.project.ordinal)


def dimension_scores(findings: Iterable[Finding]) -> dict[str, int]:
    """Each dimension's points (0–25) after the penalties of ``findings``."""
    lost = dict.fromkeys(DIMENSIONS, 0)
    for finding in findings:
        lost[dimension_of(finding.code)] += PENALTY[finding.severity]
    return {name: max(0, DIMENSION_POINTS - points) for name, points in lost.items()}


def score_projects(result: LintResult) -> list[ProjectScore]:
    """The score of every project of ``result``, in document order."""
    by_project: dict[tuple[str, int], list[Finding]] = {}
    for finding in result.findings:
        if finding.project_ordinal is not None:
            by_project.setdefault((finding.path, finding.project_ordinal), []).append(finding)
    scores = []
    for document in result.documents:
        for unit in document.units:
            for project in unit.projects:
                found = tuple(by_project.get((document.path, project.ordinal), ()))
                scores.append(
                    ProjectScore(
                        path=document.path,
                        unit=unit.name,
                        project=project,
                        dimensions=dimension_scores(found),
                        findings=found,
                        counts={s: sum(1 for f in found if f.severity is s) for s in Severity},
                    )
                )
    return scores


def worst_first(scores: Iterable[ProjectScore]) -> list[ProjectScore]:
    """Projects ordered from the one most in need of work: lowest score, then most errors."""
    return sorted(
        scores,
        key=lambda s: (s.total, -s.counts.get(Severity.error, 0), -len(s.findings), s.key),
    )

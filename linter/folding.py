"""One problem, one finding: fold findings that say the same thing about the same place.

Rules declare, as data on their class (:attr:`~linter.engine.Rule.supersedes`), which other
rules' findings restate their defect: a percentage under 11-数量指标 is C05's finding, and V05
saying the same value is not a count is folded into it; an indicator C07 says to replace needs no
V advice on how to reword its value. The folded findings stay in the primary's ``folded`` (shown
as "另：…"), so nothing is lost, and the primary takes the highest severity of the group, so
folding never lets a run pass that would have failed.

Places are compared at the level of the folded finding: the same indicator of the same project,
or, for project findings, the same project; a folded finding that points at other places
(a duplicate's twin) folds only into a primary that points at them too. ``"*"`` folds every
finding of the primary's project (an exact duplicate row, D01, repeats nothing of its twin); a
family letter (``"V"``) every rule of the family.

Notices about the table rather than one project (no cost indicators under the legacy framework,
no codes) are said once when they hold for most of its projects: :func:`gather_table_notices`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from linter.findings import Finding, Folded, Related, Severity
from linter.model import Document

Place = tuple[str, int | None, int | None]
"""A file, a project ordinal and an indicator index (``None``: the project itself)."""


def _place(finding: Finding) -> Place | None:
    if finding.project_ordinal is None:
        return None
    return (finding.path, finding.project_ordinal, finding.indicator)


def _related_places(finding: Finding) -> set[tuple[str, int | None]]:
    return {(related.path, related.project_ordinal) for related in finding.related}


def _covers(primary: Finding, folded: Finding, codes: tuple[str, ...]) -> bool:
    """Whether ``primary`` (whose rule supersedes ``codes``) absorbs ``folded``."""
    if folded is primary or _place(primary) is None:
        return False
    if "*" in codes:
        same = (primary.path, primary.project_ordinal) == (folded.path, folded.project_ordinal)
    elif any(folded.code.startswith(code) for code in codes):
        same = _place(primary) == _place(folded)
    else:
        return False
    return same and _related_places(folded) <= _related_places(primary) | {
        (primary.path, primary.project_ordinal)
    }


def fold_findings(findings: list[Finding], supersedes: dict[str, tuple[str, ...]]) -> list[Finding]:
    """``findings`` with each finding that a related rule's finding on the same place restates
    folded into that one (order kept); ``supersedes`` maps a rule code to the codes it absorbs.

    A finding folds into the first primary that covers it; a primary that is itself folded
    passes what it holds on to its own primary.
    """
    primaries = [f for f in findings if supersedes.get(f.code)]
    if not primaries:
        return findings
    by_project: dict[tuple[str, int | None], list[Finding]] = {}
    for primary in primaries:
        by_project.setdefault((primary.path, primary.project_ordinal), []).append(primary)
    into: dict[int, Finding] = {}
    for finding in findings:
        for primary in by_project.get((finding.path, finding.project_ordinal), ()):
            if _covers(primary, finding, supersedes[primary.code]) and not _covers(
                finding, primary, supersedes.get(finding.code, ())
            ):
                into[id(finding)] = primary
                break
    return _merged(findings, into)


def _root(finding: Finding, into: dict[int, Finding]) -> Finding:
    seen = {id(finding)}
    while id(finding) in into and id(into[id(finding)]) not in seen:
        finding = into[id(finding)]
        seen.add(id(finding))
    return finding


def _merged(findings: Iterable[Finding], into: dict[int, Finding]) -> list[Finding]:
    groups: dict[int, list[Finding]] = {}
    for finding in findings:
        if id(finding) in into:
            groups.setdefault(id(_root(finding, into)), []).append(finding)
    out: list[Finding] = []
    for finding in findings:
        if id(finding) in into:
            continue
        folded = groups.get(id(finding))
        if not folded:
            out.append(finding)
            continue
        worst = max([finding, *folded], key=lambda f: f.severity.rank).severity
        extra = tuple(Folded(f.code, f.name, f.severity, f.message) for f in folded)
        out.append(replace(finding, severity=worst, folded=finding.folded + extra))
    return out


NOTICE_MINIMUM = 3
"""A notice is said once for the table when it holds for at least this many projects (or units)…"""
NOTICE_SHARE = 0.5
"""…and for more than this share of the table's projects (or units)."""

_QUOTED_OR_NUMBER = re.compile(r"“[^”]*”|\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class Population:
    """How many projects and units one table (or run) has: what a table notice counts against;
    and its indicators, for the report's summary."""

    projects: int
    units: int
    indicators: int = 0

    @classmethod
    def of(cls, document: Document) -> Population:
        """The population of a parsed document."""
        return cls(len(document.projects()), len(document.units), document.indicator_count())

    def __add__(self, other: Population) -> Population:
        return Population(
            self.projects + other.projects,
            self.units + other.units,
            self.indicators + other.indicators,
        )


def _subject(finding: Finding) -> tuple[str, object] | None:
    """What a finding is about, for counting: a project, a unit, or ``None`` (the table)."""
    if finding.project_ordinal is not None:
        return ("project", finding.project_ordinal)
    if finding.unit is not None:
        return ("unit", (finding.unit, finding.location.sort_key() if finding.location else ()))
    return None


def _sentence_shape(message: str) -> str:
    """The message with its quoted texts and numbers blanked: what findings that say the same
    thing about different projects have in common."""
    return _QUOTED_OR_NUMBER.sub("#", message)


def gather_table_notices(
    findings: list[Finding],
    notices: dict[str, str],
    populations: dict[str, Population],
) -> list[Finding]:
    """``findings`` with each info-level notice that holds for most of a table said once.

    ``notices`` maps the codes of rules whose info findings are notices about the table (see
    :attr:`~linter.engine.Rule.table_notice`) to their summaries. Findings of one such rule that
    say the same sentence (:func:`_sentence_shape`) about at least :data:`NOTICE_MINIMUM`
    projects, and more than :data:`NOTICE_SHARE` of the table's projects (or units), become
    one finding on the table: the count, the first names, and every place in ``related``
    with its own message. A notice true of a few projects stays on each of them.
    """
    groups: dict[tuple[str, str, str], list[Finding]] = {}
    for finding in findings:
        if finding.code in notices and finding.severity is Severity.info and _subject(finding):
            key = (finding.path, finding.code, _sentence_shape(finding.message))
            groups.setdefault(key, []).append(finding)
    gathered: dict[int, Finding | None] = {}
    for (path, code, _), group in groups.items():
        population = populations.get(path)
        kind = _subject(group[0])[0]
        subjects = {_subject(finding) for finding in group}
        if population is None or any(subject[0] != kind for subject in subjects):
            continue
        total = population.projects if kind == "project" else population.units
        if len(subjects) < NOTICE_MINIMUM or len(subjects) <= NOTICE_SHARE * total:
            continue
        gathered[id(group[0])] = _table_notice(group, notices[code], len(subjects), total, kind)
        gathered.update((id(finding), None) for finding in group[1:])
    if not gathered:
        return findings
    kept = (gathered.get(id(finding), finding) for finding in findings)
    return [finding for finding in kept if finding is not None]


def _table_notice(group: list[Finding], summary: str, count: int, total: int, kind: str) -> Finding:
    first = group[0]
    noun = "个项目" if kind == "project" else "个单位"
    names = list(dict.fromkeys(f.project or f.unit or "" for f in group))
    shown = "、".join(f"“{name}”" for name in names[:3]) + ("等" if count > 3 else "")
    related = tuple(
        Related(f.path, f.project, f.project_ordinal, f.location, f.unit, f.message) for f in group
    )
    suggestions = {f.suggestion for f in group}
    return replace(
        first,
        message=f"{summary.rstrip('。')}：本表 {count}/{total} {noun}（{shown}）",
        suggestion=first.suggestion if len(suggestions) == 1 else None,
        unit=None,
        project=None,
        project_ordinal=None,
        indicator=None,
        indicator_name=None,
        field=None,
        excerpt=None,
        related=related,
        folded=tuple(folded for f in group for folded in f.folded),
    )

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
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from linter.findings import Finding, Folded

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

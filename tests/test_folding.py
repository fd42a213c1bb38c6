"""One problem, one finding: related rules' findings on the same place fold into one."""

from __future__ import annotations

import glob
from collections import defaultdict

import pytest

from linter.findings import Finding, Related, Severity
from linter.folding import Population, fold_findings, gather_table_notices
from linter.model import Location
from linter.registry import all_rules
from tests.conftest import lint, seed

SUPERSEDES = {"C05": ("V05",), "D02": ("D03",), "D01": ("*",)}


def finding(code: str, indicator: int | None = 1, project: int = 1, **fields) -> Finding:
    defaults = {
        "name": code.lower(),
        "severity": Severity.warning,
        "message": f"{code} 的说明",
        "path": "t.txt",
        "location": Location(line=indicator or 1),
        "project": "项目",
        "project_ordinal": project,
        "indicator": indicator,
    }
    return Finding(code=code, **{**defaults, **fields})


def test_a_restating_finding_folds_into_its_primary_on_the_same_indicator() -> None:
    primary, restated, elsewhere = finding("C05"), finding("V05"), finding("V05", indicator=2)
    folded = fold_findings([primary, restated, elsewhere], SUPERSEDES)
    assert [f.code for f in folded] == ["C05", "V05"]
    assert [(x.code, x.message) for x in folded[0].folded] == [("V05", "V05 的说明")]
    assert folded[1] is elsewhere


def test_the_primary_takes_the_worst_severity_so_a_failing_run_still_fails() -> None:
    folded = fold_findings([finding("C05"), finding("V05", severity=Severity.error)], SUPERSEDES)
    assert folded[0].severity is Severity.error and folded[0].code == "C05"


def test_a_finding_about_other_twins_does_not_fold() -> None:
    twin = Related("t.txt", "乙", 2, Location(line=9))
    other = Related("t.txt", "丙", 3, Location(line=19))
    d02 = finding("D02", indicator=None, related=(twin,))
    same_pair = finding("D03", indicator=None, related=(twin,))
    other_pair = finding("D03", indicator=None, related=(other,))
    folded = fold_findings([d02, same_pair, other_pair], SUPERSEDES)
    assert [f.code for f in folded] == ["D02", "D03"] and folded[1] is other_pair


def test_an_exact_duplicate_row_repeats_nothing_of_its_twin() -> None:
    d01 = finding("D01", indicator=None, project=2)
    on_copy = [finding("P05", indicator=None, project=2), finding("V01", project=2)]
    on_first = finding("P05", indicator=None, project=1)
    folded = fold_findings([on_first, d01, *on_copy], SUPERSEDES)
    assert [f.code for f in folded] == ["P05", "D01"]
    assert [x.code for x in folded[1].folded] == ["P05", "V01"]


def test_the_catalog_relation_is_acyclic_and_names_real_rules() -> None:
    rules = {rule.code: rule for rule in all_rules()}
    edges = {
        code: {
            other
            for entry in rule.supersedes
            for other in rules
            if other != code and (entry == "*" or other.startswith(entry))
        }
        for code, rule in rules.items()
    }
    for code, rule in rules.items():
        for entry in rule.supersedes:
            assert entry == "*" or any(other.startswith(entry) for other in rules), (code, entry)
    wildcard = {code for code, rule in rules.items() if "*" in rule.supersedes}

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        for nxt in edges[start] - wildcard - seen:
            if nxt == target or reaches(nxt, target, seen | {nxt}):
                return True
        return False

    assert not [code for code in rules if code not in wildcard and reaches(code, code, set())]


SEEDS = sorted(glob.glob("fixtures/seeds/*.txt"))
CONTRADICTORY = {"C07": "V", "C05": "V05"}
"""A primary and the findings whose advice would contradict it on the same cell."""


@pytest.mark.parametrize("path", SEEDS)
def test_no_cell_gets_contradictory_advice_on_the_seeds(path: str, in_root) -> None:
    codes: dict[tuple, set[str]] = defaultdict(set)
    for found in lint(path).findings:
        if found.indicator is not None:
            codes[(found.project_ordinal, found.indicator)].add(found.code)
    for place, on_cell in codes.items():
        for primary, restated in CONTRADICTORY.items():
            if primary in on_cell:
                assert not [c for c in on_cell if c.startswith(restated)], (place, on_cell)


NOTICES = {"P05": "项目没有成本指标。", "G03": "绩效目标格式问题。"}


def notice(code: str, ordinal: int, message: str, severity=Severity.info) -> Finding:
    return Finding(
        code,
        code.lower(),
        severity,
        message,
        "t.txt",
        Location(line=ordinal * 10),
        project=f"项目{ordinal}",
        project_ordinal=ordinal,
    )


def test_a_notice_true_of_most_projects_is_said_once_with_every_place_kept() -> None:
    table = [notice("P05", n, f"项目“项目{n}”没有成本指标") for n in (1, 2, 3, 4)]
    other = finding("V01", project=2)
    (said, kept) = gather_table_notices([*table, other], NOTICES, {"t.txt": Population(5, 1)})
    assert said.project is None and said.project_ordinal is None
    assert said.message == "项目没有成本指标：本表 4/5 个项目（“项目1”、“项目2”、“项目3”等）"
    assert [(r.project_ordinal, r.note) for r in said.related] == [
        (n, f"项目“项目{n}”没有成本指标") for n in (1, 2, 3, 4)
    ]
    assert said.location == table[0].location and kept is other


def test_a_notice_of_a_few_projects_stays_on_each() -> None:
    few = [notice("P05", n, "没有成本指标") for n in (1, 2, 3)]
    assert gather_table_notices(few, NOTICES, {"t.txt": Population(6, 1)}) == few
    two = few[:2]
    assert gather_table_notices(two, NOTICES, {"t.txt": Population(2, 1)}) == two


def test_only_info_findings_of_notice_rules_saying_the_same_sentence_are_gathered() -> None:
    warnings = [notice("P05", n, "没有成本指标", Severity.warning) for n in (1, 2, 3)]
    mixed = [
        notice("G03", 1, "绩效目标以多余的标点“-”开头"),
        notice("G03", 2, "绩效目标以多余的标点“、”开头"),
        notice("G03", 3, "绩效目标为空（只有“-”）"),
        notice("G03", 4, "绩效目标以多余的标点“-”开头"),
    ]
    others = [notice("V08", n, "约数") for n in (1, 2, 3)]
    out = gather_table_notices([*warnings, *mixed, *others], NOTICES, {"t.txt": Population(4, 1)})
    assert out[:3] == warnings and out[-3:] == others
    (dashes, empty) = out[3:-3]
    assert [r.project_ordinal for r in dashes.related] == [1, 2, 4] and empty is mixed[2]


def test_the_catalog_declares_the_table_notices() -> None:
    notices = {rule.code for rule in all_rules() if rule.table_notice}
    assert notices == {"A04", "G03", "P03", "P05", "S02"}


def test_seed_003_says_its_missing_cost_indicators_once() -> None:
    result = lint(str(seed("003")))
    p05 = [f for f in result.findings if f.code == "P05"]
    assert len(p05) == 1 and p05[0].project is None and len(p05[0].related) == 66

"""Runs every rule case in ``tests/rule_cases/*.toml`` (see ``tests/casekit.py``)."""

from __future__ import annotations

import pytest

from linter.registry import all_rules
from tests.casekit import load_cases, run_case, unmatched

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c['_file']}::{c['id']}" for c in CASES])
def test_rule_case(case) -> None:
    findings = run_case(case)
    missing, extra = unmatched(findings, case.get("expect", []))
    described = [
        f"{f.code} p{f.project_ordinal} i{f.indicator} {f.field}: {f.message}" for f in extra
    ]
    assert not missing and not extra, f"missing {missing}; unexpected {described}"


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    failing = {e["code"] for c in CASES for e in c.get("expect", [])}
    passing = {code for c in CASES if not c.get("expect") for code in c["rules"]}
    codes = {rule.code for rule in all_rules()}
    assert not codes - failing, f"rules without a failing case: {sorted(codes - failing)}"
    assert not codes - passing, f"rules without a passing case: {sorted(codes - passing)}"

"""The engine: facts rules share about a document (computed once, whatever the rules' order),
shared hits, and the V family run alone or with the others."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from linter.config import Config
from linter.engine import Context, Engine, Hit, Rule, Scope
from linter.findings import Severity
from linter.lint import build_engine
from linter.readers import read_bytes
from linter.vocab import load_vocabulary
from rules import value_quality

INDICATOR = "1、1-产出指标；11-数量指标；培训人数；实施周期指标值：100人；年度指标值：100人。"
TABLE = "\n".join(
    [
        "项目支出绩效目标表",
        "部门名称：测试部门",
        "单位：万元",
        "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标",
        "合计\t20.00\t20.00\t\t\t\t",
        "测试单位\t20.00\t20.00\t\t\t\t",
        f"甲项目\t10.00\t10.00\t\t\t完成培训。\t{INDICATOR}",
        f"乙项目\t10.00\t10.00\t\t\t完成培训。\t{INDICATOR}",
    ]
)


def _document():
    return read_bytes(TABLE.encode(), "t.tsv")


def _rules(calls: Counter) -> list[Rule]:
    def project_count(document) -> int:
        calls[id(document)] += 1
        return sum(len(unit.projects) for unit in document.units)

    class PerIndicator(Rule):
        code, name, severity, scope = "X01", "per-indicator", Severity.info, Scope.indicator

        def check(self, indicator, context: Context):
            yield Hit(f"{context.document_fact(project_count, context.document)}")

    class PerProject(Rule):
        code, name, severity, scope = "X02", "per-project", Severity.info, Scope.project

        def check(self, project, context: Context):
            yield Hit(f"{context.document_fact(project_count, context.document)}")

    return [PerIndicator(), PerProject()]


def test_a_document_fact_is_computed_once_per_document_whatever_the_rules() -> None:
    calls: Counter = Counter()
    document = _document()
    findings = Engine(_rules(calls)).lint_document(document)
    assert [f.message for f in findings] == ["2"] * 4  # two projects, one indicator each
    assert list(calls.values()) == [1]


def test_facts_do_not_outlive_the_document() -> None:
    calls: Counter = Counter()
    engine = Engine(_rules(calls))
    engine.lint_document(_document())
    engine.lint_document(_document())
    assert list(calls.values()) == [1, 1]


def test_a_fact_is_keyed_by_its_arguments_identity_not_their_equality() -> None:
    context = Context(_document(), None, None, {}, load_vocabulary(()), frozenset())
    first, second = ["同一"], ["同一"]
    assert context.document_fact(id, first) == id(first)
    assert context.document_fact(id, second) == id(second) != id(first)


def test_a_shared_hit_that_names_no_indicator_is_on_the_indicator_asked_about() -> None:
    """One cached hit handed out for every indicator: each finding is on its own indicator."""
    cached = {"X04": Hit("同一个问题", field="annual_value")}
    asked = []

    def same_hits(indicator, context: Context):
        asked.append(indicator)
        return cached

    class Shared(Rule):
        code, name, severity, scope = "X04", "shared", Severity.info, Scope.indicator
        shared = staticmethod(same_hits)

    document = _document()
    findings = Engine([Shared()]).lint_document(document)
    indicators = [i for unit in document.units for p in unit.projects for i in p.indicators]
    assert asked == indicators and len(indicators) == 2
    assert [(f.project, f.indicator, f.location) for f in findings] == [
        (p.name, i.index, i.annual_location or i.location)
        for unit in document.units
        for p in unit.projects
        for i in p.indicators
    ]
    assert cached["X04"].indicator is None


SEED_TEXTS = sorted(
    Path(__file__).resolve().parent.parent.joinpath("fixtures", "seeds").glob("*.txt")
)
V_CODES = [rule.code for rule in value_quality.RULES]


@pytest.fixture(scope="module")
def seed_documents():
    return [read_bytes(path.read_bytes(), path.name) for path in SEED_TEXTS]


def _raw_findings(engine: Engine, documents) -> list:
    """The per-document rules' findings on ``documents``, before folding."""
    return [finding for document in documents for finding in engine.lint_document(document)]


@pytest.mark.parametrize("code", V_CODES)
def test_a_selected_v_rule_finds_what_it_finds_in_a_full_run(seed_documents, code) -> None:
    full = _raw_findings(build_engine(Config()), seed_documents)
    alone = _raw_findings(build_engine(Config(), select=[code]), seed_documents)
    assert [f for f in full if f.code == code] == alone


def test_the_value_kind_chain_is_not_run_for_rules_outside_it(seed_documents, monkeypatch) -> None:
    value_quality._family_hits.cache_clear()

    def refuse(case):
        raise AssertionError(f"chain run for {case.name}")

    monkeypatch.setattr(value_quality, "_classify", refuse)
    findings = _raw_findings(build_engine(Config(), select=["V07", "V08", "V10"]), seed_documents)
    assert {f.code for f in findings} <= {"V07", "V08", "V10"} and findings
    value_quality._family_hits.cache_clear()

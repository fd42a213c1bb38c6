"""Rule test cases as data (sqlfluff-style): a small table, the rules to run, the findings expected.

A case file ``tests/rule_cases/<family>.toml`` holds ``[[case]]`` tables::

    [[case]]
    id = "V01-vague-annual"
    rules = ["V01"]                       # the rules run for this case
    expect = [{code = "V01", project = 1, indicator = 1, field = "annual_value"}]
    settings = {framework = "legacy"}     # optional engine settings
    options = {D04 = {threshold = 0.9}}   # optional per-rule options
    # Either a whole table in any input format …
    table = '''…'''
    # … or projects in shorthand, rendered to a TSV table (one unit holding every project):
    [[case.projects]]
    name = "综合档案整理工作经费"
    amount = "12.00"                      # optional, default 10.00
    goal = "…"                            # optional
    indicators = [
      {code = "1-产出指标；11-数量指标", name = "人事档案", cycle = "1500卷", annual = "1500卷"},
    ]                                     # omit cycle/annual to leave the label out

``expect`` lists every finding the case's rules must produce (keys: ``code``, ``project`` =
project ordinal, ``indicator`` = index (0 for none on both), ``field``, ``severity``, ``message`` = a
substring, ``folded`` = the codes folded into it, see :mod:`linter.folding`); an empty list means
the case must pass clean. The table goes through the same pipeline as ``jxlint lint``
(:func:`linter.lint.lint_documents`): findings are folded and table notices gathered.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from linter.engine import Engine
from linter.findings import Finding
from linter.lint import lint_documents
from linter.readers import read_bytes
from linter.registry import rule_by_key

CASES_DIR = Path(__file__).resolve().parent / "rule_cases"
HEADER = "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标"


def load_cases() -> list[dict[str, Any]]:
    """Every case of every case file, with its file name attached."""
    cases = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        with open(path, "rb") as handle:
            for case in tomllib.load(handle).get("case", []):
                case["_file"] = path.name
                where = f"{path.name}::{case.get('id')}"
                if "expect" not in case:
                    raise ValueError(f"{where}: no `expect` (put it before [[case.projects]])")
                if any("expect" in project for project in case.get("projects", [])):
                    raise ValueError(f"{where}: `expect` is inside a project; move it up")
                cases.append(case)
    return cases


def indicator_text(number: int, item: dict[str, Any]) -> str:
    """One indicator in the seeds' coded (or, with ``code = ""``, uncoded) form."""
    parts = []
    if item.get("code", "1-产出指标；11-数量指标"):
        parts.append(item.get("code", "1-产出指标；11-数量指标"))
    parts.append(item["name"])
    if "cycle" in item:
        parts.append(f"实施周期指标值：{item['cycle']}")
    if "annual" in item:
        parts.append(f"年度指标值：{item['annual']}")
    return f"{number}、" + "；".join(parts) + "。"


def render_projects(projects: list[dict[str, Any]], unit: str = "测试单位") -> str:
    """A TSV table with one unit holding ``projects`` (amounts add up unless a case says not)."""
    rows = []
    total = Decimal(0)
    for project in projects:
        shown = str(project.get("amount", "10.00"))
        amount = Decimal(shown.replace(",", ""))
        total += amount
        indicators = "".join(
            indicator_text(k, item) for k, item in enumerate(project.get("indicators", []), 1)
        )
        goal = project.get("goal", "保障项目顺利实施。")
        rows.append(f"{project['name']}\t{shown}\t{shown}\t\t\t{goal}\t{indicators}")
    head = [
        "项目支出绩效目标表",
        "部门名称：测试部门",
        "单位：万元",
        HEADER,
        f"合计\t{total:.2f}\t{total:.2f}\t\t\t\t",
        f"{unit}\t{total:.2f}\t{total:.2f}\t\t\t\t",
    ]
    return "\n".join(head + rows) + "\n"


def run_case(case: dict[str, Any]) -> list[Finding]:
    """Lint a case's table with its rules; returns the findings."""
    text = case["table"] if "table" in case else render_projects(case["projects"])
    document = read_bytes(text.encode("utf-8"), f"case-{case['id']}.txt")
    rules = []
    for key in case["rules"]:
        rule = rule_by_key(key)
        assert rule is not None, f"unknown rule {key}"
        options = case.get("options", {}).get(rule.code, {})
        for name, value in options.items():
            assert name in rule.options, f"{rule.code} has no option {name}"
            reason = rule.options[name].check(value)
            assert reason is None, f"{rule.code}.{name} = {value!r}: {reason}"
        rules.append(rule(options))
    engine = Engine(rules, settings=case.get("settings", {}))
    return lint_documents([document], engine).findings


def matches(finding: Finding, expected: dict[str, Any]) -> bool:
    """Whether a finding has every field an expectation names."""
    fields = {
        "code": finding.code,
        "project": finding.project_ordinal or 0,
        "indicator": finding.indicator or 0,
        "field": finding.field,
        "severity": finding.severity.value,
        "folded": [folded.code for folded in finding.folded],
    }
    for key, value in expected.items():
        if key == "message":
            if value not in finding.message:
                return False
        elif fields.get(key) != value:
            return False
    return True


def unmatched(findings: list[Finding], expect: list[dict[str, Any]]) -> tuple[list, list]:
    """Pair expectations with findings; returns what is left over on each side."""
    remaining = list(findings)
    missing = []
    for expected in expect:
        for k, finding in enumerate(remaining):
            if matches(finding, expected):
                del remaining[k]
                break
        else:
            missing.append(expected)
    return missing, remaining

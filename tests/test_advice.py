"""Advice fits the row: examples come from the project's kind and the indicator's measure."""

from __future__ import annotations

from linter.engine import Engine
from linter.readers import read_bytes
from linter.registry import rule_by_key
from tests.casekit import render_projects


def _suggestions(code: str, projects: list[dict]) -> dict[str, str]:
    document = read_bytes(render_projects(projects).encode("utf-8"), "advice.tsv")
    rule = rule_by_key(code)
    findings = Engine([rule()]).lint_document(document)
    return {f.project or "": f.suggestion or "" for f in findings}


ONLY_SATISFACTION = [
    {"code": "3-满意度指标；31-服务对象满意度", "name": "满意度", "cycle": "≥90%", "annual": "≥90%"}
]


def test_missing_quantity_and_cost_examples_fit_the_project_kind() -> None:
    names = ["档案库房租金", "机要保密工作经费", "困难群众临时救助", "业务培训经费", "工作经费"]
    projects = [{"name": name, "indicators": ONLY_SATISFACTION} for name in names]
    quantity, cost = _suggestions("P04", projects), _suggestions("P05", projects)
    assert "平方米" in quantity["档案库房租金"] and "租金" in cost["档案库房租金"]
    assert "完成率" in quantity["机要保密工作经费"] and "卷" not in quantity["机要保密工作经费"]
    assert "补助" in cost["困难群众临时救助"] and "人均公用经费" not in cost["困难群众临时救助"]
    assert "人次" in quantity["业务培训经费"] and "培训费" in cost["业务培训经费"]
    assert "不少于20次" in quantity["工作经费"]
    assert len(set(cost.values())) == len(names)


def test_a_value_hint_fits_what_the_name_measures() -> None:
    vague = "稳中有进"
    indicators = [
        {"code": "1-产出指标；12-质量指标", "name": "验收合格率", "cycle": vague, "annual": vague},
        {"code": "1-产出指标；11-数量指标", "name": "服务人数", "cycle": vague, "annual": vague},
        {"code": "1-产出指标；13-时效指标", "name": "办结时间", "cycle": vague, "annual": vague},
    ]
    document = read_bytes(
        render_projects([{"name": "服务经费", "indicators": indicators}]).encode("utf-8"), "a.tsv"
    )
    rules = [rule_by_key(code)() for code in ("V01", "V05")]
    hints = {f.indicator: f.suggestion for f in Engine(rules).lint_document(document)}
    assert "%" in hints[1] and "不少于20人" in hints[2] and "工作日" in hints[3]

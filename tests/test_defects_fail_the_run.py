"""Defects of a table's shape and money fail the run: a unit without projects (S06) and a
negative amount (A05, also written with a full-width minus) exit 1, as the README's exit codes
promise for any error finding."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from linter.cli import app
from linter.readers import read_bytes

HEADER = "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标"
INDICATOR = "1、1-产出指标：11-数量指标：新购置小车数量；实施周期指标值：1辆；年度指标值：1辆。"

runner = CliRunner()


def lint_table(tmp_path: Path, text: str, *options: str) -> tuple[int, list[dict]]:
    """Run ``jxlint lint`` on ``text`` saved as a table; the exit code and the JSON findings."""
    path = tmp_path / "table.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["lint", str(path), "--format", "json", *options])
    return result.exit_code, json.loads(result.stdout)["findings"]


def test_a_unit_without_projects_fails_the_run(tmp_path) -> None:
    code, findings = lint_table(tmp_path, "合计 10.00 10.00\n单位乙 10.00 10.00\n")
    assert code == 1
    assert [(f["code"], f["severity"], f["unit"]) for f in findings] == [("S06", "error", "单位乙")]
    assert findings[0]["message"] == "单位“单位乙”下没有项目"
    assert findings[0]["location"] == {"line": 2, "column": 1}


def test_a_negative_amount_fails_the_run(tmp_path) -> None:
    table = (
        f"{HEADER}\n合计\t18.00\t20.00\t\t-2.00\n单位\t18.00\t20.00\t\t-2.00\n"
        f"公务用车购置费\t18.00\t20.00\t\t-2.00\t更新一辆公务用车。\t{INDICATOR}\n"
    )
    code, findings = lint_table(tmp_path, table, "--select", "A")
    assert code == 1
    assert [(f["code"], f["field"], f["project"]) for f in findings] == [
        ("A05", "amounts.other", None),
        ("A05", "amounts.other", None),
        ("A05", "amounts.other", "公务用车购置费"),
    ]
    assert "其他资金为负数：-2.00" in findings[2]["message"]


def test_a_full_width_minus_is_read_as_a_negative_amount_and_fails_the_run(tmp_path) -> None:
    table = (
        f"{HEADER}\n合计\t12.00\t12.00\n单位\t12.00\t12.00\n"
        f"公务用车购置费\t－12.00\t－12.00\t\t\t更新一辆公务用车。\t{INDICATOR}\n"
    )
    document = read_bytes(table.encode("utf-8"), "table.txt")
    amounts = document.units[0].projects[0].amounts
    assert float(amounts.total) == -12.0 and float(amounts.fiscal) == -12.0
    assert not [note for note in document.notes if note.kind == "bad-amount"]
    code, findings = lint_table(tmp_path, table, "--select", "A05,S05")
    assert code == 1
    assert [(f["code"], f["field"]) for f in findings] == [
        ("A05", "amounts.total"),
        ("A05", "amounts.fiscal"),
    ]

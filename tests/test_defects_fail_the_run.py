"""Defects of a table's shape and money fail the run: a unit without projects (S06), a table
that was misread (S07) and a negative amount (A05, also written with a full-width minus) exit 1,
as the README's exit codes promise for any error finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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


PROJECTS = ("公务用车购置费", "档案整理经费", "法规宣传经费", "设备购置经费")
TWO_INDICATORS = (
    "1、1-产出指标；11-数量指标；采购数量；实施周期指标值：1台；年度指标值：1台。"
    "2、1-产出指标；12-质量指标；验收合格率；实施周期指标值：100%；年度指标值：100%。"
)


def misread_table(header: str, indicators: str, unit_column: bool = False) -> str:
    """Four projects of one unit under ``header``, each with ``indicators`` in the last cell;
    ``unit_column`` puts the unit's name in a leading column of every project row."""
    rows = [header, "合计\t40.00\t40.00", "某某中心\t40.00\t40.00"]
    lead = "某某中心\t" if unit_column else ""
    rows += [
        f"{lead}{name}\t10.00\t10.00\t\t\t保障项目顺利实施。\t{indicators}" for name in PROJECTS
    ]
    return "\n".join(rows) + "\n"


MISREAD = {
    "goal-column-headed-as-indicators": (
        misread_table(HEADER.replace("绩效目标\t绩效指标", "绩效指标\t备注"), TWO_INDICATORS),
        "4 个项目中有 4 个没有绩效指标（“公务用车购置费”、“档案整理经费”）",
        {"line": 4, "column": 1},
    ),
    "unit-names-under-the-name-header": (
        misread_table(
            HEADER.replace("（资金使用单位）", "（资金使用单位）\t说明"),
            TWO_INDICATORS,
            unit_column=True,
        ),
        "4 个项目中有 4 个名称像单位名称（“某某中心”）",
        {"line": 4, "column": 1},
    ),
    "indicators-numbered-in-chinese": (
        misread_table(HEADER, TWO_INDICATORS.replace("2、", "二、")),
        "4 个项目中有 4 个只读到 1 个指标，而文字里还有未拆开的指标标记",
        {"line": 4, "column": 1},
    ),
}


@pytest.mark.parametrize("case", sorted(MISREAD))
def test_a_misread_table_fails_the_run_with_s07(tmp_path, case) -> None:
    table, said, location = MISREAD[case]
    code, findings = lint_table(tmp_path, table, "--select", "S07")
    assert code == 1
    assert [(f["code"], f["severity"]) for f in findings] == [("S07", "error")]
    assert findings[0]["message"].startswith("读取结果可疑：")
    assert said in findings[0]["message"]
    assert findings[0]["message"].endswith("请检查表头和列的位置")
    assert findings[0]["location"] == location


@pytest.mark.parametrize(
    "table",
    [
        misread_table(HEADER, TWO_INDICATORS),
        misread_table(
            "单位名称\t" + HEADER.replace("（资金使用单位）", ""), TWO_INDICATORS, unit_column=True
        ),
    ],
    ids=["plain", "leading-unit-name-column"],
)
def test_the_same_table_read_right_passes_s07(tmp_path, table) -> None:
    """A leading 单位名称 column beside 项目名称 is the unit's, not the project's name."""
    code, findings = lint_table(tmp_path, table, "--select", "S07")
    assert (code, findings) == (0, [])

"""Reviewed snapshots of the JSON report on each seed, and catalog examples end to end."""

from __future__ import annotations

import pytest

from linter.reporters.json_report import report_to_dict
from tests.conftest import SEEDS, assert_snapshot, lint, relative, seed


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_report_snapshot(path, in_root) -> None:
    report = report_to_dict(lint(relative(path)))
    assert_snapshot(f"lint_{path.name[:3]}", report)


def test_report_is_deterministic(in_root) -> None:
    paths = [relative(p) for p in SEEDS]
    first = report_to_dict(lint(*paths))
    second = report_to_dict(lint(*paths))
    assert first == second


def test_fingerprints_survive_reordering_and_rewrapping(tmp_path) -> None:
    text = seed("001").read_text(encoding="utf-8")
    lines = text.split("\n")
    start = lines.index("外事业务专用经费 5.60 5.60")
    end = lines.index("政务信息工作经费 15.00 15.00")
    block = lines[start:end]
    reordered = lines[:start] + lines[end:] + [""] + block
    rewrapped = [line for line in reordered if line.strip()]
    moved = tmp_path / "moved.txt"
    moved.write_text("\n".join(rewrapped), encoding="utf-8")
    original = {f.fingerprint for f in lint(str(seed("001"))).findings}
    changed = {f.fingerprint for f in lint(str(moved)).findings}
    assert original == changed


CATALOG_EXAMPLES = [
    ("004", "S01", "财务软件运行维护费", 6),
    ("003", "S03", "劳动监察综合执法工作经费", 4),
    ("003", "S03", "劳动监察综合执法工作经费", 5),
    ("004", "S03", "大院办公场所公共设备购置维修及保险等支出", 3),
    ("004", "S04", "财务软件运行维护费", None),
    ("004", "C01", "专班工作经费", 6),
    ("003", "C02", "欠薪应急周转金", 1),
    ("003", "C03", "仲裁办案工作经费", 1),
    ("003", "C03", "仲裁办案工作经费", 3),
    ("003", "C04", "就业补助资金监督检查工作经费", 4),
    ("003", "C06", "购置经费", 4),
    ("004", "V01", "机关大院基础设施维修维护支出", 5),
    ("003", "V01", "事业单位人事综合管理工作经费", 8),
    ("001", "V01", "政务信息工作经费", 4),
    ("003", "V02", "其他行政事业单位医疗支出经费", 3),
    ("003", "V04", "区属转制企业退休干部补贴财政补贴项目", 1),
    ("001", "V06", "外事业务专用经费", 2),
    ("004", "V07", "对外联络、会议及调研专项经费", 1),
    ("003", "V08", "社保工作经费", 1),
    ("000", "V09", "新型冠状病毒肺炎疫情防控专项经费", 6),
    ("003", "V11", "环保培训中心退休人员补助经费", 2),
    ("004", "V12", "文书档案规范化处理入馆项目", 1),
    ("000", "V13", "专职社会与管理咨询服务人员工作经费", 3),
    ("003", "K01", "内部审计工作经费", 1),
    ("004", "K03", "后勤人员专项经费", None),
    ("001", "P04", "外事业务专用经费", None),
    ("003", "N02", "法律顾问服务费", 4),
    ("000", "A01", None, None),
    ("000", "D01", "机构运行辅助经费", None),
    ("000", "G01", "长隆万博商务区专项经费", None),
]


@pytest.mark.parametrize(("prefix", "code", "project", "indicator"), CATALOG_EXAMPLES)
def test_catalog_violation_examples_are_reported(prefix, code, project, indicator) -> None:
    """Each example shows its defect, as a finding or folded into the primary one of its place."""
    findings = lint(str(seed(prefix))).findings
    assert any(
        code in (f.code, *(folded.code for folded in f.folded))
        and (project is None or f.project == project)
        and (indicator is None or f.indicator == indicator)
        for f in findings
    )


CATALOG_PASSES = [
    ("003", "V01", "综合档案整理工作经费", 1),
    ("003", "S03", "综合档案整理工作经费", 1),
    ("003", "K01", "广州追加2023年中央就业补助资金（就业见习补贴）#穗财社[2023]3号", 1),
    ("003", "V03", "车辆购置经费", 1),
    ("000", "V13", "区城市运行指挥中心综合业务经费", 6),
    ("004", "C05", "机关饭堂运行经费", 1),
    ("004", "V02", "区机关大院瓷砖外墙修缮工程前期经费", 2),
    ("004", "K03", "机关饭堂运行经费", None),
    ("004", "V12", "文书档案规范化处理入馆项目", 1),
]


@pytest.mark.parametrize(("prefix", "code", "project", "indicator"), CATALOG_PASSES)
def test_catalog_pass_examples_are_not_reported(prefix, code, project, indicator) -> None:
    findings = lint(str(seed(prefix))).findings
    hits = [
        f
        for f in findings
        if f.code == code
        and f.project == project
        and (indicator is None or f.indicator == indicator)
    ]
    if code == "V12":
        hits = [f for f in hits if f.field == "annual_value"]
    assert hits == []

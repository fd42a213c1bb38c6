"""The HTML report and the per-project scores: structure, escaping, scoring, and the page in Chromium."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from linter.cli import app
from linter.findings import Finding, Severity
from linter.lint import FileStatus, LintResult
from linter.model import Amounts, Document, Indicator, Location, Project, Unit
from linter.registry import all_rules
from linter.reporters.html_report import highlight, render_html
from linter.scoring import (
    DIMENSIONS,
    dimension_of,
    dimension_scores,
    grade_of,
    score_projects,
    worst_first,
)
from tests.browser.chromium import chromium_page, unavailable_reason
from tests.conftest import SEEDS, lint, relative, seed


@pytest.fixture(scope="module")
def seed003() -> LintResult:
    return lint(str(seed("003")))


def finding(code: str, severity: Severity, **fields) -> Finding:
    defaults = {"name": "rule", "message": "message", "path": "t.txt", "location": Location(1, 1)}
    return Finding(code=code, severity=severity, **{**defaults, **fields})


def hostile_result() -> LintResult:
    """A run whose every piece of table text tries to inject markup."""
    bad = '<script>alert("x")</script>'
    indicator = Indicator(
        index=1,
        number=1,
        level1_code="1",
        level1="产出指标",
        level2_code="11",
        level2="数量指标",
        name=f"培训人数{bad}",
        cycle_value='<img src=x onerror="alert(1)">有所提升',
        annual_value="≥100人",
        raw="",
        location=Location(5, 1),
    )
    project = Project(
        name=f"项目{bad}",
        amounts=Amounts(total=Decimal("12.50"), fiscal=Decimal("12.50")),
        goal=f"目标&<b>{bad}</b>",
        indicators=(indicator,),
        location=Location(4, 1),
        ordinal=1,
    )
    unit = Unit(name=f"单位{bad}", amounts=Amounts(total=Decimal("12.50")), location=Location(3, 1),
                projects=(project,))  # fmt: skip
    document = Document(
        path="t.txt",
        format="text",
        department=f"部门{bad}",
        amount_unit="万元",
        total=None,
        units=(unit,),
    )
    context = {"unit": unit.name, "project": project.name, "project_ordinal": 1}
    findings = [
        finding("V01", Severity.warning, indicator=1, field="cycle_value",
                excerpt='<img src=x onerror="alert(1)">有所提升', message=f"含糊{bad}",
                suggestion=f"建议{bad}", **context),
        finding("G01", Severity.info, field="goal", excerpt=f"<b>{bad}</b>", **context),
        finding("A01", Severity.error, unit=unit.name, field="amounts.total", message=f"单位{bad}"),
        finding("S02", Severity.info, message=f"整表{bad}"),
    ]  # fmt: skip
    return LintResult(files=[FileStatus("t.txt", "text")], documents=[document], findings=findings)


# ------------------------------------------------------------------ scoring


def test_every_rule_counts_under_one_of_the_four_dimensions() -> None:
    dimensions = {rule.code: dimension_of(rule.code) for rule in all_rules()}
    assert set(dimensions.values()) == set(DIMENSIONS)
    assert dimensions["S03"] == dimensions["P01"] == dimensions["A01"] == "完整性"
    assert dimensions["C01"] == dimensions["K03"] == dimensions["D02"] == "相关性"
    assert dimensions["K01"] == dimensions["N03"] == dimensions["D04"] == "适当性"
    assert dimensions["V01"] == dimensions["V12"] == dimensions["N01"] == "可行性"
    assert dimension_of("X99") == "完整性"


def test_penalties_per_severity_floor_at_zero() -> None:
    scores = dimension_scores(
        [
            finding("V01", Severity.warning),
            finding("V04", Severity.error),
            finding("C01", Severity.info),
        ]
    )
    assert scores == {"完整性": 25, "相关性": 24, "适当性": 25, "可行性": 14}
    assert dimension_scores([finding("S03", Severity.error)] * 4)["完整性"] == 0


@pytest.mark.parametrize(
    ("score", "grade"), [(100, "优"), (90, "优"), (89, "良"), (75, "良"), (60, "中"), (59, "差")]
)
def test_grades(score: int, grade: str) -> None:
    assert grade_of(score) == grade


def test_project_scores_sum_their_dimensions_and_count_their_findings(seed003) -> None:
    scores = score_projects(seed003)
    assert len(scores) == 69
    in_projects = [f for f in seed003.findings if f.project_ordinal is not None]
    assert sum(len(s.findings) for s in scores) == len(in_projects)
    for score in scores:
        assert score.total == sum(score.dimensions.values())
        assert score.dimensions == dimension_scores(score.findings)
    worst = worst_first(scores)
    assert [s.total for s in worst] == sorted(s.total for s in scores)


# ------------------------------------------------------------------ page structure


def test_every_finding_is_rendered_exactly_once(seed003) -> None:
    page = render_html(seed003)
    ids = re.findall(r'<li class="finding sev-\w+" id="(f-\d+)"', page)
    assert len(ids) == len(set(ids)) == len(seed003.findings)
    rendered = Counter(re.findall(r'<li class="finding sev-(\w+)"', page))
    assert rendered == Counter(f.severity.value for f in seed003.findings)


def test_page_is_self_contained(seed003) -> None:
    page = render_html(seed003)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"<(script|img|iframe)[^>]+src=", page)
    assert not re.search(r"<link[^>]+stylesheet", page)
    urls = set(re.findall(r"https?://[^\s\"'<>]+", page))
    assert urls <= {"http://www.w3.org/2000/svg"}
    assert page.count("<svg") == 5


def test_findings_sit_under_their_indicator_with_the_value_highlighted(seed003) -> None:
    page = render_html(seed003)
    target = next(
        f
        for f in seed003.findings
        if f.code == "V04" and f.project == "区属转制企业退休干部补贴财政补贴项目"
    )
    card = page[page.index(f">{target.project}</h3>") :]
    body = card[: card.index("</tbody>")]
    assert '<mark class="hl-error" data-f="' in body and f">{target.excerpt}</mark>" in body
    assert '<tr class="finding-row">' in body and "V04" in body


def test_worst_projects_lead_with_the_indicator_to_fix(seed003) -> None:
    page = render_html(seed003)
    worst = worst_first(score_projects(seed003))[0]
    section = page[page.index("最需要修改的项目") : page.index("<h2>概览</h2>")]
    first_item = section[section.index('<div class="worst-item">') :]
    assert f">{worst.project.name}</a>" in first_item[:2000]
    assert re.search(r'<a href="#f-\d+"><span class="where">指标 \d+「', first_item)


def test_all_table_text_is_escaped() -> None:
    page = render_html(hostile_result())
    body = page[page.index("<body>") : page.rindex("<script>")]
    assert "<script" not in body and "<img" not in body and "&<b>" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert '<mark class="hl-warning"' in body and "&lt;img src=x onerror=" in body
    assert len(re.findall(r'<li class="finding', body)) == 4


def test_highlight_merges_overlapping_excerpts_and_escapes() -> None:
    first = finding("V01", Severity.warning, excerpt="有所<提升>")
    second = finding("V02", Severity.error, excerpt="<提升>效果")
    html = highlight("整体有所<提升>效果", [("f-1", first), ("f-2", second)])
    assert html == '整体<mark class="hl-error" data-f="f-1 f-2">有所&lt;提升&gt;效果</mark>'
    assert highlight("没有", [("f-1", first)]) == "没有"


def with_twin_unit(result: LintResult) -> LintResult:
    """``result`` with a second, empty unit of the same name as the first."""
    document = result.documents[0]
    twin = replace(document.units[0], location=Location(40, 1), projects=())
    result.documents[0] = replace(document, units=(*document.units, twin))
    return result


def test_units_sharing_a_name_show_their_finding_once() -> None:
    result = with_twin_unit(hostile_result())
    page = render_html(result)
    assert len(re.findall(r'<li class="finding', page)) == len(result.findings)


def test_a_run_with_nothing_read_still_renders() -> None:
    result = LintResult(files=[FileStatus("broken.txt", None, "broken.txt: 空文件")])
    page = render_html(result)
    assert "broken.txt: 空文件" in page and "没有发现问题" in page


def test_unreadable_files_are_listed(tmp_path) -> None:
    result = hostile_result()
    result.files.append(FileStatus("broken.txt", None, "broken.txt: 不是绩效目标表"))
    assert "broken.txt: 不是绩效目标表" in render_html(result)


def test_cli_writes_the_html_report(in_root, tmp_path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        app, ["lint", relative(seed("001")), "--format", "html", "--output", str(out)]
    )
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# ------------------------------------------------------------------ in Chromium

BROWSER_MISSING = unavailable_reason()


@pytest.mark.skipif(BROWSER_MISSING is not None, reason=BROWSER_MISSING or "")
def test_report_works_in_headless_chromium(seed003, tmp_path) -> None:
    report = tmp_path / "report.html"
    report.write_text(render_html(seed003), encoding="utf-8")
    total = len(seed003.findings)
    infos = seed003.count(Severity.info)
    problems, requests = [], []
    with chromium_page() as page:
        page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("request", lambda r: r.url.startswith(("file:", "data:")) or requests.append(r.url))
        page.goto(report.as_uri())
        page.wait_for_selector("body[data-ready='1']")

        assert page.locator("li.finding").count() == total
        assert page.locator("li.finding:visible").count() == total
        assert page.locator(".charts svg").count() == 5
        assert page.locator(".charts svg rect").count() > 20
        box = page.locator(".charts svg").first.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 100

        page.locator("label.chip", has_text="提示").click()
        assert page.locator("#hidden-count").inner_text() == str(infos)
        assert page.locator("li.finding:visible").count() == total - infos
        page.locator("label.chip", has_text="指标值").click()
        v_not_info = sum(
            1 for f in seed003.findings if f.family == "V" and f.severity is not Severity.info
        )
        assert page.locator("#hidden-count").inner_text() == str(infos + v_not_info)
        page.click("#reset")
        assert page.locator("#hidden-count").inner_text() == "0"

        page.fill("#search", "欠薪应急周转金")
        assert page.locator("section.card:visible").count() == 1
        assert page.locator("table.scores tbody tr:visible").count() == 1
        page.fill("#search", "没有这个项目ＸＹＺ")
        assert page.locator("section.card:visible").count() == 0
        assert page.locator("#no-result").is_visible()
        page.fill("#search", "")
        assert page.locator("section.card:visible").count() == 69

        score_header = page.locator("table.scores th", has_text="得分").first
        score_header.click()
        scores = [int(v) for v in page.locator("table.scores tbody tr td:nth-child(4)")
                  .evaluate_all("cells => cells.map(c => c.dataset.v)")]  # fmt: skip
        assert scores == sorted(scores)
        score_header.click()
        first = page.locator("table.scores tbody tr td:nth-child(4)").first.get_attribute("data-v")
        assert int(first or 0) == max(scores)

        page.locator(".worst-item .fix a").first.click()
        jumped = page.locator("li.finding.jump")
        assert jumped.count() == 1 and jumped.is_visible()
        page.screenshot(path=str(tmp_path / "report-003.png"))

        page.emulate_media(media="print")
        assert not page.locator(".toolbar").is_visible()
        assert page.locator("li.finding:visible").count() == total
    assert problems == []
    assert requests == []
    assert (tmp_path / "report-003.png").stat().st_size > 10_000


def test_report_of_all_seeds_stays_small() -> None:
    page = render_html(lint(*(str(p) for p in SEEDS)))
    assert len(page.encode("utf-8")) < 3_000_000

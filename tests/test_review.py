"""The reviewer's answer: rules' opinions, per-project opinions and results, ``jxlint.review/1``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from linter.cli import app
from linter.findings import Finding, Severity
from linter.opinions import OPINIONS
from linter.registry import all_rules
from linter.reporters.review_report import render_review
from linter.review import opinion_of_code, opinions_of, review_result, review_to_dict
from linter.scoring import check_grades, grade_of
from tests.conftest import ROOT, SEEDS, lint, seed

SCHEMA = json.loads((ROOT / "docs" / "review.schema.json").read_text(encoding="utf-8"))
runner = CliRunner()


@pytest.fixture(scope="module")
def result_003():
    return lint(str(seed("003")))


def test_every_builtin_rule_declares_its_opinion() -> None:
    """Each rule of the catalog sets ``opinion`` itself (not the base class's 其他), and when its
    docstring cites opinions (``op#6/#7``) the declared one is among them."""
    for rule in all_rules():
        declared = [
            k for k in rule.__mro__ if "opinion" in vars(k) and k.__module__ != "linter.engine"
        ]
        assert declared, f"{rule.code} declares no opinion"
        assert rule.opinion in OPINIONS
        cited = {
            int(n)
            for n in re.findall(r"(?:op)?#(\d+)", " ".join(re.findall(r"op#[\d/#]+", rule.doc())))
        }
        if cited:
            assert rule.opinion in cited, (rule.code, rule.opinion, cited)


def test_rules_and_explain_show_the_opinion() -> None:
    listing = runner.invoke(app, ["rules"]).output
    assert re.search(r"^V09 .* op#5  建议拆分指标 ", listing, re.M)
    assert re.search(r"^P03 .* op#10 建议增加满意度指标 ", listing, re.M)
    payload = json.loads(runner.invoke(app, ["rules", "--format", "json"]).output)
    assert {row["code"]: row["opinion"] for row in payload}["C07"] == 3
    assert (
        "审核意见 (review opinion): op#2 指标不够细化、量化"
        in runner.invoke(app, ["explain", "V01"]).output
    )


def _finding(code: str, severity: Severity, indicator: int | None, suggestion: str) -> Finding:
    return Finding(
        code,
        code.lower(),
        severity,
        "消息",
        "t.txt",
        None,
        suggestion,
        None,
        "单位",
        "项目",
        1,
        indicator,
        f"指标名{indicator}" if indicator else None,
    )


def test_info_findings_never_make_an_opinion_alone_but_join_one() -> None:
    codes = {"V08": 2, "V01": 2, "V10": 2, "N03": 11, "P03": 10}
    alone = [
        _finding("V08", Severity.info, 1, "去掉约数。"),
        _finding("N03", Severity.info, 2, "x"),
    ]
    assert opinions_of(alone, codes) == ()
    joined = opinions_of(
        [*alone, _finding("V01", Severity.warning, 3, "写明目标值；或分档")], codes
    )
    (opinion,) = joined
    assert opinion.number == 2 and opinion.weight == 3 + 1 and opinion.findings == 2
    assert opinion.indicators == ((1, "指标名1"), (3, "指标名3"))
    assert opinion.advice == "指标3“指标名3”：写明目标值；或分档。"


def test_opinions_come_heaviest_first_and_advice_follows_the_most_severe() -> None:
    codes = {"V01": 2, "V04": 2, "P03": 10, "C07": 3}
    found = [
        _finding("P03", Severity.warning, None, "增加满意度指标。另一句"),
        _finding("C07", Severity.warning, 1, "改用产出指标"),
        _finding("C07", Severity.warning, 2, "改用产出指标"),
        _finding("V01", Severity.warning, 3, "写明目标值"),
        _finding("V04", Severity.error, 4, "填写实际目标值"),
    ]
    opinions = opinions_of(found, codes)
    assert [(o.number, o.weight) for o in opinions] == [(2, 11), (3, 6), (10, 3)]
    assert opinions[0].advice == "指标4“指标名4”：填写实际目标值。"
    assert opinions[0].codes == ("V01", "V04") and opinions[0].severity is Severity.error
    assert opinions[2].advice == "增加满意度指标。" and opinions[2].indicators == ()


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_review_json_follows_its_schema_and_the_findings(path: Path) -> None:
    """On every seed: the document validates against docs/review.schema.json, every project is
    there once, and each opinion is the declared opinion of a warning or error on its project."""
    result = lint(str(path))
    files = review_result(result)
    data = review_to_dict(result, files)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["summary"]["projects"] == len(result.documents[0].projects())
    opinions = opinion_of_code()
    for project in data["files"][0]["projects"]:
        found = [f for f in result.findings if f.project_ordinal == project["project_ordinal"]]
        raised = {opinions[f.code] for f in found if f.severity is not Severity.info}
        assert {o["opinion"] for o in project["opinions"]} == raised
        weights = [o["weight"] for o in project["opinions"]]
        assert weights == sorted(weights, reverse=True)
        if project["capped_by"] is None:
            assert project["result"] == grade_of(project["score"])
        else:
            assert project["result"] == "中" and grade_of(project["score"]) in ("优", "良")
            assert any(
                f.code == project["capped_by"] and f.severity is Severity.error for f in found
            )


def test_a_project_without_benefit_indicators_is_at_best_zhong() -> None:
    """Seed 001's 外事业务专用经费 scores 79 (良) but has no 效益指标 (P02, an error): a
    reviewer returns it, so its result is 中 and says why; warnings alone never cap."""
    (review,) = review_result(lint(str(seed("001"))))
    by_name = {p.name: p for p in review.projects}
    project = by_name["外事业务专用经费"]
    assert (project.score, project.result, project.capped_by) == (79, "中", "P02")
    assert "79 分，未设效益指标，至多为中，修改后重报" in render_review(lint(str(seed("001"))))
    assert by_name["政务信息工作经费"].capped_by is None
    assert all(
        p.capped_by is None
        for p in review.projects
        if not any(o.number == 8 and o.severity is Severity.error for o in p.opinions)
    )
    (twin,) = [p for p in review_result(lint(str(seed("000"))))[0].projects if p.ordinal == 12]
    assert (twin.name, twin.score, twin.result, twin.capped_by) == (
        "机构运行辅助经费",
        92,
        "中",
        "D01",
    )


def test_grades_are_configurable_and_validated(tmp_path: Path, result_003) -> None:
    strict = review_result(result_003, (99, 98, 97))
    assert {p.result for p in strict[0].projects} <= {"差", "中", "优"}
    assert sum(p.result == "差" for p in strict[0].projects) > 60
    assert check_grades([90, 75, 60]) is None
    for bad in ([90, 75], [60, 75, 90], [101, 75, 60], [90.5, 75, 60], "90"):
        assert check_grades(bad) is not None
    table = tmp_path / "t.txt"
    table.write_bytes(seed("001").read_bytes())
    config = tmp_path / "jxlint.toml"
    config.write_text("[review]\ngrades = [100, 99, 98]\n", encoding="utf-8")
    out = runner.invoke(app, ["review", str(table), "-f", "json"]).output
    assert json.loads(out)["grades"] == {"优": 100, "良": 99, "中": 98, "差": 0}
    config.write_text("[review]\ngrades = [60, 75, 90]\n", encoding="utf-8")
    bad = runner.invoke(app, ["review", str(table)])
    assert bad.exit_code == 2 and "jxlint.toml:2" in bad.output and "review.grades" in bad.output
    config.write_text("[review]\ngrade = [90, 75, 60]\n", encoding="utf-8")
    assert "没有选项 “grade”" in runner.invoke(app, ["review", str(table)]).output
    config.write_text("max-per-rule = -1\n", encoding="utf-8")
    assert runner.invoke(app, ["lint", str(table)]).exit_code == 2


def test_max_per_rule_from_the_config_caps_the_text_report(tmp_path: Path) -> None:
    table = tmp_path / "t.txt"
    table.write_bytes(seed("003").read_bytes())
    (tmp_path / "jxlint.toml").write_text("max-per-rule = 1\n", encoding="utf-8")
    capped = runner.invoke(app, ["lint", str(table), "--color", "never"]).output
    (tmp_path / "jxlint.toml").write_text("max-per-rule = 0\n", encoding="utf-8")
    full = runner.invoke(app, ["lint", str(table), "--color", "never"]).output
    assert "列出前 1 条" in capped and "列出前" not in full
    assert len(capped.splitlines()) < len(full.splitlines())


def test_review_text_lists_every_project_with_its_result(result_003) -> None:
    text = render_review(result_003)
    projects = result_003.documents[0].projects()
    assert len(re.findall(r"^      结果：[优良中差]（\d+ 分，", text, re.M)) == len(projects)
    assert re.search(r"^审核结果：优 \d+，良 \d+，中 \d+，差 \d+（共 69 个项目）$", text, re.M)
    first = text.split("\n  2. ")[0]
    assert (
        "1. 产业人才发展专项资金" in first and "指标与项目的相关性不够（op#3；C07、K02）" in first
    )


def test_review_command_formats_and_binary_needs_output(in_root, tmp_path: Path) -> None:
    path = str(seed("001").relative_to(ROOT))
    text = runner.invoke(app, ["review", path, "--color", "never"])
    assert text.exit_code == 0 and "审核结果：" in text.output
    data = json.loads(runner.invoke(app, ["review", path, "-f", "json"]).output)
    assert data["schema"] == "jxlint.review/1"
    assert runner.invoke(app, ["review", path, "-f", "docx"]).exit_code == 2
    lint_format = runner.invoke(app, ["lint", path, "--format", "review", "--color", "never"])
    assert lint_format.output == text.output


def test_docx_letter_has_a_section_per_unit_and_project(result_003) -> None:
    """The letter opens with python-docx; each unit is a heading 1, each project a heading 2
    with its result and opinions, and its table lists exactly the indicators to fix."""
    import io

    import docx

    from linter.reporters.review_docx import render_docx

    (review,) = review_result(result_003)
    letter = docx.Document(io.BytesIO(render_docx(result_003)))
    headings = [
        (p.style.name, p.text) for p in letter.paragraphs if p.style.name.startswith("Head")
    ]
    units = [text for style, text in headings if style == "Heading 1"]
    projects = [text for style, text in headings if style == "Heading 2"]
    assert [u.split("、", 1)[1] for u in units] == [unit for unit, _ in review.units()]
    assert len(projects) == len(review.projects)
    assert projects[0] == "1. 产业人才发展专项资金（3,985.50万元）"
    with_fix = [p for p in review.projects if p.fix]
    assert len(letter.tables) == len(with_fix)
    for table, project in zip(letter.tables, with_fix, strict=True):
        assert [row.cells[0].text for row in table.rows[1:]] == [str(f.index) for f in project.fix]
    text = "\n".join(p.text for p in letter.paragraphs)
    assert text.count("审核结果：") == len(review.projects)
    assert "意见1：指标与项目的相关性不够（指标3“资金实际支出率”" in text


def test_linting_does_not_import_python_docx(in_root) -> None:
    """The Word letter's dependency is imported only when a letter is written."""
    import subprocess
    import sys

    code = (
        "import sys; from linter.cli import main; sys.argv=['jxlint','review',"
        f"'{seed('001').relative_to(ROOT)}','-f','json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('docx' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stderr.strip().endswith("False")


RENDERED = ("wide.xlsx", "long.xlsx", "xls", "calc.pdf", "writer.pdf", "docx")
"""The renderings of each seed under fixtures/rendered (see fixtures/make_fixtures.py)."""


def _review_of(path: Path) -> list[dict]:
    (review,) = review_result(lint(str(path)))
    return [project.to_dict() for project in review.projects]


@pytest.fixture(scope="module")
def seed_reviews() -> dict[str, list[dict]]:
    return {path.name[:3]: _review_of(path) for path in SEEDS}


@pytest.mark.parametrize("rendering", RENDERED)
@pytest.mark.parametrize("number", [path.name[:3] for path in SEEDS])
def test_opinions_are_the_same_in_every_format_of_a_table(seed_reviews, number, rendering) -> None:
    """The same table as text, Excel, Word or PDF gets the same review: per project the same
    result and score, the same opinions (rules, weights, indicators, advice) and the same
    indicators to fix."""
    rendered = _review_of(ROOT / "fixtures" / "rendered" / f"{number}.{rendering}")
    expected = seed_reviews[number]
    assert len(rendered) == len(expected)
    for got, want in zip(rendered, expected, strict=True):
        assert got == want, (number, rendering, want["project"])
    assert any(project["opinions"] for project in expected)


def test_workbook_opinions_sheet_has_a_row_per_project_as_the_review(result_003) -> None:
    """The workbook's 审核意见 sheet: one row per project with the result and, one line each,
    the same opinions, indicators and advice as ``jxlint review``."""
    import io

    import openpyxl

    from linter.reporters.xlsx_report import OPINIONS_SHEET, render_xlsx

    (review,) = review_result(result_003)
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(result_003)))[OPINIONS_SHEET]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(review.projects)
    header = [cell.value for cell in sheet[1]]
    column = {name: k for k, name in enumerate(header)}
    for row, project in zip(rows, review.projects, strict=True):
        assert (row[column["项目序号"]], row[column["项目名称"]]) == (project.ordinal, project.name)
        assert (row[column["审核结果"]], row[column["得分"]]) == (project.result, project.score)
        if not project.opinions:
            assert row[column["审核意见"]] == "无" and not row[column["修改建议"]]
            continue
        labels = [line.split(". ", 1)[1] for line in row[column["审核意见"]].split("\n")]
        assert labels == [o.label for o in project.opinions]
        advice = [line.split(". ", 1)[1] for line in row[column["修改建议"]].split("\n")]
        assert advice == [o.advice for o in project.opinions]


def test_html_report_has_the_opinions_column_and_section(result_003) -> None:
    """The HTML page: a 审核意见 column in the score table and a 审核意见 section listing every
    project's result and opinions as the review gives them."""
    from linter.reporters.html_report import render_html

    (review,) = review_result(result_003)
    page = render_html(result_003)
    section = page.split('<h2 id="opinions">审核意见</h2>', 1)[1].split("</table>", 1)[0]
    rows = section.split("<tr><td>")[1:]
    assert len(rows) == len(review.projects)
    for row, project in zip(rows, review.projects, strict=True):
        assert f"<small>{project.result}</small>" in row
        assert re.findall(r"<li class=\"sev-\w+\"><b>([^<]+)</b>", row) == [
            o.label for o in project.opinions
        ]
    assert page.count('<td class="opinion-cell"') == len(review.projects)
    strict = render_html(result_003, grades=(99, 98, 97))
    assert "优 ≥ 99，良 ≥ 98，中 ≥ 97" in strict


def test_indicators_copied_from_another_project_come_first_and_concern_all() -> None:
    """Seed 004's 后勤人员专项经费 (canteen staff wages) carries another project's 社保 indicators
    (K03): the reviewer's first opinion is 相关性不够 about every indicator, not the six
    per-indicator category slips (C05) of indicators that are to be replaced anyway."""
    (review,) = review_result(lint(str(seed("004"))))
    (project,) = [p for p in review.projects if p.name == "后勤人员专项经费"]
    first = project.opinions[0]
    assert first.number == 3 and "K03" in first.codes
    assert [index for index, _ in first.indicators] == list(range(1, 12))
    assert first.advice.startswith("按本项目的绩效目标重新设置指标")
    assert {fix.index for fix in project.fix if 3 in fix.opinions} == set(range(1, 12))
    (review_003,) = review_result(lint(str(seed("003"))))
    (copied,) = [p for p in review_003.projects if p.name == "事业单位医疗经费"]
    assert copied.opinions[0].number == 3 and "D02" in copied.opinions[0].codes
    assert copied.opinions[0].advice.startswith("按本项目的实际产出和效果重新设置指标")


def test_docs_table_of_opinions_matches_the_rules() -> None:
    """docs/review.md lists, per opinion, exactly the built-in rules that declare it."""
    text = (ROOT / "docs" / "review.md").read_text(encoding="utf-8")
    documented: dict[str, int] = {}
    for number, wording, codes in re.findall(r"^\| (\d+) \| ([^|]+) \| ([^|]+) \|$", text, re.M):
        assert OPINIONS[int(number)] == wording.strip()
        for first, last in re.findall(r"([A-Z]\d\d)(?:–([A-Z]\d\d))?", codes):
            span = range(int(first[1:]), int((last or first)[1:]) + 1)
            documented.update({f"{first[0]}{n:02d}": int(number) for n in span})
    assert documented == opinion_of_code()


def _writer_available() -> bool:
    """Whether LibreOffice with its Writer component (needed to convert a .docx) is installed."""
    import shutil

    soffice = shutil.which("soffice")
    if soffice is None:
        return False
    program = Path(soffice).resolve().parent
    return any(program.glob("libswlo.so*")) or any(program.glob("swriter*"))


@pytest.mark.skipif(not _writer_available(), reason="LibreOffice Writer is not installed")
def test_docx_letter_converts_to_pdf_with_libreoffice(tmp_path: Path) -> None:
    """The letter of seed 001 converts to PDF with LibreOffice headless (as docs/review.md does
    for the picture of seed 003's first page), and the PDF holds every project's name."""
    import subprocess

    import pdfplumber

    from linter.reporters.review_docx import render_docx

    result = lint(str(seed("001")))
    letter = tmp_path / "letter.docx"
    letter.write_bytes(render_docx(result))
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(letter)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    with pdfplumber.open(tmp_path / "letter.pdf") as pdf:
        text = "".join((page.extract_text() or "") for page in pdf.pages).replace("\n", "")
    assert "项目支出绩效目标审核意见" in text
    for project in result.documents[0].projects():
        assert project.name in text

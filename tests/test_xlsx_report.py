"""The review workbook read back with openpyxl: rows, comments, fills, links and the summary."""

from __future__ import annotations

import io
import sys
from collections import Counter

import openpyxl
import pytest
from typer.testing import CliRunner

from linter.cli import app
from linter.findings import Severity
from linter.lint import FileStatus, LintResult
from linter.reporters import ReportError, write_atomically
from linter.reporters.xlsx_report import (
    COLUMN,
    FILLS,
    FINDINGS_SHEET,
    REVIEW_SHEET,
    SUMMARY_SHEET,
    cell_name,
    render_xlsx,
)
from linter.scoring import score_projects
from tests.conftest import SEEDS, lint, relative, seed
from tests.test_html_report import hostile_result, with_twin_unit


@pytest.fixture(scope="module")
def run() -> LintResult:
    return lint(*(str(p) for p in SEEDS))


@pytest.fixture(scope="module")
def workbook(run):
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(run)))


def fill_of(cell) -> str:
    return "#" + str(cell.fill.fgColor.rgb)[-6:].upper()


def test_cell_names() -> None:
    assert [cell_name(0, 0), cell_name(4, 25), cell_name(9, 26), cell_name(0, 702)] == [
        "A1",
        "Z5",
        "AA10",
        "AAA1",
    ]


def test_sheets_and_one_row_per_indicator(run, workbook) -> None:
    assert workbook.sheetnames == [REVIEW_SHEET, FINDINGS_SHEET, SUMMARY_SHEET]
    sheet = workbook[REVIEW_SHEET]
    projects = [p for d in run.documents for p in d.projects()]
    expected = (
        len(run.documents)
        + sum(len(d.units) for d in run.documents)
        + sum(max(1, len(p.indicators)) for p in projects)
    )
    assert sheet.max_row == 1 + expected
    header = [cell.value for cell in sheet[1]]
    assert header[COLUMN["一级指标"]] == "一级指标" and header[COLUMN["年度指标值"]] == "年度指标值"
    indicator_rows = [
        row for row in sheet.iter_rows(min_row=2, values_only=True) if row[COLUMN["指标序号"]]
    ]
    assert len(indicator_rows) == sum(len(p.indicators) for p in projects)


def test_every_finding_is_a_comment_on_a_cell_filled_by_severity(run, workbook) -> None:
    sheet = workbook[REVIEW_SHEET]
    commented = [cell for row in sheet.iter_rows() for cell in row if cell.comment]
    blocks = [block for cell in commented for block in cell.comment.text.split("\n\n")]
    assert len(blocks) == len(run.findings)
    assert Counter(block.split("\n", 1)[0] for block in blocks) == Counter(
        f"【{f.severity.label}】{f.code} {f.name}" for f in run.findings
    )
    labels = {s.label: s for s in Severity}
    for cell in commented:
        severities = [labels[b[1:3]] for b in cell.comment.text.split("\n\n")]
        worst = max(severities, key=lambda s: s.rank)
        assert fill_of(cell) == FILLS[worst], cell.coordinate
        assert cell.comment.author == "jxlint"
    plain = [cell for row in sheet.iter_rows(min_row=2) for cell in row if not cell.comment]
    assert all(fill_of(cell) not in FILLS.values() for cell in plain)


def test_placeholder_value_is_commented_on_its_cycle_value_cell(workbook) -> None:
    sheet = workbook[REVIEW_SHEET]
    row = next(
        row
        for row in sheet.iter_rows(min_row=2)
        if row[COLUMN["项目名称"]].value == "区属转制企业退休干部补贴财政补贴项目"
        and row[COLUMN["指标序号"]].value == 1
    )
    cell = row[COLUMN["实施周期指标值"]]
    assert cell.value == "标准：控制数"
    assert "V04" in cell.comment.text and "占位符" in cell.comment.text
    assert fill_of(cell) == FILLS[Severity.error]


def test_unit_subtotal_is_commented_on_the_unit_total(workbook, run) -> None:
    sheet = workbook[REVIEW_SHEET]
    a01 = next(f for f in run.findings if f.code == "A01")
    row = next(
        row
        for row in sheet.iter_rows(min_row=2)
        if row[COLUMN["资金使用单位"]].value == a01.unit and row[COLUMN["项目名称"]].value is None
    )
    assert "A01" in row[COLUMN["总计"]].comment.text


def test_findings_sheet_links_each_finding_to_its_cell(run, workbook) -> None:
    review = workbook[REVIEW_SHEET]
    sheet = workbook[FINDINGS_SHEET]
    assert sheet.max_row == 1 + len(run.findings)
    header = [cell.value for cell in sheet[1]]
    link_column = header.index("审核表单元格")
    for row, finding in zip(sheet.iter_rows(min_row=2), run.findings, strict=True):
        link = row[link_column].hyperlink
        assert link is not None and link.location.startswith(f"'{REVIEW_SHEET}'!")
        target = review[link.location.split("!", 1)[1]]
        assert f"{finding.code} {finding.name}\n{finding.message}" in target.comment.text
        assert row[header.index("问题")].value == finding.message
        assert fill_of(row[header.index("级别")]) == FILLS[finding.severity]


def test_summary_counts_per_rule_and_per_project(run, workbook) -> None:
    rows = list(workbook[SUMMARY_SHEET].iter_rows(values_only=True))
    per_rule = Counter()
    for row in rows:
        if row[0] and len(str(row[0])) == 3 and isinstance(row[4], int):
            per_rule[(row[0], row[2])] += row[4]
    assert per_rule == Counter((f.code, f.severity.label) for f in run.findings)
    start = next(i for i, row in enumerate(rows) if str(row[0]).startswith("按项目统计"))
    projects = [row for row in rows[start + 2 :] if row[0]]
    scores = score_projects(run)
    assert [(row[1], row[4]) for row in projects] == [(s.project.name, s.total) for s in scores]


def comment_blocks(data: bytes) -> list[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(data))[REVIEW_SHEET]
    return [
        block
        for row in sheet.iter_rows()
        for cell in row
        if cell.comment
        for block in cell.comment.text.split("\n\n")
    ]


def test_hostile_text_and_twin_units_keep_one_comment_per_finding() -> None:
    result = with_twin_unit(hostile_result())
    blocks = comment_blocks(render_xlsx(result))
    assert len(blocks) == len(result.findings)
    assert any('含糊<script>alert("x")</script>' in block for block in blocks)


def test_a_run_with_nothing_read_still_writes_a_workbook() -> None:
    result = LintResult(files=[FileStatus("broken.txt", None, "broken.txt: 空文件")])
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(result)))
    rows = list(workbook[SUMMARY_SHEET].iter_rows(values_only=True))
    assert ("broken.txt", "broken.txt: 空文件") in [row[:2] for row in rows]


def test_missing_xlsxwriter_names_the_extra(run, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)
    with pytest.raises(ReportError, match=r"pip install 'jxlint\[xlsx\]'"):
        render_xlsx(run)


def test_cli_requires_output_for_the_workbook(in_root, tmp_path) -> None:
    runner = CliRunner()
    refused = runner.invoke(app, ["lint", relative(seed("001")), "--format", "xlsx"])
    assert refused.exit_code == 2 and "--output" in refused.output
    out = tmp_path / "review.xlsx"
    written = runner.invoke(app, ["lint", relative(seed("001")), "-f", "xlsx", "-o", str(out)])
    assert written.exit_code == 1
    assert openpyxl.load_workbook(out).sheetnames[0] == REVIEW_SHEET


def test_write_atomically_writes_bytes_and_text(tmp_path) -> None:
    path = tmp_path / "out.bin"
    write_atomically(str(path), b"PK\x03\x04\xff")
    assert path.read_bytes() == b"PK\x03\x04\xff"
    write_atomically(str(path), "文本\n")
    assert path.read_bytes() == "文本\n".encode()

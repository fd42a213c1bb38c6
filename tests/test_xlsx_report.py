"""The review workbook read back with openpyxl: rows, comments, fills, links and the summary."""

from __future__ import annotations

import io
import os
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from linter.cli import app
from linter.findings import Severity
from linter.lint import FileStatus, LintResult
from linter.model import AMOUNT_FIELDS
from linter.reporters import ReportError, write_atomically
from linter.reporters.xlsx_report import (
    AMOUNT_LABELS,
    CHECK_SHEET,
    COLUMN,
    FILLS,
    FINDINGS_SHEET,
    OPINIONS_SHEET,
    REVIEW_SHEET,
    SUMMARY_SHEET,
    cell_name,
    render_xlsx,
)
from linter.scoring import score_projects
from tests.conftest import SEEDS, lint, relative, seed
from tests.test_hostile import HOSTILE_NAMES, jxlint
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
    assert workbook.sheetnames == [
        REVIEW_SHEET,
        FINDINGS_SHEET,
        SUMMARY_SHEET,
        OPINIONS_SHEET,
        CHECK_SHEET,
    ]
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


def real_totals(run: LintResult) -> list[Decimal]:
    """Each amount column summed over every project of the run, exactly."""
    projects = [p for d in run.documents for p in d.projects()]
    return [
        sum((getattr(p.amounts, name) or Decimal(0) for p in projects), Decimal(0))
        for name in AMOUNT_FIELDS
    ]


def test_each_amount_column_of_the_review_sums_to_the_projects_real_totals(run, workbook) -> None:
    """A project's amounts are counted once: not repeated per indicator, no subtotals summed."""
    sheet = workbook[REVIEW_SHEET]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    for label, expected in zip(AMOUNT_LABELS, real_totals(run), strict=True):
        numbers = [r[COLUMN[label]] for r in rows if isinstance(r[COLUMN[label]], (int, float))]
        assert round(Decimal(sum(numbers)), 2) == expected, label
    for row in rows:
        repeated = row[COLUMN["指标序号"]] is not None and row[COLUMN["指标序号"]] > 1
        if repeated:
            assert all(row[COLUMN[label]] is None for label in AMOUNT_LABELS)
    unit = next(u for d in run.documents for u in d.units if u.amounts.total is not None)
    unit_row = next(r for r in rows if r[COLUMN["资金使用单位"]] == unit.name and not r[2])
    assert unit_row[COLUMN["总计"]] == f"{unit.amounts.total:,.2f}"


def test_check_sheet_lists_each_project_once_and_sums_with_formulas(run) -> None:
    data = render_xlsx(run)
    formulas = openpyxl.load_workbook(io.BytesIO(data))[CHECK_SHEET]
    cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True)[CHECK_SHEET]
    projects = [(d, u, p) for d in run.documents for u in d.units for p in u.projects]
    header = [cell.value for cell in formulas[1]]
    assert header == ["文件", "资金使用单位", "项目序号", "项目名称", *AMOUNT_LABELS]
    assert formulas.max_row == 1 + len(projects) + 1
    rows = list(cached.iter_rows(min_row=2, max_row=1 + len(projects), values_only=True))
    for row, (document, unit, project) in zip(rows, projects, strict=True):
        assert row[:4] == (document.path, unit.name, project.ordinal, project.name)
        assert row[4:] == tuple(None if v is None else float(v) for v in project.amounts.figures())
    last = 1 + len(projects)
    total_row = formulas.max_row
    for offset, expected in enumerate(real_totals(run)):
        column = 4 + offset
        letter = cell_name(0, column)[:-1]
        assert formulas.cell(total_row, column + 1).value == f"=SUM({letter}2:{letter}{last})"
        assert round(Decimal(cached.cell(total_row, column + 1).value), 2) == expected


def test_every_sheet_prints_landscape_one_page_wide_with_its_header(workbook) -> None:
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert str(setup.paperSize) == "9", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert setup.fitToWidth in (None, 1), sheet.title  # 1 is the default, left out
        assert setup.fitToHeight == 0, sheet.title
        if sheet.title != SUMMARY_SHEET:
            assert sheet.print_title_rows == "$1:$1", sheet.title
            assert sheet.row_dimensions[1].height == 30, sheet.title
    widths = [
        workbook[REVIEW_SHEET].column_dimensions[cell_name(0, c)[:-1]].width
        for c in range(len(COLUMN))
    ]
    assert all(4 < width <= 40 for width in widths)


def test_hostile_file_names_are_written_escaped_in_the_workbook(tmp_path) -> None:
    directory = tmp_path / "names"
    directory.mkdir()
    for name in HOSTILE_NAMES:
        raw = name if isinstance(name, bytes) else name.encode("utf-8")
        Path(os.fsdecode(bytes(directory) + b"/" + raw)).write_bytes(seed("001").read_bytes())
    out = tmp_path / "review.xlsx"
    run = jxlint("lint", str(directory), "-f", "xlsx", "-o", str(out), timeout=60)
    assert run.returncode == 1, run.stderr
    book = openpyxl.load_workbook(out)
    texts = [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    names = [text for text in texts if ".txt" in text]
    assert names and not [t for t in names if any(c in t for c in "\x07\x1b\u202e\n\udcff")]
    assert any("new\\nline.txt" in t for t in names)
    assert any("esc\\x1b[2Jbell\\x07.txt" in t for t in names)
    assert any("bad\\udcff.txt" in t for t in names)

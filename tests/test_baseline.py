"""Baselines: writing, reading, matching by fingerprint with multiplicity, surviving re-exports.

The adoption story of the issue, end to end: write a baseline from seed 001 (a text dump), export
the same table as TSV (projects in another order), lint it with the baseline → no new finding;
change one value → exactly that value's findings appear.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

import linter.reporters
from linter.baseline import (
    BASELINE_SCHEMA,
    Baseline,
    BaselineEntry,
    BaselineFilter,
    BaselineSummary,
    load_baseline,
    render_baseline,
)
from linter.cli import app
from linter.errors import InputError
from linter.findings import Finding, Severity
from linter.lint import FileStatus
from linter.model import Amounts, Document, Location
from linter.readers import read_document
from linter.readers.common import COLUMN_HEADERS
from tests.conftest import lint, relative, seed

runner = CliRunner()
HEADER = COLUMN_HEADERS


def _money(amounts: Amounts | None) -> list[str]:
    figures = amounts.figures() if amounts is not None else (None,) * 4
    return ["" if value is None else f"{value:.2f}" for value in figures]


def to_tsv(document: Document, reverse_projects: bool = False) -> str:
    """The document as a TSV export like seed 004: preamble, header, 合计, unit and project rows."""
    lines = [
        "项目支出绩效目标表（含转移支付项目）",
        f"部门名称：{document.department}",
        f"单位：{document.amount_unit or '万元'}",
        "\t".join(HEADER),
        "\t".join(["合计", *_money(document.total), "", ""]),
    ]
    for unit in document.units:
        lines.append("\t".join([unit.name, *_money(unit.amounts), "", ""]))
        projects = reversed(unit.projects) if reverse_projects else unit.projects
        for project in projects:
            indicators = "".join(
                f"{i.index}、{i.level1_code}-{i.level1}；{i.level2_code}-{i.level2}；{i.name}；"
                f"实施周期指标值:{i.cycle_value}；年度指标值:{i.annual_value}。"
                for i in project.indicators
            )
            lines.append(
                "\t".join([project.name, *_money(project.amounts), project.goal, indicators])
            )
    return "\n".join(lines) + "\n"


def finding(fingerprint_text: str, path: str = "a.txt", project: str = "项目甲") -> Finding:
    return Finding(
        code="V01",
        name="vague-value",
        severity=Severity.warning,
        message=f"年度指标值“{fingerprint_text}”是模糊表述",
        path=path,
        location=Location(line=3, column=1),
        project=project,
        indicator=1,
        indicator_name="指标",
        field="annual_value",
        excerpt=fingerprint_text,
    )


# --------------------------------------------------------------------------------------------
# The file


def test_baseline_file_is_sorted_readable_json_one_entry_per_line(in_root, tmp_path) -> None:
    result = lint(relative(seed("001")), relative(seed("004")))
    target = tmp_path / "baseline.json"
    text = render_baseline(list(reversed(result.findings)), str(target))
    data = json.loads(text)
    assert data["schema"] == BASELINE_SCHEMA
    entries = data["entries"]
    assert len(entries) == len(result.findings) == len(text.splitlines()) - 5
    keys = [(e["path"], e["code"], e["project"], e["fingerprint"], e["message"]) for e in entries]
    assert keys == sorted(keys)
    assert sorted(e["fingerprint"] for e in entries) == sorted(
        f.fingerprint for f in result.findings
    )
    expected_path = os.path.relpath(seed("001"), tmp_path).replace(os.sep, "/")
    assert entries[0]["path"] == expected_path
    assert all(set(e) == {"fingerprint", "code", "path", "project", "message"} for e in entries)
    assert all(len(e["message"]) <= 60 for e in entries)
    target.write_text(text, encoding="utf-8")
    loaded = load_baseline(str(target))
    assert len(loaded.entries) == len(entries)


def test_empty_baseline_round_trips(tmp_path) -> None:
    target = tmp_path / "baseline.json"
    target.write_text(render_baseline([], str(target)), encoding="utf-8")
    assert json.loads(target.read_text(encoding="utf-8")) == {
        "schema": BASELINE_SCHEMA,
        "entries": [],
    }
    assert load_baseline(str(target)).entries == ()


# --------------------------------------------------------------------------------------------
# Matching


def filtered(
    files: list[FileStatus], findings: list[Finding], baseline: Baseline
) -> tuple[list[Finding], BaselineSummary]:
    """What the pipeline's filter stage does with a baseline: each file's findings, file by
    file in path order, then the summary."""
    recorded = BaselineFilter(baseline, files)
    new = []
    for path in sorted({finding.path for finding in findings}):
        new += recorded.new(path, [finding for finding in findings if finding.path == path])
    return new, recorded.summary()


def test_matching_counts_multiplicity() -> None:
    twice = [finding("有所提升"), finding("有所提升")]
    baseline = Baseline(
        "baseline.json",
        tuple(BaselineEntry("a.txt", "V01", "项目甲", f.fingerprint, "") for f in twice),
    )
    new, summary = filtered(
        [FileStatus("a.txt", "text")], [*twice, finding("有所提升"), finding("持续改善")], baseline
    )
    assert [f.excerpt for f in new] == ["有所提升", "持续改善"]
    assert (summary.matched, summary.fixed, summary.unchecked) == (2, 0, 0)


def test_unmatched_entries_are_fixed_only_for_files_that_were_linted(tmp_path) -> None:
    entries = (
        BaselineEntry("a.txt", "V01", "项目甲", finding("有所提升").fingerprint, ""),
        BaselineEntry("a.txt", "V01", "项目甲", finding("显著加强").fingerprint, ""),
        BaselineEntry("b.txt", "V01", "项目甲", finding("持续改善").fingerprint, ""),
    )
    baseline = Baseline(str(tmp_path / "baseline.json"), entries)
    files = [FileStatus(str(tmp_path / "a.txt"), "text")]
    new, summary = filtered(files, [finding("有所提升", path=str(tmp_path / "a.txt"))], baseline)
    assert new == []
    assert (summary.matched, summary.fixed, summary.unchecked) == (1, 1, 1)
    assert summary.to_dict() == {"file": baseline.path, "matched": 1, "fixed": 1, "unchecked": 1}


def test_same_finding_in_two_files_matches_its_own_file_first(tmp_path) -> None:
    """Two years of one department's table share fingerprints; linting one leaves the other's."""
    same = finding("有所提升").fingerprint
    entries = (
        BaselineEntry("a.txt", "V01", "", same, ""),
        BaselineEntry("b.txt", "V01", "", same, ""),
    )
    baseline = Baseline(str(tmp_path / "baseline.json"), entries)
    b_path = str(tmp_path / "b.txt")
    _, summary = filtered(
        [FileStatus(b_path, "text")], [finding("有所提升", path=b_path)], baseline
    )
    assert (summary.matched, summary.fixed, summary.unchecked) == (1, 0, 1)


def test_an_entry_of_another_linted_file_never_absorbs_a_finding(tmp_path) -> None:
    """b.txt's entry describes b.txt: linted and gone from it, it is fixed there, and the same
    finding now in a.txt is new — whichever file comes first."""
    same = finding("有所提升").fingerprint
    baseline = Baseline(
        str(tmp_path / "baseline.json"), (BaselineEntry("b.txt", "V01", "", same, ""),)
    )
    a_path, b_path = str(tmp_path / "a.txt"), str(tmp_path / "b.txt")
    files = [FileStatus(a_path, "text"), FileStatus(b_path, "text")]
    new, summary = filtered(files, [finding("有所提升", path=a_path)], baseline)
    assert [f.path for f in new] == [a_path]
    assert (summary.matched, summary.fixed, summary.unchecked) == (0, 1, 0)


def test_a_renamed_file_takes_the_entries_of_files_not_linted(tmp_path) -> None:
    same = finding("有所提升").fingerprint
    entries = (
        BaselineEntry("old.txt", "V01", "", same, ""),
        BaselineEntry("new.tsv", "V01", "", same, ""),
    )
    baseline = Baseline(str(tmp_path / "baseline.json"), entries)
    new = str(tmp_path / "new.tsv")
    findings = [finding("有所提升", path=new), finding("有所提升", path=new)]
    kept, summary = filtered([FileStatus(new, "delimited")], findings, baseline)
    assert kept == [] and (summary.matched, summary.fixed, summary.unchecked) == (2, 0, 0)


# --------------------------------------------------------------------------------------------
# The Done-when: text → TSV, reordered; one changed value


@pytest.fixture()
def seed_baseline(in_root, tmp_path) -> Path:
    target = tmp_path / "jxlint-baseline.json"
    result = runner.invoke(app, ["lint", relative(seed("001")), "--write-baseline", str(target)])
    assert result.exit_code == 0, result.stderr
    assert f"基线已写入 baseline written: {target} (33 条 entries)" in result.stderr
    return target


def test_text_to_tsv_export_with_reordered_projects_has_no_new_finding(
    seed_baseline, tmp_path
) -> None:
    document = read_document(relative(seed("001")))
    exported = tmp_path / "花都区政府办.tsv"
    exported.write_text(to_tsv(document, reverse_projects=True), encoding="utf-8")
    plain = runner.invoke(app, ["lint", str(exported), "-f", "json"])
    assert read_document(str(exported)).format == "delimited"
    assert len(json.loads(plain.stdout)["findings"]) == 33
    result = runner.invoke(
        app, ["lint", str(exported), "-f", "json", "--baseline", str(seed_baseline)]
    )
    report = json.loads(result.stdout)
    assert result.exit_code == 0
    assert report["findings"] == []
    assert report["summary"]["baseline"] == {
        "file": str(seed_baseline),
        "matched": 33,
        "fixed": 0,
        "unchecked": 0,
    }
    assert (
        f"基线 baseline {seed_baseline}: 33 个已知问题未报告 (matched), 0 条记录已不再出现 (fixed)"
        in result.stderr
    )


def test_one_changed_value_brings_exactly_its_findings(seed_baseline, tmp_path) -> None:
    text = to_tsv(read_document(relative(seed("001"))), reverse_projects=True)
    row = next(line for line in text.splitlines() if line.startswith("工作经费\t"))
    changed_row = row.replace("年度指标值:≥3。", "年度指标值:≥5。")
    assert changed_row != row
    exported = tmp_path / "花都区政府办.tsv"
    exported.write_text(text.replace(row, changed_row), encoding="utf-8")
    result = runner.invoke(
        app, ["lint", str(exported), "-f", "json", "--baseline", str(seed_baseline)]
    )
    report = json.loads(result.stdout)
    new = [(f["code"], f["project"], f["indicator"], f["field"]) for f in report["findings"]]
    assert new == [("K01", "工作经费", 1, "annual_value")]
    assert "≥5" in report["findings"][0]["message"]
    assert report["summary"]["baseline"]["matched"] == 33
    assert report["findings"][0]["severity"] == "error" and result.exit_code == 1


def test_rewrapped_and_reordered_text_copy_has_no_new_finding(seed_baseline, tmp_path) -> None:
    lines = seed("001").read_text(encoding="utf-8").split("\n")
    start = lines.index("外事业务专用经费 5.60 5.60")
    end = lines.index("政务信息工作经费 15.00 15.00")
    moved = [line for line in lines[:start] + lines[end:] + [""] + lines[start:end] if line.strip()]
    copy = tmp_path / "copy.txt"
    copy.write_text("\n".join(moved), encoding="utf-8")
    result = runner.invoke(
        app, ["lint", str(copy), "-f", "jsonl", "--baseline", str(seed_baseline)]
    )
    assert result.exit_code == 0 and result.stdout == ""


@pytest.mark.parametrize("output_format", ["jsonl", "concise", "text", "json"])
def test_under_a_baseline_streamed_and_whole_run_formats_report_only_the_new_finding(
    output_format, seed_baseline, tmp_path
) -> None:
    """The baseline is the pipeline's filter stage: the streaming formats (written file by file)
    and the whole-run JSON each report only the changed value's finding, and say so on stderr."""
    text = seed("001").read_text(encoding="utf-8").replace("年度指标值:≥3。", "年度指标值:≥5。")
    changed = tmp_path / "changed.txt"
    changed.write_text(text, encoding="utf-8")
    args = ["lint", str(changed), "-f", output_format, "--baseline", str(seed_baseline)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "33 个已知问题未报告 (matched), 0 条记录已不再出现 (fixed)" in result.stderr
    without = runner.invoke(app, ["lint", str(changed), "-f", output_format]).stdout
    assert "≥5" in result.stdout and len(result.stdout) < len(without)
    assert result.stdout.count("V0") == 0 < without.count("V0")


def test_sarif_results_under_a_baseline_are_new(seed_baseline, tmp_path) -> None:
    text = seed("001").read_text(encoding="utf-8").replace("年度指标值:≥3。", "年度指标值:≥5。")
    changed = tmp_path / "changed.txt"
    changed.write_text(text, encoding="utf-8")
    args = ["lint", str(changed), "-f", "sarif", "--baseline", str(seed_baseline)]
    results = json.loads(runner.invoke(app, args).stdout)["runs"][0]["results"]
    assert [(r["ruleId"], r["baselineState"]) for r in results] == [("K01", "new")]


# --------------------------------------------------------------------------------------------
# Writing: exit codes, atomicity


def test_write_baseline_exits_0_and_refreshes_with_baseline(seed_baseline, in_root) -> None:
    before = seed_baseline.read_text(encoding="utf-8")
    args = ["lint", relative(seed("001")), "--baseline", str(seed_baseline)]
    result = runner.invoke(app, [*args, "--write-baseline", str(seed_baseline)])
    assert result.exit_code == 0
    assert seed_baseline.read_text(encoding="utf-8") == before


def test_write_baseline_with_unreadable_input_writes_nothing(in_root, tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    target = tmp_path / "baseline.json"
    result = runner.invoke(
        app, ["lint", relative(seed("001")), str(empty), "--write-baseline", str(target)]
    )
    assert result.exit_code == 2
    assert not target.exists()
    assert "基线未写入" in result.stderr


class _Interrupted:
    """A file object that writes half of what it is given, then the run is interrupted."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.stream.close()

    def write(self, text: str) -> int:
        self.stream.write(text[: len(text) // 2])
        self.stream.flush()
        raise KeyboardInterrupt


def test_interrupted_baseline_write_leaves_the_old_file_intact(
    seed_baseline, in_root, monkeypatch
) -> None:
    before = seed_baseline.read_bytes()
    real_fdopen = os.fdopen
    monkeypatch.setattr(
        linter.reporters.os, "fdopen", lambda *a, **k: _Interrupted(real_fdopen(*a, **k))
    )
    args = ["lint", relative(seed("004")), "--write-baseline", str(seed_baseline)]
    assert runner.invoke(app, args).exit_code == 130  # click's exit status for Ctrl-C
    assert seed_baseline.read_bytes() == before
    assert [p.name for p in seed_baseline.parent.iterdir()] == [seed_baseline.name]


def test_failed_rename_leaves_the_old_file_intact(seed_baseline, in_root, monkeypatch) -> None:
    before = seed_baseline.read_bytes()

    def refuse(source, target) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(linter.reporters.os, "replace", refuse)
    result = runner.invoke(
        app, ["lint", relative(seed("004")), "--write-baseline", str(seed_baseline)]
    )
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"jxlint: 错误 error: {seed_baseline}: 无法写入 (cannot write: Permission denied)"
    ]
    assert seed_baseline.read_bytes() == before
    assert [p.name for p in seed_baseline.parent.iterdir()] == [seed_baseline.name]


# --------------------------------------------------------------------------------------------
# Unusable baseline files: one line, exit 2


BAD_BASELINES = [
    ('{"schema": "jxlint.baseline/1", "entries": [', "基线文件不是有效的 JSON"),
    (
        '{"schema": "jxlint.report/1", "findings": []}',
        "不是 jxlint.baseline/1 基线文件（“jxlint.report/1”）",
    ),
    ("[]", "不是 jxlint.baseline/1 基线文件（没有 schema）"),
    ('{"schema": "jxlint.baseline/1"}', "基线文件没有 entries 列表"),
    (
        '{"schema": "jxlint.baseline/1", "entries": [{"code": "V01"}]}',
        "基线文件第 1 条记录没有 fingerprint",
    ),
    (b"\xff\xfe\x00garbage", "基线文件不是 UTF-8 文本"),
]


@pytest.mark.parametrize(("content", "reason"), BAD_BASELINES)
def test_unusable_baseline_is_one_line_exit_2(content, reason, in_root, tmp_path) -> None:
    target = tmp_path / "baseline.json"
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["lint", relative(seed("001")), "--baseline", str(target)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"jxlint: 错误 error: {target}")
    assert reason in lines[0] and "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_missing_or_directory_baseline_is_one_line_exit_2(kind, in_root, tmp_path) -> None:
    target = tmp_path / "baseline.json"
    if kind == "directory":
        target.mkdir()
    result = runner.invoke(app, ["lint", relative(seed("001")), "--baseline", str(target)])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_load_baseline_names_the_json_error_position(tmp_path) -> None:
    target = tmp_path / "baseline.json"
    target.write_text(
        '{\n  "schema": "jxlint.baseline/1",\n  "entries": [,]\n}\n', encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        load_baseline(str(target))
    assert caught.value.one_line().startswith(f"{target}:3:")

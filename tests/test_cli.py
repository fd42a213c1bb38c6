"""The command line: parse, lint, rules, explain; exit codes, selection, config, output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from linter import __version__
from linter.cli import app
from tests.conftest import relative, seed

runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"jxlint {__version__}"


def test_help_is_chinese_friendly() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "项目支出绩效目标表" in result.stdout and "lint" in result.stdout


def test_parse_json_single_file_is_one_object(in_root) -> None:
    result = invoke("parse", relative(seed("001")))
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["schema"] == "jxlint.document/1"
    assert len(data["units"][0]["projects"]) == 8


def test_parse_several_files_is_an_array_and_bad_file_exits_2(in_root, tmp_path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = invoke("parse", relative(seed("001")), str(bad), relative(seed("004")))
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [d["path"][-7:] for d in data] == [
        relative(seed("001"))[-7:],
        relative(seed("004"))[-7:],
    ]
    assert f"{bad}: 空文件" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_parse_text_tree(in_root) -> None:
    result = invoke("parse", relative(seed("001")), "--format", "text")
    assert result.exit_code == 0
    assert "外事业务专用经费" in result.stdout and "单位 1 · 项目 8 · 指标 22" in result.stdout


def test_lint_exit_codes_follow_fail_on(in_root) -> None:
    path = relative(seed("004"))
    assert invoke("lint", path, "--select", "S01").exit_code == 1
    assert invoke("lint", path, "--select", "S01", "--fail-on", "never").exit_code == 0
    assert invoke("lint", path, "--select", "A04").exit_code == 0
    assert (
        invoke("lint", relative(seed("003")), "--select", "A04", "--fail-on", "info").exit_code == 1
    )


def test_lint_json_report_shape(in_root) -> None:
    result = invoke("lint", relative(seed("004")), "--select", "S", "--format", "json")
    report = json.loads(result.stdout)
    assert report["schema"] == "jxlint.report/1"
    assert report["files"] == [
        {"path": relative(seed("004")), "format": "delimited", "status": "ok", "error": None}
    ]
    assert report["summary"]["projects"] == 19 and report["summary"]["indicators"] == 132
    codes = {f["code"] for f in report["findings"]}
    assert codes <= {"S01", "S02", "S03", "S04", "S05"} and "S01" in codes
    finding = next(f for f in report["findings"] if f["code"] == "S01")
    assert finding["project"] == "财务软件运行维护费" and finding["project_ordinal"] == 19
    assert finding["indicator"] == 6 and finding["field"] == "level2_code"
    assert len(finding["fingerprint"]) == 20


def test_lint_selection_by_prefix_name_and_ignore(in_root) -> None:
    path = relative(seed("004"))

    def codes(*args: str) -> set[str]:
        result = invoke("lint", path, "--format", "json", *args)
        return {f["code"] for f in json.loads(result.stdout)["findings"]}

    assert codes("--select", "code-parent") == {"S01"}
    assert codes("--select", "S", "--ignore", "S04,S03") == {"S01"}
    assert codes("--select", "S01", "--extend-select", "misplaced-cell") == {"S01", "S04"}


def test_unknown_rule_is_a_usage_error(in_root) -> None:
    result = invoke("lint", relative(seed("004")), "--select", "X99")
    assert result.exit_code == 2 and "X99" in result.output


def test_unreadable_input_exits_2_but_lints_the_rest(in_root, tmp_path) -> None:
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"%PDF-1.4 binary")
    result = invoke("lint", relative(seed("004")), str(bad), "--select", "S01", "--format", "json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    statuses = {Path(f["path"]).name: f["status"] for f in report["files"]}
    assert statuses == {seed("004").name: "ok", "scan.txt": "error"}
    assert any(f["code"] == "S01" for f in report["findings"])
    assert "scan.txt" in result.stderr and "Traceback" not in result.stderr


def test_output_file_and_no_color(in_root, tmp_path) -> None:
    target = tmp_path / "report.txt"
    result = invoke("lint", relative(seed("004")), "--select", "S01", "-o", str(target))
    assert result.exit_code == 1 and result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert "S01" in text and "\x1b[" not in text


def test_color_always_and_no_color_env(in_root) -> None:
    colored = invoke("lint", relative(seed("004")), "--select", "S01", "--color", "always")
    assert "\x1b[" in colored.stdout
    plain = invoke("lint", relative(seed("004")), "--select", "S01", env={"NO_COLOR": "1"})
    assert "\x1b[" not in plain.stdout


def test_statistics(in_root) -> None:
    result = invoke("lint", relative(seed("004")), "--select", "S", "--statistics")
    assert "S01  code-parent" in result.stdout


def test_rules_and_explain() -> None:
    listed = invoke("rules", "--format", "json")
    rules = json.loads(listed.stdout)
    assert [r["code"] for r in rules][:2] == ["S01", "S02"]
    assert all(r["summary"] for r in rules)
    explained = invoke("explain", "S01")
    assert explained.exit_code == 0 and "Violates" in explained.stdout
    assert invoke("explain", "nope").exit_code == 2


def test_explain_lists_each_option_with_its_default_and_help() -> None:
    explained = invoke("explain", "D04")
    assert explained.exit_code == 0
    options = explained.stdout.split("选项", 1)[1]
    assert "weights = [0.2, 0.4, 0.4]" in options and "名称、绩效目标、指标的权重" in options
    assert "threshold = 0.8" in options and "max_related = 3" in options
    assert "[rules.D04]" in options


def test_config_file_selects_and_overrides_severity(in_root, tmp_path) -> None:
    (tmp_path / "jxlint.toml").write_text(
        'select = ["S"]\nignore = ["S04"]\n[severity]\nS01 = "info"\n', encoding="utf-8"
    )
    table = tmp_path / "t.tsv"
    table.write_bytes(seed("004").read_bytes())
    result = invoke("lint", str(table), "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert {f["code"] for f in findings} == {"S01", "S03"}
    assert next(f for f in findings if f["code"] == "S01")["severity"] == "info"


def test_pyproject_config_and_per_file_and_per_project_ignores(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.jxlint]\n"
        'select = ["S01", "S03"]\n'
        '[tool.jxlint.per-file-ignores]\n"old/*.tsv" = ["S01"]\n'
        '[tool.jxlint.per-project-ignores]\n"维修" = ["S03"]\n',
        encoding="utf-8",
    )
    (tmp_path / "old").mkdir()
    old = tmp_path / "old" / "t.tsv"
    old.write_bytes(seed("004").read_bytes())
    result = invoke("lint", str(old), "--format", "json")
    assert json.loads(result.stdout)["findings"] == []


def test_info_findings_are_listed_with_show_info_or_the_config(tmp_path) -> None:
    table = tmp_path / "t.tsv"
    table.write_bytes(seed("001").read_bytes())
    counted = invoke("lint", str(table), "--color", "never")
    listed = invoke("lint", str(table), "--color", "never", "--show-info")
    (tmp_path / "jxlint.toml").write_text("show-info = true\n", encoding="utf-8")
    configured = invoke("lint", str(table), "--color", "never")
    assert "条提示（G01），加 --show-info 逐条显示" in counted.stdout
    assert "提示 G01 goal-vague" not in counted.stdout
    assert "提示 G01 goal-vague" in listed.stdout and "加 --show-info" not in listed.stdout
    assert configured.stdout == listed.stdout
    assert counted.exit_code == listed.exit_code == configured.exit_code


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('selec = ["S"]\n', "jxlint.toml:1: 未知配置项 “selec”"),
        ('select = ["S99"]\n', "jxlint.toml:1: 未知规则 “S99”"),
        ('fail-on = "sometimes"\n', "fail-on"),
        ("[rules.S01]\nthreshold = 3\n", "S01 没有选项 “threshold”"),
        ("select = [\n", "jxlint.toml:2: TOML 语法错误"),
        ('[severity]\nS01 = "fatal"\n', "severity.S01"),
        ('show-info = "yes"\n', "jxlint.toml:1: “show-info” 应为 true 或 false"),
        ("[rules.D04]\nweights = [1.0, 2.0]\n", "jxlint.toml:2: D04.weights"),
        (
            "[rules.D04]\nweights = [1.0, 2.0, 1.0]\nthreshold = 1.5\n",
            "jxlint.toml:3: D04.threshold",
        ),
        ('[rules.D04]\nweights = [1.0, "2", 1.0]\n', "jxlint.toml:2: D04.weights"),
        ("[rules.D04]\nweights = [0, 0, 0]\n", "jxlint.toml:2: D04.weights"),
        ("[rules.D04]\nthreshold = nan\n", "jxlint.toml:2: D04.threshold"),
        (
            "[rules.K03]\nthreshold = 0.7\n[rules.D04]\nthreshold = 1.5\n",
            "jxlint.toml:4: D04.threshold",
        ),
        ("[rules.P06]\nmin_indicators = 2.5\n", "jxlint.toml:2: P06.min_indicators"),
        ("[rules.K01]\nreport_smaller_annual = 1\n", "jxlint.toml:2: K01.report_smaller_annual"),
    ],
)
def test_bad_config_exits_2_naming_file_and_line(tmp_path, content: str, expected: str) -> None:
    (tmp_path / "jxlint.toml").write_text(content, encoding="utf-8")
    table = tmp_path / "t.tsv"
    table.write_bytes(seed("004").read_bytes())
    result = invoke("lint", str(table))
    assert result.exit_code == 2
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert "内部错误" not in result.stderr


def test_console_script_runs_from_a_fresh_process(in_root) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    completed = subprocess.run(
        [sys.executable, "-m", "linter", "--version"], capture_output=True, text=True, env=env
    )
    assert completed.returncode == 0 and completed.stdout.startswith("jxlint ")


def test_linting_a_text_table_imports_nothing_heavy(in_root, tmp_path) -> None:
    """Start-up stays light: no binary readers, report libraries, rich layout or pydantic."""
    code = (
        "import sys\n"
        "from linter.cli import main\n"
        f"sys.argv = ['jxlint', 'lint', {relative(seed('003'))!r}, '-o', {str(tmp_path / 'r.txt')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('pydantic', 'rich.console', 'jieba', 'pdfplumber', 'python_calamine', 'docx',\n"
        "         'xlsxwriter', 'openpyxl')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert completed.stdout.strip() == "[]", completed.stderr
    assert "广州市番禺区人力资源和社会保障局" in (tmp_path / "r.txt").read_text(encoding="utf-8")


def test_the_text_report_fits_the_terminal(monkeypatch) -> None:
    from linter.cli import _report_width

    monkeypatch.setenv("COLUMNS", "72")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert _report_width(to_file=False) == 72
    assert _report_width(to_file=True) is None
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    assert _report_width(to_file=False) is None


def _copy_seed(directory: Path, name: str = "table.txt") -> Path:
    table = directory / name
    table.write_bytes(Path(seed("001")).read_bytes())
    return table


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_refuses_to_write_over_an_input_file(tmp_path, option) -> None:
    table = _copy_seed(tmp_path)
    before = table.read_bytes()
    result = invoke("lint", str(table), option, str(table))
    assert result.exit_code == 2 and table.read_bytes() == before
    assert "拒绝写入" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_refuses_to_write_over_an_input_through_links(tmp_path) -> None:
    table = _copy_seed(tmp_path)
    before = table.read_bytes()
    (tmp_path / "soft.txt").symlink_to(table)
    os.link(table, tmp_path / "hard.txt")
    for link in ("soft.txt", "hard.txt"):
        result = invoke("lint", str(table), "-o", str(tmp_path / link))
        assert result.exit_code == 2 and table.read_bytes() == before, link


def test_refuses_a_table_named_output_inside_a_linted_directory(tmp_path) -> None:
    _copy_seed(tmp_path)
    report = tmp_path / "sub" / "report.txt"
    result = invoke("lint", str(tmp_path), "-o", str(report))
    assert result.exit_code == 2 and not report.exists()


def test_writes_a_report_beside_inputs_when_no_run_would_read_it(tmp_path) -> None:
    table = _copy_seed(tmp_path)
    report = tmp_path / "report.json"
    result = invoke("lint", str(table), "-f", "json", "-o", str(report))
    assert result.exit_code == 1 and report.exists()


@pytest.mark.parametrize("command", ["lint", "parse"])
def test_a_directory_without_tables_exits_2_naming_it(tmp_path, command) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.md").write_text("说明", encoding="utf-8")
    for directory in ("empty", "notes"):
        result = invoke(command, str(tmp_path / directory))
        assert result.exit_code == 2, directory
        assert f"{tmp_path / directory}: 目录中没有表格文件" in result.stderr
        assert "Traceback" not in result.stderr and "内部错误" not in result.stderr


def test_a_tableless_directory_beside_a_good_table_still_fails_the_run(tmp_path) -> None:
    table = _copy_seed(tmp_path)
    (tmp_path / "typo").mkdir()
    result = invoke("lint", str(table), str(tmp_path / "typo"), "-f", "json", "--exit-zero")
    assert result.exit_code == 2
    statuses = [entry["status"] for entry in json.loads(result.stdout)["files"]]
    assert statuses == ["ok", "error"]

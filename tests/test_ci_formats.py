"""CI output formats: SARIF (schema-validated), GitHub annotations, JUnit XML, JSON Lines.

Snapshots of each format on seed 001 live in ``tests/snapshots/ci_001.*``; set
``JXLINT_UPDATE_SNAPSHOTS=1`` to rewrite them, then review the diff by eye.
"""

from __future__ import annotations

import json
import os
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from typer.testing import CliRunner

from linter import __version__
from linter.cli import app
from linter.findings import Finding, Related, Severity
from linter.lint import FileStatus, LintResult
from linter.model import Location
from linter.registry import all_rules
from linter.reporters import REPORT_FORMATS, render
from linter.reporters.github_report import render_github
from linter.reporters.jsonl_report import render_jsonl
from linter.reporters.junit_report import render_junit
from linter.reporters.sarif_report import FINGERPRINT_KEY, sarif_log
from tests.conftest import ROOT, SEEDS, SNAPSHOTS, lint, relative, seed

SARIF_SCHEMA = json.loads((ROOT / "fixtures" / "sarif-schema-2.1.0.json").read_text("utf-8"))
CI_FORMATS = ("sarif", "github", "junit", "jsonl", "concise")
runner = CliRunner()


def assert_text_snapshot(name: str, text: str) -> None:
    """Compare ``text`` with ``tests/snapshots/<name>`` (rewrite with JXLINT_UPDATE_SNAPSHOTS=1)."""
    path = SNAPSHOTS / name
    if os.environ.get("JXLINT_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing snapshot {path}; run with JXLINT_UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8")


def validate_sarif(log: dict) -> None:
    validator = jsonschema.Draft4Validator(
        SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def finding(**changes) -> Finding:
    fields = {
        "code": "V01",
        "name": "vague-value",
        "severity": Severity.warning,
        "message": "年度指标值“有所提升”是模糊表述",
        "path": "tables/表一.txt",
        "location": Location(line=12, column=3),
        "suggestion": "写明可衡量的目标值",
        "department": "某区人民政府办公室",
        "unit": "某区人民政府办公室本级",
        "project": "政务信息工作经费",
        "project_ordinal": 3,
        "indicator": 4,
        "indicator_name": "多形式解读数量",
        "field": "annual_value",
        "excerpt": "有所提升",
    }
    fields.update(changes)
    return Finding(**fields)


def result_of(*findings: Finding, files: list[FileStatus] | None = None) -> LintResult:
    paths = dict.fromkeys(f.path for f in findings)
    statuses = files if files is not None else [FileStatus(p, "text") for p in paths]
    return LintResult(files=statuses, findings=list(findings))


# --------------------------------------------------------------------------------------------
# Snapshots on a seed


def _sarif_snapshot(result: LintResult) -> str:
    """The SARIF log with the version masked and only the rules the results use (for review)."""
    log = sarif_log(result)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["version"] == __version__
    driver["version"] = "<version>"
    used = {r["ruleId"] for r in log["runs"][0]["results"]}
    driver["rules"] = [rule for rule in driver["rules"] if rule["id"] in used]
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("output_format", CI_FORMATS)
def test_format_snapshot_on_seed(output_format, in_root) -> None:
    result = lint(relative(seed("001")))
    if output_format == "sarif":
        text = _sarif_snapshot(result)
        suffix = "sarif.json"
    else:
        text = render(output_format, result, color=False, width=None)
        suffix = {
            "github": "github.txt",
            "junit": "junit.xml",
            "jsonl": "jsonl",
            "concise": "concise.txt",
        }[output_format]
    assert_text_snapshot(f"ci_001.{suffix}", text)


# --------------------------------------------------------------------------------------------
# SARIF


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_sarif_of_every_seed_passes_the_official_schema(path, in_root) -> None:
    result = lint(relative(path))
    log = sarif_log(result)
    validate_sarif(log)
    results = log["runs"][0]["results"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert len(results) == len(result.findings) > 0
    for entry, found in zip(results, result.findings, strict=True):
        assert rules[entry["ruleIndex"]]["id"] == entry["ruleId"] == found.code
        assert entry["partialFingerprints"] == {FINGERPRINT_KEY: found.fingerprint}
        physical = entry["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": relative(path), "uriBaseId": "%SRCROOT%"}
        if found.location is not None:
            assert physical["region"] == {
                "startLine": found.location.line,
                "startColumn": found.location.column,
            }


def test_sarif_lists_every_rule_with_its_documentation() -> None:
    log = sarif_log(LintResult())
    validate_sarif(log)
    descriptors = log["runs"][0]["tool"]["driver"]["rules"]
    rules = all_rules()
    assert [d["id"] for d in descriptors] == [rule.code for rule in rules]
    levels = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}
    for descriptor, rule in zip(descriptors, rules, strict=True):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary()
        assert descriptor["fullDescription"]["text"] == rule.doc()
        assert descriptor["help"]["text"].startswith(rule.doc())
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity]
    assert log["runs"][0]["results"] == []


def test_sarif_spreadsheet_page_related_and_unreadable(in_root) -> None:
    cell = finding(location=Location(sheet="Sheet1", cell="G12", row=12, column=7))
    page = finding(code="G01", name="goal-vague", severity=Severity.info, location=Location(page=3))
    twin = Related("tables/表二.txt", "同名项目", 5, Location(line=40, column=1), note="重复")
    duplicate = finding(
        code="D01", name="duplicate-project", severity=Severity.error, related=(twin,)
    )
    files = [FileStatus("tables/表一.txt", "xlsx"), FileStatus("tables/坏.txt", None, "空文件")]
    log = sarif_log(result_of(cell, page, duplicate, files=files))
    validate_sarif(log)
    run = log["runs"][0]
    cell_location, page_location, text_location = (r["locations"][0] for r in run["results"])
    assert cell_location["physicalLocation"]["region"] == {"startLine": 12, "startColumn": 7}
    assert cell_location["logicalLocations"] == [{"name": "Sheet1!G12", "kind": "element"}]
    assert cell_location["properties"] == {"sheet": "Sheet1", "cell": "G12", "row": 12, "column": 7}
    assert page_location["physicalLocation"]["region"] == {"startLine": 1}
    assert page_location["properties"] == {"page": 3}
    messages = [r["message"]["text"] for r in run["results"]]
    assert messages[0].startswith("Sheet1!G12：") and messages[1].startswith("第3页：")
    assert [r["level"] for r in run["results"]] == ["warning", "note", "error"]
    uri = text_location["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.isascii() and unquote(uri) == "tables/表一.txt"
    related = run["results"][2]["relatedLocations"][0]
    assert related["physicalLocation"]["region"] == {"startLine": 40, "startColumn": 1}
    assert related["message"]["text"] == "同名项目（重复）"
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "空文件" in invocation["toolExecutionNotifications"][0]["message"]["text"]


@pytest.mark.parametrize(
    "name", ["001.long.xlsx", "001.calc.pdf", "001.docx", "000.wide.xlsx", "003.writer.pdf"]
)
def test_every_sarif_result_has_a_region_github_accepts(name, in_root) -> None:
    log = sarif_log(lint(f"fixtures/rendered/{name}"))
    results = log["runs"][0]["results"]
    assert results
    for result in results:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert isinstance(region["startLine"], int) and region["startLine"] >= 1
        place = result["locations"][0].get("logicalLocations", [{}])[0].get("name")
        assert place and result["message"]["text"].startswith(f"{place}：")


def test_sarif_root_makes_uris_relative_to_it(tmp_path, in_root) -> None:
    table = tmp_path / "repo" / "tables" / "表 一.txt"
    table.parent.mkdir(parents=True)
    table.write_bytes(seed("001").read_bytes())
    args = ["lint", str(table), "-f", "sarif"]
    rooted = json.loads(runner.invoke(app, [*args, "--sarif-root", str(tmp_path / "repo")]).stdout)
    location = rooted["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "tables/%E8%A1%A8%20%E4%B8%80.txt",
        "uriBaseId": "%SRCROOT%",
    }
    validate_sarif(rooted)


def test_sarif_path_outside_the_working_directory_is_a_file_uri(tmp_path, in_root) -> None:
    outside = tmp_path / "表 一.txt"
    log = sarif_log(result_of(finding(path=str(outside))))
    validate_sarif(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": outside.as_uri()}


# --------------------------------------------------------------------------------------------
# GitHub workflow commands


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """Read one workflow command the way the Actions runner does, unescaping as it does."""
    assert line.startswith("::")
    head, separator, data = line[2:].partition("::")
    assert separator
    command, _, pairs = head.partition(" ")
    properties = {}
    for pair in pairs.split(",") if pairs else []:
        key, _, value = pair.partition("=")
        for escaped, char in (
            ("%0D", "\r"),
            ("%0A", "\n"),
            ("%3A", ":"),
            ("%2C", ","),
            ("%25", "%"),
        ):
            value = value.replace(escaped, char)
        properties[key] = value
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        data = data.replace(escaped, char)
    return command, properties, data


def test_github_annotations_point_at_the_findings_lines(in_root) -> None:
    result = lint(relative(seed("001")))
    lines = render_github(result).splitlines()
    assert len(lines) == len(result.findings)
    source = seed("001").read_text(encoding="utf-8").split("\n")
    for line, found in zip(lines, result.findings, strict=True):
        command, properties, message = parse_workflow_command(line)
        expected = {"error": "error", "warning": "warning", "info": "notice"}
        assert command == expected[found.severity.value]
        assert properties == {
            "file": relative(seed("001")),
            "line": str(found.location.line),
            "col": str(found.location.column),
            "title": f"{found.code} {found.name}",
        }
        assert message.startswith(found.message)
    vague = next(f for f in result.findings if f.code == "V01")
    assert source[vague.location.line - 1][vague.location.column - 1 :].startswith("4、2-效益指标")


HOSTILE = [
    "100% 完成\r\n::error file=x.txt::伪造的注解",
    "a,b:c%0A%25 已转义的样子",
    "::warning::开头就是命令",
    "行尾\n",
]


@pytest.mark.parametrize("message", HOSTILE)
def test_github_escapes_hostile_messages_and_paths(message) -> None:
    hostile = finding(
        message=message,
        suggestion="建议,带:冒号%\n第二行",
        path="dir,with:colon/表%25.txt",
        name="vague,value:x",
    )
    lines = render_github(result_of(hostile)).splitlines()
    assert len(lines) == 1
    command, properties, data = parse_workflow_command(lines[0])
    assert command == "warning"
    assert properties["file"] == "dir,with:colon/表%25.txt"
    assert properties["title"] == "V01 vague,value:x"
    assert properties["line"] == "12" and properties["col"] == "3"
    assert data == f"{message}\n建议：建议,带:冒号%\n第二行"


def test_github_places_without_lines_and_unreadable_files() -> None:
    cell = finding(location=Location(sheet="Sheet1", cell="G12"), severity=Severity.info)
    files = [FileStatus("tables/表一.txt", "xlsx"), FileStatus("tables/坏.txt", None, "空文件")]
    first, second = render_github(result_of(cell, files=files)).splitlines()
    command, properties, data = parse_workflow_command(first)
    assert command == "error" and properties["file"] == "tables/坏.txt" and data == "空文件"
    command, properties, data = parse_workflow_command(second)
    assert command == "notice" and "line" not in properties
    assert data.startswith("Sheet1!G12: 年度指标值")


# --------------------------------------------------------------------------------------------
# JUnit XML


def test_junit_has_a_case_per_file_and_rule(in_root, tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    paths = [relative(seed("001")), relative(seed("004")), str(empty)]
    result = lint(*paths)
    root = ET.fromstring(render_junit(result))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == paths
    for suite, path in zip(suites[:2], paths[:2], strict=True):
        in_file = [f for f in result.findings if f.path == path]
        cases = suite.findall("testcase")
        assert {c.get("name") for c in cases} == {f"{f.code} {f.name}" for f in in_file}
        assert {c.get("classname") for c in cases} == {path}
        assert suite.get("tests") == suite.get("failures") == str(len(cases))
        for case in cases:
            code = case.get("name").split()[0]
            text = case.find("failure").text
            expected = [f for f in in_file if f.code == code]
            assert all(f.message in text for f in expected)
            assert len([ln for ln in text.splitlines() if not ln.startswith("    建议")]) == len(
                expected
            )
    (unreadable,) = suites[2].findall("testcase")
    assert unreadable.find("error").get("message") == f"{empty}: 空文件 (empty file)"
    assert root.get("errors") == "1"
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites)


def test_junit_survives_control_characters_and_passes_clean_files() -> None:
    hostile = finding(message="坏\x00字符\x1b[31m <&> ]]>", project="项目\x0b名")
    clean = FileStatus("tables/干净.txt", "text")
    result = result_of(hostile, files=[FileStatus("tables/表一.txt", "text"), clean])
    root = ET.fromstring(render_junit(result))
    failure = root.find("testsuite/testcase/failure")
    assert "坏\\x00字符\\x1b[31m <&> ]]>" in failure.text
    assert "项目\\x0b名" in failure.text
    passing = root.findall("testsuite")[1].findall("testcase")
    assert [(c.get("name"), list(c)) for c in passing] == [("jxlint", [])]


# --------------------------------------------------------------------------------------------
# JSON Lines


def test_jsonl_is_one_finding_dict_per_line(in_root) -> None:
    result = lint(relative(seed("003")))
    lines = render_jsonl(result).splitlines()
    assert [json.loads(line) for line in lines] == [f.to_dict() for f in result.findings]


# --------------------------------------------------------------------------------------------
# The command line: every format, --output, --exit-zero


@pytest.mark.parametrize("output_format", ("text", "json", *CI_FORMATS))
def test_output_file_equals_stdout_for_every_format(output_format, in_root, tmp_path) -> None:
    args = ["lint", relative(seed("001")), "--format", output_format, "--color", "never"]
    printed = runner.invoke(app, args)
    target = tmp_path / f"report.{output_format}"
    target.write_text("old report", encoding="utf-8")
    target.chmod(0o640)
    written = runner.invoke(app, [*args, "--output", str(target)])
    assert printed.exit_code == written.exit_code == 1
    assert target.read_text(encoding="utf-8") == printed.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_new_output_file_gets_the_usual_permissions(in_root, tmp_path) -> None:
    target = tmp_path / "report.sarif"
    result = runner.invoke(app, ["lint", relative(seed("001")), "-f", "sarif", "-o", str(target)])
    assert result.exit_code == 1
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    validate_sarif(json.loads(target.read_text(encoding="utf-8")))


def test_output_into_a_missing_directory_is_one_line_exit_2(in_root, tmp_path) -> None:
    target = tmp_path / "missing" / "report.json"
    result = runner.invoke(app, ["lint", relative(seed("001")), "-f", "json", "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"jxlint: 错误 error: {target}: 无法写入 (cannot write: No such file or directory)"
    ]


def test_exit_zero_with_findings_but_2_for_unreadable_input_or_config(in_root, tmp_path) -> None:
    path = relative(seed("001"))
    assert runner.invoke(app, ["lint", path, "-f", "jsonl"]).exit_code == 1
    assert runner.invoke(app, ["lint", path, "-f", "jsonl", "--exit-zero"]).exit_code == 0
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert runner.invoke(app, ["lint", path, str(empty), "--exit-zero"]).exit_code == 2
    config = tmp_path / "jxlint.toml"
    config.write_text("fail-on = 3\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", path, "--config", str(config), "--exit-zero"])
    assert result.exit_code == 2


def test_every_format_is_a_cli_choice() -> None:
    result = runner.invoke(app, ["lint", "--help"])
    assert all(name in result.stdout for name in CI_FORMATS)
    assert set(CI_FORMATS) <= set(REPORT_FORMATS)


def test_output_is_path_relative_to_the_working_directory(in_root) -> None:
    absolute = str(Path(ROOT) / relative(seed("001")))
    lines = render_github(lint(absolute)).splitlines()
    assert parse_workflow_command(lines[0])[1]["file"] == relative(seed("001"))


CONCISE_PLACE = re.compile(
    r"^fixtures/rendered/[^:]+:(?P<place>[^ ]+): [A-Z]\d\d (错误|警告|提示) \S"
)


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("001.long.xlsx", r"项目支出绩效目标表![A-Z]+\d+"),
        ("001.calc.pdf", r"p\d+:r\d+:c\d+"),
        ("001.docx", r"t\d+:r\d+:c\d+"),
    ],
)
def test_concise_is_one_line_per_finding_with_the_cell(name, place, in_root) -> None:
    result = lint(f"fixtures/rendered/{name}")
    lines = render("concise", result, color=False, width=None).splitlines()
    assert len(lines) == len(result.findings) + 1 and lines[-1].startswith("共 ")
    for line in lines[:-1]:
        match = CONCISE_PLACE.match(line)
        assert match and re.fullmatch(place, match["place"]), line


def test_concise_pdf_place_is_the_page_row_and_column_of_the_cell(in_root) -> None:
    """Each PDF finding's p:r:c names the ruled table cell (counted on its page) whose box it
    carries, as pdfplumber finds the tables; and the first project sits in the name column."""
    import pdfplumber

    path = "fixtures/rendered/001.calc.pdf"
    result = lint(path)
    lines = render("concise", result, color=False, width=None).splitlines()[:-1]
    places = [CONCISE_PLACE.match(line)["place"] for line in lines]
    assert len(places) == len(result.findings) > 0
    with pdfplumber.open(path) as pdf:
        for finding, place in zip(result.findings, places, strict=True):
            location = finding.location
            page, row, column = (int(part[1:]) for part in place.split(":"))
            assert (page, row, column) == (location.page, location.row, location.column)
            rows = [r for table in pdf.pages[page - 1].find_tables() for r in table.rows]
            box = rows[row - 1].cells[column - 1]
            assert tuple(round(v, 1) for v in box) == location.bbox
    first = result.documents[0].projects()[0]
    assert (first.location.row, first.location.column) != (None, None)
    assert first.location.column == 1
    assert first.location.compact() == f"p{first.location.page}:r{first.location.row}:c1"


def test_sarif_region_of_a_pdf_finding_is_its_table_row_and_column(in_root) -> None:
    log = sarif_log(lint("fixtures/rendered/001.calc.pdf"))
    regions = [
        result["locations"][0]["physicalLocation"]["region"] for result in log["runs"][0]["results"]
    ]
    assert regions and all(set(region) == {"startLine", "startColumn"} for region in regions)
    assert any(region["startLine"] > 1 for region in regions)

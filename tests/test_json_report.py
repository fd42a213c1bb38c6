"""The JSON report: exactly the ``jxlint.report/1`` dict, one line per file and per finding."""

from __future__ import annotations

import json

from linter.lint import LintResult
from linter.reporters.json_report import render_json, report_to_dict
from tests.conftest import lint, seed


def test_report_is_the_dict_with_one_line_per_finding() -> None:
    result = lint(str(seed("003")), str(seed("001")))
    text = render_json(result)
    assert json.loads(text) == report_to_dict(result)
    lines = text.splitlines()
    finding_lines = [line for line in lines if line.startswith('    {"code": ')]
    assert len(finding_lines) == len(result.findings) == 439
    assert all(json.loads(line.rstrip(",")) for line in finding_lines)
    assert lines[0] == "{" and lines[-1] == "}" and text.endswith("}\n")


def test_empty_run_is_valid_json() -> None:
    text = render_json(LintResult())
    assert json.loads(text)["findings"] == [] and '"findings": []' in text

"""``--format json``: the ``jxlint.report/1`` document (see shared/docs/interfaces.md)."""

from __future__ import annotations

import json
from typing import Any

from linter.findings import Severity
from linter.lint import LintResult

REPORT_SCHEMA = "jxlint.report/1"


def report_to_dict(result: LintResult) -> dict[str, Any]:
    """The run as a ``jxlint.report/1`` dict."""
    projects = sum(len(document.projects()) for document in result.documents)
    indicators = sum(document.indicator_count() for document in result.documents)
    summary: dict[str, Any] = {
        "files": len(result.files),
        "projects": projects,
        "indicators": indicators,
        "findings": {severity.value: result.count(severity) for severity in Severity},
    }
    if result.baseline is not None:
        summary["baseline"] = result.baseline.to_dict()
    return {
        "schema": REPORT_SCHEMA,
        "files": [status.to_dict() for status in result.files],
        "findings": [finding.to_dict() for finding in result.findings],
        "summary": summary,
    }


def render_json(result: LintResult, *, color: bool = False, width: int | None = None) -> str:
    """The report as pretty-printed JSON text."""
    return json.dumps(report_to_dict(result), ensure_ascii=False, indent=2) + "\n"

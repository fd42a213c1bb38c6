"""``--format json``: the ``jxlint.report/1`` document (see shared/docs/interfaces.md)."""

from __future__ import annotations

from typing import Any

from linter.findings import Severity
from linter.lint import LintResult
from linter.serialize import json_text

REPORT_SCHEMA = "jxlint.report/1"


def report_to_dict(result: LintResult) -> dict[str, Any]:
    """The run as a ``jxlint.report/1`` dict."""
    summary: dict[str, Any] = {
        "files": len(result.files),
        "projects": result.project_count,
        "indicators": result.indicator_count,
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


def render_json(result: LintResult) -> str:
    """The report as JSON text: indented, with each file and each finding on a line of its own.

    One line per finding reads well in a diff and with ``grep``, and it is written by the C
    encoder: indenting every key of every finding (``indent=2``) takes Python's pure-Python
    encoder, about three times as long on a large run.
    """
    parts = []
    for key, value in report_to_dict(result).items():
        if isinstance(value, list):
            items = ",\n".join("    " + _compact(item) for item in value)
            text = f"[\n{items}\n  ]" if value else "[]"
        else:
            text = json_text(value, indent=2).replace("\n", "\n  ")
        parts.append(f"  {_compact(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


_compact = json_text
"""One value as compact JSON on one line."""

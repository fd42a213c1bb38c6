"""``--format jsonl``: one finding per line (the ``jxlint.report/1`` finding object), for pipes."""

from __future__ import annotations

from linter.findings import Finding
from linter.lint import LintResult
from linter.reporters import LineReport
from linter.serialize import json_text


def render_jsonl(result: LintResult) -> str:
    """Each finding as one compact JSON object on its own line."""
    return JsonlReport().whole(result)


def jsonl_lines(findings: list[Finding]) -> str:
    """The lines of ``findings`` (one file's, when the report is written as the run goes)."""
    return "".join(json_text(finding.to_dict()) + "\n" for finding in findings)


class JsonlReport(LineReport):
    """``--format jsonl`` written file by file (:class:`linter.reporters.StreamingReport`)."""

    def lines(self, findings: list[Finding]) -> str:
        """One file's findings, a line each."""
        return jsonl_lines(findings)

"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=…,line=…,col=…,title=CODE name::message`` (warning → ``::warning``, info →
``::notice``), escaped as the Actions runner unescapes them: in the message ``%``, ``\\r`` and
``\\n``; in properties also ``:`` and ``,``. Spreadsheet and PDF places (no line) go in front of
the message. A file that could not be read is an ``::error`` on the file.
"""

from __future__ import annotations

from linter.errors import printable
from linter.findings import Finding, Severity
from linter.lint import LintResult
from linter.reporters import LineReport
from linter.reporters.sarif_report import artifact_path

COMMANDS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(command: str, properties: dict[str, str], message: str) -> str:
    """One workflow command line: ``::command key=value,…::message``."""
    pairs = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    head = f"{command} {pairs}" if pairs else command
    return f"::{head}::{escape_data(message)}"


def _annotation(finding: Finding) -> str:
    properties = {"file": printable(artifact_path(finding.path))}
    location = finding.location
    message = finding.message
    if location is not None and location.line is not None:
        properties["line"] = str(location.line)
        if location.column is not None:
            properties["col"] = str(location.column)
    elif location is not None:
        message = f"{location}: {message}"
    properties["title"] = f"{finding.code} {finding.name}"
    if finding.suggestion:
        message = f"{message}\n建议：{finding.suggestion}"
    return workflow_command(COMMANDS[finding.severity], properties, message)


def render_github(result: LintResult) -> str:
    """The findings as workflow commands, one per line."""
    return GithubReport().whole(result)


def github_start(result: LintResult) -> str:
    """The report's start: an ``::error`` for each unreadable file."""
    lines = [
        workflow_command(
            "error",
            {
                "file": printable(artifact_path(status.path)),
                "title": "jxlint 无法读取 (unreadable)",
            },
            status.error or status.path,
        )
        for status in result.files
        if not status.ok
    ]
    return "".join(f"{line}\n" for line in lines)


def github_lines(findings: list[Finding]) -> str:
    """The annotations of ``findings`` (one file's, when the report is written as the run goes)."""
    return "".join(f"{_annotation(finding)}\n" for finding in findings)


class GithubReport(LineReport):
    """``--format github`` written file by file (:class:`linter.reporters.StreamingReport`)."""

    def start(self, result: LintResult) -> str:
        """The unreadable files' errors (:func:`github_start`)."""
        return github_start(result)

    def lines(self, findings: list[Finding]) -> str:
        """One file's annotations."""
        return github_lines(findings)

"""``--format concise``: one line per finding, ``path:place: CODE 级别 message``.

The place is what editors and terminals make clickable for text and delimited files
(``path:12:5:``) and the cell otherwise: ``path:Sheet1!G12:`` for workbooks, ``path:p3:r12:c4:``
for PDFs (page, table row, column), ``path:t1:r3:c2:`` for Word tables. A file that could not be
read is its one error line; the last line counts the findings.
"""

from __future__ import annotations

from linter.errors import printable
from linter.findings import Finding, Severity
from linter.lint import LintResult
from linter.reporters import LineReport


def concise_line(finding: Finding) -> str:
    """One finding as one line (line breaks in its message become spaces)."""
    place = finding.location.compact() if finding.location else ""
    where = f"{finding.path}:{place}" if place else finding.path
    message = " ".join(finding.message.split("\n"))
    return printable(f"{where}: {finding.code} {finding.severity.label} {message}")


def render_concise(result: LintResult) -> str:
    """Every finding on its own line, then the unreadable files, then the count."""
    return ConciseReport().whole(result)


def concise_lines(findings: list[Finding]) -> str:
    """The lines of ``findings`` (one file's, when the report is written as the run goes)."""
    return "".join(f"{concise_line(finding)}\n" for finding in findings)


def concise_end(result: LintResult) -> str:
    """The report's end: the unreadable files, then the count."""
    lines = [f"{status.error}" for status in result.files if not status.ok]
    counts = "，".join(f"{severity.label} {result.count(severity)}" for severity in Severity)
    lines.append(f"共 {result.finding_count} 个问题（{counts}；{len(result.files)} 个文件）")
    return "".join(f"{line}\n" for line in lines)


class ConciseReport(LineReport):
    """``--format concise`` written file by file (:class:`linter.reporters.StreamingReport`)."""

    def lines(self, findings: list[Finding]) -> str:
        """One file's findings, a line each."""
        return concise_lines(findings)

    def end(self, result: LintResult) -> str:
        """The unreadable files and the count (:func:`concise_end`)."""
        return concise_end(result)

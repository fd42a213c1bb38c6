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


def concise_line(finding: Finding) -> str:
    """One finding as one line (line breaks in its message become spaces)."""
    place = finding.location.compact() if finding.location else ""
    where = f"{finding.path}:{place}" if place else finding.path
    message = " ".join(finding.message.split("\n"))
    return printable(f"{where}: {finding.code} {finding.severity.label} {message}")


def render_concise(result: LintResult, *, color: bool = False, width: int | None = None) -> str:
    """Every finding on its own line, then the unreadable files, then the count."""
    lines = [concise_line(finding) for finding in result.findings]
    lines += [f"{status.error}" for status in result.files if not status.ok]
    counts = "，".join(f"{severity.label} {result.count(severity)}" for severity in Severity)
    lines.append(f"共 {len(result.findings)} 个问题（{counts}；{len(result.files)} 个文件）")
    return "".join(f"{line}\n" for line in lines)

"""What a lint worker does with one request: lint the uploaded files, render what was asked.

The server writes a request's files into a private directory under names it chooses (``001``,
``002`` …: the client's file names are labels, never paths), a worker lints them with the run's
config and engine through :func:`linter.lint.lint_paths`, and the result is relabelled so that
every path in it is the file's label before anything is rendered: neither the report nor an
error message shows where the server kept the bytes.

The downloads offered beside the report are :data:`DOWNLOADS`; a new one is a reporter format
(:data:`linter.reporters.REPORTERS`) and one entry here, and the page shows its button.
"""

from __future__ import annotations

import base64
import dataclasses
from dataclasses import dataclass
from typing import Any

from linter.config import Config
from linter.engine import Engine
from linter.findings import Finding
from linter.lint import FileStatus, LintResult, lint_paths


@dataclass(frozen=True, slots=True)
class Download:
    """A file the page offers to download beside the report: a reporter format rendered from
    the same lint result, under a file name and a button label."""

    format: str
    """A key of :data:`linter.reporters.REPORTERS`."""
    label: str
    filename: str
    media_type: str


DOWNLOADS = (
    Download(
        "xlsx",
        "下载审核工作簿（Excel）",
        "jxlint-审核工作簿.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    Download("json", "下载 JSON 报告", "jxlint-report.json", "application/json"),
)
"""The downloads of the page, in the order of their buttons."""


@dataclass(frozen=True, slots=True)
class Job:
    """One request's work: the stored files (path in the private directory, label) and whether
    the page's outputs (HTML report and downloads) are wanted besides the JSON report."""

    files: tuple[tuple[str, str], ...]
    page: bool


def relabel(result: LintResult, labels: dict[str, str]) -> LintResult:
    """``result`` with every stored path replaced by its label (files, documents, findings and
    their related places, error messages); tracebacks are dropped."""

    def label(path: str) -> str:
        return labels.get(path, path)

    def text(message: str | None) -> str | None:
        if message is None:
            return None
        for path, name in labels.items():
            message = message.replace(path, name)
        return message

    def status(entry: FileStatus) -> FileStatus:
        return FileStatus(label(entry.path), entry.format, text(entry.error))

    def finding(entry: Finding) -> Finding:
        related = tuple(dataclasses.replace(r, path=label(r.path)) for r in entry.related)
        return dataclasses.replace(entry, path=label(entry.path), related=related)

    return LintResult(
        files=[status(entry) for entry in result.files],
        documents=[dataclasses.replace(d, path=label(d.path)) for d in result.documents],
        findings=[finding(entry) for entry in result.findings],
        baseline=result.baseline,
        errors=[status(entry) for entry in result.errors],
    )


def run_job(job: Job, config: Config, engine: Engine) -> dict[str, Any]:
    """Lint the job's files: the ``jxlint.report/1`` dict, and for the page the HTML report and
    each of :data:`DOWNLOADS` (base64), all with labels for paths."""
    from linter.reporters import ReportError, render
    from linter.reporters.json_report import report_to_dict

    labels = dict(job.files)
    result = relabel(lint_paths(list(labels), config, engine, jobs=1), labels)
    out: dict[str, Any] = {"report": report_to_dict(result)}
    if not job.page:
        return out
    out["html"] = render("html", result)
    downloads = []
    for download in DOWNLOADS:
        try:
            content = render(download.format, result)
        except ReportError:
            continue
        data = content.encode("utf-8") if isinstance(content, str) else content
        downloads.append(
            {
                "label": download.label,
                "filename": download.filename,
                "media_type": download.media_type,
                "data": base64.b64encode(data).decode("ascii"),
            }
        )
    out["downloads"] = downloads
    return out

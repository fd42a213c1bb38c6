"""What a lint worker does with one request: lint the uploaded files, render what was asked.

The server writes a request's files into a private directory under names it chooses (``001``,
``002`` …: the client's file names are labels, never paths), a worker lints them with the run's
config and engine through :func:`linter.lint.lint_paths`, and the result is relabelled so that
every path in it is the file's label before anything is rendered: neither the report nor an
error message shows where the server kept the bytes.

The downloads offered beside the report are :data:`DOWNLOADS`; a new one is a reporter format
(:data:`linter.reporters.REPORTERS`) and one entry here: the page shows its button, and a click
posts the same files to ``/api/report/FORMAT`` (nothing is kept between requests, so a download
is linted again; only the page's report is rendered on every check).
"""

from __future__ import annotations

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
    Download(
        "docx",
        "下载审核意见函（Word）",
        "jxlint-审核意见.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    Download("json", "下载 JSON 报告", "jxlint-report.json", "application/json"),
)
"""The downloads of the page, in the order of their buttons."""


@dataclass(frozen=True, slots=True)
class Job:
    """One request's work: the stored files (path in the private directory, label) and the
    reporter formats to render besides the ``jxlint.report/1`` dict (``html`` for the page, a
    download's format)."""

    files: tuple[tuple[str, str], ...]
    formats: tuple[str, ...] = ()


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
    """Lint the job's files: ``report``, the ``jxlint.report/1`` dict, and ``rendered``, each of
    the job's formats rendered (text or bytes), all with labels for paths.

    Raises :class:`~linter.reporters.ReportError` when a format cannot be rendered here (a
    missing optional package).
    """
    from linter.reporters import render
    from linter.reporters.json_report import report_to_dict

    labels = dict(job.files)
    result = relabel(lint_paths(list(labels), config, engine, jobs=1), labels)
    options = config.report_options()
    rendered = {output: render(output, result, **options) for output in job.formats}
    return {"report": report_to_dict(result), "rendered": rendered}


def download_for(output: str) -> Download | None:
    """The entry of :data:`DOWNLOADS` for a reporter format, if the page offers it."""
    return next((download for download in DOWNLOADS if download.format == output), None)

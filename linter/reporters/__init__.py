"""Reporters: one small module per output format, all printing the same findings."""

from __future__ import annotations

import contextlib
import importlib
import inspect
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from linter.findings import Finding
    from linter.lint import LintResult
    from linter.model import Document

REPORTERS = {
    "text": "linter.reporters.text_report:render_text",
    "concise": "linter.reporters.concise_report:render_concise",
    "json": "linter.reporters.json_report:render_json",
    "jsonl": "linter.reporters.jsonl_report:render_jsonl",
    "sarif": "linter.reporters.sarif_report:render_sarif",
    "github": "linter.reporters.github_report:render_github",
    "junit": "linter.reporters.junit_report:render_junit",
    "html": "linter.reporters.html_report:render_html",
    "xlsx": "linter.reporters.xlsx_report:render_xlsx",
    "review": "linter.reporters.review_report:render_review",
    "review-json": "linter.reporters.review_report:render_review_json",
    "docx": "linter.reporters.review_docx:render_docx",
}
"""Output format → ``module:function`` rendering a :class:`LintResult` (imported lazily).

A renderer returns text, or bytes for the formats in :data:`BINARY_FORMATS`.
"""

REPORT_FORMATS = tuple(REPORTERS)

STREAMING = {
    "text": "linter.reporters.text_report:TextReport",
    "concise": "linter.reporters.concise_report:ConciseReport",
    "jsonl": "linter.reporters.jsonl_report:JsonlReport",
    "github": "linter.reporters.github_report:GithubReport",
}
"""Formats written file by file as the run goes → ``module:class`` of their writer: made with
the options its ``__init__`` names, it has ``wants_documents`` and ``start(result)``,
``file(findings, document)`` and ``end(result)``, each returning the report's next text. The
other formats need the whole run: they keep its findings (and, :data:`DOCUMENT_FORMATS`, its
documents) until it ends."""

DOCUMENT_FORMATS = frozenset({"html", "xlsx", "review", "review-json", "docx"})
"""Formats that lay out every project of the run, not only the findings (the review gives
every project its result): the run keeps its documents for them."""

BINARY_FORMATS = frozenset({"xlsx", "docx"})
"""Formats whose report is bytes: they are written to ``--output``, never to the terminal."""


class ReportError(Exception):
    """A report that cannot be produced, e.g. a missing optional dependency (one line, exit 2)."""


def render(output_format: str, result: LintResult, **options: object) -> str | bytes:
    """The report of ``result`` in ``output_format``: text, or bytes for binary formats.

    Each renderer takes the options it names: ``color`` and ``width`` (the text reports), ``root`` (the
    directory SARIF makes paths relative to; default: the working directory), ``show_info``
    (the text report lists info findings one by one instead of counting them), ``max_per_rule``
    (how many findings of one rule the text report prints per project) and ``grades`` (the
    review's thresholds of 优, 良 and 中, see :mod:`linter.review`).
    """
    module, function = REPORTERS[output_format].split(":")
    renderer = getattr(importlib.import_module(module), function)
    return renderer(result, **_options_for(renderer, options))


def _options_for(function: Callable[..., object], options: dict[str, object]) -> dict[str, object]:
    accepted = inspect.signature(function).parameters
    return {name: value for name, value in options.items() if name in accepted}


class LineReport:
    """A streaming writer whose report is independent lines (concise, jsonl, github): its
    :meth:`start`, then :meth:`lines` of each file's findings, then its :meth:`end`. A format
    overrides :meth:`lines` and, if it has them, :meth:`start` and :meth:`end`; the whole-run
    report is :meth:`whole`."""

    wants_documents = False
    """A line names its own place: the documents are not needed."""

    def start(self, result: LintResult) -> str:
        """What comes before the first file's lines (nothing by default)."""
        return ""

    def lines(self, findings: list[Finding]) -> str:
        """The lines of one file's findings."""
        raise NotImplementedError

    def file(self, findings: list[Finding], document: Document | None) -> str:
        """One file's lines (the document is not read)."""
        return self.lines(findings)

    def end(self, result: LintResult) -> str:
        """What comes after the last file's lines (nothing by default)."""
        return ""

    def whole(self, result: LintResult) -> str:
        """The report of a whole run at once."""
        return self.start(result) + self.lines(result.findings) + self.end(result)


class StreamingReport:
    """A :data:`STREAMING` format's report written to ``write`` as the run hands it each file's
    findings (:class:`linter.lint.FileReport`); :meth:`end` writes its end once the run is over.
    """

    def __init__(self, output_format: str, write: Callable[[str], object], **options: object):
        module, name = STREAMING[output_format].split(":")
        writer = getattr(importlib.import_module(module), name)
        self.writer = writer(**_options_for(writer, options))
        self.write = write
        self.wants_documents: bool = self.writer.wants_documents

    def start(self, result: LintResult) -> None:
        """Write the report's start (every file read, no finding handed over yet)."""
        self.write(self.writer.start(result))

    def file(self, findings: list[Finding], document: Document | None) -> None:
        """Write one file's findings."""
        self.write(self.writer.file(findings, document))

    def end(self, result: LintResult) -> None:
        """Write the report's end."""
        self.write(self.writer.end(result))


def _new_file_mode(path: str) -> int:
    """The mode the written file gets: the replaced file's, else what ``open`` would give."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(path: str, text: str | bytes) -> None:
    """Write ``text`` (as UTF-8) or bytes to ``path`` via a temporary file and a rename.

    Never half-written.

    The data is flushed to disk before the rename, and the file keeps the permissions it had
    (a new one gets the usual ``0o666 & ~umask``, not the temporary file's ``0o600``).
    """
    with atomic_output(path) as stream:
        stream.write(text.encode("utf-8") if isinstance(text, str) else text)


@contextlib.contextmanager
def atomic_output(path: str) -> Iterator[IO[bytes]]:
    """A binary stream whose bytes replace ``path`` when the ``with`` block ends without an
    exception (see :func:`write_atomically`), and are thrown away when it raises."""
    directory = os.path.dirname(os.path.abspath(path))
    mode = _new_file_mode(path)
    handle, temporary = tempfile.mkstemp(prefix=".jxlint-", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise

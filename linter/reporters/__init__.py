"""Reporters: one small module per output format, all printing the same findings."""

from __future__ import annotations

import importlib
import inspect
import os
import stat
import tempfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.lint import LintResult

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

BINARY_FORMATS = frozenset({"xlsx", "docx"})
"""Formats whose report is bytes: they are written to ``--output``, never to the terminal."""


class ReportError(Exception):
    """A report that cannot be produced, e.g. a missing optional dependency (one line, exit 2)."""


def render(output_format: str, result: LintResult, **options: object) -> str | bytes:
    """The report of ``result`` in ``output_format``: text, or bytes for binary formats.

    Each renderer takes the options it names: ``color`` and ``width`` (all), ``root`` (the
    directory SARIF makes paths relative to; default: the working directory), ``show_info``
    (the text report lists info findings one by one instead of counting them), ``max_per_rule``
    (how many findings of one rule the text report prints per project) and ``grades`` (the
    review's thresholds of 优, 良 and 中, see :mod:`linter.review`).
    """
    module, function = REPORTERS[output_format].split(":")
    renderer = getattr(importlib.import_module(module), function)
    accepted = inspect.signature(renderer).parameters
    return renderer(result, **{name: value for name, value in options.items() if name in accepted})


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
    directory = os.path.dirname(os.path.abspath(path))
    mode = _new_file_mode(path)
    handle, temporary = tempfile.mkstemp(prefix=".jxlint-", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8") if isinstance(text, str) else text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise

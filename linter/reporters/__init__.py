"""Reporters: one small module per output format, all printing the same findings."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable

from linter.lint import LintResult

REPORT_FORMATS = ("text", "json")


def render(output_format: str, result: LintResult, *, color: bool, width: int | None) -> str:
    """The report of ``result`` in ``output_format`` as a string."""
    renderer: Callable[..., str]
    if output_format == "json":
        from linter.reporters.json_report import render_json as renderer
    else:
        from linter.reporters.text_report import render_text as renderer
    return renderer(result, color=color, width=width)


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename (never half-written)."""
    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".jxlint-", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise

"""Reporters: one small module per output format, all printing the same findings."""

from __future__ import annotations

import importlib
import os
import tempfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.lint import LintResult

REPORTERS = {
    "text": "linter.reporters.text_report:render_text",
    "json": "linter.reporters.json_report:render_json",
}
"""Output format → ``module:function`` rendering a :class:`LintResult` to text (imported lazily)."""

REPORT_FORMATS = tuple(REPORTERS)


def render(output_format: str, result: LintResult, *, color: bool, width: int | None) -> str:
    """The report of ``result`` in ``output_format`` as a string."""
    module, function = REPORTERS[output_format].split(":")
    renderer = getattr(importlib.import_module(module), function)
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

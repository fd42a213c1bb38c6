"""``--format jsonl``: one finding per line (the ``jxlint.report/1`` finding object), for pipes."""

from __future__ import annotations

from linter.lint import LintResult
from linter.serialize import json_text


def render_jsonl(result: LintResult, *, color: bool = False, width: int | None = None) -> str:
    """Each finding as one compact JSON object on its own line."""
    return "".join(json_text(finding.to_dict()) + "\n" for finding in result.findings)

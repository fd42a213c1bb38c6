"""``--format jsonl``: one finding per line (the ``jxlint.report/1`` finding object), for pipes."""

from __future__ import annotations

import json

from linter.lint import LintResult


def render_jsonl(result: LintResult, *, color: bool = False, width: int | None = None) -> str:
    """Each finding as one compact JSON object on its own line."""
    return "".join(
        json.dumps(finding.to_dict(), ensure_ascii=False) + "\n" for finding in result.findings
    )

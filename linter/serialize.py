"""The document model as ``jxlint.document/1`` JSON (see shared/docs/interfaces.md)."""

from __future__ import annotations

import json
import re
from typing import Any

from linter.errors import BIDI_CONTROLS
from linter.model import Amounts, Document, Indicator, Note, Project, Unit

DOCUMENT_SCHEMA = "jxlint.document/1"

_ESCAPED_IN_JSON = re.compile("[\x7f-\x9f\ud800-\udfff" + "".join(sorted(BIDI_CONTROLS)) + "]")
"""What :func:`json_text` writes as ``\\uXXXX`` beyond what ``json`` escapes (below U+0020)."""


def json_text(value: Any, indent: int | None = None) -> str:
    """``value`` as JSON, non-ASCII text kept as it is, always valid UTF-8 and safe to print.

    A lone surrogate (an undecodable byte of a file name, as ``os`` decodes it), DEL, a C1
    control or a bidi control is written as its ``\\uXXXX`` escape, which a JSON reader turns
    back into the same string, so ``cat report.json`` cannot reorder or recolor a terminal.
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _ESCAPED_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def document_to_dict(document: Document) -> dict[str, Any]:
    """The document as a JSON-ready dict in the ``jxlint.document/1`` shape."""
    return {
        "schema": DOCUMENT_SCHEMA,
        "path": document.path,
        "format": document.format,
        "department": document.department,
        "amount_unit": document.amount_unit,
        "total": _amounts(document.total),
        "total_location": document.total_location.to_dict() if document.total_location else None,
        "units": [_unit(unit) for unit in document.units],
        "notes": [_note(note) for note in document.notes],
    }


def _amounts(amounts: Amounts | None) -> dict[str, str | None] | None:
    return amounts.to_dict() if amounts is not None else None


def _unit(unit: Unit) -> dict[str, Any]:
    return {
        "name": unit.name,
        "amounts": _amounts(unit.amounts),
        "location": unit.location.to_dict(),
        "projects": [_project(project) for project in unit.projects],
    }


def _project(project: Project) -> dict[str, Any]:
    return {
        "name": project.name,
        "ordinal": project.ordinal,
        "amounts": _amounts(project.amounts),
        "goal": project.goal,
        "location": project.location.to_dict(),
        "indicators": [_indicator(indicator) for indicator in project.indicators],
    }


def _indicator(indicator: Indicator) -> dict[str, Any]:
    return {
        "index": indicator.index,
        "number": indicator.number,
        "level1_code": indicator.level1_code,
        "level1": indicator.level1,
        "level2_code": indicator.level2_code,
        "level2": indicator.level2,
        "name": indicator.name,
        "cycle_value": indicator.cycle_value,
        "annual_value": indicator.annual_value,
        "location": indicator.location.to_dict(),
    }


def _note(note: Note) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": note.kind, "message": note.message}
    if note.text:
        out["text"] = note.text
    out["location"] = note.location.to_dict()
    return out

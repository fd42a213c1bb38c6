"""The one finding type every rule produces and every reporter prints."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from linter.frozen import stored_by_slot
from linter.model import Location


class Severity(str, Enum):
    """How serious a finding is; ``error`` fails a run by default."""

    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]

    @property
    def label(self) -> str:
        """The Chinese label used in reports."""
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding is about: the twin of a duplicate, a row of a total."""

    path: str
    project: str | None
    project_ordinal: int | None
    location: Location | None
    unit: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The related place as JSON."""
        out: dict[str, Any] = {
            "path": self.path,
            "unit": self.unit,
            "project": self.project,
            "project_ordinal": self.project_ordinal,
            "location": self.location.to_dict() if self.location else None,
        }
        if self.note:
            out["note"] = self.note
        return out


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Folded:
    """A finding folded into another because it describes the same defect of the same place
    (see :mod:`linter.folding`): kept for the record, shown as "另：…"."""

    code: str
    name: str
    severity: Severity
    message: str

    def to_dict(self) -> dict[str, Any]:
        """The folded finding as JSON."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
        }


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by one rule at one place (``jxlint.report/1`` finding)."""

    code: str
    name: str
    severity: Severity
    message: str
    path: str
    location: Location | None
    suggestion: str | None = None
    department: str | None = None
    unit: str | None = None
    project: str | None = None
    project_ordinal: int | None = None
    indicator: int | None = None
    indicator_name: str | None = None
    field: str | None = None
    excerpt: str | None = None
    related: tuple[Related, ...] = ()
    folded: tuple[Folded, ...] = ()
    """Findings of related rules on the same place, folded into this one."""

    @property
    def family(self) -> str:
        """The rule family: the first letter of the code."""
        return self.code[0]

    @property
    def fingerprint(self) -> str:
        """A content fingerprint that survives reordering, re-wrapping and format changes.

        Built from the code, department, unit, project name, indicator name, field and the
        normalised offending text — never from line numbers or positions.
        """
        parts = (
            self.code,
            self.department or "",
            self.unit or "",
            self.project or "",
            self.indicator_name or "",
            self.field or "",
            normalise_text(self.excerpt or ""),
        )
        digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
        return digest[:20]

    def sort_key(self) -> tuple:
        """Document order: file, location, then code."""
        location = self.location.sort_key() if self.location else ()
        return (self.path, location, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        """The finding in the ``jxlint.report/1`` shape."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "suggestion": self.suggestion,
            "path": self.path,
            "location": self.location.to_dict() if self.location else None,
            "unit": self.unit,
            "project": self.project,
            "project_ordinal": self.project_ordinal,
            "indicator": self.indicator,
            "field": self.field,
            "excerpt": self.excerpt,
            "related": [related.to_dict() for related in self.related],
            "folded": [folded.to_dict() for folded in self.folded],
            "fingerprint": self.fingerprint,
        }


def normalise_text(text: str) -> str:
    """Text with whitespace removed and full-width ASCII folded, for comparisons.

    Only the runs of full-width characters are translated (translating a whole Chinese text
    looks every character up); ``str.split`` removes the same characters as ``\\s``.
    """
    return "".join(_FULLWIDTH_CHARACTERS.sub(_fold_fullwidth, text).split())


FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
FULLWIDTH[0x3000] = 0x20
_FULLWIDTH_CHARACTERS = re.compile("[\uff01-\uff5e\u3000]+")
"""Runs of the characters :data:`FULLWIDTH` folds."""


def _fold_fullwidth(run: re.Match[str]) -> str:
    return run.group().translate(FULLWIDTH)

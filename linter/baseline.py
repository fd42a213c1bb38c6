"""Baselines: record today's findings, then report only the findings that are new.

A baseline file (``jxlint.baseline/1``) is readable, sorted JSON, one entry per finding::

    {
      "schema": "jxlint.baseline/1",
      "entries": [
        {"fingerprint": "…", "code": "V01", "path": "tables/2024.txt", "project": "…", "message": "…"}
      ]
    }

Entries match findings by content fingerprint only (code, department, unit, project name,
indicator name, field and the normalised offending text: see
:attr:`linter.findings.Finding.fingerprint`), so re-wrapping, reordering projects, renaming the
file or converting it from text to TSV does not bring old findings back. Matching counts
multiplicity: two identical entries absorb two identical findings, not a third. ``path`` (relative
to the baseline file's directory) says which file an entry belongs to (:class:`BaselineFilter`:
its own file's entries first, then those of files a run did not lint); ``project`` and
``message`` are there for people reading the file and never decide a match.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from linter.errors import InputError
from linter.findings import Finding
from linter.serialize import json_text

if TYPE_CHECKING:
    from linter.lint import FileStatus

BASELINE_SCHEMA = "jxlint.baseline/1"
MESSAGE_LENGTH = 60
"""Characters of a finding's message kept in its entry (for people; matching ignores it)."""


@dataclass(frozen=True, slots=True, order=True)
class BaselineEntry:
    """One recorded finding. Field order is the file's sort order."""

    path: str
    code: str
    project: str
    fingerprint: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """The entry as it is written to the file."""
        return {
            "fingerprint": self.fingerprint,
            "code": self.code,
            "path": self.path,
            "project": self.project,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Baseline:
    """A loaded baseline file: where it is and its entries."""

    path: str
    entries: tuple[BaselineEntry, ...]


@dataclass(frozen=True, slots=True)
class BaselineSummary:
    """What applying a baseline did to a run.

    ``matched``: findings hidden because the baseline records them; ``fixed``: entries of files
    this run linted that no finding matched any more; ``unchecked``: unmatched entries of files
    this run did not lint (not given, renamed or unreadable), which may or may not be fixed.
    """

    path: str
    matched: int
    fixed: int
    unchecked: int

    def to_dict(self) -> dict[str, Any]:
        """``summary.baseline`` of the JSON report."""
        return {
            "file": self.path,
            "matched": self.matched,
            "fixed": self.fixed,
            "unchecked": self.unchecked,
        }

    def one_line(self) -> str:
        """The summary as the one line printed on stderr."""
        line = (
            f"基线 baseline {self.path}: {self.matched} 个已知问题未报告 (matched), "
            f"{self.fixed} 条记录已不再出现 (fixed)"
        )
        if self.unchecked:
            line += f", {self.unchecked} 条属于本次未检查的文件 (unchecked: files not linted)"
        return line


def entry_path(path: str, directory: str) -> str:
    """A path as a baseline entry records it: ``path`` relative to ``directory`` with ``/``
    separators (absolute if on another drive)."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, directory)
    except ValueError:
        relative = absolute
    return relative.replace(os.sep, "/")


def _short(message: str) -> str:
    flat = " ".join(message.split())
    return flat if len(flat) <= MESSAGE_LENGTH else flat[: MESSAGE_LENGTH - 1] + "…"


def entry_for(finding: Finding, directory: str) -> BaselineEntry:
    """The baseline entry recording ``finding``, its path relative to ``directory``."""
    return BaselineEntry(
        path=entry_path(finding.path, directory),
        code=finding.code,
        project=finding.project or "",
        fingerprint=finding.fingerprint,
        message=_short(finding.message),
    )


def render_baseline(findings: list[Finding], baseline_path: str) -> str:
    """The text of a baseline file recording ``findings``: sorted, one entry per line."""
    directory = os.path.dirname(os.path.abspath(baseline_path))
    entries = sorted(entry_for(finding, directory) for finding in findings)
    lines = [json_text(entry.to_dict()) for entry in entries]
    body = ",\n".join(f"    {line}" for line in lines)
    entries_text = f"[\n{body}\n  ]" if lines else "[]"
    return f'{{\n  "schema": "{BASELINE_SCHEMA}",\n  "entries": {entries_text}\n}}\n'


def _entry_from(item: Any, number: int, path: str) -> BaselineEntry:
    if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
        raise InputError(
            path,
            f"基线文件第 {number} 条记录没有 fingerprint (baseline entry {number} has no fingerprint)",
        )
    return BaselineEntry(
        path=str(item.get("path") or ""),
        code=str(item.get("code") or ""),
        project=str(item.get("project") or ""),
        fingerprint=item["fingerprint"],
        message=str(item.get("message") or ""),
    )


def load_baseline(path: str) -> Baseline:
    """Read a baseline file; raises :class:`InputError` (one line) when it is unusable."""
    try:
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
    except FileNotFoundError:
        raise InputError(path, "基线文件不存在 (no such baseline file)") from None
    except IsADirectoryError:
        raise InputError(path, "基线文件是目录 (baseline is a directory)") from None
    except UnicodeDecodeError:
        raise InputError(path, "基线文件不是 UTF-8 文本 (baseline is not UTF-8 text)") from None
    except OSError as error:
        raise InputError(path, f"无法读取基线文件 ({error.strerror or error})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            path,
            f"基线文件不是有效的 JSON (baseline is not valid JSON: {error.msg})",
            f"{error.lineno}:{error.colno}",
        ) from None
    schema = data.get("schema") if isinstance(data, dict) else None
    if schema != BASELINE_SCHEMA:
        found = f"“{schema}”" if isinstance(schema, str) else "没有 schema"
        raise InputError(
            path,
            f"不是 {BASELINE_SCHEMA} 基线文件（{found}）(not a {BASELINE_SCHEMA} baseline)",
        )
    items = data.get("entries")
    if not isinstance(items, list):
        raise InputError(path, "基线文件没有 entries 列表 (baseline has no entries list)")
    entries = tuple(_entry_from(item, number, path) for number, item in enumerate(items, 1))
    return Baseline(path, entries)


class BaselineFilter:
    """Drops the findings a baseline records, file by file, and counts what happened.

    Each entry absorbs at most one finding with its fingerprint: a finding is matched first by
    the entries recorded for its own file, then (a renamed or converted file) by those of files
    this run did not lint, the first such path first. An entry recorded for another file that
    this run linted describes that file: it never absorbs a finding elsewhere, and when its file
    no longer has the finding it is ``fixed``.
    """

    def __init__(self, baseline: Baseline, files: list[FileStatus]) -> None:
        self.baseline = baseline
        self.directory = os.path.dirname(os.path.abspath(baseline.path))
        linted = {entry_path(status.path, self.directory) for status in files if status.ok}
        self.own: dict[str, Counter[str]] = {}
        """Each linted file's entries: entry path → fingerprint → how many are left."""
        self.elsewhere: dict[str, Counter[str]] = {}
        """Entries of files not linted: fingerprint → entry path → how many are left."""
        for entry in baseline.entries:
            if entry.path in linted:
                self.own.setdefault(entry.path, Counter())[entry.fingerprint] += 1
            else:
                self.elsewhere.setdefault(entry.fingerprint, Counter())[entry.path] += 1
        self.matched = 0

    def new(self, path: str, findings: list[Finding]) -> list[Finding]:
        """Of one file's findings (each file once, all of them at once), those not recorded."""
        own = self.own.get(entry_path(path, self.directory), Counter())
        new = []
        for finding in findings:
            if own[finding.fingerprint] > 0:
                own[finding.fingerprint] -= 1
                continue
            paths = self.elsewhere.get(finding.fingerprint)
            candidates = [entry for entry, left in paths.items() if left > 0] if paths else []
            if candidates:
                paths[min(candidates)] -= 1
                continue
            new.append(finding)
        self.matched += len(findings) - len(new)
        return new

    def summary(self) -> BaselineSummary:
        """What the baseline did to the run (once each file's findings went through :meth:`new`)."""
        return BaselineSummary(
            self.baseline.path,
            matched=self.matched,
            fixed=sum(sum(counts.values()) for counts in self.own.values()),
            unchecked=sum(sum(paths.values()) for paths in self.elsewhere.values()),
        )

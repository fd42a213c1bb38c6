"""Vocabularies as data: phrase lists and keyword tables kept in TOML next to the rules.

A vocabulary file holds named lists of entries::

    [[vague]]
    pattern = "(有所|持续)(提升|提高)"
    match = ["有所提升"]          # examples the pattern must match (checked by a test)
    no_match = ["提升10%"]        # examples it must not match

An entry has ``pattern`` (a regular expression) or ``words`` (literal alternatives), and may carry
more keys (``code = "13"``) that the rule reads. List names are shared by all files: extra
vocabulary files named in the config extend the built-in lists of the same name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from linter.toml import ConfigError, line_of, load_toml

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


@dataclass(frozen=True, slots=True)
class Entry:
    """One vocabulary entry: a compiled pattern, its examples and any extra data."""

    pattern: re.Pattern[str]
    source: str
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)

    def search(self, text: str) -> re.Match[str] | None:
        """The first match of the entry in ``text``."""
        return self.pattern.search(text)


@dataclass(slots=True, eq=False)
class Vocabulary:
    """Named lists of entries loaded from one or more files.

    Compared and hashed by identity, so the rules' caches can key on the vocabulary itself (the
    cache keeps it alive; a loaded vocabulary is not changed afterwards).
    """

    lists: dict[str, list[Entry]] = field(default_factory=dict)

    def get(self, name: str) -> list[Entry]:
        """The entries of the list ``name`` (empty if no file defines it)."""
        return self.lists.get(name, [])

    def first(self, name: str, text: str) -> tuple[Entry, re.Match[str]] | None:
        """The first entry of ``name`` (in file order) that matches ``text``, with its match."""
        for entry in self.lists.get(name, ()):
            found = entry.pattern.search(text)
            if found:
                return entry, found
        return None

    def extend(self, path: str) -> None:
        """Add the lists of another vocabulary file."""
        for name, entries in read_vocabulary(path).items():
            self.lists.setdefault(name, []).extend(entries)


def read_vocabulary(path: str) -> dict[str, list[Entry]]:
    """Read one vocabulary file; malformed entries raise :class:`ConfigError` with the line."""
    data = load_toml(path)
    lists: dict[str, list[Entry]] = {}
    for name, items in data.items():
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ConfigError(path, f"“{name}” 应为条目数组 [[{name}]]", line_of(path, name))
        lists[name] = [_entry(path, name, item) for item in items]
    return lists


def _entry(path: str, name: str, item: dict[str, Any]) -> Entry:
    extra = {k: v for k, v in item.items() if k not in ("pattern", "words", "match", "no_match")}
    if "pattern" in item:
        source = item["pattern"]
        if not isinstance(source, str):
            raise ConfigError(path, f"{name}: pattern 应为字符串", line_of(path, str(source)))
    elif "words" in item and isinstance(item["words"], list):
        source = "|".join(re.escape(str(word)) for word in item["words"])
    else:
        raise ConfigError(
            path, f"{name}: 条目需要 pattern 或 words (entry needs pattern or words)", None
        )
    try:
        pattern = re.compile(source)
    except re.error as error:
        raise ConfigError(
            path, f"{name}: 正则表达式错误 {error.msg}: {source}", line_of(path, source[:20])
        ) from None
    return Entry(
        pattern=pattern,
        source=source,
        match=tuple(item.get("match", ())),
        no_match=tuple(item.get("no_match", ())),
        data=extra,
    )


@cache
def load_vocabulary(extra_files: tuple[str, ...] = ()) -> Vocabulary:
    """All built-in vocabularies (``rules/*.toml``) plus ``extra_files``, loaded once per set.

    List names are global: an extra file's ``[[vague]]`` entries extend the built-in ``vague``.
    """
    vocabulary = Vocabulary()
    for path in sorted(RULES_DIR.glob("*.toml")):
        vocabulary.extend(str(path))
    for path in extra_files:
        vocabulary.extend(path)
    return vocabulary

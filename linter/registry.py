"""The ordered registry of rules: the built-in catalog plus third-party rule packs.

Third-party packs register under the entry-point group ``jxlint.rules``; the entry point names a
module with a ``RULES`` sequence of :class:`~linter.engine.Rule` classes (or names the sequence
itself).
"""

from __future__ import annotations

import importlib
from functools import cache
from importlib.metadata import entry_points

from linter.engine import FAMILIES, Rule
from linter.toml import ConfigError

BUILTIN_MODULES = (
    "rules.structure",
    "rules.category",
    "rules.value_quality",
    "rules.consistency",
    "rules.completeness",
    "rules.numeric",
    "rules.amounts",
    "rules.duplicates",
    "rules.goal",
)
ENTRY_POINT_GROUP = "jxlint.rules"


def _family_order(rule: type[Rule]) -> tuple[int, str]:
    families = list(FAMILIES)
    letter = rule.code[0]
    return (families.index(letter) if letter in families else len(families), rule.code)


def _rules_of(obj: object, origin: str) -> list[type[Rule]]:
    rules = getattr(obj, "RULES", obj)
    try:
        found = list(rules)  # type: ignore[call-overload]
    except TypeError:
        raise ConfigError(origin, "规则包没有 RULES 列表 (rule pack has no RULES)") from None
    for rule in found:
        if not (isinstance(rule, type) and issubclass(rule, Rule)):
            raise ConfigError(origin, f"不是规则类 (not a Rule class): {rule!r}")
    return found


@cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every available rule class in catalog order (family, then code)."""
    rules: list[type[Rule]] = []
    for module in BUILTIN_MODULES:
        rules.extend(_rules_of(importlib.import_module(module), module))
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        rules.extend(_rules_of(entry.load(), f"entry point {entry.name}"))
    seen: dict[str, type[Rule]] = {}
    for rule in rules:
        if rule.code in seen and seen[rule.code] is not rule:
            raise ConfigError(rule.__module__, f"规则代码重复 (duplicate rule code) {rule.code}")
        seen[rule.code] = rule
    return tuple(sorted(seen.values(), key=_family_order))


def rule_by_key(key: str) -> type[Rule] | None:
    """The rule whose code or name is ``key`` (case-insensitive for codes)."""
    for rule in all_rules():
        if rule.code == key.upper() or rule.name == key:
            return rule
    return None

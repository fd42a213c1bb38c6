"""Helpers the rule families share: parsed values, code tables, text normalisation."""

from __future__ import annotations

import re
from functools import lru_cache

from linter.findings import normalise_text
from linter.model import COST_LEVEL1, COST_LEVEL2, Indicator
from linter.values import Value, parse_value


def bare_name(name: str | None) -> str:
    """A 一级/二级 name stripped and without its optional suffix 指标 (``数量指标`` → ``数量``)."""
    name = (name or "").strip()
    return name[:-2] if name.endswith("指标") else name


BARE_COST_LEVEL1 = bare_name(COST_LEVEL1)
BARE_COST_LEVEL2 = frozenset(bare_name(name) for name in COST_LEVEL2)
"""The cost 一级 and 二级 names without the suffix 指标 (computed once, compared per indicator)."""

RATE_NAME_RE = re.compile(
    r"率(?<!效率)|满意度|（\s*[%％‰]\s*[)）]|\(\s*[%％‰]\s*[)）]|比例|比重|占比"
)
"""An indicator name that names a rate or ratio (率 but not 效率, 满意度, a ``（%）`` unit, 比例 …).

Every alternative starts with its character, so a search skips ahead to one.
"""

VALUE_FIELDS = ("cycle_value", "annual_value")
FIELD_LABELS = {"cycle_value": "实施周期指标值", "annual_value": "年度指标值", "name": "指标名称"}


TEXT_CACHE = 4096
"""Entries of each rule's cache of readings of a text (a value, a name): the few values that come
up in every table (≥95%, 100%, 满意度) stay in it. Bounded small on purpose: with 65,536 entries
the caches held about 230 MB once a run had seen 10^5 varied projects, and a first read of 3,000
never-seen projects was 4% slower than with 4,096 (farm-bench, ``jxlint lint --jobs 1``)."""


@lru_cache(maxsize=TEXT_CACHE)
def parsed(text: str | None) -> Value | None:
    """The value parser's reading of a value (cached: rules read the same values many times)."""
    return parse_value(text)


def values_of(indicator: Indicator) -> list[tuple[str, str]]:
    """The indicator's present, non-empty values as ``(field, text)``; 年度 first."""
    out = []
    for name in ("annual_value", "cycle_value"):
        text = getattr(indicator, name)
        if text and text.strip():
            out.append((name, text))
    return out


def same_text(a: str | None, b: str | None) -> bool:
    """Whether two texts are equal once whitespace and full-width forms are normalised."""
    return a is not None and b is not None and _normalised(a) == _normalised(b)


_normalised = lru_cache(maxsize=TEXT_CACHE)(normalise_text)
""":func:`normalise_text`, cached (the same values come up in every table)."""


def level2_of(indicator: Indicator) -> str | None:
    """The indicator's 二级 code, or ``None`` for uncoded indicators."""
    return indicator.level2_code


def filed_under(level1: str, level1_code: str | None, level2_code: str | None) -> bool:
    """Whether codes file an indicator under the 一级 code ``level1`` (``"2"``: 2-效益指标): its
    一级 code is it, or its 二级 code starts with it."""
    return level1_code == level1 or (level2_code or "").startswith(level1)


def is_benefit(indicator: Indicator) -> bool:
    """Whether the indicator is filed under 2-效益指标."""
    return filed_under("2", indicator.level1_code, indicator.level2_code)


def is_satisfaction(indicator: Indicator) -> bool:
    """Whether the indicator is filed under 3-满意度指标 / 31."""
    return filed_under("3", indicator.level1_code, indicator.level2_code)


def is_output(indicator: Indicator) -> bool:
    """Whether the indicator is filed under 1-产出指标."""
    return filed_under("1", indicator.level1_code, indicator.level2_code)


def quote(text: str | None, limit: int = 40) -> str:
    """Text for a message, shortened to ``limit`` characters."""
    if text is None:
        return ""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"

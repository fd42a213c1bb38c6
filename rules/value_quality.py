"""V — value quality: is each target value a measurable, well-formed target? (op#2, op#4)

Every value is read through the value parser (:func:`rules.common.parsed`); vocabularies (vague
phrases, state words, placeholders, definition markers, name classes) live in
``rules/value_quality.toml``.

**One finding per indicator and rule.** When the 实施周期 value and the 年度 value carry the same
defect (both “有所提升”), the rule reports it once, on ``annual_value``, naming both values; a
defect in only one value is reported on that value's field.

**One value-kind code per value.** A non-numeric value could read as vague (V01), unverifiable
(V02), a restated name (V03), a placeholder (V04), a text in a rate (V05), a satisfaction proxy
(V06) and a definition (V12) at once. Each value gets at most one of these, the most specific,
in the order :data:`VALUE_KIND_ORDER` declares (each rule owns its test, the family owns the
order and the gates that let a value pass): V04 placeholder → V03 equals the name → V12 formula/question/scoring rule/metric
name → V06 satisfaction indicator → V05 rate name → V01 vague wording → V02 state word → V12 a
paraphrase of the name beside a numeric twin → V01 nothing checkable: a value with no number and
no date that is none of the above and not in the small acceptable class (``val_checkable``:
completed or accepted work, conformance with a named document, full coverage, a grade on a
scale, an event that must not happen) asserts no target. Binary outcomes (通过/合格/达标/是/否) and bounds
against a named reference (不超过定编人数) pass V01, V02 and the metric/paraphrase branches of
V12. The shape rules V07–V11 and V13 are independent of that chain.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache

from rapidfuzz import fuzz

from linter.engine import Context, Hit, Rule, Scope
from linter.findings import Severity, normalise_text
from linter.frozen import stored_by_slot
from linter.model import Indicator
from linter.values import RATIO_UNITS, TIME_UNITS, Value, is_unit, may_state_quantity, value_text
from linter.vocab import Entry, Vocabulary
from rules.common import FIELD_LABELS, TEXT_CACHE, filed_under, parsed, quote

RESTATE_SIMILARITY = 85
"""V03: a non-numeric value at least this similar (rapidfuzz ratio, 0–100) to the name restates it."""

PARAPHRASE_SHARE = 0.5
"""V12: a value sharing a run of this share of its characters with the name paraphrases it."""

_EDGE = " 。.;；,，、:：!！?？"
_BRACKET = re.compile(r"[（(]\s*(?:单位[:：])?\s*([^（）()]{1,8}?)\s*[）)]")
_BRACKETS = re.compile(r"[（(][^（）()]*[）)]")
_FRACTION = re.compile(r"[0-9]\s*[/:：]\s*[0-9]")
_SEGMENT_SPLIT = re.compile(r"[;；。、\n]|,(?![0-9]{3}(?![0-9]))|，")
_METRIC_SUBJECT = re.compile(r"(率|数|量|度|比例|比重|占比)$")
_RATE_WORD = re.compile(r"(?<!效)率|比例|比重|占比")
_MULTIPLIED = re.compile(r"[0-9][万亿千](?![\u4e00-\u9fff])")
"""A figure with 万/亿/千 and nothing after it: for a money measure, 万元."""
_CHANGE_VERB = re.compile(r"(减少|下降|降低|压减|缩减|增长|增加|提高|提升|上升|节约|节省)$")
"""The end of a subject that makes the percentage after it a change (``比上年减少3%``)."""
_DIGIT_OR_PERCENT = re.compile(r"[0-9%]")
_DOUBLED_COMPARATOR = re.compile(r"[≥≤≧≦][≥≤≧≦><=]|[><][≥≤≧≦><]|==")

DEFAULT_HINT = "写明可衡量的目标值，如{example}，或采用分级分档表述"
"""The suggestion for a value with no target; ``{example}`` is filled from the name's measure."""

NAME_KIND_EXAMPLES = {
    "rate": "“≥95%”",
    "count": "“不少于20{unit}”",
    "time": "“≤5个工作日”",
    "money": "“≤3000元/人”",
}
"""Example targets by what the indicator's name measures (:func:`_name_kind`)."""


def _example(vocab: Vocabulary, name: str) -> str:
    """An example target that fits the indicator's name: a rate for a 率, a count in the name's
    unit for a 数量 (``不少于20人``), a time limit, an amount; both a rate and a count when the
    name does not say."""
    kind = _name_kind(vocab, name)
    if kind is None:
        return "“≥95%”“不少于20次”"
    return NAME_KIND_EXAMPLES[kind].format(unit=_name_unit(name) or "次")


def _hint(vocab: Vocabulary, template: str, name: str) -> str:
    """A suggestion template with its ``{example}`` filled in for this indicator."""
    return template.format(example=_example(vocab, name)) if "{example}" in template else template


# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=TEXT_CACHE)
def _norm(text: str) -> str:
    """The parser's normalised text (no whitespace, no ``标准：``), ASCII folded, edges stripped.

    Cached: the chain compares every value and every name this way.
    """
    return normalise_text(value_text(text)).strip(_EDGE)


def _name_core(name: str) -> str:
    """The 指标名称 without bracketed notes (``（%）``, ``（境）``) and edge punctuation."""
    return _BRACKETS.sub("", normalise_text(name)).strip(_EDGE)


def _fmt(number: Decimal) -> str:
    if number >= 10000 and number % 10000 == 0:
        return f"{(number / 10000).normalize():f}万"
    return f"{number.normalize():f}"


def _target(value: Value) -> str:
    """The value's target in canonical form: ``≥90%``, ``=15万宗``, ``≤2-7秒``."""
    if value.number is None:
        return value.text
    number = _fmt(value.number)
    if value.upper is not None:
        number += "-" + _fmt(value.upper)
    return f"{value.comparator or '='}{number}{value.unit or ''}"


def _longest_common(a: str, b: str) -> int:
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size


def _search(
    vocab: Vocabulary, name: str, text: str, kind: str | None = None
) -> tuple[Entry, str] | None:
    """The first entry of list ``name`` matching ``text`` (of ``kind``, if given); with the match.

    Not cached: a value's searches are made once for its :class:`Reading`, an indicator's once
    for its hits (:func:`_family_hits`), both cached.
    """
    for entry in vocab.get(name):
        if kind is not None and entry.data.get("kind") != kind:
            continue
        found = entry.search(text)
        if found:
            return entry, found.group()
    return None


@lru_cache(maxsize=TEXT_CACHE)
def _name_kind(vocab: Vocabulary, name: str) -> str | None:
    """The kind (rate/count/time/money) of the right-most measure word of a name, or ``None``."""
    core = _name_core(name)
    best: tuple[int, int, str] | None = None
    for entry in vocab.get("val_name_measure"):
        for found in entry.pattern.finditer(core):
            key = (found.end(), -found.start(), str(entry.data.get("kind", "")))
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


@lru_cache(maxsize=TEXT_CACHE)
def _bracket_unit(text: str) -> str | None:
    """A unit given in brackets, as in ``验收合格率（%）``, ``提供午餐数量（万份）``, ``（单位：个）``."""
    if "(" not in text and "（" not in text:
        return None
    for found in _BRACKET.finditer(normalise_text(text)):
        inner = found.group(1)
        if inner == "%":
            return "%"
        value = parsed("1" + inner)
        if value is not None and value.unit and not value.trailing:
            return value.unit
    return None


@lru_cache(maxsize=TEXT_CACHE)
def _name_unit(name: str) -> str | None:
    """The unit a name supplies: in brackets, or implied by a count noun (人数, 个数, 批次)."""
    unit = _bracket_unit(name)
    if unit:
        return unit
    core = _name_core(name)
    stem = core[:-1] if core.endswith("数") else core
    for size in (4, 3, 2, 1):
        if len(stem) < size or (size == 1 and stem == core):
            continue
        tail = stem[-size:]
        if is_unit(tail):
            return tail
    return None


@lru_cache(maxsize=TEXT_CACHE)
def _is_rate_name(vocab: Vocabulary, name: str) -> bool:
    return _search(vocab, "val_rate_name", _norm(name)) is not None


def _value_pairs(cycle: str | None, annual: str | None) -> tuple[tuple[str, str, str | None], ...]:
    """``(field, text, sibling text)`` for the present values, 实施周期 first.

    A blank value is absent: it is neither reported nor anyone's sibling.
    """
    cycle = cycle if cycle and cycle.strip() else None
    annual = annual if annual and annual.strip() else None
    pairs = []
    if cycle:
        pairs.append(("cycle_value", cycle, annual))
    if annual:
        pairs.append(("annual_value", annual, cycle))
    return tuple(pairs)


# ---------------------------------------------------------------------------------------------
# The value-kind chain (V04 → V03 → V12 → V06 → V05 → V01 → V02 → V12)
# ---------------------------------------------------------------------------------------------


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Verdict:
    """The value-kind defect of one value: the rule code, the message tail and a suggestion."""

    code: str
    reason: str
    hint: str


DEFINITION_REASONS = {
    "formula": "是指标的计算公式，不是目标值",
    "question": "是一个问题，不是目标值",
    "scoring": "是评分规则，不是目标值",
    "metric": "只说明了衡量什么，不是目标值",
    "paraphrase": "复述了指标名称，不是目标值",
}

STATE_REASONS = {
    "state": "只描述状态（“{m}”），无法核验是否达成",
    "compliance": "只作合规性表述（“{m}”），无法核验是否达成",
    "timeliness": "写“{m}”却没有时限，无法核验",
    "deadline": "只写时限“{m}”，没有可衡量的目标（时限只适用于13-时效指标）",
    "deferral": "引用外部目标（“{m}”）而没有写明数值",
}
STATE_REASONS_WHOLE = {
    "state": "只描述状态，无法核验是否达成",
    "compliance": "只作合规性表述，无法核验是否达成",
    "timeliness": "没有时限，无法核验",
}


def _target_hint(sibling: str | None, sibling_numeric: bool) -> str:
    """The suggestion for a value that gives no target: the sibling value, if it is numeric."""
    if sibling_numeric and sibling:
        return f"填写实际目标值（另一指标值为“{quote(sibling)}”）"
    return "填写实际目标值，如“100%”“≥3次”"


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Reading:
    """What the V family reads from a value's text alone, whatever its indicator.

    Worked out once per text (:func:`_reading`); :func:`_classify` adds what the value-kind chain
    needs of the name, the codes and the other value. The chain asks a placeholder nothing more,
    and a value with a number or a date only whether it is a time window before a measure
    (``window_metric``): the other fields keep their defaults there. ``definition`` is the first of formula, question and
    scoring found; ``states`` the matching ``val_state`` entries up to the first that is never
    acceptable.
    """

    value: Value
    norm: str
    placeholder: bool = False
    window_metric: bool = False
    definition: str | None = None
    vague: tuple[Entry, str] | None = None
    states: tuple[tuple[Entry, str], ...] = ()
    exempt: bool = False
    relative_bound: bool = False
    metric: bool = False
    checkable: bool = False
    unspecified: str | None = None


@lru_cache(maxsize=TEXT_CACHE)
def _reading(vocab: Vocabulary, text: str) -> Reading | None:
    """The family's reading of one value text; ``None`` when the text is blank.

    Cached per vocabulary and text: values repeat far more than names do.
    """
    value = parsed(text)
    if value is None:
        return None
    t = value.text
    norm = _norm(text)
    if _search(vocab, "val_placeholder", t):
        return Reading(value, norm, placeholder=True)
    if not value.is_qualitative:
        # “一年内到用户单位回访的次数”: a time window, then the measure — a definition
        window_metric = bool(
            value.unit in TIME_UNITS
            and not _DIGIT_OR_PERCENT.search(value.trailing)
            and _search(vocab, "val_definition", value.trailing, "metric")
        )
        return Reading(value, norm, window_metric=window_metric)
    definitions = {
        str(entry.data.get("kind")) for entry in vocab.get("val_definition") if entry.search(t)
    }
    unspecified = _search(vocab, "val_unspecified_reference", t)
    relative_bound = unspecified is None and _search(vocab, "val_relative_bound", t) is not None
    return Reading(
        value,
        norm,
        definition=next((k for k in ("formula", "question", "scoring") if k in definitions), None),
        vague=_search(vocab, "val_vague", t),
        states=_states(vocab, t),
        exempt=relative_bound or _search(vocab, "val_binary", t) is not None,
        relative_bound=relative_bound,
        metric="metric" in definitions,
        checkable=_search(vocab, "val_checkable", t) is not None,
        unspecified=unspecified[1] if unspecified else None,
    )


def _states(vocab: Vocabulary, text: str) -> tuple[tuple[Entry, str], ...]:
    """The ``val_state`` entries matching ``text``, with their match, up to the first one that
    no indicator accepts (an entry without ``ok_in``).
    """
    found = []
    for entry in vocab.get("val_state"):
        match = entry.search(text)
        if match:
            found.append((entry, match.group()))
            if not entry.data.get("ok_in"):
                break
    return tuple(found)


@stored_by_slot
@dataclass(frozen=True, slots=True)
class ValueCase:
    """One value of an indicator as the value-kind chain reads it: the value's :class:`Reading`,
    what the chain needs of the indicator's name and codes, and the other value.

    ``state`` is the first of the value's state words not accepted for this indicator.
    """

    vocab: Vocabulary
    name: str
    name_norm: str
    level2: str | None
    satisfaction: bool
    reading: Reading
    sibling: str | None
    sibling_numeric: bool
    state: tuple[Entry, str] | None

    @property
    def target_hint(self) -> str:
        """The suggestion for a value that gives no target (:func:`_target_hint`)."""
        return _target_hint(self.sibling, self.sibling_numeric)


ACCEPTED = Verdict("", "", "")
"""What a gate of the chain returns for a value it lets pass: no value-kind defect."""


def quantified(case: ValueCase) -> Verdict | None:
    """Gate: a value with a number or a date states its target (the window-metric test aside)."""
    return None if case.reading.value.is_qualitative else ACCEPTED


def against_stated_reference(case: ValueCase) -> Verdict | None:
    """Gate: a bound against a reference the table states (不超过定编人数) is a target."""
    return ACCEPTED if case.reading.relative_bound else None


def binary_or_bound(case: ValueCase) -> Verdict | None:
    """Gate: a binary outcome (通过/合格/达标/是/否) or a stated-reference bound is checkable."""
    return ACCEPTED if case.reading.exempt else None


def checkable_state(case: ValueCase) -> Verdict | None:
    """Gate: the small acceptable class (``val_checkable``) and states accepted for the category."""
    return ACCEPTED if case.reading.checkable or case.reading.states else None


def _classify(case: ValueCase) -> Verdict | None:
    """The value-kind verdict on one value: the first step of :data:`VALUE_KIND_ORDER` that
    decides (a gate's :data:`ACCEPTED` is no verdict)."""
    for step in VALUE_KIND_ORDER:
        verdict = step(case)
        if verdict is not None:
            return None if verdict is ACCEPTED else verdict
    return None


def _value_case(
    vocab: Vocabulary,
    name: str,
    level2: str | None,
    satisfaction: bool,
    reading: Reading,
    sibling: str | None,
    sibling_numeric: bool,
) -> ValueCase:
    """The :class:`ValueCase` of one value (its state word looked up for a qualitative value)."""
    state = _state(vocab, reading.states, name, level2) if reading.states else None
    return ValueCase(
        vocab=vocab,
        name=name,
        name_norm=_norm(name),
        level2=level2,
        satisfaction=satisfaction,
        reading=reading,
        sibling=sibling,
        sibling_numeric=sibling_numeric,
        state=state,
    )


UNCHECKABLE_REASON = (
    "没有可核验的目标：既无数值、时限，也不是可核验的状态（完成、通过验收、无事故…）"
)


def _nothing_checkable(case: ValueCase) -> Verdict:
    """V01 on a qualitative value that no step before explains and that asserts nothing checkable.

    The burden is inverted: the acceptable class is small and stable (``val_checkable``,
    ``val_binary``, states accepted for the category, bounds against a stated reference);
    whatever else a value without a number or a date says is no target. The hint takes a target
    written into the name, else the other value's number.
    """
    reading, name = case.reading, case.name
    if reading.unspecified:
        reason = f"以没有写明数值的参照（“{reading.unspecified}”）为目标，无法核验"
    else:
        reason = UNCHECKABLE_REASON
    in_name = parsed(name) if may_state_quantity(name) else None
    if in_name is not None and in_name.number is not None:
        hint = f"把指标名称中的目标“{_target(in_name).lstrip('=')}”写入指标值"
    elif case.sibling_numeric:
        hint = case.target_hint
    else:
        hint = _hint(case.vocab, DEFAULT_HINT, name)
    return Verdict("V01", reason, hint)


def _state(
    vocab: Vocabulary, states: tuple[tuple[Entry, str], ...], name: str, level2: str | None
) -> tuple[Entry, str] | None:
    """The first of a value's matching state entries that is not acceptable for this indicator."""
    for entry, phrase in states:
        ok_in = entry.data.get("ok_in")
        if ok_in:
            if level2 in ok_in:
                continue
            if level2 is None and _search(vocab, "val_timeliness_name", name):
                continue
        return entry, phrase
    return None


# ---------------------------------------------------------------------------------------------
# Reporting: one hit per indicator, naming one or both values
# ---------------------------------------------------------------------------------------------


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Item:
    """One defective value: its field, text, the message tail and a suggestion."""

    field: str
    text: str
    reason: str
    hint: str


def merged_hit(items: list[Item], severity: Severity | None = None) -> Hit:
    """One hit for one or two defective values of an indicator (both: on ``annual_value``).

    The hit names no indicator yet: :meth:`ValueRule.check` adds it.
    """
    if len(items) == 1:
        item = items[0]
        return Hit(
            f"{FIELD_LABELS[item.field]}“{quote(item.text)}”{item.reason}",
            suggestion=item.hint,
            field=item.field,
            excerpt=item.text,
            severity=severity,
        )
    order = {"cycle_value": 0, "annual_value": 1}
    first, second = sorted(items, key=lambda i: order.get(i.field, 2))[:2]
    if _norm(first.text) == _norm(second.text) and first.reason == second.reason:
        message = f"实施周期指标值和年度指标值“{quote(second.text)}”{second.reason}"
        excerpt = second.text
    elif first.reason == second.reason:
        message = (
            f"实施周期指标值“{quote(first.text)}”和年度指标值“{quote(second.text)}”{second.reason}"
        )
        excerpt = f"{first.text}｜{second.text}"
    else:
        message = (
            f"实施周期指标值“{quote(first.text)}”{first.reason}；"
            f"年度指标值“{quote(second.text)}”{second.reason}"
        )
        excerpt = f"{first.text}｜{second.text}"
    return Hit(
        message, suggestion=second.hint, field="annual_value", excerpt=excerpt, severity=severity
    )


def _merged(items: list[Item]) -> Hit | None:
    """The merged hit of ``items``, or ``None`` when there are none."""
    return merged_hit(items) if items else None


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Facts:
    """What every V rule reads about an indicator, worked out once for the family.

    ``values`` holds ``(field, text, parsed value, value-kind verdict)`` for the present values,
    实施周期 first; ``items`` the values with a value-kind verdict, as items by the verdict's code,
    and those a rule finds defective by themselves, by the rule's code; ``chained``: a value has a
    value-kind verdict.
    """

    vocab: Vocabulary
    name: str
    values: tuple[tuple[str, str, Value | None, Verdict | None], ...]
    items: dict[str, list[Item]]
    chained: bool
    satisfaction: bool

    def items_of(self, code: str) -> list[Item]:
        """The values already found defective under ``code``, as items (a new list)."""
        return list(self.items.get(code, ()))


def family_hits(indicator: Indicator, context: Context) -> Mapping[str, Hit]:
    """The hits of the enabled V rules on ``indicator``, by rule code: what the engine hands
    each V rule (:attr:`linter.engine.Rule.shared`). They name no indicator: they are the
    cached hits of every indicator with the same name, codes and values (read only)."""
    return _family_hits(
        context.vocabulary,
        enabled_rules(context.enabled),
        indicator.name,
        indicator.level1_code,
        indicator.level2_code,
        indicator.cycle_value,
        indicator.annual_value,
    )


class ValueRule(Rule):
    """A V rule: a function of the indicator's name, codes and values (:meth:`report`).

    The family's hits on an indicator are worked out at once (:func:`family_hits`, cached by
    the indicator's name, codes and values: :func:`_family_hits`); the engine asks for them
    once per indicator and hands each V rule its own (:attr:`~linter.engine.Rule.shared`).
    """

    scope = Scope.indicator
    shared = staticmethod(family_hits)

    @classmethod
    def report(cls, facts: Facts) -> Hit | None:
        """The rule's hit on an indicator (without the indicator), from the family's facts.

        By default the values whose value-kind verdict is the rule's code, or that the rule finds
        defective by themselves.
        """
        items = facts.items.get(cls.code)
        return merged_hit(items) if items else None

    @classmethod
    def value_defect(cls, value: Value) -> tuple[str, str] | None:
        """``(reason, hint)`` when the rule finds ``value`` defective whatever its indicator.

        Asked once per value (:func:`_value_defects`); none by default.
        """
        return None

    def check(self, indicator: Indicator, context: Context) -> Iterable[Hit]:
        """The rule's hit on ``indicator``, if any (the engine reads it from :attr:`shared`)."""
        hit = family_hits(indicator, context).get(self.code)
        return () if hit is None else (replace(hit, indicator=indicator),)


@lru_cache(maxsize=64)
def enabled_rules(enabled: frozenset[str]) -> tuple[type[ValueRule], ...]:
    """The V rules whose codes are among the engine's ``enabled`` codes, in :data:`RULES` order."""
    return tuple(rule for rule in RULES if rule.code in enabled)


@lru_cache(maxsize=TEXT_CACHE)
def _value_defects(
    rules: tuple[type[ValueRule], ...], text: str
) -> tuple[tuple[str, str, str], ...]:
    """``(code, reason, hint)`` for each of ``rules`` that finds the value ``text`` (not blank)
    defective by itself."""
    value = parsed(text)
    assert value is not None
    return tuple(
        (rule.code, *defect) for rule in rules if (defect := rule.value_defect(value)) is not None
    )


@lru_cache(maxsize=TEXT_CACHE)
def _family_hits(
    vocab: Vocabulary,
    rules: tuple[type[ValueRule], ...],
    name: str,
    level1: str | None,
    level2: str | None,
    cycle: str | None,
    annual: str | None,
) -> dict[str, Hit]:
    """The hits of ``rules`` (V rules) on an indicator with this name, these codes and values.

    The value-kind chain runs only when one of ``rules`` has a test in it; a rule that is not
    enabled still decides the values its test claims (``--select V01`` reports no placeholder as
    vague). Cached: indicators recur within and across tables (预算执行率 ≥95%).
    """
    satisfaction = (
        filed_under("3", level1, level2)
        or _search(vocab, "val_satisfaction_name", name) is not None
    )
    chain = not CHAIN_RULES.isdisjoint(rules)
    pairs = _value_pairs(cycle, annual)
    readings = {text: _reading(vocab, text) for _, text, _ in pairs}
    values: list[tuple[str, str, Value | None, Verdict | None]] = []
    items: dict[str, list[Item]] = {}
    chained = False
    for field, text, sibling in pairs:
        reading = readings[text]
        if reading is None:
            values.append((field, text, None, None))
            continue
        for code, reason, hint in _value_defects(rules, text):
            items.setdefault(code, []).append(Item(field, text, reason, hint))
        verdict = None
        if chain:
            sibling_reading = readings.get(sibling) if sibling else None
            sibling_numeric = sibling_reading is not None and sibling_reading.value.is_numeric
            case = _value_case(vocab, name, level2, satisfaction, reading, sibling, sibling_numeric)
            verdict = _classify(case)
        values.append((field, text, reading.value, verdict))
        if verdict is not None:
            chained = True
            items.setdefault(verdict.code, []).append(
                Item(field, text, verdict.reason, verdict.hint)
            )
    facts = Facts(vocab, name, tuple(values), items, chained, satisfaction)
    hits = {}
    for rule in rules:
        hit = rule.report(facts)
        if hit is not None:
            hits[rule.code] = hit
    return hits


# ---------------------------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------------------------


class VagueValue(ValueRule):
    """指标值是模糊表述（有所提升、持续改善、进一步提高…），没有可衡量的目标。

    A value that contains no number and no date and asserts nothing an evaluator could check
    cannot be evaluated at 自评: 88号 asks for targets that are 细化、量化 (reviewer opinion op#2
    指标不够细化、量化). The burden is inverted: what passes is the small, stable class of
    checkable qualitative targets (通过验收, 按《…》执行, 全覆盖, 等级为优良, 无重大安全事故,
    是/否 — ``val_checkable`` and ``val_binary``) and states accepted for the category; every other
    qualitative value is reported, whatever its wording (稳中有进, 取得实效, 日趋成熟), and so is a
    bound against a reference whose figure is not stated (不低于上年, 控制在合理范围). Known vague
    phrases (``val_vague``: 有所提升, 持续改善, 长期, 大部分…) only make the message name the phrase
    and the suggestion fit it; a target written into the name (开展培训不少于3次) becomes the
    suggestion. Vague wording in the 指标名称 is reported at info level, only when no
    value of the indicator is already reported by the value-kind rules (the 绩效目标 is G01's).
    Value-kind precedence (see the module): V04, V03, V12, V06 and V05 win over V01; binary
    outcomes and bounds against a reference (不超过定编人数) pass. Both values “有所提升” → one
    finding on the 年度 value.

    Violates: ``22-社会效益；提升大院基础设施服务水平；实施周期指标值:有所提升；年度指标值:有所提升``.
    Passes: ``11-数量指标；民生卡应用推广数量；年度指标值:不少于20000次``.
    """

    code = "V01"
    name = "vague-value"
    opinion = 2
    severity = Severity.warning
    supersedes = ("K01", "P07")

    @classmethod
    def vague_phrase(cls, case: ValueCase) -> Verdict | None:
        """A known vague phrase (``val_vague``): named in the message, its hint as suggestion."""
        if not case.reading.vague:
            return None
        entry, phrase = case.reading.vague
        return Verdict(
            cls.code,
            f"是模糊表述（“{phrase}”），没有可衡量的目标",
            _hint(case.vocab, str(entry.data.get("hint", DEFAULT_HINT)), case.name),
        )

    @classmethod
    def nothing_checkable(cls, case: ValueCase) -> Verdict | None:
        """The chain's last step: a qualitative value nothing before explained or let pass."""
        return _nothing_checkable(case)

    @classmethod
    def report(cls, facts: Facts) -> Hit | None:
        items = facts.items.get(cls.code)
        if items:
            return merged_hit(items)
        if facts.chained:
            return None
        name_text = value_text(facts.name)  # "" for a blank name, which states nothing
        phrase = _vague_in_name(facts.vocab, name_text) if name_text else None
        if phrase is None or not _is_qualitative(facts.name):
            return None
        return Hit(
            f"指标名称“{quote(facts.name)}”含模糊表述“{phrase}”",
            suggestion="指标名称写成可衡量的量（如“…率”“…次数”“…时间”），方向和幅度写在指标值中",
            field="name",
            excerpt=facts.name,
            severity=Severity.info,
        )


def _is_qualitative(text: str) -> bool:
    """Whether ``text`` reads as a value stating no number and no date (parsed only if it may)."""
    if not may_state_quantity(text):
        return True
    value = parsed(text)
    return value is not None and value.is_qualitative


@lru_cache(maxsize=TEXT_CACHE)
def _vague_in_name(vocab: Vocabulary, name: str) -> str | None:
    """The first phrase of the ``val_vague`` entries marked ``in_name`` found in ``name``."""
    for entry in vocab.get("val_vague"):
        if entry.data.get("in_name"):
            found = entry.search(name)
            if found:
                return found.group()
    return None


class QualitativeUnverifiable(ValueRule):
    """指标值只是状态或合规描述（正常运行、合规、及时、完成上级下达任务…），无法核验。

    Values such as 正常运行, 正常开展, 合规, 相符, 符合要求, 公平公正, 保障, 目标实现, 有利于实现目标,
    及时/按时 without a time limit, or a deferral to an external target (完成上级部门下达的任务指标,
    完成当年度市下达目标任务) state no criterion that an evaluator could check. 88号 allows
    qualitative targets only as 分级分档 grades. A deadline without a date (年底前完成) is accepted
    in 13-时效指标 only. Binary verifiable outcomes pass: 通过/未通过, 是/否, 合格, 达标, 无违规.
    Vocabulary: ``val_state`` and ``val_binary`` in ``rules/value_quality.toml``. Precedence:
    every other value-kind rule wins over V02 (see the module docstring).

    Violates: ``22-社会效益；保障工作正常开展；实施周期指标值:标准:正常开展；年度指标值:正常开展``.
    Passes: ``12-质量指标；方案能否通过可行性研究；实施周期指标值:通过；年度指标值:通过``.
    """

    code = "V02"
    name = "qualitative-unverifiable"
    opinion = 2
    severity = Severity.warning
    supersedes = ("K01", "P07")

    @classmethod
    def state_word(cls, case: ValueCase) -> Verdict | None:
        """A state word not accepted for the indicator's category (正常运行; 年底前 outside 13)."""
        if case.state is None:
            return None
        entry, phrase = case.state
        kind = str(entry.data.get("kind", "state"))
        reasons = STATE_REASONS_WHOLE if phrase == case.reading.value.text else STATE_REASONS
        reason = reasons.get(kind, STATE_REASONS.get(kind, STATE_REASONS["state"])).format(m=phrase)
        hint = entry.data.get(
            "hint", "写成可核验的标准：具体数值（如{example}），或“是/否”“合格/不合格”等分档"
        )
        return Verdict(cls.code, reason, _hint(case.vocab, str(hint), case.name))


class ValueRestatesName(ValueRule):
    """指标值与指标名称相同（或几乎相同），没有给出目标。

    When the 实施周期 or 年度 value repeats the 指标名称 (after removing whitespace, ``标准：`` and
    punctuation; for non-numeric values also when the two are at least 85 % similar), the indicator
    has no target at all — reviewer opinion op#4 指标与指标值不匹配. V03 wins over every value-kind
    rule except V04 (see the module docstring).

    Violates: ``21-经济效益；确保番禺毕业生就业率90%以上，促经济发展；年度指标值:确保番禺毕业生就业率90%以上，促经济发展``.
    Passes: ``11-数量指标；新增购买公务用车；实施周期指标值:1辆；年度指标值:1辆``.
    """

    code = "V03"
    name = "value-restates-name"
    opinion = 4
    severity = Severity.warning
    supersedes = ("K01", "P07")

    @classmethod
    def identical(cls, case: ValueCase) -> Verdict | None:
        """The value is the name (once normalised), numeric or not."""
        norm = case.reading.norm
        if not norm or norm != case.name_norm:
            return None
        return Verdict(
            cls.code, "与指标名称相同，没有给出目标值", _hint(case.vocab, DEFAULT_HINT, case.name)
        )

    @classmethod
    def nearly_identical(cls, case: ValueCase) -> Verdict | None:
        """A qualitative value at least :data:`RESTATE_SIMILARITY` similar to the name."""
        norm = case.reading.norm
        if len(norm) < 4 or fuzz.ratio(norm, case.name_norm) < RESTATE_SIMILARITY:
            return None
        return Verdict(
            cls.code,
            "与指标名称几乎相同，没有给出目标值",
            _hint(case.vocab, DEFAULT_HINT, case.name),
        )


class PlaceholderValue(ValueRule):
    """指标值是占位符（标准：控制数、标准：行业标准、待定、/ …），不是目标值。

    Placeholders left from a template or the budget system (``标准：控制数``, ``标准:行业标准``,
    待定, ``/``, 详见附件) are not targets; the table cannot be reviewed or evaluated. Vocabulary:
    ``val_placeholder``. The suggestion quotes the other value when that one is numeric.

    Violates: ``11-数量指标；保障人数；实施周期指标值:标准：控制数；年度指标值:≥800``.
    Passes: ``11-数量指标；服务社会申办退休人员人数；实施周期指标值:≥5万人；年度指标值:≥5万人``.
    """

    code = "V04"
    name = "placeholder-value"
    opinion = 2
    severity = Severity.error
    supersedes = ("K01", "P07")

    @classmethod
    def placeholder(cls, case: ValueCase) -> Verdict | None:
        """A placeholder (``val_placeholder``) is no target, whatever else it reads as."""
        if not case.reading.placeholder:
            return None
        return Verdict(cls.code, "是占位符，不是目标值", case.target_hint)


class RateValueShape(ValueRule):
    """比率指标的值是文字或数量，或百分比值配了人数、时间等非比率名称。

    Name and value must describe the same kind of measure (op#4 指标与指标值不匹配): a name ending in
    率/比例/占比 (not 效率) needs a percentage, not text (考评验收合格率 → 合格) or a count
    (完好率 → 3次); and a percentage needs a ratio name, not a count (保障人数 → 100%保障), a
    duration (网络平均无故障时间 → 100%) or a bare concept (社会和谐 → ≥80%). Satisfaction
    indicators are left to V06. A value whose own words name the ratio (维护社会稳定 → 覆盖率100%)
    or a name with ``（%）`` passes.

    Violates: ``12-质量指标；考评验收合格率；实施周期指标值:合格；年度指标值:合格``.
    Passes: ``13-时效指标；信访回复及时送达率；实施周期指标值:100%；年度指标值:100%``.
    """

    code = "V05"
    name = "rate-value-shape"
    opinion = 4
    severity = Severity.warning

    @classmethod
    def text_in_rate(cls, case: ValueCase) -> Verdict | None:
        """A qualitative value under a name that is a rate (…率, 比例, （%）)."""
        if not _is_rate_name(case.vocab, case.name):
            return None
        return Verdict(
            cls.code,
            f"是文字，而指标名称“{quote(case.name)}”是比率",
            "写成百分比目标，如“≥95%”“100%”",
        )

    @classmethod
    def report(cls, facts: Facts) -> Hit | None:
        items = facts.items_of(cls.code)
        if not facts.satisfaction:
            for field, text, value, verdict in facts.values:
                if verdict:
                    continue
                item = _rate_numeric(facts.vocab, facts.name, field, text, value)
                if item is not None:
                    items.append(item)
        return _merged(items)


def _rate_numeric(
    vocab: Vocabulary, name: str, field: str, text: str, value: Value | None
) -> Item | None:
    """V05 on a numeric value: a count for a ratio name, or a percentage for another name."""
    if value is None or value.number is None or not value.unit:
        return None  # both branches below need a unit
    if _is_rate_name(vocab, name):
        if (
            value.unit not in RATIO_UNITS
            and "%" not in value.text
            and not _FRACTION.search(value.text)
        ):
            return Item(
                field,
                text,
                f"是数量（{value.unit}），而指标名称“{quote(name)}”是比率",
                "写成百分比目标，或把指标名称改为数量（如“…次数”）",
            )
        return None
    if not value.is_percent or _bracket_unit(name) == "%":
        return None
    if _RATE_WORD.search(value.subject) or _RATE_WORD.search(value.trailing):
        return None
    if _CHANGE_VERB.search(value.subject) or _CHANGE_VERB.search(_name_core(name)):
        return None  # 比上年减少3%, 能耗较上年降低 3%: a change of the named measure, in percent
    kind = _name_kind(vocab, name)
    described = {"count": "数量", "time": "时长"}.get(kind or "")
    if described:
        return Item(
            field,
            text,
            f"是百分比，而指标名称“{quote(name)}”是{described}",
            f"写成{described}目标（含单位），或把指标名称改为比率（如“…率”）",
        )
    if kind is None:
        return Item(
            field,
            text,
            f"是百分比，但指标名称“{quote(name)}”没有说明是什么的比率",
            "把指标名称改为可计算的比率（如“…完成率”“…覆盖率”），并写明口径",
        )
    return None


class SatisfactionShape(ValueRule):
    """满意度指标的值应是满意度调查结果（百分比，≥/＞），不是投诉数或趋势词。

    A 31-服务对象满意度 indicator (or one named …满意度/满意率) is measured by a survey: its value
    should be a percentage with a lower bound (≥90%, ＞95%). Complaint counts (投诉人数 ＜3人,
    上访投诉0起), trend words (逐年提升), other quantities and upper bounds (≤90%) are proxies that do
    not measure satisfaction. A unit given in the name (满意率（%） → 大于95) counts as a percentage.

    Violates: ``31-服务对象满意度；外籍来穗人员对翻译服务的投诉人数；实施周期指标值:＜3人；年度指标值:＜3人``.
    Passes: ``31-服务对象满意度；服务群体满意度；实施周期指标值:＞90%；年度指标值:＞90%``.
    """

    code = "V06"
    name = "satisfaction-shape"
    opinion = 4
    severity = Severity.warning

    @classmethod
    def not_a_survey(cls, case: ValueCase) -> Verdict | None:
        """A qualitative value of a satisfaction indicator is no survey result."""
        if not case.satisfaction:
            return None
        return Verdict(cls.code, "不是满意度调查结果", "以满意度调查结果为目标，如“≥90%”")

    @classmethod
    def report(cls, facts: Facts) -> Hit | None:
        if not facts.satisfaction:
            return None
        vocab = facts.vocab
        items = facts.items_of(cls.code)
        complaint_name = _search(vocab, "val_complaint", facts.name)
        name_percent = _bracket_unit(facts.name) == "%"
        for field, text, value, verdict in facts.values:
            if verdict:
                continue
            if value is None or value.number is None:
                continue
            complaint = complaint_name or _search(vocab, "val_complaint", value.text)
            percent = value.is_percent or (value.unit is None and name_percent)
            if complaint:
                reason = f"以“{complaint[1]}”代替满意度，不是满意度调查结果"
            elif not percent:
                reason = "不是百分比，不是满意度调查结果"
            elif value.comparator in ("≤", "<"):
                reason = "给满意度设了上限"
            else:
                continue
            items.append(Item(field, text, reason, "以满意度调查结果为目标，如“≥90%”"))
        return _merged(items)


class RangeValue(ValueRule):
    """指标值是区间（20-35次），应写单一目标值。

    A range such as ``20-35次`` or ``2-7秒内`` leaves open which figure is the target: at 自评
    either end can be claimed. Write one target with a comparator (不少于20次, ≤7秒).

    Violates: ``11-数量指标；接待省市调研次数；实施周期指标值:20-35次；年度指标值:20-35次``.
    Passes: ``11-数量指标；会务保障次数；实施周期指标值:不少于2000次；年度指标值:不少于2000次``.
    """

    code = "V07"
    name = "range-value"
    opinion = 2
    severity = Severity.warning

    @classmethod
    def value_defect(cls, value: Value) -> tuple[str, str] | None:
        if not value.is_range or value.number is None:
            return None
        unit = value.unit or ""
        if value.comparator in ("≤", "<"):
            example = f"≤{_fmt(value.upper)}{unit}"  # type: ignore[arg-type]
        else:
            example = f"不少于{_fmt(value.number)}{unit}"
        return "是区间，不是单一目标值", f"写成单一目标值，如“{example}”"


class ApproximateValue(ValueRule):
    """指标值用了约数（约、左右、大概）。

    ``约92万页`` or ``2000人左右`` cannot be checked as met or missed. State the figure with a
    comparator (≥92万页) instead.

    Violates: ``11-数量指标；业务档案整理量；实施周期指标值:约92万页；年度指标值:约92万页``.
    Passes: ``11-数量指标；办理退休职工人事档案；实施周期指标值:1500卷；年度指标值:1500卷``.
    """

    code = "V08"
    name = "approximate-value"
    opinion = 2
    severity = Severity.info

    @classmethod
    def value_defect(cls, value: Value) -> tuple[str, str] | None:
        if not value.approximate:
            return None
        if value.number is not None and len(value.numbers) == 1:
            hint = f"去掉约数，写成确定的目标，如“≥{_fmt(value.number)}{value.unit or ''}”"
        else:
            hint = "去掉约数，写成确定的目标值"
        return "是约数，无法判定是否达成", hint


class MultiTarget(ValueRule):
    """一个指标写了多个目标（1000宗；500家企业），应拆分。

    A value with several quantities for different things (``1.酒店数量不少于10家；2.酒店房间不少于
    1000间``, ``全年审计2个单位、4个专项资金``, ``1期，约100人``) mixes metrics in one indicator:
    reviewer opinion op#5 建议拆分指标. The value is split at ``；、，`` and list markers; each part
    that states a quantity is one target, and parts that repeat the same figure (8小时内 … 超过8小时)
    count once.

    Violates: ``新型冠状病毒肺炎疫情防控专项经费 #6 年度指标值:1.酒店数量不少于10家；2.酒店房间不少于1000间``.
    Passes: ``11-数量指标；资料核查数量；实施周期指标值:1000宗；年度指标值:1000宗``.
    """

    code = "V09"
    name = "multi-target"
    opinion = 5
    severity = Severity.warning

    @classmethod
    def value_defect(cls, value: Value) -> tuple[str, str] | None:
        targets = quantities(value.raw)
        if len(targets) < 2:
            return None
        shown = "、".join(targets[:4])
        return f"包含{len(targets)}个目标（{shown}）", "拆分为多个指标，每个指标只写一个目标值"


def quantities(text: str) -> list[str]:
    """The distinct targets of a value: one per clause that states a quantity."""
    value = parsed(text)
    if value is None or len(value.numbers) < 2:
        return []
    seen: list[tuple[tuple, str, str]] = []
    for part in _SEGMENT_SPLIT.split(value.text):
        segment = parsed(part)
        if segment is None or segment.number is None:
            continue
        key = (segment.number, segment.upper, segment.unit)
        subject = segment.subject
        duplicate = False
        for other_key, other_subject, _ in seen:
            if other_key != key:
                continue
            both_metrics = _METRIC_SUBJECT.search(subject) and _METRIC_SUBJECT.search(other_subject)
            if not (both_metrics and subject != other_subject):
                duplicate = True
                break
        if not duplicate:
            seen.append((key, subject, _target(segment).lstrip("=")))
    return [shown for _, _, shown in seen]


class UnitMissing(ValueRule):
    """数值型指标值没有计量单位，指标名称中也没有注明单位。

    ``30`` alone does not say 30 what. Any word written after the number counts as its unit
    (``1000平方``, ``5线``), and a number that names a version or an ordinal (``版本2.0``,
    ``第3批``) needs none. A unit in the name counts — in brackets (``验收合格率（%）``,
    ``提供午餐数量（万份）``, ``（单位：个）``) or implied by a count noun (保障人数, 维护账号个数,
    团组批次). Zero (0 起事故) and fractions (2/3) need no unit.

    Violates: ``11-数量指标；电子公务团队信息管理师；实施周期指标值:30；年度指标值:30``.
    Passes: ``12-质量指标；验收合格率（%）；实施周期指标值:100；年度指标值:100``.
    """

    code = "V10"
    name = "unit-missing"
    opinion = 2
    severity = Severity.info

    @classmethod
    def report(cls, facts: Facts) -> Hit | None:
        unitless = [
            (field, text)
            for field, text, value, _ in facts.values
            if value is not None
            and value.number is not None
            and value.counted_in is None
            and not value.is_label
            and not (value.number == 0 and value.upper is None)
            and not _FRACTION.search(value.text)
            and not _bracket_unit(value.trailing)
        ]
        # the name is read only for an indicator with a unitless value (most have units)
        if not unitless or _name_unit(facts.name):
            return None
        if _name_kind(facts.vocab, facts.name) == "money" and all(
            _MULTIPLIED.search(text) for _, text in unitless
        ):
            return None  # 成本 250万: 万元
        hint = f"在数值后写明计量单位，或在指标名称中注明，如“{_name_core(facts.name)}（个）”"
        return merged_hit([Item(field, text, "没有计量单位", hint) for field, text in unitless])


class ComparatorMalformed(ValueRule):
    """指标值的比较符不规范（》91%、=>、≥≥）。

    Comparators must be one of ≥ ＞ ＝ ＜ ≤ (or the words 不少于/不低于/超过/不超过/低于…). Book-title
    brackets used as comparators (``》91%``), reversed ASCII pairs (``=>``) and doubled symbols are
    read differently by different people and by the budget system's import.

    Violates: ``11-数量指标；预算资金执行率；实施周期指标值:》91%；年度指标值:》91%``.
    Passes: ``11-数量指标；预算资金执行率；实施周期指标值:≥91%；年度指标值:≥91%``.
    """

    code = "V11"
    name = "comparator-malformed"
    opinion = 4
    severity = Severity.warning

    @classmethod
    def value_defect(cls, value: Value) -> tuple[str, str] | None:
        glyph = value.bad_comparator or _doubled_comparator(value.text)
        if glyph is None:
            return None
        example = f"，如“{_target(value)}”" if value.number is not None else ""
        return f"使用了不规范的比较符“{glyph}”", f"改用规范的比较符 ≥ ＞ ＝ ＜ ≤{example}"


_HALF_COMPARATORS = str.maketrans({"＞": ">", "＜": "<", "＝": "="})


def _doubled_comparator(text: str) -> str | None:
    """A doubled or reversed comparator in ``text`` (``≥≥``, ``=>``), not ``>=``/``<=``."""
    doubled = _DOUBLED_COMPARATOR.search(text.translate(_HALF_COMPARATORS))
    if doubled is None or doubled.group() in (">=", "<="):
        return None
    return doubled.group()


class DefinitionAsValue(ValueRule):
    """指标值写的是指标定义、计算公式、问题或评分规则，而不是目标值。

    Typical in the 实施周期 column while the 年度 value holds the number: a formula
    (实际完成的工作量/计划完成的工作量), a description of what is measured (一年内到用户单位回访的次数,
    出现故障到维护人员响应的时间, 本区享受社会保险补贴), a question (是否…) or a scoring rule
    (满意，得满分；…不得分). Such a value gives no target (op#4). Vocabulary: ``val_definition``; a
    non-numeric value that shares most of its words with the name is reported only when the other
    value is numeric. Precedence: V04 and V03 win over V12 (see the module docstring).

    Violates: ``11-数量指标；工作量完成率（%）；实施周期指标值:实际完成的工作量/计划完成的工作量；年度指标值:100``.
    Passes: ``11-数量指标；享受社会保险补贴人数；实施周期指标值:≥3万人次；年度指标值:≥3万人次``.
    """

    code = "V12"
    name = "definition-as-value"
    opinion = 4
    severity = Severity.error
    supersedes = ("K01", "P07")

    @classmethod
    def time_window_metric(cls, case: ValueCase) -> Verdict | None:
        """A time window before a measure (一年内到用户单位回访的次数): a definition."""
        if not case.reading.window_metric:
            return None
        return Verdict(cls.code, DEFINITION_REASONS["metric"], case.target_hint)

    @classmethod
    def definition(cls, case: ValueCase) -> Verdict | None:
        """A formula, a question or a scoring rule (``val_definition``)."""
        if not case.reading.definition:
            return None
        return Verdict(cls.code, DEFINITION_REASONS[case.reading.definition], case.target_hint)

    @classmethod
    def bare_metric(cls, case: ValueCase) -> Verdict | None:
        """A description of what is measured, with no vague, state or binary word."""
        reading = case.reading
        if not reading.metric or reading.vague or case.state or reading.exempt:
            return None
        return Verdict(cls.code, DEFINITION_REASONS["metric"], case.target_hint)

    @classmethod
    def paraphrase(cls, case: ValueCase) -> Verdict | None:
        """A qualitative value sharing most of its words with the name, beside a numeric twin."""
        norm = case.reading.norm
        if not case.sibling_numeric or len(norm) < 4:
            return None
        if _longest_common(norm, case.name_norm) < max(4, PARAPHRASE_SHARE * len(norm)):
            return None
        return Verdict(cls.code, DEFINITION_REASONS["paraphrase"], case.target_hint)


class NameEmbedsTarget(ValueRule):
    """指标名称中写了目标值，且与指标值不一致。

    When the 指标名称 carries a target (``交办任务完成率90%``, ``工程验收合格率不低于90%``), name and
    value are parsed and must state the same target — comparator, number and unit. A name figure
    in another unit and without a comparator (完成12类重点场所监测 → 100%) describes the scope, not
    the target, and is not compared; neither are non-numeric values (left to V01/V02). Better
    still, keep the target out of the name.

    Violates: ``交办任务完成率90%；年度指标值:不低于90%`` (=90% against ≥90%).
    Passes: ``协调处置各类值班事件不少于400条；年度指标值:不少于400条``.
    """

    code = "V13"
    name = "name-embeds-target"
    opinion = 4
    severity = Severity.warning

    @classmethod
    def report(cls, facts: Facts) -> Hit | None:
        if not may_state_quantity(facts.name):
            return None
        name_value = parsed(facts.name)
        if name_value is None or name_value.number is None:
            return None
        # a figure inside a phrase (“年收入不低于10万元的企业…”) is a condition, not the target
        clause_end = _ends_clause(name_value)
        wanted = _target(name_value)
        items = []
        for field, text, value, _ in facts.values:
            if value is None or value.number is None:
                continue
            if name_value.unit != value.unit and not (name_value.comparator and clause_end):
                continue
            if name_value.unit == value.unit and name_value.comparator and not clause_end:
                continue
            if name_value.same_target(value):
                continue
            items.append(
                Item(
                    field,
                    text,
                    f"（{_target(value)}）与指标名称中的目标（{wanted}）不一致",
                    f"去掉指标名称中的目标值，只在指标值中写明，如“{wanted.lstrip('=')}”",
                )
            )
        if not items:
            return None
        hit = merged_hit(items)
        return Hit(
            f"指标名称“{quote(facts.name)}”含目标值：{hit.message}",
            suggestion=hit.suggestion,
            field="name",
            excerpt=facts.name,
        )


def _ends_clause(value: Value) -> bool:
    """Whether the value's main quantity ends its clause (nothing, or punctuation, follows)."""
    if not value.trailing:
        return True
    at = value.text.rfind(value.trailing)
    return at > 0 and value.text[at - 1] in _EDGE


RULES = (
    VagueValue,
    QualitativeUnverifiable,
    ValueRestatesName,
    PlaceholderValue,
    RateValueShape,
    SatisfactionShape,
    RangeValue,
    ApproximateValue,
    MultiTarget,
    UnitMissing,
    ComparatorMalformed,
    DefinitionAsValue,
    NameEmbedsTarget,
)

VALUE_KIND_ORDER: tuple[Callable[[ValueCase], Verdict | None], ...] = (
    PlaceholderValue.placeholder,
    ValueRestatesName.identical,
    DefinitionAsValue.time_window_metric,
    quantified,
    ValueRestatesName.nearly_identical,
    DefinitionAsValue.definition,
    DefinitionAsValue.bare_metric,
    SatisfactionShape.not_a_survey,
    against_stated_reference,
    RateValueShape.text_in_rate,
    binary_or_bound,
    VagueValue.vague_phrase,
    QualitativeUnverifiable.state_word,
    DefinitionAsValue.paraphrase,
    checkable_state,
    VagueValue.nothing_checkable,
)
"""The value-kind chain, the V family's precedence: each value gets the verdict of the first step
that decides, a rule's test (a classmethod of the rule, which owns its classification) or a gate
of the family that lets the value pass (:data:`ACCEPTED`). A new value-kind rule is one class
with its test and one position here."""

CHAIN_RULES = frozenset(step.__self__ for step in VALUE_KIND_ORDER if inspect.ismethod(step))
"""The rules with a test in the chain: when none of them is enabled, the chain is not run."""

"""The rule engine: rules, their registry, and running them over documents.

A rule is a small class in ``rules/`` with a code (``V01``), a kebab-case name, a family, a
default severity, a scope (what it reads), typed options (:class:`Option`), and a docstring that is its
user-facing explanation. The engine walks each document and hands every rule the nodes of its
scope; rules report :class:`Hit` objects, which the engine turns into :class:`Finding` objects.
"""

from __future__ import annotations

import inspect
import math
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from enum import Enum
from typing import Any, ClassVar, TypeVar

from linter.findings import Finding, Related, Severity
from linter.model import Document, Indicator, Location, Project, Unit
from linter.opinions import OTHER
from linter.vocab import Vocabulary, load_vocabulary

Fact = TypeVar("Fact")

FAMILIES = {
    "S": "结构 STRUCT",
    "C": "归类 CAT",
    "V": "指标值 VAL",
    "K": "一致性 CONS",
    "P": "完整性 COMP",
    "N": "数值 NUM",
    "A": "金额 AMT",
    "D": "重复 DUP",
    "G": "绩效目标 GOAL",
}


class Scope(str, Enum):
    """What a rule reads: one indicator, project, unit, document, or the whole run."""

    indicator = "indicator"
    project = "project"
    unit = "unit"
    document = "document"
    run = "run"


@dataclass(slots=True)
class Hit:
    """What a rule reports; the engine adds the rule's identity and the node's context.

    A hit lives only until the engine has made its :class:`Finding` (which is frozen); it is not
    frozen itself because rules make one per finding, and a frozen dataclass takes about twice as
    long to build.
    """

    message: str
    suggestion: str | None = None
    field: str | None = None
    excerpt: str | None = None
    location: Location | None = None
    indicator: Indicator | None = None
    project: Project | None = None
    unit: Unit | None = None
    document: Document | None = None
    related: tuple[Related, ...] = ()
    severity: Severity | None = None


@dataclass(slots=True)
class Context:
    """Where a rule is looking: the document, unit and project around the node, the settings,
    the vocabularies (the built-in lists plus the config's extra files, see
    :func:`settings_vocabulary`), the codes of the rules the engine runs (a family that works
    out its rules' findings together works out only theirs), and the facts the rules share
    about the document.

    Rules that read the same computation about a document (the D family's copied rows) ask the
    context for it with :meth:`document_fact`: it is worked out once and kept by the engine
    while it is on the document, then dropped. What rules share about an indicator is a
    function of its texts, cached by them (``functools.lru_cache``), or their shared hits
    (:attr:`Rule.shared`).
    """

    document: Document
    unit: Unit | None
    project: Project | None
    settings: dict[str, Any]
    vocabulary: Vocabulary
    enabled: frozenset[str]
    document_facts: dict[tuple, tuple] = field(default_factory=dict)

    @property
    def framework(self) -> str:
        """``legacy`` (成本 under 产出) or ``2021`` (成本指标 as its own 一级)."""
        return self.settings.get("framework", "legacy")

    def document_fact(self, compute: Callable[..., Fact], *arguments: Any) -> Fact:
        """``compute(*arguments)``, worked out once while the engine is on this document;
        arguments are compared by identity."""
        return _remembered(self.document_facts, compute, arguments)


def _remembered(memo: dict[tuple, tuple], compute: Callable[..., Fact], arguments: tuple) -> Fact:
    """``compute(*arguments)`` from ``memo``, else computed and kept there with its arguments
    (which keeps them alive, so their identities cannot be reused while the memo lives)."""
    key = (compute, *map(id, arguments))
    found = memo.get(key)
    if found is None:
        found = memo[key] = (arguments, compute(*arguments))
    return found[1]


def _toml(value: Any) -> str:
    """``value`` as it is written in a config file (``true``, ``[0.2, 0.4]``, ``0.8``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return repr(value)


def _is_number(value: Any, kind: type) -> bool:
    """Whether ``value`` is an ``int`` (for ``kind`` int) or any finite number (for float); no
    bool, no ``nan`` or ``inf`` (TOML has both)."""
    if isinstance(value, bool):
        return False
    if kind is int:
        return isinstance(value, int)
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


_KIND_NAMES = {
    int: "应为整数 (must be an integer)",
    float: "应为有限的数 (must be a finite number)",
}


@dataclass(frozen=True, slots=True)
class Option:
    """A rule option: its default, the values it accepts and a one-line help.

    The type comes from the default: a bool takes ``true``/``false``, an int an integer, a float
    any number, a tuple an array of ``items`` (``float`` or ``int``) with ``length`` values.
    ``minimum``/``maximum`` bound the number or every item; ``positive_sum`` asks the items to
    add up to more than 0. Config values are checked with :meth:`check` when the config is read
    (:func:`linter.config.validate_options`), so a rule sees only values it can use.
    """

    default: Any
    _: KW_ONLY
    minimum: float | None = None
    maximum: float | None = None
    length: int | None = None
    items: type | None = None
    positive_sum: bool = False
    help: str = ""

    def check(self, value: Any) -> str | None:
        """Why ``value`` cannot be this option's value (Chinese and English), or ``None``."""
        if isinstance(self.default, bool):
            return None if isinstance(value, bool) else "应为 true 或 false (must be a boolean)"
        if isinstance(self.default, tuple):
            return self._check_array(value)
        kind = int if isinstance(self.default, int) else float
        if not _is_number(value, kind):
            return _KIND_NAMES[kind]
        return self._check_bounds(value, "")

    def _check_array(self, value: Any) -> str | None:
        if not isinstance(value, (list, tuple)):
            return "应为数组 (must be an array)"
        if self.length is not None and len(value) != self.length:
            return (
                f"应有 {self.length} 个值，而不是 {len(value)} 个 (must have {self.length} values)"
            )
        kind = self.items or float
        for position, item in enumerate(value, 1):
            if not _is_number(item, kind):
                return f"第 {position} 个值 {item!r} {_KIND_NAMES[kind]}"
            reason = self._check_bounds(item, f"第 {position} 个值 ")
            if reason is not None:
                return reason
        if self.positive_sum and sum(value) <= 0:
            return "各值之和应大于 0 (must not add up to 0)"
        return None

    def _check_bounds(self, number: float, what: str) -> str | None:
        if self.minimum is not None and number < self.minimum:
            return f"{what}不应小于 {self.minimum} (must be ≥ {self.minimum})"
        if self.maximum is not None and number > self.maximum:
            return f"{what}不应大于 {self.maximum} (must be ≤ {self.maximum})"
        return None

    def bounds(self) -> str:
        """The accepted values in short (``3 个数，每个 ≥ 0.0，和 > 0``), empty when any of the type."""
        parts = []
        if self.length is not None:
            parts.append(f"{self.length} 个数")
        each = "每个 " if isinstance(self.default, tuple) else ""
        if self.minimum is not None:
            parts.append(f"{each}≥ {self.minimum}")
        if self.maximum is not None:
            parts.append(f"{each}≤ {self.maximum}")
        if self.positive_sum:
            parts.append("和 > 0")
        return "，".join(parts)

    def describe(self, name: str) -> str:
        """One line for ``jxlint explain`` and SARIF help: ``name = default  help（bounds）``."""
        bounds = self.bounds()
        return f"{name} = {_toml(self.default)}  {self.help}" + (f"（{bounds}）" if bounds else "")


def describe_options(rule: type[Rule]) -> str:
    """The options section of a rule's explanation (empty when the rule has none)."""
    if not rule.options:
        return ""
    lines = "\n".join(f"  {option.describe(name)}" for name, option in rule.options.items())
    return f"选项 (options; set them under [rules.{rule.code}] in the config):\n{lines}"


def settings_vocabulary(settings: dict[str, Any]) -> Vocabulary:
    """The vocabularies of ``settings``: built-in lists plus its ``vocabulary`` files."""
    files = settings.get("vocabulary", ())
    return load_vocabulary(files if isinstance(files, tuple) else tuple(files))


class Rule:
    """Base class of every rule. Subclasses set the class attributes and one ``check`` method.

    ``check(node, context)`` receives an :class:`Indicator`, :class:`Project`, :class:`Unit`,
    :class:`Document` or, for run scope, the list of what :meth:`collect` kept of every
    document; it yields :class:`Hit`.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    scope: ClassVar[Scope]
    options: ClassVar[dict[str, Option]] = {}
    """The rule's options by name; a config's ``[rules.CODE]`` table sets them."""
    supersedes: ClassVar[tuple[str, ...]] = ()
    """Codes (or family letters) of rules whose findings on the same place describe this rule's
    defect again; they are folded into this rule's finding (``"*"``: every other finding on the
    project), see :mod:`linter.folding`."""
    opinion: ClassVar[int] = OTHER
    """The standard review opinion (1–11, :data:`linter.opinions.OPINIONS`) the rule's findings
    support: what a reviewer writes back when they see them (see :mod:`linter.review`)."""
    table_notice: ClassVar[bool] = False
    """Whether the rule's info findings are notices about the table (no cost indicators under
    the legacy framework, no codes): said once for the table when they hold for most of its
    projects, see :func:`linter.folding.gather_table_notices`."""
    shared: ClassVar[Callable[[Indicator, Context], Mapping[str, Hit]] | None] = None
    """For indicator rules that work out their hits together (the V family): a function of the
    indicator and its context → the hits by rule code. The engine calls it once per indicator
    for every enabled rule that names the same function, and gives each rule the hit under its
    code instead of calling its ``check``; a hit that names no indicator is on the one asked
    about, so the function may hand out the same (cached) hits for indicators that read alike.
    The hits are read, never changed. Set it as a ``staticmethod``."""

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        self.settings = {name: option.default for name, option in self.options.items()}
        self.settings.update(options or {})

    @property
    def family(self) -> str:
        """The family letter (``V`` for ``V01``)."""
        return self.code[0]

    @classmethod
    def doc(cls) -> str:
        """The rule's user-facing explanation (its docstring)."""
        return textwrap.dedent(inspect.getdoc(cls) or "").strip()

    @classmethod
    def summary(cls) -> str:
        """The first line of the rule's docstring."""
        return cls.doc().split("\n", 1)[0]

    def check(self, node: Any, context: Context) -> Iterable[Hit]:
        """Yield the problems of ``node``."""
        raise NotImplementedError

    def collect(self, document: Document, context: Context) -> Any:
        """What a run-scope rule keeps of one document for its ``check`` (which receives a
        sequence of what it kept of every document, in input order, held on disk beyond a
        bound: see :class:`~linter.spill.SpilledList`): here the document itself; a rule that
        needs less keeps less, so that a run need not hold its documents."""
        return document


class _RuleKept(Sequence[Any]):
    """What one run-scope rule kept of each document, read from the run's collected values as
    they are asked for."""

    def __init__(self, collected: Sequence[dict[str, Any]], code: str) -> None:
        self.collected = collected
        self.code = code

    def __len__(self) -> int:
        return len(self.collected)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [each[self.code] for each in self.collected[index]]
        return self.collected[index][self.code]

    def __iter__(self) -> Iterator[Any]:
        return (each[self.code] for each in self.collected)


RUN_DOCUMENT = Document("*", "run", None, None, None, ())
"""The document of a run-scope rule's context: the run as a whole (its hits name their own)."""


def _value_location(indicator: Indicator, field: str | None) -> Location | None:
    """Where an indicator's value is, for a finding on it, when the value has a cell of its own."""
    if field == "annual_value":
        return indicator.annual_location
    if field == "cycle_value":
        return indicator.cycle_location
    return None


def _finding(
    rule: Rule,
    hit: Hit,
    context: Context,
    configured: dict[str, Severity],
    on: Indicator | None = None,
) -> Finding:
    """The finding of one hit in its context (on the indicator ``on`` unless it names its own).

    Its severity is the one ``configured`` for the rule, else the hit's, else the rule's.
    """
    document = hit.document or context.document
    project = hit.project or context.project
    unit = hit.unit or context.unit
    indicator = hit.indicator or on
    location = hit.location
    if location is None:
        if indicator is not None:
            location = _value_location(indicator, hit.field) or indicator.location
        elif project is not None:
            location = project.location
        elif unit is not None:
            location = unit.location
        else:
            location = document.total_location
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=configured.get(rule.code) or hit.severity or rule.severity,
        message=hit.message,
        path=document.path,
        location=location,
        suggestion=hit.suggestion,
        department=document.department,
        unit=unit.name if unit is not None else None,
        project=project.name if project is not None else None,
        project_ordinal=project.ordinal if project is not None else None,
        indicator=indicator.index if indicator is not None else None,
        indicator_name=indicator.name if indicator is not None else None,
        field=hit.field,
        excerpt=hit.excerpt,
        related=hit.related,
    )


class Engine:
    """Runs a set of configured rules over documents."""

    def __init__(
        self,
        rules: Sequence[Rule],
        severities: dict[str, Severity] | None = None,
        settings: dict[str, Any] | None = None,
    ) -> None:
        self.rules = list(rules)
        self.severities = severities or {}
        self.settings = settings or {}
        self.enabled = frozenset(rule.code for rule in self.rules)
        self._by_scope: dict[Scope, list[Rule]] = {scope: [] for scope in Scope}
        for rule in self.rules:
            self._by_scope[rule.scope].append(rule)
            if rule.shared is not None and rule.scope is not Scope.indicator:
                raise TypeError(f"{rule.code}: only indicator rules work out shared hits")

    @property
    def supersedes(self) -> dict[str, tuple[str, ...]]:
        """Each rule's code → the codes whose findings fold into its (see :mod:`linter.folding`)."""
        return {rule.code: rule.supersedes for rule in self.rules if rule.supersedes}

    @property
    def table_notices(self) -> dict[str, str]:
        """The codes of the rules whose info findings are table notices → their summaries."""
        return {rule.code: rule.summary() for rule in self.rules if rule.table_notice}

    def _finding(self, rule: Rule, hit: Hit, context: Context) -> Finding:
        """The finding of one hit, with the configured severity of its rule."""
        return _finding(rule, hit, context, self.severities)

    def lint_document(self, document: Document) -> list[Finding]:
        """All findings of the per-document rules on one document, in document order.

        Rules are called directly in the loops over the nodes (the hot loop of a run), their
        ``check`` methods bound once per document.
        """
        findings: list[Finding] = []
        found = _finding
        severities = self.severities
        settings = self.settings
        vocabulary = settings_vocabulary(settings)
        enabled = self.enabled
        context = Context(document, None, None, settings, vocabulary, enabled)
        document_facts = context.document_facts
        for rule in self._by_scope[Scope.document]:
            for hit in rule.check(document, context):
                findings.append(found(rule, hit, context, severities))
        unit_checks = [(rule, rule.check) for rule in self._by_scope[Scope.unit]]
        project_checks = [(rule, rule.check) for rule in self._by_scope[Scope.project]]
        indicator_rules = self._by_scope[Scope.indicator]
        indicator_checks = [(rule, rule.check) for rule in indicator_rules if rule.shared is None]
        sharing: dict[Callable, list[Rule]] = {}
        for rule in indicator_rules:
            if rule.shared is not None:
                sharing.setdefault(rule.shared, []).append(rule)
        for unit in document.units:
            unit_context = Context(
                document, unit, None, settings, vocabulary, enabled, document_facts
            )
            for rule, check in unit_checks:
                for hit in check(unit, unit_context):
                    findings.append(found(rule, hit, unit_context, severities))
            for project in unit.projects:
                project_context = Context(
                    document, unit, project, settings, vocabulary, enabled, document_facts
                )
                for rule, check in project_checks:
                    for hit in check(project, project_context):
                        findings.append(found(rule, hit, project_context, severities))
                for indicator in project.indicators:
                    for rule, check in indicator_checks:
                        for hit in check(indicator, project_context):
                            findings.append(found(rule, hit, project_context, severities))
                    for shared, rules in sharing.items():
                        hits = shared(indicator, project_context)
                        for rule in rules:
                            if (hit := hits.get(rule.code)) is not None:
                                findings.append(
                                    found(rule, hit, project_context, severities, indicator)
                                )
        return findings

    def collect(self, document: Document) -> dict[str, Any]:
        """What each cross-file (run-scope) rule keeps of one document, by rule code (see
        :meth:`Rule.collect`): all that is left of the document once its own rules have run."""
        rules = self._by_scope[Scope.run]
        if not rules:
            return {}
        context = Context(
            document, None, None, self.settings, settings_vocabulary(self.settings), self.enabled
        )
        return {rule.code: rule.collect(document, context) for rule in rules}

    def lint_run(self, collected: Sequence[dict[str, Any]]) -> list[Finding]:
        """The findings of the run-scope rules (cross-file checks) over what :meth:`collect`
        kept of every document, in input order (a sequence that may hold it on disk, see
        :class:`~linter.spill.SpilledList`: each rule reads its part as it goes)."""
        findings: list[Finding] = []
        if not collected:
            return findings
        vocabulary = settings_vocabulary(self.settings)
        context = Context(RUN_DOCUMENT, None, None, self.settings, vocabulary, self.enabled)
        for rule in self._by_scope[Scope.run]:
            kept = _RuleKept(collected, rule.code)
            for hit in rule.check(kept, context):
                findings.append(self._finding(rule, hit, context))
        return findings

"""D — duplication: repeated projects, copied indicators and goals, near-duplicate projects.

D01–D03 compare exact keys (normalised text) inside one document. D04 compares fuzzy profiles of
every project of a run; its machinery (:func:`near_duplicate_pairs`) blocks candidate pairs with
an inverted index over rare character n-grams (:mod:`rules.blocking`, in memory that grows by a
few hundred bytes a project) and scores only those with rapidfuzz, so it stays fast on
thousands of projects. :func:`all_pairs` is the exact (quadratic) reference used by the tests
and benchmarks.
"""

from __future__ import annotations

import bisect
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import ClassVar

from rapidfuzz import fuzz, process

from linter.engine import Context, Hit, Option, Rule, Scope
from linter.errors import printable
from linter.findings import FULLWIDTH, Related, Severity, normalise_text
from linter.frozen import stored_by_slot
from linter.model import Amounts, Document, Project, Unit
from rules.blocking import candidate_pairs, without_cyclic_gc
from rules.common import TEXT_CACHE, quote

# ---------------------------------------------------------------------------------------------
# Exact keys (D01–D03)
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=TEXT_CACHE)
def _norm(text: str | None) -> str:
    return normalise_text(text or "")


def goal_key(project: Project) -> str:
    """The 绩效目标 with whitespace removed and full-width forms folded."""
    return _norm(project.goal)


def indicator_key(project: Project) -> tuple[tuple[str, ...], ...]:
    """The indicator set as a sorted tuple of (codes, name, values), normalised."""
    return tuple(
        sorted(
            (
                _norm(i.level1_code),
                _norm(i.level2_code),
                _norm(i.name),
                _norm(i.cycle_value),
                _norm(i.annual_value),
            )
            for i in project.indicators
        )
    )


def project_key(project: Project) -> tuple:
    """Name, 总计, goal and indicator set: what makes two rows the same project (D01)."""
    return (_norm(project.name), project.amounts.total, goal_key(project), indicator_key(project))


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Placed:
    """A project with the document and unit it sits in."""

    document: Document
    unit: Unit
    project: Project


def _placed(document: Document) -> list[Placed]:
    return [Placed(document, unit, project) for unit in document.units for project in unit.projects]


def unit_repeats(document: Document, unit: Unit) -> dict[int, Placed]:
    """D01 copies in one unit: ordinal of each repeated row → the first row it repeats.

    Names are normalised only for rows whose 总计 repeats, and full keys (goal, every indicator)
    built only for rows whose name and 总计 repeat.
    """
    by_total: dict[Decimal | None, list[Project]] = defaultdict(list)
    for project in unit.projects:
        by_total[project.amounts.total].append(project)
    heads: dict[tuple, list[Project]] = defaultdict(list)
    for same_total in by_total.values():
        if len(same_total) > 1:
            for project in same_total:
                heads[(_norm(project.name), project.amounts.total)].append(project)
    copies: dict[int, Placed] = {}
    for group in heads.values():
        if len(group) < 2:
            continue
        first: dict[tuple, Project] = {}
        for project in group:
            key = project_key(project)
            if key in first:
                copies[project.ordinal] = Placed(document, unit, first[key])
            else:
                first[key] = project
    return copies


def repeated_rows(document: Document) -> dict[int, Placed]:
    """D01 copies of every unit of the document (see :func:`unit_repeats`); do not modify.

    D01–D03 read it as a document fact (:meth:`Context.document_fact`): computed once a document.
    """
    copies: dict[int, Placed] = {}
    for unit in document.units:
        copies.update(unit_repeats(document, unit))
    return copies


def _money(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


def describe(twin: Placed, here: Placed) -> str:
    """“名称”（金额，同一文件/单位 第N个项目） as seen from the project ``here``."""
    project = twin.project
    if twin.document is here.document:
        where = "同一单位" if twin.unit is here.unit else f"同一文件“{quote(twin.unit.name, 24)}”"
    else:
        where = f"{printable(os.path.basename(twin.document.path))}“{quote(twin.unit.name, 24)}”"
    return f"“{quote(project.name)}”（{_money(project.amounts.total)}，{where}第{project.ordinal}个项目）"


def related(twin: Placed, note: str | None = None) -> Related:
    """The twin as a :class:`Related` place."""
    return Related(
        twin.document.path,
        twin.project.name,
        twin.project.ordinal,
        twin.project.location,
        unit=twin.unit.name,
        note=note,
    )


def _groups(
    context: Context, *keys: Callable[[Project], object]
) -> Iterator[tuple[Placed, Placed]]:
    """(later, first) for every project whose key equals an earlier one's (D01 copies skipped).

    The key is the last of ``keys``; the ones before it are cheaper keys that projects with
    equal keys share (``None``: equal to none), cheapest first: each leaves out the projects
    it finds no match for, so that only projects with a likely match get the next key.
    """
    document = context.document
    copies = context.document_fact(repeated_rows, document)
    candidates = [placed for placed in _placed(document) if placed.project.ordinal not in copies]
    *buckets, key = keys
    for bucket in buckets:
        keyed = [(bucket(placed.project), placed) for placed in candidates]
        shared = Counter(value for value, _ in keyed)
        candidates = [placed for value, placed in keyed if value is not None and shared[value] > 1]
    first: dict[object, Placed] = {}
    for placed in candidates:
        value = key(placed.project)
        if value is None:
            continue
        if value in first:
            yield placed, first[value]
        else:
            first[value] = placed


def _plain_length(text: str) -> int:
    """The length of ``text`` once normalised (:func:`normalise_text` removes whitespace and
    folds each full-width character into one character), without normalising it."""
    return len("".join(text.split()))


_FOLDABLE = re.compile(r"[\s!-~\uff01-\uff5e]+")


def _skeleton(text: str) -> str:
    """``text`` without whitespace, printable ASCII and the full-width forms of printable ASCII:
    texts equal once normalised have equal skeletons (found three times faster)."""
    return _FOLDABLE.sub("", text)


def _amount_ratio(a: Decimal | None, b: Decimal | None) -> float | None:
    if a is None or b is None or a <= 0 or b <= 0:
        return None
    return float(max(a, b) / min(a, b))


class DuplicateProject(Rule):
    """同一单位下同一项目重复列示（名称、金额、绩效目标和指标完全相同）。

    A project row that repeats an earlier row of the same 资金使用单位 in everything — name, 总计,
    绩效目标 and every indicator (codes, names, values; whitespace and full-width forms ignored) —
    is listed twice: the unit's subtotal usually counts it twice as well (see A01). Reported on
    the repeated row, pointing at the first one.

    Violates: ``机构运行辅助经费 55.00`` listed twice in 政府办公室本级 with the same goal and
    indicators. Passes: two ``租赁岗位合同工经费`` rows in different units, or with different
    indicators.
    """

    code = "D01"
    name = "duplicate-project"
    opinion = 11
    severity = Severity.error
    scope = Scope.unit
    supersedes = ("*",)

    def check(self, unit: Unit, context: Context) -> Iterator[Hit]:
        document = context.document
        copies = context.document_fact(repeated_rows, document)
        for project in unit.projects:
            first = copies.get(project.ordinal)
            if first is None:
                continue
            here = Placed(document, unit, project)
            yield Hit(
                f"项目“{quote(project.name)}”（{_money(project.amounts.total)}）与{describe(first, here)}"
                "的名称、金额、绩效目标和绩效指标完全相同，重复列示",
                suggestion="删除重复的项目行；如确为两个项目，应区分名称并分别填写目标和指标",
                field="name",
                excerpt=f"{project.name} {_money(project.amounts.total)}",
                project=project,
                unit=unit,
                related=(related(first, "首次出现"),),
            )


class CopyPasteIndicators(Rule):
    """不同项目的绩效指标完全相同（疑似复制粘贴）。

    Two different projects of one table whose indicator sets are identical — same codes, names
    and values, in any order — were most likely copied: the indicators do not describe either
    project's own outputs, and when the amounts differ a lot the same targets cannot both be
    appropriate (88号 "相应匹配"; 适当性). The message gives both amounts and their ratio. Rows
    already reported as D01 are skipped; sets with fewer than ``min_indicators`` indicators are
    not compared.

    Violates: 南粤家政项目资金(8.00) and 粤菜师傅工程项目资金(10.00) with the same four indicators;
    事业单位医疗经费(19,500.00) and 行政单位医疗经费(16,400.00). Passes: 购置经费(3.00) and
    购置经费(7.20) with different indicators.
    """

    code = "D02"
    name = "copy-paste-indicators"
    opinion = 3
    severity = Severity.warning
    scope = Scope.document
    supersedes = ("D03",)
    options: ClassVar[dict[str, Option]] = {
        "min_indicators": Option(
            3, minimum=1, help="指标少于它的项目不比较 (fewest indicators compared)"
        ),
        "amount_ratio": Option(
            2.0,
            minimum=1.0,
            help="两项目金额相差达到这一倍数时在消息中写出 (amount ratio worth mentioning)",
        ),
    }

    def check(self, document: Document, context: Context) -> Iterator[Hit]:
        least = int(self.settings["min_indicators"])

        def name_lengths(project: Project) -> object:
            indicators = project.indicators
            if len(indicators) < least:
                return None
            return tuple(sorted(_plain_length(i.name) for i in indicators))

        for later, first in _groups(context, name_lengths, indicator_key):
            project = later.project
            ratio = _amount_ratio(project.amounts.total, first.project.amounts.total)
            amounts = ""
            if ratio is not None and ratio >= float(self.settings["amount_ratio"]):
                amounts = f"，而两者金额相差{ratio:.1f}倍"
            yield Hit(
                f"绩效指标与{describe(first, later)}完全相同"
                f"（{len(project.indicators)}个指标）{amounts}，疑似复制",
                suggestion="按本项目的实际产出和效果重新设置指标和指标值，使目标值与资金量相匹配",
                field="indicators",
                excerpt=" ".join(i.name for i in project.indicators),
                project=project,
                unit=later.unit,
                related=(related(first, "指标相同"),),
            )


class DuplicateGoal(Rule):
    """不同项目的绩效目标文字完全相同。

    A 绩效目标 should say what this project will achieve; the same text under two different
    projects (whitespace and full-width forms ignored) was copied and describes at most one of
    them. When the names are also alike it may be the same work budgeted twice. Rows already
    reported as D01, goals shorter than ``min_length`` characters and placeholder goals (G02's
    ``goal_placeholder`` list) are skipped.

    Violates: 乡村振兴劳务协作补贴及工作经费(9.00) and 番禺区乡村振兴劳务协作补贴及工作经费(278.40)
    with the same goal. Passes: 事业单位医疗经费 and 行政单位医疗经费 (the goals name their own
    参保人员).
    """

    code = "D03"
    name = "duplicate-goal"
    opinion = 3
    severity = Severity.warning
    scope = Scope.document
    options: ClassVar[dict[str, Option]] = {
        "min_length": Option(
            10, minimum=0, help="短于这一字数的绩效目标不比较 (shortest goal compared)"
        )
    }

    def check(self, document: Document, context: Context) -> Iterator[Hit]:
        least = int(self.settings["min_length"])
        vocabulary = context.vocabulary

        def length(project: Project) -> object:
            size = _plain_length(project.goal)
            return size if size >= least else None

        def key(project: Project) -> object:
            if vocabulary.first("goal_placeholder", project.goal.strip()):
                return None
            return goal_key(project)

        def skeleton(project: Project) -> object:
            return _skeleton(project.goal)

        for later, first in _groups(context, length, skeleton, key):
            project = later.project
            alike = ""
            if fuzz.ratio(name_text(project.name), name_text(first.project.name)) >= 80:
                alike = "，且项目名称相近，可能是同一项目重复申报"
            yield Hit(
                f"绩效目标与{describe(first, later)}的绩效目标完全相同{alike}",
                suggestion="按本项目的资金用途写出具体的产出和效果目标",
                field="goal",
                excerpt=project.goal,
                location=project.goal_location,
                project=project,
                unit=later.unit,
                related=(related(first, "目标相同"),),
            )


# ---------------------------------------------------------------------------------------------
# Near-duplicates (D04): profiles, similarity, blocking
# ---------------------------------------------------------------------------------------------

_NOT_TEXT = re.compile(r"[\W_]+")
_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_NAME_REFERENCE = re.compile(r"#.*$|[〔\[【(（](?:19|20)\d{2}[〕\]】)）]\d*号?")

WEIGHTS = (0.2, 0.4, 0.4)
"""Default weights of name, goal and indicator-set similarity in the combined score."""
THRESHOLD = 0.8
"""Default minimum of the combined score for a near-duplicate."""
CONTENT_MIN = 0.85
"""Default minimum of the goal-and-indicator part alone (a shared name never suffices)."""


def plain(text: str | None) -> str:
    r"""Normalised text with punctuation and whitespace removed (letters, digits, CJK only).

    The same as removing ``[\W_]`` from :func:`normalise_text`'s result, done in the cheaper
    order: full-width letters and digits are the only full-width forms that survive the removal.
    """
    kept = _NOT_TEXT.sub("", text or "")
    return kept.translate(FULLWIDTH) if _FULLWIDTH_ALNUM.search(kept) else kept


def name_text(name: str) -> str:
    """A project name without its document reference (``#穗财社〔2023〕33号``), plain."""
    return plain(_NAME_REFERENCE.sub("", name))


@stored_by_slot
@dataclass(frozen=True, slots=True)
class ProjectText:
    """What D04 compares of a project: plain name, goal and indicator names."""

    name: str
    goal: str
    indicators: tuple[str, ...]

    @classmethod
    def of(cls, project: Project) -> ProjectText:
        """The profile of a parsed project."""
        names = tuple(n for n in (plain(i.name) for i in project.indicators) if n)
        return cls(name_text(project.name), plain(project.goal), names)


TEMPLATE_SHARED = 3
"""D04: at least this many indicator names in common before their values are compared…"""
TEMPLATE_AGREEMENT = 0.5
"""…and the pair is one plan only if more than this share of them state the same target…"""
TEMPLATE_NAME_MOST = 0.7
"""…when the names are less similar than this…"""
TEMPLATE_GOAL_MOST = 0.9
"""…and the goals less than this (the same project filed again with new figures keeps its name
and goal: still a near-duplicate)."""


def template_values(project: Project) -> dict[str, str]:
    """Each indicator's plain name → its plain 年度 (else 实施周期) value: what
    :func:`template_only` compares."""
    return {plain(i.name): plain(i.annual_value or i.cycle_value or "") for i in project.indicators}


def template_only(
    values_a: dict[str, str],
    values_b: dict[str, str],
    profile_a: ProjectText,
    profile_b: ProjectText,
) -> bool:
    """Whether two projects share only a template: different names, goals that differ beyond a
    template's wording (:data:`TEMPLATE_NAME_MOST`, :data:`TEMPLATE_GOAL_MOST`), at least :data:`TEMPLATE_SHARED` indicator names
    in common of which no more than :data:`TEMPLATE_AGREEMENT` state the same 年度 target (a
    unit's subsidies, each with its own people and amounts, are not one plan twice)."""
    if _ratio(profile_a.name, profile_b.name) >= TEMPLATE_NAME_MOST:
        return False
    if _ratio(profile_a.goal, profile_b.goal) >= TEMPLATE_GOAL_MOST:
        return False
    shared = [name for name in values_a if name and name in values_b]
    if len(shared) < TEMPLATE_SHARED:
        return False
    same = sum(1 for name in shared if values_a[name] == values_b[name])
    return same <= TEMPLATE_AGREEMENT * len(shared)


@dataclass(frozen=True, slots=True)
class Similarity:
    """Component similarities (0–1) of two profiles and their weighted combination.

    ``goal``/``indicators`` are ``None`` when neither profile has that part. ``content`` is the
    weighted mean of goal and indicators only: the evidence that does not come from the name.
    """

    score: float
    name: float
    goal: float | None
    indicators: float | None
    content: float | None


def _ratio(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100.0


def set_similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """Soft similarity of two indicator-name lists: mean best-match ratio, both directions."""
    if not a or not b:
        return 0.0
    b_set, a_set = set(b), set(a)

    def best(items: Sequence[str], others: Sequence[str], other_set: set[str]) -> float:
        total = 0.0
        for item in items:
            if item in other_set:
                total += 1.0
            else:
                found = process.extractOne(item, others, scorer=fuzz.ratio)
                total += found[1] / 100.0 if found else 0.0
        return total / len(items)

    return (best(a, b, b_set) + best(b, a, a_set)) / 2


def similarity(a: ProjectText, b: ProjectText, weights: Sequence[float] = WEIGHTS) -> Similarity:
    """Compare two profiles. A part missing on both sides is left out of the weighting."""
    w_name, w_goal, w_ind = weights
    name = _ratio(a.name, b.name)
    goal = _ratio(a.goal, b.goal) if (a.goal or b.goal) else None
    indicators = (
        set_similarity(a.indicators, b.indicators) if (a.indicators or b.indicators) else None
    )
    parts = [(w_goal, goal), (w_ind, indicators)]
    content_weight = sum(w for w, value in parts if value is not None)
    content = None
    if content_weight > 0:
        content = sum(w * value for w, value in parts if value is not None) / content_weight
    total_weight = w_name + content_weight
    if total_weight <= 0:  # every weighted part is missing on both sides: nothing to compare
        return Similarity(0.0, name, goal, indicators, content)
    score = (w_name * name + (content or 0.0) * content_weight) / total_weight
    return Similarity(score, name, goal, indicators, content)


def _accept(found: Similarity, threshold: float, content_min: float) -> bool:
    return found.score >= threshold and found.content is not None and found.content >= content_min


def goal_bound(threshold: float, content_min: float, weights: Sequence[float]) -> float:
    """The least goal ratio (0–100) with which a pair can still qualify, all else at 1.0.

    Exact pruning shared by :func:`near_duplicate_pairs` and :func:`all_pairs`: with the name and
    indicator parts at their best, a goal ratio under this bound fails the score or the content
    minimum (the bound without an indicator part is never lower).
    """
    w_name, w_goal, w_ind = weights
    if w_goal <= 0:
        return 0.0
    by_score = (threshold * (w_name + w_goal + w_ind) - w_name - w_ind) / w_goal
    by_content = (content_min * (w_goal + w_ind) - w_ind) / w_goal
    return max(0.0, by_score, by_content) * 100


def near_duplicate_pairs(
    items: Sequence[ProjectText],
    threshold: float = THRESHOLD,
    *,
    content_min: float = CONTENT_MIN,
    weights: Sequence[float] = WEIGHTS,
    skip: Callable[[int, int], bool] | None = None,
    overlap: float = 0.2,
) -> list[tuple[int, int, float]]:
    """Near-duplicate pairs ``(i, j, score)`` with ``i < j``, best first.

    A pair qualifies when its weighted score (name, goal, indicator names) is at least
    ``threshold`` and the content part alone (goal and indicators) at least ``content_min``, so
    that a shared generic name never suffices. Candidates come from :func:`candidate_pairs`
    and are scored by :func:`scored_pairs` (``skip`` as there).
    """
    candidates = candidate_pairs(items, overlap=overlap)
    return scored_pairs(candidates, items, threshold, content_min, weights, skip)


@without_cyclic_gc
def scored_pairs(
    candidates: Iterable[tuple[int, int]],
    items: Sequence[ProjectText] | Mapping[int, ProjectText],
    threshold: float = THRESHOLD,
    content_min: float = CONTENT_MIN,
    weights: Sequence[float] = WEIGHTS,
    skip: Callable[[int, int], bool] | None = None,
) -> list[tuple[int, int, float]]:
    """The ``candidates`` that qualify as near-duplicates, ``(i, j, score)``, best first
    (``items``: the profiles of at least the candidates' projects, by number).

    ``skip(i, j)`` drops a pair before it is scored, and so does a goal ratio under
    :func:`goal_bound` (checked first: it is the cheap part).
    """
    bound = max(0.0, goal_bound(threshold, content_min, weights) - 1e-6)
    out = []
    for i, j in candidates:
        if skip is not None and skip(i, j):
            continue
        a, b = items[i], items[j]
        pruned = bound > 0 and (a.goal or b.goal)
        if pruned and not fuzz.ratio(a.goal, b.goal, score_cutoff=bound):
            continue
        found = similarity(a, b, weights)
        if _accept(found, threshold, content_min):
            out.append((i, j, found.score))
    out.sort(key=lambda pair: (-pair[2], pair[0], pair[1]))
    return out


def all_pairs(
    items: Sequence[ProjectText],
    threshold: float = THRESHOLD,
    *,
    content_min: float = CONTENT_MIN,
    weights: Sequence[float] = WEIGHTS,
) -> list[tuple[int, int, float]]:
    """The exact answer of :func:`near_duplicate_pairs` by comparing every pair (reference).

    Quadratic, for tests and benchmarks. Only the goal comparison is pruned, by the exact
    :func:`goal_bound`, checked in C by rapidfuzz over all goals at once.
    """
    bound = goal_bound(threshold, content_min, weights)
    goals = [item.goal for item in items]
    out = []
    for i, item in enumerate(items):
        later = range(i + 1, len(items))
        if item.goal and bound > 0:
            hits = process.extract(
                item.goal, goals[i + 1 :], scorer=fuzz.ratio, limit=None, score_cutoff=bound
            )
            others = sorted({i + 1 + k for _, _, k in hits} | {j for j in later if not goals[j]})
        else:
            others = list(later)
        for j in others:
            found = similarity(item, items[j], weights)
            if _accept(found, threshold, content_min):
                out.append((i, j, found.score))
    out.sort(key=lambda pair: (-pair[2], pair[0], pair[1]))
    return out


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Signature:
    """What D04 keeps of one project once its document is gone: where it is (a :class:`Placed`
    of light copies: the document's path and department, the unit's name, the project's name,
    总计, place and ordinal), its profile, which projects of its document have the same goal or
    the same indicator set (numbered per document; ``None``: empty), and its indicators' values
    for :func:`template_only`."""

    placed: Placed
    text: ProjectText
    goal: int | None
    indicators: int | None
    values: dict[str, str]


class RunSignatures:
    """Every project's :class:`Signature`, numbered across the run, over what D04 kept of each
    document (a sequence of per-document lists, perhaps on disk: see
    :class:`~linter.spill.SpilledList`): read in order once, then picked by number."""

    def __init__(self, collected: Sequence[list[Signature]]) -> None:
        self.collected = collected
        self.starts: list[int] = []
        """Each document's first project number, and the run's project count: known once the
        signatures have been read in order."""

    def __iter__(self) -> Iterator[Signature]:
        starts = [0]
        for signatures in self.collected:
            yield from signatures
            starts.append(starts[-1] + len(signatures))
        self.starts = starts

    def document_of(self, index: int) -> int:
        """The input-order number of the document project ``index`` is in."""
        assert self.starts, "the signatures are numbered once they have been read in order"
        return bisect.bisect_right(self.starts, index) - 1

    def pick(self, indices: Iterable[int]) -> dict[int, Signature]:
        """The signatures numbered ``indices``, each document's list read once: two projects of
        one document share its light :class:`Document` and :class:`Unit`, as :func:`describe`
        expects (it compares them by identity)."""
        by_document: defaultdict[int, list[int]] = defaultdict(list)
        for index in indices:
            by_document[self.document_of(index)].append(index)
        picked = {}
        for document in sorted(by_document):
            signatures = self.collected[document]
            for index in by_document[document]:
                picked[index] = signatures[index - self.starts[document]]
        return picked


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


class NearDuplicateProject(Rule):
    """项目与另一项目高度相似（名称、绩效目标和指标），疑似同一工作重复安排。

    Two projects that are not identical but too alike to be separate work: their names, goals
    and indicator sets are nearly the same (rapidfuzz similarity over normalised text, weighted
    name ``weights[0]``, goal ``weights[1]``, indicator names ``weights[2]``). Compared within
    one document and across every file of the run. A pair is reported when the weighted score
    reaches ``threshold`` (default 0.8) and the goal-and-indicator part alone reaches
    ``content_min`` (default 0.85) — a shared generic name such as 租赁岗位合同工经费 or
    业务用房经费 is never enough, and neither is a unit's template: when the names differ
    (similarity below 0.7), the goals differ beyond shared wording (below 0.9) and of at least
    three indicator names in common at most half state the same 年度 target (each subsidy with
    its own people and amounts), they are two plans, not one. Pairs
    with an identical goal or indicator set in one file are
    left to D02/D03 and repeated rows to D01 (so 003 乡村振兴劳务协作补贴及工作经费 9.00 /
    278.40, with the same goal, is D03's, and the two 劳动关系公共服务及薪酬调查经费 rows, with the
    same goal and indicators, are D02's and D03's); across files nothing is left out. Reported
    once per project, on the later one, with its most similar earlier twin (others in
    ``related``).

    Candidate pairs are blocked with an inverted index of rare n-grams (:func:`candidate_pairs`),
    not by comparing all pairs: the time grows about linearly with the number of projects, and
    100,000 projects take well under a minute (``benchmarks/bench_scale.py``).

    Violates: 003 区属转制企业退休干部补贴财政补贴项目(550.94) and 转制企业移交人员管理费财政补助
    项目(7.78): same goal wording and indicators for different groups. Passes: the 租赁岗位合同工经费
    projects of different units (same name, different goals and indicators).
    """

    code = "D04"
    name = "near-duplicate-project"
    opinion = 11
    severity = Severity.warning
    scope = Scope.run
    options: ClassVar[dict[str, Option]] = {
        "threshold": Option(
            THRESHOLD,
            minimum=0.0,
            maximum=1.0,
            help="加权相似度达到它即报告 (least weighted similarity)",
        ),
        "content_min": Option(
            CONTENT_MIN,
            minimum=0.0,
            maximum=1.0,
            help="绩效目标和指标部分的相似度至少为它 (least goal-and-indicator similarity)",
        ),
        "weights": Option(
            WEIGHTS,
            length=3,
            items=float,
            minimum=0.0,
            positive_sum=True,
            help="名称、绩效目标、指标的权重 (weights of name, goal, indicators)",
        ),
        "max_related": Option(
            3, minimum=0, help="消息中列出的相似项目最多几个 (most twins listed as related)"
        ),
    }

    def collect(self, document: Document, context: Context) -> list[Signature]:
        """The signature of each project of the document but D01 copies (:class:`Signature`)."""
        copies = repeated_rows(document)
        light = Document(document.path, document.format, document.department, None, None, ())
        goals: dict[str, int] = {}
        indicator_sets: dict[tuple, int] = {}
        signatures = []
        for unit in document.units:
            unit_light = Unit(unit.name, unit.amounts, unit.location)
            for project in unit.projects:
                if project.ordinal in copies:
                    continue
                goal, indicators = goal_key(project), indicator_key(project)
                total = Amounts(total=project.amounts.total)
                placed = Placed(
                    light,
                    unit_light,
                    Project(project.name, total, "", (), project.location, project.ordinal),
                )
                signatures.append(
                    Signature(
                        placed,
                        ProjectText.of(project),
                        goals.setdefault(goal, len(goals)) if goal else None,
                        indicator_sets.setdefault(indicators, len(indicator_sets))
                        if indicators
                        else None,
                        template_values(project),
                    )
                )
        return signatures

    def check(self, collected: Sequence[list[Signature]], context: Context) -> Iterator[Hit]:
        signatures = RunSignatures(collected)
        candidates = candidate_pairs(signature.text for signature in signatures)
        picked = signatures.pick({k for pair in candidates for k in pair})

        def skip(i: int, j: int) -> bool:
            if signatures.document_of(i) != signatures.document_of(j):
                return False
            a, b = picked[i], picked[j]
            return (a.goal is not None and a.goal == b.goal) or (
                a.indicators is not None and a.indicators == b.indicators
            )

        weights = tuple(float(w) for w in self.settings["weights"])
        pairs = scored_pairs(
            candidates,
            {k: signature.text for k, signature in picked.items()},
            float(self.settings["threshold"]),
            float(self.settings["content_min"]),
            weights,
            skip,
        )
        twins: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for i, j, score in pairs:
            a, b = picked[i], picked[j]
            if not template_only(a.values, b.values, a.text, b.text):
                twins[j].append((score, i))
        limit = int(self.settings["max_related"])
        for j in sorted(twins):
            ranked = sorted(twins[j], key=lambda pair: (-pair[0], pair[1]))
            this, twin = picked[j], picked[ranked[0][1]]
            here, best = this.placed, twin.placed
            found = similarity(twin.text, this.text, weights)
            more = f"等{len(ranked)}个项目" if len(ranked) > 1 else ""
            yield Hit(
                f"本项目与{describe(best, here)}{more}高度相似：相似度 {found.score:.2f}"
                f"（名称 {_percent(found.name)}，绩效目标 {_percent(found.goal)}，"
                f"指标 {_percent(found.indicators)}）",
                suggestion="核实是否为同一工作重复安排资金；如确为不同项目，应写出各自的目标和指标",
                excerpt=f"{here.project.name} ~ {best.project.name}",
                project=here.project,
                unit=here.unit,
                document=here.document,
                related=tuple(
                    related(picked[i].placed, f"相似度 {score:.2f}") for score, i in ranked[:limit]
                ),
            )


RULES = (DuplicateProject, CopyPasteIndicators, DuplicateGoal, NearDuplicateProject)

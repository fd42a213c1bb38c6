"""The one indicator grammar shared by every reader.

Every reader turns its file into :class:`SourceTable`: a department header and a list of
:class:`SourceRow` (name, amounts, body text with locations). This module turns those rows into
the document model: it tells the 合计 row, unit rows and project rows apart, splits each project's
body into its 绩效目标 and its indicators, and reads each indicator's codes, name and values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from linter.located import LocatedText
from linter.model import Amounts, Document, Indicator, Location, Note, Project, Unit

TOTAL_NAMES = frozenset({"合计", "总计", "合 计", "总 计"})

CODE_HEAD = r"[1-9]\s*-\s*[\u4e00-\u9fff]{1,8}?指标"
"""An 一级 code head such as ``1-产出指标``: a digit, a dash, a name ending in 指标."""

_CODED_ITEM = re.compile(rf"(?<![\d.])(\d{{1,3}})\s*、\s*(?={CODE_HEAD})")
_ITEM = re.compile(r"(?<![\d.])(\d{1,3})\s*、")
_BARE_CODE_HEAD = re.compile(rf"(?<![\d.、])(?={CODE_HEAD}\s*[；;：:]\s*\d)")

_CODES = re.compile(
    r"^(?P<l1c>[1-9])\s*-\s*(?P<l1>[\u4e00-\u9fff]{1,8}?指标)\s*[；;：:，,]\s*"
    r"(?:(?P<l2c>\d{2,3})\s*-\s*(?P<l2>[^；;：:，,]{1,20}?)\s*[；;：:，,]\s*)?"
)
LABEL_PATTERN = re.compile(r"(实施周期指标值|年度指标值)\s*[:：]?")
CYCLE_LABEL = "实施周期指标值"
ANNUAL_LABEL = "年度指标值"

_NAME_TRAIL = "；;。，,：: \t\u3000"
_VALUE_TRAIL = "；;。，,"
_INDICATOR_TRAIL = "。；; \t\u3000"


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One table row as a reader sees it, before the grammar reads it.

    ``body`` is the row's 绩效目标 and 绩效指标 text, joined; ``goal_cell_end`` is the offset in
    ``body`` where the 绩效目标 cell ends, for formats that keep cells apart (``None`` for text
    dumps, where the two columns are interleaved on the page and cannot be told apart).
    """

    name: str
    amounts: Amounts
    location: Location
    body: LocatedText = field(default_factory=LocatedText)
    goal_cell_end: int | None = None
    markup: bool = False
    raw: str = ""


@dataclass(slots=True)
class SourceTable:
    """What a reader hands to the grammar: header facts, rows and the notes it made."""

    path: str
    format: str
    department: str | None = None
    amount_unit: str | None = None
    rows: list[SourceRow] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def build_document(table: SourceTable) -> Document:
    """Turn a reader's rows into the document model (units, projects, indicators)."""
    notes = list(table.notes)
    total: Amounts | None = None
    total_location: Location | None = None
    units: list[Unit] = []
    current: Unit | None = None
    pending: list[Project] = []
    ordinal = 0

    def close_unit() -> None:
        nonlocal current, pending
        if current is not None:
            units.append(_with_projects(current, pending))
        pending = []

    for row in table.rows:
        name_key = re.sub(r"\s+", "", row.name)
        body = row.body.strip()
        if name_key in TOTAL_NAMES and not body.text:
            if total is not None:
                notes.append(Note("重复的合计行", row.location, "duplicate-total", row.name))
            total, total_location = row.amounts, row.location
            continue
        if not body.text:
            close_unit()
            current = Unit(name=row.name, amounts=row.amounts, location=row.location)
            continue
        if current is None:
            notes.append(
                Note(
                    "项目之前没有资金使用单位行，已归入无名单位",
                    row.location,
                    "missing-unit",
                    row.name,
                )
            )
            current = Unit(name="", amounts=Amounts(), location=row.location)
        ordinal += 1
        project, project_notes = read_project(row, body, ordinal)
        pending.append(project)
        notes.extend(project_notes)
    close_unit()

    indicators = [i for unit in units for p in unit.projects for i in p.indicators]
    has_codes = any(i.level1_code is not None for i in indicators) or not indicators
    has_cycle = any(i.has_cycle_label for i in indicators) or not indicators
    notes.sort(key=lambda note: note.location.sort_key())
    return Document(
        path=table.path,
        format=table.format,
        department=table.department,
        amount_unit=table.amount_unit,
        total=total,
        units=tuple(units),
        notes=tuple(notes),
        total_location=total_location,
        has_codes=has_codes,
        has_cycle_column=has_cycle,
    )


def _with_projects(unit: Unit, projects: list[Project]) -> Unit:
    return Unit(unit.name, unit.amounts, unit.location, tuple(projects))


def read_project(row: SourceRow, body: LocatedText, ordinal: int) -> tuple[Project, list[Note]]:
    """Read one project row: split its body into goal and indicators and parse each indicator."""
    notes: list[Note] = []
    start, items = find_indicators(body.text)
    goal = body.slice(0, start).strip() if start is not None else body
    indicators: list[Indicator] = []
    for index, (number, begin, end) in enumerate(items, start=1):
        segment = body.slice(begin, end)
        location = body.locate(begin) or row.location
        if number is not None and number != index:
            notes.append(
                Note(
                    f"指标编号 {number}、 与顺序 {index} 不符（编号跳号或重复）",
                    location,
                    "numbering",
                    segment.text[:40],
                )
            )
        indicators.append(parse_indicator(segment.text, index, number, location))
    if start is None and LABEL_PATTERN.search(body.text):
        notes.append(
            Note(
                "含“指标值”的文本无法切分为编号指标，已整体视为绩效目标",
                body.locate(0) or row.location,
                "unplaced",
                body.text[:60],
            )
        )
    in_goal_cell = (
        row.goal_cell_end is not None and start is not None and start < row.goal_cell_end - 1
    )
    project = Project(
        name=row.name,
        amounts=row.amounts,
        goal=goal.text,
        indicators=tuple(indicators),
        location=row.location,
        ordinal=ordinal,
        goal_location=goal.locate(0),
        raw=row.raw,
        indicators_in_goal_cell=in_goal_cell,
        markup=row.markup,
    )
    return project, notes


def find_indicators(text: str) -> tuple[int | None, list[tuple[int | None, int, int]]]:
    """Find where the indicators start in a body and the span of each one.

    Returns ``(start, items)`` with ``items`` as ``(written number, begin, end)`` offsets. Coded
    tables: an indicator starts at ``N、`` followed by an 一级 code head (``1-产出指标``), whatever
    N is; uncoded tables: at ``N、`` with N the next expected number, once the previous indicator
    holds a value label. Numbers inside goals and values (``1.…；2.…``, ``407、411会议室``) are
    skipped.
    """
    coded = list(_CODED_ITEM.finditer(text))
    if coded:
        starts = [(int(m.group(1)), m.start()) for m in coded]
    else:
        bare = list(_BARE_CODE_HEAD.finditer(text))
        starts = [(None, m.start()) for m in bare] if bare else _uncoded_starts(text)
    if not starts:
        return None, []
    items: list[tuple[int | None, int, int]] = []
    for k, (number, begin) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(text)
        items.append((number, begin, end))
    return starts[0][1], items


def _uncoded_starts(text: str) -> list[tuple[int | None, int]]:
    """Indicator starts of an uncoded body: the first ``1、`` whose item holds a value label."""
    candidates = [(int(m.group(1)), m.start()) for m in _ITEM.finditer(text)]
    for k, (number, begin) in enumerate(candidates):
        if number != 1:
            continue
        following = [b for n, b in candidates[k + 1 :] if n in (1, 2)]
        if not LABEL_PATTERN.search(text[begin : following[0]] if following else text[begin:]):
            continue
        chosen = [(1, begin)]
        expected = 2
        for later_number, later_begin in candidates[k + 1 :]:
            if later_number != expected:
                continue
            previous = text[chosen[-1][1] : later_begin]
            if LABEL_PATTERN.search(previous):
                chosen.append((later_number, later_begin))
                expected += 1
        return chosen
    return []


def parse_indicator(segment: str, index: int, number: int | None, location: Location) -> Indicator:
    """Parse one indicator's text: optional codes, name, and the two labelled values."""
    raw = _ITEM.sub("", segment, count=1) if number is not None else segment
    raw = raw.strip().rstrip(_INDICATOR_TRAIL).strip()
    level1_code = level1 = level2_code = level2 = None
    rest = raw
    codes = _CODES.match(raw)
    if codes:
        level1_code, level1 = codes.group("l1c"), codes.group("l1")
        level2_code, level2 = codes.group("l2c"), codes.group("l2")
        rest = raw[codes.end() :]
    labels = list(LABEL_PATTERN.finditer(rest))
    name_end = labels[0].start() if labels else len(rest)
    name = rest[:name_end].strip().rstrip(_NAME_TRAIL).strip()
    values: dict[str, str] = {}
    for k, label in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(rest)
        value = rest[label.end() : end].strip()
        if value and value[-1] in _VALUE_TRAIL:
            value = value[:-1].strip()
        key = label.group(1)
        if key in values:
            values[key] = f"{values[key]}；{label.group(0)}{value}"
        else:
            values[key] = value
    return Indicator(
        index=index,
        number=number,
        level1_code=level1_code,
        level1=level1,
        level2_code=level2_code,
        level2=level2,
        name=name,
        cycle_value=values.get(CYCLE_LABEL),
        annual_value=values.get(ANNUAL_LABEL),
        raw=raw,
        location=location,
        has_cycle_label=CYCLE_LABEL in values,
        has_annual_label=ANNUAL_LABEL in values,
    )

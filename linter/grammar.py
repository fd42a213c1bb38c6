"""The one indicator grammar shared by every reader.

Every reader turns its file into :class:`SourceTable`: a department header and a list of
:class:`SourceRow` (name, amounts, body text with locations). This module turns those rows into
the document model: it tells the 合计 row, unit rows and project rows apart, splits each project's
body into its 绩效目标 and its indicators, and reads each indicator's codes, name and values.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from linter.limits import current_limits
from linter.located import LocatedText
from linter.model import (
    COST_LEVEL1,
    COST_LEVEL2,
    LEVEL1_NAMES,
    LEVEL2_NAMES,
    Amounts,
    Document,
    Indicator,
    Location,
    Note,
    Project,
    Unit,
)

TOTAL_NAMES = frozenset({"合计", "总计", "合 计", "总 计"})
LONG_NAME = 100
"""Unit and project names longer than this (seeds: at most 40) get a note: text ran into them."""

_AFTER_CODE_DIGIT = r"\s*-\s*[\u4e00-\u9fff]{1,8}?指标"
CODE_HEAD = rf"[1-9]{_AFTER_CODE_DIGIT}"
"""An 一级 code head such as ``1-产出指标``: a digit, a dash, a name ending in 指标."""

# Each item pattern starts with a digit and looks behind it only then (``\d(?<![\d.]\d)`` is
# ``(?<![\d.])\d``), so the regex engine skips ahead to the next digit instead of trying every
# position (≈2.5× faster on a body).
_CODED_ITEM = re.compile(rf"(\d(?<![\d.]\d)\d{{0,2}})\s*[、.．]\s*(?={CODE_HEAD})")
"""``N、`` (or ``N.``, ``N．``) before an 一级 code head: where a coded indicator starts."""
_ITEM = re.compile(r"(\d(?<![\d.]\d)\d{0,2})\s*、")
_DOT_ITEM = re.compile(rf"\d{{1,3}}\s*[.．]\s*(?={CODE_HEAD})")
"""A coded indicator's number written with a full stop (``1.`` before ``1-产出指标``)."""
_BARE_CODE_HEAD = re.compile(rf"[1-9](?<![\d.、][1-9])(?={_AFTER_CODE_DIGIT}\s*[；;：:]\s*\d)")

_CODES_PATTERN = (
    r"(?P<l1c>[1-9])\s*-\s*(?P<l1>[\u4e00-\u9fff]{1,8}?指标)\s*[；;：:，,]\s*"
    r"(?:(?P<l2c>\d{2,3})\s*-\s*(?P<l2>[^；;：:，,]{1,20}?)\s*[；;：:，,]\s*)?"
)
_CODES = re.compile(f"^{_CODES_PATTERN}")
_WHITESPACE = re.compile(r"\s+")
CYCLE_WORDS = ("实施周期", "实施期", "全周期", "中期", "长期")
"""How tables name the period of the 实施周期指标值 (the project's whole span): before 指标值 or
目标值, in a value label or a column header (``实施期指标值``, ``中期目标``)."""
ANNUAL_WORDS = ("本年度", "年度", "全年", "当年")
"""How tables name the period of the 年度指标值 (the budget year)."""
LABEL_PATTERN = re.compile(
    rf"((?:{'|'.join(CYCLE_WORDS + ANNUAL_WORDS)})(?:指标值|目标值))\s*[:：]?"
)
CYCLE_LABEL = "实施周期指标值"
ANNUAL_LABEL = "年度指标值"


def label_period(label: str) -> str:
    """The value a label (``实施期指标值``, ``全年目标值`` …) introduces: :data:`CYCLE_LABEL` or
    :data:`ANNUAL_LABEL`."""
    return CYCLE_LABEL if label.startswith(CYCLE_WORDS) else ANNUAL_LABEL


_USUAL_INDICATOR = re.compile(
    rf"(?=(?P<codes>(?:{_CODES_PATTERN})?))(?P=codes)(?P<name>.*?)"
    rf"{CYCLE_LABEL}\s*[:：]?(?P<cycle>.*?){ANNUAL_LABEL}\s*[:：]?(?P<annual>.*)",
    re.DOTALL,
)
"""The usual indicator in one match: codes, name, 实施周期指标值 and 年度指标值 with their values.

Read exactly as the general path reads it when ``指标值`` occurs just twice in the text: the codes
are matched atomically (what ``_CODES.match`` takes, or nothing, never a shorter reading: a
lookahead does not backtrack, and the text it saw is then taken by a backreference; Python 3.10
has no atomic groups), and the two labels are then the only ones a search for labels finds.
"""

_NAME_TRAIL = "；;。，,：: \t\u3000"
_VALUE_TRAIL = "；;。，,"
_INDICATOR_TRAIL = "。；; \t\u3000"


@dataclass(frozen=True, slots=True)
class IndicatorCells:
    """One indicator a spreadsheet gives in its own cells: 一级指标, 二级指标, 三级指标, values.

    ``level1``/``level2`` may carry their codes (``1-产出指标``) or not (``产出指标``). The values
    come from 实施周期指标值/年度指标值 columns (``None`` when the table has no such column) or
    from a single 指标值 column (``value``), which may itself hold both labels;
    ``cycle_location``/``annual_location`` are the cells they come from.
    """

    level1: str
    level2: str
    name: str
    location: Location
    cycle: str | None = None
    annual: str | None = None
    value: str | None = None
    cycle_location: Location | None = None
    annual_location: Location | None = None


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One table row as a reader sees it, before the grammar reads it.

    ``body`` is the row's 绩效目标 and 绩效指标 text, joined; ``goal_cell_end`` is the offset in
    ``body`` where the 绩效目标 cell ends, for formats that keep cells apart (``None`` for text
    dumps, where the two columns are interleaved on the page and cannot be told apart).
    ``indicator_cells`` are the indicators of a layout with one row per indicator; when given,
    ``body`` is the 绩效目标 alone. ``unit`` is the row's 单位名称 cell in a table that gives
    each row its unit in a column of its own (located at ``unit_location``), else ``""``.
    """

    name: str
    amounts: Amounts
    location: Location
    body: LocatedText = field(default_factory=LocatedText)
    goal_cell_end: int | None = None
    markup: bool = False
    raw: str = ""
    indicator_cells: tuple[IndicatorCells, ...] = ()
    unit: str = ""
    unit_location: Location | None = None


@dataclass(slots=True)
class SourceTable:
    """What a reader hands to the grammar: header facts, rows and the notes it made."""

    path: str
    format: str
    department: str | None = None
    amount_unit: str | None = None
    title: str | None = None
    rows: list[SourceRow] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


_TITLE_DEPARTMENT = re.compile(r"^(?P<name>[^\d\s（(]{2,30}?)\s*\d{4}\s*年")


def department_in_title(title: str | None) -> str | None:
    """The department a title names before its budget year (``广州市某某局2024年项目支出绩效
    目标表``), for a table with no 部门名称 line; ``None`` when it names none."""
    found = _TITLE_DEPARTMENT.match(title or "")
    if found is None or any(word in found.group("name") for word in ("绩效", "预算", "项目")):
        return None
    return found.group("name")


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
        name_key = _WHITESPACE.sub("", row.name)
        body = row.body.strip()
        if not name_key:
            notes.append(Note("行没有项目或单位名称", row.location, "unplaced", row.raw[:60]))
        elif len(name_key) > LONG_NAME:
            notes.append(
                Note(
                    f"名称长达 {len(name_key)} 字，可能混入了相邻的文字",
                    row.location,
                    "long-name",
                    row.name[:60],
                )
            )
        if name_key and not any(value is not None for value in row.amounts.figures()):
            is_project = bool(body.text or row.indicator_cells)
            if name_key in TOTAL_NAMES and not is_project:
                message = "合计行没有金额"
            else:
                kind = "项目" if is_project else "单位"
                message = f"行没有金额，无法确认是单位还是项目，已按{kind}读取"
            notes.append(
                Note(
                    message,
                    row.location,
                    "no-amounts",
                    row.name[:60],
                )
            )
        name = _capped(row.name, "名称", row.location, notes)
        if name is not row.name:
            row = replace(row, name=name)
        if name_key in TOTAL_NAMES and not body.text and not row.indicator_cells:
            if total is not None:
                notes.append(Note("重复的合计行", row.location, "duplicate-total", row.name))
            total, total_location = row.amounts, row.location
            continue
        if not body.text and not row.indicator_cells:
            close_unit()
            current = Unit(name=row.name, amounts=row.amounts, location=row.location)
            continue
        unit_name = row.unit.strip()
        if unit_name and (current is None or current.name != unit_name):
            close_unit()
            location = row.unit_location or row.location
            current = Unit(name=unit_name, amounts=Amounts(), location=location)
            notes.append(
                Note(
                    "没有这个单位的单位行，项目按“单位名称”列归入该单位（单位金额未列出）",
                    location,
                    "unit-from-column",
                    unit_name,
                )
            )
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
        pending.append(_capped_project(project, notes))
        notes.extend(project_notes)
    close_unit()

    indicators = [i for unit in units for p in unit.projects for i in p.indicators]
    has_codes = any(i.level1_code is not None for i in indicators) or not indicators
    has_cycle = any(i.has_cycle_label for i in indicators) or not indicators
    notes.sort(key=lambda note: note.location.sort_key())
    return Document(
        path=table.path,
        format=table.format,
        department=table.department or department_in_title(table.title),
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


def _capped(text: str, what: str, location: Location, notes: list[Note]) -> str:
    """``text`` cut to ``max-field-length`` characters; a note says what was left out and where.

    Such text is not a table field (a whole file swallowed by one cell or value); the cap keeps
    every later check bounded in time.
    """
    limit = current_limits().max_field_length
    if len(text) <= limit:
        return text
    notes.append(
        Note(
            f"{what}超过 {limit} 字（max-field-length），其后 {len(text) - limit} 字未读取",
            location,
            "too-long",
            text[limit : limit + 60],
        )
    )
    return text[:limit]


def _capped_project(project: Project, notes: list[Note]) -> Project:
    """The project with its 绩效目标 and every indicator field within ``max-field-length``."""
    limit = current_limits().max_field_length
    indicators = project.indicators
    if any(len(i.raw) > limit for i in indicators):
        indicators = tuple(_capped_indicator(i, notes) for i in indicators)
    goal = _capped(project.goal, "绩效目标", project.goal_location or project.location, notes)
    if goal is project.goal and indicators is project.indicators:
        return project
    return replace(project, goal=goal, indicators=indicators)


def _capped_indicator(indicator: Indicator, notes: list[Note]) -> Indicator:
    where = indicator.location
    return replace(
        indicator,
        name=_capped(indicator.name, "指标名称", where, notes),
        cycle_value=_capped_value(indicator.cycle_value, "实施周期指标值", where, notes),
        annual_value=_capped_value(indicator.annual_value, "年度指标值", where, notes),
        raw=indicator.raw[: current_limits().max_field_length],
    )


LEVEL1_HEADINGS = frozenset({*LEVEL1_NAMES.values(), COST_LEVEL1})
"""The 一级 names a section heading gives (``一、产出指标``)."""
_LEVEL_HEADING_NAMES = sorted(
    {*LEVEL1_HEADINGS, *LEVEL2_NAMES.values(), *COST_LEVEL2}, key=len, reverse=True
)
_HEADING_TRAIL = " \t\n\r\u3000：:；;，,。"
_SECTION_HEADING = re.compile(
    r"(?:[一二三四五六七八九十]{1,2}\s*[、.．]|[（(][一二三四五六七八九十]{1,2}[）)])\s*"
    rf"(?P<name>{'|'.join(_LEVEL_HEADING_NAMES)})[{_HEADING_TRAIL}]*$"
)
"""A heading of the framework's levels that ends a text: ``一、产出指标``, ``（一）数量指标``."""


def _ends_in_level_word(text: str, end: int) -> bool:
    """Whether ``text[:end]`` ends with 指标 and trailing separators (as a heading does): the
    cheap test before the heading pattern's search."""
    while end > 0 and text[end - 1] in _HEADING_TRAIL:
        end -= 1
    return end >= 2 and text.startswith("指标", end - 2)


class _Section:
    """The 一级/二级 that section headings (``一、产出指标``, ``（一）数量指标``) between the
    numbered indicators of a cell give the indicators after them."""

    def __init__(self) -> None:
        self.levels: tuple[str | None, str | None] = (None, None)

    def cut(self, text: str) -> int:
        """The length of ``text`` without the headings it ends with, which set the levels of
        the indicators that follow."""
        headings = []
        end = len(text)
        while _ends_in_level_word(text, end) and (
            (found := _SECTION_HEADING.search(text, 0, end)) is not None
        ):
            headings.append(found.group("name"))
            end = found.start()
        for name in reversed(headings):
            if name in LEVEL1_HEADINGS:
                self.levels = (name, None)
            else:
                self.levels = (self.levels[0], name)
        return end


def _capped_value(value: str | None, what: str, where: Location, notes: list[Note]) -> str | None:
    return None if value is None else _capped(value, what, where, notes)


def read_project(row: SourceRow, body: LocatedText, ordinal: int) -> tuple[Project, list[Note]]:
    """Read one project row: split its body into goal and indicators and parse each indicator."""
    notes: list[Note] = []
    if row.indicator_cells:
        indicators = tuple(
            indicator_from_cells(cells, index)
            for index, cells in enumerate(row.indicator_cells, start=1)
        )
        return _project(row, body, indicators, ordinal, in_goal_cell=False), notes
    text = body.text
    start, items = find_indicators(text)
    section = _Section()
    if start is None:
        goal = body
    else:
        goal_end = section.cut(text[:start])
        goal = body.slice(0, goal_end).strip()
    indicators: list[Indicator] = []
    locations = body.locate_all(begin for _, begin, _ in items)
    for index, ((number, begin, end), location) in enumerate(
        zip(items, locations, strict=True), start=1
    ):
        location = location or row.location
        levels = section.levels
        segment = text[begin : begin + section.cut(text[begin:end])]
        if number is not None and number != index:
            notes.append(
                Note(
                    f"指标编号 {number}、 与顺序 {index} 不符（编号跳号或重复）",
                    location,
                    "numbering",
                    segment[:40],
                )
            )
        indicator, repeated = parse_indicator(segment, index, number, location)
        if indicator.level1 is None and indicator.level2 is None and levels != (None, None):
            indicator = replace(indicator, level1=levels[0], level2=levels[1])
        for value in (indicator.cycle_value, indicator.annual_value):
            if value and "。" in value:
                notes.append(
                    Note(
                        "指标值中“。”之后还有文字，可能混入了表格之外的内容",
                        location,
                        "unplaced",
                        value[value.index("。") + 1 :][:60],
                    )
                )
                break
        if repeated:
            notes.append(
                Note(
                    f"一个指标里出现了两次“{repeated}”：可能有编号错乱、未能切开的指标",
                    location,
                    "numbering",
                    segment[:40],
                )
            )
        indicators.append(indicator)
    if start is None and LABEL_PATTERN.search(text):
        notes.append(
            Note(
                "含“指标值”的文本无法切分为编号指标，已整体视为绩效目标",
                body.locate(0) or row.location,
                "indicators-unread",
                text[:60],
            )
        )
    in_goal_cell = (
        row.goal_cell_end is not None and start is not None and start < row.goal_cell_end - 1
    )
    return _project(row, goal, tuple(indicators), ordinal, in_goal_cell), notes


def _most_repeated(labels: list[str]) -> str | None:
    """The label written most often (the first of a tie), if it is written more than once."""
    if len(labels) < 2 or (len(labels) == 2 and labels[0] != labels[1]):
        return None
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    label = max(counts, key=counts.__getitem__)
    return label if counts[label] > 1 else None


def _project(
    row: SourceRow,
    goal: LocatedText,
    indicators: tuple[Indicator, ...],
    ordinal: int,
    in_goal_cell: bool,
) -> Project:
    return Project(
        name=row.name,
        amounts=row.amounts,
        goal=goal.text,
        indicators=indicators,
        location=row.location,
        ordinal=ordinal,
        goal_location=goal.locate(0),
        raw=row.raw,
        indicators_in_goal_cell=in_goal_cell,
        markup=row.markup,
    )


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
    """Indicator starts of an uncoded body: the first ``1、`` whose item holds a value label.

    Later items follow in order, each once the previous one holds a label. An item numbered a
    little ahead (a skip, ``2、`` → ``4、``) or ``1、`` again (a restart) starts an indicator too
    when its own text, up to the next item, holds a label; the numbering note then reports it.
    """
    candidates = [(int(m.group(1)), m.start()) for m in _ITEM.finditer(text)]
    labels = [m.start() for m in LABEL_PATTERN.finditer(text)]

    def has_label(begin: int, end: int) -> bool:
        k = bisect.bisect_left(labels, begin)
        return k < len(labels) and labels[k] < end

    ends = [b for _, b in candidates[1:]] + [len(text)]
    next_one_or_two = [len(text)] * len(candidates)
    upcoming = len(text)
    for k in range(len(candidates) - 1, -1, -1):
        next_one_or_two[k] = upcoming
        if candidates[k][0] in (1, 2):
            upcoming = candidates[k][1]
    for k, (number, begin) in enumerate(candidates):
        if number != 1 or not has_label(begin, next_one_or_two[k]):
            continue
        chosen: list[tuple[int | None, int]] = [(1, begin)]
        expected = 2
        for j in range(k + 1, len(candidates)):
            later_number, later_begin = candidates[j]
            if not has_label(chosen[-1][1], later_begin):
                continue
            in_order = later_number == expected
            out_of_order = later_number == 1 or expected < later_number <= expected + 3
            if in_order or (out_of_order and has_label(later_begin, ends[j])):
                chosen.append((later_number, later_begin))
                expected = later_number + 1
        return chosen
    return []


def parse_indicator(
    segment: str, index: int, number: int | None, location: Location
) -> tuple[Indicator, str | None]:
    """Parse one indicator's text (optional codes, name, the two labelled values), and say which
    value label the text repeats, if any.

    The labels are searched for once, after the codes; the codes can hold a label only when
    they contain ``指标值`` (a label is letters, the codes end in a separator).
    """
    if number is not None:
        item = _DOT_ITEM.match(segment) or _ITEM.search(segment)
        if item is not None:
            segment = segment[: item.start()] + segment[item.end() :]
    raw = segment.strip().rstrip(_INDICATOR_TRAIL).strip()
    usual = _USUAL_INDICATOR.fullmatch(raw) if raw.count("指标值") == 2 else None
    if usual is not None:
        name, cycle, annual = usual.group("name", "cycle", "annual")
        values = {CYCLE_LABEL: _clean_value(cycle), ANNUAL_LABEL: _clean_value(annual)}
        usual_codes = usual.group("l1c", "l1", "l2c", "l2")
        indicator = _indicator(index, number, usual_codes, _clean_name(name), values, raw, location)
        return indicator, None
    codes = _CODES.match(raw)
    if codes is None:
        levels: tuple[str | None, ...] = (None, None, None, None)
        name_start = 0
    else:
        levels = codes.groups()  # l1c, l1, l2c, l2
        name_start = codes.end()
    labels = list(LABEL_PATTERN.finditer(raw, name_start))
    name = _clean_name(raw[name_start : labels[0].start()] if labels else raw[name_start:])
    values = _labelled_values(raw, labels)
    indicator = _indicator(index, number, levels, name, values, raw, location)
    if name_start and "指标值" in raw[:name_start]:
        labels = list(LABEL_PATTERN.finditer(raw))
    if len(labels) < 2:
        return indicator, None
    return indicator, _most_repeated([label_period(label.group(1)) for label in labels])


def _clean_name(text: str) -> str:
    return text.strip().rstrip(_NAME_TRAIL).strip()


def _clean_value(text: str) -> str:
    """A value without surrounding blanks and its trailing separators: ``5台。；`` is the value
    ``5台``, its full stop and the separator before the next label."""
    return text.strip().rstrip(_VALUE_TRAIL + " \t\u3000")


def _labelled_values(text: str, labels: list[re.Match[str]]) -> dict[str, str]:
    """The value after each label, up to the next label; a repeated label's values are kept."""
    values: dict[str, str] = {}
    for k, label in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        value = _clean_value(text[label.end() : end])
        key = label_period(label.group(1))
        if key in values:
            values[key] = f"{values[key]}；{label.group(0)}{value}"
        else:
            values[key] = value
    return values


_LEVEL_CELL = re.compile(r"^(?:(?P<code>\d{1,3})\s*[-－]\s*)?(?P<name>.*)$", re.DOTALL)


def _level(cell: str) -> tuple[str | None, str | None]:
    """An 一级/二级 cell as ``(code, name)``: ``1-产出指标`` → ``("1", "产出指标")``."""
    text = cell.strip()
    if not text:
        return None, None
    match = _LEVEL_CELL.match(text)
    name = match.group("name").strip() or None
    return match.group("code"), name


def indicator_from_cells(cells: IndicatorCells, index: int) -> Indicator:
    """Read an indicator given as cells with the same cleaning as :func:`parse_indicator`.

    An empty value cell is a missing value (``None``); a single 指标值 cell is the 年度指标值
    unless it carries the labels itself.
    """
    level1_code, level1 = _level(cells.level1)
    level2_code, level2 = _level(cells.level2)
    name = _clean_name(cells.name)
    values: dict[str, str | None] = {}
    if cells.cycle is not None:
        values[CYCLE_LABEL] = _clean_value(cells.cycle) or None
    if cells.annual is not None:
        values[ANNUAL_LABEL] = _clean_value(cells.annual) or None
    if cells.value is not None:
        labels = list(LABEL_PATTERN.finditer(cells.value))
        if labels:
            values.update(_labelled_values(cells.value, labels))
        else:
            values.setdefault(ANNUAL_LABEL, _clean_value(cells.value) or None)
    parts = [cells.level1.strip(), cells.level2.strip(), name]
    parts += [f"{label}：{value or ''}" for label, value in values.items()]
    codes = (level1_code, level1, level2_code, level2)
    raw = "；".join(part for part in parts if part)
    indicator = _indicator(index, None, codes, name, values, raw, cells.location)
    if cells.cycle_location is None and cells.annual_location is None:
        return indicator
    return replace(
        indicator, cycle_location=cells.cycle_location, annual_location=cells.annual_location
    )


def _indicator(
    index: int,
    number: int | None,
    codes: tuple[str | None, str | None, str | None, str | None],
    name: str,
    values: dict[str, str | None],
    raw: str,
    location: Location,
) -> Indicator:
    """An indicator from its codes, name and labelled values (keyed by label), however read."""
    level1_code, level1, level2_code, level2 = codes
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

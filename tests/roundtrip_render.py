"""Round-trip helpers: generate a document *specification*, render it, compare parse results.

The strategies below generate :class:`DocumentSpec` values: a department, a 合计 row, 1–4 units with
1–6 projects each; every row has 1–4 money figures (总计 always, thousands separators sometimes),
every project a 绩效目标 and 1–12 indicators with 一级/二级 codes from the real framework
(``documents(coded=False)``: the uncoded ``N、name；年度指标值:V；`` layout of seed 000). Texts come
from vocabularies taken from the seeds (“”, （）, #, 〔2023〕33号, ``407、411``, ``1.…；2.…`` and
``（1）`` lists, ``标准：100%``, ``1-2次/年``, inner spaces, ASCII commas) mixed with random pieces
over :data:`PIECE_CHARS`, filtered by the invariants below. Separators vary per spec like in the
seeds: ``；`` or ``：`` between codes, ``:``/``：``/no colon after labels, spaces before ``；``,
``。`` or ``；`` after an indicator.

The renderers turn a spec into the three text formats the readers accept:

* :func:`render_text` — a PDF-to-text dump like ``fixtures/seeds/000``/``001``/``003``: title,
  ``部门名称：…`` (with or without ``单位：万元`` on the same line), the column header (one line or
  wrapped with split words like 001:6–14), rows whose names wrap over 1–3 lines (projects indented
  0/2/4 spaces) with the non-empty figures on the last name line or on a line of their own, bodies
  (goal, then the indicator text) wrapped at any character (``1-产⏎出指标``, ``年度指⏎标值``,
  ``7⏎、``), runs of blank lines, page headers (after a form feed or a space) repeated between any
  two lines of the table, leading/trailing spaces, with or without a final newline.
* :func:`render_tsv` — a tab-separated export like seed 004 (preamble lines, header row, 7 cells,
  empty cells for empty amount columns, figures as ``18.00``/``18``/``18.5``/`` 18.00 ``, blank
  lines).
* :func:`render_csv` — the same table as CSV written by :mod:`csv` (quoting), with newlines embedded
  in the goal and indicator cells, ``\r\n`` or ``\n`` line ends.

Each renderer returns a :class:`Rendered`: the text plus where every project row and every indicator
number starts (1-based line/column of the text after ``\r\n`` → ``\n``), for location checks.
:func:`expected_tree` says what a correct reader must produce for a spec; :func:`actual_tree`
builds the same comparable tree from a parsed :class:`~linter.model.Document` (reader notes other
than ``positional-amounts`` included, so a clean document must give none).

Invariants of the generated text (what the formats carry without ambiguity):

* No text contains a tab, a newline, ``\r``, ``\f`` or a non-ASCII space; names contain no
  whitespace. (CSV cells get newlines only from the renderer, as wraps.)
* Names (department, unit, project) never contain ``。；;.``, ``:``/``：``, ``指标值``,
  ``项目名称``, ``绩效目标表`` or an ``N、d-`` head; they are never ``合计``/``总计``, never made
  only of column-header words, never look like a page footer (``-3-``). Figures are never part of
  a name and a name fragment is never a money figure.
* Goals end with ``。`` or ``；`` and contain no label word (``实施周期指标值``/``年度指标值``) and no
  ``N、d-…指标`` code head. Goals of *uncoded* documents contain no ``N、`` unless ``tricky``
  (``test_uncoded_goal_with_numbered_list`` pins the ``1、…2、…`` goal list that was once misread).
* Indicator names do not start with ``d-``, do not end with ``；;。，,：:`` or a space, and contain no
  label word; values do not start with a colon or a space, do not end with ``；;。，,`` or a space
  and contain no label word; in uncoded documents values contain no ``N、``.
* By default no text line starts with ``单位：``, ``部门：`` or ``项目名称`` inside the table: the
  text reader once took such lines for header lines (regression tests in ``test_roundtrip.py``);
  ``documents(tricky=True)`` adds that vocabulary (:data:`TRICKY_GOAL_CLAUSES`, :data:`TRICKY_INDICATOR_NAMES`) back.
* A text line never breaks next to a space (the dump's stripping would lose it); a wrapped body line
  is never made only of money figures (that is a row's amount line by definition of the format) nor
  looks like a page footer; a page header is never followed by a line made only of column-header
  words; a row with a single figure has it on a line of its own (a lone figure after text is part
  of a wrapped value).
* Text dumps collapse empty amount columns, so :func:`expected_tree` with ``positional=True``
  expects the non-empty figures left to right as 总计, 财政拨款, 财政专户拨款, 其他资金 — what the
  text reader does; delimited files keep the four columns (``positional=False``).
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from linter.readers.common import COLUMN_HEADERS

# --------------------------------------------------------------------------------------------------
# The specification

LEVEL1 = (("1", "产出指标"), ("2", "效益指标"), ("3", "满意度指标"))
LEVEL2 = {
    "1": (("11", "数量指标"), ("12", "质量指标"), ("13", "时效指标"), ("14", "成本指标")),
    "2": (("21", "经济效益"), ("22", "社会效益"), ("23", "生态效益"), ("24", "可持续影响")),
    "3": (("31", "服务对象满意度"),),
}
CYCLE_LABEL = "实施周期指标值"
ANNUAL_LABEL = "年度指标值"
TITLE = "项目支出绩效目标表（含转移支付项目）"
TOTAL_LABELS = ("合计", "合 计", "总计")
HEADER_WORDS = COLUMN_HEADERS
HEADER_TEXT = "".join(HEADER_WORDS)

Figures = tuple[str | None, str | None, str | None, str | None]
"""The four money cells (总计, 财政拨款, 财政专户拨款, 其他资金) as rendered, ``None`` when empty."""


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator and how it is written (separators are part of the spec, shared by all formats)."""

    level1_code: str | None
    level1: str | None
    level2_code: str | None
    level2: str | None
    name: str
    cycle_value: str | None
    annual_value: str
    name_end: str = "；"
    colon: str = ":"
    pad: str = ""
    end: str = "。"


@dataclass(frozen=True)
class ProjectSpec:
    name: str
    figures: Figures
    goal: str
    indicators: tuple[IndicatorSpec, ...]


@dataclass(frozen=True)
class UnitSpec:
    name: str
    figures: Figures
    projects: tuple[ProjectSpec, ...]


@dataclass(frozen=True)
class DocumentSpec:
    department: str
    total: Figures
    units: tuple[UnitSpec, ...]
    coded: bool = True
    code_sep: str = "；"


def indicator_text(indicator: IndicatorSpec, number: int, spec: DocumentSpec) -> str:
    """The text of one indicator as the tables write it (``1、1-产出指标；11-数量指标；…。``)."""
    i = indicator
    if spec.coded:
        sep = spec.code_sep
        return (
            f"{number}、{i.level1_code}-{i.level1}{sep}{i.level2_code}-{i.level2}{sep}{i.name}"
            f"{i.name_end}{CYCLE_LABEL}{i.colon}{i.cycle_value}{i.pad}；"
            f"{ANNUAL_LABEL}{i.colon}{i.annual_value}{i.pad}{i.end}"
        )
    return f"{number}、{i.name}{i.name_end}{ANNUAL_LABEL}{i.colon}{i.annual_value}{i.pad}{i.end}"


def indicators_text(project: ProjectSpec, spec: DocumentSpec) -> tuple[str, list[int]]:
    """All indicators of a project joined, and the offset where each one's number starts."""
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for number, indicator in enumerate(project.indicators, start=1):
        text = indicator_text(indicator, number, spec)
        starts.append(offset)
        parts.append(text)
        offset += len(text)
    return "".join(parts), starts


# --------------------------------------------------------------------------------------------------
# Vocabulary

DEPARTMENTS = (
    "广州市番禺区人力资源和社会保障局",
    "番禺区人民政府办公室（本级）",
    "广州市花都区人民政府办公室",
    "广州市白云区人民政府办公室（部门）",
    "广州市番禺区卫生健康局",
)
UNIT_NAMES = (
    "政府办公室本级",
    "广州市番禺区人力资源和社会保障局本级",
    "广州市白云区政府机关事务管理中心",
    "番禺区社会保险基金管理中心",
    "区劳动人事争议仲裁院",
    "广州市花都区人民政府办公室",
)
PROJECT_PREFIXES = ("", "", "", "区委", "广州追加提前下达", "2024年", "市级")
PROJECT_CORES = (
    "产业人才发展专项资金",
    "新型冠状病毒肺炎疫情防控专项经费",
    "公务用车购置费",
    "政府雇员工资费用",
    "机关大院物业管理",
    "外事业务专用经费",
    "劳动关系公共服务及薪酬调查经费财政补助",
    "407、411会议室增加涉密配套视频系统",
    "“粤菜师傅”工程专项资金",
    "AKTDGC",
    "档案数字化",
    "企业移交退休人员管理活动资金",
    "12345政务服务便民热线运行经费",
    "区城市运行指挥中心综合业务经费",
    "工作经费",
    "大院办公场所公共设备购置维修及保险等支出",
)
PROJECT_SUFFIXES = ("", "", "", "#穗财社[2022]34号", "〔2023〕33号", "（财政专户）", "（第二批）")
SAFE_CHARS = (
    "人才发展服务保障工作经费专项社会管理建设公共办公室区市街道信息化系统运行维护培训宣传"
    "教育医疗卫生环境安全设施设备采购补助贴城乡居民基层治理档案数字文化体育旅游交通农村水利"
)
"""Characters for random name pieces: none of them starts a header word or a label."""
PIECE_CHARS = SAFE_CHARS + "，、（）“”《》〔〕#[]0123456789%≥≤＞＜-/.×÷+AK"
"""Characters for random text pieces (filtered by the invariants of the field they go into)."""

GOAL_CLAUSES = (
    "通过实施以下工作",
    "吸引带动各类产业人才来本区创业和工作",
    "保障总值班室工作实施",
    "做好公文收发及重要紧急信息的报送工作",
    "检查督促指导各镇街、部门值班工作的开展",
    "确保12345政务服务便民热线顺利实施",
    "提升核酸检测和流行病学调查能力",
    "实施2024年产业人才新政“番禺人才生态30条”",
    "最多评选奖励5名杰出产业人才、10名创新领军人才",
    "医疗补助 ,关心困难职工生活",
    "资金使用率为 100%",
    "加强对外交流,提升国际形象",
    "构建全面开放新格局",
    "组织会议、外出调研等 ",
    "-保障机关正常运转",
    "完成区政府办各项工作，完成雇员的日常工资支付",
    "预算年度内保障机关大院办公楼、停车场等基础设施的安全正常使用",
    "根据《关于印发〈档案接收标准〉的通知》（云档馆〔2020〕3号）进行整理归档",
)
INDICATOR_NAMES = (
    "培育扶持产业人才数量",
    "政策补贴人数",
    "资金实际支出率",
    "项目资金到位率",
    "人才服务数量",
    "支出的合规性",
    "扩大政策覆盖群体范围",
    "服务对象满意度",
    "外籍来穗人员对翻译服务的投诉人数",
    "加强对外交流，提升花都区国际形象",
    "合格率-质量检验合格数量÷检验总数量×100%",
    "档案整理卷数",
    "全年计划因公出国（境）团组批次",
    "区委407、411会议室改造完成率",
    "编制专报、快报不少于50份",
    "根据上级部署完成12类重点场所、各类重点人群监测任务",
    "提供午餐数量（万份）",
    "完成“三个转变”任务",
)
VALUES = (
    "≥95%",
    "1500卷",
    "不少于2000次",
    "1-2次/年",
    "标准：100%",
    "满意，得满分；基本满意，部分得分",
    "有所提升",
    "≥3",
    "＜3人",
    ">30000",
    "<1%",
    "≤0%",
    "100%",
    "合规",
    "1000人次",
    "95% 以上",
    "标准：控制数",
    "200元/套为最高限价",
    "（参照2023年任务）完成",
    "3.65万元",
    "≥99.50%",
    "20-35次",
    "1季度",
    "标准： 有利于",
    "》91%",
    "＞90%",
    "1.酒店数量不少于10家；2.酒店房间不少于1000间",
)

TRICKY_GOAL_CLAUSES = ("按要求公开项目名称、预算金额等信息", "协调各部门：财政、审计等共同推进")
"""Realistic goal text the text reader once mangled (regression tests in ``test_roundtrip.py``)."""
TRICKY_INDICATOR_NAMES = ("购置设备数量（单位：台）",)
"""Realistic indicator names the text reader once mangled."""

_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$")
_HEADER_PIECE = re.compile(
    r"^(?:项目名称|资金使用单位|资金使用单|位|总计|财政拨款|财政专户拨款|财政专户|拨款|其他资金|其他资|金"
    r"|资金来源|绩效目标|绩效指标|[（）()])+$"
)
_FORBIDDEN_IN_NAMES = re.compile(
    r"[。；;.:：\s]|指标值|项目名称|绩效目标表|(?<!\d)\d{1,3}\s*、\s*[1-9]\s*-"
)
_LABEL = re.compile(r"实施周期指标值|年度指标值")
_CODE_HEAD = re.compile(r"\d\s*、\s*[1-9]\s*-\s*[\u4e00-\u9fff]{1,8}?指标")
_ITEM_NUMBER = re.compile(r"\d\s*、")
_FOOTER = re.compile(r"^\s*(?:第\s*\d+\s*页.*|-\s*\d+\s*-)\s*$")


def is_header_like(line: str) -> bool:
    """Whether a line could be read as a piece of the (wrapped) column header."""
    compact = re.sub(r"\s+", "", line)
    return bool(compact) and (compact in HEADER_TEXT or bool(_HEADER_PIECE.match(compact)))


def is_anchor_like(line: str) -> bool:
    """Whether a line would be read as a row's amount line (it ends in money figures)."""
    tokens = line.split()
    count = 0
    while count < len(tokens) and _AMOUNT.match(tokens[-1 - count]):
        count += 1
    return count > 0 and not (count == 1 and len(tokens) > 1)


def is_footer_like(line: str) -> bool:
    """Whether a line looks like a page footer (``- 3 -``, ``第3页``)."""
    return bool(_FOOTER.match(line))


def _free_text(text: str) -> bool:
    return not _LABEL.search(text) and not _CODE_HEAD.search(text) and "绩效目标表" not in text


def valid_goal_clause(text: str, coded: bool) -> bool:
    """A piece of a goal: no label, no code head, no ``N、`` in uncoded documents."""
    return _free_text(text) and (coded or not _ITEM_NUMBER.search(text))


def valid_indicator_name(name: str, coded: bool) -> bool:
    """An indicator name: no ``d-`` start, no separator at the end, no label, no code head.

    In uncoded documents a name holds no ``N、`` either: ``1、1、；年度指标值…`` is ambiguous.
    """
    return (
        _free_text(name)
        and not re.match(r"\s*\d\s*-", name)
        and name.strip() == name
        and name[-1] not in "；;。，,：:"
        and (coded or not _ITEM_NUMBER.search(name))
    )


def valid_value(value: str, coded: bool) -> bool:
    """A value: no colon/space at the start, no separator/space at the end, no label."""
    return (
        _free_text(value)
        and value.strip() == value
        and value[0] not in ":："
        and value[-1] not in "；;。，,"
        and (coded or not _ITEM_NUMBER.search(value))
    )


def _valid_name(name: str) -> bool:
    compact = re.sub(r"\s+", "", name)
    return (
        bool(name)
        and not _FORBIDDEN_IN_NAMES.search(name)
        and compact not in ("合计", "总计")
        and not _HEADER_PIECE.match(compact)
        and not is_footer_like(name)
    )


# --------------------------------------------------------------------------------------------------
# Strategies

_random_piece = st.text(alphabet=SAFE_CHARS, min_size=1, max_size=6)
_text_piece = st.text(alphabet=PIECE_CHARS, min_size=1, max_size=12)


@functools.cache
def figures() -> st.SearchStrategy[Figures]:
    """1–4 non-empty money cells (总计 always), sometimes with thousands separators."""

    @st.composite
    def build(draw: Any) -> Figures:
        mask = draw(
            st.sampled_from(
                (
                    *((1, 1, 0, 0), (1, 1, 0, 0), (1, 0, 0, 0), (1, 1, 1, 0)),
                    *((1, 1, 1, 1), (1, 0, 1, 0), (1, 0, 0, 1), (1, 1, 0, 1)),
                )
            )
        )
        cells: list[str | None] = []
        for present in mask:
            if not present:
                cells.append(None)
                continue
            cents = draw(st.integers(0, 9_999_999_99))
            value = Decimal(cents) / 100
            separators = value >= 1000 and draw(st.booleans())
            cells.append(f"{value:,.2f}" if separators else f"{value:.2f}")
        return (cells[0], cells[1], cells[2], cells[3])

    return build()


def _name(pieces: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(pieces), _random_piece.map(lambda s: s + "经费"), _text_piece
    ).filter(_valid_name)


@functools.cache
def project_names() -> st.SearchStrategy[str]:
    return (
        st.tuples(
            st.sampled_from(PROJECT_PREFIXES),
            _name(PROJECT_CORES),
            st.sampled_from(PROJECT_SUFFIXES),
        )
        .map("".join)
        .filter(_valid_name)
    )


@functools.cache
def goals(coded: bool, tricky: bool = False) -> st.SearchStrategy[str]:
    """A 绩效目标: clauses, plain or as a list, ending with 。 or ；."""
    clauses = GOAL_CLAUSES + (TRICKY_GOAL_CLAUSES if tricky else ())
    clause = st.one_of(st.sampled_from(clauses), _random_piece, _text_piece).filter(
        lambda text: valid_goal_clause(text, coded or tricky)
    )
    styles = ["plain", "paren", "dot", "yishi"] + (["dun"] if coded or tricky else [])

    @st.composite
    def build(draw: Any) -> str:
        parts = draw(st.lists(clause, min_size=1, max_size=4))
        style = draw(st.sampled_from(styles))
        end = draw(st.sampled_from("。。；"))
        ordinals = "一二三四"
        if style == "plain":
            text = "，".join(parts)
        elif style == "paren":
            text = "；".join(f"（{k}）{p}" for k, p in enumerate(parts, 1))
        elif style == "dot":
            text = "；".join(f"{k}.{p}" for k, p in enumerate(parts, 1))
        elif style == "dun":
            text = "；".join(f"{k}、{p}" for k, p in enumerate(parts, 1))
        else:
            text = "。".join(f"{ordinals[k]}是{p}" for k, p in enumerate(parts))
        return text.strip() + end

    return build()


@functools.cache
def values(coded: bool = True) -> st.SearchStrategy[str]:
    n = st.integers(0, 5000)
    return st.one_of(
        st.sampled_from(VALUES),
        n.map(lambda k: f"≥{k}%"),
        n.map(lambda k: f"{k}卷"),
        n.map(lambda k: f"不少于{k}次"),
        st.tuples(n, n).map(lambda ab: f"{ab[0]}-{ab[1]}次/年"),
        _text_piece,
    ).filter(lambda value: valid_value(value, coded))


@functools.cache
def indicators(coded: bool, tricky: bool = False) -> st.SearchStrategy[IndicatorSpec]:
    names = INDICATOR_NAMES + (TRICKY_INDICATOR_NAMES if tricky else ())
    name_strategy = st.one_of(st.sampled_from(names), _random_piece, _text_piece).filter(
        lambda name: valid_indicator_name(name, coded)
    )

    @st.composite
    def build(draw: Any) -> IndicatorSpec:
        name = draw(name_strategy)
        annual = draw(values(coded))
        colon = draw(st.sampled_from(("：", ":", ":", "")))
        pad = draw(st.sampled_from(("", "", "", " ")))
        if not coded:
            return IndicatorSpec(
                None,
                None,
                None,
                None,
                name,
                None,
                annual,
                name_end=draw(st.sampled_from("；；。")),
                colon=colon,
                pad=pad,
                end="；",
            )
        l1c, l1 = draw(st.sampled_from(LEVEL1))
        l2c, l2 = draw(st.sampled_from(LEVEL2[l1c]))
        cycle = draw(st.one_of(st.just(annual), values(coded)))
        return IndicatorSpec(
            l1c,
            l1,
            l2c,
            l2,
            name,
            cycle,
            annual,
            colon=colon,
            pad=pad,
            end=draw(st.sampled_from("。。。；")),
        )

    return build()


@functools.cache
def projects(coded: bool, tricky: bool = False) -> st.SearchStrategy[ProjectSpec]:
    return st.builds(
        ProjectSpec,
        name=project_names(),
        figures=figures(),
        goal=goals(coded, tricky),
        indicators=st.lists(indicators(coded, tricky), min_size=1, max_size=12).map(tuple),
    )


@functools.cache
def units(coded: bool, tricky: bool = False) -> st.SearchStrategy[UnitSpec]:
    return st.builds(
        UnitSpec,
        name=_name(UNIT_NAMES),
        figures=figures(),
        projects=st.lists(projects(coded, tricky), min_size=1, max_size=6).map(tuple),
    )


@functools.cache
def documents(coded: bool | None = None, tricky: bool = False) -> st.SearchStrategy[DocumentSpec]:
    """A document spec; ``coded=False`` gives the uncoded layout of seed 000 (``N、name；年度指标值:V；``).

    ``tricky=True`` adds realistic text that readers once got wrong (``TRICKY_*``, and
    ``1、2、`` goal lists in uncoded documents); the round-trip properties turn it on.
    """

    @st.composite
    def build(draw: Any) -> DocumentSpec:
        is_coded = draw(st.booleans()) if coded is None else coded
        return DocumentSpec(
            department=draw(st.sampled_from(DEPARTMENTS)),
            total=draw(figures()),
            units=tuple(draw(st.lists(units(is_coded, tricky), min_size=1, max_size=4))),
            coded=is_coded,
            code_sep=draw(st.sampled_from("；；：")) if is_coded else "；",
        )

    return build()


def text_layouts() -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for :func:`render_text`."""
    return st.fixed_dictionaries(
        {
            "wrap_width": st.integers(3, 40),
            "blank_every": st.integers(0, 4),
            "indent": st.sampled_from((0, 2, 4)),
            "seed": st.integers(0, 2**32 - 1),
        }
    )


# --------------------------------------------------------------------------------------------------
# Rendering

Position = tuple[int, int]


@dataclass
class Rendered:
    """A rendered document and where each project row / indicator number starts (line, column)."""

    text: str
    project_locations: list[Position] = field(default_factory=list)
    indicator_locations: list[list[Position]] = field(default_factory=list)


def _figures_text(cells: Figures) -> list[str]:
    return [c for c in cells if c is not None]


def _wrap(text: str, width: int, rng: random.Random, jitter: int = 2) -> list[int]:
    """Break offsets (line starts) for wrapping ``text`` at about ``width`` characters.

    A break never falls next to whitespace and never leaves a line made only of money figures.
    """
    starts = [0]
    position = 0
    while True:
        end = position + max(1, width + rng.randint(-jitter, jitter))
        while end < len(text) and (
            text[end - 1].isspace()
            or text[end].isspace()
            or is_anchor_like(text[position:end])
            or is_anchor_like(text[end:])
            or is_footer_like(text[position:end])
            or is_footer_like(text[end:])
        ):
            end += 1
        if end >= len(text):
            return starts
        starts.append(end)
        position = end


def _split_name(name: str, rng: random.Random) -> list[str]:
    """A name on 1–3 lines, cut at random points."""
    pieces = rng.choice((1, 1, 2, 2, 3))
    pieces = min(pieces, len(name))
    cuts = sorted(rng.sample(range(1, len(name)), pieces - 1)) if pieces > 1 else []
    bounds = [0, *cuts, len(name)]
    fragments = [name[a:b] for a, b in itertools.pairwise(bounds)]
    if any(is_footer_like(f) or is_anchor_like(f) for f in fragments):
        return [name]
    return fragments


def _header_lines(rng: random.Random) -> list[str]:
    """The column header on one line, or wrapped with words split like seed 001:6–14."""
    if rng.random() < 0.5:
        return [" ".join(HEADER_WORDS)]
    pieces: list[str] = []
    for k, word in enumerate(HEADER_WORDS):
        low = 4 if k == 0 else 1
        if len(word) > low and rng.random() < 0.4:
            cut = rng.randint(low, len(word) - 1)
            pieces += [word[:cut], word[cut:]]
        else:
            pieces.append(word)
    lines: list[str] = []
    current: list[str] = []
    for piece in pieces:
        current.append(piece)
        if rng.random() < 0.5:
            lines.append(" ".join(current))
            current = []
    if current:
        lines.append(" ".join(current))
    return lines


@dataclass
class _Line:
    text: str
    kind: str = "content"
    """``content`` (table text), ``top`` (title, department, header) or ``header`` (page header)."""


def render_text(
    spec: DocumentSpec,
    wrap_width: int,
    blank_every: int,
    indent: int,
    seed: int = 0,
    jitter: int = 2,
    total_label: str | None = None,
) -> Rendered:
    """Render a spec as a PDF-to-text dump.

    ``wrap_width``: characters per body line (± ``jitter`` per line); ``blank_every``: every n-th line is
    followed by a run of 1–3 blank lines (0: none); ``indent``: spaces before project names;
    ``seed`` drives every other choice (header layout, name wraps, page headers, spacing);
    ``total_label`` replaces the 合计 row's label (default: ``合计`` or ``合 计``).
    """
    rng = random.Random(seed)
    top: list[str] = [""] * rng.randint(0, 2) + [TITLE]
    if rng.random() < 0.6:
        top.append(f"部门名称：{spec.department}{' ' * rng.randint(1, 3)}单位：万元")
    else:
        top += [f"部门名称：{spec.department}", "单位：万元"]
    header = _header_lines(rng)
    top += header
    content: list[str] = []
    marks: dict[tuple[int, ...], tuple[int, int]] = {}

    def row(name: str, cells: Figures, lead: int, key: tuple[int, ...] | None) -> None:
        fragments = [name] if key is None and name in TOTAL_LABELS else _split_name(name, rng)
        figs = _figures_text(cells)
        amounts = (" " * rng.randint(1, 3)).join(figs)
        own_line = len(figs) == 1 or rng.random() < 0.3
        for k, fragment in enumerate(fragments):
            pad = " " * (lead if k == 0 or rng.random() < 0.3 else 0)
            if k == 0 and key is not None:
                marks[key] = (len(content), len(pad) + 1)
            last = k == len(fragments) - 1
            if last and not own_line:
                content.append(f"{pad}{fragment}{' ' * rng.randint(1, 3)}{amounts}")
            else:
                content.append(pad + fragment)
        if own_line:
            content.append(amounts)

    def body(text: str, starts: dict[int, tuple[int, ...]]) -> None:
        breaks = [*_wrap(text, wrap_width, rng, jitter), len(text)]
        for a, b in itertools.pairwise(breaks):
            lead = 1 if rng.random() < 0.05 else 0
            trail = " " if rng.random() < 0.05 else ""
            for offset, key in starts.items():
                if a <= offset < b:
                    marks[key] = (len(content), lead + 1 + offset - a)
            content.append(" " * lead + text[a:b] + trail)

    label = total_label or ("合 计" if rng.random() < 0.1 else "合计")
    row(label, spec.total, 0, None)
    for u, unit in enumerate(spec.units):
        row(unit.name, unit.figures, 0, None)
        for p, project in enumerate(unit.projects):
            row(project.name, project.figures, indent, (u, p))
            body(project.goal, {})
            text, starts = indicators_text(project, spec)
            body(text, {start: (u, p, k) for k, start in enumerate(starts)})

    lines: list[str] = []
    number_of: list[int] = []
    emitted = 0

    def emit(line: str) -> None:
        nonlocal emitted
        lines.append(line)
        emitted += 1
        if blank_every and emitted % blank_every == 0:
            lines.extend(rng.choice(("", "", " ")) for _ in range(rng.randint(1, 3)))

    for line in top:
        emit(line)
    for k, line in enumerate(content):
        if k > 0 and rng.random() < 0.04 and not is_header_like(line):
            page = _header_lines(rng)
            page[0] = rng.choice(("", " ", "\f")) + page[0]
            for piece in page:
                emit(piece)
        number_of.append(len(lines) + 1)
        emit(line)
    text = "\n".join(lines)
    text += rng.choice(("", "", "\n", " "))

    rendered = Rendered(text)
    for u, unit in enumerate(spec.units):
        for p, project in enumerate(unit.projects):
            index, column = marks[(u, p)]
            rendered.project_locations.append((number_of[index], column))
            rendered.indicator_locations.append(
                [
                    (number_of[marks[(u, p, k)][0]], marks[(u, p, k)][1])
                    for k in range(len(project.indicators))
                ]
            )
    return rendered


def _cell_figure(cell: str | None, rng: random.Random) -> str:
    """A money cell as spreadsheet exports write it: ``18.00``, ``18``, ``18.5``, `` 18.00 ``."""
    if cell is None:
        return rng.choice(("", "", " "))
    form = rng.random()
    if form < 0.2 and "." in cell:
        return cell.rstrip("0").rstrip(".")
    if form < 0.3:
        return f" {cell} "
    return cell


def _table_rows(
    spec: DocumentSpec, rng: random.Random, name_prefix: str = ""
) -> list[tuple[list[str], tuple[int, int] | None, list[int]]]:
    """The table as 7-cell rows, with (unit, project) and indicator offsets for project rows."""
    rows: list[tuple[list[str], tuple[int, int] | None, list[int]]] = []

    def cells(name: str, figs: Figures, goal: str = "", text: str = "") -> list[str]:
        return [name, *(_cell_figure(f, rng) for f in figs), goal, text]

    rows.append((cells("合计", spec.total), None, []))
    for u, unit in enumerate(spec.units):
        rows.append((cells(unit.name, unit.figures), None, []))
        for p, project in enumerate(unit.projects):
            text, starts = indicators_text(project, spec)
            name = name_prefix + project.name
            rows.append((cells(name, project.figures, project.goal, text), (u, p), starts))
    return rows


def _preamble(spec: DocumentSpec, rng: random.Random) -> list[str]:
    lines = [""] * rng.randint(0, 2) + [TITLE, ""]
    if rng.random() < 0.5:
        lines += [f"部门名称：{spec.department}", "", "单位：万元", ""]
    else:
        lines += [f"部门名称：{spec.department} 单位：万元", ""]
    return lines


def _linecol(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def render_tsv(spec: DocumentSpec, seed: int = 0, name_indent: int = 0) -> Rendered:
    """Render a spec like seed 004: preamble lines, a header row, 7 tab-separated cells per row.

    ``name_indent`` puts spaces before project names (as Excel exports of indented rows do).
    """
    rng = random.Random(seed)
    out = "\n".join(_preamble(spec, rng)) + "\n" + "\t".join(HEADER_WORDS) + "\n"
    rendered = Rendered("")
    for cells, key, starts in _table_rows(spec, rng, " " * name_indent):
        if rng.random() < 0.1:
            out += "\n"
        begin = len(out)
        line = "\t".join(cells)
        if key is not None:
            rendered.project_locations.append(_linecol(out, begin + name_indent))
            cell_start = begin + len(line) - len(cells[6])
            rendered.indicator_locations.append([_linecol(out, cell_start + s) for s in starts])
        out += line + "\n"
    rendered.text = out if rng.random() < 0.5 else out[:-1]
    return rendered


def _csv_field(value: str) -> str:
    """A field as :mod:`csv` writes it with the default dialect (QUOTE_MINIMAL)."""
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _raw_offset(value: str, index: int) -> int:
    """Offset in the written field of character ``index`` of ``value``."""
    if _csv_field(value) == value:
        return index
    return 1 + index + value.count('"', 0, index)


def _embed_newlines(text: str, rng: random.Random, least: int = 0) -> tuple[str, list[int]]:
    """``text`` with ``least``–3 newlines inserted, and the map from old offsets to new ones."""
    cuts = sorted(rng.sample(range(1, len(text)), min(len(text) - 1, rng.randint(least, 3))))
    mapping: list[int] = []
    out: list[str] = []
    for k, char in enumerate(text):
        if cuts and cuts[0] == k:
            cuts.pop(0)
            out.append("\n")
        mapping.append(len(out))
        out.append(char)
    return "".join(out), mapping


def render_csv(spec: DocumentSpec, seed: int = 0, name_newlines: bool = False) -> Rendered:
    """Render a spec as CSV (csv-module quoting), with newlines embedded in goal/indicator cells.

    ``name_newlines`` also wraps project names inside their cells (an Excel cell with Alt+Enter).
    """
    rng = random.Random(seed)
    terminator = rng.choice(("\r\n", "\n"))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=terminator)
    for line in _preamble(spec, rng):
        writer.writerow([line] + [""] * rng.choice((0, 6)) if line else [])
    writer.writerow(HEADER_WORDS)
    projects: list[int] = []
    marks: list[list[int]] = []
    for cells, key, starts in _table_rows(spec, rng):
        if rng.random() < 0.1:
            writer.writerow([])
        if key is not None:
            if name_newlines:
                cells[0], _ = _embed_newlines(cells[0], rng, least=1)
            cells[5], _ = _embed_newlines(cells[5], rng)
            cells[6], mapping = _embed_newlines(cells[6], rng)
            begin = len(buffer.getvalue().replace("\r\n", "\n"))
            projects.append(begin + _raw_offset(cells[0], 0))
            cell_start = begin + len(",".join(_csv_field(c) for c in cells[:6])) + 1
            marks.append([cell_start + _raw_offset(cells[6], mapping[s]) for s in starts])
        before = len(buffer.getvalue())
        writer.writerow(cells)
        written = buffer.getvalue()[before:]
        assert written == ",".join(_csv_field(c) for c in cells) + terminator, written
    out = buffer.getvalue()
    rendered = Rendered(out if rng.random() < 0.5 else out[: -len(terminator)])
    normal = out.replace("\r\n", "\n")
    rendered.project_locations = [_linecol(normal, offset) for offset in projects]
    rendered.indicator_locations = [[_linecol(normal, o) for o in row] for row in marks]
    return rendered


# --------------------------------------------------------------------------------------------------
# Comparable trees


def _money(cell: str | None) -> str | None:
    return None if cell is None else f"{Decimal(cell.replace(',', '')):.2f}"


def _amounts(cells: Figures, positional: bool) -> tuple[str | None, ...]:
    values = [_money(c) for c in cells]
    if positional:
        present = [v for v in values if v is not None]
        values = present + [None] * (4 - len(present))
    return tuple(values)


def expected_tree(spec: DocumentSpec, positional: bool = False) -> dict[str, Any]:
    """What a correct reader yields for ``spec``.

    ``positional=True`` for text dumps: their empty columns collapse, so the non-empty figures are
    expected left to right in 总计, 财政拨款, 财政专户拨款, 其他资金.
    """
    return {
        "department": spec.department,
        "amount_unit": "万元",
        "total": _amounts(spec.total, positional),
        "has_codes": spec.coded,
        "has_cycle_column": spec.coded,
        "units": [
            {
                "name": unit.name,
                "amounts": _amounts(unit.figures, positional),
                "projects": [
                    {
                        "name": project.name,
                        "amounts": _amounts(project.figures, positional),
                        "goal": project.goal,
                        "indicators": [
                            (
                                i.level1_code,
                                i.level1,
                                i.level2_code,
                                i.level2,
                                i.name,
                                i.cycle_value,
                                i.annual_value,
                            )
                            for i in project.indicators
                        ],
                    }
                    for project in unit.projects
                ],
            }
            for unit in spec.units
        ],
        "notes": [],
    }


def actual_tree(document: Any) -> dict[str, Any]:
    """The tree of a parsed :class:`~linter.model.Document`, comparable with :func:`expected_tree`.

    ``notes`` lists the kinds of the reader's notes except the expected ``positional-amounts``.
    """

    def amounts(value: Any) -> tuple[str | None, ...] | None:
        return None if value is None else tuple(value.to_dict().values())

    return {
        "department": document.department,
        "amount_unit": document.amount_unit,
        "total": amounts(document.total),
        "has_codes": document.has_codes,
        "has_cycle_column": document.has_cycle_column,
        "units": [
            {
                "name": unit.name,
                "amounts": amounts(unit.amounts),
                "projects": [
                    {
                        "name": project.name,
                        "amounts": amounts(project.amounts),
                        "goal": project.goal,
                        "indicators": [
                            (
                                i.level1_code,
                                i.level1,
                                i.level2_code,
                                i.level2,
                                i.name,
                                i.cycle_value,
                                i.annual_value,
                            )
                            for i in project.indicators
                        ],
                    }
                    for project in unit.projects
                ],
            }
            for unit in document.units
        ],
        "notes": [
            (note.kind, str(note.location), note.message)
            for note in document.notes
            if note.kind != "positional-amounts"
        ],
    }


def actual_locations(document: Any) -> tuple[list[Position], list[list[Position]]]:
    """Project and indicator locations of a parsed document as (line, column) pairs."""
    projects = document.projects()
    return (
        [(p.location.line, p.location.column) for p in projects],
        [[(i.location.line, i.location.column) for i in p.indicators] for p in projects],
    )

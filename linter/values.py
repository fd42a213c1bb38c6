"""Read an indicator's target value (实施周期指标值 / 年度指标值) into a :class:`Value`.

Every lint rule that looks at a target value goes through :func:`parse_value`. It understands

* comparators: symbols (``≥ ≤ > < = ＞ ＜ ＝ ≧ ≦ ⩾ ⩽ >= <=``), the typos ``》``/``《``,
  and words before the number (``不少于``, ``超过``, ``不超过``, ``低于``, ``为`` …)
  or after it (``以上``, ``以内``, ``内`` …);
* Arabic numbers with thousands separators, decimals, ``万``/``亿``/``千`` multipliers,
  fractions (``2/3``) and ranges (``20-35次``, ``80%-90%``, ``10至20个``);
  Chinese numerals (``建成一项``) when the value has no Arabic number;
* units from a curated list plus compounds (``元/套``, ``次/年``); money units keep their
  multiplier (``20万元`` is 20 万元, while ``15万宗`` is 150000 宗);
* dates (``2024年12月31日前``), which are not quantities;
* the ``标准：`` prefix, ``约``/``左右`` and multi-target values (``1.…；2.…``).

Only the standard library is used; everything is compiled at import time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from functools import lru_cache

from linter.frozen import stored_by_slot

__all__ = [
    "COMPARATORS",
    "MINUS_SIGNS",
    "MONEY_SCALE",
    "PLUS_SIGNS",
    "RATIO_UNITS",
    "TIME_UNITS",
    "UNIT_FAMILIES",
    "UNIT_SPELLINGS",
    "Value",
    "canonical",
    "canonical_unit",
    "fold_signs",
    "is_unit",
    "may_state_quantity",
    "parse_value",
    "unit_family",
    "unit_form",
    "value_text",
]

COMPARATORS: tuple[str, ...] = ("≥", ">", "=", "<", "≤")
"""The canonical comparators, from ≥ down to ≤."""

# ---------------------------------------------------------------------------------------------
# Vocabularies (data)
# ---------------------------------------------------------------------------------------------

# Comparator symbols written directly before the number: symbol -> (canonical, malformed glyph).
# Matching runs on an internal copy of the text in which full-width ＞＜＝ are already half-width.
COMPARATOR_SYMBOLS: dict[str, tuple[str, str | None]] = {
    ">=": ("≥", None),
    "<=": ("≤", None),
    "=>": ("≥", "=>"),
    "=<": ("≤", "=<"),
    "≥": ("≥", None),
    "≤": ("≤", None),
    "≧": ("≥", None),
    "≦": ("≤", None),
    "⩾": ("≥", None),
    "⩽": ("≤", None),
    "≮": ("≥", None),
    "≯": ("≤", None),
    ">": (">", None),
    "<": ("<", None),
    "=": ("=", None),
    "》": ("≥", "》"),
    "《": ("≤", "《"),
    "〉": (">", "〉"),
    "〈": ("<", "〈"),
}

# Book-title brackets double as malformed comparators; a bracket with its partner is a title.
_TITLE_PARTNERS: dict[str, tuple[str, bool]] = {
    # glyph -> (partner, partner comes after the glyph)
    "《": ("》", True),
    "〈": ("〉", True),
    "》": ("《", False),
    "〉": ("〈", False),
}

# Comparator words written before the number (the number may follow after a short gap of text:
# ``不超过缴费额度的2/3``, ``不高于去年购买价格10%``).
PREFIX_WORDS: dict[str, str] = {
    "大于或等于": "≥",
    "大于等于": "≥",
    "高于或等于": "≥",
    "不少于": "≥",
    "不低于": "≥",
    "不小于": "≥",
    "不下于": "≥",
    "不早于": "≥",
    "至少": "≥",
    "最少": "≥",
    "达到": "≥",
    "达": "≥",
    "大于": ">",
    "超过": ">",
    "超出": ">",
    "高于": ">",
    "多于": ">",
    "小于或等于": "≤",
    "小于等于": "≤",
    "低于或等于": "≤",
    "不超过": "≤",
    "不超出": "≤",
    "未超过": "≤",
    "不高于": "≤",
    "不大于": "≤",
    "不多于": "≤",
    "不晚于": "≤",
    "最多": "≤",
    "控制在": "≤",
    "低于": "<",
    "少于": "<",
    "小于": "<",
    "不足": "<",
    "不到": "<",
    "等于": "=",
    "为": "=",
}

# Prefix words that only count directly before the number (``达95%`` but not ``送达率100%``).
WEAK_PREFIX_WORDS: frozenset[str] = frozenset({"达", "为", "等于", "不到"})

# ``为`` preceded by one of these characters is part of another word (作为, 成为, 认为, 行为 …).
_WEI_BLOCKERS = "作成认视以因行称改变约分更较"

# The longest text allowed between a (strong) prefix word and its number.
MAX_PREFIX_GAP = 12

# Comparator words written after the number and its unit: ``95%以上``, ``2-7秒内``, ``0.5小时以内``.
SUFFIX_WORDS: dict[str, str] = {
    "及以上": "≥",
    "或以上": "≥",
    "以上": "≥",
    "及以下": "≤",
    "或以下": "≤",
    "以下": "≤",
    "以内": "≤",
    "之内": "≤",
    "内": "≤",
}

# ``内`` followed by one of these is a word (内容, 内部 …), not "within".
_NOT_INSIDE_AFTER = "容部外涵在核控"

# Comparator words after a date: ``2024年12月31日前`` (≤), ``2024年以后`` (≥).
DATE_SUFFIX_WORDS: dict[str, str] = {
    "之前": "≤",
    "以前": "≤",
    "前": "≤",
    "以内": "≤",
    "内": "≤",
    "之后": "≥",
    "以后": "≥",
    "后": "≥",
}

# Words that make a value approximate.
APPROXIMATE_WORDS: tuple[str, ...] = ("约", "大约", "左右", "大概")

# Units, matched longest first right after the number (after a 万/亿/千 multiplier, if any), by
# what they measure: the one unit lexicon every rule reads (unit families).
UNIT_FAMILIES: dict[str, tuple[str, ...]] = {
    "ratio": ("%", "‰", "个百分点", "百分点", "百分比"),
    # 万元/亿元/千元 are built from a multiplier + 元
    "money": ("元", "美元"),
    "person": ("人", "名", "位"),
    "person-time": ("人次",),
    "household": ("户", "家", "家庭", "单位"),
    "visit": ("户次", "家次"),
    "effort": ("人日", "人天", "人月", "工日", "课时", "学时"),
    "thing": (
        "个", "间", "条", "宗", "份", "台", "台套", "套", "辆", "把", "卷", "页", "项", "件", "单",
        "笔", "票", "所", "张", "册", "本", "篇", "部", "首", "幅", "箱", "盒", "包", "袋", "瓶", "桶",
        "令", "印", "处", "座", "栋", "幢", "层", "块", "根", "棵", "株", "只", "头", "枚", "支", "组",
        "队", "班", "类", "种", "款", "个点", "个点位", "点位",
    ),
    "event": (
        "次", "条次", "宗次", "份次", "期", "期次", "台次", "场", "场次", "批", "批次", "件次", "起",
        "班次", "车次", "架次", "轮", "届",
    ),
    "multiple": ("倍",),
    "age": ("岁",),
    "score": ("分",),
    "time": (
        "秒", "秒钟", "分钟", "小时", "个小时", "天", "日", "周", "星期", "个星期", "月", "个月", "年",
        "季度", "个季度", "工作日", "个工作日", "自然日", "学期", "学年",
    ),
    "length": ("米", "千米", "公里", "厘米", "毫米", "km", "m", "cm", "mm"),
    "area": ("平方米", "平米", "平方", "平方公里", "平方千米", "亩", "公顷", "㎡", "m²"),
    "volume": ("立方米", "升", "毫升", "m³"),
    "mass": ("吨", "公斤", "千克", "克", "毫克", "微克", "kg"),
    "energy": ("千瓦", "千瓦时", "度", "kW", "kWh"),
    "text": ("千字",),
    "data": ("TB", "GB", "MB", "KB", "PB", "M"),
    "bandwidth": ("Mbps", "Gbps"),
}  # fmt: skip

UNITS: tuple[str, ...] = tuple(unit for units in UNIT_FAMILIES.values() for unit in units)
_FAMILY_OF = {unit: family for family, units in UNIT_FAMILIES.items() for unit in units}

RATIO_UNITS = frozenset(UNIT_FAMILIES["ratio"])
"""Units of ratios (``%``, ``‰``, 百分点)."""
TIME_UNITS = frozenset(UNIT_FAMILIES["time"])
"""Units of durations and time limits."""
COUNTED_FAMILIES = frozenset({"thing", "event"})
"""Families of the units that count what was made or done (3000株, 8期, 24次)."""


def unit_family(unit: str | None) -> str | None:
    """What a unit measures (``"person"`` for 人/名/位, ``"person-time"`` for 人次, ``"money"``
    for 元/万元/元/人 …), from :data:`UNIT_FAMILIES`; ``None`` for no or an unknown unit."""
    if unit is None:
        return None
    head = unit.split("/")[0]
    if head.endswith("元"):
        return "money"
    return _FAMILY_OF.get(head)


# Text after a number that starts with a unit character but is another word.
NOT_UNIT_WORDS: tuple[str, ...] = ("期间", "次性", "年级")

# Words before a number that make it a name, not a count (``版本2.0``, ``第3批``).
LABEL_WORDS: tuple[str, ...] = ("版本", "版", "型号", "编号", "代码", "序号", "第", "V", "v")

# A measure word the unit list does not know: one CJK character after a number that does not
# start a connective (``和``, ``及``, ``等`` …) or a particle.
_MEASURE_WORD = re.compile(r"[\u4e00-\u9fff](?<![和及与或等的且并至到])")

# Multipliers written after a number; before 元 they stay in the unit (20万元 = 20 万元).
MULTIPLIERS: dict[str, int] = {"万": 4, "亿": 8, "千": 3}

UNIT_SPELLINGS: dict[str, str] = {
    "名": "人",
    "位": "人",
    "秒钟": "秒",
    "个小时": "小时",
    "个星期": "星期",
    "个月": "月",
    "个季度": "季度",
    "个工作日": "工作日",
    "平米": "平方米",
    "㎡": "平方米",
    "m²": "平方米",
    "千米": "公里",
    "km": "公里",
}
"""Other spellings of one unit, compared as that unit: 名 = 位 = 人, 个月 = 月 … (each pair is of
one family of :data:`UNIT_FAMILIES`; 人次 counts visits, not people, and is a family of its own)."""

SYMBOL_WORDS: dict[str, str] = {"百分比": "%"}
"""Units written out as words for a symbol: a value's unit is the symbol (``95百分比`` is 95%)."""

MONEY_SCALE: dict[str, int] = {
    "元": 1,
    **{multiplier + "元": 10**power for multiplier, power in MULTIPLIERS.items()},
}
"""Money units and their value in 元 (元, 万元, 亿元, 千元: the :data:`MULTIPLIERS` before 元)."""


@lru_cache(maxsize=1024)
def unit_form(unit: str) -> tuple[str, int | None]:
    """A unit's comparable form and, for money, its value in 元 (``万元/人`` → ``元/人``, 10000)."""
    head, _, rest = unit.partition("/")
    tail = (
        "/" + "/".join(UNIT_SPELLINGS.get(part, part) for part in rest.split("/")) if rest else ""
    )
    if head in MONEY_SCALE:
        return "元" + tail, MONEY_SCALE[head]
    return UNIT_SPELLINGS.get(head, head) + tail, None


def canonical(number: Decimal, unit: str | None) -> tuple[Decimal, str | None]:
    """A number and unit in comparable form: money in 元, 名/位 as 人, 个月 as 月 …"""
    if unit is None:
        return number, None
    form, scale = unit_form(unit)
    return (number if scale is None else number * scale), form


def canonical_unit(unit: str | None) -> str | None:
    """A unit in comparable form (the unit of :func:`canonical`)."""
    return None if unit is None else unit_form(unit)[0]


# Words that contain Chinese numerals but are not quantities (masked before reading numerals).
CHINESE_NUMERAL_STOPWORDS: tuple[str, ...] = (
    "一致", "统一", "一般", "万一", "进一步", "一体化", "一体", "同一", "唯一",
    "逐一", "单一", "专一", "不一", "一些", "一定", "一切", "一直", "一起", "一律", "一样",
    "一旦", "一方面", "一线", "一站式", "一揽子", "一网通办", "一网统管", "一网", "一门式",
    "一窗", "一键", "一流", "一带一路", "一把手", "一并", "一贯", "一系列", "一次性", "一级",
    "二级", "三级", "一类", "二类", "三类", "一张图", "一张网", "一件事", "一盘棋", "一事一议",
    "一对一", "一卡通", "一码通", "二维码", "两节", "两会", "两新", "百姓",
    "十分", "四不两直", "三公", "五险一金", "一下", "一点",
    "一番", "一举", "一再", "一向", "一味", "一心", "一齐", "一经", "一概", "一面", "一边",
    "一同", "一道", "一刀切", "一老一小", "两学一做",
    "三会一课", "一岗双责", "一票否决", "三重一大", "八项规定", "四个意识", "四个自信", "两个维护",
    "两个确立", "三个代表", "十三五", "十四五", "十五五", "千人计划", "万人计划", "百人计划",
    "一号文件", "三农", "双一流", "二次供水",
)  # fmt: skip

_CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CN_SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
_CN_MAGNITUDES: dict[str, int] = {**_CN_SMALL_UNITS, "万": 10_000, "亿": 100_000_000}
_CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"
_WEEK_WORDS = ("星期", "礼拜")

# Characters that end a clause: a gapped prefix word never reaches across them.
_CLAUSE_PUNCT = ";,:!?。、"
# Characters stripped from both ends of ``subject`` and ``trailing``.
_EDGE_PUNCT = " ;；,，。、:：!！?？"

# ---------------------------------------------------------------------------------------------
# Compiled patterns
# ---------------------------------------------------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (so 不超过 wins over 超过)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WHITESPACE_RE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")
_ALL_DIGITS = "0123456789０１２３４５６７８９"
_STANDARD_PREFIX_RE = re.compile(r"^标准[:：]")

# ``text``: full-width digits, letters, ％, ． and ， become half-width.
_TEXT_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
_TEXT_TABLE.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})
_TEXT_TABLE.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})
_TEXT_TABLE.update({ord("％"): ord("%"), ord("．"): ord("."), ord("，"): ord(",")})

MINUS_SIGNS = "－﹣−"
"""Minus signs read as ``-`` before a number: full-width (U+FF0D), small (U+FE63), U+2212."""
PLUS_SIGNS = "＋﹢"
"""Plus signs read as ``+`` before a number: full-width (U+FF0B), small (U+FE62)."""
_SIGN_TABLE = {ord(c): ord("-") for c in MINUS_SIGNS} | {ord(c): ord("+") for c in PLUS_SIGNS}


def fold_signs(text: str) -> str:
    """``text`` with the signs of :data:`MINUS_SIGNS` and :data:`PLUS_SIGNS` made ASCII.

    The one place those signs are defined: target values (:func:`parse_value`) and money figures
    (``linter.readers.common.parse_amount``) both read them, so ``－12.00`` is -12.00 in both.
    """
    return text.translate(_SIGN_TABLE)


# Internal parsing copy: every full-width ASCII character, the signs, dashes and waves made
# plain (1:1 in length, so positions in the copy are positions in ``text``).
_PARSE_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_PARSE_TABLE.update(
    _SIGN_TABLE
    | {ord(c): ord("-") for c in "‐‑‒–—―"}
    | {ord("〜"): ord("~"), ord("﹪"): ord("%"), ord("٪"): ord("%")}
    | {ord("﹥"): ord(">"), ord("﹤"): ord("<"), ord("﹦"): ord("=")}
)


def _characters_of(table: dict[int, int]) -> re.Pattern[str]:
    """A character class of the characters ``table`` changes."""
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(table)) + "]")


_PARSE_CHARACTERS = _characters_of(_PARSE_TABLE)


_DIGIT_RE = re.compile("[0-9]")
_NUMBER_RE = re.compile(r"(-?)((?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9]))|[0-9]+)(\.[0-9]+)?")
_FRACTION_RE = re.compile(r"/([0-9]{1,30})(?![0-9./])")
_UNSIGNED_RE = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?")
_UNIT_RE = re.compile(_alternation(UNITS))
_UNIT_STARTS = frozenset(unit[0] for unit in UNITS) | frozenset(MULTIPLIERS)
"""The characters a unit read after a number can start with (a unit, or 万/亿/千 before one)."""
_RANGE_SEP_RE = re.compile(r"-{1,2}|~|至|到")
_PREFIX_RE = re.compile(_alternation(list(COMPARATOR_SYMBOLS) + list(PREFIX_WORDS)))
_SUFFIX_RE = re.compile(r"(?:\(含\))?(" + _alternation(SUFFIX_WORDS) + r")(?:\(含\))?")
_DATE_SUFFIX_RE = re.compile(_alternation(DATE_SUFFIX_WORDS))
_APPROX_RE = re.compile(
    r"(?<![节集签预制履违合公条特邀契隐])(?:大约|约)(?=为?[0-9零〇一二两三四五六七八九十])|左右|大概"
)
_CN_RUN_RE = re.compile(f"[{_CN_NUMERAL_CHARS}]+")
_QUANTITY_CHARACTER_RE = re.compile(f"[{_ALL_DIGITS}{_CN_NUMERAL_CHARS}]")
"""A character that numbers and dates are read from (before any folding)."""
_CN_FRACTION_RE = re.compile(f"分之([{_CN_NUMERAL_CHARS}]+)")
_CN_STOP_RE = re.compile(f"(?<![{_CN_NUMERAL_CHARS}])(?:{_alternation(CHINESE_NUMERAL_STOPWORDS)})")

# List-item markers at the start of a segment: ``1.`` ``2、`` ``(3)`` ``4)`` ``一、`` ``(二)``.
_SEGMENT_START = r"(?:^|(?<=[;。,、:\n]))"
_MARKER_RE = re.compile(_SEGMENT_START + r"(?:\(?[0-9]{1,2}\)|[0-9]{1,2}[.、](?![0-9]))(?=.)")
_CN_MARKER_RE = re.compile(
    _SEGMENT_START + r"(?:\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、)"
)
_SUBJECT_MARKER_RE = re.compile(
    r"^(?:[(（]?[0-9]{1,2}[)）]|[0-9]{1,2}[.、．](?![0-9])"
    r"|[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)"
)

# Numbers that are names, not quantities: the 12345 hotline, document numbers 〔2023〕33号, and
# anything inside a title 《…》.
_IGNORED_RE = re.compile(
    r"12345(?=热线|平台|政务|市民|便民|系统|工单)|[〔\[](?:19|20)[0-9]{2}[〕\]](?:[0-9]+号)?"
    r"|《[^《》]{0,60}》"
    # a standard's or a product's designation: GB 5749-2022, DA/T 22-2015, ISO9001, PM2.5, V2.0
    r"|(?<![A-Za-z])[A-Z]{1,5}(?:/[A-Z])?\s*[0-9]+(?:\.[0-9]+)*(?:-(?:19|20)[0-9]{2})?(?![0-9])"
)

# Dates, tried in this order. Each yields an ISO-like string.
_YEAR = r"(?<![0-9])((?:19|20)[0-9]{2})"
_DATE_YEAR_RANGE_RE = re.compile(_YEAR + r"年?(?:-{1,2}|~|至|到)((?:19|20)[0-9]{2})年(?:度|底|末)?")
_DATE_ISO_RE = re.compile(_YEAR + r"([-/.])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])")
_DATE_YMD_RE = re.compile(
    _YEAR + r"年(?:([0-9]{1,2})月(?:([0-9]{1,2})[日号])?)?(?:上半年|下半年|底|末|初|度|份)?"
)
_CN_TENTHS_RE = re.compile(r"成(?=$|[^\u4e00-\u9fff]|以上|以下|左右|及以上|多)")
"""``成`` after a numeral one to nine: tenths (九成 = 90%), not a word (一成不变, 九成新)."""
_DATE_YM_DOT_RE = re.compile(_YEAR + r"\.(0[1-9]|1[0-2])(?![0-9])")
"""``2023.07``: a year and a two-digit month, as spreadsheets write them."""
_DATE_MD_RE = re.compile(r"(?<![0-9])([0-9]{1,2})月([0-9]{1,2})[日号]")
_DATE_MONTH_RE = re.compile(
    r"(?<![0-9])([0-9]{1,2})月(?:(?:底|末|初|份|上旬|中旬|下旬)|(?=之前|以前|前))"
)

# ---------------------------------------------------------------------------------------------
# The value
# ---------------------------------------------------------------------------------------------


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Value:
    """A parsed target value.

    ``raw`` is the input verbatim; ``text`` its normalised form (full-width digits/letters/%/./,
    half-width, whitespace removed, a leading ``标准：`` removed). ``comparator`` is one of
    :data:`COMPARATORS` or ``None``; it describes the main number (or, when there is no number,
    the date). ``number`` is the main (first) number with 万/亿/千 applied except in money units,
    the low end of a range; ``upper`` the high end of a range. ``unit`` is the unit after the main
    number. ``subject``/``trailing`` are the texts before and after the main quantity (comparator
    words excluded, list markers and edge punctuation stripped). ``numbers`` holds every quantity
    in order (list markers and dates excluded); ``date`` the first date, as ``YYYY``, ``YYYY-MM``,
    ``YYYY-MM-DD``, ``--MM``, ``--MM-DD`` or ``YYYY/YYYY`` (a span of years).
    """

    raw: str
    text: str
    comparator: str | None
    number: Decimal | None
    upper: Decimal | None
    unit: str | None
    subject: str
    trailing: str
    approximate: bool
    standard_prefix: bool
    bad_comparator: str | None
    numbers: tuple[Decimal, ...]
    date: str | None = None

    @property
    def is_numeric(self) -> bool:
        """True when the value has a (main) number."""
        return self.number is not None

    @property
    def is_qualitative(self) -> bool:
        """True when the value states no number and no date (定性)."""
        return self.number is None and self.date is None

    @property
    def is_percent(self) -> bool:
        """True when the main number is a percentage."""
        return self.unit == "%"

    @property
    def counted_in(self) -> str | None:
        """What the main number counts: its unit, else the word written right after it that
        the unit list does not know (``1000平方``, ``5线``, ``服务3村``), else ``None``."""
        if self.unit is not None:
            return self.unit
        measure = _MEASURE_WORD.match(self.trailing)
        return measure.group() if measure else None

    @property
    def is_label(self) -> bool:
        """True when the main number names something instead of counting it (``版本2.0``,
        ``第3批``, ``V2``): it needs no unit."""
        return self.number is not None and self.subject.endswith(LABEL_WORDS)

    @property
    def is_range(self) -> bool:
        """True for a range target ``a–b``."""
        return self.upper is not None

    def same_target(self, other: Value) -> bool:
        """Whether two values state the same target.

        Comparators must agree (no comparator counts as ``=``), and so must number, upper bound
        and unit; subject, trailing text, approximation and the ``标准：`` prefix are ignored.
        Values without a number compare their dates, or else their normalised text.
        """
        if (self.comparator or "=") != (other.comparator or "="):
            return False
        if self.number is None and other.number is None:
            if self.date is not None or other.date is not None:
                return self.date == other.date
            return self.text == other.text
        return self.number == other.number and self.upper == other.upper and self.unit == other.unit


# ---------------------------------------------------------------------------------------------
# Internal tokens
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Quantity:
    start: int  # first character (sign or digit)
    end: int  # after unit, range, 左右 and suffix comparator
    value: Decimal
    upper: Decimal | None
    unit: str | None
    values: tuple[Decimal, ...]
    suffix: tuple[int, str] | None = None  # (start, canonical) of a suffix comparator


@dataclass(slots=True)
class _Date:
    start: int
    end: int
    iso: str
    suffix: tuple[int, str] | None = None


@dataclass(slots=True)
class _Prefix:
    start: int
    end: int
    canonical: str
    bad: str | None


# ---------------------------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------------------------


def parse_value(raw: str | None) -> Value | None:
    """Parse one target value; ``None`` for ``None`` or a blank string.

    Never raises for a ``str`` (a ``TypeError`` for other types). See :class:`Value` for the
    fields; see the module docstring for what is understood.
    """
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise TypeError(f"parse_value() expects str or None, not {type(raw).__name__}")
    prepared = _prepare(raw)
    if prepared is None:
        return None
    spaced, text, standard_prefix, plain = prepared
    try:
        return _parse(raw, text, spaced, standard_prefix, plain)
    except (ArithmeticError, ValueError, IndexError, RecursionError):  # pragma: no cover
        return Value(raw, text, None, None, None, None, "", "", False, standard_prefix, None, ())


def value_text(raw: str) -> str:
    """The :attr:`Value.text` of ``parse_value(raw)`` (``""`` where it is ``None``), unparsed."""
    prepared = _prepare(raw)
    return prepared[1] if prepared is not None else ""


def may_state_quantity(raw: str) -> bool:
    """Whether ``parse_value(raw)`` can have a number or a date; cheap, without parsing.

    Both are read from digits (ASCII or full-width) or Chinese numerals: a text with none of
    these is qualitative. Most names have none.
    """
    return _QUANTITY_CHARACTER_RE.search(raw) is not None


def _prepare(raw: str) -> tuple[str, str, bool, bool] | None:
    """``(spaced, text, standard_prefix, plain)`` for :func:`parse_value`; ``None`` if blank.

    Whitespace goes, except that a gap between two digits stays as one space in ``spaced`` so
    that "100.00 100.00" is read as two numbers; ``text`` has no whitespace at all. ``plain``:
    nothing to fold (the characters ``text`` folds are among those the parsing copy folds, so
    one search decides both; most values have none).
    """
    spaced = _WHITESPACE_RE.sub(_keep_digit_gap, raw)
    plain = _PARSE_CHARACTERS.search(spaced) is None
    if not plain:
        spaced = spaced.translate(_TEXT_TABLE)
    if not spaced:
        return None
    standard_prefix = bool(_STANDARD_PREFIX_RE.match(spaced))
    if standard_prefix:
        spaced = spaced[3:]
    return spaced, spaced.replace(" ", ""), standard_prefix, plain


def is_unit(text: str) -> bool:
    """Whether ``text`` is, whole, a unit as read after a number (``个``, ``万元``, ``次/年``).

    The same as ``parse_value("1" + text).unit == text``, without parsing a whole value. Most
    texts asked about (the last characters of names) start no unit and are answered at once.
    """
    return bool(text) and text[0] in _UNIT_STARTS and _reads_as_unit(text)


@lru_cache(maxsize=4096)
def _reads_as_unit(text: str) -> bool:
    """:func:`is_unit` for a text starting with a unit character (cached: names repeat)."""
    s = "1" + text
    if _WHITESPACE_RE.search(s) or _PARSE_CHARACTERS.search(s):
        return False
    return _read_tail(s, 1, Decimal(1))[1] == text


# ---------------------------------------------------------------------------------------------
# Private helpers
# ---------------------------------------------------------------------------------------------


def _keep_digit_gap(m: re.Match[str]) -> str:
    """Replacement for a whitespace run: a space between two numbers, else nothing.

    A gap that reads as a thousands separator (``20 000``) is closed.
    """
    s, start, end = m.string, m.start(), m.end()
    if not (start > 0 and end < len(s) and s[start - 1] in _ALL_DIGITS and s[end] in _ALL_DIGITS):
        return ""
    left = start
    while left > 0 and s[left - 1] in _ALL_DIGITS:
        left -= 1
    right = end
    while right < len(s) and s[right] in _ALL_DIGITS:
        right += 1
    if start - left <= 3 and right - end == 3 and (left == 0 or s[left - 1] not in ".,．，"):
        return ""
    return " "


def _parse(raw: str, text: str, spaced: str, standard_prefix: bool, plain: bool) -> Value:
    # ``s`` is ``spaced`` with every full-width character made plain (``plain``: there are none);
    # positions in ``s`` map to positions in ``text`` by discounting the spaces before them.
    s = spaced if plain else spaced.translate(_PARSE_TABLE)

    def at(pos: int) -> int:
        return pos - s.count(" ", 0, pos)

    blocked = _spans(_IGNORED_RE, s)
    # dates, list markers and Arabic numbers all need a digit
    digits = _DIGIT_RE.search(s) is not None
    dates = _find_dates(s, blocked) if digits else []
    if digits:
        blocked.extend(_spans(_MARKER_RE, s))
        blocked.sort()

    quantities = _arabic_quantities(s, blocked) if digits else []
    if not quantities and _CN_RUN_RE.search(s):
        quantities = _chinese_quantities(s, blocked)
    approximate = bool(_APPROX_RE.search(s))

    main: _Quantity | _Date | None = quantities[0] if quantities else (dates[0] if dates else None)
    if main is None:
        return Value(
            raw, text, None, None, None, None, "", "", approximate, standard_prefix, None, ()
        )

    prefix = _nearest_prefix(s, main.start)
    comparator: str | None = None
    bad: str | None = None
    use_prefix = False
    if prefix is not None and (main.suffix is None or prefix.end == _gap_start(s, main.start)):
        comparator, bad, use_prefix = prefix.canonical, prefix.bad, True
    elif main.suffix is not None:
        comparator = main.suffix[1]

    if use_prefix and prefix is not None:
        subject = text[: at(prefix.start)] + text[at(prefix.end) : at(main.start)]
    else:
        subject = text[: at(main.start)]
    subject = _clean_subject(subject)
    trailing = text[at(main.end) :].strip(_EDGE_PUNCT)

    numbers = tuple(v for q in quantities for v in q.values)
    if isinstance(main, _Quantity):
        number, upper, unit = main.value, main.upper, main.unit
    else:
        number = upper = unit = None
    date = dates[0].iso if dates else None
    return Value(
        raw=raw,
        text=text,
        comparator=comparator,
        number=number,
        upper=upper,
        unit=unit,
        subject=subject,
        trailing=trailing,
        approximate=approximate,
        standard_prefix=standard_prefix,
        bad_comparator=bad,
        numbers=numbers,
        date=date,
    )


def _matches(pattern: re.Pattern[str], s: str) -> Iterable[re.Match[str]]:
    """The matches of ``pattern`` in ``s``; one search when there are none (the common case)."""
    return () if pattern.search(s) is None else pattern.finditer(s)


def _spans(pattern: re.Pattern[str], s: str) -> list[tuple[int, int]]:
    """The spans of ``pattern`` in ``s``."""
    return [(m.start(), m.end()) for m in _matches(pattern, s)]


def _clean_subject(subject: str) -> str:
    subject = subject.strip(_EDGE_PUNCT)
    subject = _SUBJECT_MARKER_RE.sub("", subject)
    for word in ("百分之", "大约", "约为", "约"):
        if subject.endswith(word):
            subject = subject[: -len(word)]
            break
    return subject.strip(_EDGE_PUNCT)


def _span_end(blocked: list[tuple[int, int]], pos: int) -> int | None:
    """The end of the blocked span containing ``pos``, if any."""
    for start, end in blocked:
        if start > pos:
            break
        if pos < end:
            return end
    return None


def _overlaps(blocked: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in blocked)


# --- dates -------------------------------------------------------------------------------------


def _find_dates(s: str, blocked: list[tuple[int, int]]) -> list[_Date]:
    """Find date tokens, add their spans to ``blocked`` and return them in text order."""
    found: list[_Date] = []

    def add(start: int, end: int, iso: str) -> None:
        if _overlaps(blocked, start, end):
            return
        blocked.append((start, end))
        found.append(_Date(start, end, iso))

    worded = "年" in s or "月" in s  # every form but 2024-12-31 has 年 or 月
    if worded:
        for m in _matches(_DATE_YEAR_RANGE_RE, s):
            add(m.start(), m.end(), f"{m.group(1)}/{m.group(2)}")
    for m in _matches(_DATE_ISO_RE, s):
        month, day = int(m.group(3)), int(m.group(4))
        if 1 <= month <= 12 and 1 <= day <= 31:
            add(m.start(), m.end(), f"{m.group(1)}-{month:02d}-{day:02d}")
    for m in _matches(_DATE_YM_DOT_RE, s):
        add(m.start(), m.end(), f"{m.group(1)}-{m.group(2)}")
    if worded:
        _worded_dates(s, add)

    found.sort(key=lambda d: d.start)
    for date in found:
        m = _DATE_SUFFIX_RE.match(s, date.end)
        if m:
            date.suffix = (m.start(), DATE_SUFFIX_WORDS[m.group()])
            date.end = m.end()
    return found


def _worded_dates(s: str, add: Callable[[int, int, str], None]) -> None:
    """Pass each date written with 年 or 月 (``2024年12月31日``, ``12月底``) to ``add``."""
    for m in _matches(_DATE_YMD_RE, s):
        year, month, day = m.group(1), m.group(2), m.group(3)
        if month is not None and not 1 <= int(month) <= 12:
            add(m.start(), m.start(1) + 5, year)  # just "YYYY年"
        elif month is None:
            add(m.start(), m.end(), year)
        elif day is not None and 1 <= int(day) <= 31:
            add(m.start(), m.end(), f"{year}-{int(month):02d}-{int(day):02d}")
        elif day is not None:
            add(m.start(), m.start(3), f"{year}-{int(month):02d}")
        else:
            add(m.start(), m.end(), f"{year}-{int(month):02d}")
    for m in _matches(_DATE_MD_RE, s):
        month, day = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 1 <= day <= 31:
            add(m.start(), m.end(), f"--{month:02d}-{day:02d}")
    for m in _matches(_DATE_MONTH_RE, s):
        month = int(m.group(1))
        if 1 <= month <= 12:
            add(m.start(), m.end(), f"--{month:02d}")


# --- numbers -----------------------------------------------------------------------------------


def _decimal(digits: str, fraction: str | None) -> Decimal:
    return Decimal(digits.replace(",", "") + (fraction or ""))


def _scale(value: Decimal, exponent: int) -> Decimal:
    """``value × 10**exponent``, exactly (no context rounding) and without a positive exponent."""
    sign, digits, exp = value.as_tuple()
    exp = int(exp) + exponent
    if exp > 0:
        digits = tuple(digits) + (0,) * exp
        exp = 0
    return Decimal((sign, digits, exp))


def _fraction(numerator: Decimal, denominator: str) -> Decimal | None:
    den = Decimal(denominator)
    if den == 0 or len(numerator.as_tuple().digits) > 30:
        return None
    with localcontext() as ctx:
        ctx.prec = 80
        try:
            return (numerator / den).quantize(Decimal("0.000001"))
        except InvalidOperation:
            return None


def _match_unit(s: str, pos: int) -> str | None:
    if s.startswith(NOT_UNIT_WORDS, pos):
        return None
    m = _UNIT_RE.match(s, pos)
    if m is None:
        return None
    unit = m.group()
    if unit[-1].isascii() and unit[-1].isalpha() and _is_ascii_letter(s, m.end()):
        return None
    return unit


def _is_ascii_letter(s: str, pos: int) -> bool:
    return 0 <= pos < len(s) and s[pos].isascii() and s[pos].isalpha()


def _read_tail(s: str, pos: int, value: Decimal) -> tuple[Decimal, str | None, int, int]:
    """Read a multiplier and unit after a number: (value, unit, end, multiplier exponent)."""
    unit = _match_unit(s, pos)
    exponent = 0
    if unit is None and pos < len(s) and s[pos] in MULTIPLIERS:
        if s.startswith("元", pos + 1):
            unit = s[pos] + "元"
        else:
            exponent = MULTIPLIERS[s[pos]]
            value = _scale(value, exponent)
            pos += 1
            unit = _match_unit(s, pos)
    if unit is None:
        return value, None, pos, exponent
    pos += len(unit)
    unit = SYMBOL_WORDS.get(unit, unit)
    for _ in range(3):  # compounds: 元/人/月, 次/年
        if pos + 1 < len(s) and s[pos] == "/" and (denominator := _match_unit(s, pos + 1)):
            unit += "/" + denominator
            pos += 1 + len(denominator)
        else:
            break
    return value, unit, pos, exponent


def _arabic_quantities(s: str, blocked: list[tuple[int, int]]) -> list[_Quantity]:
    quantities: list[_Quantity] = []
    pos = 0
    prev_end = -1
    while True:
        m = _NUMBER_RE.search(s, pos)
        if m is None:
            break
        start = m.start()
        core = m.start(2)
        skip_to = _span_end(blocked, core)
        if skip_to is not None:
            pos = skip_to
            continue
        signed = bool(m.group(1))
        if signed and (start == prev_end or (start > 0 and s[start - 1] in "0123456789.%")):
            signed, start = False, core
        # identifiers such as A4, H5, COVID-19
        if _is_ascii_letter(s, start - 1):
            pos = m.end()
            continue
        value = _decimal(m.group(2), m.group(3))
        if signed:
            value = value.copy_negate()
        quantity = _read_quantity(s, m.end(), start, value, m.group(3) is None)
        if quantity is None:  # e.g. 5G, 3D
            pos = m.end()
            while pos < len(s) and _is_ascii_letter(s, pos):
                pos += 1
            continue
        if _after_percent_word(s, start) and quantity.unit is None:
            quantity.unit = "%"
        quantities.append(quantity)
        pos = prev_end = quantity.end
    return quantities


def _after_percent_word(s: str, start: int) -> bool:
    """Whether the number at ``start`` follows 百分之 (``百分之90`` is 90%)."""
    return start >= 3 and s[start - 3 : start] == "百分之"


def _read_quantity(s: str, pos: int, start: int, value: Decimal, integer: bool) -> _Quantity | None:
    """Read what follows an Arabic number at ``pos``: fraction, unit, range, 左右, suffix."""
    if integer:
        fm = _FRACTION_RE.match(s, pos)
        if fm is not None:
            fraction = _fraction(value, fm.group(1))
            if fraction is not None:
                value, pos = fraction, fm.end()
    value, unit, pos, exponent = _read_tail(s, pos, value)
    if unit is None and _is_ascii_letter(s, pos):
        return None
    upper: Decimal | None = None
    values: tuple[Decimal, ...] = (value,)
    sep = _RANGE_SEP_RE.match(s, pos)
    if sep is not None:
        um = _UNSIGNED_RE.match(s, sep.end())
        if um is not None:
            high = Decimal(um.group().replace(",", ""))
            high, high_unit, high_end, high_exp = _read_tail(s, um.end(), high)
            if unit is None or high_unit == unit:
                if unit is None and exponent == 0 and high_exp:
                    value = _scale(value, high_exp)  # 1-2万人 = 10000–20000人
                values = (value, high)
                value, upper = min(value, high), max(value, high)
                unit, pos = high_unit, high_end
    return _finish(s, start, pos, value, upper, unit, values)


def _finish(
    s: str,
    start: int,
    pos: int,
    value: Decimal,
    upper: Decimal | None,
    unit: str | None,
    values: tuple[Decimal, ...],
) -> _Quantity:
    """Consume 左右 and a suffix comparator after a quantity."""
    if s.startswith("左右", pos):
        pos += 2
    suffix: tuple[int, str] | None = None
    m = _SUFFIX_RE.match(s, pos)
    if m is not None and not (
        m.group(1) == "内" and m.end(1) < len(s) and s[m.end(1)] in _NOT_INSIDE_AFTER
    ):
        suffix = (m.start(), SUFFIX_WORDS[m.group(1)])
        pos = m.end()
        if s.startswith("左右", pos):
            pos += 2
    return _Quantity(start, pos, value, upper, unit, values, suffix)


# --- Chinese numerals --------------------------------------------------------------------------


def _chinese_to_int(run: str) -> int | None:
    """Value of a Chinese numeral such as 一, 两, 十二, 一百零五, 三千, 两万, 一万五; else None."""
    if len(run) > 16 or not any(c in _CN_DIGITS or c == "十" for c in run):
        return None
    if all(c in _CN_DIGITS for c in run):
        if len(run) == 1:
            return _CN_DIGITS[run]
        return int("".join(str(_CN_DIGITS[c]) for c in run))  # 二〇二四
    result = wan = section = 0
    digit: int | None = None
    for c in run:
        if c in "零〇":
            digit = None
        elif c in _CN_DIGITS:
            if digit is not None:
                return None
            digit = _CN_DIGITS[c]
        elif c in _CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * _CN_SMALL_UNITS[c]
            digit = None
        elif c == "万":
            section += digit or 0
            if section == 0:
                return None
            wan += section * 10_000
            section, digit = 0, None
        else:  # 亿
            section += digit or 0
            if section == 0 and wan == 0:
                return None
            result = (result + wan + section) * 100_000_000
            wan = section = 0
            digit = None
    if digit is not None and run[-2] in _CN_MAGNITUDES and run[-2] != "十":
        digit *= _CN_MAGNITUDES[run[-2]] // 10  # colloquial 一万五 = 15000, 三百五 = 350
    return result + wan + section + (digit or 0)


def _chinese_quantities(s: str, blocked: list[tuple[int, int]]) -> list[_Quantity]:
    masked = _CN_STOP_RE.sub(lambda m: "#" * len(m.group()), s)
    masked = _CN_MARKER_RE.sub(lambda m: "#" * len(m.group()), masked)
    quantities: list[_Quantity] = []
    pos = 0
    while True:
        m = _CN_RUN_RE.search(masked, pos)
        if m is None:
            break
        pos = m.end()
        start = m.start()
        if _span_end(blocked, start) is not None:
            continue
        if start > 0 and (
            s[start - 1] in "第周初"
            or s[max(0, start - 2) : start] in _WEEK_WORDS
            or (s[start - 1] == "之" and not _after_percent_word(s, start))
        ):
            continue
        quantity = _read_chinese_quantity(s, masked, m)
        if quantity is not None:
            quantities.append(quantity)
            pos = quantity.end
    return quantities


def _read_chinese_quantity(s: str, masked: str, m: re.Match[str]) -> _Quantity | None:
    run, start, pos = m.group(), m.start(), m.end()
    money_unit: str | None = None
    number: int | None = None
    if len(run) > 1 and run[-1] in "万亿" and s.startswith("元", pos):
        number = _chinese_to_int(run[:-1])  # 两万元 = 2 万元, like 20万元
        money_unit = run[-1] + "元"
    if number is None:
        number, money_unit = _chinese_to_int(run), None
    if number is None:
        return None
    value = Decimal(number)
    fraction = _CN_FRACTION_RE.match(masked, pos)
    if fraction is not None and money_unit is None:  # 三分之一 = 1/3
        numerator = _chinese_to_int(fraction.group(1))
        if numerator is not None and number != 0:
            value = _fraction(Decimal(numerator), str(number)) or value
            pos = fraction.end()
    tenths = _CN_TENTHS_RE.match(s, pos) if money_unit is None and 0 < number < 10 else None
    if money_unit is not None:
        unit: str | None = money_unit
        pos += 1
    elif tenths is not None:  # 九成以上 = ≥90%
        value, unit = value * 10, "%"
        pos += 1
    else:
        unit = _match_unit(s, pos)
        if unit is not None:
            pos += len(unit)
    if unit is not None:
        for _ in range(3):
            if pos + 1 < len(s) and s[pos] == "/" and (den := _match_unit(s, pos + 1)):
                unit += "/" + den
                pos += 1 + len(den)
            else:
                break
    if unit is None and _after_percent_word(s, start):
        unit = "%"
    upper: Decimal | None = None
    values: tuple[Decimal, ...] = (value,)
    sep = _RANGE_SEP_RE.match(s, pos)
    if sep is not None:
        hm = _CN_RUN_RE.match(masked, sep.end())
        high = _chinese_to_int(hm.group()) if hm else None
        if hm is not None and high is not None:
            high_unit = _match_unit(s, hm.end())
            if high_unit is not None and unit in (None, high_unit):
                values = (value, Decimal(high))
                value, upper = min(values), max(values)
                unit, pos = high_unit, hm.end() + len(high_unit)
    quantity = _finish(s, start, pos, value, upper, unit, values)
    # A bare numeral counts only at the end of the value or before 左右/以上…
    bare = unit is None and quantity.suffix is None and not s.startswith("左右", pos)
    if bare and quantity.end < len(s):
        return None
    return quantity


# --- comparators -------------------------------------------------------------------------------


def _gap_start(s: str, number_start: int) -> int:
    """Where the text directly before the number starts once 约/大约 are skipped."""
    for word in ("大约", "约为", "约"):
        if s.startswith(word, number_start - len(word)):
            return number_start - len(word)
    return number_start


def _nearest_prefix(s: str, number_start: int) -> _Prefix | None:
    """The comparator symbol or word nearest before the number at ``number_start``."""
    adjacent_at = _gap_start(s, number_start)
    best: _Prefix | None = None
    for m in _PREFIX_RE.finditer(s, 0, number_start):
        word = m.group()
        if m.end() > number_start:
            break
        if word in COMPARATOR_SYMBOLS:
            canonical, bad = COMPARATOR_SYMBOLS[word]
            if m.end() != adjacent_at:
                continue
            partner = _TITLE_PARTNERS.get(word)
            if partner is not None:
                glyph, after = partner
                if (after and glyph in s[m.end() :]) or (not after and glyph in s[: m.start()]):
                    continue
        else:
            canonical, bad = PREFIX_WORDS[word], None
            if word in WEAK_PREFIX_WORDS:
                if m.end() != adjacent_at:
                    continue
                if word == "为" and m.start() > 0 and s[m.start() - 1] in _WEI_BLOCKERS:
                    continue
            else:
                gap = s[m.end() : number_start]
                if len(gap) > MAX_PREFIX_GAP or any(c.isdigit() or c in _CLAUSE_PUNCT for c in gap):
                    continue
        best = _Prefix(m.start(), m.end(), canonical, bad)
    return best

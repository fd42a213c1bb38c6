"""Synthetic corpora for the scale benchmarks, made from the projects of the shared seeds.

Every project of ``fixtures/seeds/*.txt`` (read with :func:`linter.readers.read_document`) is a
*source*. A generated project takes a source and varies it so that two projects made from the same
source are no longer alike (the wording of real tables differs that much between units):

* **renamed** — parts of the name replaced by words from the seeds' lexicon, sometimes prefixed
  with a place or an office;
* **reworded** — the goal's clauses shuffled, mixed with clauses of another project, and about a
  quarter of its two-character words replaced by other words of the seeds;
* **values changed** — indicators drawn from the source and from the whole pool, names reworded,
  every number in a value replaced by one of a similar size; amounts drawn afresh.

A chosen share of the projects (``duplicate_rate``) are **planted near-duplicates**: light copies
(a few words changed, sometimes renamed, values changed, now and then one indicator dropped) of a
project of an *earlier document*, so every planted pair crosses files, as the same project
submitted by two departments does. :attr:`Corpus.planted` lists them as pairs of project indices in
run order (documents in order, then units, then projects) — the order D04 numbers projects in.

A corpus can be written as files (:func:`write_corpus`: TSV exports like seed 004, or text dumps
like seed 003) for the command line, or turned into :class:`~linter.model.Document` objects in
memory (:func:`corpus_documents`) equal, in what the rules read, to what the readers make of the
written files — so D04 can be timed on 100,000 projects without parsing them first.

Run ``python benchmarks/corpus.py OUT_DIR --projects 2000`` to write a corpus by hand.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from linter.model import Amounts, Document, Indicator, Location, Project, Unit  # noqa: E402
from linter.readers import read_document  # noqa: E402

SEEDS_DIR = ROOT / "fixtures" / "seeds"

TITLE = "项目支出绩效目标表（含转移支付项目）"
HEADER_CELLS = ("项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金")
HEADER_TAIL = ("绩效目标", "绩效指标")

PLACES = ("番禺区", "白云区", "海珠区", "天河区", "越秀区", "黄埔区", "花都区", "南沙区", "从化区")
OFFICES = (
    "人力资源和社会保障局",
    "人民政府办公室",
    "财政局",
    "教育局",
    "卫生健康局",
    "民政局",
    "住房和城乡建设局",
    "农业农村局",
    "文化广电旅游体育局",
    "司法局",
    "市场监督管理局",
    "交通运输局",
)
DEFAULT_CODES = ("1", "产出指标", "11", "数量指标")
"""Codes given to indicators taken from uncoded seeds (every generated document is coded)."""
UNIT_KINDS = ("本级", "服务中心", "管理所", "事务中心", "办公室", "监测站", "街道办事处")

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_CLAUSE = re.compile(r"[^，。；、,;]+[，。；、,;]?")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    """One generated indicator: codes and code names (as the seeds write them), name, values."""

    level1_code: str | None
    level1: str | None
    level2_code: str | None
    level2: str | None
    name: str
    cycle: str | None
    annual: str | None


@dataclass(frozen=True, slots=True)
class ProjectSpec:
    """One generated project row."""

    name: str
    amount: Decimal
    goal: str
    indicators: tuple[IndicatorSpec, ...]


@dataclass(frozen=True, slots=True)
class UnitSpec:
    """One 资金使用单位 and its projects."""

    name: str
    projects: tuple[ProjectSpec, ...]

    @property
    def amount(self) -> Decimal:
        """The unit's subtotal: the sum of its projects."""
        return sum((p.amount for p in self.projects), Decimal("0.00"))


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    """One generated department table; ``name`` is its file name without the extension."""

    name: str
    department: str
    units: tuple[UnitSpec, ...]

    @property
    def amount(self) -> Decimal:
        """The table's 合计."""
        return sum((u.amount for u in self.units), Decimal("0.00"))

    def projects(self) -> list[ProjectSpec]:
        """The projects in document order."""
        return [project for unit in self.units for project in unit.projects]


@dataclass(slots=True)
class Corpus:
    """Generated documents and the planted near-duplicate pairs ``(i, j)``, ``i < j``."""

    documents: list[DocumentSpec]
    planted: set[tuple[int, int]] = field(default_factory=set)

    @property
    def project_count(self) -> int:
        """How many projects the corpus holds."""
        return sum(len(d.projects()) for d in self.documents)


def seed_projects(directory: Path = SEEDS_DIR) -> list[Project]:
    """Every project of the seed files, parsed with the real reader."""
    return [
        project
        for path in sorted(directory.glob("*.txt"))
        for project in read_document(str(path)).projects()
    ]


class Generator:
    """Makes projects from the seed projects (see the module docstring); deterministic per seed."""

    def __init__(self, sources: Sequence[Project], seed: int = 0) -> None:
        if not sources:
            raise ValueError("no source projects to generate from")
        self.rng = random.Random(seed)
        self.sources = [s for s in sources if s.goal.strip() and s.indicators] or list(sources)
        texts = [p.name for p in sources] + [p.goal for p in sources]
        texts += [i.name for p in sources for i in p.indicators]
        words: set[str] = set()
        for text in texts:
            for run in _CJK_RUN.findall(text):
                words.update(run[k : k + 2] for k in range(len(run) - 1))
        self.lexicon = sorted(words)
        self.indicator_pool = [i for p in self.sources for i in p.indicators]

    def word(self) -> str:
        """A random two-character word of the seeds."""
        return self.rng.choice(self.lexicon)

    def reword(self, text: str, rate: float) -> str:
        """``text`` with about ``rate`` of its two-character CJK words replaced by other words."""
        out: list[str] = []
        k, n = 0, len(text)
        rng = self.rng
        while k < n:
            if (
                k + 1 < n
                and _CJK.match(text[k])
                and _CJK.match(text[k + 1])
                and rng.random() < rate
            ):
                out.append(self.word())
                k += 2
            else:
                out.append(text[k])
                k += 1
        return "".join(out)

    def change_numbers(self, text: str | None) -> str | None:
        """``text`` with every number replaced by another of about the same size."""
        if text is None:
            return None

        def other(match: re.Match[str]) -> str:
            shown = match.group(0)
            if "." in shown:
                decimals = len(shown.split(".")[1])
                value = float(shown) * self.rng.uniform(0.5, 1.5)
                return f"{value:.{decimals}f}"
            number = int(shown)
            if number == 100 and self.rng.random() < 0.7:
                return shown
            return str(max(1, round(number * self.rng.uniform(0.5, 1.5))))

        return _NUMBER.sub(other, text)

    def amount(self) -> Decimal:
        """A project amount in 万元, log-uniform between 1 and 5,000."""
        return Decimal(f"{10 ** self.rng.uniform(0, 3.7):.2f}")

    def indicator(self, source: Indicator, rate: float) -> IndicatorSpec:
        """An indicator made from ``source``: name reworded at ``rate``, numbers changed."""
        name = self.reword(source.name, rate) if rate else source.name
        codes = (source.level1_code, source.level1, source.level2_code, source.level2)
        if not (source.level1_code and source.level1):
            codes = DEFAULT_CODES
        return IndicatorSpec(
            *codes,
            name.strip() or source.name,
            self.change_numbers(source.cycle_value),
            self.change_numbers(source.annual_value),
        )

    def fresh(self) -> ProjectSpec:
        """A new project: a source renamed, reworded and with values changed."""
        rng = self.rng
        source = rng.choice(self.sources)
        name = self.reword(source.name, 0.3)
        if rng.random() < 0.3:
            name = rng.choice(PLACES + UNIT_KINDS) + name
        clauses = _CLAUSE.findall(source.goal)
        if rng.random() < 0.6:
            other = rng.choice(self.sources)
            extra = _CLAUSE.findall(other.goal)
            if extra:
                picked = rng.sample(extra, min(len(extra), rng.randint(1, 2)))
                for clause in picked:
                    clauses.insert(rng.randint(0, len(clauses)), clause)
        if len(clauses) > 1:
            a, b = rng.randrange(len(clauses)), rng.randrange(len(clauses))
            clauses[a], clauses[b] = clauses[b], clauses[a]
        goal = self.reword("".join(clauses), 0.25).strip().rstrip("，、,；;") + "。"
        wanted = max(2, min(12, len(source.indicators) + rng.randint(-2, 2)))
        chosen = list(source.indicators)
        rng.shuffle(chosen)
        chosen = chosen[:wanted]
        while len(chosen) < wanted:
            chosen.append(rng.choice(self.indicator_pool))
        indicators = tuple(self.indicator(i, 0.25) for i in chosen)
        return ProjectSpec(name, self.amount(), goal, indicators)

    def near_copy(self, project: ProjectSpec) -> ProjectSpec:
        """A planted near-duplicate: a few words changed, maybe renamed, values changed."""
        rng = self.rng
        draw = rng.random()
        if draw < 0.5:
            name = project.name
        elif draw < 0.8:
            name = self.reword(project.name, 0.15)
        else:
            name = self.reword(rng.choice(self.sources).name, 0.3)
        goal = self.reword(project.goal, 0.04)
        indicators = [
            IndicatorSpec(
                i.level1_code,
                i.level1,
                i.level2_code,
                i.level2,
                self.reword(i.name, 0.05).strip() or i.name,
                self.change_numbers(i.cycle),
                self.change_numbers(i.annual),
            )
            for i in project.indicators
        ]
        if len(indicators) > 3 and rng.random() < 0.3:
            del indicators[rng.randrange(len(indicators))]
        return ProjectSpec(name, self.amount(), goal, tuple(indicators))

    def department(self) -> str:
        """A department name (place + office)."""
        return self.rng.choice(PLACES) + self.rng.choice(OFFICES)


def generate(
    projects: int,
    *,
    duplicate_rate: float = 0.02,
    per_document: int = 67,
    seed: int = 0,
    sources: Sequence[Project] | None = None,
) -> Corpus:
    """A corpus of ``projects`` projects in documents of about ``per_document`` projects each.

    ``duplicate_rate`` of the projects (from the second document on) are near-copies of a
    project of an earlier document; their pairs are :attr:`Corpus.planted`. The same arguments
    always give the same corpus.
    """
    if projects < 1 or per_document < 1:
        raise ValueError("projects and per_document must be positive")
    generator = Generator(sources if sources is not None else seed_projects(), seed)
    rng = generator.rng
    made: list[ProjectSpec] = []
    planted: set[tuple[int, int]] = set()
    documents: list[DocumentSpec] = []
    while len(made) < projects:
        size = min(projects - len(made), max(1, round(per_document * rng.uniform(0.5, 1.5))))
        first = len(made)
        unit_count = max(1, min(size, rng.randint(1, 5)))
        cuts = sorted(rng.sample(range(1, size), unit_count - 1)) if unit_count > 1 else []
        department = generator.department()
        units = []
        for u, (start, stop) in enumerate(zip([0, *cuts], [*cuts, size], strict=True)):
            rows = []
            for _ in range(stop - start):
                if first > 0 and rng.random() < duplicate_rate:
                    source = rng.randrange(first)
                    rows.append(generator.near_copy(made[source]))
                    planted.add((source, len(made)))
                else:
                    rows.append(generator.fresh())
                made.append(rows[-1])
            unit_name = department if u == 0 else department[:3] + rng.choice(UNIT_KINDS) + str(u)
            units.append(UnitSpec(unit_name, tuple(rows)))
        documents.append(
            DocumentSpec(f"{len(documents):05d}_{department}", department, tuple(units))
        )
    return Corpus(documents, planted)


# ---------------------------------------------------------------------------------------------
# Rendering: TSV exports and text dumps
# ---------------------------------------------------------------------------------------------


def indicator_text(number: int, indicator: IndicatorSpec) -> str:
    """One indicator in the seeds' form: ``N、1-产出指标：11-数量指标：名称；实施周期指标值：…。``."""
    parts = []
    if indicator.level1_code and indicator.level1:
        parts.append(f"{indicator.level1_code}-{indicator.level1}")
        if indicator.level2_code and indicator.level2:
            parts.append(f"{indicator.level2_code}-{indicator.level2}")
    parts.append(indicator.name)
    head = "：".join(parts)
    values = ""
    if indicator.cycle is not None:
        values += f"；实施周期指标值：{indicator.cycle}"
    if indicator.annual is not None:
        values += f"；年度指标值：{indicator.annual}"
    return f"{number}、{head}{values}。"


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _preamble(document: DocumentSpec) -> list[str]:
    return [TITLE, f"部门名称：{document.department}", "单位：万元"]


def _tsv_row(name: str, amount: Decimal, goal: str = "", indicators: str = "") -> str:
    shown = _money(amount)
    return "\t".join((name, shown, shown, "", "", goal, indicators))


def render_tsv(document: DocumentSpec) -> str:
    """The document as a tab-separated export (the layout of seed 004)."""
    lines = [*_preamble(document), "\t".join(HEADER_CELLS + HEADER_TAIL)]
    lines.append(_tsv_row("合计", document.amount))
    for unit in document.units:
        lines.append(_tsv_row(unit.name, unit.amount))
        for project in unit.projects:
            indicators = "".join(indicator_text(k, i) for k, i in enumerate(project.indicators, 1))
            lines.append(_tsv_row(project.name, project.amount, project.goal, indicators))
    return "\n".join(lines) + "\n"


def render_text(document: DocumentSpec) -> str:
    """The document as a PDF-to-text dump (the layout of seed 003, without wrapped lines)."""
    lines = [
        TITLE,
        f"部门名称：{document.department} 单位：万元",
        "",
        " ".join(HEADER_CELLS + HEADER_TAIL),
        "",
    ]
    lines += [f"合计 {_money(document.amount)} {_money(document.amount)}", ""]
    for unit in document.units:
        lines += [f"{unit.name} {_money(unit.amount)} {_money(unit.amount)}", ""]
        for project in unit.projects:
            shown = _money(project.amount)
            indicators = "".join(indicator_text(k, i) for k, i in enumerate(project.indicators, 1))
            lines += [f"    {project.name} {shown} {shown}", "", project.goal, "", indicators, ""]
    return "\n".join(lines) + "\n"


RENDERERS = {"tsv": (render_tsv, ".tsv"), "text": (render_text, ".txt")}
"""Output format → (renderer, file extension)."""


def write_corpus(corpus: Corpus, directory: str | Path, fmt: str = "tsv") -> list[str]:
    """Write every document of ``corpus`` under ``directory``; the paths, in run order."""
    render, extension = RENDERERS[fmt]
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for document in corpus.documents:
        path = folder / f"{document.name}{extension}"
        path.write_text(render(document), encoding="utf-8")
        paths.append(str(path))
    return paths


# ---------------------------------------------------------------------------------------------
# Documents in memory (what the TSV reader makes of render_tsv's output)
# ---------------------------------------------------------------------------------------------


def _amounts(value: Decimal) -> Amounts:
    shown = _money(value)
    return Amounts(total=value, fiscal=value, positional=False, raw=(shown, shown, "", ""))


def _model_indicator(index: int, spec: IndicatorSpec, location: Location) -> Indicator:
    text = indicator_text(index, spec)
    raw = text[text.index("、") + 1 :].rstrip("。")
    return Indicator(
        index=index,
        number=index,
        level1_code=spec.level1_code if spec.level1 else None,
        level1=spec.level1 if spec.level1_code else None,
        level2_code=spec.level2_code if spec.level1 and spec.level2 else None,
        level2=spec.level2 if spec.level1 and spec.level2_code else None,
        name=spec.name,
        cycle_value=spec.cycle,
        annual_value=spec.annual,
        raw=raw,
        location=location,
        has_cycle_label=spec.cycle is not None,
        has_annual_label=spec.annual is not None,
    )


def document_in_memory(spec: DocumentSpec, path: str) -> Document:
    """The :class:`Document` the TSV reader reads from ``render_tsv(spec)`` saved at ``path``."""
    line = len(_preamble(spec)) + 3  # preamble, header, 合计 → the first unit row
    units = []
    ordinal = 0
    for unit in spec.units:
        unit_location = Location(line=line, column=1)
        line += 1
        projects = []
        for project in unit.projects:
            ordinal += 1
            shown = _money(project.amount)
            goal_column = len(project.name) + 2 * len(shown) + 6
            column = goal_column + len(project.goal) + 1
            indicators = []
            for k, indicator in enumerate(project.indicators, 1):
                indicators.append(
                    _model_indicator(k, indicator, Location(line=line, column=column))
                )
                column += len(indicator_text(k, indicator))
            row = _tsv_row(project.name, project.amount, project.goal, "")
            projects.append(
                Project(
                    name=project.name,
                    amounts=_amounts(project.amount),
                    goal=project.goal,
                    indicators=tuple(indicators),
                    location=Location(line=line, column=1),
                    ordinal=ordinal,
                    goal_location=Location(line=line, column=goal_column),
                    raw=row
                    + "".join(indicator_text(k, i) for k, i in enumerate(project.indicators, 1)),
                )
            )
            line += 1
        units.append(Unit(unit.name, _amounts(unit.amount), unit_location, tuple(projects)))
    return Document(
        path=path,
        format="delimited",
        department=spec.department,
        amount_unit="万元",
        total=_amounts(spec.amount),
        units=tuple(units),
        total_location=Location(line=len(_preamble(spec)) + 2, column=1),
    )


def corpus_documents(corpus: Corpus, directory: str = "corpus") -> Iterator[Document]:
    """The corpus's documents in memory, with the paths :func:`write_corpus` would give them."""
    for spec in corpus.documents:
        yield document_in_memory(spec, f"{directory}/{spec.name}.tsv")


def main() -> None:
    """Write a corpus to a directory (for trying the command line on it by hand)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("directory")
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--duplicate-rate", type=float, default=0.02)
    parser.add_argument("--per-document", type=int, default=67)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", choices=sorted(RENDERERS), default="tsv")
    args = parser.parse_args()
    corpus = generate(
        args.projects,
        duplicate_rate=args.duplicate_rate,
        per_document=args.per_document,
        seed=args.seed,
    )
    paths = write_corpus(corpus, args.directory, args.format)
    print(
        f"{len(paths)} files, {corpus.project_count} projects, "
        f"{len(corpus.planted)} planted near-duplicates in {args.directory}"
    )


if __name__ == "__main__":
    main()

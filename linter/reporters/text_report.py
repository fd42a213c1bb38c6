"""``--format text``: the colored report for a person, grouped file → unit → project.

The report is laid out here, line by line, from styled spans: a finding is a heading line and an
indented block whose wrapped lines stay aligned under the message. Widths are terminal cells
(:func:`rich.cells.cell_len`: CJK characters take two), lines wrap at spaces between Latin words
and between any two CJK characters, and closing punctuation never starts a line. (Rich's layout
engine did the same job at about 0.7 ms a finding, most of a one-file lint on a large table.)
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import groupby

from rich.cells import cell_len

from linter.config import DEFAULT_MAX_PER_RULE
from linter.errors import printable
from linter.findings import Finding, Severity
from linter.lint import LintResult
from linter.model import Document, Indicator, Project

STYLES = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}
DEFAULT_WIDTH = 100
LOCATION_INDENT = 5
LOCATION_WIDTH = 9
RELATED_SHOWN = 5
"""How many related places a finding lists; the rest are counted."""
FIELD_LABELS = {"annual_value": "年度指标值", "cycle_value": "实施周期指标值", "name": "指标名称"}

SGR_CODES = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "underline": "4",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "magenta": "35",
    "cyan": "36",
}
"""Style words → ANSI SGR parameters (a style is words separated by spaces: ``bold red``)."""

CLOSING_PUNCTUATION = frozenset("，。、；：！？）】》」』”’,.;:!?)]}%")
"""Characters that stay at the end of a line instead of starting the next one."""
OPENING_PUNCTUATION = frozenset("（【《「『“‘([{")
"""Characters that go to the next line with what follows them instead of ending a line."""

_TOKEN = re.compile(r"[ \t]+|[≥≤≧≦＞＜±]*[\x21-\x7e]+|.")
"""Wrapping units: a run of spaces, a Latin word or number (with a comparator in front: ``≥95%``),
or any other single character."""

Span = tuple[str, str | None]
"""A piece of text and its style (``None``: plain)."""


@lru_cache(maxsize=64)
def _sgr(style: str) -> str:
    return "\x1b[" + ";".join(SGR_CODES[word] for word in style.split()) + "m"


def _cells(spans: list[Span]) -> int:
    """The width of ``spans`` in terminal cells."""
    return sum(cell_len(text) for text, _ in spans)


def _carried(token: str, line: list[Span], width: int) -> list[Span]:
    """What must move to the next line with ``token``: nothing; the opening punctuation that
    ends the line (if it fits); or, when ``token`` is closing punctuation, the line's last word
    and the closing punctuation after it (if they fit)."""
    if token not in CLOSING_PUNCTUATION:
        start = len(line)
        while start > 1 and line[start - 1][0] in OPENING_PUNCTUATION:
            start -= 1
        carried = line[start:]
        if not carried or _cells(carried) + cell_len(token) > width:
            return []
        del line[start:]
        return carried
    end = len(line)
    start = end - 1
    while start > 0 and line[start][0] in CLOSING_PUNCTUATION:
        start -= 1
    if start <= 0 or line[start][0].isspace():
        return []
    while start > 1 and line[start - 1][0] in OPENING_PUNCTUATION:
        start -= 1
    carried = line[start:end]
    if _cells(carried) + cell_len(token) > width:
        return []
    del line[start:end]
    return carried


def _hard_lines(spans: list[Span]) -> list[list[Span]]:
    """The spans split at each ``\\n``."""
    lines: list[list[Span]] = [[]]
    for text, style in spans:
        first, *rest = text.split("\n")
        if first:
            lines[-1].append((first, style))
        lines.extend([(piece, style)] if piece else [] for piece in rest)
    return lines


def _fold(spans: list[Span], width: int) -> list[list[Span]]:
    """One hard line broken into lines of at most ``width`` cells."""
    lines: list[list[Span]] = [[]]
    used = 0
    for text, style in spans:
        for token in _TOKEN.findall(text):
            size = cell_len(token)
            line = lines[-1]
            if used + size <= width:
                line.append((token, style))
                used += size
            elif token[0] in " \t":
                lines.append([])
                used = 0
            elif size > width:
                for character in token:
                    step = cell_len(character)
                    if used + step > width and lines[-1]:
                        lines.append([])
                        used = 0
                    lines[-1].append((character, style))
                    used += step
            else:
                lines.append([*_carried(token, line, width), (token, style)])
                used = _cells(lines[-1])
    return lines


def _wrap(spans: list[Span], width: int) -> list[list[Span]]:
    """The spans broken into lines of at most ``width`` cells (hard breaks at ``\\n``)."""
    lines: list[list[Span]] = []
    for line in _hard_lines(spans):
        if _cells(line) <= width:
            lines.append(line)
        else:
            lines.extend(_fold(line, width))
    return lines


class Page:
    """The report being written: lines of styled spans, rendered with or without color."""

    def __init__(self, color: bool, width: int) -> None:
        self.color = color
        self.width = width
        self.lines: list[str] = []

    def add(self, spans: list[Span], indent: int = 0) -> None:
        """Add ``spans``, wrapped to the page width less ``indent`` and indented by it."""
        for line in _wrap(spans, max(1, self.width - indent)):
            rendered = self._render(line)
            self.lines.append(" " * indent + rendered if rendered else "")

    def _render(self, line: list[Span]) -> str:
        """One line as text; trailing white space dropped (inside a styled span too)."""
        out = []
        for style, pieces in groupby(line, key=lambda span: span[1]):
            out.append(("".join(piece for piece, _ in pieces), style))
        while out and not out[-1][0].rstrip():
            out.pop()
        if out:
            out[-1] = (out[-1][0].rstrip(), out[-1][1])
        return "".join(
            f"{_sgr(style)}{text}\x1b[0m" if self.color and style else text for text, style in out
        )

    def text(self) -> str:
        """The report as text, one ``\\n`` after each line."""
        return "".join(line + "\n" for line in self.lines)


def _indicator(project: Project | None, index: int | None) -> Indicator | None:
    if project is None or index is None or not 0 < index <= len(project.indicators):
        return None
    return project.indicators[index - 1]


def _highlighted(value: str, excerpt: str | None, style: str) -> list[Span]:
    start = value.find(excerpt) if excerpt else -1
    if start < 0 or not excerpt:
        return [(value, None)]
    end = start + len(excerpt)
    return [(value[:start], None), (value[start:end], f"{style} underline"), (value[end:], None)]


def _finding_block(page: Page, finding: Finding, project: Project | None) -> None:
    """One finding: a heading line with its location, then its text in an indented block."""
    style = STYLES[finding.severity]
    where = str(finding.location) if finding.location else "-"
    page.add(
        [
            (f"{where:<{LOCATION_WIDTH - 1}} ", "dim"),
            (f"{finding.severity.label} ", style),
            (f"{finding.code} ", f"{style} bold"),
            (finding.name, "dim"),
        ],
        LOCATION_INDENT,
    )
    body: list[Span] = []
    indicator = _indicator(project, finding.indicator)
    if indicator is not None:
        body.append((f"指标{indicator.index} ", "bold"))
        if indicator.level2_code:
            body.append((f"{indicator.level2_code}-{indicator.level2} ", "magenta"))
        body.append((indicator.name, None))
        value = getattr(indicator, finding.field, None) if finding.field else None
        if isinstance(value, str) and finding.field in FIELD_LABELS:
            body.append((f"\n{FIELD_LABELS[finding.field]}：", "dim"))
            body.extend(_highlighted(value, finding.excerpt, style))
        body.append(("\n", None))
    body.append((finding.message, None))
    if finding.suggestion:
        body.append(("\n建议：", "green"))
        body.append((finding.suggestion, None))
    for folded in finding.folded:
        body.append((f"\n另：{folded.code} ", "dim"))
        body.append((folded.message, None))
    for related in finding.related[:RELATED_SHOWN]:
        path = printable(related.path)
        place = f"{path}:{related.location}" if related.location else path
        body.append((f"\n相关：{related.project or related.unit or ''} ({place})", "dim"))
    if len(finding.related) > RELATED_SHOWN:
        more = len(finding.related) - RELATED_SHOWN
        body.append((f"\n相关：另 {more} 处（JSON、HTML 报告中全部列出）", "dim"))
    page.add(body, LOCATION_INDENT + LOCATION_WIDTH)


def _table(page: Page, header: list[str], rows: list[list[Span]], right: set[int]) -> None:
    """A table with a heavy header rule and light column separators (no outer edge)."""
    widths = [
        max(cell_len(cell) for cell in [name, *(row[k][0] for row in rows)])
        for k, name in enumerate(header)
    ]

    def padded(k: int, span: Span) -> Span:
        gap = " " * (widths[k] - cell_len(span[0]))
        return (gap + span[0] if k in right else span[0] + gap, span[1])

    def joined(cells: list[Span], separator: str) -> list[Span]:
        out: list[Span] = []
        for k, cell in enumerate(cells):
            if k:
                out.append((f" {separator} ", None))
            out.append(padded(k, cell))
        return out

    page.add(joined([(name, "bold") for name in header], "┃"))
    last = len(widths) - 1
    rule = "╇".join("━" * (w + (1 if k in (0, last) else 2)) for k, w in enumerate(widths))
    page.add([(rule, None)])
    for row in rows:
        page.add(joined(row, "│"))


class RuleCounts:
    """Findings counted by rule (and the folded findings they hold), file by file."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.names: dict[str, str] = {}
        self.levels: dict[str, set[Severity]] = {}
        self.folded = 0

    def add(self, findings: list[Finding]) -> RuleCounts:
        """Count ``findings``; returns self."""
        for finding in findings:
            self.counts[finding.code] += 1
            self.names[finding.code] = finding.name
            self.levels.setdefault(finding.code, set()).add(finding.severity)
            self.folded += len(finding.folded)
        return self

    def rows(self) -> list[tuple[str, str, list[Severity], int]]:
        """One row per rule: code, name, the severities it fired at (highest first), and how
        many findings it made, in code order."""
        return [
            (code, self.names[code], sorted(self.levels[code], key=lambda s: -s.rank), count)
            for code, count in sorted(self.counts.items())
        ]


def rule_counts(findings: list[Finding]) -> list[tuple[str, str, list[Severity], int]]:
    """One row per rule: code, name, the severities it fired at (highest first), and how many
    findings it made, in code order."""
    return RuleCounts().add(findings).rows()


def _summary(result: LintResult, page: Page, counted: RuleCounts, hidden: int) -> None:
    if counted.counts:
        page.add([("按规则统计", "italic")])
        rows = [
            [
                (code, None),
                (name, None),
                ("/".join(level.label for level in levels), STYLES[levels[0]]),
                (str(count), None),
            ]
            for code, name, levels, count in counted.rows()
        ]
        _table(page, ["规则", "名称", "级别", "数量"], rows, right={3})
    projects, indicators = result.project_count, result.indicator_count
    line: list[Span] = [(f"共 {result.finding_count} 个问题：", "bold")]
    for severity in Severity:
        line.append((f"{severity.label} {result.count(severity)}", STYLES[severity]))
        line.append(("，" if severity is not Severity.info else "", None))
    line.append((f"（{len(result.files)} 个文件，{projects} 个项目，{indicators} 个指标）", None))
    folded = counted.folded
    if folded:
        line.append((f"；另有 {folded} 个同一问题的重复提示已并入（“另：”）", "dim"))
    if hidden:
        line.append((f"；{hidden} 条提示未逐条列出（--show-info）", "dim"))
    page.add(line)


GroupKey = tuple[str | None, int | None]
"""The unit and project ordinal a finding is about (``None``: the unit, or the whole table)."""


def _document_order(document: Document | None, keys: list[GroupKey]) -> list[GroupKey]:
    """``keys`` in the order their places come in the document: whole-table findings first,
    then each unit's own findings before its projects', projects by their position.

    A key the document does not know (a finding from a file that could not be read) keeps its
    place after the known ones, in order of first appearance.
    """
    rank: dict[GroupKey, tuple[int, int]] = {(None, None): (-1, 0)}
    if document is not None:
        for u, unit in enumerate(document.units):
            rank.setdefault((unit.name, None), (u, 0))
            for project in unit.projects:
                rank[(unit.name, project.ordinal)] = (u, project.ordinal)
    last = (len(rank) + 1, 0)
    return sorted(keys, key=lambda key: rank.get(key, last))


def _grouped(findings: list[Finding], document: Document | None) -> dict[GroupKey, list[Finding]]:
    """The findings of one file by unit and project, in document order (each list keeps the
    findings' own order)."""
    groups: dict[GroupKey, list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.unit, finding.project_ordinal), []).append(finding)
    return {key: groups[key] for key in _document_order(document, list(groups))}


def _hidden_infos(page: Page, hidden: list[Finding]) -> None:
    """The line that counts a project's info findings not listed (without ``--show-info``)."""
    codes = "、".join(dict.fromkeys(finding.code for finding in hidden))
    page.add(
        [(f"另有 {len(hidden)} 条提示（{codes}），加 --show-info 逐条显示", "dim")],
        LOCATION_INDENT,
    )


def capped(findings: list[Finding], cap: int) -> tuple[list[Finding], Counter[str]]:
    """The first ``cap`` findings of each rule (all when ``cap`` is 0), and how many of each
    rule are left out. A rule with one finding more than ``cap`` has them all printed: the line
    counting one left out would take the place of the finding itself."""
    total = Counter(finding.code for finding in findings)
    over = {code for code, n in total.items() if cap > 0 and n > cap + 1}
    if not over:
        return findings, Counter()
    seen: Counter[str] = Counter()
    kept = []
    for finding in findings:
        seen[finding.code] += 1
        if finding.code not in over or seen[finding.code] <= cap:
            kept.append(finding)
    return kept, Counter({code: total[code] - cap for code in over})


def _capped_line(page: Page, left_out: Counter[str], cap: int) -> None:
    """``… 另有 3 条 V01、2 条 C07（每个项目每条规则列出前 5 条，…）``."""
    parts = "、".join(f"{n} 条 {code}" for code, n in sorted(left_out.items()))
    note = f"（每个项目每条规则列出前 {cap} 条；max-per-rule，JSON、HTML、xlsx 报告中全部列出）"
    page.add([(f"… 另有 {parts}{note}", "dim")], LOCATION_INDENT)


class TextReport:
    """The text report written file by file (:meth:`file`), then its end (:meth:`end`): what
    :func:`render_text` writes, and :class:`linter.reporters.StreamingReport` as a run goes."""

    wants_documents = True
    """A file's block names its projects and quotes their indicators."""

    def __init__(
        self,
        color: bool = False,
        width: int | None = None,
        show_info: bool = False,
        max_per_rule: int = DEFAULT_MAX_PER_RULE,
    ):
        self.color = color
        self.width = width or DEFAULT_WIDTH
        self.show_info = show_info
        self.max_per_rule = max_per_rule
        self.counted = RuleCounts()
        self.hidden = 0

    def start(self, result: LintResult) -> str:
        """Nothing before the first file."""
        return ""

    def file(self, findings: list[Finding], document: Document | None) -> str:
        """The block of one file's findings (nothing for a file without findings): grouped by
        unit and project in document order, a project's errors first, then its warnings."""
        if not findings:
            return ""
        self.counted.add(findings)
        page = Page(self.color, self.width)
        path = findings[0].path
        projects = {p.ordinal: p for p in document.projects()} if document is not None else {}
        heading: list[Span] = [(printable(path), "bold underline")]
        if document is not None and document.department:
            heading.append((f"  {document.department}", "dim"))
        page.add(heading)
        for (unit, ordinal), in_project in _grouped(findings, document).items():
            project = projects.get(ordinal) if ordinal is not None else None
            ordered = sorted(in_project, key=lambda finding: -finding.severity.rank)
            listed = self.show_info or (unit, ordinal) == (None, None)
            shown = [f for f in ordered if listed or f.severity is not Severity.info]
            if project is not None:
                title: list[Span] = [
                    (f"{unit or ''} › ", "dim"),
                    (f"{project.ordinal}. {project.name}", "bold"),
                ]
                if project.amounts.total is not None:
                    title.append((f"  {project.amounts.total:,.2f}万元", "dim"))
            else:
                title = [(unit or "（整表）", "bold")]
            page.add(title, 2)
            printed, left_out = capped(shown, self.max_per_rule)
            for finding in printed:
                _finding_block(page, finding, project)
            if left_out:
                _capped_line(page, left_out, self.max_per_rule)
            if len(shown) < len(ordered):
                _hidden_infos(page, ordered[len(shown) :])
                self.hidden += len(ordered) - len(shown)
        page.add([])
        return page.text()

    def end(self, result: LintResult) -> str:
        """The unreadable files, the counts by rule and the summary line."""
        page = Page(self.color, self.width)
        for status in result.files:
            if not status.ok:
                page.add([(f"无法读取：{status.error}", "bold red")])
        _summary(result, page, self.counted, self.hidden)
        return page.text()


def render_text(
    result: LintResult,
    *,
    color: bool = False,
    width: int | None = None,
    show_info: bool = False,
    max_per_rule: int = DEFAULT_MAX_PER_RULE,
) -> str:
    """The human report: findings grouped by file, unit and project, then a summary.

    A project's errors come first, then its warnings; its info findings are listed after them
    with ``show_info``, else counted in one line (JSON and the other formats keep them all).
    Notices about the whole table are always listed: each is said once. At most
    ``max_per_rule`` findings of one rule are printed per project (0: all); the rest are
    counted in one line (``… 另有 4 条 V01``).
    """
    report = TextReport(color, width, show_info, max_per_rule)
    documents = {d.path: d for d in result.documents}
    parts = [
        report.file(list(in_file), documents.get(path))
        for path, in_file in groupby(result.findings, key=lambda f: f.path)
    ]
    return "".join(parts) + report.end(result)


def render_statistics(result: LintResult) -> str:
    """``--statistics``: one line per rule with its count, most frequent first."""
    rows = sorted(rule_counts(result.findings), key=lambda row: (-row[3], row[0]))
    return "".join(
        f"{count:>5}  {code}  {name}  [{'/'.join(level.value for level in levels)}]\n"
        for code, name, levels, count in rows
    )

"""``--format html``: one self-contained page for people who don't use a terminal.

The page carries its CSS and JavaScript inline (``assets/``) and draws its charts as inline SVG, so it
opens from a shared drive with no network access (a Content-Security-Policy forbids any request).
It shows an overview (files, units, projects, indicators; findings by family and severity; the
projects most in need of work), the per-project score along the four review dimensions
(:mod:`linter.scoring`) in a sortable table with each project's standard review opinions (审核意见
column), a 审核意见 section with every project's result and opinions as ``jxlint review`` gives
them (:mod:`linter.review`; each card repeats its own), and every project as a card whose indicator table has
each finding right under the indicator it concerns, with the offending value highlighted. Filters
by severity and family and a search box work in the page; a print stylesheet prints what is shown.
Every piece of table text is escaped: the tables are untrusted input.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources

from linter import __version__
from linter.engine import FAMILIES
from linter.errors import printable
from linter.findings import Finding, Severity
from linter.lint import LintResult
from linter.model import AMOUNT_FIELDS, Amounts, Document, Indicator, Location, Project, Unit
from linter.registry import all_rules
from linter.review import Opinion, ProjectReview, review_result
from linter.scoring import (
    DEFAULT_GRADES,
    DIMENSION_POINTS,
    DIMENSIONS,
    GRADE_LABELS,
    PENALTY,
    ProjectScore,
    dimension_of,
    score_projects,
    worst_first,
)

SEVERITIES = tuple(Severity)
AMOUNT_LABELS = {
    "total": "总计",
    "fiscal": "财政拨款",
    "special": "财政专户拨款",
    "other": "其他资金",
}
FIELD_LABELS = {
    "name": "指标名称",
    "level1_code": "一级指标",
    "level1": "一级指标",
    "level2_code": "二级指标",
    "level2": "二级指标",
    "cycle_value": "实施周期指标值",
    "annual_value": "年度指标值",
    "goal": "绩效目标",
    "indicators": "绩效指标",
    **{f"amounts.{name}": label for name, label in AMOUNT_LABELS.items()},
}
INDICATOR_COLUMN = {
    "level1_code": 1,
    "level1": 1,
    "level2_code": 2,
    "level2": 2,
    "name": 3,
    "cycle_value": 4,
    "annual_value": 5,
}
"""The column of the indicator table a finding's ``field`` points at."""
WORST_SHOWN = 5
TOP_ERRORS_SHOWN = 10


def esc(text: object) -> str:
    """``text`` escaped for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def esc_path(path: str) -> str:
    """A file path escaped for HTML, its control characters shown as ``\\n``, ``\\x1b`` …"""
    return esc(printable(path))


def family_label(letter: str) -> str:
    """The Chinese name of a rule family (``V`` → ``指标值``)."""
    return FAMILIES.get(letter, letter).split(" ")[0]


def money(value: Decimal | None) -> str:
    """An amount with thousands separators and two decimals, or an empty string."""
    return "" if value is None else f"{value:,.2f}"


def where(location: Location | None) -> str:
    """A location as an officer reads it: ``第 53 行`` for text files, the cell for sheets."""
    if location is None:
        return ""
    if location.line is not None and location.sheet is None and location.page is None:
        return f"第 {location.line} 行"
    return str(location)


def card_id(document_index: int, project: Project) -> str:
    """The HTML id of a project's card."""
    return f"p-{document_index}-{project.ordinal}"


@dataclass
class Placement:
    """Every finding assigned to the one place it is shown: an indicator, project, unit or file."""

    ids: dict[int, str] = field(default_factory=dict)
    indicator: dict[tuple[str, int, int], list[Finding]] = field(default_factory=dict)
    project: dict[tuple[str, int], list[Finding]] = field(default_factory=dict)
    unit: dict[tuple[str, str], list[Finding]] = field(default_factory=dict)
    file: dict[str, list[Finding]] = field(default_factory=dict)

    @classmethod
    def of(cls, result: LintResult) -> Placement:
        """Place every finding of ``result`` exactly once."""
        placement = cls()
        indicators = {
            (d.path, p.ordinal): len(p.indicators) for d in result.documents for p in d.projects()
        }
        units = {(d.path, u.name) for d in result.documents for u in d.units}
        for number, finding in enumerate(result.findings, start=1):
            placement.ids[id(finding)] = f"f-{number}"
            ordinal = finding.project_ordinal
            if ordinal is not None and (finding.path, ordinal) in indicators:
                count = indicators[(finding.path, ordinal)]
                if finding.indicator is not None and 0 < finding.indicator <= count:
                    target = (finding.path, ordinal, finding.indicator)
                    placement.indicator.setdefault(target, []).append(finding)
                else:
                    placement.project.setdefault((finding.path, ordinal), []).append(finding)
            elif finding.unit is not None and (finding.path, finding.unit) in units:
                placement.unit.setdefault((finding.path, finding.unit), []).append(finding)
            else:
                placement.file.setdefault(finding.path, []).append(finding)
        return placement

    def unit_findings(self, document: Document, unit: Unit) -> list[Finding]:
        """The findings about ``unit``; when two units share a name, the first one shows them."""
        first = next(u for u in document.units if u.name == unit.name)
        return self.unit.get((document.path, unit.name), []) if first is unit else []

    def fid(self, finding: Finding) -> str:
        """The HTML id of a finding."""
        return self.ids[id(finding)]


def highlight(text: str, marks: Iterable[tuple[str, Finding]]) -> str:
    """``text`` escaped, with each finding's excerpt (first occurrence) wrapped in ``<mark>``."""
    spans: list[tuple[int, int, Severity, str]] = []
    for fid, finding in marks:
        excerpt = finding.excerpt
        if not excerpt:
            continue
        start = text.find(excerpt)
        if start >= 0:
            spans.append((start, start + len(excerpt), finding.severity, fid))
    if not spans:
        return esc(text)
    spans.sort(key=lambda span: (span[0], -span[1]))
    merged: list[list] = []
    for start, end, severity, fid in spans:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            last[2] = max(last[2], severity, key=lambda s: s.rank)
            last[3].append(fid)
        else:
            merged.append([start, end, severity, [fid]])
    out, position = [], 0
    for start, end, severity, fids in merged:
        out.append(esc(text[position:start]))
        out.append(
            f'<mark class="hl-{severity.value}" data-f="{" ".join(fids)}">'
            f"{esc(text[start:end])}</mark>"
        )
        position = end
    out.append(esc(text[position:]))
    return "".join(out)


def worst_severity(findings: Iterable[Finding]) -> Severity:
    """The most serious severity among ``findings``."""
    return max((f.severity for f in findings), key=lambda s: s.rank)


class HtmlReport:
    """Builds the page of one lint run."""

    def __init__(self, result: LintResult, grades: Sequence[int] = DEFAULT_GRADES) -> None:
        self.result = result
        self.grades = tuple(grades)
        self.review: dict[tuple[str, int], ProjectReview] = {
            (project.path, project.ordinal): project
            for file in review_result(result, grades)
            for project in file.projects
        }
        self.placement = Placement.of(result)
        self.scores = score_projects(result)
        self.score_of = {score.key: score for score in self.scores}
        self.cards = {
            (document.path, project.ordinal): card_id(index, project)
            for index, document in enumerate(result.documents)
            for project in document.projects()
        }
        self.rules = {rule.code: rule for rule in all_rules()}

    # ---------------------------------------------------------------- findings

    def finding_item(self, finding: Finding) -> str:
        """One finding as a list item with severity, code, message, suggestion and related places."""
        fid = self.placement.fid(finding)
        rule = self.rules.get(finding.code)
        title = esc(rule.summary()) if rule else ""
        severity = finding.severity.value
        parts = [
            f'<li class="finding sev-{severity}" id="{fid}" data-sev="{severity}" '
            f'data-family="{esc(finding.family)}" data-code="{esc(finding.code)}">',
            f'<span class="loc">{esc(where(finding.location))}</span>',
            f'<span class="badge sev-{severity}">{finding.severity.label}</span>',
            f'<span class="code" title="{title}">{esc(finding.code)}</span>',
            f'<span class="rule">{esc(finding.name)} · {esc(dimension_of(finding.code))}</span>',
        ]
        if finding.field in FIELD_LABELS:
            parts.append(f'<span class="field-name">【{FIELD_LABELS[finding.field]}】</span>')
        parts.append(f'<div class="msg">{esc(finding.message)}</div>')
        if finding.suggestion:
            parts.append(f'<div class="sugg">{esc(finding.suggestion)}</div>')
        for folded in finding.folded:
            parts.append(
                f'<div class="related">另：<b>{esc(folded.code)}</b> {esc(folded.message)}</div>'
            )
        for related in finding.related:
            label = esc(related.project or related.unit or "") or esc_path(related.path)
            target = self.cards.get((related.path, related.project_ordinal or -1))
            link = f'<a href="#{target}">{label}</a>' if target else label
            note = f"{esc(related.note)}：" if related.note else ""
            place = f"{esc_path(related.path)} {esc(where(related.location))}".strip()
            parts.append(f'<div class="related">相关：{note}{link}（{place}）</div>')
        parts.append("</li>")
        return "".join(parts)

    def finding_list(self, findings: list[Finding], css: str) -> str:
        """A ``<ul>`` of findings (empty string when there are none)."""
        if not findings:
            return ""
        items = "".join(self.finding_item(f) for f in findings)
        return f'<ul class="findings {css}">{items}</ul>'

    def flagged(self, findings: list[Finding], tag: str, content: str, css: str = "") -> str:
        """``content`` in ``tag``, coloured by the worst of ``findings`` and linked to them."""
        classes = [css] if css else []
        attributes = ""
        if findings:
            classes.append(f"flag-{worst_severity(findings).value}")
            attributes = f' data-f="{" ".join(self.placement.fid(f) for f in findings)}"'
        if classes:
            attributes = f' class="{" ".join(classes)}"' + attributes
        return f"<{tag}{attributes}>{content}</{tag}>"

    # ---------------------------------------------------------------- page parts

    def page(self) -> str:
        """The whole HTML document."""
        departments = [d.department for d in self.result.documents if d.department]
        subtitle = "、".join(dict.fromkeys(departments)) or "（未识别部门）"
        assets = resources.files("linter.reporters") / "assets"
        css = (assets / "report.css").read_text(encoding="utf-8")
        script = (assets / "report.js").read_text(encoding="utf-8")
        body = [
            '<header class="page-header"><div class="inner">',
            "<h1>项目支出绩效目标表检查报告</h1>",
            f'<div class="sub">{esc(subtitle)} · jxlint {esc(__version__)}</div>',
            "</div></header><main>",
            self.tiles(),
            self.unreadable(),
            self.worst(),
            self.charts(),
            self.score_table(),
            self.opinion_section(),
            self.toolbar(),
            '<div id="no-result" class="noresult panel" hidden>没有符合条件的项目。</div>',
            *(self.file_section(index, d) for index, d in enumerate(self.result.documents)),
            self.orphan_findings(),
            self.scoring_notes(),
            "</main>",
        ]
        return (
            "<!DOCTYPE html>\n"
            '<html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
            '<link rel="icon" href="data:,">'
            f"<title>绩效目标表检查报告 · {esc(subtitle)}</title>"
            f"<style>{css}</style></head><body>"
            + "".join(body)
            + f"<script>{script}</script></body></html>\n"
        )

    def tiles(self) -> str:
        """The overview numbers: files, units, projects, indicators, findings by severity."""
        documents = self.result.documents
        numbers = [
            (len(self.result.files), "文件"),
            (sum(len(d.units) for d in documents), "资金使用单位"),
            (sum(len(d.projects()) for d in documents), "项目"),
            (sum(d.indicator_count() for d in documents), "绩效指标"),
        ]
        tiles = [
            f'<div class="tile"><div class="n">{n}</div><div class="l">{label}</div></div>'
            for n, label in numbers
        ]
        by_severity = "".join(
            f'<span class="count-{s.value}">{s.label} {self.result.count(s)}</span>'
            for s in SEVERITIES
        )
        tiles.append(
            f'<div class="tile findings"><div class="n">{len(self.result.findings)}</div>'
            f'<div class="l">问题：{by_severity}</div></div>'
        )
        return f'<section class="tiles" aria-label="概况">{"".join(tiles)}</section>'

    def unreadable(self) -> str:
        """The files that could not be read, each with its one-line reason."""
        failed = [status for status in self.result.files if not status.ok]
        if not failed:
            return ""
        items = "".join(f"<li>{esc_path(status.error or status.path)}</li>" for status in failed)
        return f'<h2>无法读取的文件</h2><ul class="panel unreadable">{items}</ul>'

    def worst(self) -> str:
        """The projects most in need of work, each with the first thing to fix."""
        ranked = [s for s in worst_first(self.scores) if s.findings][:WORST_SHOWN]
        if not ranked:
            return '<h2>最需要修改的项目</h2><p class="panel">没有发现问题。</p>'
        items = []
        for score in ranked:
            target = self.cards[score.key]
            first = min(
                score.findings,
                key=lambda f: (-f.severity.rank, f.indicator is None, f.indicator or 0),
            )
            counts = "，".join(
                f"{s.label} {score.counts[s]}" for s in SEVERITIES if score.counts[s]
            )
            fix = self.fix_line(score.project, first)
            items.append(
                f'<div class="worst-item">{self.score_badge(score)}<div>'
                f'<div class="what"><a href="#{target}">{esc(score.project.name)}</a></div>'
                f'<div class="meta">{esc(score.unit or "")} · {esc_path(score.path)} · 共 {len(score.findings)} '
                f"个问题（{counts}）</div>"
                f'<div class="fix">{fix}</div></div></div>'
            )
        return (
            '<h2>最需要修改的项目</h2><p class="no-print">按得分从低到高；点击项目名称查看全部问题，'
            f'点击问题直接跳到要改的指标。</p><div class="panel worst">{"".join(items)}</div>'
        )

    def fix_line(self, project: Project, finding: Finding) -> str:
        """The first thing to fix in a project: which indicator, which value, and why."""
        fid = self.placement.fid(finding)
        badge = f'<span class="badge sev-{finding.severity.value}">{finding.severity.label}</span>'
        place = ""
        if finding.indicator is not None and 0 < finding.indicator <= len(project.indicators):
            indicator = project.indicators[finding.indicator - 1]
            place = f"指标 {indicator.index}「{esc(indicator.name)}」"
        if finding.field in FIELD_LABELS and finding.field != "name":
            place += f"{FIELD_LABELS[finding.field]}"
            if finding.excerpt and len(finding.excerpt) <= 40:
                place += f"“{esc(finding.excerpt)}”"
        place = place or "项目"
        return (
            f'{badge} <a href="#{fid}"><span class="where">{place}</span></a>：'
            f"{esc(finding.message)}"
        )

    def score_badge(self, score: ProjectScore) -> str:
        """The score out of 100 and its grade (at the configured thresholds) as a coloured badge."""
        grade = self.review[score.key].result
        return (
            f'<span class="score grade-{grade}" title="得分（满分100）与等级">'
            f"{score.total}<small>{grade}</small></span>"
        )

    # ---------------------------------------------------------------- review opinions

    def opinion_list(self, project: ProjectReview) -> str:
        """A project's opinions as an ordered list: wording, rules, indicators and advice."""
        if not project.opinions:
            return '<p class="meta">无审核意见。</p>'
        items = []
        for opinion in project.opinions:
            indicators = opinion.indicator_text()
            concerned = f'<div class="meta">涉及：{esc(indicators)}</div>' if indicators else ""
            items.append(
                f'<li class="sev-{opinion.severity.value}"><b>{esc(opinion.label)}</b>'
                f'<span class="meta">（op#{opinion.number}；{esc("、".join(opinion.codes))}）</span>'
                f'{concerned}<div class="advice">{esc(opinion.advice)}</div></li>'
            )
        return f'<ol class="opinions">{"".join(items)}</ol>'

    @staticmethod
    def opinion_summary(opinions: tuple[Opinion, ...]) -> str:
        """The opinions' wordings in one cell, heaviest first (``无`` when none)."""
        return "；".join(opinion.label for opinion in opinions) or "无"

    def opinion_section(self) -> str:
        """The 审核意见 section: each project's result and opinions, in document order."""
        if not self.review:
            return ""
        counts = Counter(project.result for project in self.review.values())
        tally = "，".join(f"{label} {counts[label]}" for label in GRADE_LABELS)
        rows = []
        for key, project in self.review.items():
            rows.append(
                f'<tr><td><a href="#{self.cards[key]}">{esc(project.name)}</a>'
                f'<div class="meta">{esc(project.unit or "")} · {esc_path(project.path.rsplit("/", 1)[-1])}'
                f'</div></td><td class="result"><span class="score grade-{project.result}">'
                f"{project.score}<small>{project.result}</small></span>"
                f'<div class="meta">{esc(project.consequence)}</div></td>'
                f"<td>{self.opinion_list(project)}</td></tr>"
            )
        return (
            '<h2 id="opinions">审核意见</h2><p class="no-print">按调整审核意见（1–11）给出每个项目的'
            "标准审核意见，按权重排列，附涉及的指标和修改建议；“提示”级问题不单独构成意见。"
            f"审核结果：{tally}。</p>"
            '<div class="table-wrap"><table class="opinion-table"><thead><tr><th>项目</th>'
            "<th>审核结果</th><th>审核意见</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )

    # ---------------------------------------------------------------- charts

    def charts(self) -> str:
        """The overview charts, all inline SVG."""
        findings = self.result.findings
        legend = "".join(
            f'<span><i class="fill-{s.value}"></i>{s.label}</span>' for s in SEVERITIES
        )
        legend = f'<div class="legend">{legend}</div>'
        charts = [
            ("问题按类别和级别", family_chart(findings) + legend, ""),
            ("问题按级别", severity_chart(findings), ""),
            ("各审核维度平均得分（满分 25）", dimension_chart(self.scores), ""),
            ("项目等级分布", grade_chart(list(self.review.values()), self.grades), ""),
            (
                f"问题最多的项目（前 {TOP_ERRORS_SHOWN} 个，按错误数；点击跳到项目）",
                self.top_projects_chart() + legend,
                " wide",
            ),
        ]
        parts = [
            f'<figure class="panel chart{css}"><h3>{title}</h3>{content}</figure>'
            for title, content, css in charts
        ]
        return f'<h2>概览</h2><div class="charts">{"".join(parts)}</div>'

    def top_projects_chart(self) -> str:
        """The projects with the most errors as stacked bars linking to their cards."""
        ranked = sorted(
            (s for s in self.scores if s.findings),
            key=lambda s: (
                -s.counts[Severity.error],
                -s.counts[Severity.warning],
                -len(s.findings),
                s.key,
            ),
        )[:TOP_ERRORS_SHOWN]
        rows = [
            (score.project.name, {s: score.counts[s] for s in SEVERITIES}, self.cards[score.key])
            for score in ranked
        ]
        return stacked_bars(rows, width=1160, label_width=400, label_chars=30)

    # ---------------------------------------------------------------- score table

    def score_table(self) -> str:
        """The sortable per-project score table, worst first."""
        if not self.scores:
            return ""
        head = [
            ("排名", "num"),
            ("项目（单位 · 文件）", "text"),
            ("金额（万元）", "num"),
            ("得分", "num"),
        ]
        head += [(name, "num") for name in DIMENSIONS]
        head += [("错误", "num"), ("警告", "num"), ("提示", "num"), ("审核意见", "text")]
        header = "".join(
            f'<th class="{"num" if kind == "num" else ""}" data-type="{kind}" scope="col" '
            f'tabindex="0" title="点击排序">{label}</th>'
            for label, kind in head
        )
        rows = []
        for rank, score in enumerate(worst_first(self.scores), start=1):
            target = self.cards[score.key]
            total = score.project.amounts.total
            cells = [
                f'<td class="num" data-v="{rank}">{rank}</td>',
                f'<td data-v="{esc(score.project.name)}"><a href="#{target}">'
                f'{esc(score.project.name)}</a><div class="meta">{esc(score.unit or "")} · '
                f'<span title="{esc_path(score.path)}">{esc_path(score.path.rsplit("/", 1)[-1])}</span>'
                "</div></td>",
                f'<td class="num" data-v="{total if total is not None else -1}">{money(total)}</td>',
                f'<td class="num" data-v="{score.total}">{self.score_badge(score)}</td>',
            ]
            for name in DIMENSIONS:
                points = score.dimensions[name]
                cells.append(
                    f'<td class="num" data-v="{points}">{points}<span class="track">'
                    f'<span class="{level_of(points)}" style="width:{4 * points}%"></span></span></td>'
                )
            cells += [
                f'<td class="num" data-v="{score.counts[s]}">{score.counts[s]}</td>'
                for s in SEVERITIES
            ]
            summary = esc(self.opinion_summary(self.review[score.key].opinions))
            cells.append(f'<td class="opinion-cell" data-v="{summary}">{summary}</td>')
            rows.append(f'<tr data-card="{target}">{"".join(cells)}</tr>')
        return (
            '<h2>项目得分</h2><p class="no-print">满分 100：完整性、相关性、适当性、可行性各 25 分，'
            "每个问题按级别扣分（见文末“评分说明”）。点击表头排序，点击项目名称跳到该项目。</p>"
            f'<div class="table-wrap"><table class="scores"><thead><tr>{header}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )

    # ---------------------------------------------------------------- toolbar

    def toolbar(self) -> str:
        """Severity and family filters, the search box and the count of hidden findings."""
        by_severity = Counter(f.severity for f in self.result.findings)
        by_family = Counter(f.family for f in self.result.findings)
        severity_boxes = "".join(
            f'<label class="chip"><input type="checkbox" name="severity" value="{s.value}" checked>'
            f"{s.label} {by_severity[s]}</label>"
            for s in SEVERITIES
        )
        families = [letter for letter in FAMILIES if by_family[letter]]
        families += sorted(letter for letter in by_family if letter not in FAMILIES)
        family_boxes = "".join(
            f'<label class="chip" title="{esc(FAMILIES.get(letter, letter))}">'
            f'<input type="checkbox" name="family" value="{esc(letter)}" checked>'
            f"{esc(letter)} {esc(family_label(letter))} {by_family[letter]}</label>"
            for letter in families
        )
        total = len(self.result.findings)
        return (
            '<h2>逐项目检查结果</h2><div class="toolbar" role="search">'
            f"<fieldset><legend>级别</legend>{severity_boxes}</fieldset>"
            f"<fieldset><legend>类别</legend>{family_boxes}</fieldset>"
            '<input type="search" id="search" placeholder="搜索项目、单位、指标或问题…" '
            'aria-label="搜索">'
            '<label class="chip"><input type="checkbox" id="only-problems">只看有问题的项目</label>'
            '<button type="button" id="reset">重置</button>'
            f'<span class="status">显示 <b id="shown-count">{total}</b> / {total} 个问题，'
            '已隐藏 <b id="hidden-count" data-count="0">0</b> 个</span></div>'
        )

    # ---------------------------------------------------------------- files, units, projects

    def file_section(self, index: int, document: Document) -> str:
        """One input file: its heading, file-level findings, then each unit with its projects."""
        unit_label = document.amount_unit or "万元"
        total = ""
        if document.total is not None and document.total.total is not None:
            total = f"合计 {money(document.total.total)} {esc(unit_label)}"
        parts = [
            f'<section class="file" id="file-{index}"><header>'
            f"<h2>{esc(document.department) if document.department else esc_path(document.path)}</h2>"
            f'<span class="meta">{esc_path(document.path)}（{esc(document.format)}） {total}</span>'
            "</header>",
            self.finding_list(self.placement.file.get(document.path, []), "scope-findings"),
        ]
        for unit in document.units:
            parts.append(self.unit_section(index, document, unit))
        parts.append("</section>")
        return "".join(parts)

    def unit_section(self, index: int, document: Document, unit: Unit) -> str:
        """A 资金使用单位: its heading, unit-level findings and its project cards."""
        findings = self.placement.unit_findings(document, unit)
        amount = money(unit.amounts.total)
        cards = "".join(self.project_card(index, document, p) for p in unit.projects)
        return (
            f'<section class="unit"><h3>{esc(unit.name)}'
            f'<span class="amount">{amount and "总计 " + amount}　{esc(where(unit.location))}'
            f"</span></h3>{self.finding_list(findings, 'scope-findings')}{cards}</section>"
        )

    def project_card(self, index: int, document: Document, project: Project) -> str:
        """A project card: score, amounts, goal, project-level findings and the indicator table."""
        score = self.score_of[(document.path, project.ordinal)]
        unit_name = score.unit or ""
        own = self.placement.project.get((document.path, project.ordinal), [])
        on = {f.field for f in own}

        def about(field_name: str) -> list[Finding]:
            return [f for f in own if f.field == field_name]

        name_html = highlight(project.name, [(self.placement.fid(f), f) for f in about("name")])
        counts = (
            " ".join(
                f'<span class="badge sev-{s.value}">{s.label} {score.counts[s]}</span>'
                for s in SEVERITIES
                if score.counts[s]
            )
            or '<span class="meta">未发现问题</span>'
        )
        header = (
            f'<header><div class="title"><span class="ord">{project.ordinal}.</span>'
            f"{self.flagged(about('name'), 'h3', name_html)}</div>"
            f'<div>{self.score_badge(score)} <span class="counts">{counts}</span></div></header>'
            f'<div class="meta">{esc(unit_name)} · {esc_path(document.path)} · '
            f"{esc(where(project.location))}</div>{dimension_bars(score)}"
        )
        goal_findings = about("goal")
        goal_text = highlight(project.goal, [(self.placement.fid(f), f) for f in goal_findings])
        goal = self.flagged(
            goal_findings,
            "div",
            f'<span class="label">绩效目标</span>{goal_text or "<span class=empty>（空）</span>"}',
            "goal",
        )
        amounts = self.amounts_table(project.amounts, {f: about(f) for f in on if f})
        indicators = self.indicator_table(document, project)
        findings = self.finding_list(own, "project-findings")
        review = self.review[(document.path, project.ordinal)]
        opinions = (
            f'<div class="card-opinions"><span class="label">审核意见</span>'
            f"{self.opinion_list(review)}</div>"
        )
        return (
            f'<section class="card" id="{card_id(index, project)}">{header}{amounts}{goal}'
            f"{opinions}{findings}{indicators}</section>"
        )

    def amounts_table(self, amounts: Amounts, about: dict[str, list[Finding]]) -> str:
        """The four money columns of a project, the ones a finding concerns coloured."""
        heads = "".join(f"<th>{AMOUNT_LABELS[name]}</th>" for name in AMOUNT_FIELDS)
        cells = "".join(
            self.flagged(about.get(f"amounts.{name}", []), "td", money(getattr(amounts, name)))
            for name in AMOUNT_FIELDS
        )
        return (
            f'<table class="amounts-table"><tr>{heads}</tr><tr>{cells}</tr></table>'
            if any(amounts.figures())
            else ""
        )

    def indicator_table(self, document: Document, project: Project) -> str:
        """The indicator table: one row per indicator, its findings in a row right under it."""
        if not project.indicators:
            return '<p class="empty">（没有绩效指标）</p>'
        bodies = []
        for indicator in project.indicators:
            found = self.placement.indicator.get(
                (document.path, project.ordinal, indicator.index), []
            )
            bodies.append(self.indicator_rows(document, indicator, found))
        return (
            '<table class="indicators"><colgroup><col class="c-no"><col class="c-l1">'
            '<col class="c-l2"><col><col><col></colgroup><thead><tr><th>#</th><th>一级指标</th>'
            "<th>二级指标</th><th>指标名称</th><th>实施周期指标值</th><th>年度指标值</th></tr></thead>"
            f"{''.join(bodies)}</table>"
        )

    def indicator_rows(self, document: Document, indicator: Indicator, found: list[Finding]) -> str:
        """One indicator's ``<tbody>``: the indicator row, then its findings.

        An empty cell reads （空） where the table has that column, and a dash where it has none
        (no 一级/二级 codes, no 实施周期 column).
        """
        absent = {1, 2} if not document.has_codes else set()
        if not document.has_cycle_column:
            absent.add(4)
        by_column: dict[int, list[Finding]] = {}
        for finding in found:
            column = INDICATOR_COLUMN.get(finding.field or "")
            if column is not None:
                by_column.setdefault(column, []).append(finding)
        texts = [
            str(indicator.number if indicator.number is not None else indicator.index),
            code_label(indicator.level1_code, indicator.level1),
            code_label(indicator.level2_code, indicator.level2),
            indicator.name,
            indicator.cycle_value,
            indicator.annual_value,
        ]
        cells = []
        for column, text in enumerate(texts):
            concerned = by_column.get(column, [])
            if text:
                content = highlight(text, [(self.placement.fid(f), f) for f in concerned])
            elif column in absent and not concerned:
                content = '<span class="empty" title="表中没有此栏">—</span>'
            else:
                content = '<span class="empty">（空）</span>'
            cells.append(self.flagged(concerned, "td", content))
        css = "ind has-findings" if found else "ind"
        row = f'<tbody class="{css}"><tr class="ind-row">{"".join(cells)}</tr>'
        if found:
            row += (
                f'<tr class="finding-row"><td colspan="6">'
                f"{self.finding_list(found, 'indicator-findings')}</td></tr>"
            )
        return row + "</tbody>"

    def orphan_findings(self) -> str:
        """Findings about files that were not read into a document (none in practice)."""
        known = {d.path for d in self.result.documents}
        orphans = [f for path, fs in self.placement.file.items() if path not in known for f in fs]
        if not orphans:
            return ""
        return (
            '<section class="file"><h2>其他问题</h2>'
            f"{self.finding_list(orphans, 'scope-findings')}</section>"
        )

    def scoring_notes(self) -> str:
        """How the score is computed, with the rules of each dimension."""
        codes: dict[str, list[str]] = {name: [] for name in DIMENSIONS}
        for code in self.rules:
            codes[dimension_of(code)].append(code)
        rows = "".join(
            f"<tr><th>{name}</th><td>{esc('、'.join(codes[name]))}</td></tr>" for name in DIMENSIONS
        )
        penalties = "，".join(f"{s.label}扣 {PENALTY[s]} 分" for s in SEVERITIES)
        grades = "，".join(
            f"{label} ≥ {lowest}" for lowest, label in zip(self.grades, GRADE_LABELS, strict=False)
        )
        return (
            '<h2 id="scoring">评分说明</h2><div class="panel scoring-notes">'
            f"<p>每个项目满分 100 分：完整性、相关性、适当性、可行性四个审核维度（财预〔2015〕88号）各 "
            f"{DIMENSION_POINTS} 分。项目的每个问题按所属维度扣分：{penalties}，每个维度最低 0 分。"
            f"等级：{grades}，其余为差。单位合计、整表层面的问题不计入项目得分。"
            "规则与维度的对应是 jxlint 的经验划分：</p>"
            f"<table>{rows}</table></div>"
        )


def code_label(code: str | None, name: str | None) -> str:
    """``1-产出指标`` from a code and a name (either may be missing)."""
    return "-".join(part for part in (code, name) if part)


def level_of(points: int) -> str:
    """``low``, ``mid`` or ``high``: how a dimension score is coloured."""
    return "low" if points < 15 else "mid" if points < 22 else "high"


def dimension_bars(score: ProjectScore) -> str:
    """The four dimension scores of a project as small bars."""
    cells = []
    for name in DIMENSIONS:
        points = score.dimensions[name]
        width = round(100 * points / DIMENSION_POINTS)
        cells.append(
            f"<div>{name} <b>{points}</b>/{DIMENSION_POINTS}"
            f'<div class="bar"><span class="{level_of(points)}" style="width:{width}%"></span>'
            "</div></div>"
        )
    return f'<div class="dims">{"".join(cells)}</div>'


# -------------------------------------------------------------------- SVG charts


def svg(width: int, height: int, label: str, content: str) -> str:
    """An inline SVG element with a text alternative."""
    return (
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{esc(label)}" '
        f'xmlns="http://www.w3.org/2000/svg">{content}</svg>'
    )


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def stacked_bars(
    rows: list[tuple[str, dict[Severity, int], str | None]],
    *,
    width: int = 560,
    label_width: int = 110,
    label_chars: int = 10,
) -> str:
    """Horizontal bars stacked by severity, one per row, with the row's total at the end."""
    if not rows:
        return svg(width, 40, "没有问题", '<text x="10" y="25">没有问题</text>')
    row_height, right = 26, 40
    scale_max = max(sum(counts.values()) for _, counts, _ in rows) or 1
    usable = width - label_width - right
    parts = []
    for number, (label, counts, href) in enumerate(rows):
        y = number * row_height + 4
        x = label_width
        bars = []
        for severity in SEVERITIES:
            count = counts.get(severity, 0)
            if not count:
                continue
            length = usable * count / scale_max
            bars.append(
                f'<rect class="fill-{severity.value}" x="{x:.1f}" y="{y}" width="{length:.1f}" '
                f'height="18"><title>{esc(label)}：{severity.label} {count}</title></rect>'
            )
            x += length
        total = sum(counts.values())
        row = (
            f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">'
            f"{esc(shorten(label, label_chars))}<title>{esc(label)}</title></text>"
            + "".join(bars)
            + f'<text x="{x + 5:.1f}" y="{y + 13}">{total}</text>'
        )
        parts.append(f'<a href="#{href}">{row}</a>' if href else row)
    height = len(rows) * row_height + 8
    axis = f'<line class="axis" x1="{label_width}" y1="0" x2="{label_width}" y2="{height}"/>'
    return svg(width, height, "条形图", axis + "".join(parts))


def family_chart(findings: list[Finding]) -> str:
    """Findings per rule family, stacked by severity."""
    counts: dict[str, Counter] = {}
    for finding in findings:
        counts.setdefault(finding.family, Counter())[finding.severity] += 1
    letters = [letter for letter in FAMILIES if letter in counts]
    letters += sorted(letter for letter in counts if letter not in FAMILIES)
    rows = [(f"{letter} {family_label(letter)}", dict(counts[letter]), None) for letter in letters]
    return stacked_bars(rows)


def severity_chart(findings: list[Finding]) -> str:
    """A donut of findings by severity, with the total in the middle."""
    counts = Counter(f.severity for f in findings)
    total = sum(counts.values())
    radius, circumference = 60, 2 * math.pi * 60
    parts = [
        f'<circle cx="100" cy="90" r="{radius}" fill="none" stroke="#e3e7ec" stroke-width="26"/>'
    ]
    offset = 0.0
    for severity in SEVERITIES:
        if not counts[severity]:
            continue
        length = circumference * counts[severity] / total
        parts.append(
            f'<circle cx="100" cy="90" r="{radius}" fill="none" stroke="{SEVERITY_COLORS[severity]}" '
            f'stroke-width="26" stroke-dasharray="{length:.2f} {circumference - length:.2f}" '
            f'stroke-dashoffset="{-offset:.2f}" transform="rotate(-90 100 90)">'
            f"<title>{severity.label} {counts[severity]}</title></circle>"
        )
        offset += length
    parts.append(
        f'<text x="100" y="88" text-anchor="middle" style="font-size:24px;font-weight:700">{total}</text>'
        '<text x="100" y="108" text-anchor="middle">个问题</text>'
    )
    for number, severity in enumerate(SEVERITIES):
        y = 50 + number * 34
        share = f"{100 * counts[severity] / total:.0f}%" if total else "0%"
        parts.append(
            f'<rect class="fill-{severity.value}" x="220" y="{y - 12}" width="14" height="14" rx="2"/>'
            f'<text x="242" y="{y}">{severity.label} {counts[severity]}（{share}）</text>'
        )
    return svg(420, 180, f"问题按级别：共 {total} 个", "".join(parts))


SEVERITY_COLORS = {Severity.error: "#c62828", Severity.warning: "#e0a100", Severity.info: "#5b9bd5"}


def dimension_chart(scores: list[ProjectScore]) -> str:
    """The average score of each review dimension over all projects, as horizontal bars."""
    if not scores:
        return svg(560, 40, "没有项目", '<text x="10" y="25">没有项目</text>')
    width, label_width, usable = 560, 80, 420
    parts = []
    for number, name in enumerate(DIMENSIONS):
        average = sum(s.dimensions[name] for s in scores) / len(scores)
        full = sum(1 for s in scores if s.dimensions[name] == DIMENSION_POINTS)
        y = number * 34 + 6
        length = usable * average / DIMENSION_POINTS
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{name}</text>'
            f'<rect x="{label_width}" y="{y}" width="{usable}" height="20" fill="#e3e7ec"/>'
            f'<rect class="fill-score" x="{label_width}" y="{y}" width="{length:.1f}" height="20">'
            f"<title>{name}：平均 {average:.1f} 分，{full} 个项目满分</title></rect>"
            f'<text x="{label_width + length + 5:.1f}" y="{y + 15}">{average:.1f}</text>'
        )
    return svg(width, len(DIMENSIONS) * 34 + 10, "各审核维度平均得分", "".join(parts))


def grade_chart(projects: list[ProjectReview], grades: Sequence[int] = DEFAULT_GRADES) -> str:
    """How many projects have each result 优/良/中/差 (at ``grades``), as vertical bars."""
    counts = Counter(project.result for project in projects)
    highest = max(counts.values(), default=0) or 1
    colors = {"优": "#2e7d32", "良": "#1f5fa8", "中": "#b26a00", "差": "#c62828"}
    parts = []
    for number, (lowest, label) in enumerate(zip([*grades, 0], GRADE_LABELS, strict=True)):
        x = 40 + number * 120
        height = 120 * counts[label] / highest
        parts.append(
            f'<rect x="{x}" y="{140 - height:.1f}" width="70" height="{height:.1f}" '
            f'fill="{colors[label]}"><title>{label}（≥{lowest} 分）：{counts[label]} 个项目</title></rect>'
            f'<text x="{x + 35}" y="{134 - height:.1f}" text-anchor="middle">{counts[label]}</text>'
            f'<text x="{x + 35}" y="160" text-anchor="middle">{label}（{grade_range(lowest, grades)}）</text>'
        )
    axis = '<line class="axis" x1="30" y1="140" x2="520" y2="140"/>'
    return svg(540, 170, "项目等级分布", axis + "".join(parts))


def grade_range(lowest: int, grades: Sequence[int] = DEFAULT_GRADES) -> str:
    """The score range of the grade starting at ``lowest``: ``≥90`` or ``<60`` for the last."""
    return f"≥{lowest}" if lowest else f"<{grades[-1]}"


def render_html(
    result: LintResult,
    *,
    grades: Sequence[int] = DEFAULT_GRADES,
) -> str:
    """The self-contained HTML report of ``result`` (``grades``: the thresholds of 优, 良, 中)."""
    return HtmlReport(result, grades).page()

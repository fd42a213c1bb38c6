"""``--format text``: the colored report for a person, grouped file → unit → project."""

from __future__ import annotations

import io
from collections import Counter
from itertools import groupby

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from linter.findings import Finding, Severity
from linter.lint import LintResult
from linter.model import Document, Indicator, Project

STYLES = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}
LOCATION_INDENT = 5
FIELD_LABELS = {"annual_value": "年度指标值", "cycle_value": "实施周期指标值", "name": "指标名称"}


def _console(color: bool, width: int | None) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width or 100,
        highlight=False,
        soft_wrap=False,
        emoji=False,
    )
    return console, buffer


def _project_index(documents: list[Document]) -> dict[tuple[str, int], Project]:
    return {(d.path, p.ordinal): p for d in documents for p in d.projects()}


def _indicator(project: Project | None, index: int | None) -> Indicator | None:
    if project is None or index is None or not 0 < index <= len(project.indicators):
        return None
    return project.indicators[index - 1]


def _highlight(value: str, excerpt: str | None, style: str) -> Text:
    text = Text(value)
    if excerpt:
        start = value.find(excerpt)
        if start >= 0:
            text.stylize(f"{style} underline", start, start + len(excerpt))
    return text


def _finding_block(finding: Finding, project: Project | None) -> Group:
    """One finding: a heading line with its location, then its text in an indented block (so
    that wrapped lines stay aligned under the message)."""
    style = STYLES[finding.severity]
    head = Text(overflow="fold")
    where = str(finding.location) if finding.location else "-"
    head.append(f"{where:<9}", style="dim")
    head.append(f"{finding.severity.label} ", style=style)
    head.append(f"{finding.code} ", style=f"{style} bold")
    head.append(finding.name, style="dim")
    body = Text(overflow="fold")
    indicator = _indicator(project, finding.indicator)
    if indicator is not None:
        body.append(f"指标{indicator.index} ", style="bold")
        if indicator.level2_code:
            body.append(f"{indicator.level2_code}-{indicator.level2} ", style="magenta")
        body.append(indicator.name)
        value = getattr(indicator, finding.field, None) if finding.field else None
        if isinstance(value, str) and finding.field in FIELD_LABELS:
            body.append(f"\n{FIELD_LABELS[finding.field]}：", style="dim")
            body.append_text(_highlight(value, finding.excerpt, style))
    if body:
        body.append("\n")
    body.append(finding.message)
    if finding.suggestion:
        body.append("\n建议：", style="green")
        body.append(finding.suggestion)
    for related in finding.related:
        place = f"{related.path}:{related.location}" if related.location else related.path
        body.append(f"\n相关：{related.project or related.unit or ''} ({place})", style="dim")
    return Group(
        Padding(head, (0, 0, 0, LOCATION_INDENT)),
        Padding(body, (0, 0, 0, LOCATION_INDENT + 9)),
    )


def _summary(result: LintResult, console: Console) -> None:
    if result.findings:
        counts = Counter((f.code, f.name, f.severity) for f in result.findings)
        table = Table(title="按规则统计", title_justify="left", show_edge=False, pad_edge=False)
        table.add_column("规则")
        table.add_column("名称")
        table.add_column("级别")
        table.add_column("数量", justify="right")
        for (code, name, severity), count in sorted(counts.items()):
            label = Text(severity.label, style=STYLES[severity])
            table.add_row(code, name, label, str(count))
        console.print(table)
    projects = sum(len(d.projects()) for d in result.documents)
    indicators = sum(d.indicator_count() for d in result.documents)
    line = Text()
    total = len(result.findings)
    line.append(f"共 {total} 个问题：", style="bold")
    for severity in Severity:
        line.append(f"{severity.label} {result.count(severity)}", style=STYLES[severity])
        line.append("，" if severity is not Severity.info else "")
    line.append(f"（{len(result.files)} 个文件，{projects} 个项目，{indicators} 个指标）")
    console.print(line)


def render_text(result: LintResult, *, color: bool = False, width: int | None = None) -> str:
    """The human report: findings grouped by file, unit and project, then a summary."""
    console, buffer = _console(color, width)
    projects = _project_index(result.documents)
    departments = {d.path: d.department for d in result.documents}
    for path, in_file in groupby(result.findings, key=lambda f: f.path):
        heading = Text(path, style="bold underline")
        if departments.get(path):
            heading.append(f"  {departments[path]}", style="dim")
        console.print(heading)
        for (unit, ordinal), in_project in groupby(
            in_file, key=lambda f: (f.unit, f.project_ordinal)
        ):
            project = projects.get((path, ordinal)) if ordinal is not None else None
            title = Text("  ")
            if project is not None:
                title.append(f"{unit or ''} › ", style="dim")
                title.append(f"{project.ordinal}. {project.name}", style="bold")
                if project.amounts.total is not None:
                    title.append(f"  {project.amounts.total:,.2f}万元", style="dim")
            else:
                title.append(unit or "（整表）", style="bold")
            console.print(title)
            for finding in in_project:
                console.print(_finding_block(finding, project))
        console.print()
    for status in result.files:
        if not status.ok:
            console.print(Text(f"无法读取：{status.error}", style="bold red"))
    _summary(result, console)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def render_statistics(result: LintResult) -> str:
    """``--statistics``: one line per rule with its count, most frequent first."""
    counts = Counter((f.code, f.name, f.severity.value) for f in result.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "".join(
        f"{count:>5}  {code}  {name}  [{level}]\n" for (code, name, level), count in rows
    )

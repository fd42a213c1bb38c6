"""``jxlint parse --format text``: the parsed document as a tree, for a person to check."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from linter.model import Amounts, Document, Indicator


def _money(amounts: Amounts | None) -> str:
    if amounts is None:
        return "—"
    labels = ("总计", "财政拨款", "专户", "其他")
    figures = zip(labels, amounts.figures(), strict=True)
    parts = [f"{label} {value:f}" for label, value in figures if value is not None]
    return "，".join(parts) or "（无金额）"


def _indicator_label(indicator: Indicator) -> str:
    codes = ""
    if indicator.level1_code or indicator.level2_code:
        code = indicator.level2_code or indicator.level1_code or ""
        label = indicator.level2 or indicator.level1 or ""
        codes = f"[cyan]{escape(code)}-{escape(label)}[/] "
    cycle = "—" if indicator.cycle_value is None else escape(indicator.cycle_value)
    annual = "—" if indicator.annual_value is None else escape(indicator.annual_value)
    return (
        f"{indicator.index}. {codes}{escape(indicator.name)}  "
        f"[dim]实施周期[/] {cycle}  [dim]年度[/] {annual}  [dim]{indicator.location}[/]"
    )


def print_tree(document: Document, console: Console | None = None) -> None:
    """Print one document as a rich tree: department → units → projects → indicators."""
    console = console or Console()
    title = f"[bold]{escape(document.path)}[/] ({document.format})"
    if document.department:
        title += f"  部门：{escape(document.department)}"
    if document.total is not None:
        title += f"  合计：{_money(document.total)}"
    root = Tree(title)
    for unit in document.units:
        name = escape(unit.name or "（无名单位）")
        branch = root.add(
            f"[bold magenta]{name}[/]  {_money(unit.amounts)}  [dim]{unit.location}[/]"
        )
        for project in unit.projects:
            heading = f"[bold]{project.ordinal}. {escape(project.name)}[/]"
            node = branch.add(f"{heading}  {_money(project.amounts)}  [dim]{project.location}[/]")
            if project.goal:
                node.add(f"[green]绩效目标[/] {escape(project.goal)}")
            for indicator in project.indicators:
                node.add(_indicator_label(indicator))
    if document.notes:
        notes = root.add("[yellow]解析备注 (parse notes)[/]")
        for note in document.notes:
            notes.add(f"[dim]{note.location}[/] {escape(note.message)} {escape(note.text[:60])}")
    console.print(root)
    projects = document.projects()
    console.print(
        f"单位 {len(document.units)} · 项目 {len(projects)} · 指标 {document.indicator_count()}"
    )

"""``--format xlsx``: an annotated review workbook for people who fix their tables in Excel or WPS.

Five sheets:

- **审核表** mirrors the table, one row per indicator (file, unit, project, amounts, 绩效目标,
  一级/二级/指标名称/实施周期/年度), with a row for each file's 合计 and each unit before its
  projects. Every finding is a cell comment on the cell it concerns, and that cell is filled by
  severity (red: error, yellow: warning, blue: info). A project's amounts (numbers) and its
  绩效目标 are on its first row only, its other rows blank there; the 合计 and unit rows show
  their stated figures as text, so that summing an amount column counts every project once.
- **问题清单** lists every finding with a hyperlink to its cell on 审核表.
- **汇总** counts findings per rule and per project (with the project's score, see
  :mod:`linter.scoring`), and lists files that could not be read.
- **审核意见** has one row per project: its result 优/良/中/差 and score, and its standard review
  opinions (:mod:`linter.review`) heaviest first, each with the indicators it concerns and what
  to change, one line per opinion, as ``jxlint review`` prints them.
- **金额核对** has one row per project (file, unit, project, the four amounts) and a 合计 row of
  ``SUM`` formulas, to check the stated totals against.

Every sheet prints on A4 landscape, one page wide, its header row repeated on each page. File
names go through :func:`linter.errors.printable` (a name can hold a newline or an escape).

Written with XlsxWriter, the ``xlsx`` extra (``pip install 'jxlint[xlsx]'``). The renderer returns
the workbook as bytes; the CLI requires ``--output`` for it.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from linter.errors import printable
from linter.findings import Finding, Severity
from linter.lint import LintResult
from linter.model import AMOUNT_FIELDS, Amounts
from linter.registry import all_rules
from linter.reporters import ReportError
from linter.reporters.html_report import FIELD_LABELS, Placement, code_label, worst_severity
from linter.review import review_result
from linter.scoring import DEFAULT_GRADES, DIMENSIONS, dimension_of, score_projects

REVIEW_SHEET = "审核表"
FINDINGS_SHEET = "问题清单"
SUMMARY_SHEET = "汇总"
CHECK_SHEET = "金额核对"
OPINIONS_SHEET = "审核意见"
OPINION_COLUMNS = (
    ("文件", 16),
    ("资金使用单位", 18),
    ("项目序号", 5),
    ("项目名称", 24),
    ("总计", 11),
    ("得分", 6),
    ("审核结果", 6),
    ("处理", 10),
    ("审核意见", 24),
    ("涉及指标", 40),
    ("修改建议", 60),
)
"""The 审核意见 sheet's columns and widths (characters)."""

REVIEW_COLUMNS = (
    ("文件", 16),
    ("资金使用单位", 18),
    ("项目序号", 5),
    ("项目名称", 24),
    ("总计", 11),
    ("财政拨款", 11),
    ("财政专户拨款", 11),
    ("其他资金", 11),
    ("绩效目标", 36),
    ("指标序号", 5),
    ("一级指标", 10),
    ("二级指标", 12),
    ("指标名称", 26),
    ("实施周期指标值", 18),
    ("年度指标值", 18),
    ("问题数", 6),
    ("项目得分", 6),
)
COLUMN = {name: index for index, (name, _) in enumerate(REVIEW_COLUMNS)}
AMOUNT_LABELS = ("总计", "财政拨款", "财政专户拨款", "其他资金")
AMOUNT_COLUMN = {
    f"amounts.{name}": COLUMN[label]
    for name, label in zip(AMOUNT_FIELDS, AMOUNT_LABELS, strict=True)
}
INDICATOR_FIELD_COLUMN = {
    "level1_code": COLUMN["一级指标"],
    "level1": COLUMN["一级指标"],
    "level2_code": COLUMN["二级指标"],
    "level2": COLUMN["二级指标"],
    "name": COLUMN["指标名称"],
    "cycle_value": COLUMN["实施周期指标值"],
    "annual_value": COLUMN["年度指标值"],
}
PROJECT_FIELD_COLUMN = {
    "name": COLUMN["项目名称"],
    "goal": COLUMN["绩效目标"],
    **AMOUNT_COLUMN,
}
FILLS = {Severity.error: "#FFC7CE", Severity.warning: "#FFEB9C", Severity.info: "#DDEBF7"}
"""Cell fill by severity (Excel's own 'bad' and 'neutral' colours, and a light blue)."""
WRAPPED = {
    COLUMN[name]
    for name in (
        "资金使用单位",
        "项目名称",
        "绩效目标",
        "一级指标",
        "二级指标",
        "指标名称",
        "实施周期指标值",
        "年度指标值",
    )
}
MONEY = set(AMOUNT_COLUMN.values())


def cell_name(row: int, column: int) -> str:
    """The A1 name of a zero-based cell (``(0, 0)`` → ``A1``)."""
    letters = ""
    column += 1
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return f"{letters}{row + 1}"


@dataclass
class Cell:
    """What one cell of 审核表 shows, and the findings commented on it."""

    value: Any = None
    findings: list[Finding] = field(default_factory=list)


@dataclass
class ReviewSheet:
    """The rows of 审核表 before they are written, and where each finding landed."""

    rows: list[list[Cell]] = field(default_factory=list)
    anchors: dict[int, tuple[int, int]] = field(default_factory=dict)
    project_rows: dict[tuple[str, int], int] = field(default_factory=dict)
    file_rows: set[int] = field(default_factory=set)

    def new_row(self) -> int:
        """Append an empty row; its index on the sheet (row 0 is the header)."""
        self.rows.append([Cell() for _ in REVIEW_COLUMNS])
        return len(self.rows)

    def put(self, row: int, column: int, value: Any) -> None:
        """Set the value of a cell."""
        self.rows[row - 1][column].value = value

    def annotate(self, row: int, column: int, findings: list[Finding]) -> None:
        """Attach ``findings`` to a cell."""
        for finding in findings:
            self.rows[row - 1][column].findings.append(finding)
            self.anchors[id(finding)] = (row, column)


def figure(value: Decimal | None) -> float | None:
    """An amount as a spreadsheet number."""
    return None if value is None else float(value)


def stated(value: Decimal | None) -> str | None:
    """A subtotal as text (``6,178.00``): shown, but left out of a column's sum."""
    return None if value is None else f"{value:,.2f}"


def put_amounts(sheet: ReviewSheet, row: int, amounts: Amounts | None, *, counted: bool) -> None:
    """Write the four money columns of a row: numbers if ``counted``, else text."""
    if amounts is None:
        return
    for name, column in AMOUNT_COLUMN.items():
        value = getattr(amounts, name.split(".", 1)[1])
        sheet.put(row, column, figure(value) if counted else stated(value))


def build_review(result: LintResult, placement: Placement) -> ReviewSheet:
    """Lay out 审核表 and decide the cell of every finding."""
    scores = {score.key: score for score in score_projects(result)}
    sheet = ReviewSheet()
    for document in result.documents:
        row = sheet.new_row()
        sheet.file_rows.add(row)
        path = printable(document.path)
        sheet.put(row, COLUMN["文件"], path)
        sheet.put(row, COLUMN["资金使用单位"], f"合计（{document.department or '部门'}）")
        put_amounts(sheet, row, document.total, counted=False)
        for finding in placement.file.get(document.path, []):
            column = AMOUNT_COLUMN.get(finding.field or "", COLUMN["文件"])
            sheet.annotate(row, column, [finding])
        for unit in document.units:
            row = sheet.new_row()
            sheet.put(row, COLUMN["文件"], path)
            sheet.put(row, COLUMN["资金使用单位"], unit.name)
            put_amounts(sheet, row, unit.amounts, counted=False)
            for finding in placement.unit_findings(document, unit):
                column = AMOUNT_COLUMN.get(finding.field or "", COLUMN["资金使用单位"])
                sheet.annotate(row, column, [finding])
            for project in unit.projects:
                key = (document.path, project.ordinal)
                score = scores[key]
                first = 0
                for indicator in project.indicators or (None,):
                    row = sheet.new_row()
                    first = first or row
                    values = {
                        "文件": path,
                        "资金使用单位": unit.name,
                        "项目序号": project.ordinal,
                        "项目名称": project.name,
                        "问题数": len(score.findings),
                        "项目得分": score.total,
                    }
                    if indicator is not None:
                        values |= {
                            "指标序号": indicator.index,
                            "一级指标": code_label(indicator.level1_code, indicator.level1),
                            "二级指标": code_label(indicator.level2_code, indicator.level2),
                            "指标名称": indicator.name,
                            "实施周期指标值": indicator.cycle_value,
                            "年度指标值": indicator.annual_value,
                        }
                        for finding in placement.indicator.get((*key, indicator.index), []):
                            column = INDICATOR_FIELD_COLUMN.get(
                                finding.field or "", COLUMN["指标名称"]
                            )
                            sheet.annotate(row, column, [finding])
                    if row == first:
                        values["绩效目标"] = project.goal
                        put_amounts(sheet, row, project.amounts, counted=True)
                    for name, value in values.items():
                        sheet.put(row, COLUMN[name], value)
                sheet.project_rows[key] = first
                for finding in placement.project.get(key, []):
                    column = PROJECT_FIELD_COLUMN.get(finding.field or "", COLUMN["项目名称"])
                    sheet.annotate(first, column, [finding])
    return sheet


def comment_text(findings: list[Finding]) -> str:
    """The comment of a cell: each finding's severity, code, message and suggestion."""
    blocks = []
    for finding in findings:
        lines = [f"【{finding.severity.label}】{finding.code} {finding.name}", finding.message]
        if finding.suggestion:
            lines.append(f"建议：{finding.suggestion}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


class Formats:
    """XlsxWriter cell formats, created once per combination of kind and severity."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.cache: dict[tuple[str, Severity | None], Any] = {}
        self.header = workbook.add_format(
            {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.title = workbook.add_format({"bold": True, "font_size": 13})
        self.link = workbook.add_format({"font_color": "#1F5FA8", "underline": 1})

    def get(self, kind: str, severity: Severity | None = None) -> Any:
        """The format of a ``text``, ``wrap``, ``money`` or ``stated`` (a subtotal shown as text)
        cell, filled when ``severity`` is set."""
        key = (kind, severity)
        if key not in self.cache:
            properties: dict[str, Any] = {"valign": "top"}
            if kind == "wrap":
                properties["text_wrap"] = True
            if kind == "money":
                properties["num_format"] = "#,##0.00"
            if kind == "total":
                properties |= {"bold": True, "num_format": "#,##0.00", "top": 1}
            if kind == "stated":
                properties |= {"align": "right", "italic": True, "font_color": "#595959"}
            if severity is not None:
                properties |= {"bg_color": FILLS[severity], "border": 1, "border_color": "#BFBFBF"}
            self.cache[key] = self.workbook.add_format(properties)
        return self.cache[key]


def worst(findings: list[Finding]) -> Severity | None:
    """The most serious severity among ``findings`` (``None`` for none)."""
    return worst_severity(findings) if findings else None


LINE_HEIGHT = 15.0
"""Points per line of the default font (Calibri 11)."""
MAX_ROW_HEIGHT = 409.0
"""The tallest row Excel allows, in points."""


def text_lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide.

    A wide (CJK) character takes two character widths; each line break starts a line. Text
    without spaces but with ``/`` (a path) breaks early, after a slash: one line more.
    """
    lines = 0
    for line in text.split("\n"):
        size = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)
        lines += max(1, math.ceil(size / max(1.0, width - 1)))
        if size > width and "/" in line and " " not in line:
            lines += 1
    return lines


def row_height(cells: Iterable[tuple[Any, float]]) -> float:
    """The height in points that shows every wrapped cell ``(value, column width)`` of a row.

    Row heights are set, not left to the viewer: LibreOffice and some Excel versions keep the
    default height for wrapped text, and a printed row then hides all but its first line.
    """
    lines = max((text_lines(v, w) for v, w in cells if isinstance(v, str) and v), default=1)
    return min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines)


def print_setup(worksheet: Any, *, header: bool = True) -> None:
    """Print a sheet on A4 landscape, one page wide, with its header row on every page.

    ``header``: the first row is a column header (汇总 has several tables, each with its own).
    """
    worksheet.set_paper(9)
    worksheet.set_landscape()
    worksheet.fit_to_pages(1, 0)
    worksheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    worksheet.center_horizontally()
    worksheet.set_footer("&C第 &P 页，共 &N 页")
    if header:
        worksheet.repeat_rows(0)


def write_review(workbook: Any, formats: Formats, sheet: ReviewSheet) -> None:
    """Write 审核表: header, rows, fills and comments."""
    worksheet = workbook.add_worksheet(REVIEW_SHEET)
    worksheet.set_row(0, 30)
    for column, (name, width) in enumerate(REVIEW_COLUMNS):
        worksheet.write_string(0, column, name, formats.header)
        worksheet.set_column(column, column, width)
    for row, cells in enumerate(sheet.rows, start=1):
        # the file name is wrapped (shown whole) on its 合计 row, clipped on the others
        wrapped = WRAPPED | {COLUMN["文件"]} if row in sheet.file_rows else WRAPPED
        worksheet.set_row(
            row, row_height((cells[c].value, REVIEW_COLUMNS[c][1]) for c in sorted(wrapped))
        )
        for column, cell in enumerate(cells):
            if column in MONEY:
                kind = "stated" if isinstance(cell.value, str) else "money"
            else:
                kind = "wrap" if column in wrapped else "text"
            cell_format = formats.get(kind, worst(cell.findings))
            if cell.value is None or cell.value == "":
                worksheet.write_blank(row, column, None, cell_format)
            elif isinstance(cell.value, str):
                worksheet.write_string(row, column, cell.value, cell_format)
            else:
                worksheet.write_number(row, column, cell.value, cell_format)
            if cell.findings:
                text = comment_text(cell.findings)
                lines = text.count("\n") + 1 + len(text) // 30
                worksheet.write_comment(
                    row,
                    column,
                    text,
                    {"author": "jxlint", "x_scale": 3, "y_scale": min(12, max(2, lines / 4))},
                )
    worksheet.freeze_panes(1, COLUMN["绩效目标"])
    worksheet.autofilter(0, 0, len(sheet.rows), len(REVIEW_COLUMNS) - 1)
    print_setup(worksheet)


def write_findings(workbook: Any, formats: Formats, result: LintResult, sheet: ReviewSheet) -> None:
    """Write 问题清单: one row per finding with a link to its cell on 审核表."""
    worksheet = workbook.add_worksheet(FINDINGS_SHEET)
    columns = (
        ("序号", 5), ("级别", 5), ("规则", 5), ("规则名", 14), ("审核维度", 8), ("文件", 16),
        ("资金使用单位", 16), ("项目", 22), ("指标序号", 5), ("指标名称", 20), ("字段", 10),
        ("问题", 40), ("建议", 32), ("原文", 26), ("原表位置", 10), ("审核表单元格", 12),
    )  # fmt: skip
    worksheet.set_row(0, 30)
    for column, (name, width) in enumerate(columns):
        worksheet.write_string(0, column, name, formats.header)
        worksheet.set_column(column, column, width)
    wrap = formats.get("wrap")
    for row, finding in enumerate(result.findings, start=1):
        values = (
            row,
            finding.severity.label,
            finding.code,
            finding.name,
            dimension_of(finding.code),
            printable(finding.path),
            finding.unit or "",
            finding.project or "",
            finding.indicator if finding.indicator is not None else "",
            finding.indicator_name or "",
            FIELD_LABELS.get(finding.field or "", finding.field or ""),
            finding.message,
            finding.suggestion or "",
            finding.excerpt or "",
            str(finding.location) if finding.location else "",
        )
        worksheet.set_row(row, row_height(zip(values, (w for _, w in columns[:-1]), strict=True)))
        for column, value in enumerate(values):
            cell_format = formats.get("text", finding.severity) if column == 1 else wrap
            worksheet.write(row, column, value, cell_format)
        anchor = sheet.anchors.get(id(finding))
        if anchor is not None:
            target = cell_name(*anchor)
            worksheet.write_url(
                row,
                len(values),
                f"internal:'{REVIEW_SHEET}'!{target}",
                formats.link,
                string=f"{REVIEW_SHEET}!{target}",
                tip="跳到审核表中的单元格",
            )
    worksheet.freeze_panes(1, 0)
    worksheet.autofilter(0, 0, len(result.findings), len(columns) - 1)
    print_setup(worksheet)


def write_summary(workbook: Any, formats: Formats, result: LintResult, sheet: ReviewSheet) -> None:
    """Write 汇总: totals, counts per rule, per project (with scores), unreadable files."""
    worksheet = workbook.add_worksheet(SUMMARY_SHEET)
    worksheet.set_column(0, 0, 26)
    worksheet.set_column(1, 1, 30)
    worksheet.set_column(2, 14, 10)
    documents = result.documents
    row = 0
    worksheet.write_string(row, 0, "概况", formats.title)
    overview = [
        ("文件", len(result.files)),
        ("资金使用单位", sum(len(d.units) for d in documents)),
        ("项目", sum(len(d.projects()) for d in documents)),
        ("绩效指标", sum(d.indicator_count() for d in documents)),
        *((f"问题（{s.label}）", result.count(s)) for s in Severity),
    ]
    for label, count in overview:
        row += 1
        worksheet.write_string(row, 0, label)
        worksheet.write_number(row, 1, count)

    row += 2
    worksheet.write_string(row, 0, "按规则统计", formats.title)
    row += 1
    for column, name in enumerate(("规则", "名称", "级别", "审核维度", "问题数", "说明")):
        worksheet.write_string(row, column, name, formats.header)
    rules = {rule.code: rule for rule in all_rules()}
    counts = Counter((f.code, f.name, f.severity) for f in result.findings)
    for (code, name, severity), count in sorted(counts.items(), key=lambda item: item[0][0]):
        row += 1
        rule = rules.get(code)
        worksheet.write_string(row, 0, code)
        worksheet.write_string(row, 1, name)
        worksheet.write_string(row, 2, severity.label, formats.get("text", severity))
        worksheet.write_string(row, 3, dimension_of(code))
        worksheet.write_number(row, 4, count)
        worksheet.write_string(row, 5, rule.summary() if rule else "")

    row += 2
    worksheet.write_string(row, 0, "按项目统计（得分满分 100，各维度 25）", formats.title)
    row += 1
    header = (
        "文件",
        "项目",
        "资金使用单位",
        "总计",
        "得分",
        "等级",
        *DIMENSIONS,
        "错误",
        "警告",
        "提示",
    )
    for column, name in enumerate(header):
        worksheet.write_string(row, column, name, formats.header)
    money = formats.get("money")
    for score in score_projects(result):
        row += 1
        target = cell_name(sheet.project_rows[score.key], COLUMN["项目名称"])
        worksheet.write_string(row, 0, printable(score.path))
        worksheet.write_url(
            row,
            1,
            f"internal:'{REVIEW_SHEET}'!{target}",
            formats.link,
            string=score.project.name,
            tip="跳到审核表中的项目",
        )
        worksheet.write_string(row, 2, score.unit or "")
        total = figure(score.project.amounts.total)
        if total is None:
            worksheet.write_blank(row, 3, None, money)
        else:
            worksheet.write_number(row, 3, total, money)
        worksheet.write_number(row, 4, score.total)
        worksheet.write_string(row, 5, score.grade)
        for offset, name in enumerate(DIMENSIONS):
            worksheet.write_number(row, 6 + offset, score.dimensions[name])
        for offset, severity in enumerate(Severity):
            worksheet.write_number(row, 10 + offset, score.counts[severity])

    failed = [status for status in result.files if not status.ok]
    if failed:
        row += 2
        worksheet.write_string(row, 0, "无法读取的文件", formats.title)
        for status in failed:
            row += 1
            worksheet.write_string(row, 0, printable(status.path))
            worksheet.write_string(row, 1, printable(status.error or ""))
    print_setup(worksheet, header=False)


def write_opinions(
    workbook: Any, formats: Formats, result: LintResult, sheet: ReviewSheet, grades: Sequence[int]
) -> None:
    """Write 审核意见: a row per project with its result and its opinions, one line each."""
    worksheet = workbook.add_worksheet(OPINIONS_SHEET)
    worksheet.set_row(0, 30)
    for column, (name, width) in enumerate(OPINION_COLUMNS):
        worksheet.write_string(0, column, name, formats.header)
        worksheet.set_column(column, column, width)
    wrap, money = formats.get("wrap"), formats.get("money")
    widths = [width for _, width in OPINION_COLUMNS]
    row = 0
    for review in review_result(result, grades):
        for project in review.projects:
            row += 1
            opinions = project.opinions
            texts = [
                printable(project.path),
                project.unit or "",
                "",
                project.name,
                "",
                "",
                project.result,
                project.consequence,
                "\n".join(f"{k}. {o.label}" for k, o in enumerate(opinions, 1)) or "无",
                "\n".join(
                    f"{k}. {o.indicator_text() or '（项目整体）'}"
                    for k, o in enumerate(opinions, 1)
                ),
                "\n".join(f"{k}. {o.advice}" for k, o in enumerate(opinions, 1)),
            ]
            worksheet.set_row(row, row_height(zip(texts, widths, strict=True)))
            for column, text in enumerate(texts):
                worksheet.write_string(row, column, text, wrap)
            worksheet.write_number(row, 2, project.ordinal, wrap)
            target = cell_name(
                sheet.project_rows[(project.path, project.ordinal)], COLUMN["项目名称"]
            )
            worksheet.write_url(
                row,
                3,
                f"internal:'{REVIEW_SHEET}'!{target}",
                formats.link,
                string=project.name,
                tip="跳到审核表中的项目",
            )
            amount = figure(project.amount)
            if amount is None:
                worksheet.write_blank(row, 4, None, money)
            else:
                worksheet.write_number(row, 4, amount, money)
            worksheet.write_number(row, 5, project.score, wrap)
    worksheet.freeze_panes(1, 4)
    worksheet.autofilter(0, 0, row, len(OPINION_COLUMNS) - 1)
    print_setup(worksheet)


def write_check(workbook: Any, formats: Formats, result: LintResult) -> None:
    """Write 金额核对: one row per project with its four amounts, and a 合计 row of SUMs.

    Each ``SUM`` formula also carries its value, for viewers that do not recalculate.
    """
    worksheet = workbook.add_worksheet(CHECK_SHEET)
    columns = (("文件", 18), ("资金使用单位", 24), ("项目序号", 6), ("项目名称", 36))
    columns += tuple((label, 14) for label in AMOUNT_LABELS)
    worksheet.set_row(0, 30)
    for column, (name, width) in enumerate(columns):
        worksheet.write_string(0, column, name, formats.header)
        worksheet.set_column(column, column, width)
    wrap, money = formats.get("wrap"), formats.get("money")
    first_amount = len(columns) - len(AMOUNT_FIELDS)
    sums = [Decimal(0)] * len(AMOUNT_FIELDS)
    row = 0
    for document in result.documents:
        for unit in document.units:
            for project in unit.projects:
                row += 1
                texts = (printable(document.path), unit.name, str(project.ordinal), project.name)
                worksheet.set_row(
                    row, row_height(zip(texts, (w for _, w in columns[:4]), strict=True))
                )
                worksheet.write_string(row, 0, texts[0], wrap)
                worksheet.write_string(row, 1, texts[1], wrap)
                worksheet.write_number(row, 2, project.ordinal, wrap)
                worksheet.write_string(row, 3, texts[3], wrap)
                for offset, value in enumerate(project.amounts.figures()):
                    if value is None:
                        worksheet.write_blank(row, first_amount + offset, None, money)
                    else:
                        worksheet.write_number(row, first_amount + offset, float(value), money)
                        sums[offset] += value
    total = row + 1
    bold = formats.get("total")
    worksheet.write_string(total, 0, f"合计（{row} 个项目）", bold)
    for column in range(1, first_amount):
        worksheet.write_blank(total, column, None, bold)
    for offset, value in enumerate(sums):
        column = first_amount + offset
        if row:
            span = f"{cell_name(1, column)}:{cell_name(row, column)}"
            worksheet.write_formula(total, column, f"=SUM({span})", bold, float(value))
        else:
            worksheet.write_number(total, column, 0, bold)
    worksheet.freeze_panes(1, 0)
    print_setup(worksheet)


def render_xlsx(
    result: LintResult,
    *,
    grades: Sequence[int] = DEFAULT_GRADES,
) -> bytes:
    """The review workbook of ``result`` as ``.xlsx`` bytes (``grades``: the thresholds of the
    审核意见 sheet's results, see :mod:`linter.review`)."""
    try:
        import xlsxwriter
    except ImportError:
        raise ReportError(
            "xlsx 报告需要 XlsxWriter：pip install 'jxlint[xlsx]' "
            "(the xlsx report needs the xlsx extra)"
        ) from None
    placement = Placement.of(result)
    sheet = build_review(result, placement)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties({"title": "绩效目标表审核", "author": "jxlint", "comments": "jxlint"})
    formats = Formats(workbook)
    write_review(workbook, formats, sheet)
    write_findings(workbook, formats, result, sheet)
    write_summary(workbook, formats, result, sheet)
    write_opinions(workbook, formats, result, sheet, grades)
    write_check(workbook, formats, result)
    workbook.close()
    return buffer.getvalue()

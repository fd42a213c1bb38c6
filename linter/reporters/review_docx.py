"""``--format docx``: the review as a Word letter (审核意见函) for the bureau to send back.

Per file a letter to the department: the results over its projects, then one section per unit
and project with the project's result, its standard opinions (heaviest first, with the
indicators they concern and what to change) and a table of the indicators to fix (序号, 指标,
年度指标值, 审核意见, 修改建议). Opinions about unit rows and the whole table come first. The
letter prints :func:`linter.review.review_result`, like every other review format.

Written with python-docx, the ``word`` extra (``pip install 'jxlint[word]'``), imported only
when a letter is written. Body text is 宋体 (SimSun) and headings 黑体 (SimHei), as official
letters are; Word or LibreOffice substitute an installed CJK font where those are missing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from linter.errors import printable
from linter.lint import LintResult
from linter.opinions import OPINIONS
from linter.reporters import ReportError
from linter.reporters.review_report import score_text
from linter.review import FileReview, Opinion, ProjectReview, review_result
from linter.scoring import DEFAULT_GRADES, GRADE_LABELS

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
FIX_COLUMNS = (
    ("序号", 1.3),
    ("指标", 4.1),
    ("年度指标值", 3.0),
    ("审核意见", 3.1),
    ("修改建议", 5.4),
)
"""The indicator table's columns and their widths in centimetres (16.9 cm of an A4 page)."""
HEADER_FILL = "E7E6E6"
"""The light grey of the table's header row."""
UNIT_NUMBERS = "一二三四五六七八九十"


def _chinese_number(n: int) -> str:
    """一 … 九十九 (units are few; a larger count falls back to digits)."""
    if n <= 10:
        return UNIT_NUMBERS[n - 1]
    if n < 100:
        tens, ones = divmod(n, 10)
        head = "" if tens == 1 else UNIT_NUMBERS[tens - 1]
        return head + "十" + (UNIT_NUMBERS[ones - 1] if ones else "")
    return str(n)


def _set_font(target: Any, east_asian: str, size: float | None = None, bold: bool = False) -> None:
    """Set a style's or run's Latin and East Asian font (python-docx sets only the Latin one)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = target.font
    font.name = LATIN_FONT
    if size is not None:
        font.size = Pt(size)
    font.bold = bold or None
    properties = target.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.append(fonts)
    fonts.set(qn("w:eastAsia"), east_asian)


class Letter:
    """The Word document being written."""

    def __init__(self) -> None:
        try:
            import docx
        except ImportError:
            raise ReportError(
                "docx 格式需要 python-docx：pip install 'jxlint[word]' (needs the word extra)"
            ) from None
        from docx.oxml.ns import qn
        from docx.shared import Cm

        self.document = docx.Document()
        section = self.document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.top_margin = section.bottom_margin = Cm(2.5)
        section.left_margin = section.right_margin = Cm(2.05)
        _set_font(self.document.styles["Normal"], BODY_FONT, 11)
        for name, size in (("Title", 18), ("Heading 1", 14), ("Heading 2", 12)):
            style = self.document.styles[name]
            _set_font(style, HEADING_FONT, size, bold=True)
            style.font.color.rgb = None
        title = self.document.styles["Title"].element.pPr
        for border in title.findall(qn("w:pBdr")) if title is not None else ():
            title.remove(border)
        self.document.styles["Normal"].paragraph_format.space_after = Cm(0.1)

    def paragraph(self, text: str = "", *, bold_lead: str = "", style: str | None = None) -> Any:
        """A paragraph, optionally opening with a bold lead-in (``审核结果：``)."""
        paragraph = self.document.add_paragraph(style=style)
        if bold_lead:
            paragraph.add_run(bold_lead).bold = True
        if text:
            paragraph.add_run(text)
        return paragraph

    def heading(self, text: str, level: int) -> None:
        """A heading of ``level`` (0: the title, centred)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        paragraph = self.document.add_heading(text, level)
        if level == 0:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(12)

    def fix_table(self, project: ProjectReview) -> None:
        """The table of the indicators to fix, its header row repeated across pages."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt

        table = self.document.add_table(rows=1, cols=len(FIX_COLUMNS))
        table.style = "Table Grid"
        table.autofit = False
        header = table.rows[0]
        header_properties = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header_properties.append(repeat)
        rows = [
            (
                str(fix.index),
                fix.name + (f"（{fix.category}）" if fix.category else ""),
                fix.annual_value or "（未填）",
                "；".join(OPINIONS[number] for number in fix.opinions),
                fix.advice,
            )
            for fix in project.fix
        ]
        for k, (title, _) in enumerate(FIX_COLUMNS):
            header.cells[k].text = title
            header.cells[k].paragraphs[0].runs[0].bold = True
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:fill"), HEADER_FILL)
            header.cells[k]._tc.get_or_add_tcPr().append(shading)
        for values in rows:
            row = table.add_row()
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            for k, value in enumerate(values):
                row.cells[k].text = value
        for k, (_, width) in enumerate(FIX_COLUMNS):
            table.columns[k].width = Cm(width)
        for row in table.rows:
            for k, (_, width) in enumerate(FIX_COLUMNS):
                row.cells[k].width = Cm(width)
                for paragraph in row.cells[k].paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(9.5)
        self.document.add_paragraph()

    def page_break(self) -> None:
        """Start the next file's letter on a new page."""
        self.document.add_page_break()

    def to_bytes(self) -> bytes:
        """The .docx file."""
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def _opinion_text(opinion: Opinion) -> str:
    indicators = opinion.indicator_text()
    concerned = f"（{indicators}）" if indicators else ""
    return f"{opinion.label}{concerned}。修改：{opinion.advice}"


def _project(letter: Letter, position: int, project: ProjectReview) -> None:
    amount = f"（{project.amount:,.2f}万元）" if project.amount is not None else ""
    letter.heading(f"{position}. {project.name}{amount}", 2)
    verdict = f"{project.result}（{score_text(project)}），{project.consequence}。"
    if not project.opinions:
        verdict += "无审核意见。"
    letter.paragraph(verdict, bold_lead="审核结果：")
    for number, opinion in enumerate(project.opinions, 1):
        letter.paragraph(_opinion_text(opinion), bold_lead=f"意见{number}：")
    if project.fix:
        letter.fix_table(project)


def _file(letter: Letter, review: FileReview, grades: Sequence[int]) -> None:
    letter.heading("项目支出绩效目标审核意见", 0)
    letter.paragraph(f"{review.department or '（未写部门名称）'}：")
    counts = review.results()
    tally = "，".join(f"{label} {counts.get(label, 0)} 个" for label in GRADE_LABELS)
    thresholds = "、".join(
        f"{label} ≥{lowest} 分" for label, lowest in zip(GRADE_LABELS, grades, strict=False)
    )
    letter.paragraph(
        f"你单位报送的项目支出绩效目标表（{printable(Path(review.path).name)}）共 {len(review.projects)} "
        f"个项目。经从完整性、相关性、适当性、可行性四个方面审核，结果为：{tally}（{thresholds}）。"
        "结果为“中”的项目请按意见修改后重新报送，结果为“差”的项目不得进入预算安排；"
        "其余项目请按意见完善。具体意见如下。"
    )
    if review.general:
        letter.heading("表格总体", 1)
        for general in review.general:
            for number, opinion in enumerate(general.opinions, 1):
                lead = f"{general.unit or '合计行'} 意见{number}："
                letter.paragraph(_opinion_text(opinion), bold_lead=lead)
    for u, (unit, projects) in enumerate(review.units(), 1):
        letter.heading(f"{_chinese_number(u)}、{unit or '（未列单位）'}", 1)
        for position, project in enumerate(projects, 1):
            _project(letter, position, project)
    letter.paragraph("")
    letter.paragraph("审核单位（盖章）：")
    letter.paragraph("日期：    年  月  日")


def render_docx(
    result: LintResult,
    *,
    grades: Sequence[int] = DEFAULT_GRADES,
) -> bytes:
    """The review as a .docx letter: one per file read, each starting on a new page."""
    letter = Letter()
    for k, review in enumerate(review_result(result, grades)):
        if k:
            letter.page_break()
        _file(letter, review, grades)
    return letter.to_bytes()

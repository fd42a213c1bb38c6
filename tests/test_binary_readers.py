"""Excel, Word and PDF readers: every rendering of every seed reads and lints like the seed itself.

The renderings under ``fixtures/rendered`` are made by ``fixtures/make_fixtures.py`` (openpyxl,
python-docx, LibreOffice) from the seeds' parsed documents and committed, so these tests need no
LibreOffice. See that script for what each file exercises.
"""

from __future__ import annotations

import functools
import io
import re
import subprocess
import sys
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from linter.config import Config
from linter.errors import InputError
from linter.grammar import SourceTable, build_document
from linter.lint import build_engine, lint_documents
from linter.model import Document, Location
from linter.readers import iter_input_files, read_bytes, read_document
from linter.readers.common import COLUMN_HEADERS
from linter.readers.excel import cell_text, column_letter
from linter.readers.grid import Grid, find_header, read_grid
from linter.readers.pdf import join_lines
from linter.serialize import document_to_dict
from tests.conftest import ROOT, SEEDS, seed

RENDERED = ROOT / "fixtures" / "rendered"
RENDERINGS = {
    "wide.xlsx": "xlsx",
    "long.xlsx": "xlsx",
    "xls": "xls",
    "docx": "docx",
    "calc.pdf": "pdf",
    "writer.pdf": "pdf",
}
CASES = [(path.name[:3], kind) for path in SEEDS for kind in RENDERINGS]


@functools.cache
def document(path: Path) -> Document:
    return read_document(str(path))


def rendering(prefix: str, kind: str) -> Path:
    return RENDERED / f"{prefix}.{kind}"


def tree(doc: Document, squeeze_spaces: bool = False) -> dict:
    """What a reader must get right, without locations and positional flags.

    Text dumps keep only the non-empty amount columns, renderings all four: the comparison is on
    the four values after attribution (``to_dict``). With ``squeeze_spaces`` texts are compared
    without whitespace (a PDF has no glyph for a space where a line wraps).
    """

    def text(value: str | None) -> str | None:
        return re.sub(r"\s+", "", value) if squeeze_spaces and value is not None else value

    return {
        "department": doc.department,
        "amount_unit": doc.amount_unit,
        "total": doc.total.to_dict() if doc.total else None,
        "units": [
            {
                "name": unit.name,
                "amounts": unit.amounts.to_dict(),
                "projects": [
                    {
                        "name": project.name,
                        "amounts": project.amounts.to_dict(),
                        "goal": text(project.goal),
                        "indicators": [
                            (
                                i.index,
                                i.level1_code,
                                i.level1,
                                i.level2_code,
                                i.level2,
                                text(i.name),
                                text(i.cycle_value),
                                text(i.annual_value),
                            )
                            for i in project.indicators
                        ],
                    }
                    for project in unit.projects
                ],
            }
            for unit in doc.units
        ],
    }


@pytest.mark.parametrize(("prefix", "kind"), CASES)
def test_rendering_reads_like_the_text(prefix: str, kind: str) -> None:
    reference = document(seed(prefix))
    read = document(rendering(prefix, kind))
    assert read.format == RENDERINGS[kind]
    assert [note.kind for note in read.notes] == []
    assert tree(read, squeeze_spaces=True) == tree(reference, squeeze_spaces=True)
    if kind != "writer.pdf":
        assert tree(read) == tree(reference)


def test_writer_pdf_loses_only_spaces_at_line_wraps() -> None:
    reference, read = document(seed("003")), document(rendering("003", "writer.pdf"))
    goals = [(a.goal, b.goal) for a, b in zip(reference.projects(), read.projects(), strict=True)]
    different = [(a, b) for a, b in goals if a != b]
    assert len(different) == 3
    assert all(a.replace(" ", "") == b.replace(" ", "") and " " in a for a, b in different)


def findings(doc: Document) -> Counter:
    config = Config()
    run = lint_documents([doc], build_engine(config))
    return Counter((f.code, f.project_ordinal, f.indicator, f.field) for f in run.findings)


@pytest.mark.parametrize(("prefix", "kind"), CASES)
def test_rendering_lints_like_the_text(prefix: str, kind: str) -> None:
    """Same findings, except that only renderings know which column a second amount is in.

    A text dump collapses empty amount columns, so the amount rules compare the 总计 column only;
    a rendering keeps all four, and a 总计 mismatch then shows in 财政拨款 too.
    """
    assert_lints_like_the_text(prefix, document(rendering(prefix, kind)))


def assert_lints_like_the_text(prefix: str, read_document) -> None:
    """``read_document`` (a rendering of seed ``prefix``) has the seed text's findings; only
    where the text's amounts are positional may it add A findings on 财政拨款 beside the text's
    on 总计."""
    reference_document = document(seed(prefix))
    reference, read = findings(reference_document), findings(read_document)
    assert reference - read == Counter()
    extra = read - reference
    positional = reference_document.total is not None and reference_document.total.positional
    if not positional:
        assert extra == Counter()
    for (code, _, _, field), _count in extra.items():
        assert code.startswith("A") and field == "amounts.fiscal"
        assert any(c == code and f == "amounts.total" for c, _, _, f in reference)


def test_extra_amount_findings_appear_where_the_text_has_total_ones() -> None:
    extra = findings(document(rendering("000", "calc.pdf"))) - findings(document(seed("000")))
    assert list(extra) == [("A01", None, None, "amounts.fiscal")]


# --------------------------------------------------------------------------------------------------
# Locations


def test_excel_locations_are_sheet_and_cell() -> None:
    import python_calamine

    doc = document(rendering("001", "wide.xlsx"))
    project = doc.projects()[0]
    assert project.location.sheet == "绩效目标表"
    assert str(project.location) == f"绩效目标表!{project.location.cell}"
    workbook = python_calamine.CalamineWorkbook.from_path(str(rendering("001", "wide.xlsx")))
    rows = workbook.get_sheet_by_name("绩效目标表").to_python(skip_empty_area=False)

    def value(location: Location) -> str:
        return str(rows[location.row - 1][location.column - 1])

    assert value(project.location) == project.name
    assert value(project.goal_location).startswith(project.goal[:10])
    assert project.indicators[0].location.cell == f"G{project.location.row}"
    assert value(doc.total_location) == "合计"
    assert doc.total_location.cell == "A4"


def test_long_layout_locates_each_indicator_on_its_row() -> None:
    doc = document(rendering("003", "long.xlsx"))
    project = doc.projects()[0]
    rows = [indicator.location.row for indicator in project.indicators]
    assert rows == list(range(project.location.row, project.location.row + len(rows)))
    assert {indicator.location.cell[0] for indicator in project.indicators} == {"I"}


def test_word_locations_are_table_row_column() -> None:
    import docx

    doc = document(rendering("004", "docx"))
    table = docx.Document(str(rendering("004", "docx"))).tables[0]
    for project in doc.projects()[:5]:
        location = project.location
        assert location.table == 1 and location.column == 1
        assert table.rows[location.row - 1].cells[0].text == project.name


HEADER = list(COLUMN_HEADERS)
INDICATOR_LINES = [
    "1、1-产出指标；11-数量指标；培训人次；实施周期指标值:≥300人次；年度指标值:≥300人次。",
    "2、3-满意度指标；31-服务对象满意度；学员满意度；实施周期指标值:≥90%；年度指标值:≥90%。",
]
INDICATOR_ROWS = [
    ["一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"],
    ["1-产出指标", "11-数量指标", "培训人次", "≥300人次", "≥300人次"],
    ["3-满意度指标", "31-服务对象满意度", "学员满意度", "≥90%", "≥90%"],
]


def _word_table(indicators=None, column: int = 6) -> bytes:
    """A .docx with one unit and one project; its 绩效指标 cell holds the text of
    ``INDICATOR_LINES``, or, given ``indicators`` (rows), a table nested in the cell of
    ``column`` (0-based)."""
    import docx

    document_ = docx.Document()
    document_.add_paragraph("部门名称：广州市某局 单位：万元")
    rows = [
        HEADER,
        ["合计", "10.00", "10.00", "", "", "", ""],
        ["广州市某局", "10.00", "10.00", "", "", "", ""],
        ["培训经费", "10.00", "10.00", "", "", "开展业务培训，提升业务能力。", ""],
    ]
    table = document_.add_table(rows=len(rows), cols=len(HEADER))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    if indicators is None:
        table.cell(3, 6).text = "".join(INDICATOR_LINES)
    else:
        nested = table.cell(3, column).add_table(rows=len(indicators), cols=len(indicators[0]))
        for r, cells in enumerate(indicators):
            for c, text in enumerate(cells):
                nested.cell(r, c).text = text
    out = io.BytesIO()
    document_.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "nested", [INDICATOR_ROWS, [[line] for line in INDICATOR_LINES]], ids=["columns", "lines"]
)
def test_indicators_in_a_table_nested_in_a_cell_are_read(nested) -> None:
    flat = read_bytes(_word_table(), "flat.docx")
    doc = read_bytes(_word_table(nested), "nested.docx")
    assert [n.kind for n in doc.notes] == []
    assert tree(doc) == tree(flat)
    (project,) = doc.projects()
    assert [(i.name, i.annual_value) for i in project.indicators] == [
        ("培训人次", "≥300人次"),
        ("学员满意度", "≥90%"),
    ]
    assert {i.location.compact() for i in project.indicators} == {"t1:r4:c7"}


def test_a_table_framed_in_a_layout_table_is_read() -> None:
    import docx

    inner = docx.Document(io.BytesIO(_word_table())).tables[0]
    framed = docx.Document()
    frame = framed.add_table(rows=2, cols=1)
    frame.cell(0, 0).text = "部门名称：广州市某局 单位：万元"
    frame.cell(1, 0)._tc.insert(0, inner._tbl)
    out = io.BytesIO()
    framed.save(out)
    doc = read_bytes(out.getvalue(), "framed.docx")
    assert [n.kind for n in doc.notes] == []
    assert tree(doc) == tree(read_bytes(_word_table(), "flat.docx"))
    assert doc.projects()[0].location.compact() == "t2:r4:c1"


def test_an_indicator_table_nested_outside_the_indicator_cell_is_noted() -> None:
    doc = read_bytes(_word_table(INDICATOR_ROWS, column=0), "nested.docx")
    notes = [(n.kind, n.location.compact(), n.text) for n in doc.notes]
    assert ("unplaced", "t1:r4:c1", "培训人次；学员满意度") in notes


def test_pdf_locations_are_page_and_cell_box() -> None:
    import pdfplumber

    doc = document(rendering("003", "writer.pdf"))
    with pdfplumber.open(rendering("003", "writer.pdf")) as pdf:
        for project in doc.projects()[::10]:
            page = pdf.pages[project.location.page - 1]
            text = page.crop(project.location.bbox).extract_text().replace("\n", "")
            assert text.startswith(project.name)


def _rotated(path: Path, degrees: int) -> bytes:
    """The PDF with every page's /Rotate set to ``degrees`` (shown turned, as a landscape print)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    for page in pdf:
        page.set_rotation(degrees)
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    return out.getvalue()


@pytest.mark.parametrize("degrees", [90, 180, 270])
@pytest.mark.parametrize("kind", ["calc.pdf", "writer.pdf"])
def test_rotated_pdf_pages_read_like_upright_ones(kind: str, degrees: int) -> None:
    path = rendering("001", kind)
    rotated = read_bytes(_rotated(path, degrees), str(path))
    assert document_to_dict(rotated) == document_to_dict(document(path))


def test_row_split_by_a_page_break_is_one_row_located_on_its_first_page() -> None:
    doc = document(rendering("003", "writer.pdf"))
    unit = next(u for u in doc.units if u.name == "广州市番禺区退休职工管理委员会办公室")
    reference = next(u for u in document(seed("003")).units if u.name == unit.name)
    assert unit.amounts.to_dict() == reference.amounts.to_dict()
    assert unit.location.page == 10 and unit.projects[0].location.page == 11
    split = [p for p in doc.projects() if p.indicators[-1].location.page > p.location.page]
    assert len(split) >= 5


# --------------------------------------------------------------------------------------------------
# Workbooks


def test_sheet_is_picked_by_content_not_position() -> None:
    import python_calamine

    path = rendering("000", "wide.xlsx")
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    assert workbook.sheet_names[0] == "填报说明"
    assert {p.location.sheet for p in document(path).projects()} == {"绩效目标表"}


def test_text_and_numeric_amount_cells_read_alike() -> None:
    text_cells = document(rendering("001", "wide.xlsx"))
    numeric_cells = document(rendering("001", "xls"))
    assert text_cells.projects()[0].amounts.raw[0] == "60.00"
    assert numeric_cells.projects()[0].amounts.raw[0] == "60"
    assert tree(text_cells) == tree(numeric_cells)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (3985.5, "3985.5"),
        (60.0, "60"),
        (0.1 + 0.2, "0.3"),
        (6193.089999999999, "6193.09"),
        (75177.06, "75177.06"),
        (12, "12"),
        (True, "TRUE"),
        (date(2024, 1, 31), "2024-01-31"),
        ("6,178.00", "6,178.00"),
    ],
)
def test_cell_values_as_excel_shows_them(value, text: str) -> None:
    assert cell_text(value) == text


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 6, 25, 26, 701, 702)] == [
        "A",
        "G",
        "Z",
        "AA",
        "ZZ",
        "AAA",
    ]


def _rewrite_xlsx(path: Path, member: str, change) -> bytes:
    """The bytes of an .xlsx with one zip member's text changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


def test_formula_without_cached_value_is_reported_not_read_as_empty() -> None:
    def drop_cached_total(xml: str) -> str:
        changed, count = re.subn(r'(<c r="B4"[^>]*>)<v>[^<]*</v>', r"\1<f>SUM(B5:B5)</f>", xml)
        assert count == 1
        return changed

    data = _rewrite_xlsx(
        rendering("004", "wide.xlsx"), "xl/worksheets/sheet2.xml", drop_cached_total
    )
    doc = read_bytes(data, "formula.xlsx")
    notes = [n for n in doc.notes if n.kind == "formula-uncached"]
    assert [str(n.location) for n in notes] == ["绩效目标表!B4"]
    assert doc.total.total is None
    assert ("S05", None, None, None) in findings(doc)


def test_formula_without_saved_result_in_an_amount_or_value_cell_is_an_error() -> None:
    """openpyxl writes formulas without a result: each such cell the table reads is an S05
    error at the cell that says its value cannot be read, as the README says."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "绩效目标表"
    header = ["项目名称", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标"]
    sheet.append([*header, "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"])
    sheet.append(["合计", 10, 10])
    sheet.append(["广州市某局", 10, 10])
    sheet.append(["培训经费", "=C4", 10, None, None, "开展培训。", "产出指标", "数量指标"])
    sheet["I4"], sheet["J4"], sheet["K4"] = "培训人次", "=100*3", "≥300人次"
    out = io.BytesIO()
    workbook.save(out)
    doc = read_bytes(out.getvalue(), "scripted.xlsx")
    notes = [n for n in doc.notes if n.kind == "formula-uncached"]
    assert [n.location.compact() for n in notes] == ["绩效目标表!B4", "绩效目标表!J4"]
    run = lint_documents([doc], build_engine(Config()))
    formula = [f for f in run.findings if f.code == "S05"]
    assert [(f.severity.name, f.location.compact()) for f in formula] == [
        ("error", "绩效目标表!B4"),
        ("error", "绩效目标表!J4"),
    ]
    assert all("读不到它的值" in f.message and "按空白" not in f.message for f in formula)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "formula whose result was never saved" in readme and "S05 error" in readme


def test_hidden_table_sheet_is_read_with_a_note() -> None:
    def hide(xml: str) -> str:
        return xml.replace('state="visible" r:id="rId2"', 'state="hidden" r:id="rId2"')

    data = _rewrite_xlsx(rendering("001", "wide.xlsx"), "xl/workbook.xml", hide)
    doc = read_bytes(data, "hidden.xlsx")
    assert [n.kind for n in doc.notes] == ["hidden-sheet"]
    assert tree(doc) == tree(document(seed("001")))


def test_workbook_without_the_table_names_its_sheets() -> None:
    def rename_header(xml: str) -> str:
        entities = "".join(f"&#{ord(c)};" for c in "项目名称（资金使用单位）")
        assert entities in xml
        return xml.replace(entities, "")

    data = _rewrite_xlsx(rendering("001", "wide.xlsx"), "xl/worksheets/sheet2.xml", rename_header)
    with pytest.raises(InputError) as caught:
        read_bytes(data, "plain.xlsx")
    message = caught.value.one_line()
    assert "填报说明、绩效目标表" in message and "\n" not in message


# --------------------------------------------------------------------------------------------------
# The grid reader on small tables


def grid_document(rows: list[list[str]], anchors=None, breaks=()) -> Document:
    table = SourceTable(path="grid", format="xlsx")
    grid = Grid(
        rows, lambda r, c: Location(row=r + 1, column=c + 1), anchors or {}, frozenset(breaks)
    )
    read_grid(grid, table, find_header(rows))
    return build_document(table)


LONG_HEADER = [
    "项目名称",
    "总计",
    "财政拨款",
    "绩效目标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
]


def test_long_layout_with_repeated_project_cells_and_one_value_column() -> None:
    rows = [
        LONG_HEADER,
        ["单位甲", "10.00", "10.00", "", "", "", "", ""],
        ["项目乙", "10.00", "10.00", "目标。", "产出指标", "数量指标", "培训人数", "≥100人"],
        [
            "项目乙",
            "10.00",
            "10.00",
            "目标。",
            "产出指标",
            "质量指标",
            "合格率",
            "实施周期指标值：≥95%；年度指标值：≥90%",
        ],
        [
            "项目乙",
            "10.00",
            "10.00",
            "目标。",
            "3-满意度指标",
            "31-服务对象满意度",
            "满意度",
            "≥90%。",
        ],
    ]
    doc = grid_document(rows)
    (project,) = doc.projects()
    first, second, third = project.indicators
    assert (first.level1_code, first.level1, first.name, first.annual_value) == (
        None,
        "产出指标",
        "培训人数",
        "≥100人",
    )
    assert (second.cycle_value, second.annual_value) == ("≥95%", "≥90%")
    assert (third.level1_code, third.level2_code, third.annual_value) == ("3", "31", "≥90%")
    assert not doc.has_codes or third.level1_code == "3"


def test_long_layout_merged_rows_start_a_project_even_when_repeated() -> None:
    rows = [
        LONG_HEADER,
        ["单位甲", "20.00", "20.00", "", "", "", "", ""],
        ["项目乙", "10.00", "10.00", "目标。", "1-产出指标", "11-数量指标", "人数", "≥1人"],
        ["", "", "", "", "", "12-质量指标", "合格率", "100%"],
        ["项目乙", "10.00", "10.00", "目标。", "1-产出指标", "11-数量指标", "人数", "≥1人"],
    ]
    anchors = {(3, c): (2, c) for c in (0, 1, 2, 3, 4)}
    doc = grid_document(rows, anchors)
    assert [len(p.indicators) for p in doc.projects()] == [2, 1]
    assert doc.projects()[0].indicators[1].level1 == "产出指标"


WIDE_HEADER = list(COLUMN_HEADERS)


def test_page_break_continuation_merges_name_amounts_goal_and_indicators() -> None:
    indicator = "1、1-产出指标；11-数量指标；人数；实施周期指标值：1人；年度指标值：1人。"
    rows = [
        WIDE_HEADER,
        ["单位", "3.00", "3.00", "", "", "", ""],
        ["项目一", "1,2", "1,2", "", "", "目标前半", indicator[:20]],
        WIDE_HEADER,
        ["名称后半", "00.00", "00.00", "", "", "后半。", indicator[20:]],
        ["项目二", "1.00", "1.00", "", "", "目标。", indicator],
    ]
    doc = grid_document(rows, breaks={3})
    first, second = doc.projects()
    assert first.name == "项目一名称后半" and first.amounts.to_dict()["total"] == "1200.00"
    assert first.goal == "目标前半后半。" and first.indicators[0].annual_value == "1人"
    assert second.name == "项目二"
    assert doc.notes == ()


def test_row_without_name_or_amounts_inside_a_sheet_is_merged_with_a_note() -> None:
    rows = [
        WIDE_HEADER,
        ["单位", "1.00", "1.00", "", "", "", ""],
        ["项目", "1.00", "1.00", "", "", "目标。", "1、1-产出指标；11-数量指标；人数；"],
        ["", "", "", "", "", "", "实施周期指标值：1人；年度指标值：1人。"],
    ]
    doc = grid_document(rows)
    assert doc.projects()[0].indicators[0].cycle_value == "1人"
    assert [n.kind for n in doc.notes] == ["continuation"]


def test_two_row_header_with_cut_labels() -> None:
    rows = [
        ["项目名称（资金使用单位）", "资金来源", "", "", "", "绩效目标", "绩效指标"],
        ["", "总计", "财政拨款", "财政专户拨", "其他资", "", ""],
        ["单位", "1.00", "", "", "1.00", "", ""],
    ]
    anchors = {(0, c): (0, 1) for c in (2, 3, 4)} | {(1, 0): (0, 0), (1, 5): (0, 5), (1, 6): (0, 6)}
    (unit,) = grid_document(rows, anchors).units
    assert unit.amounts.to_dict() == {
        "total": "1.00",
        "fiscal": None,
        "special": None,
        "other": "1.00",
    }


def test_cell_lines_join_without_spaces_except_between_latin_letters() -> None:
    assert join_lines("区创业\n和工作") == "区创业和工作"
    assert join_lines("75,177.\n06") == "75,177.06"
    assert join_lines("WPS\nOffice") == "WPS Office"


# --------------------------------------------------------------------------------------------------
# PDF errors and formats by content


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("encrypted.pdf", "password"),
        ("scanned.pdf", "no text layer"),
        ("no_table.pdf", "no ruled table"),
    ],
)
def test_unreadable_pdfs_are_one_line_errors(name: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        read_document(str(RENDERED / name))
    message = caught.value.one_line()
    assert reason in message and "\n" not in message


def test_font_without_unicode_map_is_an_error() -> None:
    data = rendering("001", "calc.pdf").read_bytes().replace(b"/ToUnicode", b"/XoUnicode")
    with pytest.raises(InputError, match=r"\(cid:NNN\)"):
        read_bytes(data, "cid.pdf")


def test_pdf_with_only_an_owner_password_reads() -> None:
    assert tree(document(RENDERED / "restricted.pdf")) == tree(document(seed("001")))


def test_format_is_sniffed_from_content(tmp_path: Path) -> None:
    disguised = tmp_path / "table.txt"
    disguised.write_bytes(rendering("001", "docx").read_bytes())
    assert read_document(str(disguised)).format == "docx"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"), ".doc"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "password"),
        (b"PK\x03\x04broken", "zip"),
    ],
)
def test_unsupported_containers_are_one_line_errors(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(data, "x")
    assert reason in caught.value.one_line()


def test_other_zip_archives_are_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(InputError, match="not a workbook"):
        read_bytes(out.getvalue(), "x.zip")


def test_directories_pick_up_workbooks_word_and_pdf(tmp_path: Path) -> None:
    for name in ("a.xlsx", "b.pdf", "c.docx", "d.xls", "e.png"):
        (tmp_path / name).write_bytes(b"")
    found = [Path(p).name for p in iter_input_files([str(tmp_path)])]
    assert found == ["a.xlsx", "b.pdf", "c.docx", "d.xls"]


# --------------------------------------------------------------------------------------------------
# Optional extras


@pytest.mark.parametrize(
    ("module", "kind", "extra"),
    [
        ("python_calamine", "wide.xlsx", "excel"),
        ("python_calamine", "xls", "excel"),
        ("pdfplumber", "calc.pdf", "pdf"),
        ("docx", "docx", "word"),
    ],
)
def test_missing_extra_names_the_pip_command(monkeypatch, module, kind, extra) -> None:
    from typer.testing import CliRunner

    from linter.cli import app

    monkeypatch.setitem(sys.modules, module, None)
    path = str(rendering("001", kind))
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert f"pip install 'jxlint[{extra}]'" in caught.value.one_line()
    result = CliRunner().invoke(app, ["lint", path])
    assert result.exit_code == 2
    assert f"pip install 'jxlint[{extra}]'" in result.output
    assert "Traceback" not in result.output


def test_heavy_readers_are_not_imported_at_start_up() -> None:
    code = (
        "import sys, linter.cli, linter.readers; "
        "print(sorted(m for m in ('python_calamine', 'pdfplumber', 'docx', 'pdfminer') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("kind", "limit", "reason"),
    [
        ("long.xlsx", {"max_cells": 100}, "max-cells"),
        ("calc.pdf", {"max_pdf_pages": 2}, "max-pdf-pages"),
    ],
)
def test_readers_enforce_cell_and_page_limits(kind: str, limit: dict, reason: str) -> None:
    import dataclasses

    from linter.limits import DEFAULT_LIMITS, use_limits

    with (
        use_limits(dataclasses.replace(DEFAULT_LIMITS, **limit)),
        pytest.raises(InputError) as caught,
    ):
        read_bytes(rendering("003", kind).read_bytes(), "big")
    assert reason in caught.value.one_line()

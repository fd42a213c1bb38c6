"""The readers and the shared grammar on the seeds and on encoding/format variants."""

from __future__ import annotations

import codecs
import csv
import io

import pytest

from linter.config import Config
from linter.errors import InputError
from linter.findings import Severity
from linter.lint import build_engine, lint_documents
from linter.readers import read_bytes, read_document, sniff_delimiter
from linter.serialize import document_to_dict
from tests.conftest import SEEDS, assert_snapshot, relative, seed

EXPECTED_SHAPE = {
    "000": (1, 14, 76),
    "001": (1, 8, 22),
    "003": (8, 69, 399),
    "004": (3, 19, 132),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED_SHAPE))
def test_seed_structure(prefix: str, in_root) -> None:
    document = read_document(relative(seed(prefix)))
    shape = (len(document.units), len(document.projects()), document.indicator_count())
    assert shape == EXPECTED_SHAPE[prefix]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_snapshot(path, in_root) -> None:
    document = read_document(relative(path))
    assert_snapshot(f"parse_{path.name[:3]}", document_to_dict(document))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_locations_point_at_the_source(path) -> None:
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    document = read_document(str(path))

    def char_at(location):
        return lines[location.line - 1][location.column - 1]

    for unit in document.units:
        assert char_at(unit.location) == unit.name[0]
        for project in unit.projects:
            assert char_at(project.location) == project.name[0]
            if project.goal:
                assert char_at(project.goal_location) == project.goal[0]
            for indicator in project.indicators:
                assert char_at(indicator.location) == str(indicator.number)[0]


def test_uncoded_table_has_null_codes_and_cycle() -> None:
    document = read_document(str(seed("000")))
    assert not document.has_codes
    assert not document.has_cycle_column
    first = document.projects()[0].indicators[0]
    assert (first.level1_code, first.level2_code, first.cycle_value) == (None, None, None)
    assert first.name == "编制专报、快报不少于50份"
    assert first.annual_value == "不少于50份"


def test_value_with_sub_list_is_kept_whole() -> None:
    project = read_document(str(seed("000"))).projects()[1]
    assert project.indicators[5].annual_value == "1.酒店数量不少于10家；2.酒店房间不少于1000间"
    assert project.indicators[6].index == 7


def test_wrapped_names_and_unindented_project() -> None:
    projects = read_document(str(seed("003"))).projects()
    names = [p.name for p in projects]
    assert "广州追加提前下达劳动关系公共服务及薪酬调查经费财政补助#穗财社[2022]34号" in names
    unindented = next(p for p in projects if p.location.line == 1151)
    assert unindented.name == "广州追加2023年中央就业补助资金（就业见习补贴）#穗财社[2023]3号"


def test_missing_labels_become_null_values() -> None:
    project = next(p for p in read_document(str(seed("003"))).projects() if p.ordinal == 7)
    no_labels, no_cycle = project.indicators[3], project.indicators[4]
    assert no_labels.cycle_value is None and no_labels.annual_value is None
    assert no_labels.name == "印制劳动保障法规政策宣传；进一步提高群众法律法规知晓度"
    assert no_cycle.cycle_value is None
    assert no_cycle.annual_value == "全面不发生因欠薪引发的重大群体性事件和个人极端性事件"


def test_tsv_indicators_in_goal_cell_and_markup() -> None:
    project = read_document(str(seed("004"))).projects()[-1]
    assert project.indicators_in_goal_cell and project.markup
    assert project.goal.startswith("通过广州微易软件公司") and "<p>" not in project.goal
    sixth = project.indicators[5]
    assert (sixth.level1_code, sixth.level2_code, sixth.name) == ("2", "31", "使用单位满意度")
    assert sixth.annual_value == "满意，得满分；基本满意，部分得分；不满意，不得分"


def test_tsv_keeps_amount_columns() -> None:
    document = read_document(str(seed("004")))
    amounts = document.projects()[0].amounts
    assert not amounts.positional
    assert amounts.to_dict() == {
        "total": "18.00",
        "fiscal": "18.00",
        "special": None,
        "other": None,
    }


def _seed_bytes(prefix: str) -> bytes:
    return seed(prefix).read_bytes()


def _shape(document) -> list:
    return [
        (u.name, [(p.name, p.amounts.to_dict(), p.goal, p.indicators) for p in u.projects])
        for u in document.units
    ]


def _strip_locations(document) -> list:
    return [
        (
            u.name,
            [
                (
                    p.name,
                    p.amounts.to_dict(),
                    p.goal,
                    [(i.level2_code, i.name, i.cycle_value, i.annual_value) for i in p.indicators],
                )
                for p in u.projects
            ],
        )
        for u in document.units
    ]


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), id="utf-8-bom"),
        pytest.param(lambda t: t.encode("gb18030"), id="gb18030"),
        pytest.param(lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), id="utf-16-le"),
        pytest.param(lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), id="utf-16-be"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r").encode("utf-8"), id="cr"),
    ],
)
@pytest.mark.parametrize("prefix", ["001", "004"])
def test_encodings_and_line_ends(prefix: str, encode) -> None:
    text = _seed_bytes(prefix).decode("utf-8")
    reference = read_bytes(text.encode("utf-8"), "x")
    variant = read_bytes(encode(text), "x")
    assert _shape(variant) == _shape(reference)


def _resaved(text: str, delimiter: str, break_indicators: bool = False) -> str:
    """The TSV seed saved again by a spreadsheet with ``delimiter``: a line break after the
    goal's first 。 (and, with ``break_indicators``, before its second indicator), each cell that
    holds a line break or a ``"`` quoted, its quotes doubled — Excel's CSV, and its "Unicode 文本"
    for ``"\t"``."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    for line in text.split("\n"):
        cells = line.split("\t") if "\t" in line else [line] if line else []
        if len(cells) == 7:
            cells[5] = cells[5].replace("。", "。\n", 1)
            if break_indicators:
                cells[6] = cells[6].replace("2、", "\n2、", 1)
        writer.writerow(cells)
    return out.getvalue()


def test_csv_with_quoting_and_embedded_newlines_reads_like_tsv() -> None:
    tsv = _seed_bytes("004").decode("utf-8")
    csv_text = _resaved(tsv, ",")
    assert '"' in csv_text and sniff_delimiter(csv_text) == ","
    from_tsv = read_bytes(tsv.encode("utf-8"), "a.tsv")
    from_csv = read_bytes(csv_text.encode("utf-8"), "a.csv")
    assert _strip_locations(from_csv) == _strip_locations(from_tsv)
    assert from_csv.format == "delimited"


def test_tsv_with_quoted_multi_line_cells_reads_like_the_plain_tsv() -> None:
    """Copying cells out of Excel/WPS, or saving as Unicode text, quotes a cell with a line break;
    each line of it must not become a row of its own."""
    tsv = _seed_bytes("004").decode("utf-8")
    excel = _resaved(tsv, "\t", break_indicators=True)
    assert '\t"' in excel and sniff_delimiter(excel) == "\t"
    plain = read_bytes(tsv.encode("utf-8"), "a.tsv")
    quoted = read_bytes(excel.encode("utf-8"), "b.tsv")
    assert _strip_locations(quoted) == _strip_locations(plain)
    assert not [note for note in quoted.notes if "引号" in note.message]


def test_tsv_quotes_inside_cells_stay_literal_when_no_cell_is_quoted() -> None:
    tsv = _seed_bytes("004").decode("utf-8").replace("3、", '"3、', 1)
    document = read_bytes(tsv.encode("utf-8"), "a.tsv")
    values = [i.raw for p in document.projects() for i in p.indicators]
    assert any('"' in value for value in values)


def test_format_is_sniffed_from_content_not_extension() -> None:
    tsv = _seed_bytes("004")
    assert read_bytes(tsv, "table.txt").format == "delimited"
    assert read_bytes(_seed_bytes("001"), "table.tsv").format == "text"


def test_repeated_page_header_inside_a_goal_is_dropped() -> None:
    text = _seed_bytes("001").decode("utf-8")
    lines = text.split("\n")
    goal_line = lines.index("流，扎实推进“一带一路”和粤港澳大湾区建")
    lines.insert(
        goal_line, " 项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标"
    )
    document = read_bytes("\n".join(lines).encode("utf-8"), "x")
    original = read_bytes(text.encode("utf-8"), "x")
    assert _strip_locations(document) == _strip_locations(original)


def test_goal_line_reading_项目名称_before_a_repeated_page_header_is_kept() -> None:
    """A goal wrapped so that a line reads just ``项目名称`` (…公开 / 项目名称 / 、预算金额…), with
    the page header right after it: the header run starts at the header's own 项目名称, not at
    the goal's (found by the text round-trip property; the goal lost 项目名称)."""
    text = _seed_bytes("001").decode("utf-8")
    lines = text.split("\n")
    goal_line = lines.index("流，扎实推进“一带一路”和粤港澳大湾区建")
    header = " 项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标"
    lines[goal_line : goal_line + 1] = [
        "流，扎实推进“一带一路”",
        "项目名称",
        header,
        "和粤港澳大湾区建",
    ]
    document = read_bytes("\n".join(lines).encode("utf-8"), "x")
    goals = [project.goal for project in document.projects()]
    assert any("“一带一路”项目名称和粤港澳大湾区建" in goal for goal in goals)


def test_numbering_skip_keeps_indicators_and_notes_it() -> None:
    text = (
        _seed_bytes("004")
        .decode("utf-8")
        .replace("2、1-产出指标：11-数量指标：新购置", "5、1-产出指标：11-数量指标：新购置")
    )
    document = read_bytes(text.encode("utf-8"), "x")
    first = document.projects()[0]
    assert len(first.indicators) == 7
    assert first.indicators[1].number == 5 and first.indicators[1].index == 2
    assert any(note.kind == "numbering" for note in document.notes)


def test_unplaceable_indicator_text_becomes_an_error_note() -> None:
    """Value labels in text that cannot be split into numbered indicators: the project is read
    without indicators, and the note is an S05 error (its indicators were not read)."""
    text = "合计 1.00 1.00\n单位甲 1.00 1.00\n项目乙 1.00 1.00\n目标。\n年度指标值:100%；\n"
    document = read_bytes(text.encode("utf-8"), "x")
    assert document.projects()[0].indicators == ()
    assert [n.kind for n in document.notes if n.kind != "positional-amounts"] == [
        "indicators-unread"
    ]
    findings = lint_documents([document], build_engine(Config())).findings
    assert [(f.code, f.severity) for f in findings if f.code == "S05"] == [("S05", Severity.error)]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "空文件"),
        (b"   \n\n", "空文件"),
        (b"\x00\x01\x02binary", "二进制"),
        (b"PK\x03\x04rest-of-a-zip", "xlsx"),
        (b"%PDF-1.7\n...", "pdf"),
        ("这只是一段普通的文字，没有表格。\n".encode(), "不是可识别的绩效目标表"),
        (b"\xff\xfe\x00", "解码失败"),
        (b"\x81\x30\xff\xff not gb18030 either \xff", "无法识别的文本编码"),
    ],
)
def test_unreadable_inputs_raise_one_input_error(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(data, "bad.txt")
    message = caught.value.one_line()
    assert message.startswith("bad.txt: ") and reason in message and "\n" not in message


# --------------------------------------------------------------------------------------------------
# Workbook and Word tables the readers must read as shown, or say they did not read

INDICATORS = (
    "1、1-产出指标；11-数量指标；培训人次；实施周期指标值:300人次；年度指标值:300人次。"
    "2、2-效益指标；22-社会效益指标；培训考核通过率；实施周期指标值:≥90%；年度指标值:≥90%。"
)
WIDE_HEADER = ["单位名称", "项目名称", "总计", "绩效目标", "绩效指标"]


def _xlsx(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _lint(document) -> list[tuple[str, str, str]]:
    """The (code, severity, location) of every finding on ``document``."""
    from linter.config import Config
    from linter.lint import build_engine, lint_documents

    run = lint_documents([document], build_engine(Config()))
    return [(f.code, f.severity.name, f.location.compact()) for f in run.findings]


def _percent_workbook(cells: list[tuple[object, str]]) -> bytes:
    """A long-layout table with one indicator per (年度指标值 value, number format) pair, and an
    amount cell formatted as money."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["部门名称：某局", None, None, None, None, None, "单位：万元"])
    sheet.append(["项目名称", "总计", "绩效目标", "一级指标", "二级指标", "三级指标", "年度指标值"])
    for k, (value, number_format) in enumerate(cells):
        name = "培训经费" if k == 0 else None
        amount = 3985.5 if k == 0 else None
        sheet.append(
            [name, amount, "培训" if k == 0 else None, "效益指标", "社会效益指标", "率", value]
        )
        sheet.cell(row=k + 3, column=7).number_format = number_format
    sheet["B3"].number_format = "#,##0.00"
    return _xlsx(workbook)


def test_percent_formatted_value_cells_read_as_excel_shows_them() -> None:
    """Excel stores 90% as 0.9 with a percent number format: the cell reads ``90%``, with the
    decimals the value has and no binary noise; a literal in the format (``"≥"0%``) is shown,
    a quoted ``%`` is not a scaling; the amount cell of a money format is left as it was."""
    cells = [
        (0.9, "0%"),
        (0.955, "0.00%"),
        (0.95 + 1e-16, "0%"),
        (0.95, '"≥"0%'),
        (1, "0%"),
        (-0.05, "0.0%"),
        (98, '0"%"'),
        (0.07, "0.0%;[Red]-0.0%"),
    ]
    document = read_bytes(_percent_workbook(cells), "percent.xlsx")
    [project] = document.projects()
    values = [indicator.annual_value for indicator in project.indicators]
    assert values == ["90%", "95.5%", "95%", "≥95%", "100%", "-5%", "98%", "7%"]
    assert project.amounts.raw[0] == "3985.5"


def test_percent_format_that_cannot_be_rendered_is_noted_and_amounts_show_their_percent() -> None:
    """A conditional percent format is a ``number-format`` note at its cell (the stored number
    is read); an amount cell in a percent format reads ``800%``, which is no money figure and is
    noted, never read as 8."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["项目名称", "总计", "绩效目标", "一级指标", "二级指标", "三级指标", "年度指标值"])
    sheet.append(["培训经费", 8, "培训", "效益指标", "社会效益指标", "率", 0.9])
    sheet["B2"].number_format = "0%"
    sheet["G2"].number_format = "[>=1]0%;0.0%"
    document = read_bytes(_xlsx(workbook), "conditional.xlsx")
    notes = {(n.kind, n.location.compact(), n.text) for n in document.notes}
    assert ("number-format", "Sheet!G2", "0.9") in notes
    assert ("bad-amount", "Sheet!B2", "800%") in notes
    assert document.projects()[0].amounts.total is None


def _two_sheet_workbook(second: list[list[object]], title: str = "续表") -> bytes:
    """A workbook whose first sheet holds the table (one project) and whose second sheet,
    ``title``, holds ``second``."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "绩效目标表"
    sheet.append(["部门名称：某局", None, None, None, "单位：万元"])
    sheet.append(WIDE_HEADER)
    sheet.append(["某局本级", "设备经费", 12.5, "目标", INDICATORS])
    other = workbook.create_sheet(title)
    for row in second:
        other.append(row)
    return _xlsx(workbook)


def test_header_below_the_first_rows_under_text_only_is_read() -> None:
    """A sheet whose header is below the first 30 rows, with only text above it (填报说明
    lines), is read: its project is not dropped, and the lines above are notes at their cells."""
    lines = [[f"填报说明{k + 1}"] for k in range(30)]
    data = _two_sheet_workbook(
        [*lines, WIDE_HEADER, ["某局本级", "培训经费", 8, "目标", INDICATORS]]
    )
    document = read_bytes(data, "deep.xlsx")
    assert [p.name for p in document.projects()] == ["设备经费", "培训经费"]
    assert document.projects()[1].location.compact() == "续表!B32"
    above = [n for n in document.notes if n.location.sheet == "续表"]
    assert [n.location.cell for n in above] == [f"A{k + 1}" for k in range(30)]


def test_sheet_with_figures_but_no_header_is_an_error_naming_it() -> None:
    """A sheet that holds money figures but no header it can read (none at all, or one under
    rows of numbers) may hold projects: an S05 error names it as not read."""
    rows = [["某局本级", "培训经费", 8, "目标", INDICATORS]]
    for second in (rows, [*rows * 30, WIDE_HEADER, *rows]):
        document = read_bytes(_two_sheet_workbook(second), "headless.xlsx")
        assert [p.name for p in document.projects()] == ["设备经费"]
        [note] = [n for n in document.notes if n.location.sheet == "续表"]
        assert note.kind == "sheet-unread" and "续表" in note.message + note.text
        assert ("S05", "error", "续表") in _lint(document)


def test_text_only_sheet_without_header_is_skipped_without_a_note() -> None:
    """A sheet of text without the header (填报说明, 封面) holds no project's amounts: it is
    skipped without a note, as is an empty sheet (every rendering has a 填报说明 sheet and reads
    without notes)."""
    document = read_bytes(
        _two_sheet_workbook([["填报说明"], ["1. 金额单位为万元。"]], "填报说明"), "x.xlsx"
    )
    assert [p.name for p in document.projects()] == ["设备经费"]
    assert not [n for n in document.notes if n.location.sheet == "填报说明"]
    empty = read_bytes(_two_sheet_workbook([]), "empty.xlsx")
    assert not [n for n in empty.notes if n.location.sheet == "续表"]


def _continued_docx(rows: list[list[str]]) -> bytes:
    """A .docx with the table (one project) and, after a 「（续表）」 paragraph, a second table
    of ``rows`` without a header, one column narrower."""
    import docx

    document = docx.Document()
    document.add_paragraph("部门名称：某局")
    document.add_paragraph("单位：万元")
    table = document.add_table(rows=2, cols=len(WIDE_HEADER))
    for column, text in enumerate(WIDE_HEADER):
        table.cell(0, column).text = text
    for column, text in enumerate(["某局本级", "设备经费", "12.50", "目标", INDICATORS]):
        table.cell(1, column).text = text
    document.add_paragraph("（续表）")
    continued = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for column, text in enumerate(row):
            continued.cell(r, column).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_table_of_another_width_without_header_is_noted_not_dropped() -> None:
    """A later table with another number of columns and no header of its own cannot be matched
    to the table's columns: it is not read, and a note names it (an S05 error when it holds a
    money figure, as projects do; a warning when it holds text only)."""
    document = read_bytes(
        _continued_docx([["培训经费", "8.00", "目标", INDICATORS]]), "continued.docx"
    )
    assert [p.name for p in document.projects()] == ["设备经费"]
    [note] = [n for n in document.notes if n.location.table == 2]
    assert note.kind == "table-unread" and "表2" in note.message
    assert ("S05", "error", "t2") in _lint(document)
    signed = read_bytes(_continued_docx([["填表人：张三", "审核人：李四"]]), "signed.docx")
    [note] = [n for n in signed.notes if n.location.table == 2]
    assert note.kind == "table-skipped"
    assert ("S05", "warning", "t2") in _lint(signed)

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

""".ods workbooks with merged cells, and PDFs printed without fit-to-width (the table in strips).

The renderings are made by ``fixtures/make_fixtures.py`` (``NNN.wide.ods``, ``NNN.long.ods``,
``NNN.split.pdf``, ``NNN.split-over.pdf``, ``NNN.long-split.pdf``) and committed. Each either reads
field for field like the seed's text, or is refused with a one-line error naming the file: a table
read wrongly must never pass for a clean read.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from linter.cli import app
from linter.errors import InputError
from linter.readers import read_bytes
from linter.readers.excel import ods_merged_ranges
from tests.conftest import SEEDS, seed
from tests.test_binary_readers import document, findings, rendering, tree

READ = {
    "wide.ods": "ods",
    "long.ods": "ods",
    "split.pdf": "pdf",
    "split-over.pdf": "pdf",
    "split-a3.pdf": "pdf",
}
"""Renderings read like the seed."""

REFUSED = ("long-split.pdf",)
"""Renderings refused: the merged project cells of the long layout break across the strips."""

PREFIXES = [path.name[:3] for path in SEEDS]


@pytest.mark.parametrize("kind", READ)
@pytest.mark.parametrize("prefix", PREFIXES)
def test_rendering_reads_like_the_text(prefix: str, kind: str) -> None:
    read = document(rendering(prefix, kind))
    assert read.format == READ[kind]
    assert [note.kind for note in read.notes] == []
    assert tree(read) == tree(document(seed(prefix)))


@pytest.mark.parametrize("kind", READ)
@pytest.mark.parametrize("prefix", PREFIXES)
def test_rendering_lints_like_the_calc_print(prefix: str, kind: str) -> None:
    """Same findings as the fitted Calc print of the same workbook (which lints like the text
    apart from the amount columns only renderings have, see test_binary_readers)."""
    assert findings(document(rendering(prefix, kind))) == findings(
        document(rendering(prefix, "calc.pdf"))
    )


@pytest.mark.parametrize("prefix", PREFIXES)
def test_ods_merged_ranges_are_the_workbooks(prefix: str) -> None:
    import python_calamine

    for layout in ("wide", "long"):
        workbook = python_calamine.CalamineWorkbook.from_path(
            str(rendering(prefix, f"{layout}.xlsx"))
        )
        sheet = workbook.get_sheet_by_index(len(workbook.sheet_names) - 1)
        name = workbook.sheet_names[-1]
        ods = rendering(prefix, f"{layout}.ods")
        assert sorted(ods_merged_ranges(ods.read_bytes(), str(ods))[name]) == sorted(
            sheet.merged_cell_ranges
        )


def _ods_with_content(content: bytes) -> bytes:
    """``003.long.ods`` with its ``content.xml`` replaced."""
    source = zipfile.ZipFile(rendering("003", "long.ods"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = content if info.filename == "content.xml" else source.read(info)
            target.writestr(info, data)
    return out.getvalue()


def _content() -> bytes:
    return zipfile.ZipFile(rendering("003", "long.ods")).read("content.xml")


def test_duplicated_projects_stay_apart_because_the_merges_are_read() -> None:
    """Two identical projects one under the other: only the merged name cells tell them apart."""
    doc = document(rendering("003", "long.ods"))
    assert tree(doc) == tree(document(rendering("003", "long.xlsx")))
    without_merges = _content().replace(b"table:number-rows-spanned=", b"table:x-rows-spanned=")
    misread = read_bytes(_ods_with_content(without_merges), "no-merges.ods")
    assert tree(misread) != tree(doc)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aa">]><x>&a;</x>',
            "cannot read the merged cells of the ods file: content.xml has a DTD",
        ),
        (b"<office:document-content", "unreadable ods"),
    ],
)
def test_ods_whose_merges_cannot_be_read_is_refused(content: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(_ods_with_content(content), "broken.ods")
    message = caught.value.one_line()
    assert message.startswith("broken.ods") and reason in message and "\n" not in message


TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _sheet(rows: str) -> bytes:
    return (
        f'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        f' xmlns:table="{TABLE}"><office:body><office:spreadsheet>'
        f'<table:table table:name="S">{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    ).encode()


def _ods(content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return out.getvalue()


def test_ods_spans_follow_repeated_rows_and_columns_and_skip_nested_tables() -> None:
    rows = (
        '<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>'
        "<table:table-row>"
        '<table:table-cell table:number-columns-repeated="3"/>'
        '<table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="3">'
        '<table:table table:name="nested"><table:table-row><table:table-cell '
        'table:number-columns-spanned="5"/></table:table-row></table:table>'
        "</table:table-cell><table:covered-table-cell/>"
        '<table:table-cell table:number-rows-spanned="2"/></table:table-row>'
        '<table:table-row table:number-rows-repeated="2">'
        '<table:table-cell table:number-columns-spanned="2"/><table:covered-table-cell/>'
        "</table:table-row>"
    )
    assert ods_merged_ranges(_ods(_sheet(rows)), "x.ods") == {
        "S": [
            ((2, 3), (4, 4)),
            ((2, 5), (3, 5)),
            ((3, 0), (3, 1)),
            ((4, 0), (4, 1)),
        ]
    }


def test_ods_with_more_merged_ranges_than_cells_allowed_is_refused() -> None:
    import dataclasses

    from linter.limits import DEFAULT_LIMITS, use_limits

    rows = (
        '<table:table-row table:number-rows-repeated="1000000">'
        '<table:table-cell table:number-columns-spanned="2"/></table:table-row>'
    )
    with (
        use_limits(dataclasses.replace(DEFAULT_LIMITS, max_cells=1000)),
        pytest.raises(InputError, match="more than 1,000 merged ranges"),
    ):
        ods_merged_ranges(_ods(_sheet(rows)), "x.ods")


# --------------------------------------------------------------------------------------------------
# PDFs printed in strips


def test_split_pdf_cells_are_located_on_their_strips_pages() -> None:
    import pdfplumber

    doc = document(rendering("003", "split.pdf"))
    with pdfplumber.open(rendering("003", "split.pdf")) as pdf:
        for project in doc.projects()[::10]:
            indicator = project.indicators[0]
            assert indicator.location.page > project.location.page
            for location, text in (
                (project.location, project.name),
                (project.goal_location, project.goal),
                (indicator.location, str(indicator.number or indicator.index)),
            ):
                page = pdf.pages[location.page - 1]
                cropped = page.crop(location.bbox).extract_text().replace("\n", "")
                assert cropped.startswith(text[:8])


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("kind", REFUSED)
def test_strips_that_do_not_line_up_are_refused_naming_the_pages(prefix: str, kind: str) -> None:
    with pytest.raises(InputError) as caught:
        document(rendering(prefix, kind))
    message = caught.value.one_line()
    assert message.startswith(str(rendering(prefix, kind)))
    assert "printed in strips across pages 1–" in message and "\n" not in message


def _without_pages(path: Path, drop: list[int]) -> bytes:
    """The PDF without the pages numbered ``drop`` (1-based)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    for number in sorted(drop, reverse=True):
        pdf.del_page(number - 1)
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    return out.getvalue()


def _run(tmp_path: Path, name: str, data: bytes) -> tuple[int, str]:
    """``jxlint lint`` on ``data`` saved as ``name``: the exit code and what it printed."""
    target = tmp_path / name
    target.write_bytes(data)
    result = CliRunner().invoke(app, ["lint", str(target)])
    return result.exit_code, result.output


SPLIT = rendering("003", "split.pdf")
"""79 pages: the 填报说明 sheet, then columns A–E on pages 2–27, 绩效目标 on 28–53, 绩效指标 on
54–79."""


@pytest.mark.parametrize(
    ("name", "drop"),
    [("one-strip-page-lost.pdf", [60]), ("only-the-first-strip.pdf", list(range(28, 80)))],
)
def test_a_split_pdf_with_strip_pages_missing_is_refused(
    tmp_path: Path, name: str, drop: list[int]
) -> None:
    code, output = _run(tmp_path, name, _without_pages(SPLIT, drop))
    assert code == 2
    assert f"{name}: 表格被横向分页打印" in output and "printed in strips across pages 2–" in output


def test_a_split_pdf_without_its_indicator_strip_is_an_implausible_read(tmp_path: Path) -> None:
    """The 绩效指标 pages lost: the rest is stitched, and no project has an indicator (S07)."""
    code, output = _run(tmp_path, "no-indicators.pdf", _without_pages(SPLIT, list(range(54, 80))))
    assert code == 1
    assert "S07 implausible-read" in output and "69 个项目中有 69 个没有绩效指标" in output


def test_ods_tags_in_comments_do_not_count_and_an_unbound_table_prefix_is_refused() -> None:
    rows = (
        "<table:table-row><!-- <table:table-cell table:number-columns-spanned='3'/> -->"
        "<table:table-cell table:number-columns-spanned='2'/></table:table-row>"
    )
    assert ods_merged_ranges(_ods(_sheet(rows)), "x.ods") == {"S": [((0, 0), (0, 1))]}
    unbound = _sheet(rows).replace(f' xmlns:table="{TABLE}"'.encode(), b"")
    with pytest.raises(InputError, match="no prefix for the table namespace"):
        ods_merged_ranges(_ods(unbound), "x.ods")


def test_ods_sheet_that_the_merge_scan_does_not_find_is_refused(monkeypatch) -> None:
    from linter.readers import excel

    monkeypatch.setattr(excel, "ods_merged_ranges", lambda data, path: {})
    with pytest.raises(InputError, match="merged cells of sheet 项目支出绩效目标表"):
        read_bytes(rendering("003", "long.ods").read_bytes(), "x.ods")


def test_strips_printed_out_of_order_are_read_by_their_headers() -> None:
    """The 绩效指标 strip (pages 54–79) before the 绩效目标 strip (28–53): read the same."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(SPLIT))
    order = [*range(0, 27), *range(53, 79), *range(27, 53)]
    shuffled = pypdfium2.PdfDocument.new()
    shuffled.import_pages(pdf, order)
    out = io.BytesIO()
    shuffled.save(out)
    doc = read_bytes(out.getvalue(), "shuffled.pdf")
    assert tree(doc) == tree(document(seed("003")))
    assert doc.projects()[0].indicators[0].location.page in range(28, 54)

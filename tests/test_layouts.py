"""The layouts departments and systems export read like the seeds, and misread tables are loud.

The files under ``fixtures/layouts`` are made by ``fixtures/make_layouts.py`` from the seeds (see
that script for each layout) and committed. Every layout of every seed must parse field for field
like the seed's text and lint to the same findings, apart from the amount-column rules (a text
dump collapses empty amount columns, see ``tests/test_binary_readers.py``).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from linter.config import Config
from linter.lint import build_engine, lint_documents
from linter.model import Document, Location
from linter.readers import read_bytes, read_document, sniff_delimiter
from linter.readers.grid import OPERATOR_WORDS, Grid, column_word, header_columns
from tests.conftest import ROOT, SEEDS, seed
from tests.test_binary_readers import assert_lints_like_the_text, tree

sys.path.insert(0, str(ROOT / "fixtures"))
from make_layouts import LAYOUTS, split_value

LAYOUT_DIR = ROOT / "fixtures" / "layouts"
CASES = [(path.name[:3], layout) for path in SEEDS for layout in LAYOUTS]
FORMATS = {"csv": "delimited", "xlsx": "xlsx", "docx": "docx"}


@functools.cache
def document(path: Path) -> Document:
    return read_document(str(path))


def layout(prefix: str, name: str) -> Path:
    return LAYOUT_DIR / f"{prefix}.{name}"


@pytest.mark.parametrize(("prefix", "name"), CASES)
def test_layout_reads_like_the_text(prefix: str, name: str) -> None:
    read = document(layout(prefix, name))
    assert read.format == FORMATS[name.rsplit(".", 1)[1]]
    assert [(note.kind, note.message) for note in read.notes] == []
    assert tree(read) == tree(document(seed(prefix)))


@pytest.mark.parametrize(("prefix", "name"), CASES)
def test_layout_lints_like_the_text(prefix: str, name: str) -> None:
    assert_lints_like_the_text(prefix, document(layout(prefix, name)))


def test_layout_files_are_what_the_script_writes(tmp_path: Path) -> None:
    """The committed layouts are the script's output for the seeds (regenerate when this fails)."""
    script = ROOT / "fixtures" / "make_layouts.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path), "004"], check=True)
    for name in LAYOUTS:
        fresh, committed = document(tmp_path / f"004.{name}"), document(layout("004", name))
        assert tree(fresh) == tree(committed)


# --------------------------------------------------------------------------------------------------
# The header mapping


def _columns(*rows: list[str]) -> dict[str, int]:
    grid = Grid([list(row) for row in rows], lambda r, c: Location())
    return header_columns(grid, 0, len(rows))


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("项目名称（资金使用单位）", "name"),
        ("单位名称", "unit"),
        ("一级指标代码", "level1_code"),
        ("一级指标", "level1"),
        ("财政专户拨", "special"),
        ("年度指标值", "value"),
        ("年度目标值", "value"),
        ("年度目标", "goal"),
        ("一级指标名称", "level1"),
        ("三级指标名称", "level3"),
        ("指标内容", "level3"),
        ("计算符号", "operator"),
        ("度量单位", "measure"),
        ("序号", "serial"),
        ("备注", None),
        ("项目支出绩效目标表（含转移支付项目）", None),
    ],
)
def test_a_header_cell_names_the_column_of_its_longest_word(cell: str, key: str | None) -> None:
    found = column_word(cell)
    assert (found[0] if found else None) == key


def test_longest_word_and_qualifiers_decide_the_columns() -> None:
    columns = _columns(
        [
            *("序号", "单位名称", "项目名称", "金额", "", "绩效目标", "一级指标代码"),
            *("一级指标", "三级指标", "实施周期指标值", "", "年度", ""),
        ],
        [
            "",
            "",
            "",
            "总计",
            "财政拨款",
            "",
            "",
            "",
            "",
            "计算符号",
            "指标值",
            "指标值",
            "度量单位",
        ],
    )
    assert columns == {
        "serial": 0,
        "unit": 1,
        "name": 2,
        "total": 3,
        "fiscal": 4,
        "goal": 5,
        "level1_code": 6,
        "level1": 7,
        "level3": 8,
        "cycle_operator": 9,
        "cycle": 10,
        "annual": 11,
        "annual_measure": 12,
    }


def test_a_more_specific_header_wins_the_column_key() -> None:
    columns = _columns(["项目概况", "项目名称", "绩效目标"])
    assert columns["name"] == 1


@pytest.mark.parametrize(
    ("value", "words"),
    [("≥95%", False), ("≥95%", True), ("100", False), ("合法合规", False), ("<5天", True)],
)
def test_split_values_assemble_back(value: str, words: bool) -> None:
    nature, operator, number, unit = split_value(value, words)
    assert (operator in OPERATOR_WORDS) == (words and value[0] in "≥<")
    assert OPERATOR_WORDS.get(operator, operator) + number + unit == value
    assert nature == ("定性" if value == "合法合规" else "定量")


def test_a_value_in_split_columns_is_located_at_its_value_cell() -> None:
    doc = document(layout("003", "split.xlsx"))
    indicator = doc.projects()[0].indicators[0]
    assert indicator.location.cell.startswith("I")
    assert indicator.annual_location.cell.startswith("O")
    assert indicator.cycle_location.cell.startswith("L")


def test_a_finding_on_a_split_value_points_at_its_value_cell() -> None:
    doc = document(layout("003", "split.xlsx"))
    run = lint_documents([doc], build_engine(Config()))
    on_values = [
        f
        for f in run.findings
        if f.field in ("annual_value", "cycle_value") and f.indicator is not None
    ]
    assert on_values
    for finding in on_values:
        column = "O" if finding.field == "annual_value" else "L"
        assert finding.location.cell.startswith(column), finding


def test_csv_with_multi_line_cells_broken_in_the_indicators_reads_like_the_tsv() -> None:
    """Item 2's CSV half: a CSV's quoted cells may break anywhere, in the 绩效指标 cell too."""
    from tests.test_readers import _resaved, _strip_locations

    tsv = seed("004").read_text(encoding="utf-8")
    csv_text = _resaved(tsv, ",", break_indicators=True)
    assert '"' in csv_text and sniff_delimiter(csv_text) == ","
    plain = read_bytes(tsv.encode("utf-8"), "a.tsv")
    quoted = read_bytes(csv_text.encode("utf-8"), "b.csv")
    assert _strip_locations(quoted) == _strip_locations(plain)
    assert [note.kind for note in quoted.notes] == [note.kind for note in plain.notes]


# --------------------------------------------------------------------------------------------------
# Misread tables are never silent


def lint_csv(tmp_path: Path, name: str, rows: list[list[str]]) -> tuple[int, list[dict], str]:
    """Lint rows written as a CSV with the jxlint command: exit code, findings, stderr."""
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    out = subprocess.run(
        [sys.executable, "-m", "linter", "lint", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    found = json.loads(out.stdout)["findings"] if out.stdout.strip() else []
    return out.returncode, found, out.stderr


def _flat_rows() -> tuple[list[list[str]], int]:
    """The flat export of seed 003 as rows of cells, and the index of its header row."""
    text = layout("003", "flat.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    return rows, next(k for k, row in enumerate(rows) if "项目名称" in row)


def _renamed(row: list[str]) -> list[str]:
    names = {"三级指标": "备注", "一级指标": "类别", "二级指标": "分类"}
    return [names.get(cell, cell) for cell in row]


MISREADS = {
    "indicator-headers-renamed": lambda row, header: _renamed(row) if header else row,
    "unit-and-project-cells-shuffled": lambda row, header: (
        row if header else [row[0], row[2], row[1], *row[3:]]
    ),
    "name-and-goal-headers-swapped": lambda row, header: (
        [*row[:2], "绩效目标", *row[3:7], "项目名称", *row[8:]] if header else row
    ),
}
"""Three ways a table's header gets misread: each is a header the reader cannot map right."""


@pytest.mark.parametrize("case", sorted(MISREADS))
def test_a_misread_table_is_never_silent(tmp_path: Path, case: str) -> None:
    """Shuffled or renamed header cells: jxlint exits 1 with S07's error (the read looks wrong:
    projects without indicators, named like units, or named with a goal's text), never 0."""
    rows, header = _flat_rows()
    changed = [
        row if k < header else MISREADS[case](row, k == header) for k, row in enumerate(rows)
    ]
    code, found, stderr = lint_csv(tmp_path, f"{case}.csv", changed)
    assert code == 1, stderr
    assert any(f["code"] == "S07" and f["severity"] == "error" for f in found)


def test_a_flat_export_without_unit_rows_takes_its_units_from_the_unit_column(tmp_path) -> None:
    """No unit rows at all (only 合计 and the projects): each project belongs to the unit its
    单位名称 cell names, a unit without stated amounts, said once per unit in a note."""
    rows, header = _flat_rows()
    kept = rows[: header + 1] + [row for row in rows[header + 1 :] if row[2]]
    path = tmp_path / "no-unit-rows.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(kept)
    read, reference = read_document(str(path)), document(seed("003"))
    assert [(u.name, [p.name for p in u.projects]) for u in read.units] == [
        (u.name, [p.name for p in u.projects]) for u in reference.units
    ]
    assert all(unit.amounts.total is None for unit in read.units)
    notes = [note for note in read.notes if note.kind == "unit-from-column"]
    assert [note.text for note in notes] == [unit.name for unit in reference.units]


def test_a_department_line_below_the_header_is_a_header_fact_not_a_repeated_header() -> None:
    from tests.test_binary_readers import WIDE_HEADER, grid_document

    doc = grid_document(
        [
            WIDE_HEADER,
            ["单位名称：某某局", "", "", "", "", "", ""],
            ["单位甲", "1.00", "1.00", "", "", "", ""],
        ]
    )
    assert doc.department == "某某局" and [u.name for u in doc.units] == ["单位甲"]


# --------------------------------------------------------------------------------------------------
# Layouts of other provinces' forms (found by reading unseen tables: each was misread silently)

LONG_HEADER = "项目名称,总计,绩效目标,一级指标,二级指标,三级指标"
LONG_ROW = "培训经费,8.00,培训300人次,产出指标,数量指标,培训人次"


def _csv(*lines: str) -> Document:
    return read_bytes("\n".join(["部门名称：某局,单位：万元", *lines]).encode(), "t.csv")


def _indicators(document: Document) -> list[tuple[str, str | None, str | None]]:
    return [
        (indicator.name, indicator.cycle_value, indicator.annual_value)
        for unit in document.units
        for project in unit.projects
        for indicator in project.indicators
    ]


@pytest.mark.parametrize(
    ("cycle", "annual"),
    [
        ("实施期指标值", "年度指标值"),
        ("中期指标值", "年度指标值"),
        ("全周期目标值", "全年目标值"),
        ("实施周期目标值", "年度目标值"),
    ],
)
def test_every_period_wording_of_a_value_column_names_its_period(cycle: str, annual: str) -> None:
    """实施期/中期/全周期 say 实施周期, 全年/当年 say 年度, over 指标值 or 目标值 alike."""
    document = _csv(f"{LONG_HEADER},{cycle},{annual}", f"{LONG_ROW},≥900人次,≥300人次")
    assert _indicators(document) == [("培训人次", "≥900人次", "≥300人次")]


def test_period_group_headers_over_value_columns_name_their_periods() -> None:
    """``中期目标`` / ``年度目标`` over two ``指标值`` columns, and ``指标值`` over
    ``实施周期`` / ``年度`` sub-headers: a qualifier in the header band above or below."""
    above = _csv(
        f"{LONG_HEADER},中期目标,年度目标", ",,,,,,指标值,指标值", f"{LONG_ROW},≥900人次,≥300人次"
    )
    below = _csv(f"{LONG_HEADER},指标值,", ",,,,,,实施周期,年度", f"{LONG_ROW},≥900人次,≥300人次")
    assert _indicators(above) == _indicators(below) == [("培训人次", "≥900人次", "≥300人次")]


def test_a_project_duration_column_is_not_a_value_column() -> None:
    """A ``实施周期`` (or ``年度``) column beside 年度指标值 holds the project's duration or
    budget year, not the indicators' 实施周期指标值; it is not read, and said so."""
    document = _csv(
        "项目名称,实施周期,年度,总计,绩效目标,一级指标,二级指标,三级指标,年度指标值",
        "培训经费,2024年1月-12月,2024,8.00,培训300人次,产出指标,数量指标,培训人次,≥300人次",
    )
    assert _indicators(document) == [("培训人次", None, "≥300人次")]
    unplaced = [note.text for note in document.notes if note.kind == "unplaced"]
    assert unplaced == ["2024年1月-12月", "2024"]


@pytest.mark.parametrize("label", ["实施期指标值", "中期目标值", "全周期指标值"])
def test_a_period_wording_of_a_value_label_in_an_indicator_cell_is_read(label: str) -> None:
    cell = f"1、1-产出指标；11-数量指标；培训人次；{label}:≥900人次；全年指标值:≥300人次。"
    document = _csv(
        "项目名称,总计,财政拨款,财政专户拨款,其他资金,绩效目标,绩效指标",
        f"培训经费,8.00,8.00,,,培训300人次,{cell}",
    )
    assert _indicators(document) == [("培训人次", "≥900人次", "≥300人次")]


def test_a_qualitative_operator_is_not_part_of_the_value() -> None:
    """计算符号 ``定性`` says the value is qualitative; the value is ``达标``, not ``定性达标``."""
    document = _csv(
        f"{LONG_HEADER},计算符号,指标值,度量单位",
        f"{LONG_ROW},定性,达标,",
        "培训经费,8.00,培训300人次,产出指标,数量指标,培训合格率,≥,95,%",
    )
    assert [annual for _, _, annual in _indicators(document)] == ["达标", "≥95%"]


def test_project_cells_written_on_the_first_row_only_of_an_unmerged_long_layout() -> None:
    """Rows that repeat the project's name (and amount) but leave its goal, or its amount,
    blank after the first row continue the project: one project, its indicators in order."""
    document = _csv(
        f"单位名称,{LONG_HEADER},年度指标值",
        f"某局本级,{LONG_ROW},≥300人次",
        "某局本级,培训经费,8.00,,满意度指标,服务对象满意度指标,参训人员满意度,≥90%",
        "某局本级,培训经费,,,效益指标,社会效益指标,培训考核通过率,≥95%",
        "某局本级,会议经费,12.50,召开会议5次,产出指标,数量指标,会议次数,5次",
        "某局本级,会议经费,,,满意度指标,服务对象满意度指标,参会人员满意度,≥90%",
    )
    projects = [p for unit in document.units for p in unit.projects]
    assert [(p.name, p.amounts.total, len(p.indicators)) for p in projects] == [
        ("培训经费", Decimal("8.00"), 3),
        ("会议经费", Decimal("12.50"), 2),
    ]


@pytest.mark.parametrize(
    "header", ["预算金额（单位：人民币元）", "金额（人民币元）", "资金总额（单位：元）"]
)
def test_an_amount_unit_in_a_header_cell_is_read_however_it_is_worded(header: str) -> None:
    """The figures stay as written; the unit they are in is the document's (not 万元)."""
    document = read_bytes(
        "\n".join(
            [
                "部门名称：某局",
                f"项目名称,{header},绩效目标,一级指标,二级指标,三级指标,年度指标值",
                "培训经费,80000.00,培训300人次,产出指标,数量指标,培训人次,≥300人次",
            ]
        ).encode(),
        "t.csv",
    )
    assert document.amount_unit == "元"
    assert document.units[0].projects[0].amounts.total == Decimal("80000.00")


def test_a_second_amount_unit_that_contradicts_the_first_is_an_error(tmp_path: Path) -> None:
    """A table (a later sheet, a second table pasted below) that states its amounts in 元 after
    the first said 万元 cannot be read in one unit: an error names the place, never a silent
    reading of 80000 元 as 80000 万元."""
    rows = [
        ["部门名称：某局", "", "单位：万元"],
        ["项目名称", "总计", "绩效目标", "一级指标", "二级指标", "三级指标", "年度指标值"],
        ["培训经费", "8.00", "培训300人次", "产出指标", "数量指标", "培训人次", "≥300人次"],
        ["单位：元"],
        ["会议经费", "50000.00", "召开会议5次", "产出指标", "数量指标", "会议次数", "5次"],
    ]
    code, found, stderr = lint_csv(tmp_path, "two-units.csv", rows)
    errors = [f for f in found if f["code"] == "S05" and f["severity"] == "error"]
    assert code == 1, stderr
    assert [f["location"]["line"] for f in errors] == [4]
    assert "万元" in errors[0]["message"] and "元" in errors[0]["excerpt"]


def test_section_headings_in_an_indicator_cell_give_the_level_and_are_no_part_of_a_value() -> None:
    """``一、产出指标`` / ``二、满意度指标`` lines between numbered indicators (and ``（一）数量指标``
    below them) are headings: the 一级/二级 of the indicators under them, not the end of the goal
    or of the value before them."""
    cell = (
        '"一、产出指标\n（一）数量指标\n1、培训人次；实施周期指标值：≥300人次；年度指标值：≥300人次\n'
        '二、满意度指标\n2、参训人员满意度；实施周期指标值：≥90%；年度指标值：≥90%"'
    )
    document = _csv(
        "项目名称,总计,财政拨款,财政专户拨款,其他资金,绩效目标,绩效指标",
        f"培训经费,8.00,8.00,,,培训300人次,{cell}",
    )
    project = document.units[0].projects[0]
    assert project.goal == "培训300人次"
    assert [(i.level1, i.level2, i.name, i.annual_value) for i in project.indicators] == [
        ("产出指标", "数量指标", "培训人次", "≥300人次"),
        ("满意度指标", None, "参训人员满意度", "≥90%"),
    ]


@pytest.mark.parametrize(
    ("lines", "department"),
    [
        (["广州市某某局2024年项目支出绩效目标表"], "广州市某某局"),
        (["某某县财政局 2025年度部门预算项目绩效目标表", "部门名称：某某县审计局"], "某某县审计局"),
        (["2024年项目支出绩效目标表"], None),
        (["主管部门：某某市民政局", "单位：万元"], "某某市民政局"),
    ],
)
def test_the_department_of_a_table_without_a_department_line(lines, department) -> None:
    """A title naming the department before the budget year gives it when no 部门名称 (or
    主管部门) line does; a 部门名称 line wins over the title."""
    rows = [
        *lines,
        "项目名称,总计,绩效目标,一级指标,二级指标,三级指标,年度指标值",
        f"{LONG_ROW},≥300人次",
    ]
    assert read_bytes("\n".join(rows).encode(), "t.csv").department == department


def test_a_csv_of_few_columns_is_read_as_a_csv() -> None:
    """A CSV whose header maps (项目名称, 资金总额, 绩效目标, 绩效指标: three commas) is a CSV."""
    text = "\n".join(
        [
            "部门名称：某局,,,单位：万元",
            "项目名称,资金总额,绩效目标,绩效指标",
            "培训经费,8.00,培训300人次,1、1-产出指标；11-数量指标；培训人次；"
            "实施周期指标值:≥300人次；年度指标值:≥300人次。",
        ]
    )
    assert sniff_delimiter(text) == ","
    assert _indicators(read_bytes(text.encode(), "t.csv")) == [("培训人次", "≥300人次", "≥300人次")]


def test_a_unit_column_after_the_value_is_the_value_s_measure() -> None:
    """``单位`` right of a 指标值 column (``符号 | 指标值 | 单位``) is the measure of the value,
    not a 单位名称 column: the values keep their units, the projects their unit."""
    document = _csv(
        f"单位名称,{LONG_HEADER},符号,指标值,单位",
        f"某局本级,{LONG_ROW},≥,300,人次",
    )
    assert [u.name for u in document.units] == ["某局本级"]
    assert _indicators(document) == [("培训人次", None, "≥300人次")]


def test_a_second_department_or_unit_named_above_a_table_is_an_error(tmp_path: Path) -> None:
    """One sheet (or table) per unit, each headed 单位名称：…, without unit rows: the second name
    cannot be placed in the document (one department, no unit row for it), so it is an error,
    not a silent merge of every project into the first."""
    rows = [
        ["单位名称：某局本级", "", "单位：万元"],
        ["项目名称", "总计", "绩效目标", "一级指标", "二级指标", "三级指标", "年度指标值"],
        ["培训经费", "8.00", "培训300人次", "产出指标", "数量指标", "培训人次", "≥300人次"],
        ["单位名称：某局培训中心"],
        ["会议经费", "5.00", "召开会议5次", "产出指标", "数量指标", "会议次数", "5次"],
    ]
    code, found, stderr = lint_csv(tmp_path, "two-units.csv", rows)
    errors = [f for f in found if f["code"] == "S05" and f["severity"] == "error"]
    assert code == 1, stderr
    assert [(f["location"]["line"], f["excerpt"]) for f in errors] == [
        (4, "单位名称：某局培训中心")
    ]


def test_coded_indicators_numbered_with_a_full_stop_are_read() -> None:
    """``1.1-产出指标；…`` is indicator 1 (numbered ``1.``) with its code head ``1-产出指标``."""
    cell = (
        "1.1-产出指标；11-数量指标；培训人次；实施周期指标值:≥900人次；年度指标值:≥300人次；"
        "2．3-满意度指标；31-服务对象满意度指标；参训人员满意度；实施周期指标值:≥90%；年度指标值:≥90%"
    )
    document = _csv(
        "项目名称,总计,财政拨款,财政专户拨款,其他资金,绩效目标,绩效指标",
        f"培训经费,8.00,8.00,,,培训1.5万人次以上,{cell}",
    )
    project = document.units[0].projects[0]
    assert project.goal == "培训1.5万人次以上"
    assert [(i.number, i.level1_code, i.name) for i in project.indicators] == [
        (1, "1", "培训人次"),
        (2, "3", "参训人员满意度"),
    ]

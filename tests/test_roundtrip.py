"""Round-trip property tests: render a generated document spec, read it back, compare the trees.

The strategies and renderers live in ``roundtrip_render.py`` (its docstring lists the invariants of
the generated text). Every test also checks that each project's and each indicator's location
points at the right character of the rendered text.
"""

from __future__ import annotations

import csv
import io
import os

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from linter.readers import read_bytes

try:
    from tests import roundtrip_render as rr
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    import roundtrip_render as rr

EXAMPLES = int(os.environ.get("ROUNDTRIP_EXAMPLES", "30"))
"""Examples per property; raise it (e.g. ``ROUNDTRIP_EXAMPLES=2000``) for a bug hunt."""

SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check_locations(document, rendered: rr.Rendered, spec: rr.DocumentSpec) -> None:
    """Locations equal the renderer's, and point at a project name / an indicator number."""
    projects, indicators = rr.actual_locations(document)
    assert projects == rendered.project_locations
    lines = rendered.text.replace("\r\n", "\n").split("\n")
    specs = [project for unit in spec.units for project in unit.projects]
    for project, (line, column) in zip(specs, projects, strict=True):
        assert lines[line - 1][column - 1] == project.name[0]
    assert indicators == rendered.indicator_locations
    for marks in indicators:
        for number, (line, column) in enumerate(marks, start=1):
            assert lines[line - 1][column - 1] == str(number)[0]


def roundtrip(
    spec: rr.DocumentSpec,
    rendered: rr.Rendered,
    path: str,
    data: bytes | None = None,
) -> None:
    """Read the rendered bytes back and compare tree and locations with the spec."""
    document = read_bytes(rendered.text.encode("utf-8") if data is None else data, path)
    positional = document.format == "text"
    assert rr.actual_tree(document) == rr.expected_tree(spec, positional=positional)
    check_locations(document, rendered, spec)


# --------------------------------------------------------------------------------------------------
# The properties


@SETTINGS
@given(spec=rr.documents(tricky=True), layout=rr.text_layouts())
def test_text_dump_roundtrip(spec, layout):
    roundtrip(spec, rr.render_text(spec, **layout), "gen.txt")


@SETTINGS
@given(spec=rr.documents(coded=False, tricky=True), layout=rr.text_layouts())
def test_uncoded_text_dump_roundtrip(spec, layout):
    roundtrip(spec, rr.render_text(spec, **layout), "gen.txt")


@SETTINGS
@given(
    spec=rr.documents(),
    layout=rr.text_layouts(),
    encoding=st.sampled_from(["gb18030", "utf-16"]),
)
def test_text_dump_encodings_crlf(spec, layout, encoding):
    rendered = rr.render_text(spec, **layout)
    data = rendered.text.replace("\n", "\r\n").encode(encoding)
    assert b"\r\n" in data or b"\r\x00\n\x00" in data
    if encoding == "utf-16":
        assert data[:2] in (b"\xff\xfe", b"\xfe\xff")
    roundtrip(spec, rendered, "gen.txt", data)


@SETTINGS
@given(spec=rr.documents(tricky=True), seed=st.integers(0, 2**32 - 1))
def test_tsv_roundtrip(spec, seed):
    roundtrip(spec, rr.render_tsv(spec, seed), "gen.tsv")


@SETTINGS
@given(spec=rr.documents(tricky=True), seed=st.integers(0, 2**32 - 1))
def test_csv_roundtrip(spec, seed):
    roundtrip(spec, rr.render_csv(spec, seed), "gen.csv")


def one_project(
    goal: str = "完成档案录入。",
    indicator_name: str = "档案整理卷数",
    project_name: str = "档案数字化",
    coded: bool = True,
    total: rr.Figures = ("20.00", "20.00", None, None),
) -> rr.DocumentSpec:
    """A document with one unit, one project and one indicator."""
    if coded:
        indicator = rr.IndicatorSpec(
            "1", "产出指标", "11", "数量指标", indicator_name, "1500卷", "≥95%"
        )
    else:
        indicator = rr.IndicatorSpec(None, None, None, None, indicator_name, None, "≥95%", end="；")
    figures = ("20.00", "20.00", None, None)
    project = rr.ProjectSpec(project_name, figures, goal, (indicator,))
    unit = rr.UnitSpec("区档案馆", figures, (project,))
    return rr.DocumentSpec("广州市番禺区卫生健康局", total, (unit,), coded=coded)


def test_renderers_on_a_fixed_document():
    """A smoke test of the helpers themselves, independent of hypothesis."""
    spec = one_project()
    text, starts = rr.indicators_text(spec.units[0].projects[0], spec)
    assert (
        text == "1、1-产出指标；11-数量指标；档案整理卷数；实施周期指标值:1500卷；年度指标值:≥95%。"
    )
    assert starts == [0]
    roundtrip(spec, rr.render_text(spec, 12, 1, 4), "gen.txt")
    roundtrip(spec, rr.render_tsv(spec), "gen.tsv")
    roundtrip(spec, rr.render_csv(spec), "gen.csv")


# --------------------------------------------------------------------------------------------------
# Reader bugs the properties found, each pinned by a minimal explicit example (only the explicit
# phase runs); the properties above also generate the text that triggered them (tricky=True).

EXPLICIT = settings(phases=[Phase.explicit], deadline=None)


class PreconditionError(Exception):
    """The example no longer renders the way the bug needs (not the bug itself)."""


def require(condition: bool, message: str) -> None:
    if not condition:
        raise PreconditionError(message)


def lines_of(rendered: rr.Rendered) -> list[str]:
    return [line.strip() for line in rendered.text.split("\n")]


# Regression: delimited.py: columns inside a quoted CSV cell point one left (at the quote).
@EXPLICIT
@example(spec=one_project(), seed=0)
@given(spec=rr.documents(), seed=st.integers(0, 2**32 - 1))
def test_csv_quoted_cell_columns(spec, seed):
    rendered = rr.render_csv(spec, seed)
    require('"1、' in rendered.text, "the indicator cell is quoted")
    roundtrip(spec, rendered, "gen.csv")


# Regression: text.py: a wrapped body line starting with 单位： is dropped as the 单位：万元 line.
@EXPLICIT
@example(
    spec=one_project(indicator_name="购置设备数量（单位：台）"),
    layout={"wrap_width": 12, "blank_every": 0, "indent": 4, "seed": 0, "jitter": 0},
)
@given(spec=rr.documents(tricky=True), layout=rr.text_layouts())
def test_text_body_line_like_amount_unit(spec, layout):
    rendered = rr.render_text(spec, **layout)
    require(any(line.startswith("单位：台") for line in lines_of(rendered)), "line 单位：台…")
    roundtrip(spec, rendered, "gen.txt")


# Regression: text.py: a wrapped body line starting with 部门： is dropped as a 部门名称 line.
@EXPLICIT
@example(
    spec=one_project(goal="协调各部门：财政、审计等共同推进。"),
    layout={"wrap_width": 3, "blank_every": 0, "indent": 4, "seed": 0, "jitter": 0},
)
@given(spec=rr.documents(tricky=True), layout=rr.text_layouts())
def test_text_body_line_like_department(spec, layout):
    rendered = rr.render_text(spec, **layout)
    require("部门：" in lines_of(rendered), "a line 部门：")
    roundtrip(spec, rendered, "gen.txt")


# Regression: text.py: a wrapped body line starting with 项目名称 is dropped as a page header.
@EXPLICIT
@example(
    spec=one_project(goal="按要求公开项目名称、预算金额等信息。"),
    layout={"wrap_width": 5, "blank_every": 0, "indent": 4, "seed": 0, "jitter": 0},
)
@given(spec=rr.documents(tricky=True), layout=rr.text_layouts())
def test_text_body_line_starting_with_header_word(spec, layout):
    rendered = rr.render_text(spec, **layout)
    require("项目名称、" in lines_of(rendered), "a line 项目名称、")
    roundtrip(spec, rendered, "gen.txt")


# Regression: grammar.py: uncoded indicators start at a goal's 1、 list item.
@EXPLICIT
@example(spec=one_project(goal="1、保障值班；2、做好宣传。", coded=False), seed=0)
@given(spec=rr.documents(coded=False, tricky=True), seed=st.integers(0, 2**32 - 1))
def test_uncoded_goal_with_numbered_list(spec, seed):
    roundtrip(spec, rr.render_tsv(spec, seed), "gen.tsv")


# Regression: delimited.py: a newline inside a CSV name cell stays in the project name.
@EXPLICIT
@example(spec=one_project(), seed=0)
@given(spec=rr.documents(), seed=st.integers(0, 2**32 - 1))
def test_csv_name_with_embedded_newline(spec, seed):
    rendered = rr.render_csv(spec, seed, name_newlines=True)
    records = csv.reader(io.StringIO(rendered.text.replace("\r\n", "\n")))
    require(any(record and "\n" in record[0] for record in records), "a name cell wraps")
    roundtrip(spec, rendered, "gen.csv")


# Regression: delimited.py: an indented TSV name cell is located at its first space.
@EXPLICIT
@example(spec=one_project(), seed=0)
@given(spec=rr.documents(), seed=st.integers(0, 2**32 - 1))
def test_tsv_indented_name_location(spec, seed):
    roundtrip(spec, rr.render_tsv(spec, seed, name_indent=4), "gen.tsv")


# Regression: text.py: a 总计 total row with its figure on the next line is eaten as header.
@EXPLICIT
@example(
    spec=one_project(total=("20.00", None, None, None)),
    layout={"wrap_width": 12, "blank_every": 0, "indent": 4, "seed": 0, "total_label": "总计"},
)
@given(spec=rr.documents(), layout=rr.text_layouts())
def test_text_total_row_labelled_zongji_on_its_own_line(spec, layout):
    rendered = rr.render_text(spec, **layout)
    require("总计" in lines_of(rendered), "a line 总计")
    roundtrip(spec, rendered, "gen.txt")

"""The text report: a reviewed snapshot, wrapping within the width, colors only when asked."""

from __future__ import annotations

import dataclasses
import itertools
import os
import random
import re
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from linter.config import Config
from linter.findings import Finding, Severity
from linter.lint import build_engine
from linter.model import Location
from linter.reporters.review_report import render_review
from linter.reporters.text_report import (
    CLOSING_PUNCTUATION,
    OPENING_PUNCTUATION,
    _wrap,
    capped,
    render_text,
)
from tests.conftest import ROOT, SNAPSHOTS, lint, relative, seed

SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def result_003():
    return lint(str(seed("003")))


def test_report_snapshot(in_root) -> None:
    """Seed 001's report, reviewed by eye (``JXLINT_UPDATE_SNAPSHOTS=1`` rewrites it)."""
    text = render_text(lint(relative(seed("001"))))
    path = SNAPSHOTS / "text_001.txt"
    if os.environ.get("JXLINT_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [100, 60, 30])
def test_lines_fit_the_width(result_003, width) -> None:
    lines = render_text(result_003, width=width).splitlines()
    assert max(cell_len(line) for line in lines) <= width
    assert not [line for line in lines if line != line.rstrip()]


def test_wrapped_lines_never_start_with_closing_punctuation(result_003) -> None:
    for width in (100, 57, 40):
        lines = render_text(result_003, width=width).splitlines()
        for before, line in itertools.pairwise(lines):
            folded_word = before[-1:].isascii() and line[14:15].isascii()
            if line.startswith(" " * 14) and not folded_word:
                assert line[14] not in CLOSING_PUNCTUATION, line


@pytest.mark.parametrize("width", [100, 60, 40])
def test_wrapped_lines_never_end_with_opening_punctuation(result_003, width) -> None:
    """An opening bracket or quote goes to the next line with what it opens (the report and
    the review: ``单独计分（`` / ``10%）`` was a line break)."""
    for text in (
        render_text(result_003, width=width, show_info=True, max_per_rule=0),
        render_review(result_003, width=width),
    ):
        lines = text.splitlines()
        assert not [line for line in lines if line[-1:] in OPENING_PUNCTUATION]
        assert max(cell_len(line) for line in lines) <= width


def test_every_finding_is_reported(result_003) -> None:
    """Every finding the rules made is shown (without the per-rule cap), folded into another
    (另：) or gathered into a table notice: nothing is lost between the engine and the report."""
    engine = build_engine(Config())
    made = engine.lint_document(result_003.documents[0]) + engine.lint_run(
        [engine.collect(document) for document in result_003.documents]
    )
    text = render_text(result_003, show_info=True, max_per_rule=0)
    shown = re.findall(r"^ {5}\S+ +(错误|警告|提示) [A-Z][0-9]{2} ", text, re.M)
    folded = re.findall(r"^ +另：[A-Z][0-9]{2} ", text, re.M)
    (notice,) = [f for f in result_003.findings if f.code == "P05"]
    assert len(shown) == len(result_003.findings) and len(folded) > 40
    assert notice.project is None and len(notice.related) == 66
    assert len(shown) + len(folded) + len(notice.related) - 1 == len(made)
    assert f"（1 个文件，69 个项目，399 个指标）；另有 {len(folded)} 个同一问题的" in text


@pytest.mark.parametrize("cap", [1, 2, 3])
def test_the_per_rule_cap_prints_the_first_findings_and_counts_the_rest(result_003, cap) -> None:
    """Per project, at most ``cap`` findings of one rule are printed; the rest are counted in
    one line per project (``… 另有 N 条 V01``) so that the listed and counted findings add up."""
    text = render_text(result_003, show_info=True, max_per_rule=cap)
    blocks = re.split(r"^  \S.*$", text, flags=re.M)
    shown = counted = 0
    for block in blocks:
        codes = re.findall(r"^ {5}\S+ +(?:错误|警告|提示) ([A-Z][0-9]{2}) ", block, re.M)
        shown += len(codes)
        left_out: Counter[str] = Counter()
        for line in re.findall(r"^ {5}… 另有 (.*)（每个项目每条规则列出前", block, re.M):
            for n, code in re.findall(r"(\d+) 条 ([A-Z][0-9]{2})", line):
                left_out[code] += int(n)
        for code, n in Counter(codes).items():
            assert n <= cap or (n == cap + 1 and not left_out[code])
        assert all(n >= 2 for n in left_out.values())
        counted += sum(left_out.values())
    assert counted > 0 and shown + counted == len(result_003.findings)
    assert f"列出前 {cap} 条" in text


def _finding(code: str) -> Finding:
    return Finding(code, "rule", Severity.warning, "问题", "a.tsv", Location(1, 1))


def test_the_cap_never_hides_a_single_finding() -> None:
    """One finding left out would take the line that counts it: it is printed instead."""
    findings = [_finding("V01")] * 6 + [_finding("C07")] * 7 + [_finding("K01")] * 2
    kept, left_out = capped(findings, 5)
    assert Counter(f.code for f in kept) == {"V01": 6, "C07": 5, "K01": 2}
    assert left_out == {"C07": 2}
    assert capped(findings, 0) == (findings, Counter())


def test_color_only_when_asked(result_003) -> None:
    plain = render_text(result_003)
    colored = render_text(result_003, color=True)
    assert "\x1b[" not in plain
    assert "\x1b[1;31m错误 \x1b[0m" in colored and "\x1b[33m警告 \x1b[0m" in colored
    assert SGR.sub("", colored) == plain


TEXT = st.lists(
    st.sampled_from(["指标", "值", "，", "。", "”", "）", " ", "ab", "rate≥95%", "\n", "长" * 12]),
    max_size=40,
).map("".join)


@given(text=TEXT, width=st.integers(min_value=2, max_value=40))
def test_wrap_keeps_every_character(text, width) -> None:
    """Wrapping only drops the spaces at a break: the text comes back, each line fits."""
    lines = _wrap([(text, None)], width)
    joined = ["".join(piece for piece, _ in line) for line in lines]
    assert all(cell_len(line) <= width for line in joined)
    squeeze = re.compile(r"\s+")
    assert squeeze.sub("", "".join(joined)) == squeeze.sub("", text)
    assert len(lines) >= text.count("\n") + 1


@pytest.mark.parametrize("width", range(8, 40))
def test_a_comparator_stays_with_its_number(width) -> None:
    lines = _wrap([("建议：数量指标写绝对数量和单位，如“≥100人次”或“≤200元/套”", None)], width)
    assert not any(line and line[-1][0] in "≥≤" for line in lines)


PROJECT_HEADER = re.compile(r"^  .* › (\d+)\. ", re.MULTILINE)


def _project_headers(text: str) -> list[int]:
    return [int(ordinal) for ordinal in PROJECT_HEADER.findall(text)]


def test_one_header_per_project_in_document_order_whatever_the_finding_order(result_003):
    """Findings arrive sorted by location, which on a PDF page (or around a whole-table finding)
    interleaves projects; the report must still show each project once, in document order."""
    shuffled = dataclasses.replace(result_003, findings=list(result_003.findings))
    random.Random(7).shuffle(shuffled.findings)
    headers = _project_headers(render_text(shuffled))
    with_findings = {f.project_ordinal for f in result_003.findings if f.project_ordinal}
    assert headers == sorted(with_findings)


def test_a_pdf_report_has_one_header_per_project(in_root) -> None:
    result = lint(relative(ROOT / "fixtures" / "rendered" / "003.calc.pdf"))
    headers = _project_headers(render_text(result))
    with_findings = {f.project_ordinal for f in result.findings if f.project_ordinal}
    assert len(headers) == len(set(headers)) == len(with_findings) >= 68


def test_a_pdf_finding_heading_names_page_row_and_column_apart_from_the_severity(in_root) -> None:
    result = lint(relative(ROOT / "fixtures" / "rendered" / "001.calc.pdf"))
    text = render_text(result, show_info=True)
    places = re.findall(r"^ +(第\d+页 行\d+ 列\d+) (错误|警告|提示) [A-Z]\d\d ", text, re.MULTILINE)
    assert len(places) == len([f for f in result.findings if f.location and f.location.row])
    project = result.documents[0].projects()[0]
    assert (f"第{project.location.page}页 行{project.location.row} 列1", "警告") in places


def test_the_summary_has_one_row_per_rule_whatever_its_severities(result_003) -> None:
    summary = render_text(result_003).split("按规则统计", 1)[1]
    codes = re.findall(r"^([A-Z]\d\d) ", summary, re.MULTILINE)
    assert codes == sorted(set(codes)) == sorted({f.code for f in result_003.findings})


def _project_blocks(text: str) -> list[list[str]]:
    """The severities of each group's findings (table, unit, project), in report order."""
    blocks: list[list[str]] = []
    for line in text.splitlines():
        if re.match(r"^  \S", line):
            blocks.append([])
        elif blocks and (found := re.match(r"^ {5}\S+ +(错误|警告|提示) ([A-Z][0-9]{2})", line)):
            blocks[-1].append(found.group(1))
    return blocks


def test_a_project_lists_its_errors_then_warnings_then_infos(result_003) -> None:
    order = {"错误": 0, "警告": 1, "提示": 2}
    blocks = _project_blocks(render_text(result_003, show_info=True))
    assert any(len(set(block)) > 1 for block in blocks)
    assert all(block == sorted(block, key=order.get) for block in blocks)


def test_info_findings_are_counted_not_listed_unless_asked(result_003) -> None:
    text = render_text(result_003)
    infos = [f for f in result_003.findings if f.severity is Severity.info]
    on_table = [f for f in infos if f.project is None and f.unit is None]
    counted = [int(n) for n in re.findall(r"^ {5}另有 (\d+) 条提示（", text, re.M)]
    assert on_table and sum(counted) == len(infos) - len(on_table) > 0
    assert all("提示" not in block for block in _project_blocks(text)[1:])
    assert f"；{sum(counted)} 条提示未逐条列出（--show-info）" in text.replace("\n", "")

"""Tables in layouts jxlint was not written from (``fixtures/unseen_layouts``): each reads as a
person reads it, or jxlint says loudly that it could not.

The 34 cases were built by a red-team session from the layouts of real public forms of other
provinces (see the folder's README), with the reading a person makes of each written down first
(``expected.json``). A case jxlint reads differently must be a listed known misread, and then
its lint must be loud — a read error or an error-level finding — never a silent misreading.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from linter.errors import InputError
from linter.findings import Severity
from linter.model import Document
from linter.readers import read_document
from tests.conftest import ROOT, lint

FOLDER = ROOT / "fixtures" / "unseen_layouts"
EXPECTED: dict[str, dict] = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))

KNOWN_MISREADS = {
    "c05_sheet_per_unit_yuan.xlsx": "one amount unit per document: the 元 sheet is an error",
    "c06_docx_two_units.docx": "paragraphs between Word tables are not read",
    "c09_empty_project.csv": "a project with no goal and no indicators reads as a unit",
    "c15_docx_continuation.docx": "a Word continuation table without a header is not read",
    "c15b_docx_continuation_flat.docx": "a Word continuation table without a header is not read",
    "c16_wide_labelled_lines.csv": "indicators as 一级指标：… lines are not numbered items",
    "c16c_wide_labelled_lines.csv": "indicators as 一级指标：… lines are not numbered items",
    "c21_sheet_per_unit_no_unit_rows.xlsx": "a sheet's 单位名称 line does not start a unit",
    "c24_form_one_project.xlsx": "the one-project 申报表 form is not a layout jxlint reads",
}
"""Cases jxlint still reads differently from the person, and why: each must be loud."""


def _wan(amount: str | None, unit: str | None) -> str | None:
    if amount is None:
        return None
    value = Decimal(amount) / (10000 if unit == "元" else 1)
    return f"{value:.2f}"


def differences(document: Document, expected: dict) -> list[str]:
    """How ``document`` differs from the person's reading (department, amount unit, units,
    projects with their 总计 in 万元, goals and indicators)."""
    found = []
    if document.department != expected["department"]:
        found.append(f"department {document.department!r}")
    if document.amount_unit != expected["amount_unit"]:
        found.append(f"amount unit {document.amount_unit!r}")
    if [u.name for u in document.units] != [u["name"] for u in expected["units"]]:
        found.append(f"units {[u.name for u in document.units]}")
    for unit, want in zip(document.units, expected["units"], strict=False):
        projects = [
            (p.name, _wan(str(p.amounts.total), document.amount_unit), p.goal)
            for p in unit.projects
        ]
        wanted = [(p["name"], p["total_wan"], p["goal"]) for p in want["projects"]]
        if projects != wanted:
            found.append(f"projects {projects}")
        for project, want_project in zip(unit.projects, want["projects"], strict=False):
            indicators = [
                [i.level1, i.level2, i.name, i.cycle_value, i.annual_value]
                for i in project.indicators
            ]
            if indicators != want_project["indicators"]:
                found.append(f"{project.name} indicators {indicators}")
    return found


def _loud(path: Path) -> bool:
    """Whether linting ``path`` fails it: a read error or an error-level finding."""
    result = lint(str(path))
    unread = any(status.error for status in result.files)
    return unread or any(f.severity is Severity.error for f in result.findings)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_an_unseen_layout_reads_as_a_person_reads_it_or_fails_loudly(case: str) -> None:
    path = FOLDER / "cases" / case
    try:
        found = differences(read_document(str(path)), EXPECTED[case])
    except InputError as error:
        found = [f"not read: {error}"]
    if case in KNOWN_MISREADS:
        assert found, f"{case} now reads right: take it off KNOWN_MISREADS"
        assert _loud(path), f"{case} is misread silently: {found}"
    else:
        assert not found, found

"""Read times of the readers on big inputs: a 20,000-row workbook, a 50-page PDF, 20,000-row TSV/CSV.

Run: ``.venv/bin/python benchmarks/bench_readers.py [--repeat N]`` (needs ``jxlint[all]``).
Prints one table of medians. The inputs are built in a temporary directory from the committed
renderings of seed 003, with no LibreOffice:

* the workbook: ``fixtures/rendered/003.long.xlsx`` (one row per indicator, project cells merged)
  repeated until it has 20,000 data rows, written as a plain .xlsx with inline strings and every
  merged range (about 20,000);
* the PDF: ``fixtures/rendered/003.writer.pdf`` (17 pages, rows split across pages) appended to
  itself with pypdfium2 and cut at 50 pages;
* the TSV: seed 004 (a TSV export) with its data rows repeated until it has 20,000; the CSV: the
  same rows written by Python's csv module (quoted where a cell holds a comma or a quote).

For each, the raw library time (calamine's sheet load; pdfplumber's table extraction of every page)
is measured next to the whole jxlint read (``read_document``: reader, grammar and model).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RENDERED = ROOT / "fixtures" / "rendered"

from linter.readers import read_document  # noqa: E402
from linter.readers.excel import cell_text, column_letter  # noqa: E402

ROWS = 20_000
PAGES = 50


def median(function, repeat: int) -> float:
    """Median wall time of ``function()`` over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def big_workbook(target: Path) -> int:
    """Write the 20,000-row workbook; returns its number of rows."""
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_path(str(RENDERED / "003.long.xlsx"))
    sheet = workbook.get_sheet_by_index(0)
    rows = sheet.to_python(skip_empty_area=False)
    merges = sheet.merged_cell_ranges or []
    header = 4
    body = rows[header:]
    body_merges = [m for m in merges if m[0][0] >= header]
    out_rows = list(rows[:header])
    out_merges = [m for m in merges if m[0][0] < header]
    while len(out_rows) - header < ROWS:
        shift = len(out_rows) - header
        out_rows.extend(body)
        out_merges.extend(
            ((r0 + shift, c0), (r1 + shift, c1)) for (r0, c0), (r1, c1) in body_merges
        )
    write_xlsx(target, out_rows, out_merges)
    return len(out_rows)


def _cell(row: int, column: int, value) -> str:
    reference = f"{column_letter(column)}{row + 1}"
    if isinstance(value, float):
        return f'<c r="{reference}"><v>{cell_text(value)}</v></c>'
    if value == "":
        return ""
    return f'<c r="{reference}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def write_xlsx(target: Path, rows: list[list], merges: list) -> None:
    """A minimal .xlsx: one sheet, inline strings, numbers and merged ranges."""
    sheet = ['<?xml version="1.0" encoding="UTF-8"?>']
    sheet.append(
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    for r, row in enumerate(rows):
        cells = "".join(_cell(r, c, v) for c, v in enumerate(row))
        sheet.append(f'<row r="{r + 1}">{cells}</row>')
    sheet.append("</sheetData>")
    refs = [
        f'<mergeCell ref="{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"/>'
        for (r0, c0), (r1, c1) in merges
    ]
    sheet.append(f'<mergeCells count="{len(refs)}">{"".join(refs)}</mergeCells></worksheet>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{package}"><Relationship Id="rId1" Type="{relationships}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{relationships}"><sheets><sheet name="绩效目标表"'
            ' sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{package}"><Relationship Id="rId1" Type="{relationships}/'
            'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": "".join(sheet),
    }
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)


def big_pdf(target: Path) -> int:
    """Write the 50-page PDF; returns its number of pages."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(RENDERED / "003.writer.pdf"))
    pdf = pdfium.PdfDocument.new()
    while len(pdf) < PAGES:
        pdf.import_pages(source, list(range(min(len(source), PAGES - len(pdf)))))
    pdf.save(str(target))
    return len(pdf)


def big_delimited(target: Path, delimiter: str) -> int:
    """Write the 20,000-row TSV (``"\\t"``) or CSV (``","``) from seed 004; returns its rows."""
    import csv
    import io

    seed = next((ROOT / "fixtures" / "seeds").glob("004_*.txt"))
    lines = seed.read_text(encoding="utf-8").split("\n")
    header = next(k for k, line in enumerate(lines) if line.startswith("项目名称"))
    body = [line for line in lines[header + 1 :] if line.strip()]
    rows = lines[: header + 1] + [body[k % len(body)] for k in range(ROWS)]
    if delimiter == "\t":
        target.write_text("\n".join(rows) + "\n", encoding="utf-8")
        return ROWS
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for line in rows:
        writer.writerow(line.split("\t") if "\t" in line else [line] if line else [])
    target.write_text(out.getvalue(), encoding="utf-8")
    return ROWS


def calamine_load(path: Path) -> None:
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    sheet = workbook.get_sheet_by_index(0)
    sheet.to_python(skip_empty_area=False)
    _ = sheet.merged_cell_ranges


def pdfplumber_tables(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                table.extract()


def main() -> None:
    """Build the inputs, measure and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    with tempfile.TemporaryDirectory() as temporary:
        workbook = Path(temporary) / "big.xlsx"
        pdf = Path(temporary) / "big.pdf"
        tsv = Path(temporary) / "big.tsv"
        comma = Path(temporary) / "big.csv"
        rows = big_workbook(workbook)
        pages = big_pdf(pdf)
        big_delimited(tsv, "\t")
        big_delimited(comma, ",")
        document = read_document(str(workbook))
        print(
            f"workbook: {rows} rows, {len(document.projects())} projects, "
            f"{document.indicator_count()} indicators"
        )
        read_pdf = read_document(str(pdf))
        print(
            f"pdf: {pages} pages, {len(read_pdf.projects())} projects, {len(read_pdf.notes)} notes"
        )
        pdf_repeat = max(1, repeat // 2)
        results = [
            ("calamine load, 20k-row xlsx", median(lambda: calamine_load(workbook), repeat)),
            ("jxlint read, 20k-row xlsx", median(lambda: read_document(str(workbook)), repeat)),
            ("pdfplumber tables, 50-page pdf", median(lambda: pdfplumber_tables(pdf), pdf_repeat)),
            ("jxlint read, 50-page pdf", median(lambda: read_document(str(pdf)), pdf_repeat)),
            ("jxlint read, 20k-row tsv", median(lambda: read_document(str(tsv)), repeat)),
            ("jxlint read, 20k-row csv", median(lambda: read_document(str(comma)), repeat)),
        ]
    print(f"{'what':<36}{'median s':>10}")
    for name, seconds in results:
        print(f"{name:<36}{seconds:>10.2f}")
    print(f"{'jxlint read per pdf page':<36}{results[3][1] / pages:>10.3f}")


if __name__ == "__main__":
    main()

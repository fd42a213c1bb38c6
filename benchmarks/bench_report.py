"""Size and speed of the HTML report and the review workbook for all seeds together.

Run: ``.venv/bin/python benchmarks/bench_report.py [--repeat N]``. Prints one table: the size of
each report, the median time to render it from a finished lint run, the median wall time of the
whole ``jxlint lint … --format html`` command, and — when Chromium is installed — the median time
headless Chromium takes from navigation until the page's script has run (``body[data-ready]``),
plus the page's own ``load`` event time. Target: a few MB and under two seconds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "fixtures" / "seeds").glob("*.txt"))
sys.path.insert(0, str(ROOT))


def median_of(repeat: int, action) -> float:
    """Median wall seconds of calling ``action()`` ``repeat`` times."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def browser_times(report: Path, repeat: int) -> tuple[float, float] | None:
    """Median seconds until the page is interactive, and the median ``load`` event time."""
    from tests.browser.chromium import chromium_page, unavailable_reason

    if unavailable_reason() is not None:
        return None
    ready, loaded = [], []
    with chromium_page() as page:
        for _ in range(repeat):
            start = time.perf_counter()
            page.goto(report.as_uri())
            page.wait_for_selector("body[data-ready='1']", state="attached")
            ready.append(time.perf_counter() - start)
            loaded.append(
                page.evaluate(
                    "() => performance.getEntriesByType('navigation')[0].loadEventEnd / 1000"
                )
            )
    return statistics.median(ready), statistics.median(loaded)


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat

    from linter.config import Config
    from linter.lint import build_engine, lint_paths
    from linter.reporters.html_report import render_html
    from linter.reporters.xlsx_report import render_xlsx

    config = Config()
    result = lint_paths(SEEDS, config, build_engine(config))
    page = render_html(result)
    workbook = render_xlsx(result)
    html_seconds = median_of(repeat, lambda: render_html(result))
    xlsx_seconds = median_of(repeat, lambda: render_xlsx(result))
    with tempfile.TemporaryDirectory() as directory:
        report = Path(directory) / "report.html"
        command = [sys.executable, "-m", "linter", "lint", *SEEDS, "-f", "html", "-o", str(report)]
        cli_seconds = median_of(repeat, lambda: subprocess.run(command, check=False))
        browser = browser_times(report, repeat)

    projects = sum(len(d.projects()) for d in result.documents)
    print(f"{len(SEEDS)} seeds, {projects} projects, {len(result.findings)} findings")
    print(f"{'what':<52}{'value':>12}")
    print(f"{'HTML report size (MB)':<52}{len(page.encode('utf-8')) / 1e6:>12.2f}")
    print(f"{'xlsx workbook size (MB)':<52}{len(workbook) / 1e6:>12.2f}")
    print(f"{'render HTML from a lint run, median s':<52}{html_seconds:>12.3f}")
    print(f"{'render xlsx from a lint run, median s':<52}{xlsx_seconds:>12.3f}")
    print(f"{'jxlint lint (4 seeds) --format html, median s':<52}{cli_seconds:>12.3f}")
    if browser is None:
        print(f"{'Chromium: not installed, page timing skipped':<52}{'-':>12}")
    else:
        print(f"{'Chromium: navigation → page script done, median s':<52}{browser[0]:>12.3f}")
        print(f"{'Chromium: load event end, median s':<52}{browser[1]:>12.3f}")


if __name__ == "__main__":
    main()

"""Start-up and parse/lint timings of the jxlint CLI, as medians and ratios to a baseline.

Run: ``.venv/bin/python benchmarks/bench_cli.py [--repeat N]``. Prints one table. The baseline is
``python -c "import typer, rich"`` measured in the same run (start-up cost of the chosen stack).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "fixtures" / "seeds").glob("*.txt"))
JXLINT = [sys.executable, "-m", "linter"]


def median_seconds(command: list[str], repeat: int) -> float:
    """Median wall time of running ``command`` ``repeat`` times (output discarded)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process_parse(repeat: int) -> tuple[float, int]:
    """Median seconds to parse all seeds in-process, and the number of projects read."""
    sys.path.insert(0, str(ROOT))
    from linter.readers import read_document

    times, projects = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        documents = [read_document(path) for path in SEEDS]
        times.append(time.perf_counter() - start)
        projects = sum(len(d.projects()) for d in documents)
    return statistics.median(times), projects


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    baseline = median_seconds([sys.executable, "-c", "import typer, rich"], repeat)
    rows = [
        ("baseline: python -c 'import typer, rich'", baseline),
        ("jxlint --version", median_seconds([*JXLINT, "--version"], repeat)),
        ("jxlint parse (4 seeds, json)", median_seconds([*JXLINT, "parse", *SEEDS], repeat)),
        ("jxlint lint seed 003", median_seconds([*JXLINT, "lint", SEEDS[2]], repeat)),
        ("jxlint lint (4 seeds)", median_seconds([*JXLINT, "lint", *SEEDS], repeat)),
    ]
    print(f"{'what':<44}{'median s':>10}{'× baseline':>12}")
    for name, seconds in rows:
        print(f"{name:<44}{seconds:>10.3f}{seconds / baseline:>12.2f}")
    parse_seconds, projects = in_process_parse(repeat)
    print(
        f"in-process parse of 4 seeds: {parse_seconds * 1000:.1f} ms, "
        f"{projects / parse_seconds:,.0f} projects/s"
    )


if __name__ == "__main__":
    main()

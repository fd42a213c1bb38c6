"""jxlint at province scale: memory and time of whole runs through the command line.

Run: ``.venv/bin/python benchmarks/bench_stream.py`` (10^4 and 10^5 projects; ``--huge`` adds
10^6, which takes most of an hour on two cores and several GB for D04). For each size a corpus
of generated, varied projects (:mod:`benchmarks.corpus`: renamed, reworded, values changed, 2% planted
near-duplicates across files; about 67 projects per TSV file) is written once under
``--workdir`` (kept between runs: ``corpus-<size>``, in chunks of at most 10^5 projects, each
chunk its own generator seed, so 10^6 projects are ten different 10^5 corpora), then
``jxlint lint DIR --format F --jobs N -o FILE`` is run in a fresh process for ``--jobs 1`` and
``--jobs 2``. Printed per run: wall time, projects per second, the peak resident memory of the
largest process of the run (``ru_maxrss`` of the children: the main process or one worker) and
its growth from the previous size (the 10× step), and a digest of the report, which must be the
same for both ``--jobs`` values.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate, write_corpus  # noqa: E402

CHUNK = 100_000
"""Projects per generated chunk (one generator seed each)."""


def write_scaled_corpus(directory: Path, projects: int) -> int:
    """Write ``projects`` generated projects under ``directory`` (once; reused after); the count.

    The corpus is written in chunks of at most :data:`CHUNK` projects, chunk ``k`` with
    generator seed ``k + 1`` in its own folder, so that generating it never holds more than one
    chunk in memory. A finished corpus has a ``done`` marker holding its project count.
    """
    marker = directory / "done"
    if marker.exists():
        return int(marker.read_text())
    made = 0
    for chunk, start in enumerate(range(0, projects, CHUNK)):
        size = min(CHUNK, projects - start)
        corpus = generate(size, seed=chunk + 1)
        write_corpus(corpus, directory / f"chunk{chunk:02d}")
        made += corpus.project_count
    marker.write_text(str(made))
    return made


_MEASURED = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)
"""Runs a command and prints its exit code and the peak RSS (KB) of its largest process: the
children of this fresh wrapper are that command and, waited for by it, its workers."""


def run_lint(directory: Path, jobs: int, fmt: str, output: Path) -> dict[str, float | str]:
    """Lint ``directory`` in a fresh process: wall seconds, peak RSS in MB, report digest."""
    script = Path(sys.executable).parent / "jxlint"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "linter"]
    command += ["lint", str(directory), "-f", fmt, "-j", str(jobs), "-o", str(output)]
    command += ["--exit-zero", "--quiet"]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, *command], capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - started
    code, peak = done.stdout.split()
    if code != "0":
        raise SystemExit(f"jxlint failed ({code}): {done.stderr.strip()}")
    digest = hashlib.sha256(output.read_bytes()).hexdigest()[:12]
    return {"wall": wall, "peak": int(peak) / 1024, "digest": digest}


def main() -> None:
    """Write the corpora, lint each with ``--jobs 1`` and ``--jobs 2``, print one table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--workdir", default="/tmp/jxlint-bench-stream", type=Path)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--huge", action="store_true", help="add 10^6 projects")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--format", default="jsonl")
    parser.add_argument("--only-generate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.huge:
        sizes.append(1_000_000)
    jobs_list = [int(jobs) for jobs in args.jobs.split(",")]
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(
        f"{'projects':>9} {'jobs':>4} {'wall s':>8} {'proj/s':>8} {'peak MB':>8} {'×10 peak':>8}  report"
    )
    previous: dict[int, float] = {}
    for size in sizes:
        directory = args.workdir / f"corpus-{size}"
        projects = write_scaled_corpus(directory, size)
        if args.only_generate:
            continue
        for jobs in jobs_list:
            output = args.workdir / f"report-{size}-j{jobs}.{args.format}"
            figures = run_lint(directory, jobs, args.format, output)
            growth = f"{figures['peak'] / previous[jobs]:.2f}" if jobs in previous else "—"
            previous[jobs] = float(figures["peak"])
            print(
                f"{projects:>9} {jobs:>4} {figures['wall']:>8.1f} "
                f"{projects / float(figures['wall']):>8.0f} {figures['peak']:>8.0f} "
                f"{growth:>8}  {figures['digest']}",
                flush=True,
            )


if __name__ == "__main__":
    main()

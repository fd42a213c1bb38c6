"""The first read of never-seen projects counted in instructions, against a baseline commit.

Run: ``.venv/bin/python benchmarks/bench_instructions.py --baseline 61cc813`` (about two minutes
on two cores; needs ``valgrind`` and ``git``). Prints one table.

Wall and CPU time of a run of a few seconds vary by ±10% from run to run on a shared machine,
which hides the changes of a few percent a speed change is about. The number of instructions
the interpreter executes does not vary (with ``PYTHONHASHSEED=0``): this benchmark counts them
with valgrind's cachegrind (``--cache-sim=no``) for the work of ``bench_scale.py --first-read``
— the engine warmed on the seeds, then one lint of ``--projects`` generated projects no cache
has seen — in the current checkout and in a temporary worktree of ``--baseline``. Each is run
twice, without and with the lint, and the difference is the lint's. Both lint the same corpus
files (generated once, by this checkout). Instructions are not time (a cache miss costs many of
them): quote the ratio beside a wall-time figure, not instead of one.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_scale import CORPUS_SEED, DUPLICATE_RATE  # noqa: E402
from benchmarks.corpus import generate, write_corpus  # noqa: E402

CHILD = """
import sys
from pathlib import Path
from benchmarks.bench_scale import SEEDS, lint_pass, warmed_engine
engine = warmed_engine(SEEDS)
paths = sorted(str(path) for path in Path(sys.argv[1]).iterdir())
if sys.argv[2] == "lint":
    lint_pass(engine, paths)
"""
"""What a counted process runs, in the checkout it is started in: bench_scale's warm-up, then
(``lint``) one pass over the corpus files."""

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(checkout: Path, corpus: str, mode: str) -> int:
    """Instructions executed by :data:`CHILD` in ``checkout`` (``setup`` or ``lint``)."""
    command = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        "-c",
        CHILD,
        corpus,
        mode,
    ]
    environment = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(checkout)}
    done = subprocess.run(
        command, cwd=checkout, env=environment, capture_output=True, text=True, check=False
    )
    found = _REFS.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"{checkout}: the counted run failed:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def lint_instructions(checkout: Path, corpus: str) -> tuple[int, int]:
    """``(setup, lint)`` instructions in ``checkout``: the warm-up alone, and the lint's share."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        setup, total = pool.map(
            lambda mode: instructions(checkout, corpus, mode), ("setup", "lint")
        )
    return setup, total - setup


def main() -> None:
    """Count the current checkout's (and the baseline's) first read; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--baseline", help="a commit to compare with (e.g. 61cc813)")
    parser.add_argument("--projects", type=int, default=3000)
    args = parser.parse_args()
    corpus = generate(args.projects, duplicate_rate=DUPLICATE_RATE, seed=CORPUS_SEED + 2)
    with tempfile.TemporaryDirectory(prefix="jxlint-instructions-") as folder:
        files = str(Path(folder, "corpus"))
        write_corpus(corpus, files, "tsv")
        rows = [("this checkout", *lint_instructions(ROOT, files))]
        if args.baseline:
            worktree = Path(folder, "baseline")
            git = ["git", "-C", str(ROOT)]
            subprocess.run(
                [*git, "worktree", "add", "--detach", "-q", str(worktree), args.baseline],
                check=True,
            )
            try:
                rows.append((args.baseline, *lint_instructions(worktree, files)))
            finally:
                subprocess.run([*git, "worktree", "remove", "--force", str(worktree)], check=True)
    base = rows[-1][2]
    print(f"first read of {corpus.project_count} projects, instructions (cachegrind)")
    print(f"{'checkout':<16}{'warm-up':>12}{'lint':>12}{'per project':>13}{'÷ base':>8}")
    for name, setup, lint in rows:
        per_project = lint / corpus.project_count
        print(
            f"{name:<16}{setup / 1e6:>11,.0f}M{lint / 1e6:>11,.0f}M{per_project:>13,.0f}"
            f"{lint / base:>8.3f}"
        )


if __name__ == "__main__":
    main()

"""jxlint at finance-bureau scale: start-up, throughput, near-duplicate search. Prints one table.

Run: ``.venv/bin/python benchmarks/bench_scale.py`` (about four minutes on two cores; ``--quick``
for a smoke run with small sizes). Every figure is measured in this run:

* cold start (bytecode compiled, as installed) of ``jxlint --version`` and of ``jxlint lint`` on seed 003 (text and JSON report)
  and on the four seeds, medians of ``--repeat`` runs, as ratios to ``python -c "import typer,
  rich"``;
* parse + every per-document rule in one process, as ``jxlint lint --jobs 1`` runs them (its
  collector tuning included), in projects per second, on the seeds and on a generated corpus
  read from TSV files (:mod:`benchmarks.corpus`), warm (median of repeated passes: the rules'
  caches have seen the texts) and on a first read of never-seen texts;
* ``jxlint lint`` of a generated directory with ``--jobs 1`` and ``--jobs 2`` (and whether the
  two JSON reports are identical);
* the near-duplicate rule D04 over 1k, 10k and 100k generated projects (about 67 per document,
  2% planted near-duplicates across files), each size in a fresh process: wall and CPU time
  (best of ``--repeat`` runs, of two from 50k projects on), peak memory of that process (its
  documents included), the growth exponent from the previous size (wall and CPU: on a shared
  machine the CPU figure is the steadier one), and recall of the planted pairs that score above
  the threshold;
* on a ``--sample``-project corpus, the exact quadratic reference :func:`rules.duplicates.
  all_pairs`: its time (the baseline ratio of D04's blocked search) and the share of its pairs
  the blocked search finds.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import corpus_documents, generate, write_corpus  # noqa: E402

SEEDS = sorted(str(p) for p in (ROOT / "fixtures" / "seeds").glob("*.txt"))
SEED_003 = next(p for p in SEEDS if Path(p).name.startswith("003"))
DUPLICATE_RATE = 0.02
CORPUS_SEED = 1


def jxlint_command() -> list[str]:
    """The installed ``jxlint`` script next to this Python, else ``python -m linter``."""
    script = Path(sys.executable).parent / "jxlint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "linter"]


def compile_bytecode() -> None:
    """Write the bytecode of ``linter`` and ``rules``, as installing a wheel does.

    A checkout run with ``PYTHONDONTWRITEBYTECODE`` set would otherwise compile every module
    from source on each start, which no installed jxlint does.
    """
    import compileall

    for package in ("linter", "rules"):
        compileall.compile_dir(str(ROOT / package), quiet=1)


def median_seconds(command: list[str], repeat: int) -> float:
    """Median wall time of running ``command`` ``repeat`` times (output discarded)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def per_document_engine():
    """An engine with every rule but the cross-file ones (those are timed on their own)."""
    from linter.config import Config
    from linter.engine import Scope
    from linter.lint import build_engine
    from linter.registry import all_rules

    run_scope = [rule.code for rule in all_rules() if rule.scope is Scope.run]
    return build_engine(Config(), ignore=run_scope)


def warmed_engine(paths: list[str]):
    """:func:`per_document_engine`, run once on ``paths`` (vocabularies compiled, caches filled).

    The process's collector is tuned as ``jxlint lint`` tunes it.
    """
    from linter.lint import tune_collector_for_batch

    tune_collector_for_batch()
    engine = per_document_engine()
    lint_pass(engine, paths)
    return engine


def lint_pass(engine, paths: list[str]) -> float:
    """Projects per second of linting ``paths`` once, as ``jxlint lint --jobs 1`` does.

    :func:`linter.lint.lint_paths`: reading, the per-document rules, the config's filters and
    sorting, with the collector tuned for a run.
    """
    from linter.config import Config
    from linter.lint import lint_paths

    start = time.perf_counter()
    result = lint_paths(paths, Config(), engine, jobs=1)
    seconds = time.perf_counter() - start
    return sum(len(document.projects()) for document in result.documents) / seconds


def throughput(paths: list[str], repeat: int) -> float:
    """Median projects per second of ``repeat`` passes over ``paths`` (warm: seen texts)."""
    engine = warmed_engine(paths)
    return statistics.median(lint_pass(engine, paths) for _ in range(repeat))


def first_read_throughput(size: int) -> dict[str, float]:
    """Projects per second of one pass over ``size`` generated projects no cache has seen.

    Run in a fresh process (see ``--first-read``): the engine is warmed on the seeds only, so
    vocabularies are compiled but every value, name and goal of the corpus is new, as when a
    bureau lints a batch of tables once.
    """
    engine = warmed_engine(SEEDS)
    corpus = generate(size, duplicate_rate=DUPLICATE_RATE, seed=CORPUS_SEED + 2)
    with tempfile.TemporaryDirectory(prefix="jxlint-bench-") as folder:
        rate = lint_pass(engine, write_corpus(corpus, folder, "tsv"))
    return {"projects": corpus.project_count, "rate": rate}


def memory_mb(field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of this process in MB, from /proc (Linux).

    Elsewhere the peak from ``getrusage``. (``ru_maxrss`` alone would not do on Linux: it keeps
    the peak of the process that forked this one.)
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_d04(size: int, repeat: int) -> dict[str, float]:
    """Time D04 over a generated corpus of ``size`` projects in this process (see ``--d04``)."""
    from linter.engine import Engine
    from linter.registry import rule_by_key
    from rules.duplicates import (
        CONTENT_MIN,
        THRESHOLD,
        ProjectText,
        near_duplicate_pairs,
        similarity,
    )

    corpus = generate(size, duplicate_rate=DUPLICATE_RATE, seed=CORPUS_SEED)
    documents = list(corpus_documents(corpus))
    engine = Engine([rule_by_key("D04")()])  # type: ignore[misc]
    before = memory_mb("VmRSS")
    times, cpu_times, findings = [], [], []
    for _ in range(repeat):
        start, cpu_start = time.perf_counter(), time.process_time()
        findings = engine.lint_run([engine.collect(document) for document in documents])
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    peak = memory_mb("VmHWM")
    items = [ProjectText.of(p) for d in documents for p in d.projects()]
    found = {(i, j) for i, j, _ in near_duplicate_pairs(items)}
    qualifying = set()
    for i, j in corpus.planted:
        score = similarity(items[i], items[j])
        if score.score >= THRESHOLD and (score.content or 0) >= CONTENT_MIN:
            qualifying.add((i, j))
    return {
        "projects": corpus.project_count,
        "documents": len(documents),
        "seconds": min(times),
        "cpu_seconds": min(cpu_times),
        "peak_mb": peak,
        "corpus_mb": before,
        "findings": len(findings),
        "planted": len(corpus.planted),
        "qualifying": len(qualifying),
        "found_planted": len(qualifying & found),
    }


def measure_sample(size: int) -> dict[str, float]:
    """Blocked search vs the all-pairs reference on a ``size``-project corpus (see ``--sample``)."""
    from rules.duplicates import ProjectText, all_pairs, near_duplicate_pairs

    corpus = generate(size, duplicate_rate=DUPLICATE_RATE, seed=CORPUS_SEED + 1)
    items = [ProjectText.of(p) for d in corpus_documents(corpus) for p in d.projects()]
    start = time.perf_counter()
    blocked = {(i, j) for i, j, _ in near_duplicate_pairs(items)}
    blocked_seconds = time.perf_counter() - start
    start = time.perf_counter()
    reference = {(i, j) for i, j, _ in all_pairs(items)}
    reference_seconds = time.perf_counter() - start
    return {
        "projects": len(items),
        "blocked_seconds": blocked_seconds,
        "reference_seconds": reference_seconds,
        "reference_pairs": len(reference),
        "found": len(blocked & reference),
        "extra": len(blocked - reference),
    }


def in_child(flag: str, size: int, repeat: int = 1) -> dict[str, float]:
    """Run one measurement in a fresh Python process (so its peak memory is its own)."""
    command = [sys.executable, __file__, flag, str(size), "--repeat", str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def lint_directory(directory: str, jobs: int, output: str, repeat: int) -> float:
    """Median seconds of ``jxlint lint DIR --format json --jobs N -o output``."""
    command = [*jxlint_command(), "lint", directory, "-f", "json", "-j", str(jobs), "-o", output]
    return median_seconds(command, repeat)


class Table:
    """Rows of (what, figure, ratio or note, target) printed as one aligned table."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, what: str, figure: str, ratio: str = "", target: str = "") -> None:
        """Add a row (and echo it to stderr, so a long run shows progress)."""
        self.rows.append((what, figure, ratio, target))
        print(f"  … {what}: {figure} {ratio}", file=sys.stderr, flush=True)

    def print(self) -> None:
        """Print the table."""
        head = ("what", "figure", "ratio / note", "target")
        widths = [max(len(row[k]) for row in [head, *self.rows]) for k in range(4)]
        for row in [head, tuple("-" * w for w in widths), *self.rows]:
            print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


def main() -> None:
    """Measure everything and print the table."""
    parser = argparse.ArgumentParser(description="jxlint scale benchmark (prints one table)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--sample", type=int, default=5000)
    parser.add_argument("--lint-projects", type=int, default=3000)
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats")
    parser.add_argument("--d04", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--sample-only", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--first-read", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first_read:
        print(json.dumps(first_read_throughput(args.first_read)))
        return
    if args.d04:
        print(json.dumps(measure_d04(args.d04, args.repeat)))
        return
    if args.sample_only:
        print(json.dumps(measure_sample(args.sample_only)))
        return
    if args.quick:
        args.repeat, args.sizes, args.sample, args.lint_projects = 3, "1000,5000", 1500, 600
    repeat = args.repeat
    table = Table()
    jxlint = jxlint_command()
    compile_bytecode()

    baseline = median_seconds([sys.executable, "-c", "import typer, rich"], repeat)
    table.add("start-up baseline: python -c 'import typer, rich'", f"{baseline:.3f} s", "1.00×")
    for what, command, target in (
        ("jxlint --version (cold)", [*jxlint, "--version"], "< 0.15 s"),
        ("jxlint lint seed 003 (cold, text)", [*jxlint, "lint", SEED_003], "< 0.6 s"),
        ("jxlint lint seed 003 (cold, json)", [*jxlint, "lint", SEED_003, "-f", "json"], ""),
        ("jxlint lint the 4 seeds (cold, text)", [*jxlint, "lint", *SEEDS], ""),
    ):
        seconds = median_seconds(command, repeat)
        table.add(what, f"{seconds:.3f} s", f"{seconds / baseline:.2f}× baseline", target)

    seeds_rate = throughput(SEEDS * 5, repeat)
    table.add(
        "parse + per-document rules, seeds ×5", f"{seeds_rate:,.0f} projects/s", "", "≥ 2,000"
    )
    with tempfile.TemporaryDirectory(prefix="jxlint-bench-") as folder:
        corpus = generate(args.lint_projects, duplicate_rate=DUPLICATE_RATE, seed=CORPUS_SEED)
        paths = write_corpus(corpus, folder, "tsv")
        rate = throughput(paths, max(1, repeat // 2))
        table.add(
            f"parse + per-document rules, {corpus.project_count:,} generated",
            f"{rate:,.0f} projects/s",
            f"{len(paths)} TSV files",
            "≥ 2,000",
        )
        first = [in_child("--first-read", args.lint_projects) for _ in range(max(1, repeat // 2))]
        table.add(
            f"  the same, {first[0]['projects']:,.0f} never-seen projects (one pass, fresh process)",
            f"{statistics.median(r['rate'] for r in first):,.0f} projects/s",
            "no cache has seen the texts",
            "≥ 2,000",
        )
        runs = max(1, min(3, repeat))
        serial = lint_directory(folder, 1, os.path.join(folder, "one.json"), runs)
        parallel = lint_directory(folder, 2, os.path.join(folder, "two.json"), runs)
        same = Path(folder, "one.json").read_bytes() == Path(folder, "two.json").read_bytes()
        table.add(f"jxlint lint {corpus.project_count:,} generated, --jobs 1", f"{serial:.2f} s")
        table.add(
            f"jxlint lint {corpus.project_count:,} generated, --jobs 2",
            f"{parallel:.2f} s",
            f"{serial / parallel:.2f}× faster; reports {'identical' if same else 'DIFFER'}",
            "identical",
        )

    previous: dict[str, float] | None = None
    for size in (int(s) for s in args.sizes.split(",")):
        result = in_child("--d04", size, repeat if size < 50_000 else 2)
        growth = f"CPU {result['cpu_seconds']:.2f} s"
        if previous is not None:
            scale = math.log(result["projects"] / previous["projects"])
            wall = math.log(result["seconds"] / previous["seconds"]) / scale
            cpu = math.log(result["cpu_seconds"] / previous["cpu_seconds"]) / scale
            growth += (
                f"; growth exponent from {previous['projects']:,.0f}: "
                f"{wall:.2f} (wall), {cpu:.2f} (CPU)"
            )
        table.add(
            f"D04 near-duplicates, {result['projects']:,.0f} projects / "
            f"{result['documents']:,.0f} files",
            f"{result['seconds']:.2f} s",
            growth,
            "< 60 s, exponent ≤ 1.2" if size >= 100_000 else "",
        )
        table.add(
            f"  peak memory ({result['projects']:,.0f})",
            f"{result['peak_mb']:,.0f} MB",
            f"{result['corpus_mb']:,.0f} MB before D04 (the documents)",
            "< 2 GB" if size >= 100_000 else "",
        )
        table.add(
            f"  planted near-duplicates found ({result['projects']:,.0f})",
            f"{result['found_planted'] / max(1, result['qualifying']):.1%}",
            f"{result['found_planted']:,.0f} of {result['qualifying']:,.0f} that score ≥ 0.8 "
            f"({result['planted']:,.0f} planted); {result['findings']:,.0f} findings",
        )
        previous = result

    sample = in_child("--sample-only", args.sample)
    table.add(
        f"all-pairs reference, {sample['projects']:,.0f} projects",
        f"{sample['reference_seconds']:.2f} s",
        f"blocked search {sample['blocked_seconds']:.2f} s = "
        f"{sample['reference_seconds'] / sample['blocked_seconds']:.0f}× faster",
    )
    table.add(
        f"  recall vs all-pairs ({sample['projects']:,.0f})",
        f"{sample['found'] / max(1, sample['reference_pairs']):.1%}",
        f"{sample['found']:,.0f} of {sample['reference_pairs']:,.0f} pairs; "
        f"{sample['extra']:,.0f} not in the reference",
        "≥ 95%",
    )
    print(f"\njxlint scale benchmark — {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    table.print()


if __name__ == "__main__":
    main()

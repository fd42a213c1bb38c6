"""A bounded load test of ``jxlint serve`` on loopback.

Run: ``.venv/bin/python benchmarks/bench_serve.py [--clients 8] [--uploads 50] [--seed 003]
[--workers 2] [--endpoint /api/lint]``. Starts ``jxlint serve`` on a free port, then ``--clients``
threads each post ``--uploads`` uploads of one seed, one after the other, to the JSON API (or to
``/api/review``, what the page calls: the report plus the HTML report and the workbook). Prints
the p50/p95/max latency, the throughput, the number of errors (any answer but 200 with the seed's
findings; must be 0) and the server's resident memory (the server process and its lint workers)
before the load (after one warm-up upload) and after it. Exits 1 when there was an error.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servekit import children, post_files, rss_kb, running_server  # noqa: E402


def server_rss_mb(pid: int) -> float:
    """Resident memory of the server and its child processes (the lint workers), in MB."""
    total = 0
    for process in (pid, *children(pid)):
        try:
            total += rss_kb(process)
        except (OSError, RuntimeError):
            continue
    return total / 1024


def percentile(values: list[float], share: float) -> float:
    """The ``share`` percentile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> int:
    """Run the load test and print its figures; 1 when an upload failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--uploads", type=int, default=50, help="uploads per client")
    parser.add_argument("--seed", default="003", help="the seed uploaded (file name prefix)")
    parser.add_argument("--workers", type=int, default=2, help="jxlint serve --workers")
    parser.add_argument("--endpoint", default="/api/lint", choices=["/api/lint", "/api/review"])
    arguments = parser.parse_args()
    seed = next((ROOT / "fixtures" / "seeds").glob(f"{arguments.seed}*.txt"))
    data = seed.read_bytes()
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    with (
        tempfile.TemporaryDirectory() as directory,
        running_server(
            Path(directory) / "serve.log", "--workers", str(arguments.workers)
        ) as server,
    ):
        url = server.url + arguments.endpoint
        status, first = post_files(url, [(seed.name, data)])
        if status != 200:
            sys.exit(f"the warm-up upload failed: {status} {first}")
        report = first if arguments.endpoint == "/api/lint" else first["report"]
        expected = len(report["findings"])
        rss_before = server_rss_mb(server.process.pid)

        def client() -> None:
            for _ in range(arguments.uploads):
                start = time.perf_counter()
                try:
                    status, answer = post_files(url, [(seed.name, data)])
                except OSError as error:
                    status, answer = 0, {"error": str(error)}
                elapsed = time.perf_counter() - start
                got = answer if arguments.endpoint == "/api/lint" else answer.get("report", {})
                with lock:
                    latencies.append(elapsed)
                    if status != 200 or len(got.get("findings", ())) != expected:
                        errors.append(f"{status}: {answer.get('error', 'wrong findings')}")

        threads = [threading.Thread(target=client) for _ in range(arguments.clients)]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
        rss_after = server_rss_mb(server.process.pid)

    total = len(latencies)
    print(
        f"jxlint serve {arguments.endpoint}: {arguments.clients} clients x {arguments.uploads} "
        f"uploads of {seed.name} ({len(data) / 1024:.0f} KB, {expected} findings), "
        f"--workers {arguments.workers}"
    )
    print(
        f"latency p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
    )
    print(f"throughput {total / wall:.1f} uploads/s ({total} in {wall:.1f} s)")
    print(f"errors {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    print(f"server RSS (server + workers) before {rss_before:.0f} MB, after {rss_after:.0f} MB")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

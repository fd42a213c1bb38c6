"""Per-file work in worker processes (``jxlint lint --jobs N``), results in input order.

Reading and the per-document rules are independent for each file, so they run in a process pool;
the results come back in the order of the inputs, so everything after them (the cross-file
rules, sorting, the report) is the same as in a serial run. On Linux the workers are forked (they
start at once, with everything already imported); elsewhere they are spawned.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_TASK: tuple[Callable[..., Any], tuple[Any, ...]] | None = None
"""The function a worker runs and its extra arguments, set once when the worker starts."""


def default_jobs() -> int:
    """The number of CPUs this process may run on (the default of ``--jobs``)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no sched_getaffinity
        return os.cpu_count() or 1


PARALLEL_MIN_BYTES = 512 * 1024
"""Inputs smaller than this in total are read in this process when ``--jobs`` is not given:
starting workers and sending documents back costs more than such inputs take (about 0.1 s)."""


def automatic_jobs(paths: Sequence[str]) -> int:
    """``--jobs`` when it is not given: :func:`default_jobs` for large inputs, else 1."""
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path)
        except OSError:
            continue
        if total >= PARALLEL_MIN_BYTES:
            return default_jobs()
    return 1


CHUNK_MOST = 8
"""Items a worker takes at a time, at most: a worker keeps a chunk's results until the whole chunk
is done, so chunks of a fixed size keep a large run's memory flat (a sixteenth of 15,000 files
was 937 files' findings in each worker)."""


def _start_task(function: Callable[..., Any], arguments: tuple[Any, ...]) -> None:
    global _TASK
    _TASK = (function, arguments)


def _run_task(item: Any) -> Any:
    assert _TASK is not None, "worker started without a task"
    function, arguments = _TASK
    return function(item, *arguments)


def map_in_order(
    function: Callable[..., Result], items: Sequence[Item], jobs: int, *arguments: Any
) -> Iterator[Result]:
    """``function(item, *arguments)`` for every item, yielded in the order of ``items`` as soon
    as each is ready (so that a caller can show progress).

    Runs in ``jobs`` worker processes when ``jobs`` > 1 and there is more than one item, else in
    this process. ``function``, ``arguments`` and the results must be picklable (the arguments
    are sent to each worker once). ``function`` should catch what it can report itself: an
    exception it raises is raised here, as in a serial run.
    """
    workers = min(jobs, len(items))
    if workers <= 1:
        for item in items:
            yield function(item, *arguments)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    chunk = max(1, min(CHUNK_MOST, len(items) // (workers * 8)))
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_task,
        initargs=(function, arguments),
    ) as pool:
        yield from pool.map(_run_task, items, chunksize=chunk)

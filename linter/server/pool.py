"""A pool of lint worker processes, each request bounded in time and each worker in memory.

A request takes an idle worker, sends it a :class:`~linter.server.work.Job` and waits at most
the time limit. A worker that overruns is killed and replaced; one that dies (a reader crashing
on a hostile file, the memory limit) is replaced too; either way only that request fails, with
a one-line message, and the server goes on. Workers are spawned, not forked (the server runs
threads), and get the config and engine read once when the server started.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from linter.config import Config
from linter.engine import Engine
from linter.errors import internal_error_line
from linter.reporters import ReportError
from linter.server.work import Job, run_job


class WorkerFailure(Exception):
    """A request whose worker overran the time limit or died; the message is one line."""


def _worker_main(connection: Connection, config: Config, engine: Engine, memory: int) -> None:
    """A worker's loop: run each job it receives and send back its result, until the pipe
    closes; it says ``ready`` once it has imported what jobs need. ``memory`` bytes of address space at most (0: no limit): a file that needs more
    fails with the readers' out-of-memory message instead of hurting the machine. A job that
    fails unexpectedly (a jxlint bug) is a one-line failure sent back, never a traceback in the
    server's log (it could quote the upload)."""
    if memory:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    _warm_up()
    connection.send("ready")
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        try:
            result: dict[str, Any] = run_job(job, config, engine)
        except MemoryError:
            result = {"failure": "内存不足，文件太大或太复杂 (out of memory)"}
        except ReportError as error:
            result = {"failure": str(error)}
        except Exception as error:
            result = {"failure": internal_error_line("jxlint serve", error)}
        connection.send(result)


WARM_UP_MODULES = (
    "linter.readers.text",
    "linter.readers.delimited",
    "linter.readers.excel",
    "linter.readers.word",
    "linter.readers.pdf",
    "linter.reporters.json_report",
    "linter.reporters.html_report",
    "linter.reporters.xlsx_report",
)
"""What a worker imports before its first job, so that the first request's time limit is not
spent importing (a reader whose optional package is missing is skipped)."""


def _warm_up() -> None:
    import importlib

    for name in WARM_UP_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue


@dataclass
class _Worker:
    process: Any
    connection: Connection


class LintPool:
    """``size`` worker processes linting with ``config`` and ``engine``; each request at most
    ``timeout`` seconds, each worker at most ``memory`` bytes of address space (0: no limit)."""

    def __init__(
        self, size: int, config: Config, engine: Engine, timeout: float, memory: int
    ) -> None:
        self.size = size
        self.timeout = timeout
        self._arguments = (config, engine, memory)
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: list[_Worker] = []
        self._lock = threading.Lock()

    def _spawn(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main, args=(theirs, *self._arguments), daemon=True
        )
        process.start()
        theirs.close()
        try:
            ready = ours.recv()
        except EOFError:
            ready = None
        if ready != "ready":
            process.join()
            raise RuntimeError(
                "检查进程无法启动，--worker-memory 是否太小？ (a lint worker could not start)"
            )
        worker = _Worker(process, ours)
        with self._lock:
            self._all.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.connection.close()
        with self._lock:
            self._all.remove(worker)

    async def start(self) -> None:
        """Start the workers (call from the server's event loop)."""
        self._idle = asyncio.Queue()
        for _ in range(self.size):
            self._idle.put_nowait(await asyncio.to_thread(self._spawn))

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._retire(worker)

    @staticmethod
    def _call(worker: _Worker, job: Job) -> dict[str, Any]:
        worker.connection.send(job)
        return worker.connection.recv()

    def _replace(self, worker: _Worker) -> _Worker:
        self._retire(worker)
        return self._spawn()

    async def run(self, job: Job) -> dict[str, Any]:
        """The worker's result for ``job``; :class:`WorkerFailure` when the worker overran the
        time limit, died or ran out of memory (it is replaced). A request cancelled while its
        worker runs (the client went away) has its worker replaced too."""
        assert self._idle is not None, "LintPool.start() was not called"
        idle = self._idle
        worker = await idle.get()
        try:
            result = await asyncio.wait_for(
                asyncio.to_thread(self._call, worker, job), self.timeout
            )
        except asyncio.TimeoutError:
            failure = WorkerFailure(
                f"检查超时（超过 {self.timeout:g} 秒），文件可能过大或异常 "
                f"(linting took longer than {self.timeout:g} s)"
            )
        except (EOFError, OSError):
            failure = WorkerFailure(
                "检查进程意外退出，文件可能已损坏或过于复杂 (the lint worker died on this upload)"
            )
        except BaseException:
            loop = asyncio.get_running_loop()
            replaced = loop.run_in_executor(None, self._replace, worker)
            replaced.add_done_callback(lambda done: idle.put_nowait(done.result()))
            raise
        else:
            if "failure" not in result:
                idle.put_nowait(worker)
                return result
            failure = WorkerFailure(result["failure"])
        idle.put_nowait(await asyncio.to_thread(self._replace, worker))
        raise failure

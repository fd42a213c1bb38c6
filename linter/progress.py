"""A progress bar on stderr while a long run reads and lints its files.

Shown only when stderr is a terminal and the run has taken more than :data:`SHOW_AFTER`
seconds (nothing in pipes, files or CI logs, nothing for a quick run); it disappears when the
run ends, so the report that follows is all that stays on the screen.
"""

from __future__ import annotations

import time
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

SHOW_AFTER = 1.0
"""Seconds a run must have taken before the bar appears."""

READING, CROSS_FILE = "逐个检查中", "跨文件查重"
"""What the bar says while files are read and linted, and after the last (same width)."""


def wants_progress(stream: IO[str]) -> bool:
    """Whether a progress bar belongs on ``stream``: a terminal, not a pipe, file or CI log."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class TerminalProgress:
    """:class:`~linter.lint.RunProgress` as a rich progress bar: files done of all, projects
    read and read per second, time taken and time left; the cross-file checks are named once the last file is done."""

    def __init__(self, stream: IO[str], show_after: float = SHOW_AFTER) -> None:
        self.stream = stream
        self.show_after = show_after
        self.started = time.monotonic()
        self.projects = 0
        self.bar: Progress | None = None
        self.task: TaskID | None = None
        self.total = 0
        self.done = 0

    def start(self, files: int) -> None:
        """Remember how many files the run will read."""
        self.total = files

    def file_done(self, projects: int | None) -> None:
        """Count one more file and its projects (``None``: unreadable); show the bar once the
        run is slow enough."""
        self.done += 1
        if projects is not None:
            self.projects += projects
        if self.bar is None and time.monotonic() - self.started >= self.show_after:
            self._show()
        if self.bar is not None and self.task is not None:
            last = self.done == self.total
            self.bar.update(
                self.task,
                completed=self.done,
                projects=self.projects,
                rate=self._rate(),
                description=CROSS_FILE if last else READING,
            )

    def _rate(self) -> int:
        """Projects read per second so far."""
        return round(self.projects / max(time.monotonic() - self.started, 1e-3))

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("个文件 · {task.fields[projects]} 个项目 · {task.fields[rate]} 项目/秒"),
            TimeElapsedColumn(),
            TextColumn("剩余"),
            TimeRemainingColumn(),
            console=Console(file=self.stream),
            transient=True,
        )
        self.task = self.bar.add_task(
            READING,
            total=self.total,
            completed=self.done,
            projects=self.projects,
            rate=self._rate(),
        )
        self.bar.start()

    def close(self) -> None:
        """Remove the bar (if it was shown)."""
        if self.bar is not None:
            self.bar.stop()

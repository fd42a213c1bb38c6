"""The progress bar: on a terminal after a second, never in a pipe, a file or with --quiet."""

from __future__ import annotations

import io

from typer.testing import CliRunner

from linter.cli import app
from linter.progress import CROSS_FILE, TerminalProgress, wants_progress
from tests.conftest import lint, seed


class Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_only_a_terminal_gets_a_progress_bar(tmp_path) -> None:
    assert wants_progress(Terminal())
    assert not wants_progress(io.StringIO())
    with open(tmp_path / "log", "w", encoding="utf-8") as log:
        assert not wants_progress(log)


def test_the_bar_counts_files_and_projects_once_the_run_is_slow() -> None:
    stream = Terminal()
    progress = TerminalProgress(stream, show_after=0.0)
    document = lint(str(seed("003"))).documents[0]
    progress.start(2)
    progress.file_done(len(document.projects()))
    progress.file_done(None)
    task = progress.bar.tasks[0]
    assert (task.completed, task.total, task.fields["projects"]) == (2, 2, 69)
    assert task.description == CROSS_FILE
    progress.close()
    assert "69 个项目" in stream.getvalue() and "项目/秒" in stream.getvalue()


def test_a_quick_run_shows_no_bar() -> None:
    stream = Terminal()
    progress = TerminalProgress(stream, show_after=3600)
    progress.start(1)
    progress.file_done(None)
    progress.close()
    assert progress.bar is None and stream.getvalue() == ""


def test_quiet_keeps_stderr_for_errors_only(tmp_path) -> None:
    baseline = tmp_path / "baseline.json"
    args = ["lint", str(seed("001")), "--write-baseline", str(baseline)]
    loud = CliRunner().invoke(app, args)
    quiet = CliRunner().invoke(app, [*args, "--quiet"])
    assert "基线已写入" in loud.stderr and quiet.stderr == ""
    assert quiet.exit_code == loud.exit_code == 0

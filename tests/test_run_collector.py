"""``jxlint lint`` runs without CPython's automatic cyclic collector (a batch process) and
collects the few reference cycles between files."""

from __future__ import annotations

import gc
import platform
import weakref
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from linter import lint
from linter.cli import app
from tests.conftest import SEEDS

pytestmark = pytest.mark.skipif(
    platform.python_implementation() != "CPython", reason="the collector is CPython's"
)


@pytest.fixture
def collector_enabled() -> Iterator[None]:
    """The test starts with automatic collection and leaves the process as it was."""
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_lint_runs_without_automatic_collection(collector_enabled: None) -> None:
    result = CliRunner().invoke(app, ["lint", str(SEEDS[0]), "--exit-zero", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert not gc.isenabled()


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def _cycle() -> weakref.ref:
    first, second = _Node(), _Node()
    first.other, second.other = second, first
    return weakref.ref(first)


def test_a_batch_collects_cycles_between_files_once_enough_objects_were_made(
    collector_enabled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    gc.disable()
    gc.collect()
    monkeypatch.setattr(lint, "CYCLE_SWEEP", 1_000)
    kept = _cycle()
    lint.sweep_cycles()
    assert kept() is not None  # too few objects made since the last collection
    made = [[] for _ in range(2_000)]
    lint.sweep_cycles()
    assert kept() is None and made


def test_a_process_with_automatic_collection_is_left_to_it(
    collector_enabled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lint, "CYCLE_SWEEP", 0)
    monkeypatch.setattr(gc, "collect", lambda *a: pytest.fail("collected by hand"))
    lint.sweep_cycles()

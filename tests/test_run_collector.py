"""``jxlint lint`` runs CPython's cyclic garbage collector less often (a batch process)."""

from __future__ import annotations

import gc
import platform
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from linter.cli import app
from linter.lint import BATCH_GC_THRESHOLD
from tests.conftest import SEEDS

pytestmark = pytest.mark.skipif(
    platform.python_implementation() != "CPython", reason="thresholds are CPython's"
)


@pytest.fixture
def default_thresholds() -> Iterator[None]:
    """The test starts with CPython's default thresholds and leaves the process as it was."""
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_lint_tunes_the_collector_for_the_batch(default_thresholds: None) -> None:
    result = CliRunner().invoke(app, ["lint", str(SEEDS[0]), "--exit-zero", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert gc.get_threshold() == BATCH_GC_THRESHOLD

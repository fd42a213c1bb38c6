"""Shared test helpers: paths to fixtures and snapshot comparison."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

from linter.config import Config
from linter.lint import LintResult, build_engine, lint_paths

settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    # CI replays the same generated examples every run: a red build is reproducible, never luck.
    # Fuzzing with fresh examples is done outside CI (see tests/test_properties.py).
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


def lint(*paths: str) -> LintResult:
    """Lint ``paths`` with the default configuration (every rule, default severities)."""
    config = Config()
    return lint_paths(list(paths), config, build_engine(config))


def seed(prefix: str) -> Path:
    """The seed fixture whose file name starts with ``prefix`` (e.g. ``"003"``)."""
    return next(path for path in SEEDS if path.name.startswith(prefix))


def relative(path: Path) -> str:
    """A path relative to the repository root, as tests pass it to jxlint."""
    return str(path.relative_to(ROOT))


def assert_snapshot(name: str, data: object) -> None:
    """Compare ``data`` with ``tests/snapshots/<name>.json``.

    Set ``JXLINT_UPDATE_SNAPSHOTS=1`` to rewrite the snapshot (then review the diff by eye).
    """
    path = SNAPSHOTS / f"{name}.json"
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    if os.environ.get("JXLINT_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing snapshot {path}; run with JXLINT_UPDATE_SNAPSHOTS=1"
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text)


@pytest.fixture()
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test from the repository root so relative fixture paths work."""
    monkeypatch.chdir(ROOT)
    return ROOT

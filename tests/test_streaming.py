"""Streamed reports: written file by file as the run goes, without its documents, and byte for
byte the report a whole run renders; a run keeps no document it does not need."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.corpus import generate, write_corpus
from linter.config import Config
from linter.lint import build_engine, lint_paths
from linter.reporters import STREAMING, StreamingReport, render
from tests.conftest import SEEDS

OPTIONS = {"color": False, "width": None, "root": None, "show_info": False}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Inputs whose order is not the report's: a generated corpus with near-duplicates across
    files, a seed given before the directory it sorts after, the same file twice, an unreadable
    file, and a folder whose files come before its subfolder's in a walk but after them by path."""
    folder = tmp_path_factory.mktemp("stream")
    write_corpus(generate(240, duplicate_rate=0.1, per_document=30, seed=21), folder / "b", "tsv")
    write_corpus(generate(60, per_document=30, seed=22), folder / "b" / "a", "text")
    (folder / "b" / "zz_unreadable.txt").write_bytes(b"PK\x03\x04" + bytes(range(256)))
    seed = folder / "c_seed.txt"
    shutil.copyfile(SEEDS[-1], seed)
    return [str(seed), str(folder / "b"), *map(str, SEEDS), str(SEEDS[0])]


def streamed(paths: list[str], output_format: str, jobs: int = 1, **options: object) -> str:
    """The report as ``jxlint lint`` streams it."""
    chunks: list[str] = []
    report = StreamingReport(output_format, chunks.append, **{**OPTIONS, **options})
    engine = build_engine(Config())
    result = lint_paths(paths, Config(), engine, jobs, keep_documents=False, report=report)
    report.end(result)
    assert result.findings == [] and result.documents == []
    return "".join(chunks)


@pytest.fixture(scope="module")
def whole_run(inputs: list[str]):
    """The run with its documents and findings kept, as a whole-run report sees it."""
    return lint_paths(inputs, Config(), build_engine(Config()), 1)


@pytest.mark.parametrize("output_format", sorted(STREAMING))
def test_a_streamed_report_is_the_whole_run_report(inputs, whole_run, output_format) -> None:
    expected = render(output_format, whole_run, **OPTIONS)
    assert streamed(inputs, output_format) == expected
    assert "D04" in expected
    assert ("zz_unreadable" in expected) is (output_format != "jsonl")  # jsonl: findings only


def test_a_streamed_text_report_with_infos_and_color_is_the_whole_run_report(
    inputs, whole_run
) -> None:
    options = {"color": True, "width": 72, "show_info": True}
    expected = render("text", whole_run, **{**OPTIONS, **options})
    assert streamed(inputs, "text", **options) == expected


def test_a_streamed_report_is_the_same_with_two_jobs(inputs) -> None:
    assert streamed(inputs, "jsonl", jobs=2) == streamed(inputs, "jsonl")


@pytest.mark.parametrize("output_format", ["json", "sarif", "junit"])
def test_a_report_without_documents_is_the_report_with_them(
    inputs, whole_run, output_format
) -> None:
    light = lint_paths(inputs, Config(), build_engine(Config()), 1, keep_documents=False)
    assert light.documents == [] and light.findings == whole_run.findings
    assert render(output_format, light, **OPTIONS) == render(output_format, whole_run, **OPTIONS)


def test_the_report_is_in_path_order_whatever_the_input_order(inputs, whole_run) -> None:
    paths = [finding.path for finding in whole_run.findings]
    assert paths == sorted(paths) and paths[0] != inputs[0]
    assert whole_run.files[0].path == inputs[0]


def test_the_cli_streams_to_a_file_only_when_the_run_is_over(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from linter.cli import app

    target = tmp_path / "report.jsonl"
    done = CliRunner().invoke(app, ["lint", *map(str, SEEDS), "-f", "jsonl", "-o", str(target)])
    assert done.exit_code == 1
    whole = lint_paths(list(map(str, SEEDS)), Config(), build_engine(Config()), 1)
    assert target.read_text(encoding="utf-8") == render("jsonl", whole)
    assert [p.name for p in tmp_path.iterdir()] == ["report.jsonl"]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list:
    """The temporary files the run opens (every spool and spill goes through
    ``tempfile.TemporaryFile``)."""
    import tempfile

    files: list = []
    original = tempfile.TemporaryFile

    def spy(**arguments):
        files.append(original(**arguments))
        return files[-1]

    monkeypatch.setattr("tempfile.TemporaryFile", spy)
    return files


def test_a_report_spooled_to_disk_is_the_whole_run_report(
    inputs, whole_run, monkeypatch, opened
) -> None:
    monkeypatch.setattr("linter.lint.SPOOL_IN_MEMORY", 100)
    for output_format in ("text", "jsonl"):
        assert streamed(inputs, output_format) == render(output_format, whole_run, **OPTIONS)
    assert len(opened) == 2 and all(stream.closed for stream in opened)
    light = lint_paths(inputs, Config(), build_engine(Config()), 2, keep_documents=False)
    assert light.findings == whole_run.findings and len(opened) == 2  # it keeps them: no spool


def test_cross_file_keeps_on_disk_give_the_whole_run_report(
    inputs, whole_run, monkeypatch, opened
) -> None:
    """D04's signatures, its n-gram codes and partitions all written to disk and read back: the
    same report, same-file twins still described as such (their document and unit are one
    object again once loaded), and every scratch file closed."""
    monkeypatch.setattr("linter.lint.COLLECTED_IN_MEMORY", 0)
    monkeypatch.setattr("rules.blocking.CODES_IN_MEMORY", 0)
    monkeypatch.setattr("rules.blocking.PROJECTS_PER_PARTITION", 16)
    monkeypatch.setattr("rules.blocking.BUFFERED_CODES", 200)
    (same_unit,) = [f for f in whole_run.findings if f.code == "D04" and "同一单位" in f.message]
    for output_format in ("jsonl", "text"):
        expected = render(output_format, whole_run, **OPTIONS)
        assert streamed(inputs, output_format) == expected
    assert same_unit.message in render("jsonl", whole_run, **OPTIONS)
    assert len(opened) == 8 and all(stream.closed for stream in opened)

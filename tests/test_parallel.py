"""``jxlint lint --jobs N``: the same report, byte for byte, as a serial run; per-file errors stay
one line; and the generated corpus the scale benchmarks use reads back as generated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import corpus_documents, generate, write_corpus
from linter.parallel import PARALLEL_MIN_BYTES, automatic_jobs, default_jobs, map_in_order
from linter.readers import read_document
from tests.conftest import ROOT, SEEDS


def run_lint(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "linter", "lint", "--format", "json", *arguments],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 400 projects in TSV and text files, with near-duplicates planted across files."""
    folder = tmp_path_factory.mktemp("corpus")
    corpus = generate(400, duplicate_rate=0.05, per_document=40, seed=11)
    write_corpus(corpus, folder / "tsv", "tsv")
    write_corpus(generate(120, per_document=40, seed=12), folder / "text", "text")
    return folder


def test_jobs_two_gives_the_serial_report_on_the_seeds() -> None:
    serial = run_lint("-j", "1", *map(str, SEEDS))
    parallel = run_lint("--jobs", "2", *map(str, SEEDS))
    assert serial.returncode == parallel.returncode == 1
    assert parallel.stdout == serial.stdout
    assert '"code": "D04"' in serial.stdout


def test_jobs_two_gives_the_serial_report_on_a_generated_corpus(small_corpus: Path) -> None:
    serial = run_lint("-j", "1", str(small_corpus))
    parallel = run_lint("-j", "2", str(small_corpus))
    assert parallel.returncode == serial.returncode
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr == ""
    # the planted copies are found across files, so the run-wide rule saw every document
    assert serial.stdout.count('"code": "D04"') >= 10


def test_an_unreadable_file_in_a_parallel_run_is_one_line(tmp_path: Path) -> None:
    for seed in SEEDS[:3]:
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "002_empty.txt").write_bytes(b"")
    (tmp_path / "005_binary.txt").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    serial = run_lint("-j", "1", str(tmp_path))
    parallel = run_lint("-j", "2", str(tmp_path))
    assert parallel.returncode == serial.returncode == 2
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr
    errors = parallel.stderr.splitlines()
    assert len(errors) == 2
    assert "002_empty.txt" in errors[0] and "空文件" in errors[0]
    assert "005_binary.txt" in errors[1]
    assert "Traceback" not in parallel.stderr
    assert parallel.stdout.count('"status": "ok"') == 3


def _square_unless_three(number: int, offset: int) -> int | str:
    return "three" if number == 3 else number * number + offset


def test_map_in_order_keeps_the_input_order() -> None:
    items = list(range(40))
    expected = [_square_unless_three(n, 1) for n in items]
    assert list(map_in_order(_square_unless_three, items, 2, 1)) == expected
    assert list(map_in_order(_square_unless_three, items, 1, 1)) == expected
    assert list(map_in_order(_square_unless_three, [5], 4, 1)) == [26]
    assert list(map_in_order(_square_unless_three, [], 2, 1)) == []


def test_without_jobs_small_inputs_stay_in_one_process(tmp_path: Path) -> None:
    small = [str(seed) for seed in SEEDS]
    assert automatic_jobs(small) == 1
    big = tmp_path / "big.tsv"
    big.write_bytes(b"x" * PARALLEL_MIN_BYTES)
    assert automatic_jobs([*small, str(big)]) == default_jobs() >= 1
    assert automatic_jobs([str(tmp_path / "missing.txt")]) == 1


def test_corpus_documents_in_memory_equal_the_written_files(tmp_path: Path) -> None:
    corpus = generate(300, duplicate_rate=0.1, per_document=50, seed=3)
    paths = write_corpus(corpus, tmp_path, "tsv")
    documents = list(corpus_documents(corpus, str(tmp_path)))
    assert [d.path for d in documents] == paths
    for path, document in zip(paths, documents, strict=True):
        read = read_document(path)
        assert read.notes == ()
        assert read.units == document.units
        assert (read.department, read.total) == (document.department, document.total)
    projects = [p for d in documents for p in d.projects()]
    assert len(projects) == corpus.project_count == 300
    assert len(corpus.planted) >= 15
    assert all(i < j for i, j in corpus.planted)


def test_text_dumps_read_back_as_generated(small_corpus: Path) -> None:
    corpus = generate(120, per_document=40, seed=12)
    for spec, path in zip(corpus.documents, sorted((small_corpus / "text").iterdir()), strict=True):
        read = read_document(str(path))
        assert [(p.name, p.goal) for p in read.projects()] == [
            (p.name, p.goal) for p in spec.projects()
        ]
        assert [len(p.indicators) for p in read.projects()] == [
            len(p.indicators) for p in spec.projects()
        ]


def test_generation_is_deterministic() -> None:
    one, two = generate(200, seed=5), generate(200, seed=5)
    assert one.documents == two.documents and one.planted == two.planted
    assert generate(200, seed=6).documents != one.documents

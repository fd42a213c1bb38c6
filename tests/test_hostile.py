"""Hostile, broken and odd inputs: never crash, never hide a row, never touch the inputs.

Every file under ``fixtures/hostile`` (see ``make_hostile.py`` there) is linted by the CLI in its
own process, with a timeout and an address-space limit (``RLIMIT_AS``): it must give either
findings (and the notes that account for its odd content) or exactly one stderr line naming the
file and exit 2. Files that are too big or impossible to commit (the 100 MB dump, a file over the
size limit, a FIFO, symlink loops) are made in temporary directories. The run as a whole must go on
past failing files, write nowhere but ``--output``, leave the inputs as they were, and print the
same bytes every time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

import linter.lint
from linter import cli
from linter.cli import app
from linter.engine import Engine
from linter.errors import InputError, internal_error_line
from linter.limits import (
    DEFAULT_LIMITS,
    MB,
    LimitError,
    Limits,
    check_cell_count,
    check_pdf_pages,
    check_zip_archive,
    current_limits,
    limits_from_settings,
    parse_size,
    use_limits,
)
from tests.conftest import ROOT, seed

if sys.platform == "win32":  # pragma: no cover
    pytest.skip("resource limits and FIFOs need a POSIX system", allow_module_level=True)

HOSTILE = ROOT / "fixtures" / "hostile"
SEED_001 = seed("001")

_spec = importlib.util.spec_from_file_location("make_hostile", HOSTILE / "make_hostile.py")
assert _spec is not None and _spec.loader is not None
make_hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_hostile)

ERRORS: dict[str, str | None] = {
    "empty.txt": "空文件",
    "blank.txt": "空文件",
    "header_only.txt": "没有找到带金额的行",
    "header_only.csv": "没有找到带金额的行",
    "binary_junk.txt": "二进制文件",
    "binary_junk_no_nul.txt": "无法识别的文本编码",
    "html_renamed.xls": None,
    "truncated.xlsx": None,
    "zip_bomb.xlsx": None,
    "truncated.pdf": None,
    "encrypted.pdf": None,
    "no_text_layer.pdf": None,
}
"""Files that must fail with one line naming them (and exit 2): the reason when it is ours to
word; ``None`` for the workbook/PDF readers', whose wording may change."""

SAME_AS_SEED = (
    "gb18030.txt",
    "utf16le_bom.txt",
    "utf16be_bom.txt",
    "utf8_bom.txt",
    "mixed_line_endings.txt",
)
"""The seed 001 table in another encoding or with other line ends: the seed's findings."""

FINDINGS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(SAME_AS_SEED, ()),
    "truncated_utf8.txt": ("无法识别的字符",),
    "stray_byte_utf8.txt": ("无法识别的字符",),
    "bad_amounts.txt": ("疑似金额但格式不对，未作为金额读取：1,2,3.4.5", "“。”之后还有文字"),
    "bad_amounts.tsv": ("不是数字：1,2,3.4.5", "不是数字：1,2,3：", "1e5", "NaN", "１２.００"),
    "numbering_coded.txt": ("指标编号 1、 与顺序 3 不符", "指标编号 3、 与顺序 2 不符"),
    "numbering_uncoded.txt": ("指标编号 1、 与顺序 3 不符", "指标编号 4、 与顺序 3 不符"),
    "indicators_200.txt": (),
    "long_names.txt": ("名称长达 2000 字",),
    "control_characters.txt": ("控制字符（不可见）已替换为 �：共 7 处",),
    "rtl_marks.txt": ("双向控制字符已替换为 �：共 9 处",),
    "stray_fragments.txt": ("注：本表金额单位为万元", "缺少实施周期指标值"),
    "stray_fragments.tsv": (
        "已按单位读取：注：本表数据来源于预算系统",
        "已按项目读取：没有金额的项目",
        "行没有项目或单位名称",
        "表头之外的列有内容，未读取：多出来的一列",
        "指标“无标签”缺少实施周期指标值和年度指标值",
    ),
    "unclosed_quote.csv": ("引号未闭合",),
}
"""Files that must be linted: the messages (substrings) of findings that account for their odd
content, which must all be there."""

TIMEOUT = 60
MEMORY = 512 * MB
"""Per-fixture bounds: a run of the CLI measured at under 1 s and 256 MB of address space."""


@dataclass
class Run:
    """One CLI run: exit code, output, and how long it took."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float

    def report(self) -> dict:
        """The JSON report on stdout."""
        return json.loads(self.stdout)


LIMITED = (
    "import resource, runpy, sys\n"
    "limit = int(sys.argv.pop(1))\n"
    "resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
    "runpy.run_module('linter', run_name='__main__', alter_sys=True)\n"
)
"""The child: limit its own address space, then run ``python -m linter`` (no ``preexec_fn``,
which is unsafe with the threads the ``runs`` fixture uses)."""


def jxlint(
    *args: str,
    cwd: Path = ROOT,
    timeout: float = TIMEOUT,
    memory: int = MEMORY,
    env: dict[str, str] | None = None,
) -> Run:
    """Run ``python -m linter ARGS`` in a child process under a timeout and an RLIMIT_AS."""
    start = time.monotonic()
    process = subprocess.run(
        [sys.executable, "-c", LIMITED, str(memory), *args],
        cwd=cwd,
        capture_output=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        check=False,
    )
    return Run(
        process.returncode,
        process.stdout.decode("utf-8"),
        process.stderr.decode("utf-8"),
        time.monotonic() - start,
    )


def fixture_names() -> list[str]:
    """Every committed hostile fixture."""
    return sorted(p.name for p in HOSTILE.iterdir() if p.is_file() and p.suffix != ".py")


def relative(name: str) -> str:
    return f"fixtures/hostile/{name}"


@pytest.fixture(scope="module")
def runs() -> dict[str, Run]:
    """``jxlint lint FIXTURE --format json`` for every fixture (and seed 001), two at a time."""
    names = [*fixture_names(), "seed-001"]

    def run(name: str) -> Run:
        path = str(SEED_001.relative_to(ROOT)) if name == "seed-001" else relative(name)
        return jxlint("lint", path, "--format", "json")

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(names, pool.map(run, names), strict=True))


def comparable_findings(report: dict) -> list[tuple]:
    return [(f["code"], f["location"]["line"], f["message"]) for f in report["findings"]]


def test_every_fixture_has_an_expected_outcome() -> None:
    assert set(fixture_names()) == set(ERRORS) | set(FINDINGS)
    assert not set(ERRORS) & set(FINDINGS)


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_broken_file_is_one_error_line(runs: dict[str, Run], name: str) -> None:
    run = runs[name]
    lines = run.stderr.splitlines()
    assert run.returncode == 2, run.stderr
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(f"jxlint: 错误 error: {relative(name)}"), lines[0]
    assert "Traceback" not in run.stderr
    reason = ERRORS[name]
    assert reason is None or reason in lines[0]
    files = run.report()["files"]
    assert files == [
        {"path": relative(name), "format": None, "status": "error", "error": files[0]["error"]}
    ]
    assert files[0]["error"] in lines[0]


@pytest.mark.parametrize("name", sorted(FINDINGS))
def test_odd_file_is_linted_and_accounted_for(runs: dict[str, Run], name: str) -> None:
    run = runs[name]
    assert run.returncode in (0, 1), run.stderr
    assert run.stderr == ""
    report = run.report()
    assert report["files"][0]["status"] == "ok"
    assert report["findings"], "a hostile file must give findings"
    messages = "\n".join(f["message"] for f in report["findings"])
    for expected in FINDINGS[name]:
        assert expected in messages
    if name in SAME_AS_SEED:
        assert comparable_findings(report) == comparable_findings(runs["seed-001"].report())


def test_every_fixture_ran_in_bounded_time(runs: dict[str, Run]) -> None:
    slow = {name: round(run.seconds, 1) for name, run in runs.items() if run.seconds > 15}
    assert not slow


def test_two_hundred_indicators_and_long_names_are_read_whole() -> None:
    from linter.readers import read_document

    project = read_document(str(HOSTILE / "indicators_200.txt")).projects()[0]
    assert [i.number for i in project.indicators] == list(range(1, 201))
    assert project.indicators[-1].annual_value == "≥200次"
    document = read_document(str(HOSTILE / "long_names.txt"))
    unit = document.units[0]
    assert len(unit.name) == 2000 and len(unit.projects[0].name) == 2000
    assert len(unit.projects[0].indicators[0].name) == 2000


@pytest.mark.parametrize("name", ["control_characters.txt", "rtl_marks.txt"])
def test_odd_characters_never_reach_the_terminal(name: str) -> None:
    run = jxlint("lint", relative(name), "--color", "never")
    for char in ("\x07", "\x1b", "\x0b", "\x7f", "\x85", "\u202e", "\u200f", "\u2066", "\u2067"):
        assert char not in run.stdout
    assert "�" in run.stdout


def test_one_run_over_every_fixture_lints_the_good_files() -> None:
    paths = [relative(name) for name in fixture_names()] + [str(SEED_001.relative_to(ROOT))]
    run = jxlint("lint", *paths, "--format", "json", timeout=120, memory=MEMORY)
    assert run.returncode == 2
    errors = run.stderr.splitlines()
    assert [line.split(": ")[2] for line in errors] == [relative(n) for n in sorted(ERRORS)]
    report = run.report()
    status = {entry["path"]: entry["status"] for entry in report["files"]}
    assert status == {
        **{relative(n): "error" for n in ERRORS},
        **{relative(n): "ok" for n in FINDINGS},
        str(SEED_001.relative_to(ROOT)): "ok",
    }
    linted = {f["path"] for f in report["findings"]}
    assert linted == {path for path, state in status.items() if state == "ok"}


# --------------------------------------------------------------------------------------------------
# Big files and limits


def test_hundred_megabyte_dump_in_bounded_time_and_memory(tmp_path: Path) -> None:
    dump = tmp_path / "dump.txt"
    make_hostile.write_hundred_megabyte_dump(dump)
    assert dump.stat().st_size >= 100_000_000
    run = jxlint("lint", str(dump), "--format", "json", timeout=120, memory=1024 * MB)
    assert run.returncode == 1, run.stderr
    report = run.report()
    assert report["files"][0]["status"] == "ok"
    assert report["summary"]["projects"] == 8
    cut = [f for f in report["findings"] if "（max-field-length），其后" in f["message"]]
    assert len(cut) == 1 and cut[0]["code"] == "S05"


def test_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(300 * MB)  # sparse: no disk used, but reading it would take 300 MB
    run = jxlint("lint", str(huge), memory=256 * MB)
    assert run.returncode == 2
    assert run.stderr == (
        f"jxlint: 错误 error: {huge}: 文件大小 300 MB 超过限制 200 MB，可用配置项 max-file-size "
        "调整 (file size 300 MB over the limit 200 MB)\n"
    )


def test_size_limit_comes_from_the_config(tmp_path: Path) -> None:
    shutil.copy(SEED_001, tmp_path / "table.txt")
    (tmp_path / "jxlint.toml").write_text('max-file-size = "2 KB"\n', encoding="utf-8")
    run = jxlint("lint", "table.txt", cwd=tmp_path)
    assert run.returncode == 2 and "超过限制 2 KB，可用配置项 max-file-size" in run.stderr
    parse = jxlint("parse", "table.txt", cwd=tmp_path)
    assert parse.returncode == 2 and "超过限制 2 KB" in parse.stderr


@pytest.mark.parametrize(
    ("setting", "reason"),
    [
        ('max-file-size = "huge"', "“max-file-size” 应为字节数"),
        ("max-file-size = 0", "“max-file-size” 应大于 0"),
        ('max-cells = "many"', "“max-cells” 应为正整数"),
        ("max-pdf-pages = true", "“max-pdf-pages” 应为正整数"),
        ("max-field-length = -5", "“max-field-length” 应大于 0"),
    ],
)
def test_bad_limit_in_config_is_a_config_error(tmp_path: Path, setting: str, reason: str) -> None:
    shutil.copy(SEED_001, tmp_path / "table.txt")
    (tmp_path / "jxlint.toml").write_text(f'fail-on = "never"\n{setting}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", str(tmp_path / "table.txt")])
    assert result.exit_code == 2
    assert f"{tmp_path / 'jxlint.toml'}:2:" in result.stderr and reason in result.stderr


def test_parse_size() -> None:
    assert parse_size(1024) == 1024
    assert parse_size("200 MB") == 200 * MB
    assert parse_size("1.5GB") == 1536 * MB
    assert parse_size("512 kb") == 512 * 1024
    for bad in ("", "12 parsecs", "-1 MB", True, 2.5, 0):
        with pytest.raises(ValueError):
            parse_size(bad)


def test_limits_from_settings_and_current_limits() -> None:
    limits = limits_from_settings({"max-file-size": "1 GB", "max-pdf-pages": 10})
    assert limits.max_file_size == 1024 * MB and limits.max_pdf_pages == 10
    assert limits.max_cells == DEFAULT_LIMITS.max_cells
    with pytest.raises(LimitError) as caught:
        limits_from_settings({"max-cells": 0})
    assert caught.value.key == "max-cells"
    assert current_limits() is DEFAULT_LIMITS
    with use_limits(limits):
        assert current_limits() is limits
    assert current_limits() is DEFAULT_LIMITS


def test_zip_guard_refuses_bombs_and_broken_archives_before_decompressing() -> None:
    bomb = (HOSTILE / "zip_bomb.xlsx").read_bytes()
    with pytest.raises(InputError, match="压缩比（疑似 zip 炸弹） 1015:1 超过限制 100:1"):
        check_zip_archive(bomb, "bomb.xlsx")
    with pytest.raises(InputError, match="解压后大小 128 MB 超过限制 64 MB"):
        check_zip_archive(bomb, "bomb.xlsx", Limits(max_workbook_size=64 * MB))
    check_zip_archive(bomb, "bomb.xlsx", Limits(max_compression_ratio=2000))
    with pytest.raises(InputError, match="已损坏或不完整"):
        check_zip_archive((HOSTILE / "truncated.xlsx").read_bytes(), "cut.xlsx")
    check_zip_archive(make_hostile.small_workbook(), "ok.xlsx")
    check_zip_archive(
        str(HOSTILE / "zip_bomb.xlsx"), "bomb.xlsx", Limits(max_compression_ratio=2000)
    )


def test_cell_and_page_limits_name_their_config_keys() -> None:
    check_cell_count("a.xlsx", DEFAULT_LIMITS.max_cells)
    with pytest.raises(InputError, match=r"单元格数 5,000,001 超过限制 5,000,000.*max-cells"):
        check_cell_count("a.xlsx", DEFAULT_LIMITS.max_cells + 1)
    with use_limits(Limits(max_pdf_pages=3)):
        check_pdf_pages("a.pdf", 3)
        with pytest.raises(InputError, match=r"PDF 页数 4 超过限制 3.*max-pdf-pages"):
            check_pdf_pages("a.pdf", 4)


def test_field_length_limit_keeps_the_rest_as_a_note() -> None:
    from linter.readers import read_bytes

    data = SEED_001.read_bytes() + ("很长的附录文字。" * 3000).encode()
    with use_limits(Limits(max_field_length=500)):
        document = read_bytes(data, "appendix.txt")
    last = document.projects()[-1].indicators[-1]
    assert len(last.annual_value) == 500 and len(last.raw) == 500
    notes = [n for n in document.notes if n.kind == "too-long"]
    assert len(notes) == 1 and "年度指标值超过 500 字" in notes[0].message
    assert notes[0].location == last.location


# --------------------------------------------------------------------------------------------------
# Directories: special files, symlink loops, unreadable files


def test_directory_with_fifo_and_symlink_loops_terminates(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SEED_001, folder / "good.txt")
    os.mkfifo(folder / "fifo.txt")  # opening it for reading would block forever
    (folder / "loop").symlink_to(".", target_is_directory=True)
    (folder / "sub" / "up").symlink_to("..", target_is_directory=True)
    (folder / "self.txt").symlink_to("self.txt")
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    run = jxlint("lint", str(folder), "--format", "json", timeout=30)
    status = {Path(f["path"]).name: f for f in run.report()["files"]}
    assert sorted(status) == ["dangling.txt", "fifo.txt", "good.txt", "self.txt"]
    assert status["good.txt"]["status"] == "ok"
    assert "不是普通文件" in status["fifo.txt"]["error"]
    assert "文件不存在" in status["dangling.txt"]["error"]
    assert "无法读取" in status["self.txt"]["error"]
    assert run.returncode == 2 and len(run.stderr.splitlines()) == 3
    assert {f["path"] for f in run.report()["findings"]} == {str(folder / "good.txt")}


@pytest.mark.skipif(
    os.geteuid() == 0, reason="running as root: chmod 000 does not stop root from reading"
)
def test_unreadable_file_and_directory_are_reported(tmp_path: Path) -> None:
    shutil.copy(SEED_001, tmp_path / "good.txt")
    locked = tmp_path / "locked.txt"
    shutil.copy(SEED_001, locked)
    locked.chmod(0)
    closed = tmp_path / "closed"
    closed.mkdir()
    shutil.copy(SEED_001, closed / "inside.txt")
    closed.chmod(0)
    try:
        run = jxlint("lint", str(tmp_path), "--format", "json")
    finally:
        closed.chmod(0o755)
        locked.chmod(0o644)
    status = {Path(f["path"]).name: f for f in run.report()["files"]}
    assert "没有读取权限" in status["locked.txt"]["error"]
    assert "目录无法读取" in status["closed"]["error"]
    assert status["good.txt"]["status"] == "ok" and run.returncode == 2


# --------------------------------------------------------------------------------------------------
# Inputs untouched, output only where asked, byte-identical output


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder``: its SHA-256 and modification time (ns)."""
    return {
        str(path.relative_to(folder)): (
            hashlib.sha256(path.read_bytes()).hexdigest(),
            path.stat().st_mtime_ns,
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_inputs_untouched_output_only_where_asked_and_identical(tmp_path: Path) -> None:
    inputs, out, work, temp, home = (tmp_path / d for d in ("in", "out", "cwd", "tmp", "home"))
    shutil.copytree(HOSTILE, inputs, ignore=shutil.ignore_patterns("*.py"))
    shutil.copy(SEED_001, inputs / "seed.txt")
    for folder in (out, work, temp, home):
        folder.mkdir()
    before = snapshot(inputs)
    env = {"TMPDIR": str(temp), "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    outputs = []
    for hash_seed in ("1", "2"):
        env["PYTHONHASHSEED"] = hash_seed
        for fmt in ("json", "text"):
            run = jxlint("lint", str(inputs), "--format", fmt, cwd=work, env=env, timeout=120)
            outputs.append((fmt, run.returncode, run.stdout, run.stderr))
        run = jxlint(
            "lint", str(inputs), "-o", str(out / f"report-{hash_seed}.json"), "-f", "json",
            cwd=work, env=env, timeout=120,
        )  # fmt: skip
        assert run.returncode == 2
        run = jxlint("parse", str(inputs), cwd=work, env=env, timeout=120)
        outputs.append(("parse", run.returncode, run.stdout, run.stderr))
    half = len(outputs) // 2
    assert outputs[:half] == outputs[half:]
    assert all(code == 2 for _, code, _, _ in outputs)
    assert snapshot(inputs) == before
    assert sorted(p.name for p in out.iterdir()) == ["report-1.json", "report-2.json"]
    assert (out / "report-1.json").read_bytes() == (out / "report-2.json").read_bytes()
    assert (out / "report-1.json").read_text(encoding="utf-8") == outputs[0][2]
    assert not any(work.iterdir()) and not any(temp.iterdir()) and not any(home.iterdir())


# --------------------------------------------------------------------------------------------------
# Unexpected exceptions: one line per file, the others still linted; --debug shows the traceback


@pytest.fixture()
def two_tables(tmp_path: Path) -> tuple[Path, Path]:
    good, crash = tmp_path / "good.txt", tmp_path / "crash.txt"
    shutil.copy(SEED_001, good)
    shutil.copy(SEED_001, crash)
    return good, crash


def crash_on(monkeypatch: pytest.MonkeyPatch, owner, attribute: str, path_of) -> None:
    """Make ``owner.attribute`` raise for the file ``crash.txt`` (``path_of`` finds the path)."""
    original = getattr(owner, attribute)

    def crashing(*args, **kwargs):
        if Path(path_of(*args)).name == "crash.txt":
            raise RuntimeError("boom\nsecond line")
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, attribute, crashing)


@pytest.mark.parametrize(
    ("owner", "attribute", "path_of"),
    [
        (linter.lint, "read_document", lambda path, *rest: path),
        (Engine, "lint_document", lambda engine, document: document.path),
    ],
)
def test_unexpected_exception_costs_only_its_file(
    monkeypatch: pytest.MonkeyPatch, two_tables, owner, attribute: str, path_of
) -> None:
    good, crash = two_tables
    crash_on(monkeypatch, owner, attribute, path_of)
    runner = CliRunner()
    result = runner.invoke(app, ["lint", str(good), str(crash), "--format", "json"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"jxlint: 错误 error: {crash}: 内部错误，请报告此问题，--debug 显示详情 "
        "(internal error: RuntimeError: boom; rerun with --debug for the traceback)\n"
    )
    report = json.loads(result.stdout)
    assert [f["status"] for f in report["files"]] == ["ok", "error"]
    assert {f["path"] for f in report["findings"]} == {str(good)}
    debug = runner.invoke(app, ["lint", str(good), str(crash), "--debug"])
    assert debug.exit_code == 2
    assert "Traceback (most recent call last)" in debug.stderr
    assert "RuntimeError: boom" in debug.stderr


def test_parse_reports_an_unexpected_exception_and_goes_on(
    monkeypatch: pytest.MonkeyPatch, two_tables
) -> None:
    good, crash = two_tables
    crash_on(monkeypatch, linter.lint, "read_document", lambda path, *rest: path)
    result = CliRunner().invoke(app, ["parse", str(good), str(crash)])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert "内部错误" in result.stderr and "Traceback" not in result.stderr
    assert [d["path"] for d in json.loads(result.stdout)] == [str(good)]


def test_main_turns_a_crash_into_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def crash() -> None:
        raise KeyError("missing")

    monkeypatch.setattr(cli, "app", crash)
    monkeypatch.setattr(sys, "argv", ["jxlint", "lint", "x.txt"])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 2
    assert capsys.readouterr().err == (
        "jxlint: 错误 error: jxlint: 内部错误，请报告此问题，--debug 显示详情 "
        "(internal error: KeyError: 'missing'; rerun with --debug for the traceback)\n"
    )
    monkeypatch.setattr(sys, "argv", ["jxlint", "lint", "x.txt", "--debug"])
    with pytest.raises(KeyError):
        cli.main()


def test_error_lines_stay_one_line() -> None:
    error = InputError("evil\nname\x1b[2J\u202e.txt", "坏\r的")
    assert error.one_line() == "evil\\nname\\x1b[2J\\u202e.txt: 坏\\r的"
    assert internal_error_line("a.txt", MemoryError()).startswith("a.txt: 内存不足")


def test_the_memory_limit_of_the_harness_bites() -> None:
    """The bounds above mean something: limited to 16 MB, jxlint cannot even start.

    (Well below what a lint of a small table needs — about 40–48 MB of address space once
    bytecode is compiled — so that the outcome never depends on the machine's mappings.)
    """
    table = str(SEED_001.relative_to(ROOT))
    fed = jxlint("lint", table)
    assert fed.returncode == 1 and "工作经费" in fed.stdout
    starved = jxlint("lint", table, memory=16 * MB)
    assert starved.returncode != 0 and "工作经费" not in starved.stdout


HOSTILE_NAMES = ("new\nline.txt", "esc\x1b[2Jbell\x07.txt", "rtl\u202eabc.txt", b"bad\xff.txt")
"""File names a terminal, a CI log or a browser must not act on: newline, ESC, BEL, a
right-to-left override and a byte that is not UTF-8."""


@pytest.fixture(scope="module")
def hostile_names(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("names")
    for name in HOSTILE_NAMES:
        raw = name if isinstance(name, bytes) else name.encode("utf-8")
        (Path(os.fsdecode(bytes(directory) + b"/" + raw))).write_bytes(SEED_001.read_bytes())
    return directory


@pytest.mark.parametrize(
    "output_format", ["text", "concise", "github", "junit", "html", "json", "sarif"]
)
def test_hostile_file_names_are_printed_escaped(hostile_names: Path, output_format: str) -> None:
    run = jxlint("lint", str(hostile_names), "-f", output_format, "--color", "never", timeout=60)
    assert run.returncode == 1, run.stderr
    for char in ("\x07", "\x1b", "\u202e"):
        assert char not in run.stdout
    if output_format in ("json", "sarif"):
        report = run.report()
        if output_format == "json":
            paths = {entry["path"] for entry in report["files"]}
            assert paths == {str(path) for path in hostile_names.iterdir()}
        return
    assert "new\\nline.txt" in run.stdout and "bad\\udcff.txt" in run.stdout
    assert "esc\\x1b[2Jbell\\x07.txt" in run.stdout
    if output_format in ("text", "concise", "github"):
        assert not [line for line in run.stdout.splitlines() if line.startswith("line.txt")]

"""``jxlint serve``: the JSON API, the limits and safety around uploads, and the page in Chromium.

Each server is a real ``jxlint serve`` subprocess on a loopback port (:mod:`tests.servekit`).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from linter.readers import BINARY_EXTENSIONS, TEXT_EXTENSIONS
from tests.browser.chromium import chromium_page, unavailable_reason
from tests.conftest import ROOT, seed
from tests.servekit import (
    CONTENT_TYPE,
    Server,
    children,
    multipart,
    post,
    post_files,
    post_stream,
    running_server,
)

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("python_multipart")

HOSTILE = ROOT / "fixtures" / "hostile"
SEED = seed("003")
SEED_BYTES = SEED.read_bytes()
MB = 1024 * 1024
MAX_FILES = 3
UPLOAD_LIMIT = "3 MB"


@pytest.fixture(scope="module")
def private_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The server's TMPDIR: its private upload directory is made under it."""
    return tmp_path_factory.mktemp("server-tmp")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, private_tmp: Path) -> Iterator[Server]:
    """A server with small limits: 3 MB per upload, 3 files, two workers."""
    log = tmp_path_factory.mktemp("server-log") / "serve.log"
    options = ("--max-upload-size", UPLOAD_LIMIT, "--max-files", str(MAX_FILES))
    with running_server(log, *options, "--workers", "2", env={"TMPDIR": str(private_tmp)}) as s:
        yield s


def lint_seed(server: Server) -> tuple[int, Any]:
    """The API's answer for seed 003 uploaded as ``预算表.txt``."""
    return post_files(server.url + "/api/lint", [("预算表.txt", SEED_BYTES)])


def expected_report(path: Path = SEED, label: str = "预算表.txt") -> dict[str, Any]:
    """``jxlint lint -f json`` of ``path`` (default: seed 003), its path as the upload's label."""
    run = subprocess.run(
        [sys.executable, "-m", "linter", "lint", "-f", "json", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(run.stdout.replace(json.dumps(str(path))[1:-1], label))


def test_api_returns_the_report_jxlint_lint_gives(server: Server) -> None:
    status, report = lint_seed(server)
    assert status == 200
    assert report["schema"] == "jxlint.report/1"
    assert report == expected_report()
    assert report["files"] == [
        {"path": "预算表.txt", "format": "text", "status": "ok", "error": None}
    ]


@pytest.mark.parametrize("name", ["001.long.xlsx", "001.xls", "001.docx", "001.calc.pdf"])
def test_every_format_is_read_from_an_upload(server: Server, name: str) -> None:
    path = ROOT / "fixtures" / "rendered" / name
    status, report = post_files(server.url + "/api/lint", [("上传-" + name, path.read_bytes())])
    assert status == 200 and report["files"][0]["status"] == "ok"
    assert report == expected_report(path, "上传-" + name)


def test_downloads_are_the_reports_of_the_uploaded_files(server: Server, tmp_path: Path) -> None:
    import openpyxl

    status, page_data = post_files(server.url + "/api/review", [("预算表.txt", SEED_BYTES)])
    assert status == 200 and page_data["report"] == expected_report()
    assert [d["format"] for d in page_data["downloads"]] == ["xlsx", "docx", "json"]
    request = urllib.request.Request(
        server.url + "/api/report/xlsx",
        data=multipart([("预算表.txt", SEED_BYTES)]),
        headers={"Content-Type": CONTENT_TYPE},
    )
    with urllib.request.urlopen(request) as response:
        disposition = response.headers["Content-Disposition"]
        assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats")
        (tmp_path / "review.xlsx").write_bytes(response.read())
    assert disposition == "attachment; filename*=UTF-8''" + urllib.parse.quote(
        "jxlint-审核工作簿.xlsx"
    )
    workbook = openpyxl.load_workbook(tmp_path / "review.xlsx", read_only=True)
    first = page_data["report"]["findings"][0]["message"]
    assert any(first in cell for cell in workbook_text(workbook))
    letter = _downloaded(server, "docx", tmp_path / "letter.docx")
    import docx

    text = "".join(paragraph.text for paragraph in docx.Document(letter).paragraphs)
    assert "项目支出绩效目标审核意见" in text and "预算表.txt" in text
    status, answer = post_files(server.url + "/api/report/html", [("a.txt", SEED_BYTES)])
    assert status == 404 and "没有这种下载格式" in answer["error"]


def _downloaded(server: Server, output: str, path: Path) -> Path:
    """The seed's report in ``output`` as the page's download button gets it, saved at ``path``."""
    request = urllib.request.Request(
        server.url + f"/api/report/{output}",
        data=multipart([("预算表.txt", SEED_BYTES)]),
        headers={"Content-Type": CONTENT_TYPE},
    )
    with urllib.request.urlopen(request) as response:
        path.write_bytes(response.read())
    return path


def workbook_text(workbook: Any) -> set[str]:
    """Every non-empty cell of an openpyxl workbook, as text."""
    return {
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    }


def test_page_is_self_contained_and_forbids_requests(server: Server) -> None:
    with urllib.request.urlopen(server.url + "/") as response:
        policy = response.headers["Content-Security-Policy"]
        page = response.read().decode("utf-8")
    assert policy.startswith("default-src 'none';") and "connect-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert '<iframe id="report" title="检查报告" sandbox="allow-scripts">' in page
    assert "最多 3 个" in page and "3 MB" in page
    accepted = set(re.search(r'accept="([^"]+)"', page).group(1).split(","))
    assert accepted == set(BINARY_EXTENSIONS + TEXT_EXTENSIONS)
    for external in ("http://", "https://", "//cdn", '<link rel="stylesheet"', 'src="'):
        assert external not in page


def huge_upload(megabytes: int = 300) -> Iterator[bytes]:
    """A multipart body of one file of ``megabytes`` MB, made one megabyte at a time."""
    yield multipart([("大表.xlsx", b"")]).split(b"\r\n--")[0]
    for _ in range(megabytes):
        yield b"\0" * MB


def test_upload_over_the_size_limit_is_refused_unread(server: Server) -> None:
    """A declared 300 MB body is refused on its header; a chunked one (no length) as soon as
    it passes the limit. The 300 MB are generated while sending, never stored."""
    status, answer, sent = post_stream(server.port, "/api/lint", huge_upload(), 300 * MB)
    assert status == 413 and "超过限制 3 MB" in answer["error"]
    assert sent < 300 * MB
    status, answer, sent = post_stream(server.port, "/api/lint", huge_upload())
    assert status == 413 and "upload over the limit of 3 MB" in answer["error"]
    assert sent < 300 * MB
    assert lint_seed(server)[0] == 200


def test_too_many_files_is_a_400(server: Server) -> None:
    files = [(f"{index}.txt", SEED_BYTES) for index in range(MAX_FILES + 1)]
    status, answer = post_files(server.url + "/api/lint", files)
    assert status == 400 and "一次最多上传 3 个文件" in answer["error"]
    status, report = post_files(server.url + "/api/lint", files[:MAX_FILES])
    assert status == 200 and report["summary"]["files"] == MAX_FILES


def test_requests_that_are_not_uploads_are_400(server: Server) -> None:
    status, answer = post(server.url + "/api/lint", b"{}", "application/json")
    assert status == 400 and "multipart/form-data" in answer["error"]
    status, answer = post(server.url + "/api/lint", multipart([("a.txt", SEED_BYTES)], "other"))
    assert status == 400 and "没有收到文件" in answer["error"]


def test_unreadable_uploads_are_file_errors_named_by_their_label(server: Server) -> None:
    files = [
        ("炸弹.xlsx", (HOSTILE / "zip_bomb.xlsx").read_bytes()),
        ("junk.txt", (HOSTILE / "binary_junk.txt").read_bytes()),
        ("ok.txt", SEED_BYTES),
    ]
    status, report = post_files(server.url + "/api/lint", files)
    assert status == 200
    bomb, junk, ok = report["files"]
    assert bomb["status"] == "error" and bomb["error"].startswith("炸弹.xlsx: ")
    assert "疑似 zip 炸弹" in bomb["error"]
    assert junk["status"] == "error" and junk["error"].startswith("junk.txt: ")
    assert ok["status"] == "ok" and report["summary"]["projects"] == 69


def test_client_file_names_are_labels_never_paths(server: Server, private_tmp: Path) -> None:
    names = ["../../escape.txt", "/etc/cron.d/x.txt", "C:\\Users\\科员\\表.txt", "表.txt", ""]
    status, report = post_files(server.url + "/api/lint", [(n, SEED_BYTES) for n in names[:3]])
    assert status == 200
    assert [f["path"] for f in report["files"]] == ["escape.txt", "x.txt", "表.txt"]
    status, report = post_files(server.url + "/api/lint", [(n, SEED_BYTES) for n in names[3:]])
    assert [f["path"] for f in report["files"]] == ["表.txt", "上传文件2"]
    text = json.dumps(report, ensure_ascii=False)
    assert str(private_tmp) not in text and "jxlint-serve-" not in text
    assert not (ROOT / "escape.txt").exists() and not (private_tmp.parent / "escape.txt").exists()
    status, report = post_files(server.url + "/api/lint", [("同名.txt", SEED_BYTES)] * 2)
    assert [f["path"] for f in report["files"]] == ["同名.txt", "同名.txt (2)"]
    assert {f["path"] for f in report["findings"]} == {"同名.txt", "同名.txt (2)"}


def test_nothing_of_an_upload_is_kept_logged_or_served(server: Server, private_tmp: Path) -> None:
    marker = "机密项目名称甲乙丙"
    table = SEED_BYTES.decode("utf-8").replace("租赁岗位合同工经费", marker).encode("utf-8")
    status, report = post_files(server.url + "/api/review", [("秘密文件名.txt", table)])
    assert status == 200 and marker in report["html"]
    assert str(private_tmp) not in report["html"] and "jxlint-serve-" not in report["html"]
    (root,) = private_tmp.iterdir()
    assert root.name.startswith("jxlint-serve-") and list(root.iterdir()) == []
    assert oct(root.stat().st_mode & 0o777) == "0o700"
    log = server.log_text()
    assert marker not in log and "秘密文件名" not in log
    for path in ("/api/lint", "/api/review", "/秘密文件名.txt", "/report", "/static/x"):
        try:
            with urllib.request.urlopen(server.url + urllib.parse.quote(path)) as response:
                body = response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8")
            assert error.code in (404, 405)
        assert marker not in body


def in_parallel(calls: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """Run each call in a thread of its own, all at once: name → its return value."""
    results: dict[str, Any] = {}

    def run(name: str, call: Callable[[], Any]) -> None:
        results[name] = call()

    threads = [threading.Thread(target=run, args=item) for item in calls.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert set(results) == set(calls), f"calls that did not finish: {set(calls) - set(results)}"
    return results


def test_hostile_uploads_fail_clearly_while_a_normal_one_succeeds(server: Server) -> None:
    url = server.url + "/api/lint"
    results = in_parallel(
        {
            "bomb": lambda: post_files(url, [("b.xlsx", (HOSTILE / "zip_bomb.xlsx").read_bytes())]),
            "huge": lambda: post_stream(server.port, "/api/lint", huge_upload()),
            "junk": lambda: post_files(
                url, [("j.txt", (HOSTILE / "binary_junk.txt").read_bytes())]
            ),
            "many": lambda: post_files(url, [("s.txt", b"x")] * (MAX_FILES + 5)),
            "normal": lambda: lint_seed(server),
        }
    )
    assert "疑似 zip 炸弹" in results["bomb"][1]["files"][0]["error"]
    assert results["huge"][0] == 413
    assert "二进制文件" in results["junk"][1]["files"][0]["error"]
    assert results["many"][0] == 400
    status, report = results["normal"]
    assert status == 200 and report == expected_report()


SLOW_TABLE = SEED_BYTES * 100
"""Seed 003 a hundred times over (9 MB, 6,900 projects): several seconds of linting."""


def test_a_request_over_the_time_limit_is_stopped_and_the_server_goes_on(tmp_path: Path) -> None:
    options = ("--timeout", "2", "--workers", "2", "--max-upload-size", "20 MB")
    with running_server(tmp_path / "serve.log", *options) as server:
        before = set(children(server.process.pid))
        results = in_parallel(
            {
                "slow": lambda: post_files(server.url + "/api/lint", [("大.txt", SLOW_TABLE)]),
                "normal": lambda: post_files(server.url + "/api/lint", [("s.txt", SEED_BYTES)]),
            }
        )
        status, answer = results["slow"]
        assert status == 422 and "检查超时（超过 2 秒）" in answer["error"]
        assert results["normal"][0] == 200, results["normal"]
        assert post_files(server.url + "/api/lint", [("s.txt", SEED_BYTES)])[0] == 200
        assert set(children(server.process.pid)) != before, "the overrunning worker was replaced"
        assert server.process.poll() is None


def test_a_worker_out_of_memory_fails_its_upload_not_the_server(tmp_path: Path) -> None:
    """With 150 MB of address space a worker cannot lint seed 003 a hundred times over: the
    upload fails with the out-of-memory message (as the file's error when reading ran out, else
    as the request's), the worker is replaced and the next upload is linted."""
    options = ("--workers", "1", "--worker-memory", "150 MB", "--max-upload-size", "20 MB")
    with running_server(tmp_path / "serve.log", *options) as server:
        status, answer = post_files(server.url + "/api/lint", [("大.txt", SLOW_TABLE)])
        message = answer["error"] if status == 422 else answer["files"][0]["error"]
        assert status in (200, 422) and "内存不足" in message
        assert lint_seed(server) == (200, expected_report())


def test_the_config_file_is_read_once_at_start(tmp_path: Path) -> None:
    config = tmp_path / "jxlint.toml"
    config.write_text('select = ["A01"]\nmax-file-size = "50 KB"\n', encoding="utf-8")
    with running_server(tmp_path / "serve.log", "--config", str(config)) as server:
        config.write_text('select = ["V"]\n', encoding="utf-8")
        small = seed("000")
        status, report = post_files(
            server.url + "/api/lint", [("small.txt", small.read_bytes()), ("big.txt", SEED_BYTES)]
        )
    assert status == 200
    assert {finding["code"] for finding in report["findings"]} == {"A01"}
    assert "文件大小 87.6 KB 超过限制 50 KB" in report["files"][1]["error"]


def test_a_bad_config_file_stops_the_server_with_one_line(tmp_path: Path) -> None:
    config = tmp_path / "jxlint.toml"
    config.write_text('selekt = ["A01"]\n', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "linter", "serve", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "未知配置项 “selekt”" in run.stderr


def test_lint_and_version_never_import_the_web_stack() -> None:
    code = (
        "import sys, runpy; sys.argv = ['jxlint', 'lint', '-q', sys.argv[1]];"
        "\ntry: runpy.run_module('linter', run_name='__main__')"
        "\nexcept SystemExit: pass"
        "\nprint(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('starlette', 'uvicorn', 'python_multipart', 'multipart') or m.startswith('linter.server')))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, cwd=ROOT
    )
    assert run.stdout.strip().splitlines()[-1] == "[]"
    run = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "linter",
            "--version",
        ],
        capture_output=True,
        text=True,
    )
    assert "starlette" not in run.stderr and "uvicorn" not in run.stderr
    assert "linter.server" not in run.stderr


browser = pytest.mark.skipif(unavailable_reason() is not None, reason=str(unavailable_reason()))


@browser
def test_page_in_chromium_uploads_a_seed_and_downloads_the_workbook(
    server: Server, tmp_path: Path
) -> None:
    import openpyxl

    report = expected_report()
    with chromium_page() as page:
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(server.url + "/")
        page.evaluate(
            """() => { window.seen = [];
            new MutationObserver(() => window.seen.push(document.body.dataset.state + ":" +
                document.getElementById("progress").hidden))
              .observe(document.body, { attributes: true }); }"""
        )
        page.set_input_files("#picker", [str(SEED)])
        page.wait_for_selector("#result:not([hidden])", timeout=60_000)
        seen = page.evaluate("window.seen")
        assert "uploading:false" in seen and "checking:false" in seen and seen[-1] == "idle:true"
        assert page.locator("#summary").inner_text().startswith("共 1 个文件、69 个项目")
        frame = page.frame_locator("#report")
        frame.locator("body[data-ready='1']").wait_for(state="attached")
        first = report["findings"][0]["message"]
        assert first in frame.locator("main").inner_text()
        buttons = page.locator("#downloads button")
        assert buttons.all_inner_texts() == [
            "下载审核工作簿（Excel）",
            "下载审核意见函（Word）",
            "下载 JSON 报告",
        ]
        saved = []
        for button in range(3):
            with page.expect_download() as waiting:
                buttons.nth(button).click()
            saved.append(tmp_path / waiting.value.suggested_filename)
            waiting.value.save_as(saved[-1])
        workbook_path, letter_path, json_path = saved
    assert workbook_path.name == "jxlint-审核工作簿.xlsx"
    assert letter_path.name == "jxlint-审核意见.docx" and letter_path.read_bytes()[:2] == b"PK"
    workbook = openpyxl.load_workbook(workbook_path, read_only=True)
    assert any(first in cell for cell in workbook_text(workbook))
    relabelled = json.dumps(report, ensure_ascii=False).replace("预算表.txt", SEED.name)
    assert json.loads(json_path.read_text(encoding="utf-8")) == json.loads(relabelled)
    assert all(
        url.startswith(server.url) or url.startswith(("about:", "blob:", "data:"))
        for url in requests
    )


@browser
def test_page_in_chromium_shows_the_limits_refusals(server: Server) -> None:
    with chromium_page() as page:
        page.goto(server.url + "/")
        page.set_input_files("#picker", [str(SEED)] * (MAX_FILES + 1))
        failure = page.locator("#failure")
        failure.wait_for(state="visible", timeout=60_000)
        assert "一次最多上传 3 个文件" in failure.inner_text()
        big = {
            "name": "大表.xlsx",
            "mimeType": "application/octet-stream",
            "buffer": b"\0" * (4 * MB),
        }
        page.set_input_files("#picker", [big])
        # a locator waits in Playwright's own world: a string predicate would be eval'd in the
        # page, which its CSP refuses (an EvalError whenever the first check is not yet true)
        page.locator("#failure", has_text="3 MB").wait_for(state="visible", timeout=60_000)
        assert "上传内容超过限制 3 MB" in failure.inner_text()
        junk = {
            "name": "乱码.txt",
            "mimeType": "text/plain",
            "buffer": (HOSTILE / "binary_junk.txt").read_bytes(),
        }
        seed_file = {"name": SEED.name, "mimeType": "text/plain", "buffer": SEED_BYTES}
        page.set_input_files("#picker", [junk, seed_file])
        page.wait_for_selector("#result:not([hidden])", timeout=60_000)
        assert failure.is_hidden()
        assert "乱码.txt: " in page.locator("#summary .file-error").inner_text()


def test_serve_without_the_extra_names_the_pip_install() -> None:
    code = (
        "import sys; sys.modules['uvicorn'] = None; sys.argv = ['jxlint', 'serve']\n"
        "from linter.cli import main\nmain()"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2
    assert run.stderr == (
        "jxlint: 错误 error: jxlint serve 需要 uvicorn：pip install 'jxlint[serve]' "
        "(the serve extra is missing)\n"
    )

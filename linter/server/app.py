"""The web app of ``jxlint serve``: one page, the JSON API, and the safety around them.

Routes: ``GET /`` the page (Chinese, self-contained: its CSS and JavaScript are inline and a
Content-Security-Policy forbids every request but its own uploads); ``POST /api/lint`` the
``jxlint.report/1`` JSON of the uploaded tables (form field ``files``, one or more); ``POST
/api/review`` what the page shows: that report, the HTML report and the downloads it offers;
``POST /api/report/FORMAT`` one of those downloads (the review workbook ``xlsx``, ``json``) of the
uploaded tables, as a file; ``GET /healthz`` for a reverse proxy's health check.

Uploads are bounded in size and number (:mod:`linter.server.uploads`), linted in a pool of worker
processes with a time limit (:mod:`linter.server.pool`) under the config's reader limits, and
held in memory, then for the readers in a private directory that is removed before the response
is sent: nothing of an upload outlives its request.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
import urllib.parse
from dataclasses import dataclass
from importlib import resources
from typing import Any

from linter.config import load_config
from linter.limits import MB, format_size
from linter.serialize import json_text
from linter.server.pool import LintPool, WorkerFailure
from linter.server.uploads import Upload, UploadError, read_uploads
from linter.server.work import DOWNLOADS, Job, download_for

PAGE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data: blob:; connect-src 'self'; frame-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
"""The page's Content-Security-Policy: inline CSS and script only (as the HTML report), no
request but its own calls to this server; the report is shown in a sandboxed frame."""

SECURITY_HEADERS = {
    "content-security-policy": PAGE_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
    "x-frame-options": "DENY",
}


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """The settings of ``jxlint serve`` (its command-line options)."""

    config_path: str | None = None
    """The config file, as ``jxlint lint --config`` takes it (``None``: the defaults)."""
    max_upload_size: int = 50 * MB
    """Bytes of one request's body: a larger upload is refused (413) unread."""
    max_files: int = 20
    """Files in one request (400 beyond)."""
    workers: int = 2
    """Lint worker processes."""
    timeout: float = 60.0
    """Seconds one request may lint before its worker is killed."""
    worker_memory: int = 2048 * MB
    """Address space of one worker process (0: no limit)."""


def _store(directory: str, uploads: list[Upload]) -> tuple[tuple[str, str], ...]:
    """Write the uploads into ``directory`` under numbered names: (stored path, label) pairs."""
    files = []
    for index, upload in enumerate(uploads, 1):
        path = os.path.join(directory, f"{index:03d}")
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, "wb") as stream:
            stream.write(upload.data)
        files.append((path, upload.label))
    return tuple(files)


def page_html(settings: ServeSettings) -> str:
    """The page, with its CSS and script inline, the upload limits and the extensions of every
    format jxlint reads (the file picker's filter) filled in."""
    from linter.readers import BINARY_EXTENSIONS, TEXT_EXTENSIONS

    assets = resources.files("linter.server") / "assets"
    template = (assets / "page.html").read_text(encoding="utf-8")
    return (
        template.replace("{{css}}", (assets / "page.css").read_text(encoding="utf-8"))
        .replace("{{script}}", (assets / "page.js").read_text(encoding="utf-8"))
        .replace("{{max_files}}", str(settings.max_files))
        .replace("{{max_size}}", format_size(settings.max_upload_size))
        .replace("{{accept}}", ",".join(BINARY_EXTENSIONS + TEXT_EXTENSIONS))
    )


def create_app(settings: ServeSettings) -> Any:
    """The Starlette app; reads the config file and builds the engine once, here.

    Raises :class:`~linter.toml.ConfigError` for a bad config file.
    """
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, PlainTextResponse, Response
    from starlette.routing import Route

    from linter.lint import build_engine
    from linter.registry import all_rules

    config = load_config(settings.config_path, all_rules())
    engine = build_engine(config)
    pool = LintPool(settings.workers, config, engine, settings.timeout, settings.worker_memory)
    page = page_html(settings)
    state: dict[str, str] = {}

    def json_response(data: Any, status: int = 200) -> Response:
        return Response(
            json_text(data), status, headers=SECURITY_HEADERS, media_type="application/json"
        )

    async def lint(request: Request, formats: tuple[str, ...]) -> dict[str, Any] | Response:
        """The worker's result for the request's uploads, or the error response."""
        try:
            declared = request.headers.get("content-length")
            uploads = await read_uploads(
                request.headers.get("content-type", ""),
                int(declared) if declared and declared.isdigit() else None,
                request.stream(),
                settings.max_upload_size,
                settings.max_files,
            )
        except UploadError as error:
            return json_response({"error": error.message}, error.status)
        directory = tempfile.mkdtemp(dir=state["root"])
        try:
            files = await asyncio.to_thread(_store, directory, uploads)
            del uploads
            return await pool.run(Job(files, formats))
        except WorkerFailure as error:
            return json_response({"error": str(error)}, 422)
        finally:
            await asyncio.to_thread(shutil.rmtree, directory, True)

    async def api_lint(request: Request) -> Response:
        result = await lint(request, ())
        return result if isinstance(result, Response) else json_response(result["report"])

    async def api_review(request: Request) -> Response:
        result = await lint(request, ("html",))
        if isinstance(result, Response):
            return result
        offered = [
            {"format": d.format, "label": d.label, "filename": d.filename} for d in DOWNLOADS
        ]
        page_data = {
            "report": result["report"],
            "html": result["rendered"]["html"],
            "downloads": offered,
        }
        return json_response(page_data)

    async def api_report(request: Request) -> Response:
        download = download_for(request.path_params["format"])
        if download is None:
            return json_response({"error": "没有这种下载格式 (unknown download format)"}, 404)
        result = await lint(request, (download.format,))
        if isinstance(result, Response):
            return result
        content = result["rendered"][download.format]
        disposition = f"attachment; filename*=UTF-8''{urllib.parse.quote(download.filename)}"
        headers = {**SECURITY_HEADERS, "content-disposition": disposition}
        return Response(content, headers=headers, media_type=download.media_type)

    async def home(request: Request) -> Response:
        return HTMLResponse(page, headers=SECURITY_HEADERS)

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok", headers=SECURITY_HEADERS)

    @contextlib.asynccontextmanager
    async def lifespan(app: Any):
        state["root"] = tempfile.mkdtemp(prefix="jxlint-serve-")
        await pool.start()
        try:
            yield
        finally:
            await asyncio.to_thread(pool.close)
            shutil.rmtree(state["root"], ignore_errors=True)

    app = Starlette(
        routes=[
            Route("/", home, methods=["GET"]),
            Route("/api/lint", api_lint, methods=["POST"]),
            Route("/api/review", api_review, methods=["POST"]),
            Route("/api/report/{format}", api_report, methods=["POST"]),
            Route("/healthz", health, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
    return app

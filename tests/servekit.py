"""Helpers for the tests and the benchmark of ``jxlint serve``: start a server, post uploads.

The server runs as ``jxlint serve`` in a subprocess on a free loopback port, as an operator starts
it; the requests are plain HTTP built here (multipart bodies by hand, and streamed bodies over a
raw socket, so that a 300 MB upload is generated as it is sent, never held or written).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BOUNDARY = "jxlint-test-boundary-7f3a9c"
CONTENT_TYPE = f"multipart/form-data; boundary={BOUNDARY}"


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A running ``jxlint serve``: its base URL, process and the file its log goes to."""

    url: str
    port: int
    process: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        """What the server wrote on stdout and stderr so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def running_server(log: Path, *options: str, env: dict[str, str] | None = None) -> Iterator[Server]:
    """``jxlint serve`` with ``options`` on a free port, until the ``with`` block ends."""
    port = free_port()
    command = [sys.executable, "-m", "linter", "serve", "--port", str(port), *options]
    environment = {**os.environ, **(env or {})}
    with open(log, "wb") as stream:
        process = subprocess.Popen(
            command, stdout=stream, stderr=subprocess.STDOUT, env=environment
        )
    server = Server(f"http://127.0.0.1:{port}", port, process, log)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"jxlint serve exited: {server.log_text()}")
            try:
                with urllib.request.urlopen(server.url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"jxlint serve did not start: {server.log_text()}")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def multipart(files: Iterable[tuple[str, bytes]], field: str = "files") -> bytes:
    """A ``multipart/form-data`` body (boundary :data:`BOUNDARY`) with ``files`` as
    (file name, bytes) parts of the form field ``field``."""
    parts = []
    for name, data in files:
        quoted = name.replace('"', "%22")
        head = (
            f"--{BOUNDARY}\r\n"
            f'Content-Disposition: form-data; name="{field}"; filename="{quoted}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode("utf-8") + data + b"\r\n")
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def post(
    url: str, body: bytes, content_type: str = CONTENT_TYPE, timeout: float = 120
) -> tuple[int, Any]:
    """POST ``body``: the status and the decoded JSON answer."""
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def post_files(url: str, files: Iterable[tuple[str, bytes]]) -> tuple[int, Any]:
    """POST ``files`` in the ``files`` field: the status and the decoded JSON answer."""
    return post(url, multipart(files))


def post_stream(
    port: int, path: str, chunks: Iterable[bytes], declared_length: int | None = None
) -> tuple[int, Any, int]:
    """POST a body generated chunk by chunk over a raw socket (chunked unless
    ``declared_length`` is given as its ``Content-Length``), stopping as soon as the server
    answers or closes: the status, the decoded JSON answer and how many body bytes were sent."""
    import select

    framing = (
        f"Content-Length: {declared_length}\r\n"
        if declared_length is not None
        else "Transfer-Encoding: chunked\r\n"
    )
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {CONTENT_TYPE}\r\n"
        f"{framing}Connection: close\r\n\r\n"
    ).encode()
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        connection.sendall(head)
        try:
            for chunk in chunks:
                if select.select([connection], [], [], 0)[0]:
                    break
                frame = (
                    chunk if declared_length is not None else b"%x\r\n%s\r\n" % (len(chunk), chunk)
                )
                connection.sendall(frame)
                sent += len(chunk)
            else:
                if declared_length is None:
                    connection.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = b""
        try:
            while True:
                data = connection.recv(65536)
                if not data:
                    break
                answer += data
        except ConnectionResetError:
            pass
    head_text, _, body = answer.partition(b"\r\n\r\n")
    status = int(head_text.split(b" ", 2)[1])
    if b"transfer-encoding: chunked" in head_text.lower():
        body = _unchunk(body)
    return status, json.loads(body), sent


def _unchunk(body: bytes) -> bytes:
    out = b""
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            break
        out += rest[:size]
        body = rest[size + 2 :]
    return out


def rss_kb(pid: int) -> int:
    """The resident set size of process ``pid`` in KiB (from ``/proc``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (the lint workers of a server)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            found += [int(child) for child in (task / "children").read_text().split()]
    return found

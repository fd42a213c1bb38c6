"""Reading an upload: a ``multipart/form-data`` body parsed as it streams in, into memory.

The body is never written anywhere by this module: each file part's bytes are kept in memory,
and the request is refused (:class:`UploadError`, 413) as soon as it declares or sends more than
the size limit, or (400) as soon as it holds more files than the count limit, so a 300 MB upload
costs the server at most the limit. A part's file name is kept only as a label for the report
(:func:`label_of`); it is never used as a path.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

from linter.errors import printable
from linter.limits import format_size

FIELD = "files"
"""The form field each uploaded table comes in (``<input type=file name=files multiple>``)."""

MAX_LABEL = 200
"""Characters of a file name kept as its label."""


class UploadError(Exception):
    """An upload refused before linting: an HTTP status and a one-line message (Chinese, then
    English in parentheses) the page shows as it is."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded table: its label (the client's file name, for display only) and bytes."""

    label: str
    data: bytes


def label_of(filename: bytes | None, index: int) -> str:
    """The label an uploaded file is shown under: the last component of the client's file name
    (browsers may send a whole path), control characters escaped, at most :data:`MAX_LABEL`
    characters; ``上传文件N`` when there is none."""
    name = (filename or b"").decode("utf-8", errors="replace")
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = printable(name)[:MAX_LABEL]
    return name or f"上传文件{index}"


def unique_labels(labels: list[str]) -> list[str]:
    """``labels`` with repeats told apart (``表.xlsx``, ``表.xlsx (2)``): the report keys files
    by their label."""
    seen: set[str] = set()
    out: list[str] = []
    for label in labels:
        candidate, number = label, 1
        while candidate in seen:
            number += 1
            candidate = f"{label} ({number})"
        seen.add(candidate)
        out.append(candidate)
    return out


def too_large(limit: int) -> UploadError:
    """The 413 refusal of a request body over ``limit`` bytes."""
    return UploadError(
        413,
        f"上传内容超过限制 {format_size(limit)}，请分批上传或联系管理员 "
        f"(upload over the limit of {format_size(limit)})",
    )


def too_many(limit: int) -> UploadError:
    """The 400 refusal of a request with more than ``limit`` files."""
    return UploadError(
        400, f"一次最多上传 {limit} 个文件，请分批上传 (at most {limit} files per upload)"
    )


def boundary_of(content_type: str) -> bytes:
    """The multipart boundary of a ``Content-Type`` header; 400 when it is not multipart."""
    from python_multipart.multipart import parse_options_header

    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise UploadError(
            400,
            "请求须为 multipart/form-data，文件放在 files 字段 "
            "(send multipart/form-data with the tables in the 'files' field)",
        )
    return boundary


async def read_uploads(
    content_type: str,
    declared_length: int | None,
    chunks: AsyncIterator[bytes],
    max_bytes: int,
    max_files: int,
) -> list[Upload]:
    """The files of a ``multipart/form-data`` body, read from ``chunks`` as they arrive.

    Refuses with :class:`UploadError`: 413 when ``declared_length`` (``Content-Length``) or the
    bytes received exceed ``max_bytes`` (before reading further), 400 for more than
    ``max_files`` files in the ``files`` field, for no file at all, or a malformed body.
    """
    from python_multipart.exceptions import MultipartParseError
    from python_multipart.multipart import MultipartParser, parse_options_header

    if declared_length is not None and declared_length > max_bytes:
        raise too_large(max_bytes)
    boundary = boundary_of(content_type)
    files: list[tuple[bytes | None, bytearray]] = []
    state: dict[str, object] = {"field": b"", "headers": {}, "current": None}

    def on_part_begin() -> None:
        state["headers"] = {}
        state["current"] = None

    def on_header_field(data: bytes, start: int, end: int) -> None:
        state["field"] = bytes(state["field"]) + data[start:end]  # type: ignore[arg-type]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        headers = state["headers"]
        assert isinstance(headers, dict)
        name = bytes(state["field"]).lower()  # type: ignore[arg-type]
        headers[name] = headers.get(name, b"") + data[start:end]

    def on_header_end() -> None:
        state["field"] = b""

    def on_headers_finished() -> None:
        headers = state["headers"]
        assert isinstance(headers, dict)
        _, options = parse_options_header(headers.get(b"content-disposition", b""))
        if options.get(b"name") != FIELD.encode() or b"filename" not in options:
            return
        if len(files) >= max_files:
            raise too_many(max_files)
        buffer = bytearray()
        files.append((options.get(b"filename"), buffer))
        state["current"] = buffer

    def on_part_data(data: bytes, start: int, end: int) -> None:
        buffer = state["current"]
        if isinstance(buffer, bytearray):
            buffer += data[start:end]

    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_headers_finished": on_headers_finished,
            "on_part_data": on_part_data,
        },
    )
    received = 0
    try:
        async for chunk in chunks:
            received += len(chunk)
            if received > max_bytes:
                raise too_large(max_bytes)
            parser.write(chunk)
        parser.finalize()
    except MultipartParseError:
        raise UploadError(400, "上传内容格式错误 (malformed multipart body)") from None
    if not files:
        raise UploadError(400, "没有收到文件，请选择要检查的表格 (no file in the 'files' field)")
    labels = unique_labels([label_of(name, index) for index, (name, _) in enumerate(files, 1)])
    return [Upload(label, bytes(data)) for label, (_, data) in zip(labels, files, strict=True)]

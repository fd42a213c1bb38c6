"""Limits that keep hostile inputs bounded: file size, workbook size (zip bombs), cells, PDF pages.

Every limit has a default and a config key (``max-file-size = "200 MB"`` in ``jxlint.toml``). A
file over a limit is an :class:`~linter.errors.InputError` with a one-line message naming the
limit, so the run goes on with the other files. Readers get the limits of the run from
:func:`current_limits` (set by :func:`use_limits` around reading), or take them as an argument::

    check_zip_archive(data, path)          # before opening an .xlsx/.docx: total and ratio
    check_cell_count(path, cells)          # after counting a workbook's non-empty cells
    check_pdf_pages(path, pages)           # before reading a PDF's pages

``check_zip_archive`` reads only the zip's central directory, so a zip bomb is refused before a
single byte of it is decompressed. It trusts the sizes the directory declares; the cell count is the
second line of defence for archives that lie about them.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

from linter.errors import InputError

KB = 1024
MB = 1024 * KB
GB = 1024 * MB


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits of a run (the defaults, or what the config file sets)."""

    max_file_size: int = 200 * MB
    """Bytes of one input file (checked before reading it)."""
    max_workbook_size: int = 500 * MB
    """Total decompressed bytes of an .xlsx/.docx (zip) archive."""
    max_compression_ratio: int = 100
    """Decompressed ÷ compressed bytes of a zip, checked once it decompresses to over 16 MB."""
    max_cells: int = 5_000_000
    """Non-empty cells of a workbook."""
    max_pdf_pages: int = 2_000
    """Pages of a PDF."""
    max_field_length: int = 10_000
    """Characters of one name, 绩效目标 or indicator value; the rest becomes a located note."""


DEFAULT_LIMITS = Limits()

RATIO_FLOOR = 16 * MB
"""Zips that decompress to less than this are never refused for their compression ratio."""

CONFIG_KEYS: dict[str, tuple[str, str]] = {
    "max-file-size": ("max_file_size", "size"),
    "max-workbook-size": ("max_workbook_size", "size"),
    "max-compression-ratio": ("max_compression_ratio", "count"),
    "max-cells": ("max_cells", "count"),
    "max-pdf-pages": ("max_pdf_pages", "count"),
    "max-field-length": ("max_field_length", "count"),
}
"""Config key → (field of :class:`Limits`, kind): sizes take ``"200 MB"`` or a byte count."""

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|K|M|G)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "B": 1, "K": KB, "KB": KB, "M": MB, "MB": MB, "G": GB, "GB": GB}

_active: contextvars.ContextVar[Limits] = contextvars.ContextVar("jxlint_limits")


def parse_size(value: Any) -> int:
    """A size as bytes: an integer byte count or a string like ``"200 MB"`` (binary units).

    Raises :class:`ValueError` with a one-line reason for anything else or a size below 1 byte.
    """
    if isinstance(value, bool):
        raise ValueError("应为字节数或 “200 MB” 这样的大小 (a byte count or a size like '200 MB')")
    if isinstance(value, int):
        size = value
    elif isinstance(value, str) and (match := _SIZE.match(value)):
        size = int(float(match.group(1)) * _UNITS[(match.group(2) or "").upper()])
    else:
        raise ValueError("应为字节数或 “200 MB” 这样的大小 (a byte count or a size like '200 MB')")
    if size < 1:
        raise ValueError("应大于 0 (must be positive)")
    return size


def parse_count(value: Any) -> int:
    """A positive integer; raises :class:`ValueError` with a one-line reason otherwise."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("应为正整数 (must be a positive integer)")
    if value < 1:
        raise ValueError("应大于 0 (must be positive)")
    return value


class LimitError(ValueError):
    """A bad value for a limit's config key; ``key`` names it, the message says what is wrong."""

    def __init__(self, key: str, reason: str) -> None:
        self.key = key
        super().__init__(f"“{key}” {reason}")


def limits_from_settings(settings: dict[str, Any], base: Limits = DEFAULT_LIMITS) -> Limits:
    """``base`` with the config keys of :data:`CONFIG_KEYS` in ``settings`` applied.

    Raises :class:`KeyError` for an unknown key and :class:`LimitError` for a bad value.
    """
    changes: dict[str, int] = {}
    for key, value in settings.items():
        field_name, kind = CONFIG_KEYS[key]
        try:
            changes[field_name] = parse_size(value) if kind == "size" else parse_count(value)
        except ValueError as error:
            raise LimitError(key, str(error)) from None
    return replace(base, **changes)


def format_size(size: int) -> str:
    """A byte count for messages: ``200 MB``, ``1.5 GB``, ``512 KB``, ``10 B``."""
    for unit, factor in (("GB", GB), ("MB", MB), ("KB", KB)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} B"


def current_limits() -> Limits:
    """The limits of the run in progress (:data:`DEFAULT_LIMITS` outside :func:`use_limits`)."""
    return _active.get(DEFAULT_LIMITS)


@contextlib.contextmanager
def use_limits(limits: Limits | None) -> Iterator[Limits]:
    """Make ``limits`` the :func:`current_limits` inside the ``with`` block (``None``: keep)."""
    if limits is None:
        yield current_limits()
        return
    token = _active.set(limits)
    try:
        yield limits
    finally:
        _active.reset(token)


def _config_key(field_name: str) -> str:
    return next(key for key, (name, _) in CONFIG_KEYS.items() if name == field_name)


def _over(path: str, what: str, english: str, value: str, limit: str, field: str) -> InputError:
    return InputError(
        path,
        f"{what} {value} 超过限制 {limit}，可用配置项 {_config_key(field)} 调整 "
        f"({english} {value} over the limit {limit})",
    )


def check_file_size(path: str, size: int, limits: Limits | None = None) -> None:
    """Refuse a file larger than ``max-file-size`` (call before reading it)."""
    limit = (limits or current_limits()).max_file_size
    if size > limit:
        raise _over(
            path, "文件大小", "file size", format_size(size), format_size(limit), "max_file_size"
        )


def check_zip_archive(
    source: bytes | BinaryIO | str, path: str, limits: Limits | None = None
) -> None:
    """Refuse a corrupt zip, or one that would decompress to too much (a zip bomb).

    ``source`` is the archive's bytes, a binary file object or a file name. Only the central
    directory is read: the declared decompressed sizes are summed and compared with
    ``max-workbook-size``, and with ``max-compression-ratio`` times the compressed size.
    """
    limits = limits or current_limits()
    archive_source = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with zipfile.ZipFile(archive_source) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise InputError(
            path, "压缩包（xlsx/docx）已损坏或不完整 (truncated or corrupt xlsx/docx zip archive)"
        ) from None
    total = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries)
    if total > limits.max_workbook_size:
        raise _over(
            path,
            "解压后大小",
            "decompressed size",
            format_size(total),
            format_size(limits.max_workbook_size),
            "max_workbook_size",
        )
    if total > RATIO_FLOOR and total > limits.max_compression_ratio * max(packed, 1):
        raise _over(
            path,
            "压缩比（疑似 zip 炸弹）",
            "compression ratio (zip bomb?)",
            f"{total // max(packed, 1)}:1",
            f"{limits.max_compression_ratio}:1",
            "max_compression_ratio",
        )


def check_cell_count(path: str, cells: int, limits: Limits | None = None) -> None:
    """Refuse a workbook with more non-empty cells than ``max-cells``."""
    limit = (limits or current_limits()).max_cells
    if cells > limit:
        raise _over(path, "单元格数", "cell count", f"{cells:,}", f"{limit:,}", "max_cells")


def check_pdf_pages(path: str, pages: int, limits: Limits | None = None) -> None:
    """Refuse a PDF with more pages than ``max-pdf-pages``."""
    limit = (limits or current_limits()).max_pdf_pages
    if pages > limit:
        raise _over(path, "PDF 页数", "page count", f"{pages:,}", f"{limit:,}", "max_pdf_pages")

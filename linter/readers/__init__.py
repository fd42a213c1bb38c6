"""Readers: sniff a file's content, decode it and read it into the document model."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator

from linter.decoding import decode, sniff_binary
from linter.errors import InputError
from linter.grammar import SourceTable, build_document
from linter.limits import Limits, check_file_size, check_zip_archive, current_limits, use_limits
from linter.model import Document
from linter.readers.common import HEADER_START, mark_odd_characters
from linter.readers.grid import is_header_row

TEXT_EXTENSIONS = (".txt", ".tsv", ".csv", ".tab", ".text")
"""Extensions of text tables ``jxlint`` picks up when it walks a directory."""

BINARY_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".docx", ".pdf")
"""Extensions of workbooks, Word files and PDFs it picks up too (read with the optional extras)."""

NO_TABLE_IN_DIRECTORY = (
    "目录中没有表格文件 (no table file in this directory: "
    + " ".join(TEXT_EXTENSIONS + BINARY_EXTENSIONS)
    + ")"
)

_SNIFF_LINES = 200


_HTML_START = re.compile(
    r"\s*<(?:!doctype\s+html|html|head|body|table|meta|\?xml|\?mso-application)", re.IGNORECASE
)


def read_document(path: str, limits: Limits | None = None) -> Document:
    """Read one file into a :class:`Document`; raises :class:`InputError` when it cannot.

    ``limits`` (default: :func:`~linter.limits.current_limits`) hold while the file is read.
    """
    with use_limits(limits):
        return read_bytes(read_file_bytes(path), path)


def read_file_bytes(path: str) -> bytes:
    """A regular file's bytes, read once, refused before reading when over ``max-file-size``.

    Pipes, devices and sockets are refused without blocking (``O_NONBLOCK``); a directory that
    ``os.walk`` could not list comes here too and is reported.
    """
    limit = current_limits().max_file_size
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise InputError(path, "是目录，不是文件 (is a directory)") from None
    except FileNotFoundError:
        raise InputError(path, "文件不存在 (no such file)") from None
    except PermissionError:
        raise InputError(path, "没有读取权限 (permission denied)") from None
    except OSError as error:
        raise InputError(path, f"无法读取 (cannot read: {error.strerror or error})") from None
    info = os.fstat(descriptor)
    if stat.S_ISDIR(info.st_mode):
        os.close(descriptor)
        try:
            os.listdir(path)
        except OSError as error:
            raise InputError(
                path, f"目录无法读取 (cannot list directory: {error.strerror or error})"
            ) from None
        raise InputError(path, NO_TABLE_IN_DIRECTORY)
    with open(descriptor, "rb") as handle:
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                path,
                "不是普通文件（管道、设备或套接字） (not a regular file: pipe, device or socket)",
            )
        check_file_size(path, info.st_size)
        try:
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(limit + 1 - len(data))
        except OSError as error:
            raise InputError(path, f"无法读取 (cannot read: {error.strerror or error})") from None
    check_file_size(path, len(data))
    return data


def read_bytes(data: bytes, path: str) -> Document:
    """Read a file's bytes: detect the format from the content, then parse.

    Raises :class:`InputError` (one line, naming the file) for anything that is not a readable
    table; the bytes are decoded once and then dropped.
    """
    check_file_size(path, len(data))
    if not data or data.isspace():
        raise InputError(path, "空文件 (empty file)")
    container = sniff_binary(data)
    if container is not None:
        if data.startswith(b"PK"):
            check_zip_archive(data, path)
        table = read_container(data, path, container)
    else:
        text, _encoding = decode(data, path)
        del data
        if _HTML_START.match(text[:1024]):
            raise InputError(
                path,
                "网页或 XML 文件（可能是改了扩展名的导出），请在 Excel/WPS 中另存为 .xlsx 或 CSV "
                "(HTML/XML file, not a table export: save it as .xlsx or CSV)",
            )
        table = read_text_table(text, path)
    if not table.rows:
        raise InputError(
            path,
            "不是可识别的绩效目标表：没有找到带金额的行 (no table rows with amounts found)",
        )
    return build_document(table)


UNSUPPORTED_CONTAINERS = {
    "doc": "Word 97–2003 (.doc) 文件不支持，请另存为 .docx (.doc is not supported: save as .docx)",
    "odt": "OpenDocument 文本 (.odt) 不支持，请另存为 .docx (.odt is not supported: save as .docx)",
    "encrypted-office": "文件有打开密码，无法读取 (password-protected Office file)",
    "zip": "zip 压缩包不是 xlsx/docx/ods 文件 (zip archive that is not a workbook or Word file)",
    "ole2": "无法识别的 Office 97–2003 文件 (OLE2 file that is not an .xls workbook)",
}


def read_container(data: bytes, path: str, kind: str) -> SourceTable:
    """Read a binary file of the kind :func:`~linter.decoding.sniff_binary` named."""
    if kind in ("xlsx", "xlsb", "xls", "ods"):
        from linter.readers.excel import read_excel

        return read_excel(data, path, kind)
    if kind == "docx":
        from linter.readers.word import read_word

        return read_word(data, path)
    if kind == "pdf":
        from linter.readers.pdf import read_pdf

        return read_pdf(data, path)
    raise InputError(path, UNSUPPORTED_CONTAINERS[kind])


def sniff_delimiter(text: str) -> str | None:
    """``'\\t'`` or ``','`` when the text is a delimited export, ``None`` for a text dump.

    The first line whose tab- or comma-separated cells are the column header (the header mapping
    of :func:`linter.readers.grid.is_header_row`: a 项目名称 or 单位名称 column beside 绩效目标 …)
    says which; a header line of a text dump (项目名称 … with spaces) says it is none. Without a
    header, two lines with tabs make a TSV.
    """
    tabbed = 0
    for line in _first_lines(text, _SNIFF_LINES):
        if not line.strip():
            continue
        if "\t" in line and is_header_row(line.split("\t")):
            return "\t"
        if line.count(",") >= 2 and is_header_row(line.split(",")):
            return ","
        if HEADER_START.match(line):
            if "\t" in line:
                return "\t"
            if line.count(",") >= 4:
                return ","
            return None
        if "\t" in line.strip():
            tabbed += 1
    return "\t" if tabbed >= 2 else None


def _first_lines(text: str, count: int) -> Iterator[str]:
    """The first ``count`` lines of ``text``, one at a time (without copying the rest of it)."""
    start = 0
    for _ in range(count):
        if start > len(text):
            return
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        yield text[start:end]
        start = end + 1


def read_text_table(text: str, path: str) -> SourceTable:
    """Read decoded text with the delimited or the text-dump reader, whichever fits.

    Control characters and right-to-left marks are made visible first (one note per kind).
    """
    from linter.readers.delimited import read_delimited
    from linter.readers.text import read_text

    text, notes = mark_odd_characters(text)
    delimiter = sniff_delimiter(text)
    if delimiter is not None:
        table = read_delimited(text, path, delimiter)
    else:
        table = read_text(text, path)
    table.notes.extend(notes)
    return table


def is_table_name(name: str) -> bool:
    """Whether a file of this name is one that a directory search reads as a table."""
    return name.lower().endswith(TEXT_EXTENSIONS + BINARY_EXTENSIONS)


def iter_input_files(paths: list[str]) -> list[str]:
    """Expand directories recursively to the table files under them, in sorted order.

    Symbolic links to directories are not followed (no loops). A directory that cannot be listed,
    or that holds no table file at all, is returned itself, so that reading it reports the
    problem (a run that lints nothing must not pass) instead of skipping it silently.
    """
    found: list[str] = []
    for path in paths:
        if not os.path.isdir(path):
            found.append(path)
            continue
        start = len(found)
        for root, dirs, files in os.walk(path, onerror=lambda error: found.append(error.filename)):
            dirs.sort()
            found.extend(os.path.join(root, name) for name in sorted(files) if is_table_name(name))
        if len(found) == start:
            found.append(path)
    return found


def input_overwritten_by(target: str, paths: list[str]) -> str | None:
    """The input that writing ``target`` would overwrite or join, or None when it is safe.

    ``target`` clashes with an input when it is that file (also through a symbolic or hard
    link), or when it lies inside a directory being linted with a name that a later run over
    that directory would read as a table.
    """
    real = os.path.realpath(target)
    for path in paths:
        if os.path.isdir(path):
            root = os.path.realpath(path)
            inside = os.path.commonpath([root, real]) == root
            if inside and is_table_name(real):
                return path
    if os.path.exists(target):
        for path in iter_input_files(paths):
            if os.path.exists(path) and os.path.samefile(target, path):
                return path
    return None

"""Readers: sniff a file's content, decode it and read it into the document model."""

from __future__ import annotations

import os
import re

from linter.decoding import decode, sniff_binary
from linter.errors import InputError
from linter.grammar import SourceTable, build_document
from linter.model import Document
from linter.readers.common import HEADER_START

TEXT_EXTENSIONS = (".txt", ".tsv", ".csv", ".tab", ".text")
"""Extensions ``jxlint`` picks up when it walks a directory."""

_SNIFF_LINES = 200


def read_document(path: str) -> Document:
    """Read one file into a :class:`Document`; raises :class:`InputError` when it cannot."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except IsADirectoryError:
        raise InputError(path, "是目录，不是文件 (is a directory)") from None
    except FileNotFoundError:
        raise InputError(path, "文件不存在 (no such file)") from None
    except PermissionError:
        raise InputError(path, "没有读取权限 (permission denied)") from None
    except OSError as error:
        raise InputError(path, f"无法读取 ({error.strerror or error})") from None
    return read_bytes(data, path)


def read_bytes(data: bytes, path: str) -> Document:
    """Read a file's bytes: detect the format from the content, then parse."""
    if not data.strip():
        raise InputError(path, "空文件 (empty file)")
    container = sniff_binary(data)
    if container is not None:
        raise InputError(
            path,
            f"{container} 文件暂不支持，请先导出为文本或 TSV/CSV "
            f"({container} input is not supported yet)",
        )
    text, _encoding = decode(data, path)
    table = read_text_table(text, path)
    if not table.rows:
        raise InputError(
            path,
            "不是可识别的绩效目标表：没有找到带金额的行 (no table rows with amounts found)",
        )
    return build_document(table)


def sniff_delimiter(text: str) -> str | None:
    """``'\\t'`` or ``','`` when the text is a delimited export, ``None`` for a text dump."""
    lines = [line for line in text.split("\n", _SNIFF_LINES)[:_SNIFF_LINES] if line.strip()]
    for line in lines:
        if HEADER_START.match(line):
            if "\t" in line:
                return "\t"
            if len(re.findall(r",", line)) >= 4:
                return ","
            return None
    if sum(1 for line in lines if "\t" in line.strip()) >= 2:
        return "\t"
    return None


def read_text_table(text: str, path: str) -> SourceTable:
    """Read decoded text with the delimited or the text-dump reader, whichever fits."""
    from linter.readers.delimited import read_delimited
    from linter.readers.text import read_text

    delimiter = sniff_delimiter(text)
    if delimiter is not None:
        return read_delimited(text, path, delimiter)
    return read_text(text, path)


def iter_input_files(paths: list[str]) -> list[str]:
    """Expand directories recursively to the table files under them, in sorted order."""
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(TEXT_EXTENSIONS):
                        found.append(os.path.join(root, name))
        else:
            found.append(path)
    return found

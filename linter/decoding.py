"""Turn a file's bytes into text: BOMs, UTF-8, GB18030/GBK, UTF-16, and line ends."""

from __future__ import annotations

import codecs

from linter.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

BINARY_SIGNATURES = {
    b"PK\x03\x04": "xlsx",
    b"%PDF": "pdf",
    b"\xd0\xcf\x11\xe0": "xls",
}
"""Leading bytes of the container formats: zip (xlsx/docx), PDF and OLE2 (xls/doc)."""


def sniff_binary(data: bytes) -> str | None:
    """The container format the bytes start with (``xlsx``, ``pdf``, ``xls``), or ``None``."""
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return kind
    return None


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode a text table and normalise line ends to ``\\n``.

    Returns ``(text, encoding)``. Tries a BOM first, then strict UTF-8, then GB18030 (a superset of
    GBK, what Chinese Windows exports use). Raises :class:`InputError` for binary data.
    """
    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, data = name, data[len(bom) :]
            break
    if encoding is None:
        if b"\x00" in data[:4096]:
            raise InputError(path, "二进制文件，不是文本表格 (binary file, not a text table)")
        for candidate in ("utf-8", "gb18030"):
            try:
                text = data.decode(candidate)
            except UnicodeDecodeError:
                continue
            encoding = candidate
            break
        else:
            raise InputError(path, "无法识别的文本编码 (not UTF-8, GB18030 or UTF-16 text)")
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise InputError(
                path, f"{encoding} 解码失败 (invalid {encoding}: {error.reason})"
            ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding

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

_OLE2 = b"\xd0\xcf\x11\xe0"
_OLE2_STREAMS = (
    ("EncryptedPackage", "encrypted-office"),
    ("WordDocument", "doc"),
    ("Workbook", "xls"),
    ("Book", "xls"),
)
"""Stream names (UTF-16 in the OLE2 directory) that tell what an OLE2 file holds, in this order."""

_OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.text": "odt",
}


def sniff_binary(data: bytes) -> str | None:
    """The kind of binary container the bytes are, or ``None`` for text.

    Zip files are told apart by what they hold: ``xlsx``, ``xlsb``, ``docx``, ``ods``, ``odt``
    (else ``zip``); OLE2 files by their streams: ``xls``, ``doc``, ``encrypted-office`` (a
    password-protected .xlsx/.docx), else ``ole2``; and ``pdf``.
    """
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(_OLE2):
        for stream, kind in _OLE2_STREAMS:
            if stream.encode("utf-16-le") in data:
                return kind
        return "ole2"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    return None


def _zip_kind(data: bytes) -> str:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            mimetype = b""
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                mimetype = archive.read("mimetype").strip()
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return "zip"
    if mimetype in _OPENDOCUMENT:
        return _OPENDOCUMENT[mimetype]
    if "xl/workbook.bin" in names:
        return "xlsb"
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    if any(name.startswith("word/") for name in names):
        return "docx"
    return "zip"


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode a text table and normalise line ends to ``\\n``.

    Returns ``(text, encoding)``. Tries a BOM first, then strict UTF-8, then GB18030 (a superset of
    GBK, what Chinese Windows exports use). A file cut inside its last character (a truncated
    download), or with about one bad byte in a thousand, is decoded with ``\\ufffd`` in place of
    the bad bytes, which the readers report. Raises :class:`InputError` for binary data and for
    text in none of these encodings, naming the line of the first bad byte.
    """
    encoding = None
    payload: bytes | memoryview = data
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, payload = name, memoryview(data)[len(bom) :]
            break
    if encoding is None:
        if b"\x00" in data[:4096]:
            raise InputError(path, "二进制文件，不是文本表格 (binary file, not a text table)")
        text, encoding = _decode_guess(data, path)
    else:
        try:
            text = _strict_or_truncated(payload, encoding)
        except UnicodeDecodeError as error:
            text = str(payload, encoding, "replace")
            if not _few_errors(text):
                line = _error_line(payload, encoding, error.start)
                raise InputError(
                    path,
                    f"{encoding} 解码失败，第 {line} 行有无效字节 "
                    f"(invalid {encoding}: {error.reason} on line {line})",
                ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding


def _strict_or_truncated(payload: bytes | memoryview, encoding: str) -> str:
    """Strictly decoded text; a last character cut short becomes ``\\ufffd``.

    Raises :class:`UnicodeDecodeError` for any other bad byte, and when nothing before the cut
    character decodes.
    """
    try:
        return str(payload, encoding)
    except UnicodeDecodeError as error:
        if error.start == 0 or error.end < len(payload):
            raise
        return str(payload[: error.start], encoding) + "\ufffd"


def _decode_guess(data: bytes, path: str) -> tuple[str, str]:
    """Strict UTF-8, else strict GB18030, else whichever has the fewest bad bytes (if few)."""
    first_error: UnicodeDecodeError | None = None
    for candidate in ("utf-8", "gb18030"):
        try:
            return _strict_or_truncated(data, candidate), candidate
        except UnicodeDecodeError as error:
            first_error = first_error or error
    assert first_error is not None
    decoded = [(data.decode(candidate, "replace"), candidate) for candidate in ("utf-8", "gb18030")]
    text, candidate = min(decoded, key=lambda pair: pair[0].count("\ufffd"))
    if not _few_errors(text):
        line = _error_line(data, "utf-8", first_error.start)
        raise InputError(
            path,
            f"无法识别的文本编码，第 {line} 行起不是 UTF-8 或 GB18030 "
            f"(not UTF-8, GB18030 or UTF-16 text from line {line})",
        )
    return text, candidate


def _few_errors(text: str) -> bool:
    """Whether a text decoded with replacements lost at most one character in a thousand."""
    return text.count("\ufffd") <= len(text) // 1000


def _error_line(payload: bytes | memoryview, encoding: str, offset: int) -> str:
    """The line number of the first bad byte (the bytes before it decode cleanly)."""
    text = str(payload[:offset], encoding)
    return str(text.count("\n") + text.count("\r") - text.count("\r\n") + 1)

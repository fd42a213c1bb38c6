"""An .xlsb workbook with merged cells is refused: calamine gives no merged ranges for .xlsb, and
a table read without its merges is misread (duplicated projects merge, units lose projects)."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from linter.errors import InputError
from linter.readers import read_bytes
from linter.readers.excel import xlsb_has_merges

BRT_MERGE_CELL = 176
BRT_ROW_HDR = 0
BRT_BEGIN_SHEET = 129  # a two-byte record type


def record(kind: int, payload: bytes = b"") -> bytes:
    """One BIFF12 record: its type (one or two 7-bit bytes) and size (up to four), then data."""
    head = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
    size, out = len(payload), bytearray()
    while True:
        byte = size & 0x7F
        size >>= 7
        out.append(byte | (0x80 if size else 0))
        if not size:
            break
    return head + bytes(out) + payload


def merge(first_row: int, last_row: int, first_column: int, last_column: int) -> bytes:
    return record(
        BRT_MERGE_CELL, struct.pack("<4I", first_row, last_row, first_column, last_column)
    )


def workbook(*sheets: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.bin", record(131) + record(132))
        for number, sheet in enumerate(sheets, 1):
            archive.writestr(f"xl/worksheets/sheet{number}.bin", sheet)
    return buffer.getvalue()


LONG_ROW = record(BRT_ROW_HDR, bytes(200))  # a size written in two bytes


def test_a_merge_record_is_found_among_other_records() -> None:
    sheet = record(BRT_BEGIN_SHEET) + LONG_ROW * 3 + merge(2, 4, 0, 0)
    assert xlsb_has_merges(workbook(record(BRT_BEGIN_SHEET) + LONG_ROW, sheet), "t.xlsb")


def test_a_sheet_without_merge_records_has_none() -> None:
    payload = struct.pack("<I", BRT_MERGE_CELL) * 50  # the number 176 inside a record's data
    sheet = record(BRT_BEGIN_SHEET) + record(BRT_ROW_HDR, payload) + LONG_ROW
    assert not xlsb_has_merges(workbook(sheet), "t.xlsb")


def test_a_truncated_record_stream_is_an_error_naming_the_file() -> None:
    sheet = record(BRT_BEGIN_SHEET) + LONG_ROW[:-50]
    with pytest.raises(InputError, match=r"t\.xlsb"):
        xlsb_has_merges(workbook(sheet), "t.xlsb")


def test_an_xlsb_with_merged_cells_is_refused_before_it_is_read() -> None:
    data = workbook(record(BRT_BEGIN_SHEET) + LONG_ROW + merge(1, 3, 0, 0))
    with pytest.raises(InputError) as raised:
        read_bytes(data, "单位表.xlsb")
    message = str(raised.value)
    assert "单位表.xlsb" in message and "合并单元格" in message and ".xlsx" in message

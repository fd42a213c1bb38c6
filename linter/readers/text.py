"""Reader for PDF-to-text dumps of the table (the seeds' ``.txt`` layout).

Rows are anchored on their amount lines: a line whose trailing tokens are money figures. The name
of a row is the text before the figures plus the preceding lines back to the last line that ends a
sentence; everything after a row's amount line up to the next name is its body (绩效目标 and
绩效指标, whose columns the dump interleaves). Blank lines, titles, department lines, page footers
and the column header (repeated on every page, wrapped at any point) are noise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from linter.grammar import SourceRow, SourceTable
from linter.located import LocatedText
from linter.model import Location, Note
from linter.readers.common import (
    AMOUNT_TOKEN,
    AMOUNT_UNIT,
    DEPARTMENT,
    HEADER_START,
    PAGE_FOOTER,
    TITLE,
    amounts_from_figures,
    is_header_piece,
    take_amount_unit,
)

_TERMINATORS = "。；;."
_BROKEN_FIGURE = re.compile(r"(?:^|(?<=\s))(-?\d[\d,.]*[,.][\d,.]*\d)\s*$")
"""A line's last token made of digits, commas and dots (``1,2,3.4.5``, ``1.234,5``, ``2.5``)."""
_NOT_A_NAME = re.compile(r"指标值|(?<!\d)\d{1,3}\s*、\s*[1-9]\s*-")
_OPEN_LABEL = re.compile(r"指标值\s*[:：]?$")
_WHITESPACE = re.compile(r"\s+")
_TITLE_WORD = "绩效目标表"
"""What every title line holds (a cheap test before :data:`TITLE`)."""


class _Line(NamedTuple):
    number: int
    text: str
    stripped: str
    indent: int


def _line(number: int, text: str, stripped: str) -> _Line:
    """Line ``number`` with its text, the text stripped and the blanks it is indented by."""
    return _Line(number, text, stripped, len(text) - len(text.lstrip()))


@dataclass(slots=True)
class _Anchor:
    index: int
    prefix: str
    figures: list[str]


def read_text(text: str, path: str) -> SourceTable:
    """Read a text dump into rows for the shared grammar."""
    table = SourceTable(path=path, format="text")
    lines = _content_lines(text, table)
    anchors = [a for a in (_anchor(i, line.text) for i, line in enumerate(lines)) if a is not None]
    if anchors:
        table.notes.append(
            Note(
                "文本导出中空列被合并：金额按从左到右的顺序归入总计、财政拨款……，第二个数起的归属是推测",
                Location(line=lines[anchors[0].index].number, column=1),
                "positional-amounts",
            )
        )
    previous_end = 0
    previous: tuple[_Anchor, int] | None = None  # the last row's amount line and first name line
    for anchor in anchors:
        name_start = _name_start(lines, previous_end, anchor.index, table)
        if previous is not None:
            table.rows.append(_row(table, lines, *previous, name_start))
        elif name_start > previous_end:
            for line in lines[previous_end:name_start]:
                table.notes.append(
                    Note(
                        "表格第一行之前的文本无法归属",
                        _loc(line),
                        "unplaced",
                        line.stripped,
                    )
                )
        _note_broken_figures(table, lines[name_start : anchor.index + 1], in_name=True)
        previous = (anchor, name_start)
        previous_end = anchor.index + 1
    if previous is not None:
        table.rows.append(_row(table, lines, *previous, len(lines)))
    return table


def _row(
    table: SourceTable, lines: list[_Line], anchor: _Anchor, name_start: int, end: int
) -> SourceRow:
    """The row named by lines ``name_start`` up to its amount line, its body the lines to ``end``."""
    fragments = [line.stripped for line in lines[name_start : anchor.index]]
    if anchor.prefix:
        fragments.append(anchor.prefix)
    body_lines = lines[anchor.index + 1 : end]
    if body_lines:
        _note_broken_figures(table, body_lines, in_name=False)
    body = LocatedText.join(
        [
            (line.stripped, Location(line=line.number, column=line.indent + 1), True)
            for line in body_lines
        ]
    )
    return SourceRow(
        name="".join(fragments),
        amounts=amounts_from_figures(anchor.figures, positional=True),
        location=_loc(lines[name_start]),
        body=body,
        raw="\n".join([line.text for line in lines[name_start:end]]),
    )


def _content_lines(text: str, table: SourceTable) -> list[_Line]:
    """The lines that carry table content: noise (blank, title, header runs, footers) removed.

    Department and amount-unit lines count as such before the table starts; later only an exact
    repeat of the department line (a page header) does, so body text like ``部门：…`` is kept.
    """
    lines: list[_Line] = []
    header_so_far: str | None = None
    header_run: list[_Line] = []
    in_table = False
    page_breaks_and_tabs_as_blanks = text.replace("\f", " ").replace("\t", " ")
    for number, line in enumerate(page_breaks_and_tabs_as_blanks.split("\n"), start=1):
        stripped = line.strip()
        if header_so_far is not None:
            compact = _WHITESPACE.sub("", stripped)
            # A line starting a header of its own never continues one: the run so far (a goal
            # line reading 项目名称, say) ends before it.
            if is_header_piece(compact, header_so_far) and not HEADER_START.match(stripped):
                header_so_far += compact
                if stripped:
                    header_run.append(_line(number, line, stripped))
                continue
            if not _is_header(header_so_far):
                lines.extend(header_run)
            header_so_far = None
        if not stripped:
            continue
        if HEADER_START.match(stripped):
            header_so_far = _WHITESPACE.sub("", stripped)
            header_run = [_line(number, line, stripped)]
            in_table = True
            continue
        where = Location(line=number, column=len(line) - len(line.lstrip()) + 1)
        if _read_header_fact(stripped, where, table, in_table):
            continue
        if _TITLE_WORD in stripped and TITLE.match(stripped) and not _anchor(0, line):
            table.title = table.title or stripped
            continue
        if PAGE_FOOTER.match(stripped):
            continue
        lines.append(_line(number, line, stripped))
        in_table = True
    if header_so_far is not None and not _is_header(header_so_far):
        lines.extend(header_run)
    return lines


def _is_header(compact: str) -> bool:
    """Whether a header-like run is the column header, not a body line reading ``项目名称``.

    A real header goes on past the first column's title.
    """
    return any(word in compact for word in ("总计", "财政", "其他", "绩效"))


def _read_header_fact(
    stripped: str, location: Location, table: SourceTable, in_table: bool
) -> bool:
    """Take the department name and the amount unit from their lines (at ``location``); say if
    this was one."""
    department = DEPARTMENT.match(stripped)
    if in_table:
        return bool(department) and department.group("name").strip() == table.department
    if department:
        if table.department is None:
            table.department = department.group("name").strip() or None
        take_amount_unit(department.group("unit"), stripped, location, table)
        return True
    unit = AMOUNT_UNIT.match(stripped)
    if unit:
        take_amount_unit(unit.group("unit"), stripped, location, table)
        return True
    return False


def _anchor(index: int, text: str) -> _Anchor | None:
    """The amount line's name prefix and figures, if the line ends in money figures."""
    if text.rstrip()[-3:-2] != ".":
        return None  # a money figure ends in a dot and two digits
    tokens = text.split()
    count = 0
    while count < len(tokens) and AMOUNT_TOKEN.match(tokens[-1 - count]):
        count += 1
    if count == 0 or (count == 1 and len(tokens) > 1):
        return None
    figures = tokens[len(tokens) - count :]
    stripped = text.rstrip()
    cut = len(stripped)
    for figure in reversed(figures):
        cut = stripped.rindex(figure, 0, cut)
    return _Anchor(index, stripped[:cut].strip(), figures)


def _name_start(lines: list[_Line], floor: int, anchor: int, table: SourceTable) -> int:
    """The first line of a row's name: back from the amount line to the last sentence end."""
    start = anchor
    while start > floor:
        candidate = lines[start - 1].stripped
        if candidate[-1] in _TERMINATORS:
            break
        if _NOT_A_NAME.search(candidate) or _OPEN_LABEL.search(
            "".join(line.stripped for line in lines[max(floor, start - 3) : start - 1])
        ):
            if start == anchor:
                table.notes.append(
                    Note(
                        "金额行前一行像指标文本，未并入名称",
                        _loc(lines[start - 1]),
                        "suspicious-name",
                        candidate,
                    )
                )
            break
        start -= 1
    return start


def _note_broken_figures(table: SourceTable, lines: list[_Line], in_name: bool) -> None:
    """Note lines that end in a figure that is not a money figure (``项目 1,2,3.4.5``).

    Such a line is not an amount line, so its row runs on into a neighbour's name or body. Name
    lines may be only the figure; body lines need a space before it and a comma or two dots in it
    (``为 2.5`` is a value, not a broken figure).
    """
    for line in lines:
        if not line.stripped[-1:].isdecimal():
            continue  # the figure ends the line with a digit
        match = _BROKEN_FIGURE.search(line.text)
        if match is None or AMOUNT_TOKEN.match(match.group(1)):
            continue
        token = match.group(1)
        alone = not line.text[: match.start(1)].strip()
        if not in_name and (alone or ("," not in token and token.count(".") < 2)):
            continue
        table.notes.append(
            Note(
                f"疑似金额但格式不对，未作为金额读取：{token}",
                Location(line=line.number, column=match.start(1) + 1),
                "bad-amount",
                token,
            )
        )


def _loc(line: _Line) -> Location:
    return Location(line=line.number, column=line.indent + 1)

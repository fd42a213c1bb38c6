"""Located text: text joined from source pieces that still knows where each character came from."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from linter.model import Location


class Segment(NamedTuple):
    """Characters from ``offset`` onwards come from ``location`` onwards.

    When ``advance`` is true (a run of characters on one source line), the column grows by one per
    character after the offset; otherwise every character of the segment maps to ``location``.
    """

    offset: int
    location: Location
    advance: bool = True


_offset = attrgetter("offset")


@dataclass(frozen=True, slots=True)
class LocatedText:
    """A text plus an ordered list of segments mapping offsets back to source locations."""

    text: str = ""
    segments: tuple[Segment, ...] = ()

    @classmethod
    def join(cls, pieces: Iterable[tuple[str, Location, bool]]) -> LocatedText:
        """Join ``(text, location, advance)`` pieces with nothing in between."""
        parts: list[str] = []
        segments: list[Segment] = []
        offset = 0
        for text, location, advance in pieces:
            if not text:
                continue
            segments.append(Segment(offset, location, advance))
            parts.append(text)
            offset += len(text)
        return cls("".join(parts), tuple(segments))

    @classmethod
    def run(cls, text: str, location: Location, advance: bool = True) -> LocatedText:
        """``text`` from one source place: what :meth:`join` makes of the one piece."""
        if not text:
            return cls()
        return cls(text, (Segment(0, location, advance),))

    def locate(self, offset: int) -> Location | None:
        """The source location of the character at ``offset`` (``None`` for an empty text)."""
        if not self.segments:
            return None
        return self._locate_in(self.segments[self._segment_at(offset)], offset)

    def locate_all(self, offsets: Iterable[int]) -> list[Location | None]:
        """The source locations of the characters at ``offsets``, which must be ascending.

        One walk over the segments instead of a search per offset.
        """
        segments = self.segments
        if not segments:
            return [None for _ in offsets]
        located: list[Location | None] = []
        k, last = 0, len(segments) - 1
        for offset in offsets:
            while k < last and segments[k + 1].offset <= offset:
                k += 1
            located.append(self._locate_in(segments[k], offset))
        return located

    def _segment_at(self, offset: int) -> int:
        """The index of the last segment starting at or before ``offset`` (else the first)."""
        return max(bisect_right(self.segments, offset, key=_offset) - 1, 0)

    @staticmethod
    def _locate_in(segment: Segment, offset: int) -> Location:
        base = segment.location
        delta = offset - segment.offset
        if not segment.advance or delta <= 0 or base.column is None:
            return base
        return Location(
            line=base.line,
            column=base.column + delta,
            sheet=base.sheet,
            row=base.row,
            table=base.table,
        )

    def __add__(self, other: LocatedText) -> LocatedText:
        shift = len(self.text)
        moved = tuple(Segment(s.offset + shift, s.location, s.advance) for s in other.segments)
        return LocatedText(self.text + other.text, self.segments + moved)

    def slice(self, start: int, end: int | None = None) -> LocatedText:
        """The located text of ``text[start:end]``."""
        end = len(self.text) if end is None else min(end, len(self.text))
        if start >= end:
            return LocatedText()
        segments = self.segments
        if not segments:
            return LocatedText(self.text[start:end])
        k = self._segment_at(start)
        first = segments[k]
        advance = first.advance if first.offset <= start else True
        out = [Segment(0, self._locate_in(first, start), advance)]
        for j in range(k, len(segments)):
            segment = segments[j]
            if segment.offset >= end:
                break
            if segment.offset > start:
                out.append(Segment(segment.offset - start, segment.location, segment.advance))
        return LocatedText(self.text[start:end], tuple(out))

    def strip(self, chars: str | None = None) -> LocatedText:
        """The located text without leading and trailing ``chars`` (whitespace by default)."""
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        if self.text and left == 0 and right == len(self.text) and self._starts_at_zero():
            return self  # what slicing the whole text would rebuild
        return self.slice(left, max(left, right))

    def _starts_at_zero(self) -> bool:
        """Whether the first segment (if any) starts the text, as in every joined or sliced text."""
        return not self.segments or self.segments[0].offset == 0

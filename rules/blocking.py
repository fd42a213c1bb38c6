"""D04's blocking: which pairs of projects share enough rare character n-grams to be compared.

An inverted index over a sample of the n-grams of each project's goal and indicator names
(:func:`candidate_pairs`), built in memory that grows with the number of projects by a few
hundred bytes each and never with the run's vocabulary: n-grams are integers computed from their
characters (:func:`gram_codes`), never looked up in a table of the run's n-grams; their counts
are taken one partition of the codes at a time; each project's codes wait on disk between the
passes (:class:`~linter.spill.SpilledList`) and the postings are flat integer arrays.
"""

from __future__ import annotations

import functools
import gc
import math
import re
import tempfile
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import accumulate, chain, repeat
from typing import IO, TYPE_CHECKING, TypeVar

from linter.spill import SpilledList

if TYPE_CHECKING:
    from rules.duplicates import ProjectText

Result = TypeVar("Result")


ANCHOR_EVERY = 3
"""N-gram sampling for blocking: only n-grams whose first character's code point is a multiple of
``ANCHOR_EVERY`` are indexed (the same characters in every text, so near-duplicates keep the
n-grams they share, in proportion)."""
PROBE_BUDGET = 100
"""Blocking work per project: the summed posting lengths of the n-grams it is matched on."""
MAX_POSTING = 100
"""N-grams in more projects than this are boilerplate to blocking (a bound that does not grow
with the run, so neither does the work per project)."""
PROJECTS_PER_PARTITION = 4096
"""N-gram codes are counted, and postings laid out, one partition of the codes at a time: one
partition for every this many projects, so that a partition's counts stay about the same size
however large the run."""
BUFFERED_CODES = 1 << 18
"""Codes the partitions hold in memory before they are written to their scratch file."""
CODES_IN_MEMORY = 10_000
"""Projects whose n-gram codes stay in memory between blocking's passes; the rest wait on disk."""


@cache
def _anchored(size: int, every: int) -> re.Pattern[str]:
    """Overlapping n-grams that start at an anchor character (code point ≡ 0 mod ``every``)."""
    codes = chain(range(0x30, 0x3A), range(0x41, 0x5B), range(0x61, 0x7B), range(0x4E00, 0xA000))
    anchors = "".join(chr(code) for code in codes if code % every == 0)
    return re.compile(f"(?=([{anchors}].{{{size - 1}}}))", re.DOTALL)


def content_grams(item: ProjectText, size: int = 3, every: int = 1) -> list[str]:
    """The distinct character n-grams of the goal and of each indicator name, in text order.

    N-grams never cross parts; a text of at most ``size`` characters is one n-gram. With
    ``every`` > 1 only the n-grams starting at an anchor character are kept (see
    :data:`ANCHOR_EVERY`); a text without one keeps its first n-gram.
    """
    grams: list[str] = []
    anchored = _anchored(size, every) if every > 1 else None
    for text in (item.goal, *item.indicators):
        if len(text) <= size:
            if text:
                grams.append(text)
        elif anchored is None:
            grams.extend([text[k : k + size] for k in range(len(text) - size + 1)])
        else:
            grams.extend(anchored.findall(text) or (text[:size],))
    return list(dict.fromkeys(grams))


PACKED_LIMIT = 1 << 48
"""Codes below this are n-grams read as numbers; from it up, n-grams numbered by :func:`gram_codes`."""
_UNPACKABLE = re.compile("[\0\U00010000-\U0010ffff]")
"""A character that does not pack (NUL, or outside the Basic Multilingual Plane)."""


def gram_codes(item: ProjectText, size: int, every: int, numbered: dict[str, int]) -> array[int]:
    """The item's :func:`content_grams` as integers, the same integer for the same n-gram in
    every item and every run.

    An n-gram of at most three BMP characters is its UTF-16 code units read as one number
    (below :data:`PACKED_LIMIT`: no table of the run's n-grams is needed). Any other — a longer
    ``size``, a character outside the BMP — is numbered from :data:`PACKED_LIMIT` up in order of
    first appearance, in ``numbered`` (rare: those characters are rare in Chinese tables).
    """
    grams = content_grams(item, size, every)
    texts = (item.goal, *item.indicators)
    if size <= 3 and not any(_UNPACKABLE.search(text) for text in texts):
        units = map(str.encode, grams, repeat("utf-16-le"))
        return array("q", map(int.from_bytes, units, repeat("little")))
    codes = array("q")
    for gram in grams:
        if len(gram) <= 3 and not _UNPACKABLE.search(gram):
            codes.append(int.from_bytes(gram.encode("utf-16-le"), "little"))
        else:
            codes.append(numbered.setdefault(gram, PACKED_LIMIT + len(numbered)))
    return codes


class _Partitions:
    """Pairs ``(code, tag)`` sorted into partitions by code (``code % count``), buffered in
    memory and written to a scratch file in chunks; read back one partition at a time, in the
    order they were added."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.codes = [array("q") for _ in range(count)]
        self.tags = [array("q") for _ in range(count)]
        self.buffered = 0
        self.chunks: list[list[tuple[int, int]]] = [[] for _ in range(count)]
        self.stream: IO[bytes] | None = None

    def add(self, codes: Sequence[int], tags: Iterable[int]) -> None:
        """Add each code with its tag (one partition: all at once)."""
        if self.count == 1:
            self.codes[0].extend(codes)
            self.tags[0].extend(tags)
        else:
            count, codes_of, tags_of = self.count, self.codes, self.tags
            for code, tag in zip(codes, tags, strict=True):
                codes_of[code % count].append(code)
                tags_of[code % count].append(tag)
        self.buffered += len(codes)
        if self.buffered >= BUFFERED_CODES:
            self._write()

    def _write(self) -> None:
        if self.stream is None:
            self.stream = tempfile.TemporaryFile(prefix="jxlint-")  # noqa: SIM115 (see close)
        for part in range(self.count):
            if self.codes[part]:
                self.chunks[part].append((self.stream.tell(), len(self.codes[part])))
                self.codes[part].tofile(self.stream)
                self.tags[part].tofile(self.stream)
                self.codes[part], self.tags[part] = array("q"), array("q")
        self.buffered = 0

    def take(self, part: int) -> tuple[array[int], array[int]]:
        """Partition ``part``'s codes and tags, in the order they were added (and let go of)."""
        codes, tags = array("q"), array("q")
        for offset, length in self.chunks[part]:
            assert self.stream is not None
            self.stream.seek(offset)
            codes.fromfile(self.stream, length)
            tags.fromfile(self.stream, length)
        codes.extend(self.codes[part])
        tags.extend(self.tags[part])
        self.chunks[part], self.codes[part], self.tags[part] = [], array("q"), array("q")
        return codes, tags

    def close(self) -> None:
        """Remove the scratch file, if there is one."""
        if self.stream is not None:
            self.stream.close()


def _rarest(frequency: dict[int, int], budget: int) -> list[int]:
    """The rarest n-grams of ``frequency`` (an item's n-grams → their frequencies) within ``budget``.

    Taken rarest first while the frequencies (each less one: the other items) sum within
    ``budget``. Whole frequency levels are taken or left (so the choice never depends on order);
    the rarest level is always taken, even alone over ``budget``.
    """
    levels = sorted(frequency.values())
    if sum(levels) - len(levels) <= budget:
        return list(frequency)
    spent = 0
    limit = levels[0]
    for level in levels:
        spent += level - 1
        if spent > budget:
            limit = max(levels[0], level - 1)
            break
    return [gram for gram, level in frequency.items() if level <= limit]


def without_cyclic_gc(function: Callable[..., Result]) -> Callable[..., Result]:
    """Run ``function`` with the cyclic garbage collector paused (and restored after).

    Blocking and scoring allocate many small arrays, lists and counters and make no reference
    cycles; each full collection meanwhile would walk every object the run keeps, which made the
    time grow faster than the number of projects (measured: 13% of D04's time at 100,000
    projects).
    """

    @functools.wraps(function)
    def paused(*args: object, **kwargs: object) -> Result:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused


def _frequencies(occurrences: _Partitions, total: int, cap: int) -> array[int]:
    """How many items have each code occurrence's code (at most ``cap``), by occurrence."""
    found = array("B", bytes(total))
    for part in range(occurrences.count):
        codes, where = occurrences.take(part)
        counted = Counter(codes)
        for place, code in zip(where, codes, strict=True):
            found[place] = min(counted[code], cap)
    return found


def _postings(
    probes: _Partitions, probe_start: array[int]
) -> tuple[array[int], array[int], array[int]]:
    """The inverted index of the probes, flat: each posting's items (in item order) from its
    start, and each probe (item-major, as in ``probe_start``) → its posting.

    A probe's tag is its item ``<< 32`` and its place in the item's probe list.
    """
    items, starts = array("i"), array("q")
    posting_of = array("i", bytes(4 * probe_start[-1]))
    for part in range(probes.count):
        codes, tags = probes.take(part)
        previous = None
        for k in sorted(range(len(codes)), key=codes.__getitem__):
            code, tag = codes[k], tags[k]
            if code != previous:
                starts.append(len(items))
                previous = code
            item = tag >> 32
            items.append(item)
            posting_of[probe_start[item] + (tag & 0xFFFFFFFF)] = len(starts) - 1
    return items, starts, posting_of


@without_cyclic_gc
def candidate_pairs(
    items: Iterable[ProjectText],
    *,
    size: int = 3,
    overlap: float = 0.2,
    min_shared: int = 2,
    max_df: int = MAX_POSTING,
    every: int = ANCHOR_EVERY,
    budget: int = PROBE_BUDGET,
    share: float = 0.5,
) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, whose goal and indicator texts share enough rare n-grams.

    Blocking for :func:`~rules.duplicates.near_duplicate_pairs`: an inverted index over a sample
    of the character n-grams of each project's goal and indicator names (:func:`content_grams`
    with ``every``, as :func:`gram_codes`). N-grams found in only one item cannot pair it;
    those in more than ``max_df`` items (at most 254) are boilerplate (通过项目的实施, 满意度)
    and carry no evidence of duplication. Each item is indexed and looked up by its *rarest*
    remaining n-grams only, as many as keep the summed posting lengths within ``budget``
    (:func:`_rarest`): the n-grams two near-duplicates share with few others come first, and the
    work per item is bounded, so the cost grows linearly with the number of items. A pair is a
    candidate when the looked-up n-grams they share are at least ``share`` of the shorter lookup
    list, or at least ``overlap`` of the smaller item's n-grams (and at least ``min_shared`` in
    both cases). The price of bounding: a project written only in boilerplate found in more
    than ``max_df`` items is never a candidate (measured recall against
    :func:`~rules.duplicates.all_pairs`: tests/test_near_duplicates.py and
    benchmarks/bench_scale.py).

    ``items`` is read once, in order (it may be a view over signatures on disk); each item's
    n-gram codes are then read three times from a :class:`~linter.spill.SpilledList`: to count
    them partition by partition, to choose each item's lookup n-grams, and (as postings) to
    match each item against the items before it.
    """
    if not 1 <= max_df < 255:
        raise ValueError(f"max_df must be from 1 to 254, not {max_df}")
    numbered: dict[str, int] = {}
    sizes = array("q")
    codes_of: SpilledList[array[int]] = SpilledList(memory=CODES_IN_MEMORY)
    with codes_of:
        for item in items:
            codes = gram_codes(item, size, every, numbered)
            codes_of.append(codes)
            sizes.append(len(codes))
        partitions = 1 + len(sizes) // PROJECTS_PER_PARTITION
        occurrences, probes = _Partitions(partitions), _Partitions(partitions)
        total = 0
        for codes in codes_of:
            occurrences.add(codes, range(total, total + len(codes)))
            total += len(codes)
        frequency = _frequencies(occurrences, total, max_df + 1)
        occurrences.close()
        looked_up = array("q")
        start = 0
        for position, codes in enumerate(codes_of):
            seen = frequency[start : start + len(codes)]
            start += len(codes)
            probe = _rarest(
                {
                    code: level
                    for code, level in zip(codes, seen, strict=True)
                    if 2 <= level <= max_df
                },
                budget,
            )
            looked_up.append(len(probe))
            probes.add(probe, [position << 32 | place for place in range(len(probe))])
    del frequency
    probe_start = array("q", accumulate(looked_up, initial=0))
    posting_items, posting_start, posting_of = _postings(probes, probe_start)
    probes.close()
    consumed = array("i", bytes(4 * len(posting_start)))
    lone = bytearray(len(looked_up))
    pairs: set[tuple[int, int]] = set()
    for position, probed in enumerate(looked_up):
        postings = []
        for posting in posting_of[probe_start[position] : probe_start[position + 1]]:
            begin = posting_start[posting]
            postings.append(posting_items[begin : begin + consumed[posting]])
            consumed[posting] += 1
        shared_with = Counter(chain.from_iterable(postings))
        if probed == 1:
            lone[position] = 1
        if not shared_with:
            continue
        least = 1 if probed == 1 else min(2, min_shared)
        others = [o for o, shared in shared_with.items() if shared >= least or lone[o]]
        for other in others:
            shared = shared_with[other]
            shorter = min(probed, looked_up[other])
            smaller = min(sizes[position], sizes[other])
            if shared >= max(min(min_shared, shorter), math.ceil(share * shorter)) or (
                shared >= max(min(min_shared, smaller), math.ceil(overlap * smaller))
            ):
                pairs.add((other, position))
    return pairs

"""Sequences that keep a bounded part of themselves in memory and the rest in a temporary file.

A run-wide check that must see every project of a run (D04) holds what it keeps of each one
here: the first items in memory, the others pickled to disk, read back in order or by index.
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Generic, TypeVar, overload

Item = TypeVar("Item")


class SpilledList(Sequence[Item], Generic[Item]):
    """A list of picklable items whose first items, up to a summed weight of ``memory``, are
    held in memory and the rest in a temporary file (their offsets in an integer array): a run
    of any size holds a bounded part of them. Append only; read in order (iteration reads the
    file front to back) or by index (one seek and one load). Close it, or use it as a context
    manager, to remove the file.
    """

    def __init__(self, items: Iterable[Item] = (), memory: int = 10_000) -> None:
        self.memory = memory
        self.weight = 0
        self.held: list[Item] = []
        self.offsets = array("q")
        self.stream: IO[bytes] | None = None
        self.extend(items)

    def append(self, item: Item, weight: int = 1) -> None:
        """Add ``item`` at the end; ``weight``: its part of ``memory`` (e.g. its projects)."""
        if not self.offsets and self.weight + weight <= self.memory:
            self.weight += weight
            self.held.append(item)
            return
        if self.stream is None:
            self.stream = tempfile.TemporaryFile(prefix="jxlint-")  # noqa: SIM115 (see close)
        self.stream.seek(0, 2)
        self.offsets.append(self.stream.tell())
        pickle.dump(item, self.stream, pickle.HIGHEST_PROTOCOL)

    def extend(self, items: Iterable[Item]) -> None:
        """Add ``items`` at the end, in order."""
        for item in items:
            self.append(item)

    def __len__(self) -> int:
        return len(self.held) + len(self.offsets)

    @overload
    def __getitem__(self, index: int) -> Item: ...

    @overload
    def __getitem__(self, index: slice) -> list[Item]: ...

    def __getitem__(self, index: int | slice) -> Item | list[Item]:
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("SpilledList index out of range")
        if index < len(self.held):
            return self.held[index]
        assert self.stream is not None
        self.stream.seek(self.offsets[index - len(self.held)])
        return pickle.load(self.stream)

    def __iter__(self) -> Iterator[Item]:
        yield from self.held
        if self.stream is None:
            return
        for offset in self.offsets:
            self.stream.seek(offset)
            yield pickle.load(self.stream)

    def close(self) -> None:
        """Let go of every item and remove the temporary file, if there is one."""
        self.held, self.weight = [], 0
        if self.stream is not None:
            self.stream.close()
            self.stream = None
            del self.offsets[:]

    def __enter__(self) -> SpilledList[Item]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

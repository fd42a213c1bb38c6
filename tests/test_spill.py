"""linter/spill.py: a list held partly in memory, partly in a temporary file."""

from __future__ import annotations

import pytest

from linter.spill import SpilledList


@pytest.mark.parametrize("memory", [0, 3, 100])
def test_a_spilled_list_reads_back_what_was_appended(memory: int) -> None:
    items = [{"n": n, "text": "项目" * n} for n in range(20)]
    with SpilledList(items, memory=memory) as spilled:
        assert len(spilled) == 20
        assert list(spilled) == items
        assert [spilled[k] for k in (19, 0, 7, -1)] == [items[19], items[0], items[7], items[-1]]
        assert spilled[5:8] == items[5:8]
        assert len(spilled.held) == min(memory, 20)
        with pytest.raises(IndexError):
            spilled[20]


def test_weights_bound_what_is_held_and_keep_the_order() -> None:
    """An item over the bound goes to disk, and so does every later one, however light."""
    spilled: SpilledList[str] = SpilledList(memory=10)
    for text, weight in [("a", 4), ("b", 4), ("c", 5), ("d", 1)]:
        spilled.append(text, weight)
    assert spilled.held == ["a", "b"]
    assert list(spilled) == ["a", "b", "c", "d"]
    assert spilled[3] == "d"
    spilled.close()
    assert list(spilled) == [] and spilled.stream is None

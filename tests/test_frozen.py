"""stored_by_slot: a frozen dataclass built faster, and otherwise the dataclass it was."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass

import pytest

from linter.findings import Finding, Related, Severity
from linter.frozen import stored_by_slot
from linter.model import Indicator, Location
from linter.values import Value


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Point:
    x: int
    y: int = 0
    label: str | None = None


def test_fields_are_taken_by_position_and_by_keyword_with_their_defaults() -> None:
    assert Point(1) == Point(x=1, y=0, label=None)
    assert Point(1, 2, "a") == Point(label="a", y=2, x=1)
    assert repr(Point(1, 2)) == "Point(x=1, y=2, label=None)"
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, z=3)  # type: ignore[call-arg]


def test_instances_stay_frozen_hashable_and_picklable() -> None:
    point = Point(1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 5  # type: ignore[misc]
    assert hash(point) == hash(Point(1, 2))
    assert pickle.loads(pickle.dumps(point)) == point
    assert dataclasses.replace(point, y=7) == Point(1, 7)


def test_a_default_factory_is_refused() -> None:
    with pytest.raises(TypeError, match="default factory"):

        @stored_by_slot
        @dataclass(frozen=True, slots=True)
        class WithFactory:
            items: list[int] = dataclasses.field(default_factory=list)


@pytest.mark.parametrize("cls", [Location, Indicator, Value, Finding, Related])
def test_jxlint_types_are_built_through_their_slots_and_stay_frozen(cls: type) -> None:
    assert all(name.startswith("_set_") for name in cls.__init__.__code__.co_names)
    assert cls.__dataclass_params__.frozen


def test_a_finding_is_built_with_every_field() -> None:
    finding = Finding("V01", "vague-value", Severity.warning, "模糊", "a.txt", Location(3, 4))
    assert (finding.code, finding.location, finding.related) == ("V01", Location(3, 4), ())
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.message = "x"  # type: ignore[misc]


@stored_by_slot
@dataclass(frozen=True, slots=True)
class Single:
    value: str


def test_the_pickled_state_is_the_fields_values_in_order() -> None:
    """Each field's value, in field order (one field too), stored back through the slots."""
    assert Point(1, 2, "a").__getstate__() == (1, 2, "a")
    assert Single("项目").__getstate__() == ("项目",)
    for node in (Point(3, label="b"), Single("x"), Location(sheet="表1", cell="B3", row=3)):
        copy = pickle.loads(pickle.dumps(node, pickle.HIGHEST_PROTOCOL))
        assert copy == node and copy is not node
    with pytest.raises(ValueError):
        Point.__new__(Point).__setstate__((1, 2))

"""Frozen dataclasses that are quick to build and to pickle.

The model's nodes, values and findings are frozen (immutable) slotted dataclasses, and a run builds
millions of them. The ``__init__`` that :func:`dataclasses.dataclass` writes for a frozen class calls
``object.__setattr__`` once per field (to get past the class's own ``__setattr__``, which refuses);
storing each field through its slot descriptor does the same job in about 40% less time. Pickling
(``--jobs`` workers hand their findings and D04's signatures over pickled; the spools write them
to disk) is the same story: the dataclass's ``__getstate__``/``__setstate__`` look its fields up
again for every object, about three quarters of the time of unpickling a document's signatures.
"""

from __future__ import annotations

import dataclasses
import operator
from typing import Any, TypeVar

Frozen = TypeVar("Frozen")


def stored_by_slot(cls: type[Frozen]) -> type[Frozen]:
    """Give a frozen, slotted dataclass an ``__init__`` that stores each field through its slot,
    and a pickled state that is the tuple of its fields' values, stored back the same way.

    Apply it on top of ``@dataclass(frozen=True, slots=True)``. Fields, their order, defaults,
    equality, hashing, ``repr`` and immutability stay the dataclass's own; only construction and
    the pickled state change. Fields with a ``default_factory`` are refused (none of jxlint's
    have one).
    """
    frozen: Any = cls
    namespace: dict[str, Any] = {}
    parameters = []
    for field in dataclasses.fields(frozen):
        if field.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{field.name}: a default factory is not supported")
        namespace[f"_set_{field.name}"] = getattr(frozen, field.name).__set__
        if field.default is dataclasses.MISSING:
            parameters.append(field.name)
        else:
            namespace[f"_default_{field.name}"] = field.default
            parameters.append(f"{field.name}=_default_{field.name}")
    lines = [f"def __init__(self, {', '.join(parameters)}):"]
    lines += [f"    _set_{field.name}(self, {field.name})" for field in dataclasses.fields(frozen)]
    exec("\n".join(lines), namespace)
    namespace["__init__"].__qualname__ = f"{cls.__qualname__}.__init__"
    frozen.__init__ = namespace["__init__"]
    names = [field.name for field in dataclasses.fields(frozen)]
    setters = tuple(getattr(frozen, name).__set__ for name in names)
    values = operator.attrgetter(*names)

    def __getstate__(self: Any) -> tuple:
        state = values(self)
        return state if len(names) > 1 else (state,)

    def __setstate__(self: Any, state: tuple) -> None:
        for store, value in zip(setters, state, strict=True):
            store(self, value)

    frozen.__getstate__ = __getstate__
    frozen.__setstate__ = __setstate__
    return cls

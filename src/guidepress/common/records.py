"""`record`: the frozen dataclass the models are made of (the guide, its elements, the document).

Frozen, compared by identity and shown by one shared `__repr__`: the dataclass machinery
generates (and compiles) `__eq__`, `__hash__` and `__repr__` for each class otherwise, and
with a hundred model classes that was a tenth of a cold build's imports. Nothing asks
whether two parts of a guide are equal.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TypeVar, dataclass_transform

T = TypeVar("T", bound=type)


def _repr(self: object) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))  # type: ignore[arg-type]
    return f"{type(self).__name__}({shown})"


@dataclass_transform(frozen_default=True, eq_default=False)
def record(cls: T) -> T:
    made = dataclass(frozen=True, eq=False, repr=False)(cls)
    made.__repr__ = _repr  # type: ignore[method-assign]
    return made

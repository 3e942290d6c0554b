"""`record`: the frozen dataclass the models are made of (the guide, its elements, the document).

Frozen, compared by identity and shown by one shared `__repr__`: the dataclass machinery
generates (and compiles) `__eq__`, `__hash__` and `__repr__` for each class otherwise, and
with a hundred model classes that was a tenth of a cold build's imports. Nothing asks
whether two parts of a guide are equal.
"""

from __future__ import annotations

from dataclasses import Field, dataclass, field, fields
from typing import Any, ClassVar, Protocol, TypeVar, dataclass_transform


class _Record(Protocol):
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]


def _repr(self: _Record) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))
    return f"{type(self).__name__}({shown})"


T = TypeVar("T")


@dataclass_transform(frozen_default=True, eq_default=False, field_specifiers=(field,))
def record(cls: type[T]) -> type[T]:
    made = dataclass(frozen=True, eq=False, repr=False)(cls)
    setattr(made, "__repr__", _repr)  # noqa: B010 (the one shared repr, set on the class)
    return made

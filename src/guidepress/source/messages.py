"""Every translatable text of a guide, found by walking the model's field metadata.

The loader checks their placeholders, the Babel extractor writes them to the template,
and the strict checks compare translations against them: one walk serves all three.
"""

from __future__ import annotations

import dataclasses
import string
from collections.abc import Iterator
from dataclasses import dataclass

from .located import LocStr
from .model import UI_CONTEXT

_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class SourceMessage:
    text: LocStr
    context: str | None
    plural: LocStr | None = None
    field: str = ""


def placeholders(text: str) -> list[str]:
    """The `{names}` in a text, in order; ValueError for a stray brace or a format spec."""
    names = []
    for _literal, name, spec, conversion in _FORMATTER.parse(text):
        if name is None:
            continue
        if spec or conversion:
            raise ValueError(f"placeholder {{{name}}} may not carry a format (':' or '!')")
        if not name:
            raise ValueError("empty placeholder {}; write {{ and }} for literal braces")
        names.append(name)
    return names


def is_message(text: str) -> bool:
    """A text is a message unless it is empty or made of placeholders alone."""
    if not text.strip():
        return False
    try:
        return any(literal.strip() for literal, *_ in _FORMATTER.parse(text))
    except ValueError:
        return True


def iter_messages(obj: object) -> Iterator[SourceMessage]:
    """Every translatable text below a model object, in document order."""
    return (m for m in iter_templates(obj) if m.context != TEMPLATE and is_message(m.text))


TEMPLATE = "\x00template"  # context of a text that may hold placeholders but is never translated


def iter_templates(obj: object) -> Iterator[SourceMessage]:
    """Every text that may hold placeholders: the messages and the data templates."""
    if isinstance(obj, (list, tuple)):
        for item in obj:
            yield from iter_templates(item)
        return
    if isinstance(obj, dict):
        for value in obj.values():
            yield from iter_templates(value)
        return
    if not dataclasses.is_dataclass(obj):
        return
    for f in dataclasses.fields(obj):
        if f.metadata.get("internal"):
            continue
        value = getattr(obj, f.name)
        kind = f.metadata.get("msg")
        if f.metadata.get("plural_of"):
            continue
        if kind:
            context = {"ui": UI_CONTEXT, "prose": None}.get(kind, TEMPLATE)
            plural_field = next(
                (g.name for g in dataclasses.fields(obj) if g.metadata.get("plural_of") == f.name), None
            )
            plural = getattr(obj, plural_field) if plural_field else None
            for text in texts_in(value):
                yield SourceMessage(text, context, plural, f.name)
        else:
            yield from iter_templates(value)


def texts_in(value: object) -> Iterator[LocStr]:
    """Every text of the file in a value: a string, those in lists and mappings, and those of a
    record's fields (an element's items too) but its `id` and `type`, in order. A default the file
    left (a plain "", a date's "{date}") is none: it holds no message and no placeholder to check."""
    if isinstance(value, LocStr):
        yield value
    elif isinstance(value, str):
        return
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from texts_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts_in(item)
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            if f.name not in ("id", "type"):
                yield from texts_in(getattr(value, f.name))

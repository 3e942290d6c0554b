"""Typed loading of YAML nodes into the guide's dataclasses, and the JSON Schema they imply.

The dataclasses in `model.py` are the schema: their type hints say what each key
holds, `field(metadata={"doc": ...})` documents it, a field without a default is
required, and a mapping key that names no field is an error. One walk converts the
composed YAML node tree and collects every problem with its location; the same type
hints are turned into `schema/guide.schema.json` for editors.

Supported hints: str, int, bool, date, datetime, Literal[...], list[T], dict[str, T],
T | None, dataclasses, and unions of dataclasses told apart by a `type` Literal field,
or of str and one dataclass (a scalar or a mapping). The model's hints say what a loaded
value holds, and read as those: a text is a `LocStr` (`OptionalText` when the key may be
left out, "" then), a list a `tuple[T, ...]`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import sys
import types
import typing
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

import yaml

from ..errors import GuideError, GuideErrors, Location, did_you_mean
from .located import InvalidScalar, LocStr, OptionalText, ScalarReader, UnsupportedTag, mark_location

MERGE_TAG = "tag:yaml.org,2002:merge"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

_MISSING = object()
_MERGING: list = []  # a mapping whose merge keys are being applied
MAX_INT = 10**9  # a count in a guide; anything larger is a typo, and slow to format
# Limits far above any real guide (the BankID guide has 1,400 values and 12 KB of text), so that
# a file whose aliases expand a million-fold is refused at once instead of converted for minutes.
MAX_VALUES = 100_000
MAX_TEXT = 2**20


@cache
def _hints(cls: type) -> dict[str, Any]:
    """The fields' hints in the schema's terms (`_as_written`)."""
    return {name: _as_written(hint) for name, hint in typing.get_type_hints(cls).items()}


def _as_written(tp: Any) -> Any:
    """A hint of what a loaded value holds, as what the YAML holds: a `LocStr` or an
    `OptionalText` is a text (str), a `tuple[T, ...]` a list."""
    if tp is LocStr or tp == OptionalText:
        return str
    origin, args = get_origin(tp), get_args(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return types.GenericAlias(list, (_as_written(args[0]),))
    if origin is list:
        return types.GenericAlias(list, (_as_written(args[0]),))
    if origin is dict:
        return types.GenericAlias(dict, (args[0], _as_written(args[1])))
    if _is_union(tp):
        return Union[tuple(_as_written(a) for a in args)]  # noqa: UP007 (a union made at run time)
    return tp


@cache
def _fields(cls: type) -> dict[str, dataclasses.Field]:
    """The fields a YAML mapping sets: not the location, nor what the loader adds (`internal`)."""
    return {f.name: f for f in dataclasses.fields(cls) if f.name != "loc" and not f.metadata.get("internal")}


def _is_model(tp: object) -> typing.TypeGuard[type]:
    """A dataclass of the model (a hint is a class, never an instance)."""
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


TAG_KEYS = ("type", "kind")  # the key that tells the members of a union apart: an element's type, a screen's kind


def _type_tag(cls: type) -> tuple[str, str] | None:
    """(key, value) of the one-value Literal field that names this member of a union (only that
    annotation is evaluated: a union's every member is asked, most are never used)."""
    for key in TAG_KEYS:
        annotation = cls.__annotations__.get(key)
        hint = eval(annotation, vars(sys.modules[cls.__module__])) if isinstance(annotation, str) else annotation
        if hint is not None and get_origin(hint) is Literal and len(get_args(hint)) == 1:
            return key, get_args(hint)[0]
    return None


@cache
def _tagged_union(tp: Any) -> tuple[str, dict[str, type]] | None:
    """A union of dataclasses told apart by one key: the key and each member by its value."""
    options = [a for a in get_args(tp) if a is not type(None)]
    tags = [_type_tag(o) if _is_model(o) else None for o in options]
    found = [tag for tag in tags if tag is not None]
    if len(found) != len(tags) or len({key for key, _ in found}) != 1:
        return None
    return found[0][0], {value: o for (_, value), o in zip(found, options, strict=True)}


def _default_member(options: dict[str, type], key: str) -> type | None:
    """The member a mapping without the key is (a screen without `kind` is a browser page)."""
    found = [cls for cls in options.values() if _fields(cls)[key].default is not dataclasses.MISSING]
    return found[0] if len(found) == 1 else None


def _describe(node: yaml.Node, reader: ScalarReader) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = reader.value(node)
    if isinstance(value, UnsupportedTag):
        return f"the unsupported YAML tag {node.tag!r}"
    if isinstance(value, InvalidScalar):
        return f"{_clip(value)!r}, which is not valid ({value.reason})"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return f"the text {_clip(str(value))!r}"


def _clip(text: str, width: int = 60) -> str:
    """A value short enough to quote in a one-line error."""
    return text if len(text) <= width else text[: width - 1] + "…"


class NodeConverter:
    """Converts one composed YAML document into typed values, collecting errors."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.reader = ScalarReader()
        self.errors: list[GuideError] = []
        self.values = 0  # converted so far, aliases counted each time they are used
        self.text = 0  # characters of text so far
        self._merged: dict[yaml.Node, list[tuple[yaml.Node, yaml.Node]]] = {}  # a mapping's pairs, merges applied

    def loc(self, node: yaml.Node) -> Location:
        return mark_location(self.path, node.start_mark)

    def fail(self, node: yaml.Node, message: str) -> object:
        self.errors.append(GuideError(self.loc(node), message))
        return _MISSING

    def load(self, tp: Any, node: yaml.Node, what: str = "the guide") -> Any:
        value = self.convert(tp, node, what)
        if self.errors:
            raise GuideErrors(self.errors)
        return value

    def count(self, node: yaml.Node, values: int) -> None:
        """Count values toward MAX_VALUES; past it, the file is refused at once."""
        self.values += values
        if self.values > MAX_VALUES:
            raise GuideError(
                self.loc(node), f"too large: more than {MAX_VALUES:,} values, counting each use of an alias"
            )

    def convert(self, tp: Any, node: yaml.Node, what: str) -> Any:
        self.count(node, 1)
        origin = get_origin(tp)
        if _is_union(tp):
            return self._union(tp, node, what)
        if origin is list:
            return self._list(get_args(tp)[0], node, what)
        if origin is dict:
            return self._dict(get_args(tp)[1], node, what)
        if origin is Literal:
            return self._literal(get_args(tp), node, what)
        if _is_model(tp):
            return self._dataclass(tp, node, what)
        return self._scalar(tp, node, what)

    def _scalar(self, tp: type, node: yaml.Node, what: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return self.fail(node, f"{what}: expected {_NAMES[tp]}, found {_describe(node, self.reader)}")
        value = self.reader.value(node)
        if tp is str:
            if isinstance(value, str) and not isinstance(value, (UnsupportedTag, InvalidScalar)):
                self.text += len(value)
                if self.text > MAX_TEXT:
                    raise GuideError(self.loc(node), f"too large: more than {MAX_TEXT // 2**20} MB of text")
                return LocStr(value, self.loc(node))
            hint = " (put it in quotes)" if isinstance(value, (int, float, bool, dt.date)) else ""
            return self.fail(node, f"{what}: expected text, found {_describe(node, self.reader)}{hint}")
        if tp is int and isinstance(value, int) and not isinstance(value, bool):
            if abs(value) > MAX_INT:
                return self.fail(
                    node, f"{what}: expected a whole number of at most {MAX_INT:,}, found {_clip(str(value))}"
                )
            return value
        if tp is bool and isinstance(value, bool):
            return value
        if tp is dt.datetime and isinstance(value, dt.datetime):
            return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        if tp is dt.date and isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        return self.fail(node, f"{what}: expected {_NAMES[tp]}, found {_describe(node, self.reader)}")

    def _literal(self, choices: tuple[str, ...], node: yaml.Node, what: str) -> Any:
        value = self.reader.value(node) if isinstance(node, yaml.ScalarNode) else None
        if value in choices:
            return value
        return self.fail(node, f"{what}: expected one of {', '.join(choices)}, found {_describe(node, self.reader)}")

    def _list(self, item_tp: Any, node: yaml.Node, what: str) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            return self.fail(node, f"{what}: expected a list, found {_describe(node, self.reader)}")
        items = [self.convert(item_tp, child, f"{what} item {i + 1}") for i, child in enumerate(node.value)]
        return tuple(items)

    def _dict(self, value_tp: Any, node: yaml.Node, what: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return self.fail(node, f"{what}: expected a mapping, found {_describe(node, self.reader)}")
        result: dict[str, Any] = {}
        for key_node, value_node in self._pairs(node):
            key = self.reader.value(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or not ID_PATTERN.match(key):
                self.fail(key_node, f"{what}: {key!r} is not a valid name (use lowercase letters, digits, _ and -)")
                continue
            if key in result:
                self.fail(key_node, f"{what}: {key!r} is defined twice")
                continue
            result[LocStr(key, self.loc(key_node))] = self.convert(value_tp, value_node, f"{key!r}")
        return result

    def _union(self, tp: Any, node: yaml.Node, what: str) -> Any:
        options = [a for a in get_args(tp) if a is not type(None)]
        if type(None) in get_args(tp) and isinstance(node, yaml.ScalarNode):
            if self.reader.value(node) is None:
                return None
        if len(options) == 1:
            return self.convert(options[0], node, what)
        tagged = _tagged_union(tp)
        if tagged is not None:
            return self._tagged(tagged[1], node, what, tagged[0])
        # str | dataclass: a scalar or a mapping
        for option in options:
            if option is str and isinstance(node, yaml.ScalarNode):
                return self.convert(str, node, what)
            if _is_model(option) and isinstance(node, yaml.MappingNode):
                return self.convert(option, node, what)
        return self.fail(node, f"{what}: expected text or a mapping, found {_describe(node, self.reader)}")

    def _pairs(self, node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
        """The mapping's keys and values, with YAML merge keys (`<<: *anchor`) applied: a key
        given in the mapping itself wins over a merged one. Each mapping's pairs are worked out
        once (an anchor merged twice at each of 20 levels is not merged a million times), and a
        mapping that merges itself is an error, not an endless loop."""
        cached = self._merged.get(node)
        if cached is not None:
            return cached
        if not any(k.tag == MERGE_TAG for k, _ in node.value):
            return node.value
        self._merged[node] = _MERGING
        own = [(k, v) for k, v in node.value if k.tag != MERGE_TAG]
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag != MERGE_TAG:
                continue
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    self.fail(source, "a merge key (<<) takes a mapping or a list of mappings")
                elif self._merged.get(source) is _MERGING:  # itself, or a mapping it is inside
                    self.fail(key_node, "a merge key (<<) merges its own mapping")
                else:
                    merged += self._pairs(source)
        self.count(node, len(merged))
        names = {k.value for k, _ in own if isinstance(k, yaml.ScalarNode)}
        kept: dict[object, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in merged:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value not in names:
                kept[key_node.value] = (key_node, value_node)
        self._merged[node] = pairs = [*kept.values(), *own]
        return pairs

    def _tagged(self, tagged: dict[str, type], node: yaml.Node, what: str, key: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return self.fail(node, f"{what}: expected a mapping with a {key!r}, found {_describe(node, self.reader)}")
        for key_node, value_node in self._pairs(node):
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                if not isinstance(value_node, yaml.ScalarNode):  # a list or a mapping names no member
                    found = f"{_describe(value_node, self.reader)}, not a name"
                    return self.fail(value_node, f"{what}: unknown {key}: {found} (one of: {', '.join(tagged)})")
                tag = self.reader.value(value_node)
                if tag in tagged:
                    return self.convert(tagged[tag], node, what)
                hint = did_you_mean(tag, tagged) or f" (one of: {', '.join(tagged)})"
                return self.fail(value_node, f"{what}: unknown {key} {tag!r}{hint}")
        default = _default_member(tagged, key)
        if default is not None:
            return self.convert(default, node, what)
        return self.fail(node, f"{what}: missing required key {key!r}")

    def _dataclass(self, cls: type, node: yaml.Node, what: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return self.fail(node, f"{what}: expected a mapping, found {_describe(node, self.reader)}")
        fields = _fields(cls)
        hints = _hints(cls)
        start = len(self.errors)  # this mapping's errors follow
        values: dict[str, Any] = {}
        failed = False
        pairs = self._pairs(node)
        for key_node, value_node in pairs:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in fields:
                self.fail(key_node, f"unknown key {key!r} in {what}{did_you_mean(key, fields)}")
                failed = True
                continue
            if key in values:
                self.fail(key_node, f"{what}: key {key!r} is given twice")
                continue
            value = self.convert(hints[key], value_node, key)
            failed = failed or value is _MISSING
            if isinstance(value, int) and not isinstance(value, bool) and not _in_range(value, fields[key]):
                low, high = fields[key].metadata.get("minimum"), fields[key].metadata.get("maximum")
                value = self.fail(value_node, f"{key}: expected a whole number from {low} to {high}, found {value}")
                failed = True
            values[key] = value
        missing = [
            name
            for name, f in fields.items()
            if name not in values and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ]
        unknown = [k for k, _v in pairs if isinstance(k, yaml.ScalarNode) and k.value not in fields]
        if (
            len(missing) == 1
            and len(unknown) == 1
            and difflib.SequenceMatcher(None, unknown[0].value, missing[0]).ratio() >= 0.4
        ):
            # one misspelt required key: one error, naming both
            where = self.loc(unknown[0])
            self.errors[start:] = [e for e in self.errors[start:] if e.location != where]
            self.errors.append(
                GuideError(where, f"unknown key {unknown[0].value!r} in {what} (did you mean {missing[0]!r}?)")
            )
            return _MISSING
        for name in missing:
            self.fail(node, f"{what}: missing required key {name!r}")
            failed = True
        if failed:  # a value that failed set it
            return _MISSING
        return cls(loc=self.loc(node), **values)


def _in_range(value: int, f: dataclasses.Field) -> bool:
    low, high = f.metadata.get("minimum"), f.metadata.get("maximum")
    return (low is None or value >= low) and (high is None or value <= high)


_NAMES: dict[Any, str] = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    dt.date: "a date (YYYY-MM-DD)",
    dt.datetime: "a date and time (YYYY-MM-DDTHH:MM:SSZ)",
}


# --- JSON Schema --------------------------------------------------------------------


def json_schema(root: type, title: str, schema_id: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that the dataclass `root` describes."""
    defs: dict[str, Any] = {}
    body = _schema_for(root, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": title,
        **body,
        "$defs": dict(sorted(defs.items())),
    }


def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if _is_union(tp):
        options = [a for a in get_args(tp) if a is not type(None)]
        if len(options) == 1:
            return _schema_for(options[0], defs)
        return {"oneOf": [_schema_for(o, defs) for o in options]}
    if origin is list:
        return {"type": "array", "items": _schema_for(get_args(tp)[0], defs)}
    if origin is dict:
        return {
            "type": "object",
            "propertyNames": {"pattern": ID_PATTERN.pattern},
            "additionalProperties": _schema_for(get_args(tp)[1], defs),
        }
    if origin is Literal:
        choices = list(get_args(tp))
        return {"const": choices[0]} if len(choices) == 1 else {"enum": choices}
    if _is_model(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = _hints(tp)
            props: dict[str, Any] = {}
            required: list[str] = []
            for fname, f in _fields(tp).items():
                prop = _schema_for(hints[fname], defs)
                if f.metadata.get("doc"):
                    prop = {"description": f.metadata["doc"], **prop}
                for bound in ("minimum", "maximum"):
                    if f.metadata.get(bound) is not None:
                        prop[bound] = f.metadata[bound]
                props[fname] = prop
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                    required.append(fname)
            entry: dict[str, Any] = {"type": "object"}
            if tp.__doc__:
                entry["description"] = " ".join(tp.__doc__.split())
            entry.update({"properties": props, "required": required, "additionalProperties": False})
            defs[name] = entry
        return {"$ref": f"#/$defs/{name}"}
    if tp is str:
        return {"type": "string"}
    if tp is int:
        return {"type": "integer"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is dt.datetime:
        return {"type": "string", "format": "date-time"}
    if tp is dt.date:
        return {"type": "string", "format": "date"}
    raise TypeError(f"no JSON Schema for {tp!r}")

"""YAML composed with node marks, so that every loaded value can say where it came from.

Only PyYAML's safe loader is used: `compose` builds the node tree, and scalars are
constructed by the same safe constructor. Strings become `LocStr`, a `str` that
carries its `Location`.
"""

from __future__ import annotations

import yaml

from ..errors import GuideError, Location


class LocStr(str):
    """A string from an input file that remembers where it stands."""

    loc: Location

    def __new__(cls, value: str, loc: Location) -> LocStr:
        obj = super().__new__(cls, value)
        obj.loc = loc
        return obj


def mark_location(path: str, mark: yaml.Mark | None) -> Location:
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1, mark.column + 1)


class ScalarReader:
    """Constructs scalar values with PyYAML's safe rules (int, bool, dates, str)."""

    def __init__(self) -> None:
        self._constructor = yaml.SafeLoader("")

    def value(self, node: yaml.ScalarNode) -> object:
        try:
            return self._constructor.construct_object(node, deep=True)
        except yaml.YAMLError:  # a tag the safe loader does not know, e.g. !!python/name
            return UnsupportedTag(node.tag)


class UnsupportedTag(str):
    """A scalar with a YAML tag that safe loading refuses; reported as a wrong type."""


# libyaml's safe loader when PyYAML was built with it (same nodes and marks, four times faster).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str, path: str) -> yaml.Node:
    """Compose one YAML document; syntax errors become a located GuideError."""
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise GuideError(mark_location(path, mark), f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:  # reader errors (bad bytes) carry no mark
        raise GuideError(Location(path, 1, 1), f"YAML error: {exc}") from None
    if node is None:
        raise GuideError(Location(path, 1, 1), "the file is empty")
    return node

"""YAML composed with node marks, so that every loaded value can say where it came from.

Only PyYAML's safe loader is used: `compose` builds the node tree, and scalars are
constructed by the same safe constructor. Strings become `LocStr`, a `str` that
carries its `Location`.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import GuideError, Location, character, display_path


def read_text(path: Path, hint: str = "") -> str:
    """An input file as text (UTF-8; a byte order mark is skipped). A file that cannot be read is
    a located error, and so is one that is not UTF-8, at the line and column of its first wrong
    byte; `hint` follows the message (the CSV reader's says how to save from a spreadsheet)."""
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GuideError(Location(shown, 1, 1), f"cannot read: {exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text: bytes = exc.object  # without the byte order mark, which exc.start does not count
        line_start = text.rfind(b"\n", 0, exc.start) + 1
        column = len(text[line_start : exc.start].decode("utf-8")) + 1
        where = Location(shown, text.count(b"\n", 0, exc.start) + 1, column)
        raise GuideError(where, f"not UTF-8 text{hint}") from None


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
        except (ValueError, KeyError, TypeError, OverflowError, AttributeError) as exc:
            # a value its tag or its form promises but cannot be: 2026-13-01, !!int abc, !!bool maybe,
            # an integer of thousands of digits, !!timestamp "{url}" (PyYAML: AttributeError)
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            plain = isinstance(exc, (KeyError, AttributeError))
            reason = f"not a {tag} value" if plain else str(exc).split(";")[0]
            return InvalidScalar(node.value, reason)
        finally:  # each node is read on its own, and a failed one leaves nothing behind
            self._constructor.constructed_objects.clear()
            self._constructor.recursive_objects.clear()


class UnsupportedTag(str):
    """A scalar with a YAML tag that safe loading refuses; reported as a wrong type."""


class InvalidScalar(str):
    """A scalar that looks like a date, a number or a true/false but is not a valid one."""

    reason: str

    def __new__(cls, text: str, reason: str) -> InvalidScalar:
        obj = super().__new__(cls, text)
        obj.reason = reason
        return obj


# libyaml's safe loader when PyYAML was built with it (same nodes and marks, four times faster).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _pure_python_refuses(root: yaml.Node) -> bool:
    """Whether pure-Python PyYAML (what linters and editors run) would refuse what libyaml read:
    a plain text with `?` inside a flow collection (`{text: Forgot your password?}`), where the
    pure scanner takes the `?` for a key. The pure loader's verdict is the contract."""
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    seen: set[tuple[int, bool]] = set()  # an alias is the node it names: a mapping may hold itself
    while stack:
        node, in_flow = stack.pop()
        if (id(node), in_flow) in seen:
            continue
        seen.add((id(node), in_flow))
        if isinstance(node, yaml.ScalarNode):
            if in_flow and not node.style and "?" in node.value:  # plain: None (pure) or "" (libyaml)
                return True
        elif isinstance(node, yaml.MappingNode):
            flow = in_flow or bool(node.flow_style)
            stack += [(item, flow) for pair in node.value for item in pair]
        elif isinstance(node, yaml.SequenceNode):
            flow = in_flow or bool(node.flow_style)
            stack += [(item, flow) for item in node.value]
    return False


def _hint(problem: str, text: str, mark: yaml.Mark | None) -> str:
    """Plain words for PyYAML's errors a new author meets: a tab, an unquoted colon, a `?`."""
    at = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""
    if at == "\t" or "tab character" in problem:
        return " (a tab: YAML indents with spaces only)"
    if problem.startswith("mapping values are not allowed"):
        return ' (a ": " inside a text starts a mapping: put the text in quotes, "…")'
    if "but got '?'" in problem or "but got ':'" in problem or "but got '#'" in problem:
        return ' (a text with ?, : or # inside {…} or […] needs quotes: text: "Forgot your password?")'
    return ""


def compose(text: str, path: str) -> yaml.Node:
    """Compose one YAML document; syntax errors become a located GuideError."""
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
        if SAFE_LOADER is not yaml.SafeLoader and _pure_python_refuses(node):
            node = yaml.compose(text, Loader=yaml.SafeLoader)  # its error, as every YAML tool reads it
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        hint = _hint(problem, text, mark)
        raise GuideError(mark_location(path, mark), f"YAML syntax error: {problem}{hint}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: no mark, a position
        before = text[: exc.position]
        where = Location(path, before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise GuideError(where, f"the character {character(char)} is not allowed in YAML") from None
    except yaml.YAMLError as exc:
        raise GuideError(Location(path, 1, 1), f"YAML error: {' '.join(str(exc).split())}") from None
    if node is None:
        raise GuideError(Location(path, 1, 1), "the file is empty")
    return node

"""YAML composed with node marks, so that every loaded value can say where it came from.

Only PyYAML's safe loader is used: `compose` builds the node tree, and scalars are
constructed by the same safe constructor. Strings become `LocStr`, a `str` that
carries its `Location`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

import yaml

from ..common import disk_cache
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


# A text key a file may leave out: the file's text (a `LocStr`), or "" when it is not given.
OptionalText = LocStr | Literal[""]


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


def _compose_as_pure_python_reads(text: str, path: str) -> yaml.Node | None:
    """The document as libyaml composes it (four times faster), with the verdict of pure-Python
    PyYAML, which YAML linters and editors run: the two disagree on tabs, tags and a `?` inside
    `{…}` (`{text: Forgot your password?}` is an error to the pure scanner, not to libyaml), and
    a guide must build or fail the same on every machine. libyaml's error is replaced by the
    pure loader's verdict; a text libyaml reads is read by the pure loader too, once per
    content (remembered in the disk cache by its hash: nothing of the text is kept)."""
    if SAFE_LOADER is yaml.SafeLoader:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)  # its nodes, or its error
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    if digest in _PURE_ACCEPTED:
        return node
    marker = disk_cache.cache_path(f"yaml-{hashlib.sha1(path.encode()).hexdigest()[:8]}", yaml.__version__, digest)
    if disk_cache.read(marker) is not True:
        yaml.compose(text, Loader=yaml.SafeLoader)  # raises what the pure loader refuses
        disk_cache.write(marker, True, only_one=True)
    if len(_PURE_ACCEPTED) > 1024:  # bounded: a long-running server sees every edit
        _PURE_ACCEPTED.clear()
    _PURE_ACCEPTED.add(digest)
    return node


_PURE_ACCEPTED: set[str] = set()  # hashes of texts the pure loader accepted, in this process


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
        node = _compose_as_pure_python_reads(text, path)
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

"""The one exception type for the user's mistakes, the location every value carries, and how
a path is shown in a message."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the working directory when inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def did_you_mean(name: object, known: Iterable[object]) -> str:
    """` (did you mean 'name'?)` for the known name closest to a mistyped one; "" if none is close."""
    import difflib

    close = difflib.get_close_matches(str(name), [str(k) for k in known], n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


QUOTE_LIMIT = 80  # characters of the user's text a message quotes


def quoted(text: object, limit: int = QUOTE_LIMIT) -> str:
    """The user's text as a message quotes it: at most `limit` characters of it (then `…`), in
    Python's quotes, every line separator and control character escaped, so that a message
    stays one line however long or strange the text."""
    text = str(text)
    cut = text if len(text) <= limit else text[:limit] + "…"
    return repr(cut)


def braced(name: str) -> str:
    """A placeholder as a message names it, `{name}`; quoted and escaped when its name holds a
    line separator or control character, or is long (the message stays one short line)."""
    shown = "{" + name + "}"
    return shown if shown.isprintable() and len(shown) <= QUOTE_LIMIT else quoted(shown)


def character(char: str) -> str:
    """A character as a message names it: `U+0007 (BELL)`, `U+00A0 (NO-BREAK SPACE)`."""
    name = unicodedata.name(char, "") or CONTROL_NAMES.get(char, "")
    if not name and unicodedata.category(char) == "Cn":
        name = "not a character"
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


# Control characters have no Unicode name; these are their names in the C0 table.
CONTROL_NAMES = {
    "\t": "TAB",
    "\n": "LINE FEED",
    "\r": "CARRIAGE RETURN",
    "\x07": "BELL",
    "\x1b": "ESCAPE",
    "\x00": "NULL",
    "\x08": "BACKSPACE",
    "\x0c": "FORM FEED",
    "\x7f": "DELETE",
}


@dataclass(frozen=True, slots=True)
class Location:
    """A place in an input file; line and column are 1-based (column 0: whole line)."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        if not self.column:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class BuildWarning:
    """A problem a build goes on past, at the place to fix it: a catalog's entry, a guide's text.
    `location` None: the guide or pack as a whole (printed at its first line)."""

    location: Location | None
    message: str

    def line(self, source: str) -> str:
        """`path:line:col: warning: message`; `source` is the guide's or pack's file."""
        return f"{self.location or Location(source, 1, 1)}: warning: {self.message}"


class GuideError(Exception):
    """A problem in the user's input: printed as `path:line:col: message`, exit status 1."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message

    def __reduce__(self) -> tuple[object, ...]:  # a parallel build sends errors back from its workers
        return (type(self), (self.location, self.message))


class CannotWrite(OSError):
    """An output that cannot be written (a folder that cannot be made, a full disk): the user's
    environment, not their input nor a bug. Printed as `guidepress: cannot write PATH: reason`."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"guidepress: cannot write {display_path(path)}: {reason}")
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[object, ...]:  # sent back from a worker
        return (type(self), (self.path, self.reason))


class GuideErrors(GuideError):
    """Several input problems found in one pass, reported together."""

    def __init__(self, errors: list[GuideError]) -> None:
        super().__init__(errors[0].location, errors[0].message)
        self.errors = errors

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.errors,))

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)

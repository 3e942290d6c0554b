"""A PO file's syntax, checked as GNU `msgfmt` checks it, before Babel reads it.

Babel's reader is lenient: it reads `msgid "unterminated` as the text `unterminate` and
goes on. A catalog that msgfmt (and so Poedit, Weblate and every gettext tool) rejects
must not become a handout, so every file is checked first, line by line: its encoding
(the header's charset; an undecodable byte is reported at its line and column), each
keyword and quoted string (terminated, with valid escapes), the order of an entry's
parts (`msgctxt`, `msgid`, `msgid_plural`, `msgstr` or `msgstr[N]`), a message defined
twice, and the header's `Plural-Forms`. The first problem is raised as a `GuideError`
at its line and column; a file that passes reads the same in Babel as in msgfmt.
"""

from __future__ import annotations

import codecs
import gettext
import re
from dataclasses import dataclass, field

from ..errors import GuideError, Location

KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=\s|\")")
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
ESCAPE = re.compile(r"\\(?:[ntbrfva\\\"'?]|[0-7]{1,3}|x[0-9A-Fa-f]+)")
CHARSET = re.compile(rb"charset=([^\s\\\"]+)")
PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$")
MAX_PLURALS = 6  # no language has more; msgfmt accepts more, but a larger number is a typo


@dataclass
class _Entry:
    line: int  # of its first keyword
    obsolete: bool
    parts: list[str] = field(default_factory=list)  # the keywords seen, in order
    texts: dict[str, str] = field(default_factory=dict)  # keyword → its string, still escaped


def check_po(data: bytes, shown: str) -> str:
    """The file's text, if its syntax is sound; else a `GuideError` at the first problem."""
    text = _decode(data, shown)
    entries = _entries(text, shown)
    seen: dict[tuple[str | None, str], int] = {}
    for entry in entries:
        if entry.obsolete or "msgid" not in entry.texts:
            continue
        key = (entry.texts.get("msgctxt"), entry.texts["msgid"])
        if key in seen:
            raise GuideError(
                Location(shown, entry.line, 1), f"duplicate message definition (first defined on line {seen[key]})"
            )
        seen[key] = entry.line
        if key[1]:
            _check_newlines(entry, shown)
    header = next((e for e in entries if not e.obsolete and e.texts.get("msgid") == ""), None)
    if header is not None:
        _check_plural_forms(header, shown)
    return text


def _decode(data: bytes, shown: str) -> str:
    found = CHARSET.search(data[:4096])
    charset = found.group(1).decode("ascii", "replace") if found else "utf-8"
    if charset.upper() == "CHARSET":  # a template's placeholder
        charset = "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        line = data[: found.start()].count(b"\n") + 1 if found else 1
        raise GuideError(Location(shown, line, 1), f"unknown charset {charset!r} in the header") from None
    try:
        return data.decode(charset)
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode(charset, "replace")) + 1
        raise GuideError(Location(shown, line, column), f"byte 0x{data[exc.start]:02x} is not {charset} text") from None


def _entries(text: str, shown: str) -> list[_Entry]:
    entries: list[_Entry] = []
    current: _Entry | None = None
    last: str | None = None  # the keyword a continuation string belongs to
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:  # blank lines separate nothing in msgfmt's grammar
            continue
        column = raw.find(line) + 1
        if line.startswith("#"):  # a comment (`#~ #:` too): it may stand only between messages
            if current is not None and current.parts and not _complete(current):
                raise GuideError(Location(shown, number, column), "a comment inside a message")
            current, last = None, None  # the message before it is closed
            continue
        if (
            current is not None
            and current.parts
            and obsolete != current.obsolete
            and not (
                _complete(current) and KEYWORD.match(line) and KEYWORD.match(line).group(1) in ("msgctxt", "msgid")
            )
        ):
            raise GuideError(Location(shown, number, column), "inconsistent use of #~ within one message")
        keyword = KEYWORD.match(line)
        if keyword:
            word = keyword.group(1)
            kind = "msgstr[]" if keyword.group(2) is not None else word
            if kind in ("msgctxt", "msgid") and (current is None or _complete(current)):
                current = _Entry(number, obsolete)
                entries.append(current)
            if current is None:
                raise GuideError(Location(shown, number, column), f"'{word}' before any 'msgid'")
            _order(current, kind, word, number, column, shown)
            current.parts.append(kind)
            rest = line[keyword.end() :]
            offset = column - 1 + keyword.end() + len(rest) - len(rest.lstrip())
            current.texts[word] = _string(rest.lstrip(), number, offset + 1, shown)
            last = word
        elif line.startswith('"'):
            if current is None or last is None:
                raise GuideError(Location(shown, number, column), "a string outside any message")
            current.texts[last] += _string(line, number, column, shown)
        else:
            raise GuideError(Location(shown, number, column), f"unknown keyword {line.split()[0]!r}")
    if current is not None and not _complete(current):
        _incomplete(current, shown)
    return entries


def _string(token: str, line: int, column: int, shown: str) -> str:
    """The quoted strings of a line (C-style, adjacent ones join), as written, escapes kept."""
    parts = []
    rest = token
    while True:
        if not rest.startswith('"'):
            raise GuideError(Location(shown, line, column), "expected a quoted string")
        found = STRING.match(rest)
        if found is None:
            raise GuideError(Location(shown, line, column), "end-of-line within string (no closing quote)")
        body = found.group(1)
        for backslash in re.finditer(r"\\", body):
            if _escaped(body, backslash.start()):
                continue
            if not ESCAPE.match(body, backslash.start()):
                escape = body[backslash.start() : backslash.start() + 2]
                raise GuideError(Location(shown, line, column + 1 + backslash.start()), f"invalid escape '{escape}'")
        parts.append(body)
        after = rest[found.end() :]
        column += found.end() + len(after) - len(after.lstrip())
        rest = after.lstrip()
        if not rest or rest.startswith("#") or rest == "\\":  # msgfmt allows a comment, or a line joined
            return "".join(parts)


def _escaped(body: str, index: int) -> bool:
    """The backslash at `index` is itself escaped by an odd run of backslashes before it."""
    run = len(body[:index]) - len(body[:index].rstrip("\\"))
    return run % 2 == 1


def _complete(entry: _Entry) -> bool:
    return any(part in ("msgstr", "msgstr[]") for part in entry.parts)


def _incomplete(entry: _Entry, shown: str) -> None:
    raise GuideError(Location(shown, entry.line, 1), "the message has no 'msgstr'")


def _order(entry: _Entry, kind: str, word: str, line: int, column: int, shown: str) -> None:
    """The parts of an entry come in gettext's order, each once (msgstr[N] once per N)."""
    parts = entry.parts
    where = Location(shown, line, column)
    if kind == "msgctxt" and parts:
        raise GuideError(where, "'msgctxt' must come first in a message")
    if kind == "msgid" and "msgid" in parts:
        raise GuideError(where, "a second 'msgid' in one message")
    if kind in ("msgid_plural", "msgstr", "msgstr[]") and "msgid" not in parts:
        raise GuideError(where, f"'{word}' before 'msgid'")
    if kind == "msgid_plural" and (kind in parts or _complete(entry)):
        raise GuideError(where, "'msgid_plural' must follow 'msgid' once")
    if kind == "msgstr" and ("msgstr" in parts or "msgstr[]" in parts):
        raise GuideError(where, "a second 'msgstr' in one message")
    if kind == "msgstr" and "msgid_plural" in parts:
        raise GuideError(where, "a message with 'msgid_plural' needs 'msgstr[0]', 'msgstr[1]' …, not 'msgstr'")
    if kind == "msgstr[]" and "msgid_plural" not in parts:
        raise GuideError(where, f"'{word}' in a message without 'msgid_plural'")
    if kind == "msgstr[]":
        index = int(word[7:-1])
        expected = sum(1 for p in parts if p == "msgstr[]")
        if index != expected:
            raise GuideError(where, f"'{word}' where 'msgstr[{expected}]' was expected")


def _check_plural_forms(header: _Entry, shown: str) -> None:
    value = header.texts.get("msgstr", "")
    for field_line in value.replace("\\n", "\n").splitlines():
        name, _, setting = field_line.partition(":")
        if name.strip().lower() != "plural-forms":
            continue
        where = Location(shown, header.line, 1)
        found = PLURAL_FORMS.match(setting)
        if found is None:
            raise GuideError(where, f"Plural-Forms is not 'nplurals=N; plural=EXPRESSION;': {setting.strip()!r}")
        count, expression = int(found.group(1)), found.group(2)
        if not 1 <= count <= MAX_PLURALS:
            raise GuideError(where, f"Plural-Forms: nplurals={count} (a language has 1 to {MAX_PLURALS} forms)")
        try:
            rule = gettext.c2py(expression)
            results = {rule(n) for n in (*range(200), 1000, 1001, 10**6)}
        except (ValueError, RecursionError, ZeroDivisionError, OverflowError, MemoryError) as exc:
            raise GuideError(where, f"Plural-Forms: invalid plural expression {expression!r} ({exc})") from None
        if not all(isinstance(r, int) and 0 <= r < count for r in results):
            raise GuideError(where, f"Plural-Forms: {expression!r} gives a form outside 0 to {count - 1}")


def _check_newlines(entry: _Entry, shown: str) -> None:
    """msgfmt's rule: a translation begins and ends with a line break exactly when its source does."""
    source = entry.texts["msgid"]
    for word, text in entry.texts.items():
        if not word.startswith("msgstr") or not text:
            continue
        for where, test in (("begin", str.startswith), ("end", str.endswith)):
            if test(source, "\\n") != test(text, "\\n"):
                raise GuideError(
                    Location(shown, entry.line, 1), f"'msgid' and '{word}' do not both {where} with a line break (\\n)"
                )

"""A PO file's syntax, checked as GNU `msgfmt -c` checks it, before Babel reads it.

Babel's reader is lenient: it reads `msgid "unterminated` as the text `unterminate` and
goes on. A catalog that `msgfmt -c` (and so Poedit, Weblate and every gettext tool) rejects
must not become a handout, so every file is checked first, line by line: its encoding
(the header's charset; an undecodable byte is reported at its line and column; a
byte-order mark is refused, as msgfmt refuses it), each keyword and quoted string
(terminated, with valid escapes), the order of an entry's parts (`msgctxt`, `msgid`,
`msgid_plural`, `msgstr` or `msgstr[N]`), a message defined twice, line breaks at the
start and end of a translation, the header entry (there must be one) and its
`Plural-Forms`, which a translated plural message needs, with exactly `nplurals` forms. The
first problem is raised as a `GuideError` at its line and column.

Strings are read as GNU reads them: `\x01` and `\001` are the byte 1 of the file's charset
(a control character the translation checks then see), not the four characters Babel keeps.
Where Babel would read a line otherwise (such an escape, two strings on one line, a comment
after a string), `check_po` hands Babel the line rewritten in the form it reads alike.

Stricter than msgfmt, since these make a broken handout or trip Babel: more than 6 plural
forms; more `msgstr[N]` than `nplurals` in any entry (msgfmt lets an untranslated or fuzzy
one pass); an escape that makes a NUL character or bytes that are not text in the charset.
"""

from __future__ import annotations

import codecs
import gettext
import re
from dataclasses import dataclass, field

from ..errors import GuideError, Location

KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=\s|\")")
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
ESCAPE = re.compile(r"\\(?:[ntbrfva\\\"]|[0-7]{1,3}|x[0-9A-Fa-f]+)")  # GNU's; not \' or \? (msgfmt refuses them)
GNU_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))")
SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "\\": "\\", '"': '"'}
BABEL_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}  # what any Babel unescapes
# an escape not every Babel (>= 2.14) reads as GNU does: octal and hex (bytes, kept as text), \a \b \f \v
BYTE_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\[0-7xabfv]")
CHARSET = re.compile(rb"charset=([^\s\\\"]+)")
PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$")
MAX_PLURALS = 6  # no language has more; msgfmt accepts more, but a larger number is a typo
DEFAULT_PLURALS = 2  # what Babel (and gettext) assume without a Plural-Forms header
BOMS = {codecs.BOM_UTF8: "UTF-8", codecs.BOM_UTF16_LE: "UTF-16", codecs.BOM_UTF16_BE: "UTF-16"}


@dataclass
class _Entry:
    line: int  # of its first keyword
    obsolete: bool
    fuzzy: bool = False
    parts: list[str] = field(default_factory=list)  # the keywords seen, in order
    texts: dict[str, str] = field(default_factory=dict)  # keyword → its string, as GNU reads it
    places: dict[str, tuple[int, int]] = field(default_factory=dict)  # keyword → its line and column

    def forms(self) -> list[str]:
        """The `msgstr[N]` keywords of a plural message, in order."""
        return [word for word in self.texts if word.startswith("msgstr[")]


def check_po(data: bytes, shown: str) -> bytes | str:
    """What Babel is to read, if the file's syntax is sound: its bytes, or its text with the lines Babel
    would read otherwise than msgfmt rewritten; else a `GuideError` at the first problem."""
    for bom, name in BOMS.items():
        if data.startswith(bom):
            fix = "save it as UTF-8 without BOM" if name == "UTF-8" else "save it as UTF-8"
            raise GuideError(Location(shown, 1, 1), f"byte-order mark ({name}) at the start of the file; {fix}")
    text, charset = _decode(data, shown)
    entries, rewritten = _entries(text, charset, shown)
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
        if key[1] and not entry.fuzzy and entry.texts.get("msgstr", entry.texts.get("msgstr[0]")):
            _check_newlines(entry, shown)  # msgfmt -c checks only what it compiles: neither fuzzy nor untranslated
    header = next((e for e in entries if _is_header(e)), None)
    if header is None or not header.texts.get("msgstr"):
        where = Location(shown, header.line if header else 1, 1)
        problem = 'the header entry (msgid "") is empty' if header else 'no header entry (msgid "")'
        raise GuideError(where, f"{problem}: it gives the charset and Plural-Forms, and msgfmt -c needs it")
    plurals = _check_plural_forms(header, shown)
    for entry in entries:
        if "msgid_plural" in entry.texts:
            _check_form_count(entry, plurals, shown)
    if not rewritten:
        return data
    lines = text.split("\n")
    for number, line in rewritten.items():
        lines[number - 1] = line
    return "\n".join(lines)


def _is_header(entry: _Entry) -> bool:
    return not entry.obsolete and entry.texts.get("msgid") == "" and "msgctxt" not in entry.texts


def _decode(data: bytes, shown: str) -> tuple[str, str]:
    found = CHARSET.search(data[:4096])
    charset = found.group(1).decode("ascii", "replace") if found else "utf-8"
    if charset.upper() == "CHARSET":  # a template's placeholder
        charset = "utf-8"
    try:
        b"x".decode(charset, "replace")  # rot13, base64, zlib: codecs, but not text encodings
    except LookupError:
        line = data[: found.start()].count(b"\n") + 1 if found else 1
        raise GuideError(Location(shown, line, 1), f"unknown charset {charset!r} in the header") from None
    try:
        return data.decode(charset), charset
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode(charset, "replace")) + 1
        raise GuideError(Location(shown, line, column), f"byte 0x{data[exc.start]:02x} is not {charset} text") from None


def _entries(text: str, charset: str, shown: str) -> tuple[list[_Entry], dict[int, str]]:
    """The file's entries, and the lines (by number) to hand Babel rewritten."""
    entries: list[_Entry] = []
    rewritten: dict[int, str] = {}
    current: _Entry | None = None
    last: str | None = None  # the keyword a continuation string belongs to
    fuzzy = False  # a `#, fuzzy` flag for the next message
    for number, raw in enumerate(text.split("\n"), start=1):  # msgfmt's lines, and Babel's
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
            if obsolete:
                rewritten[number] = ""  # Babel refuses `#~ #, fuzzy`; msgfmt passes over it
            elif line.startswith("#,"):
                fuzzy = fuzzy or "fuzzy" in (flag.strip() for flag in line[2:].split(","))
            continue
        keyword = KEYWORD.match(line)
        if (
            current is not None
            and current.parts
            and obsolete != current.obsolete
            and not (_complete(current) and keyword and keyword.group(1) in ("msgctxt", "msgid"))
        ):
            raise GuideError(Location(shown, number, column), "inconsistent use of #~ within one message")
        if keyword:
            word = keyword.group(1)
            kind = "msgstr[]" if keyword.group(2) is not None else word
            if kind in ("msgctxt", "msgid") and (current is None or _complete(current)):
                current = _Entry(number, obsolete, fuzzy=fuzzy and not obsolete)
                entries.append(current)
                fuzzy = False
            if current is None:
                raise GuideError(Location(shown, number, column), f"'{word}' before any 'msgid'")
            _order(current, kind, word, number, column, shown)
            current.parts.append(kind)
            current.places[word] = (number, column)
            rest = line[keyword.end() :]
            offset = column - 1 + keyword.end() + len(rest) - len(rest.lstrip())
            bodies, comment = _string(rest.lstrip(), number, offset + 1, shown)
            prefix = word + " "
            current.texts[word] = ""
            last = word
        elif line.startswith('"'):
            if current is None or last is None:
                raise GuideError(Location(shown, number, column), "a string outside any message")
            bodies, comment = _string(line, number, column, shown)
            prefix = ""
        else:
            raise GuideError(Location(shown, number, column), f"unknown keyword {line.split()[0]!r}")
        if comment:  # it closes the message, as a comment line does
            if not _complete(current):
                raise GuideError(Location(shown, number, comment), "a comment inside a message")
        read = _unescape(bodies, charset, Location(shown, number, column))
        current.texts[last] += read
        if len(bodies) != 1 or line != f'{prefix}"{bodies[0][0]}"' or BYTE_ESCAPE.search(bodies[0][0]):
            quoted = "".join(BABEL_ESCAPES.get(char, char) for char in read)
            rewritten[number] = ("#~ " if obsolete else "") + f'{prefix}"{quoted}"'
        if comment:
            current, last = None, None
    if current is not None and not _complete(current):
        _incomplete(current, shown)
    return entries, rewritten


def _string(token: str, line: int, column: int, shown: str) -> tuple[list[tuple[str, int]], int]:
    """The quoted strings of a line (C-style, adjacent ones join), as written, escapes kept, each with
    the column of its opening quote; and the column of a `#` comment after them (0: none)."""
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
        parts.append((body, column))
        after = rest[found.end() :]
        column += found.end() + len(after) - len(after.lstrip())
        rest = after.lstrip()
        if not rest or rest == "\\":  # msgfmt allows a line joined with a backslash
            return parts, 0
        if rest.startswith("#"):
            return parts, column


def _unescape(bodies: list[tuple[str, int]], charset: str, where: Location) -> str:
    """The strings of a line as GNU reads them: an octal or hex escape is a byte of the file's charset."""
    read = []
    for body, column in bodies:
        if "\\" not in body:
            read.append(body)
            continue
        if not BYTE_ESCAPE.search(body):
            read.append(GNU_ESCAPE.sub(lambda m: SIMPLE_ESCAPES[m.group(3)], body))
            continue
        encoding = "utf-8" if codecs.lookup(charset).name == "utf-8-sig" else charset
        data = bytearray()
        at = 0
        for escape in GNU_ESCAPE.finditer(body):
            data += body[at : escape.start()].encode(encoding)
            octal, hexadecimal, char = escape.groups()
            if char is not None:
                data += SIMPLE_ESCAPES[char].encode(encoding)
            else:
                value = int(octal, 8) if octal is not None else int(hexadecimal, 16)
                if value & 0xFF == 0:
                    place = Location(where.path, where.line, column + 1 + escape.start())
                    raise GuideError(place, f"'{escape.group()}' is a NUL character, which ends a string in gettext")
                data.append(value & 0xFF)  # GNU keeps the lowest byte of a long one
            at = escape.end()
        data += body[at:].encode(encoding)
        try:
            read.append(data.decode(encoding))
        except UnicodeDecodeError:
            place = Location(where.path, where.line, column)
            raise GuideError(place, f"the string's escapes make bytes that are not {charset} text") from None
    return "".join(read)


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


def _check_plural_forms(header: _Entry, shown: str) -> int | None:
    """The header's `nplurals`, None without a Plural-Forms field; a `GuideError` if gettext cannot use it."""
    value = header.texts.get("msgstr", "")
    for field_line in value.splitlines():
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
        return count
    return None


def _check_form_count(entry: _Entry, nplurals: int | None, shown: str) -> None:
    """msgfmt -c's rule: a translated plural message (neither fuzzy, obsolete nor with msgstr[0] empty)
    has exactly the header's `nplurals` forms, and needs a Plural-Forms header. More forms than that are
    refused in any message, obsolete ones too (Babel cannot read them)."""
    forms = entry.forms()
    count = nplurals or DEFAULT_PLURALS
    has = _forms_range(count)
    if len(forms) > count:
        line, column = entry.places[forms[count]]
        header = (
            f"the catalog's Plural-Forms has nplurals={count} ({has})"
            if nplurals
            else f"the header has no Plural-Forms, so a plural message has {count} forms ({has})"
        )
        raise GuideError(Location(shown, line, column), f"{forms[count]}: {header}")
    if entry.obsolete or entry.fuzzy or not entry.texts.get("msgstr[0]"):
        return  # not used, and msgfmt does not count it
    if nplurals is None:
        line, column = entry.places["msgstr[0]"]
        raise GuideError(
            Location(shown, line, column),
            "msgstr[0]: a translated plural message, and the header has no Plural-Forms "
            "(add one, e.g. 'Plural-Forms: nplurals=2; plural=(n != 1);\\n')",
        )
    if len(forms) < count:
        line, column = entry.places[forms[-1]]
        missing = ", ".join(f"msgstr[{i}]" for i in range(len(forms), count))
        raise GuideError(
            Location(shown, line, column),
            f"{missing} missing after {forms[-1]}: the catalog's Plural-Forms has nplurals={count} ({has})",
        )


def _forms_range(count: int) -> str:
    return "msgstr[0] only" if count == 1 else f"msgstr[0] to msgstr[{count - 1}]"


def _check_newlines(entry: _Entry, shown: str) -> None:
    """msgfmt's rule: a translation begins and ends with a line break exactly when its source does."""
    source = entry.texts["msgid"]
    for word, text in entry.texts.items():
        if not (word.startswith("msgstr") or word == "msgid_plural") or not text:
            continue
        for where, test in (("begin", str.startswith), ("end", str.endswith)):
            if test(source, "\n") != test(text, "\n"):
                raise GuideError(
                    Location(shown, entry.line, 1), f"'msgid' and '{word}' do not both {where} with a line break (\\n)"
                )

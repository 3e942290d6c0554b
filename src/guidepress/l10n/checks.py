"""Checks of one translation against its source, in the manner of Babel's `checkers.py`.

Each checker takes the template's message, the catalog's message and the catalog's
number of plural forms, and yields problems as plain sentences; the caller decides
what they mean (`--strict` turns each into a `path:line: message` error). They see
only entries that are neither fuzzy nor empty: `entry_problems` reports those.
`locale_problems` gathers every problem of a locale's catalogs, each at its file and line.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterator

from babel.messages.catalog import Message

from ..errors import GuideError, Location, character
from ..source.messages import placeholders
from .status import CatalogStatus, EntryStatus, LocaleStatus, message_key, short, strings

Checker = Callable[[Message, Message, int], Iterator[str]]

# Placeholders a plural form may leave out: the number itself ("one uppercase letter").
COUNT = "count"

MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _forms(template: Message, message: Message) -> list[tuple[str, str]]:
    """(name, text) of each translation form: `msgstr`, or `msgstr[0]`, `msgstr[1]` …"""
    forms = strings(message)
    if len(forms) == 1 and not template.pluralizable:
        return [("msgstr", forms[0])]
    return [(f"msgstr[{i}]", text) for i, text in enumerate(forms)]


def _source_texts(template: Message) -> list[str]:
    return list(template.id) if isinstance(template.id, (tuple, list)) else [template.id]


def check_placeholders(template: Message, message: Message, num_plurals: int) -> Iterator[str]:
    """Every `{name}` of the source kept, none added or misspelt (a plural form may leave out {count})."""
    expected: list[str] = []
    for text in _source_texts(template):
        try:
            expected += [n for n in placeholders(text) if n not in expected]
        except ValueError:
            return  # the guide loader reports a broken source
    plural = template.pluralizable
    for form, text in _forms(template, message):
        if not text:
            continue
        where = f" in {form}" if plural else ""
        try:
            found = placeholders(text)
        except ValueError as exc:
            yield f"broken placeholder{where} ({exc})"
            continue
        extra = [n for n in dict.fromkeys(found) if n not in expected]
        missing = [n for n in expected if n not in found and not (plural and n == COUNT)]
        for name in extra:
            close = difflib.get_close_matches(name, missing or expected, n=1, cutoff=0.6)
            if close and close[0] in missing:
                missing.remove(close[0])
                yield f"placeholder {{{name}}}{where} is misspelt, the source has {{{close[0]}}}"
            elif close:
                yield f"placeholder {{{name}}}{where} is not in the source (did you mean {{{close[0]}}}?)"
            else:
                yield f"placeholder {{{name}}}{where} is not in the source, which has " + (
                    ", ".join(f"{{{n}}}" for n in expected) if expected else "none"
                )
        for name in missing:
            yield f"placeholder {{{name}}} is missing{where}"


def check_markup(template: Message, message: Message, num_plurals: int) -> Iterator[str]:
    """No tags or character entities: translations are plain text, never markup."""
    allowed = {m.group() for text in _source_texts(template) for m in MARKUP.finditer(text)}
    for form, text in _forms(template, message):
        found = [m for m in dict.fromkeys(m.group() for m in MARKUP.finditer(text)) if m not in allowed]
        if found:
            where = f" in {form}" if template.pluralizable else ""
            yield f"markup {', '.join(repr(m) for m in found)}{where} (translations are plain text)"


def check_control_characters(template: Message, message: Message, num_plurals: int) -> Iterator[str]:
    """No control characters (line breaks, tabs, bells …) or bidi overrides the source does not have."""
    allowed = set("".join(_source_texts(template)))
    for form, text in _forms(template, message):
        for char in dict.fromkeys(text):
            if (unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS) and char not in allowed:
                where = f" in {form}" if template.pluralizable else ""
                yield f"control character {character(char)}{where}"


def check_plural_forms(template: Message, message: Message, num_plurals: int) -> Iterator[str]:
    """A plural message has all the catalog's plural forms (nplurals), none of them empty."""
    if template.pluralizable != message.pluralizable:
        has = "a plural (msgid_plural)" if template.pluralizable else "no plural"
        yield f"the template has {has} for this message (run pybabel update)"
        return
    if not template.pluralizable:
        return
    forms = strings(message)
    empty = [f"msgstr[{i}]" for i in range(num_plurals) if i >= len(forms) or not forms[i]]
    if empty:
        yield f"plural form {', '.join(empty)} missing or empty (nplurals={num_plurals})"


CHECKERS: tuple[Checker, ...] = (check_plural_forms, check_placeholders, check_markup, check_control_characters)


def entry_problems(entry: EntryStatus, num_plurals: int) -> Iterator[str]:
    """Everything wrong with one template message in one catalog, one sentence each."""
    label = short(entry.template)
    shows = f"the handout shows {entry.shown_from}" if entry.shown_from else "the handout shows the source text"
    message = entry.message
    if message is None:
        yield f"not in the catalog (run pybabel update): {label} ({shows})"
        return
    if message.fuzzy:
        yield f"fuzzy: {label} (fuzzy translations are not used; {shows})"
        return
    forms = strings(message)
    if not any(forms):
        yield f"untranslated: {label} ({shows})"
        return
    for checker in CHECKERS:
        for problem in checker(entry.template, message, num_plurals):
            yield f"{problem}: {label}"


def catalog_problems(status: CatalogStatus) -> list[GuideError]:
    """Every problem of one catalog, in file order."""
    shown = status.shown_path
    problems = []
    for entry in status.entries:
        for problem in entry_problems(entry, status.catalog.num_plurals):
            problems.append(GuideError(Location(shown, entry.line), problem))
    for message in status.stale:
        problems.append(
            GuideError(
                Location(shown, message.lineno or 0),
                f"not in the template (run pybabel update): {message_key(message)[1]!r}",
            )
        )
    return sorted(problems, key=lambda p: p.location.line)


def locale_problems(status: LocaleStatus) -> list[GuideError]:
    """Every problem of a locale's catalogs: the project's, and guidepress's handout words."""
    problems = catalog_problems(status.project)
    words = status.words
    if words.exists:
        return problems + catalog_problems(words)
    shown = next((e.shown_from for e in words.entries if e.shown_from), None) or "the English source"
    problems.append(
        GuideError(
            Location(status.project.shown_path),
            f"guidepress has no {status.locale} translation of its {len(words.entries)} handout words "
            f"(headings, 'Page X of Y'); the handout shows {shown}",
        )
    )
    return problems

"""Checks of one translation against its source, in the manner of Babel's `checkers.py`.

Each checker takes the template's message, the catalog's message and the catalog's
plural forms, and yields problems as plain sentences; the caller decides what they mean:
`checks.py` turns each into a `--strict` error at its entry, `status.py` counts and lists
the translations they reject, and a build (`checks.unusable`) does not show such a
translation. They see only entries that are neither fuzzy nor empty.
"""

from __future__ import annotations

import difflib
import gettext
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from babel.messages.catalog import Catalog, Message

from ..errors import character
from ..source.messages import placeholders
from .po_syntax import PLURAL_FORMS


def strings(message: Message) -> tuple[str, ...]:
    """The translation's forms: one for a plain message, nplurals for a plural."""
    return tuple(message.string) if isinstance(message.string, (tuple, list)) else (message.string or "",)


# The placeholder a plural form may leave out: the number itself ("one uppercase letter"), and only in
# a form used for exactly one number (GNU msgfmt's rule: "Minimum teikn" cannot say 2, 3 or 100).
COUNT = "count"
SAMPLE = (*range(1001), 10**4, 10**5, 10**6, 10**6 + 1, 10**9)  # the numbers a plural expression is tried with


@dataclass(frozen=True)
class Plurals:
    """A catalog's plural forms: how many, and the numbers (of SAMPLE) each form is used for."""

    count: int
    numbers: tuple[tuple[int, ...], ...]  # per form

    @staticmethod
    @cache
    def of(count: int, expression: str) -> Plurals:
        """The plural forms `nplurals=count; plural=expression` (already checked by `po_syntax`)."""
        try:
            rule = gettext.c2py(expression)
            forms = [rule(n) for n in SAMPLE]
        except (ValueError, RecursionError, ZeroDivisionError, OverflowError, MemoryError):
            forms = [int(n != 1) for n in SAMPLE]
        return Plurals(
            count, tuple(tuple(n for n, f in zip(SAMPLE, forms, strict=True) if f == i) for i in range(count))
        )

    @staticmethod
    def of_catalog(catalog: Catalog) -> Plurals:
        return Plurals.of(catalog.num_plurals, catalog.plural_expr)

    @staticmethod
    def of_header(plural_forms: str | None) -> Plurals:
        """From a compiled catalog's `Plural-Forms` header; gettext's default without one."""
        found = PLURAL_FORMS.match(plural_forms or "")
        return Plurals.of(int(found.group(1)), found.group(2)) if found else Plurals.of(2, "(n != 1)")

    def single(self, form: int) -> bool:
        """The form is used for exactly one number (`msgstr[0]` in nb: 1), so it may leave the number out."""
        return form < len(self.numbers) and len(self.numbers[form]) == 1


Checker = Callable[[Message, Message, Plurals], Iterator[str]]

MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _forms(template: Message, message: Message) -> list[tuple[str, str]]:
    """(name, text) of each translation form: `msgstr`, or `msgstr[0]`, `msgstr[1]` …"""
    forms = strings(message)
    if len(forms) == 1 and not template.pluralizable:
        return [("msgstr", forms[0])]
    return [(f"msgstr[{i}]", text) for i, text in enumerate(forms)]


def _form_index(form: str) -> int | None:
    return int(form[7:-1]) if form.startswith("msgstr[") else None


def _source_texts(template: Message) -> list[str]:
    return list(template.id) if isinstance(template.id, (tuple, list)) else [template.id]


def check_placeholders(template: Message, message: Message, plurals: Plurals) -> Iterator[str]:
    """Every `{name}` of the source kept, none added or misspelt (a plural form used for exactly one
    number may leave out {count})."""
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
        index = _form_index(form)
        single = plural and index is not None and plurals.single(index)
        missing = [n for n in expected if n not in found and not (single and n == COUNT)]
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
            if plural and name == COUNT and index is not None and index < len(plurals.numbers):
                used = plurals.numbers[index]
                numbers = ", ".join(map(str, used[:3])) + (" …" if len(used) > 3 else "")
                yield f"placeholder {{{name}}} is missing{where}, which is used for more than one number ({numbers})"
            else:
                yield f"placeholder {{{name}}} is missing{where}"


def check_markup(template: Message, message: Message, plurals: Plurals) -> Iterator[str]:
    """No tags or character entities: translations are plain text, never markup."""
    allowed = {m.group() for text in _source_texts(template) for m in MARKUP.finditer(text)}
    for form, text in _forms(template, message):
        found = [m for m in dict.fromkeys(m.group() for m in MARKUP.finditer(text)) if m not in allowed]
        if found:
            where = f" in {form}" if template.pluralizable else ""
            yield f"markup {', '.join(repr(m) for m in found)}{where} (translations are plain text)"


def check_control_characters(template: Message, message: Message, plurals: Plurals) -> Iterator[str]:
    """No control characters (line breaks, tabs, bells …) or bidi overrides the source does not have."""
    allowed = set("".join(_source_texts(template)))
    for form, text in _forms(template, message):
        for char in dict.fromkeys(text):
            if (unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS) and char not in allowed:
                where = f" in {form}" if template.pluralizable else ""
                yield f"control character {character(char)}{where}"


def check_plural_forms(template: Message, message: Message, plurals: Plurals) -> Iterator[str]:
    """A plural message has all the catalog's plural forms (nplurals), none of them empty."""
    if template.pluralizable != message.pluralizable:
        has = "a plural (msgid_plural)" if template.pluralizable else "no plural"
        yield f"the template has {has} for this message (run pybabel update)"
        return
    if not template.pluralizable:
        return
    forms = strings(message)
    empty = [f"msgstr[{i}]" for i in range(plurals.count) if i >= len(forms) or not forms[i]]
    if empty:
        yield f"plural form {', '.join(empty)} missing or empty (nplurals={plurals.count})"


# a C or Python printf conversion: `%s`, `%d`, `%5.2f`, `%(name)s`; not `%%`, and no space flag, so that
# "100 % sikker" is text (pofilter's printf check and msgfmt's c-format/python-format look for the same)
PRINTF = re.compile(r"%(?:\([^()]*\))?[-#0+]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcrsa%]")


def printf_placeholders(text: str) -> list[str]:
    """The printf conversions of a text, in order (`%%` is a literal per cent sign, left out)."""
    return [m.group() for m in PRINTF.finditer(text) if m.group() != "%%"]


def check_printf(template: Message, message: Message, plurals: Plurals) -> Iterator[str]:
    """The printf conversions (`%s`, `%d`, `%(name)s`) of the source, no more and no fewer: a guide's text
    is not printf-formatted, so one a translation adds is printed as it stands ("på siden %s.")."""
    expected = sorted(printf_placeholders(_source_texts(template)[0]))
    for form, text in _forms(template, message):
        found = sorted(printf_placeholders(text))
        if text and found != expected:
            where = f" in {form}" if template.pluralizable else ""
            extra = [p for p in dict.fromkeys(found) if found.count(p) > expected.count(p)]
            missing = [p for p in dict.fromkeys(expected) if expected.count(p) > found.count(p)]
            said = [
                f"{', '.join(extra)} not in the source" if extra else "",
                f"{', '.join(missing)} missing" if missing else "",
            ]
            yield f"printf placeholder {'; '.join(s for s in said if s)}{where}"


def _edges(text: str) -> tuple[str, str]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


def check_whitespace(template: Message, message: Message, plurals: Plurals) -> Iterator[str]:
    """The same whitespace at the start and end as the source ("klikk på Neste ." from a label "Neste ")."""
    lead, trail = _edges(_source_texts(template)[0])
    for form, text in _forms(template, message):
        if not text:
            continue
        where = f" in {form}" if template.pluralizable else ""
        start, end = _edges(text)
        for side, found, source in (("leading", start, lead), ("trailing", end, trail)):
            if found != source:
                has = repr(found) if found else "none"
                yield f"{side} whitespace {has}{where} where the source has {repr(source) if source else 'none'}"


CHECKERS: tuple[Checker, ...] = (
    check_plural_forms,
    check_placeholders,
    check_printf,
    check_whitespace,
    check_markup,
    check_control_characters,
)


def translation_problems(template: Message, message: Message, plurals: Plurals) -> Iterator[tuple[Checker, str]]:
    """What is wrong with a translation (neither fuzzy nor empty) of a template's message: the one
    judgement of whether a translation can be used, for `--strict` and for a build alike."""
    for checker in CHECKERS:
        for problem in checker(template, message, plurals):
            yield checker, problem


REASONS: dict[Checker, Callable[[str], str]] = {
    check_plural_forms: lambda problem: f"does not have the template's plural forms ({problem})",
    check_placeholders: lambda problem: "has placeholders that do not match",
    check_printf: lambda problem: f"has a {problem}",
    check_whitespace: lambda problem: f"has {problem}",
    check_markup: lambda problem: f"has {problem}",
    check_control_characters: lambda problem: f"has a {problem}",
}

"""Checks of one translation against its source, in the manner of Babel's `checkers.py`.

Each checker takes the template's message, the catalog's message and the catalog's
number of plural forms, and yields problems as plain sentences; the caller decides
what they mean (`--strict` turns each into a `path:line: message` error). They see
only entries that are neither fuzzy nor empty: `entry_problems` reports those.
`locale_problems` gathers every problem of a locale's catalogs, each at its file and line.
`unusable` is the same judgement for a build: whether a compiled catalog's translation of
one message may be shown (the build falls back along the chain when it may not).
"""

from __future__ import annotations

import difflib
import gettext
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from babel.messages.catalog import Catalog, Message

from ..errors import GuideError, Location, character
from ..source.messages import placeholders
from .catalogs import LoadedCatalog
from .po_syntax import PLURAL_FORMS
from .status import CatalogStatus, EntryStatus, LocaleStatus, group_of, message_key, short, strings

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


CHECKERS: tuple[Checker, ...] = (check_plural_forms, check_placeholders, check_markup, check_control_characters)


def translation_problems(template: Message, message: Message, plurals: Plurals) -> Iterator[tuple[Checker, str]]:
    """What is wrong with a translation (neither fuzzy nor empty) of a template's message: the one
    judgement of whether a translation can be used, for `--strict` and for a build alike."""
    for checker in CHECKERS:
        for problem in checker(template, message, plurals):
            yield checker, problem


def entry_problems(entry: EntryStatus, plurals: Plurals) -> Iterator[str]:
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
    for _checker, problem in translation_problems(entry.template, message, plurals):
        yield f"{problem}: {label}"


def catalog_problems(status: CatalogStatus, groups: Collection[str] | None = None) -> list[GuideError]:
    """Every problem of one catalog, in file order; with `groups`, only those of the messages of these
    guides (`bankid-visma-connect`), packs (`pack onboarding`) or the handout words (what a build of
    them uses), and of the entries the template no longer has whose references name them."""
    shown = status.shown_path
    plurals = Plurals.of_catalog(status.catalog)
    wanted = None if groups is None else set(groups)
    problems = []
    for entry in status.entries:
        if wanted is not None and not _named(wanted, entry.group, entry.template.locations):
            continue
        for problem in entry_problems(entry, plurals):
            problems.append(GuideError(Location(shown, entry.line), problem))
    for message in status.stale:
        if wanted is not None and not _named(wanted, None, message.locations):
            continue
        problems.append(
            GuideError(
                Location(shown, message.lineno or 0),
                f"not in the template (run pybabel update): {message_key(message)[1]!r}",
            )
        )
    return sorted(problems, key=lambda p: p.location.line)


def _named(wanted: set[str], group: str | None, locations: Iterable[tuple[str, int | None]]) -> bool:
    """Whether a message belongs to what a narrowed build makes, by the template's references (the
    build's own view, not a catalog's older ones); one without references (extracted with
    `--no-location`) might belong to anything, so it is checked."""
    groups = {group} if group else {group_of(path) for path, _line in locations}
    return not groups or bool(wanted & groups)


def locale_problems(status: LocaleStatus, groups: Collection[str] | None = None) -> list[GuideError]:
    """Every problem of a locale's catalogs: the project's, and guidepress's handout words (which
    every handout uses); with `groups`, only those of the messages of these guides and packs."""
    problems = catalog_problems(status.project, groups)
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


# --- a build: may a compiled catalog's translation be shown? ------------------------------------------


def unusable(catalog: LoadedCatalog, context: str | None, msgid: str, plural: str | None = None) -> str | None:
    """Why the catalog's translation of a message cannot be shown (`has placeholders that do not match`),
    or None when it can; the same checks as `--strict`, each message judged once per catalog."""
    key = (context, msgid, plural)
    if key not in catalog.verdicts:
        catalog.verdicts[key] = _verdict(catalog, context, msgid, plural)
    return catalog.verdicts[key]


def _verdict(catalog: LoadedCatalog, context: str | None, msgid: str, plural: str | None) -> str | None:
    compiled = catalog.translations._catalog  # type: ignore[attr-defined]  # gettext's own table of the .mo
    key = f"{context}\x04{msgid}" if context is not None else msgid
    plurals = Plurals.of_header(catalog.translations.info().get("plural-forms"))
    if key in compiled:
        ids: str | tuple[str, str] = msgid
        string: str | tuple[str, ...] = compiled[key]
    else:
        forms = []
        while (key, len(forms)) in compiled:
            forms.append(compiled[(key, len(forms))])
        ids, string = (msgid, msgid), tuple(forms)
    template = Message((msgid, plural) if plural is not None else msgid, context=context)
    message = Message(ids, string, context=context)
    for checker, problem in translation_problems(template, message, plurals):
        return REASONS[checker](problem)
    return None


REASONS: dict[Checker, Callable[[str], str]] = {
    check_plural_forms: lambda problem: f"does not have the template's plural forms ({problem})",
    check_placeholders: lambda problem: "has placeholders that do not match",
    check_markup: lambda problem: f"has {problem}",
    check_control_characters: lambda problem: f"has a {problem}",
}

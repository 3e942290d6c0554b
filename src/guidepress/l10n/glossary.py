"""The project's glossary, `locales/glossary.tbx`, and the `--strict` check that translations use it.

A TBX file (TermBase eXchange, ISO 30042), which Weblate imports as a glossary and Lokalize
opens as one: each `termEntry` holds the English term and each language's preferred word
(`langSet xml:lang="nb"`), and may name a word not to use (`termNote
type="administrativeStatus"` `deprecatedTerm-admn-sts`). The check: a prose translation whose
source holds a glossary term (a whole word, any case; a longer term first, so "two-step
verification" is not also "step") must hold that locale's preferred word (any case, as the
start of a word: "steg" in "steget"). UI labels are left out: they follow the product's own
wording, whatever the glossary says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from babel.messages.catalog import Message

from ..errors import GuideError, Location, display_path
from .checkers import strings

GLOSSARY_FILE = "glossary.tbx"
DEPRECATED = "deprecatedTerm-admn-sts"


@dataclass
class Term:
    """One concept: its English term, and per locale the preferred word and the words not to use."""

    line: int
    source: str = ""
    preferred: dict[str, str] = field(default_factory=dict)
    deprecated: dict[str, list[str]] = field(default_factory=dict)

    def pattern(self) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w){re.escape(self.source)}(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Glossary:
    path: str
    terms: tuple[Term, ...]

    def terms_in(self, source: str) -> list[Term]:
        """The glossary's terms a source text holds, a longer one first and its span not matched again."""
        found = []
        taken = [False] * len(source)
        for term in sorted(self.terms, key=lambda t: -len(t.source)):
            for match in term.pattern().finditer(source):
                if not any(taken[match.start() : match.end()]):
                    taken[match.start() : match.end()] = [True] * (match.end() - match.start())
                    found.append(term)
                    break
        return found


def load_glossary(path: Path) -> Glossary | None:
    """The glossary, None without one; a `GuideError` at its line for a file that is not TBX as expected."""
    if not path.is_file():
        return None
    shown = display_path(path)
    terms: list[Term] = []
    state: dict[str, object] = {"lang": "", "in_term": False, "note": "", "text": ""}
    last = ("", "")  # the language and text of the term read last
    parser = expat.ParserCreate(namespace_separator=" ")

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = name.rsplit(" ", 1)[-1]
        if tag == "termEntry":
            terms.append(Term(parser.CurrentLineNumber))
        elif tag == "langSet":
            lang = attrs.get("http://www.w3.org/XML/1998/namespace lang") or attrs.get("xml:lang", "")
            state["lang"] = lang.replace("-", "_").split("_")[0] if lang else ""
        elif tag in ("term", "termNote"):
            state["in_term"], state["text"] = tag, ""
            state["note"] = attrs.get("type", "") if tag == "termNote" else state.get("note", "")

    def end(name: str) -> None:
        nonlocal last
        tag = name.rsplit(" ", 1)[-1]
        if tag == "term" and terms:
            text, lang, entry = str(state["text"]).strip(), str(state["lang"]), terms[-1]
            if lang == "en" and not entry.source:
                entry.source = text
            elif lang and lang not in entry.preferred:
                entry.preferred[lang] = text
            last = (lang, text)
        elif tag == "termNote" and terms and state["note"] == "administrativeStatus":
            lang, text = last
            if str(state["text"]).strip() == DEPRECATED and lang and lang != "en":
                entry = terms[-1]
                if entry.preferred.get(lang) == text:
                    del entry.preferred[lang]
                entry.deprecated.setdefault(lang, []).append(text)
        if tag in ("term", "termNote"):
            state["in_term"] = False

    def chars(data: str) -> None:
        if state["in_term"]:
            state["text"] = str(state["text"]) + data

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(path.read_bytes(), True)
    except expat.ExpatError as exc:
        raise GuideError(
            Location(shown, exc.lineno, exc.offset + 1), f"not a TBX file: {expat.errors.messages[exc.code]}"
        ) from None
    for term in terms:
        if not term.source:
            raise GuideError(
                Location(shown, term.line, 1), 'a termEntry without its English term (langSet xml:lang="en")'
            )
    return Glossary(shown, tuple(terms))


def _word_pattern(word: str) -> re.Pattern[str]:
    """A glossary word in a translation: its words in order, any case, one more word allowed between two
    ("klikk deretter på" is "klikk på"), the last one as the start of a word ("steg" in "steget")."""
    parts = [re.escape(part) for part in word.split()]
    return re.compile(r"(?<!\w)" + r"\W+(?:\w+\W+)?".join(parts), re.IGNORECASE)


def glossary_problems(
    glossary: Glossary, locale: str, messages: Iterable[tuple[Message, Message]]
) -> Iterator[tuple[Message, str]]:
    """(the catalog's message, the problem) for each prose translation that leaves out the glossary's word."""
    base = locale.replace("-", "_").split("_")[0]
    for template, message in messages:
        if template.context or message.fuzzy:
            continue  # a UI label is the product's wording
        source = template.id if isinstance(template.id, str) else template.id[0]
        forms = [form for form in strings(message) if form]
        if not forms:
            continue
        for term in glossary.terms_in(source):
            word = term.preferred.get(base)
            if not word:
                continue
            wanted = _word_pattern(word)
            if not all(wanted.search(form) for form in forms):
                avoid = [
                    w
                    for w in term.deprecated.get(base, [])
                    if re.search(rf"(?<!\w){re.escape(w)}", " ".join(forms), re.I)
                ]
                used = f", not {avoid[0]!r}" if avoid else ""
                yield (
                    message,
                    (f"glossary: {term.source!r} is {word!r} in {locale}{used} ({glossary.path}:{term.line})"),
                )

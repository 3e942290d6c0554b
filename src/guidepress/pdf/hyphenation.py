"""Hyphenation for the handout's paragraphs: pyphen's dictionaries, in the form reportlab asks for.

pyphen parses a language's patterns in about 0.1 s, which would be most of a cold build.
So two caches live in `$XDG_CACHE_HOME/guidepress` (or `~/.cache/guidepress`), written
atomically and keyed by pyphen's version and the dictionary file: the parsed patterns
(10 ms to load), and the words hyphenated so far with their points, so that a build whose
words were all seen before needs no dictionary at all. Without a usable cache, pyphen parses.
Names are left whole: a capitalised word (in Norwegian, almost always a name such as
"Visma" or "Sokndal"), an address or a word with digits is never hyphenated. Nor is a
word of a UI label the text quotes or of the organisation's name (`keep_whole`): the reader
looks for "Tilbakestill passord" on the screen, not "Tilbakestill pass-ord". A break leaves at least
three letters on each side.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

import pyphen

from ..common import disk_cache

LONGEST_WORD = 64  # longer is no word of a language (a hash, a line of x's): never hyphenated, never cached
PUNCTUATION = "\"'«»“”‘’()[]{}?!.,;:…–—-"
SHORTEST_PART = 3  # letters before and after a break: no "la-get", "konto-en" or "ac-cess"


def dictionary_language(locale: str) -> str | None:
    """pyphen's dictionary for a locale (nb → nb_NO, en → en_GB), or None when it has none."""
    base = locale.replace("-", "_")
    candidates = [base, *sorted(lang for lang in pyphen.LANGUAGES if lang.startswith(base.split("_")[0] + "_"))]
    return next((c for c in candidates if c in pyphen.LANGUAGES), None)


def _cache_file(lang: str, kind: str) -> Path:
    path = Path(pyphen.LANGUAGES[lang])
    stat = path.stat()
    made_from = (pyphen.__version__, path, stat.st_size, stat.st_mtime_ns)
    return disk_cache.cache_path(f"hyph-{lang}-{kind}", *made_from, *([SHORTEST_PART] if kind == "words" else []))


def _load_patterns(lang: str) -> None:
    """Put the language's parsed patterns into pyphen's own cache, from our cache file if it is good."""
    path = Path(pyphen.LANGUAGES[lang])
    if path in pyphen.hdcache:
        return
    cached = _cache_file(lang, "patterns")
    match disk_cache.read(cached):
        case (dict() as patterns, int() as maxlen):
            hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
            hd.patterns, hd.cache, hd.maxlen = patterns, {}, maxlen
        case _:
            hd = pyphen.HyphDict(path)
            disk_cache.write(cached, (hd.patterns, hd.maxlen))
    pyphen.hdcache[path] = hd


@cache
def _pyphen(lang: str) -> pyphen.Pyphen:
    _load_patterns(lang)
    return pyphen.Pyphen(lang=lang, left=SHORTEST_PART, right=SHORTEST_PART)


@cache
def _words(lang: str) -> dict[str, list[tuple[str, str]]]:
    """The words of the language hyphenated so far, in this process or before it."""
    known = disk_cache.read(_cache_file(lang, "words"))
    return known if isinstance(known, dict) else {}


_learned: set[str] = set()  # languages whose words file lacks some words this process found


def _points(lang: str, word: str) -> list[tuple[str, str]]:
    words = _words(lang)
    if word not in words:
        words[word] = list(_pyphen(lang).iterate(word))
        _learned.add(lang)
    return list(words[word])


def remember_words() -> None:
    """Add the words hyphenated in this process to their cache files (after each handout)."""
    for lang in sorted(_learned):
        cached = _cache_file(lang, "words")
        known = disk_cache.read(cached)  # another process may have added words meanwhile
        disk_cache.write(cached, {**(known if isinstance(known, dict) else {}), **_words(lang)})
    _learned.clear()


class Hyphenate:
    """A word's hyphenation points (as reportlab's `hyphenationLang` takes them): none for a word
    in `keep_whole` (lower case), a name, an address or anything too long to be a word. Its
    `language` and `keep_whole` are what a paragraph's breaks depend on."""

    def __init__(self, language: str, keep_whole: frozenset[str]) -> None:
        self.language = language
        self.keep_whole = keep_whole

    def __call__(self, word: str) -> list[tuple[str, str]]:
        word = str(word)  # reportlab hands over a str subclass (_SplitWord); the cache keeps plain text
        if (
            len(word) > LONGEST_WORD
            or word[:1].isupper()
            or any(c.isdigit() or c in "@/.:_" for c in word)
            or word.lower() in self.keep_whole
        ):
            return []
        return _points(self.language, word)


@lru_cache(maxsize=16)
def hyphenator(locale: str, keep_whole: frozenset[str] = frozenset()) -> Hyphenate | None:
    """The hyphenation of a locale's words, or None when pyphen has no dictionary for it. The
    patterns load the first time a word never seen before needs breaking."""
    lang = dictionary_language(locale)
    if lang is None:
        return None
    return Hyphenate(lang, keep_whole)


def words_of(texts: Iterable[str]) -> frozenset[str]:
    """The words of some texts, lower case and without the punctuation around them."""
    return frozenset(w.strip(PUNCTUATION).lower() for text in texts for w in text.split()) - {""}

"""Hyphenation for the handout's paragraphs: pyphen's dictionaries, in the form reportlab asks for.

pyphen parses a language's patterns in about 0.1 s, which would be most of a cold build;
the parsed patterns are kept in a cache file (`$XDG_CACHE_HOME/guidepress` or
`~/.cache/guidepress`, written atomically, keyed by pyphen's version and the dictionary
file), so later processes load them in about 15 ms. Without a usable cache, pyphen parses.
Names are left whole: a capitalised word (in Norwegian, almost always a name such as
"Visma" or "Sokndal"), an address or a word with digits is never hyphenated. Nor is a
word of a UI label the text quotes or of the organisation's name (`keep_whole`): the reader
looks for "Tilbakestill passord" on the screen, not "Tilbakestill pass-ord".
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from pathlib import Path

import pyphen

from .write import write_atomic

Hyphenate = Callable[[str], list[tuple[str, str]]]
PUNCTUATION = "\"'«»“”‘’()[]{}?!.,;:…–—-"


def dictionary_language(locale: str) -> str | None:
    """pyphen's dictionary for a locale (nb → nb_NO, en → en_GB), or None when it has none."""
    base = locale.replace("-", "_")
    candidates = [base, *sorted(lang for lang in pyphen.LANGUAGES if lang.startswith(base.split("_")[0] + "_"))]
    return next((c for c in candidates if c in pyphen.LANGUAGES), None)


def _cache_dir() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "guidepress"


def _load_patterns(lang: str) -> None:
    """Put the language's parsed patterns into pyphen's own cache, from our cache file if it is good."""
    path = Path(pyphen.LANGUAGES[lang])
    if path in pyphen.hdcache:
        return
    stat = path.stat()
    key = hashlib.sha1(f"{pyphen.__version__}|{path}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    cached = _cache_dir() / f"hyph-{lang}-{key}.marshal"
    try:
        patterns, maxlen = marshal.loads(cached.read_bytes())
        hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
        hd.patterns, hd.cache, hd.maxlen = patterns, {}, maxlen
        pyphen.hdcache[path] = hd
        return
    except (OSError, ValueError, EOFError, TypeError):
        pass
    hd = pyphen.HyphDict(path)
    pyphen.hdcache[path] = hd
    try:
        write_atomic(cached, marshal.dumps((hd.patterns, hd.maxlen)))
    except OSError:
        pass  # a read-only home: parse again next time


@cache
def _pyphen(lang: str) -> pyphen.Pyphen:
    _load_patterns(lang)
    return pyphen.Pyphen(lang=lang)


@lru_cache(maxsize=16)
def hyphenator(locale: str, keep_whole: frozenset[str] = frozenset()) -> Hyphenate | None:
    """A function giving a word's hyphenation points (as reportlab's `hyphenationLang` takes),
    or None when pyphen has no dictionary for the locale. Words in `keep_whole` (lower case)
    are never broken. The patterns load the first time a word needs breaking."""
    lang = dictionary_language(locale)
    if lang is None:
        return None

    def pairs(word: str) -> list[tuple[str, str]]:
        if word[:1].isupper() or any(c.isdigit() or c in "@/.:_" for c in word) or word.lower() in keep_whole:
            return []
        return list(_pyphen(lang).iterate(word))

    return pairs


def words_of(texts: Iterable[str]) -> frozenset[str]:
    """The words of some texts, lower case and without the punctuation around them."""
    return frozenset(w.strip(PUNCTUATION).lower() for text in texts for w in text.split()) - {""}

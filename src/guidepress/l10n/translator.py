"""translator_for: the catalogs a locale reads, in order, and the Translator that looks messages up.

For each locale of the fallback chain (nn and the Sami languages fall back to nb), the
project's catalog comes first, then the project's own catalog of the handout's words
(`locales/<locale>/LC_MESSAGES/guidepress.po`, if it has one) and then guidepress's
(`words.py`); the English source text is the last resort. The pseudo-locale reads catalogs
made from the two templates instead (`pseudo.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from babel import Locale, UnknownLocaleError

from ..errors import GuideError, Location, display_path
from .catalogs import DOMAIN, LoadedCatalog, available_locales, load_catalog, po_path
from .products import load_quotes
from .pseudo import FORMAT_LOCALE, PSEUDO_LOCALE, pseudo_catalogs
from .words import WORDS_DOMAIN, words_locales_dir

# Which catalogs to try, in order, after the locale's own.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "nn": ("nb",),
    "no": ("nb",),
    "se": ("nb",),
    "sma": ("nb",),
    "smj": ("nb",),
}


def fallback_chain(locale: str) -> tuple[str, ...]:
    """The locale itself, then the locales it falls back to."""
    base = locale.replace("-", "_").split("_")[0]
    chain = [locale] + ([base] if base != locale else [])
    chain += [f for f in FALLBACKS.get(base, ()) if f not in chain]
    return tuple(chain)


def stopped_by(locale: str, locales: Iterable[str]) -> list[str]:
    """The other locales of `locales` that fall back to `locale`: a broken catalog of it stops them too."""
    return [other for other in locales if other != locale and locale in fallback_chain(other)[1:]]


class Translator:
    """Looks messages up along the fallback chain; the source text is the last resort.

    A handout looks its messages up with `translate.look_up`, which takes the first of `candidates`
    whose translation `--strict` would not reject (`checks.unusable`)."""

    def __init__(
        self,
        locale: str,
        catalogs: list[LoadedCatalog],
        format_locale: str | None = None,
        quotes: dict[str, str] | None = None,
    ) -> None:
        self.locale = locale
        self.catalogs = catalogs
        self.format_locale = format_locale or locale  # the Babel locale for dates, numbers and plurals
        self.quotes = quotes or {}  # context → the locale whose wording this one shows (`products.py`)

    def formatting_as(self, locale: str) -> Translator:
        """The same catalogs, writing dates and numbers as `locale` does (a handout shown in its
        fallback's language)."""
        if locale in (self.locale, self.format_locale):
            return self
        return Translator(self.locale, self.catalogs, format_locale=locale, quotes=self.quotes)

    def candidates(self, msgid: str, context: str | None = None) -> list[LoadedCatalog]:
        """Every catalog along the chain that translates the message, in the order they are tried."""
        key = (context, msgid)
        quoted = self.quotes.get(context or "")
        return [c for c in self.catalogs if key in c.translated and (quoted is None or c.locale == quoted)]


def from_catalog(
    catalog: LoadedCatalog, msgid: str, context: str | None = None, plural: str | None = None, n: int = 1
) -> str:
    """One catalog's translation of a message (`plural`: its plural form for the number `n`)."""
    t = catalog.translations
    if plural is None:
        return t.pgettext(context, msgid) if context else t.gettext(msgid)
    return t.npgettext(context, msgid, plural, n) if context else t.ngettext(msgid, plural, n)


def locale_catalogs(locales_dir: Path, locale: str, domain: str = DOMAIN) -> list[LoadedCatalog]:
    """The catalogs that exist for a locale and its fallbacks: the project's, then the handout words', per locale."""
    found = []
    for loc in fallback_chain(locale):
        try:
            found += [
                load_catalog(locales_dir, loc, domain),
                load_catalog(
                    locales_dir, loc, WORDS_DOMAIN
                ),  # the project's handout words: a new language, or its own wording
                load_catalog(words_locales_dir(), loc, WORDS_DOMAIN),
            ]
        except GuideError as exc:
            if loc == locale:
                raise
            # the fallback's own build names the problem; this line says why this locale stops too
            raise GuideError(
                exc.location, f"{exc.message}; {locale} falls back to {loc}, so {locale} is not built either"
            ) from None
    return [catalog for catalog in found if catalog is not None]


def translator_for(locales_dir: Path, locale: str, domain: str = DOMAIN) -> Translator:
    """The locale's translator; the pseudo-locale's is made from the templates, in memory."""
    if locale == PSEUDO_LOCALE:
        return Translator(
            PSEUDO_LOCALE,
            pseudo_catalogs(locales_dir, domain),
            format_locale=FORMAT_LOCALE,
        )
    try:
        Locale.parse(locale.replace("-", "_"))  # its dates, numbers and language name come from Babel
    except (ValueError, UnknownLocaleError):
        where = Location(display_path(po_path(locales_dir, locale, domain)), 1, 1)
        folder = display_path(locales_dir / locale)
        problem = f"{locale!r} is not a locale Babel knows; name the folder {folder} by a code such as se or nb_NO"
        raise GuideError(where, problem) from None
    quotes = load_quotes(locales_dir, available_locales(locales_dir, domain)).contexts(locale)
    catalogs = locale_catalogs(locales_dir, locale, domain)
    for quoted in dict.fromkeys(quotes.values()):  # a quoted locale outside the fallback chain
        if quoted not in fallback_chain(locale):
            catalogs += [c for c in locale_catalogs(locales_dir, quoted, domain) if c.locale == quoted]
    return Translator(locale, catalogs, quotes=quotes)

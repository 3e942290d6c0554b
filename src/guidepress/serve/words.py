"""The agent page's words, in the handout words' catalogs (`resources/locales`, domain `guidepress`).

They are extracted with the handout's words (`l10n/words.py`'s WORDS_EXTRACT_COMMAND names this
file too) and translated in the same nb, nn and en catalogs, read here with Babel.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from babel.messages.pofile import read_po

from ..resources import resource_path

PAGE_LOCALES = ("nb", "nn", "en")


def agent_words(_: Callable[[str], str]) -> dict[str, str]:
    """Every word of the agent page, by its place in the page."""
    return {
        # TRANSLATORS: agent page (guidepress serve): the page's title and heading.
        "title": _("Handouts for support"),
        "intro": _(
            "Pick a guide, an organisation, a language and a form; preview it, download the PDF or copy a link."
        ),
        "language_nav": _("Language of this page"),
        "choose": _("Choose the handout"),
        "guide": _("Guide or pack"),
        "guides": _("Guides"),
        "packs": _("Packs"),
        "organisation": _("Organisation"),
        "no_organisation": _("None (the guide's defaults)"),
        "locale": _("Language of the handout"),
        "form": _("Form"),
        # TRANSLATORS: agent page: the print form of a handout (pages for printing).
        "print": _("Print"),
        # TRANSLATORS: agent page: the small ticket form of a handout (attached to a support ticket).
        "ticket": _("Ticket"),
        "paper": _("Paper"),
        "preview": _("Preview"),
        "preview_frame": _("Preview of the handout"),
        "download": _("Download the PDF"),
        "copy_link": _("Copy the PDF's link"),
        "copied": _("Copied."),
        "copy_failed": _("Could not copy: select the link and copy it yourself."),
        "screens": _("Screens"),
        "screens_help": _("Copy one screen's picture to paste into a reply."),
        "no_screens": _("This handout has no screen pictures."),
        "copy_png": _("Copy the picture"),
        "open_png": _("Open the picture"),
        "png_copied": _("Picture copied: paste it into the reply."),
        "png_failed": _("This browser cannot copy pictures: open the picture and copy it from there."),
        "personal": _("A link with personal values"),
        "personal_help": _(
            "Values for one person (such as an email address) go only into a signed link that expires. "
            "Your token stays in this page."
        ),
        "token": _("Your agent token"),
        "expires": _("Link expires after"),
        "minutes": _("10 minutes"),
        "hour": _("1 hour"),
        "day": _("1 day"),
        "week": _("7 days"),
        "make_link": _("Make the signed link"),
        "signed_link": _("Signed link"),
        "copy_signed": _("Copy the signed link"),
        "no_values": _("This guide has no values to fill in."),
        "failed": _("Not done:"),
        # TRANSLATORS: agent page: a link to the guide's page with each text's catalog entry, for translators.
        "translator_view": _("Translator view: each text's catalog entry"),
    }


def translator_words(_: Callable[[str], str]) -> dict[str, str]:
    """Every word of the translator view (`GET /_translate/<locale>/<guide>.html`), by its place."""
    return {
        # TRANSLATORS: translator view (guidepress serve): the name of the view, above a guide's page.
        "title": _("Translator view"),
        "intro": _(
            "Point at a text, or move to it with the Tab key, to see its catalog entry: the file and line, "
            "its context and its source text."
        ),
        # TRANSLATORS: translator view: a link to the guide's page without the marks.
        "reader_page": _("The page as readers see it"),
        # TRANSLATORS: translator view: a link to the same page in the pseudo-locale qps-ploc.
        "pseudo_page": _("The pseudo-locale view (qps-ploc)"),
        # TRANSLATORS: translator view: before the counts of the page's texts by state.
        "counts": _("Texts on this page:"),
        # TRANSLATORS: translator view: the list of the page's texts that need a translator.
        "to_do": _("Texts with work left"),
        "nothing_to_do": _("Every text of this page is translated."),
        # TRANSLATORS: translator view: the heading of the explanation of the page's marks.
        "marks": _("What the marks mean"),
        "translated": _("Translated"),
        "fuzzy": _("Fuzzy: not shown until it is checked"),
        "untranslated": _("Untranslated"),
        "missing": _("Not in the catalog: run pybabel update"),
        "rejected": _("Translated, but a check refuses it"),
        # TRANSLATORS: translator view: a UI label shown in another locale's wording, as locales/ui-quotes.yaml asks.
        "quoted": _("Another locale's wording, as ui-quotes.yaml asks"),
        "raw": _("Not from a catalog: a name, an address, a date or a number"),
        "overflow": _("Does not fit its element"),
        # TRANSLATORS: translator view: {where} is a locale (nb) or "the source text", perhaps with its file and line.
        "shows": _("The page shows: {where}"),
        "source_text": _("the source text"),
        # TRANSLATORS: translator view: before the UI labels a text names, each with its own entry.
        "labels": _("Labels it names:"),
        "dismiss": _("Escape hides a tooltip."),
    }


@cache
def translator_page_words(locale: str) -> dict[str, str]:
    """The translator view's words in `locale` (nb, nn or en); an untranslated word shows in English."""
    return translator_words(_catalog_gettext(locale))


@cache
def page_words(locale: str) -> dict[str, str]:
    """The page's words in `locale` (nb, nn or en); an untranslated word shows in English."""
    with resource_path("locales", locale, "LC_MESSAGES", "guidepress.po").open("rb") as handle:
        catalog = read_po(handle, locale=locale)

    def gettext(text: str) -> str:
        message = catalog.get(text)
        return message.string if message is not None and message.string and not message.fuzzy else text

    return agent_words(gettext)


def _catalog_gettext(locale: str) -> Callable[[str], str]:
    """gettext over guidepress's own catalog of `locale` (English for a locale it has none of)."""
    path = resource_path("locales", locale, "LC_MESSAGES", "guidepress.po")
    if locale not in PAGE_LOCALES or not path.is_file():
        return lambda text: text
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)

    def gettext(text: str) -> str:
        message = catalog.get(text)
        return message.string if message is not None and message.string and not message.fuzzy else text

    return gettext

"""The agent page's words, in the handout words' catalogs (`resources/locales`, domain `guidepress`).

They are extracted with the handout's words (`l10n/words.py`'s WORDS_EXTRACT_COMMAND names this
file too) and translated in the same nb, nn and en catalogs, read here with Babel.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from babel.messages.pofile import read_po

from ..common.resources import resource_path

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
        # TRANSLATORS: agent page: shown instead of the value fields when an organisation is chosen.
        "values_and_tenants": _(
            "An organisation's values (its name, its addresses) come from the server's list of organisations. "
            "For a link with one person's values, choose no organisation."
        ),
        "failed": _("Not done:"),
        # TRANSLATORS: agent page: a link to the guide's page with each text's catalog entry, for translators.
        "translator_view": _("Translator view: each text's catalog entry"),
        # TRANSLATORS: agent page: why no signed link was made (the server's own line, in English, may follow).
        "token_refused": _("Your agent token was not accepted."),
        "links_off": _("Signed links are off on this server: it has no agent tokens."),
        "value_refused": _("A value was not accepted:"),
        "busy": _("The server is busy: try again in a moment."),
        "no_answer": _("The server did not answer: try again."),
    }


def preview_words(_: Callable[[str], str]) -> dict[str, str]:
    """Every word of the live preview (`serve --watch`: the problems shown over a page) and of the
    print preview (`/_print/…`, a PDF's pages as they will print), by its place."""
    return {
        # TRANSLATORS: live preview: the heading over the lines a failed build printed.
        "failed": _("The build failed"),
        "failed_help": _(
            "The page shows the last version that built. Fix the lines below and save: the page updates by itself."
        ),
        # TRANSLATORS: live preview: the heading over the warnings of a build that succeeded.
        "warnings": _("Warnings"),
        # TRANSLATORS: live preview: a button that hides the problems (the Escape key does the same).
        "hide": _("Hide (Esc)"),
        # TRANSLATORS: live preview: a button that shows the hidden problems again; the count follows it.
        "show_errors": _("The build failed: show the problems"),
        "show_warnings": _("Show the warnings"),
        # TRANSLATORS: live preview: the tooltip of a problem's link, which opens the file at that line.
        "open_in_editor": _("Open this line in your editor"),
        "problems": _("Problems"),
        "lost": _("The live preview lost its server. Is guidepress serve --watch still running?"),
        "not_built_title": _("Not built yet"),
        "not_built": _("This page has not built yet. The problems are listed over it; save a fix and it appears."),
        # TRANSLATORS: print preview: the page's heading, followed by the PDF's file name.
        "print_preview": _("Print preview"),
        "print_help": _("The PDF's pages as they will print, on their paper size."),
        "page_of": _("Page {page} of {pages}"),
        "paper": _("Paper"),
        "loading": _("Loading the PDF…"),
        "updated": _("Updated."),
        "pdf_failed": _("The PDF could not be shown."),
        "download_pdf": _("Download the PDF"),
        "html_edition": _("Open the accessible HTML edition"),
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


def _catalog_gettext(locale: str) -> Callable[[str], str]:
    """gettext over guidepress's own catalog of `locale`; an untranslated word, or a locale it has no
    catalog of, is the English."""
    path = resource_path("locales", locale, "LC_MESSAGES", "guidepress.po")
    if locale not in PAGE_LOCALES or not path.is_file():
        return lambda text: text
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)

    def gettext(text: str) -> str:
        message = catalog.get(text)
        found = message.string if message is not None and not message.fuzzy else ""
        return found if isinstance(found, str) and found else text

    return gettext


@cache
def page_words(locale: str) -> dict[str, str]:
    """The page's words in `locale` (nb, nn or en); an untranslated word shows in English."""
    return agent_words(_catalog_gettext(locale))


@cache
def live_words(locale: str) -> dict[str, str]:
    """The live and print previews' words in `locale` (nb, nn or en)."""
    return preview_words(_catalog_gettext(locale if locale in PAGE_LOCALES else "nb"))


@cache
def translator_page_words(locale: str) -> dict[str, str]:
    """The translator view's words in `locale` (nb, nn or en); an untranslated word shows in English."""
    return translator_words(_catalog_gettext(locale))

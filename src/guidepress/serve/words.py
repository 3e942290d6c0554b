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
        # TRANSLATORS: agent page: shown instead of the value fields when an organisation is chosen.
        "values_and_tenants": _(
            "An organisation's values (its name, its addresses) come from the server's list of organisations. "
            "For a link with one person's values, choose no organisation."
        ),
        "failed": _("Not done:"),
        # TRANSLATORS: agent page: why no signed link was made (the server's own line, in English, may follow).
        "token_refused": _("Your agent token was not accepted."),
        "links_off": _("Signed links are off on this server: it has no agent tokens."),
        "value_refused": _("A value was not accepted:"),
        "busy": _("The server is busy: try again in a moment."),
        "no_answer": _("The server did not answer: try again."),
    }


@cache
def page_words(locale: str) -> dict[str, str]:
    """The page's words in `locale` (nb, nn or en); an untranslated word shows in English."""
    with resource_path("locales", locale, "LC_MESSAGES", "guidepress.po").open("rb") as handle:
        catalog = read_po(handle, locale=locale)

    def gettext(text: str) -> str:
        message = catalog.get(text)
        return message.string if message is not None and message.string and not message.fuzzy else text

    return agent_words(gettext)

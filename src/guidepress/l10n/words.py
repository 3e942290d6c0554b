"""The handout's own words: headings, footer, table labels.

They belong to guidepress, not to a guide, so guidepress carries their translations in
its package (`resources/locales/<locale>/LC_MESSAGES/guidepress.po`, the message domain
`guidepress`), as Sphinx carries the words of its own pages: every guides project gets
them in nb, nn and en without translating them. A project's own catalog is read first,
so it may word one differently. After changing a word here, run WORDS_EXTRACT_COMMAND.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..document import Words
from ..resources import resource_path

WORDS_DOMAIN = "guidepress"
WORDS_EXTRACT_COMMAND = (
    "pybabel extract -c TRANSLATORS: --project guidepress --copyright-holder 'guidepress authors' "
    "-o src/guidepress/resources/locales/guidepress.pot src/guidepress/l10n/words.py"
)


def words_locales_dir() -> Path:
    """The locales folder of the handout words' catalogs, inside the package."""
    return resource_path("locales")


def handout_words(_: Callable[[str], str]) -> Words:
    """The words in the reader's language; `_` is the locale's gettext."""
    return Words(
        what_this_fixes=_("What this fixes"),
        steps_heading=_("Steps"),
        product=_("Product"),
        language=_("Language"),
        version=_("Version"),
        date=_("Date"),
        organisation=_("Organisation"),
        # TRANSLATORS: page footer, e.g. "Page 2 of 5".
        page_of=_("Page {page} of {pages}"),
        # TRANSLATORS: the label in front of a tip, with the punctuation your language puts after it.
        note=_("Tip:"),
        # TRANSLATORS: the label in front of a warning, with the punctuation your language puts after it.
        warning=_("Important:"),
        online=_("This guide online"),
        support=_("Need help? Contact {support_contact}."),
        # TRANSLATORS: shown beside the crossed-out control in a screen picture.
        avoid=_("Not this one"),
        checklist_hint=_("Tick each box when it is true."),
        # TRANSLATORS: the heading of a pack's list of guides, with their page numbers.
        contents=_("Contents"),
        # TRANSLATORS: on the cover of a person's onboarding pack, above their name and start date.
        prepared_for=_("Prepared for"),
    )

"""The handout's own words: headings, footer, table labels.

They live in the same catalog as the guides' texts (`pybabel extract` finds these
`_()` calls through babel.cfg), so translating a handout needs one catalog only.
"""

from __future__ import annotations

from collections.abc import Callable

from .document import Words


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
    )

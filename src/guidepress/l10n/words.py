"""The handout's own words: headings, footer, table labels, and the HTML edition's words.

They belong to guidepress, not to a guide, so guidepress carries their translations in
its package (`resources/locales/<locale>/LC_MESSAGES/guidepress.po`, the message domain
`guidepress`), as Sphinx carries the words of its own pages: every guides project gets
them in nb, nn and en without translating them. A project's own catalog is read first,
so it may word one differently. After changing a word here, run WORDS_EXTRACT_COMMAND.

The sentences of a screen picture's text alternative are patterns that `describe.py` fills in;
the ones that name a count of controls are plural messages.
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
        # TRANSLATORS: HTML edition: the page's first link, for keyboard
        # and screen reader users.
        skip_link=_("Skip to the guide"),
        # TRANSLATORS: HTML edition: the list of links to this guide in
        # other languages.
        other_languages=_("Other languages"),
        # TRANSLATORS: the heading of a list with links: the guide's sections
        # (HTML edition), or a pack's guides with their page numbers.
        contents=_("Contents"),
        # TRANSLATORS: HTML edition: a link to the PDF handout of the same guide.
        pdf_edition=_("The handout as PDF, for printing"),
        # TRANSLATORS: on the cover of a person's onboarding pack, above their name and start date.
        prepared_for=_("Prepared for"),
    )


# --- the text alternative of a screen picture (l10n/describe.py puts the sentences together) ---


def screen_sentence(_: Callable[[str], str]) -> str:
    # TRANSLATORS: HTML edition. A screen picture's text alternative
    # (what a screen reader reads instead of the picture) starts with
    # this sentence. {name} is the screen's heading.
    return _("Screen: {name}.")


def marked_sentence(ngettext: Callable[[str, str, int], str], n: int) -> str:
    # TRANSLATORS: HTML edition, in a screen picture's text alternative.
    # {controls} is one control or a list of them, e.g. "the field
    # “Email address” and the button “Log in”"; the count is how many.
    return ngettext("Step {number}: {controls} is marked.", "Step {number}: {controls} are marked.", n)


def avoided_sentence(ngettext: Callable[[str, str, int], str], n: int) -> str:
    # TRANSLATORS: HTML edition, in a screen picture's text alternative:
    # the controls the picture crosses out ("Not this one" beside them).
    # The count is how many {controls} there are.
    return ngettext(
        "Do not choose {controls}: it is crossed out.", "Do not choose {controls}: they are crossed out.", n
    )


def control_phrases(_: Callable[[str], str]) -> dict[str, str]:
    """How the text alternative names a control, by kind; {name} is its label as the product shows it."""
    return {
        # TRANSLATORS: HTML edition. This phrase and the ones after it
        # name a control in a screen picture's text alternative ("Step 3:
        # {controls} is marked."). {name} is the product's own label:
        # quote it as your language quotes (« » in Norwegian).
        "field": _("the field “{name}”"),
        "button": _("the button “{name}”"),
        "link": _("the link “{name}”"),
        "checkbox": _("the checkbox “{name}”"),
        # TRANSLATORS: a clickable card with a title and a line of
        # explanation, such as "Reset password".
        "choice": _("the choice “{name}”"),
        # TRANSLATORS: an account in a "Sign in as" list.
        "account": _("the account “{name}”"),
        # TRANSLATORS: an account in a "Sign in as" list, with its email
        # address in {email}.
        "account_email": _("the account “{name}” ({email})"),
        # TRANSLATORS: a box with a status message, such as "BankID Norge"
        # (linked, with its date).
        "message": _("the message “{name}”"),
        # TRANSLATORS: a titled block of a settings page, such as "Account".
        "section": _("the section “{name}”"),
        # TRANSLATORS: a heading or a paragraph of the product's text.
        "text": _("the text “{name}”"),
        # TRANSLATORS: label/value rows, such as "Email: …", "Full name: …".
        "rows": _("the list of details"),
        # TRANSLATORS: the list of password rules on a screen.
        "policy": _("the password rules"),
        # TRANSLATORS: a control of a kind that has no phrase of its own,
        # named by its label.
        "other": _("“{name}”"),
        # TRANSLATORS: a marked control ({control}, one of the phrases
        # above) with the short note the picture shows beside it.
        "note": _("{control} (with the note “{note}”)"),
    }

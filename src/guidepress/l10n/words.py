"""The handout's own words: headings, footer, table labels, and the HTML edition's words.

They belong to guidepress, not to a guide, so guidepress carries their translations in
its package (`resources/locales/<locale>/LC_MESSAGES/guidepress.po`, the message domain
`guidepress`), as Sphinx carries the words of its own pages: every guides project gets
them in nb, nn and en. A project's own catalogs are read first (its `guides.po`, then its
`locales/<locale>/LC_MESSAGES/guidepress.po`, from `guidepress words-template`), so a project
may word one differently or add a language. After changing a word here, run WORDS_EXTRACT_COMMAND.

The sentences of a screen picture's text alternative are patterns that `describe.py` fills in;
the ones that name a count of controls are plural messages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..common.resources import resource_path
from ..document import Words

WORDS_DOMAIN = "guidepress"
WORDS_EXTRACT_COMMAND = (
    "pybabel extract -c TRANSLATORS: --project guidepress --copyright-holder 'guidepress authors' "
    "-o src/guidepress/resources/locales/guidepress.pot src/guidepress/l10n/words.py src/guidepress/serve/words.py"
)


# a project's own catalogs of the handout words (`locales/<locale>/LC_MESSAGES/guidepress.po`) are made
# from this template, which `guidepress words-template` (and `guidepress init`) writes into the project
PROJECT_WORDS_TEMPLATE = "locales/guidepress.pot"
WORDS_TEMPLATE_COMMAND = f"guidepress words-template -o {PROJECT_WORDS_TEMPLATE}"


def words_template_text() -> bytes:
    """The template of the handout words, as the package carries it."""
    return (words_locales_dir() / f"{WORDS_DOMAIN}.pot").read_bytes()


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


def screenshot_sentence(_: Callable[[str], str]) -> str:
    # TRANSLATORS: HTML edition. The first sentence of the text alternative
    # of a real screenshot (the author's picture of the product, whose
    # texts are in the image and cannot be read out).
    return _("A screenshot of the product.")


def marked_areas(ngettext: Callable[[str, str, int], str], n: int) -> str:
    # TRANSLATORS: HTML edition: what a step marks on a screenshot, put
    # into "Step {number}: {controls} is marked."; {count} is how many.
    return ngettext("one area of the picture", "{count} areas of the picture", n)


def avoided_areas_sentence(ngettext: Callable[[str, str, int], str], n: int) -> str:
    # TRANSLATORS: HTML edition: the areas a screenshot crosses out
    # ("Not this one" beside them); {count} is how many.
    return ngettext(
        "Do not choose the area that is crossed out.", "Do not choose the {count} areas that are crossed out.", n
    )


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
        # TRANSLATORS: boxes to type a one-time code in, a digit in each,
        # named by its label. (A box to type text in is "the field".)
        "code": _("the code field “{name}”"),
        # TRANSLATORS: boxes to type a one-time code in, without a label.
        "code_unnamed": _("the code field"),
        # TRANSLATORS: a field that shows a date, with a calendar to pick it.
        "date": _("the date field “{name}”"),
        # TRANSLATORS: an on/off switch, such as "Notify me by email".
        "switch": _("the switch “{name}”"),
        # TRANSLATORS: a drop-down list (a select box), named by its label, such as "Type".
        "dropdown": _("the drop-down list “{name}”"),
        # TRANSLATORS: a group of radio buttons (choose one), named by its label.
        "radio_group": _("the choices “{name}”"),
        # TRANSLATORS: one option of a drop-down list, such as "Sick leave".
        "option": _("the option “{name}”"),
        # TRANSLATORS: one radio button of a group (choose one).
        "radio": _("the radio button “{name}”"),
        # TRANSLATORS: one tab of a row of tabs, such as "Security".
        "tab": _("the tab “{name}”"),
        # TRANSLATORS: a row of tabs, as a whole.
        "tabs": _("the tabs"),
        # TRANSLATORS: a menu (top, side or bottom of the screen), as a whole.
        "menu": _("the menu"),
        # TRANSLATORS: one item of a menu, such as "Absence".
        "menu_item": _("the menu item “{name}”"),
        # TRANSLATORS: a row of buttons, as a whole.
        "buttons": _("the buttons"),
        # TRANSLATORS: a "Sign in as" list of accounts, as a whole.
        "accounts": _("the list of accounts"),
        # TRANSLATORS: a dialog (a small window over the page), named by its title.
        "dialog": _("the dialog “{name}”"),
        # TRANSLATORS: a dialog that has no title.
        "dialog_unnamed": _("the dialog"),
        # TRANSLATORS: grey bars standing for text the picture does not show.
        "skeleton": _("the grey lines"),
        # TRANSLATORS: a table, as a whole.
        "table": _("the table"),
        # TRANSLATORS: one row of a table, named by its first cell.
        "row": _("the row “{name}”"),
        # TRANSLATORS: a list of entries (such as the apps on a phone), as a whole.
        "list": _("the list"),
        # TRANSLATORS: one entry of a list, named by its title.
        "entry": _("the entry “{name}”"),
        # TRANSLATORS: a picture (such as a logo) on the screen.
        "image": _("the picture"),
        "qr_code": _("the QR code"),
        # TRANSLATORS: an icon with its caption beside it.
        "icon": _("the icon “{name}”"),
        # TRANSLATORS: an icon without a caption.
        "icon_unnamed": _("the icon"),
        # TRANSLATORS: a control of a kind that has no phrase of its own,
        # named by its label.
        "other": _("“{name}”"),
        # TRANSLATORS: a marked control ({control}, one of the phrases
        # above) with the short note the picture shows beside it.
        "note": _("{control} (with the note “{note}”)"),
    }

"""describe_view: a screen picture in words, for a reader who cannot see it.

"Screen: Account Settings. Step 6: the checkbox “I'm not a robot” and the choice “Reset
password” are marked." The sentences come from the translated screen and the step's
callouts, so they say what the picture says, in the reader's language: the handout words'
patterns (`words.py`), the product's own labels, and lists joined as the locale joins them
(Babel's `format_list`: "A, B and C", "A, B og C"). Every kind of element has its phrase
("the drop-down list “Type”", "the tab “Security”"); an item is named by what it is in
its element (an option of a drop-down list, a tab, a menu item). A picture that
consecutive steps share is described once, with each step's marks (`describe_block`). A
screenshot's regions have no words of their own (the product's text is in the image):
they are counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from babel import Locale
from babel.lists import format_list

from .. import document as doc
from .words import (
    avoided_areas_sentence,
    avoided_sentence,
    control_phrases,
    marked_areas,
    marked_sentence,
    screen_sentence,
    screenshot_sentence,
)

# Which phrase names a control of each kind ("the field “…”"); a kind not listed is named by its label alone.
PHRASE_OF_KIND = {
    "text_field": "field",
    "password_field": "field",
    "textarea": "field",
    "code_input": "code",
    "date_field": "date",
    "button": "button",
    "link": "link",
    "checkbox": "checkbox",
    "toggle": "switch",
    "choice_card": "choice",
    "select": "dropdown",
    "radio_group": "radio_group",
    "tabs": "tabs",
    "menu": "menu",
    "buttons": "buttons",
    "account": "account",
    "account_list": "accounts",
    "status_card": "message",
    "alert": "message",
    "section": "section",
    "dialog": "dialog",
    "heading": "text",
    "paragraph": "text",
    "divider": "text",
    "skeleton": "skeleton",
    "rows": "rows",
    "table": "table",
    "row": "row",
    "list": "list",
    "entry": "entry",
    "policy_list": "policy",
    "image": "image",
    "qr_code": "qr_code",
    "icon": "icon",
}
# An item is named by what it is in its element: an option of a drop-down list, a radio button, a tab, a menu item.
PHRASE_OF_ITEM = {"select": "option", "radio_group": "radio", "tabs": "tab", "menu": "menu_item"}
# Phrases that need no name: the element has no label of its own.
UNNAMED = {"policy", "rows", "tabs", "menu", "buttons", "accounts", "skeleton", "table", "list", "image", "qr_code"}

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]


def describe_view(view: doc.ScreenView, number: int, gettext: Gettext, ngettext: Ngettext, locale: Locale) -> str:
    """The text alternative of step `number`'s picture of `view`."""
    return describe_block([(number, view)], gettext, ngettext, locale)


def describe_block(
    views: Sequence[tuple[int, doc.ScreenView]], gettext: Gettext, ngettext: Ngettext, locale: Locale
) -> str:
    """The text alternative of one picture that the steps of `views` share (one step's, or several
    consecutive steps' on the same screen): the screen once, then each step's marks."""
    screen = views[0][1].screen
    phrases = _Phrases(gettext)
    widgets = {w.id: (w, parent) for w, parent in _walk(screen.widgets, "") if w.id}

    def named(callout: doc.Callout) -> str:
        widget, parent = widgets.get(callout.control, (None, ""))
        phrase = _phrase(widget, parent, callout.control, phrases)
        if callout.note and not callout.avoid:
            return phrases["note"].format(control=phrase, note=callout.note)
        return phrase

    if screen.kind == "screenshot":
        sentences = [screenshot_sentence(gettext)]
    else:
        sentences = [screen_sentence(gettext).format(name=screen_name(screen, locale))]
    for number, view in views:
        used = [c for c in view.callouts if not c.avoid]
        avoided = [c for c in view.callouts if c.avoid]
        if screen.kind == "screenshot":  # regions are places in an image: counted, not named
            if used:
                areas = marked_areas(ngettext, len(used)).format(count=len(used))
                sentences.append(marked_sentence(ngettext, len(used)).format(number=number, controls=areas))
            if avoided:
                sentences.append(avoided_areas_sentence(ngettext, len(avoided)).format(count=len(avoided)))
            continue
        if used:
            controls = format_list([named(c) for c in used], locale=locale)
            sentences.append(marked_sentence(ngettext, len(used)).format(number=number, controls=controls))
        if avoided:
            controls = format_list([named(c) for c in avoided], locale=locale)
            sentences.append(avoided_sentence(ngettext, len(avoided)).format(controls=controls))
    return " ".join(sentences)


def screen_name(screen: doc.ScreenSpec, locale: Locale) -> str:
    """What the reader calls the screen: the title of a dialog over it (what the reader looks at),
    else its heading, else its title (an app's, an email's subject, a window's), else its
    sections' titles, else the product or address, else the first text on it (a button's)."""
    for widget in screen.widgets:
        if widget.kind == "dialog" and widget.text:
            return widget.text
    for widget in screen.widgets:
        if widget.kind == "heading" and widget.text:
            return widget.text
    if screen.title:
        return screen.title
    sections = [w.text for w in screen.widgets if w.kind == "section" and w.text]
    if sections:
        return format_list(sections, locale=locale)
    if screen.behind is not None:  # a dialog without a title: the page it stands over
        return screen_name(screen.behind, locale)
    if screen.product or screen.address:
        return screen.product or screen.address
    # a window without a title (BankID's): its first words the reader sees, never its YAML id
    texts = [w.text for w, _ in _walk(screen.widgets, "") if w.text and w.kind not in ("icon", "image")]
    return texts[0] if texts else screen.id


class _Phrases:
    """The control phrases, each translated when first used: a picture names two or three kinds of
    control, and every handout describes a dozen pictures (only the phrases shown are looked up,
    and counted as shown)."""

    SOURCES = control_phrases(lambda text: text)

    def __init__(self, gettext: Gettext) -> None:
        self.gettext = gettext
        self.translated: dict[str, str] = {}

    def __getitem__(self, kind: str) -> str:
        if kind not in self.translated:
            self.translated[kind] = self.gettext(self.SOURCES[kind])
        return self.translated[kind]

    def __contains__(self, kind: str) -> bool:
        return kind in self.SOURCES


def _phrase(widget: doc.Widget | None, parent: str, control: str, phrases: _Phrases) -> str:
    if widget is None:
        return phrases["other"].format(name=control)
    kind = PHRASE_OF_ITEM.get(parent, "") if widget.kind == "option" else PHRASE_OF_KIND.get(widget.kind, "other")
    kind = kind or "other"
    name = widget.label or widget.text or widget.value or (widget.columns[0] if widget.columns else "")
    if kind == "code":  # its value is the digits typed, not a name
        name = widget.label
    if kind == "account" and widget.detail:
        return phrases["account_email"].format(name=name, email=widget.detail)
    if kind in UNNAMED:
        return phrases[kind]
    if not name:  # a dialog without a title, an icon without a caption, a date field without a label
        unnamed = f"{kind}_unnamed"
        return phrases[unnamed] if unnamed in phrases else phrases["other"].format(name=control)
    return phrases[kind].format(name=name)


def _walk(widgets: tuple[doc.Widget, ...], parent: str) -> Iterator[tuple[doc.Widget, str]]:
    """Every widget with the kind of the element it is an item of ("" at the top)."""
    for widget in widgets:
        yield widget, parent
        yield from _walk(widget.items, widget.kind)

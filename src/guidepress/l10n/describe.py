"""describe_view: a screen picture in words, for a reader who cannot see it.

"Screen: Account Settings. Step 6: the checkbox “I'm not a robot” and the choice “Reset
password” are marked." The sentences come from the translated screen and the step's
callouts, so they say what the picture says, in the reader's language: the handout words'
patterns (`words.py`), the product's own labels, and lists joined as the locale joins them
(Babel's `format_list`: "A, B and C", "A, B og C").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from babel import Locale
from babel.lists import format_list

from .. import document as doc
from .words import avoided_sentence, control_phrases, marked_sentence, screen_sentence

# Which phrase names a control of each kind ("the field “…”"); a kind not listed is named by its label alone.
PHRASE_OF_KIND = {
    "text_field": "field",
    "password_field": "field",
    "button": "button",
    "link": "link",
    "checkbox": "checkbox",
    "choice_card": "choice",
    "account": "account",
    "status_card": "message",
    "section": "section",
    "heading": "text",
    "paragraph": "text",
    "divider": "text",
    "rows": "rows",
    "policy_list": "policy",
}


def describe_view(
    view: doc.ScreenView,
    number: int,
    gettext: Callable[[str], str],
    ngettext: Callable[[str, str, int], str],
    locale: Locale,
) -> str:
    """The text alternative of step `number`'s picture of `view`."""
    phrases = control_phrases(gettext)
    widgets = {w.id: w for w in _walk(view.screen.widgets)}

    def named(callout: doc.Callout) -> str:
        phrase = _phrase(widgets.get(callout.control), callout.control, phrases)
        if callout.note and not callout.avoid:
            return phrases["note"].format(control=phrase, note=callout.note)
        return phrase

    sentences = [screen_sentence(gettext).format(name=screen_name(view.screen, locale))]
    used = [named(c) for c in view.callouts if not c.avoid]
    avoided = [named(c) for c in view.callouts if c.avoid]
    if used:
        controls = format_list(used, locale=locale)
        sentences.append(marked_sentence(ngettext, len(used)).format(number=number, controls=controls))
    if avoided:
        controls = format_list(avoided, locale=locale)
        sentences.append(avoided_sentence(ngettext, len(avoided)).format(controls=controls))
    return " ".join(sentences)


def screen_name(screen: doc.ScreenSpec, locale: Locale) -> str:
    """What the reader calls the screen: its heading, else its sections' titles, else the product."""
    for widget in screen.widgets:
        if widget.kind == "heading" and widget.text:
            return widget.text
    sections = [w.text for w in screen.widgets if w.kind == "section" and w.text]
    if sections:
        return format_list(sections, locale=locale)
    return screen.product or screen.address or screen.id


def _phrase(widget: doc.Widget | None, control: str, phrases: dict[str, str]) -> str:
    if widget is None:
        return phrases["other"].format(name=control)
    name = widget.label or widget.text or widget.value or control
    kind = PHRASE_OF_KIND.get(widget.kind, "other")
    if kind == "account" and widget.detail:
        return phrases["account_email"].format(name=name, email=widget.detail)
    return phrases[kind].format(name=name)


def _walk(widgets: tuple[doc.Widget, ...]) -> Iterator[doc.Widget]:
    for widget in widgets:
        yield widget
        yield from _walk(widget.items)

"""A guide's screens in the reader's language: each element becomes a `document.Widget`.

Every text goes through the catalog with the "ui" context and is recorded with the message
it came from (`Widget.sources`), so that a text that does not fit its element is traced
back to its catalog entry. Dates are formatted by Babel for the locale (a date field shows
"16.03.2026" in Norwegian and "3/16/26" in English, its calendar starts the week on the
locale's first day); images and screenshots show the locale's variant of the file.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from babel import Locale

from .. import document as doc
from ..errors import Location
from ..source.assets import AssetFile
from ..source.elements import Element, Item, walk_elements
from ..source.located import LocStr
from ..source.messages import texts_in
from ..source.model import AnyScreen, EmailScreen, Guide, Mark, PolicyRule, Screenshot
from .translator import Translator, fallback_chain
from .widgets import Texts, translate_widget


class GuideTranslator(Protocol):
    """What the screens need of `translate.GuideTranslator`: the guide, the locale, its texts."""

    guide: Guide
    t: Translator
    locale: Locale

    def text(self, template: str, **extra: str) -> str: ...
    def ui(self, text: str) -> str: ...
    def gettext(self, text: str) -> str: ...
    def format_datetime(self, when: dt.datetime) -> str: ...
    def number(self, n: int) -> str: ...
    def policy_rule(self, rule: PolicyRule) -> str: ...


class ScreenTranslator:
    """Translates the screens of one guide for one `GuideTranslator` (its locale and values)."""

    def __init__(self, gt: GuideTranslator) -> None:
        self.gt = gt
        self.chain = fallback_chain(gt.t.locale)
        self.translated: dict[str, doc.ScreenSpec | None] = {}

    def view(
        self,
        screen_name: str,
        number: int,
        marks: Sequence[LocStr | Mark],
        avoid: Sequence[LocStr],
        avoid_note: str,
    ) -> doc.ScreenView | None:
        """A step's screen with its callouts, or None when the step shows none (or an empty screenshot slot)."""
        if not screen_name:
            return None
        spec = self.screen(screen_name)
        if spec is None:
            return None
        callouts = [
            doc.Callout(
                control=m.control if isinstance(m, Mark) else m,
                label=str(number),
                note=self.gt.text(self.gt.gettext(m.note)) if isinstance(m, Mark) and m.note else "",
            )
            for m in marks
        ]
        callouts += [doc.Callout(control=a, label=str(number), note=avoid_note, avoid=True) for a in avoid]
        return doc.ScreenView(spec, tuple(callouts))

    def picture(self, name: str) -> doc.Picture | None:
        asset = self.gt.guide.assets.get(name)
        found: AssetFile | None = asset.for_locales(self.chain) if asset else None
        if found is None:
            return None
        return doc.Picture(found.path, found.format, found.width, found.height)

    def screen(self, name: str) -> doc.ScreenSpec | None:
        """The screen translated (once per handout: steps on the same screen share it)."""
        if name not in self.translated:
            self.translated[name] = self._screen(name)
        return self.translated[name]

    def _screen(self, name: str) -> doc.ScreenSpec | None:
        screen = self.gt.guide.screens[name]
        if isinstance(screen, Screenshot):
            picture = self.picture(screen.image)
            asset = self.gt.guide.assets.get(screen.image)
            if picture is None or asset is None:
                return None  # an optional slot without its image: the step reads as text
            source = asset.source or asset.for_locales(self.chain)
            assert source is not None
            regions = tuple(doc.Region(rid, r.x, r.y, r.width, r.height) for rid, r in screen.regions.items())
            return doc.ScreenSpec(
                id=name,
                layout="",
                product="",
                address="",
                user="",
                widgets=(),
                kind="screenshot",
                width=float(screen.width),
                picture=picture,
                source_size=(source.width, source.height),
                regions=regions,
            )
        sources: list[tuple[str, str]] = []
        tr = self._tr(sources)
        widgets = tuple(self.widget(e) for e in screen.elements)
        behind = getattr(screen, "behind", "")
        kind = screen.kind
        date = ""
        if isinstance(screen, EmailScreen) and screen.date is not None:
            date = self.gt.format_datetime(screen.date)
        return doc.ScreenSpec(
            id=name,
            layout=screen.layout,
            product=getattr(screen, "product", ""),
            address=self.gt.text(getattr(screen, "address", "")),
            user=self.gt.text(getattr(screen, "user", "")),
            widgets=widgets,
            kind=kind,
            title=tr(getattr(screen, "title", "") or getattr(screen, "subject", "")),
            sender=self.gt.text(getattr(screen, "sender", "")),
            sender_address=self.gt.text(getattr(screen, "sender_address", "")),
            date=date,
            sources=tuple(sources),
            behind=self.screen(behind) if behind else None,
        )

    def _tr(self, sources: list[tuple[str, str]]) -> Callable[[str], str]:
        return Texts(self.gt, self.picture, (), sources).ui

    def widget(self, element: Element) -> doc.Widget:
        """The element translated by its kind's function (l10n/widgets.py); its `sources` name the
        message behind each text it shows."""
        policy = self.gt.guide.password_policy
        return translate_widget(Texts(self.gt, self.picture, policy.rules if policy else ()), element)


def find_element(screens: Mapping[str, AnyScreen], screen_name: str, element_id: str) -> Element | Item:
    """An element or item of a screen by id, for `{screen.element}` in a text."""
    for element in walk_elements(getattr(screens[screen_name], "elements", ())):
        if element.id == element_id:
            return element
    raise KeyError(element_id)


# The texts a screen's frame shows, by the name a layout gives them, and the screen's fields they come from.
FRAME_TEXTS = {
    "address": ("address",),
    "product": ("product",),
    "user": ("user",),
    "title": ("title",),
    "subject": ("subject",),
    "sender": ("sender", "sender_address"),
}


def text_location(guide: Guide, screen_id: str, element_id: str, msgid: str | None, shown: str) -> Location:
    """Where a text a screen shows stands in the guide: the element's (or, for the frame's address,
    title or sender, the screen's) field whose message is `msgid`, or, for a text that is no message
    (an address, a name), whose template gives the text shown; else the element, else the screen."""
    screen = guide.screens.get(screen_id)
    if screen is None:
        return guide.loc
    element = next((e for e in walk_elements(getattr(screen, "elements", ())) if e.id == element_id), None)
    if element is not None:
        texts, fallback = [t for t in texts_in(element) if t and isinstance(t, LocStr)], element.loc
    else:
        texts = [t for name in FRAME_TEXTS.get(element_id, ()) if isinstance(t := getattr(screen, name, ""), LocStr)]
        fallback = screen.loc
    if msgid is not None:
        found = next((t for t in texts if t == msgid), None)
    else:  # the template with the most text of its own that the shown text fits
        fits = [t for t in texts if _fits(t, shown)]
        found = max(fits, key=lambda t: len(_literal_text(t) or ""), default=None)
    return found.loc if found is not None else fallback


def _literal_text(template: str) -> str | None:
    """The template's literal text (placeholders left out), or None for a broken template."""
    try:
        return "".join(literal for literal, _name, _spec, _conv in string.Formatter().parse(template))
    except ValueError:
        return None


def _fits(template: str, shown: str) -> bool:
    """The text shown is the template with its placeholders filled."""
    try:
        parts = [(literal, name) for literal, name, _spec, _conv in string.Formatter().parse(template)]
    except ValueError:
        return False
    regex = "".join(re.escape(literal) + (".*" if name is not None else "") for literal, name in parts)
    return re.fullmatch(regex, shown, re.DOTALL) is not None

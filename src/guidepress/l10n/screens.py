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
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from babel import Locale
from babel.dates import format_date, format_skeleton, get_day_names

from .. import document as doc
from ..errors import Location
from ..source.assets import AssetFile
from ..source.elements import walk_elements
from ..source.located import LocStr
from ..source.messages import is_message, texts_in
from ..source.model import Guide, Mark, PolicyRule, Screenshot
from .translator import Translator, fallback_chain


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


# The element kinds `ScreenTranslator._widget` translates; those of TEXT_KINDS are a text, a style
# and a check mark (tests/test_widgets.py checks this against the source model and the describe phrases).
TEXT_KINDS = frozenset({"heading", "paragraph", "divider", "link", "checkbox"})
WIDGET_KINDS = TEXT_KINDS | {
    "section", "dialog", "text_field", "password_field", "textarea", "button", "buttons", "choice_card", "alert",
    "select", "radio_group", "tabs", "menu", "toggle", "date_field", "code_input", "skeleton", "rows", "table",
    "status_card", "account_list", "list", "policy_list", "image", "qr_code", "icon",
}  # fmt: skip


class ScreenTranslator:
    """Translates the screens of one guide for one `GuideTranslator` (its locale and values)."""

    def __init__(self, gt: GuideTranslator) -> None:
        self.gt = gt
        self.chain = fallback_chain(gt.t.locale)
        self.translated: dict[str, doc.ScreenSpec | None] = {}

    def view(self, screen_name: str, number: int, marks, avoid, avoid_note: str) -> doc.ScreenView | None:  # type: ignore[no-untyped-def]
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
        if kind == "email" and screen.date is not None:
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
        def tr(source: str) -> str:
            if not source:
                return ""
            shown = self.gt.text(self.gt.ui(source))
            if is_message(source):  # "{user_email}" alone is data, not a catalog's text
                sources.append((shown, source))
            return shown

        return tr

    def widget(self, element) -> doc.Widget:  # type: ignore[no-untyped-def]
        """The element translated; its `sources` name the message behind each text it shows."""
        sources: list[tuple[str, str]] = []
        widget = self._widget(element, sources)
        return replace(widget, sources=tuple(sources))

    def _widget(self, element, sources: list[tuple[str, str]]) -> doc.Widget:  # type: ignore[no-untyped-def]
        kind = element.type
        tr = self._tr(sources)
        common = {"id": element.id, "kind": kind}

        def options(items, selected: str = "") -> tuple[doc.Widget, ...]:  # type: ignore[no-untyped-def]
            return tuple(
                doc.Widget(
                    id=o.id,
                    kind="option",
                    text=tr(o.text),
                    detail=tr(o.detail),
                    icon=_icon(o.icon),
                    checked=bool(selected) and o.id == selected,
                )
                for o in items
            )

        if kind in ("section", "dialog"):
            items = tuple(self._widget(e, sources) for e in element.elements)
            return doc.Widget(**common, text=tr(element.title), items=items, checked=getattr(element, "close", False))
        if kind == "text_field":
            return doc.Widget(
                **common,
                label=tr(element.label),
                value=tr(element.value),
                detail=tr(element.placeholder),
                icon=_icon(element.icon),
            )
        if kind == "password_field":
            return doc.Widget(**common, label=tr(element.label), checked=element.filled)
        if kind == "textarea":
            return doc.Widget(
                **common,
                label=tr(element.label),
                value=tr(element.value),
                detail=tr(element.placeholder),
                number=element.lines,
            )
        if kind == "button":
            return doc.Widget(**common, text=tr(element.text), style=element.style, icon=_icon(element.icon))
        if kind == "buttons":
            items = tuple(
                doc.Widget(id=b.id, kind="button", text=tr(b.text), style=b.style, icon=_icon(b.icon))
                for b in element.buttons
            )
            return doc.Widget(**common, items=items, style="start" if element.align == "left" else "end")
        if kind == "choice_card":
            return doc.Widget(**common, text=tr(element.title), detail=tr(element.text), icon=_icon(element.icon))
        if kind == "alert":
            return doc.Widget(**common, text=tr(element.title), detail=tr(element.text), style=element.tone)
        if kind in ("select", "radio_group"):
            return doc.Widget(
                **common,
                label=tr(element.label),
                detail=tr(getattr(element, "placeholder", "")),
                items=options(element.options, element.selected),
                checked=getattr(element, "open", False),
            )
        if kind == "tabs":
            return doc.Widget(**common, items=options(element.tabs, element.selected))
        if kind == "menu":
            return doc.Widget(**common, items=options(element.items, element.selected), style=element.placement)
        if kind == "toggle":
            return doc.Widget(**common, text=tr(element.text), detail=tr(element.detail), checked=element.checked)
        if kind == "date_field":
            return self._date_field(element, common, tr)
        if kind == "code_input":
            return doc.Widget(**common, label=tr(element.label), value=str(element.value), number=element.length)
        if kind == "skeleton":
            return doc.Widget(**common, number=element.lines)
        if kind == "rows":
            rows = tuple((tr(r.label), tr(r.link or r.value), bool(r.link)) for r in element.rows)
            return doc.Widget(**common, rows=rows)
        if kind == "table":
            rows = tuple(doc.Widget(id=r.id, kind="row", columns=tuple(tr(c) for c in r.cells)) for r in element.rows)
            return doc.Widget(**common, columns=tuple(tr(c) for c in element.columns), items=rows)
        if kind == "status_card":
            date = ""
            if element.date is not None:
                date = self.gt.text(self.gt.ui(element.date_label), date=self.gt.format_datetime(element.date))
                sources.append((date, element.date_label))
            return doc.Widget(**common, text=tr(element.title), detail=tr(element.text), value=date)
        if kind == "account_list":
            accounts = tuple(
                doc.Widget(id=a.id, kind="account", text=tr(a.name), detail=tr(a.email)) for a in element.accounts
            )
            return doc.Widget(**common, items=accounts)
        if kind == "list":
            entries = tuple(
                doc.Widget(
                    id=e.id,
                    kind="entry",
                    text=tr(e.title),
                    detail=tr(e.text),
                    value=self.gt.text(e.code),
                    icon=_icon(e.icon),
                    checked=e.opens,
                )
                for e in element.items
            )
            return doc.Widget(**common, items=entries)
        if kind == "policy_list":
            rules = []
            for r in self.gt.guide.password_policy.rules:
                text = self.gt.policy_rule(r)
                sources.append((text, r.text))
                rules.append(doc.Widget(id=r.id, kind="rule", text=text))
            return doc.Widget(**common, items=tuple(rules))
        if kind == "image":
            return doc.Widget(**common, picture=self.picture(element.file), number=element.width, style=element.align)
        if kind == "qr_code":
            return doc.Widget(**common, value=self.gt.text(element.data), number=element.size, style=element.align)
        if kind == "icon":
            return doc.Widget(
                **common, icon=element.icon, text=tr(element.text), number=element.size, style=element.align
            )
        if kind in TEXT_KINDS:
            return doc.Widget(
                **common,
                text=tr(getattr(element, "text", "")),
                style=getattr(element, "style", ""),
                checked=getattr(element, "checked", False),
            )
        # a kind added to the source model without its translation here: never dropped in silence
        raise TypeError(f"no translation for element kind {kind!r}; add it to ScreenTranslator._widget")

    def _date_field(self, element, common: dict[str, str], tr: Callable[[str], str]) -> doc.Widget:  # type: ignore[no-untyped-def]
        locale = self.gt.locale
        day: dt.date = element.date
        shown = format_date(day, "short", locale=locale)
        if not element.open:
            return doc.Widget(**common, label=tr(element.label), value=shown)
        import calendar  # only an open date field needs it (and `locale`, which it imports)

        first = locale.first_week_day  # 0 is Monday
        names = get_day_names("narrow", "stand-alone", locale)
        weekdays = tuple(names[(first + i) % 7] for i in range(7))
        weeks = calendar.Calendar(firstweekday=first).monthdayscalendar(day.year, day.month)
        items = tuple(
            doc.Widget(id="", kind="week", columns=tuple(self.gt.number(d) if d else "" for d in week))
            for week in weeks
        )
        return doc.Widget(
            **common,
            label=tr(element.label),
            value=shown,
            checked=True,
            detail=format_skeleton("yMMMM", day, locale=locale),
            columns=weekdays,
            items=items,
            text=self.gt.number(day.day),
        )


def _icon(name: str) -> str:
    return "" if name == "none" else name


def find_element(screens: dict, screen_name: str, element_id: str):  # type: ignore[no-untyped-def, type-arg]
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

"""Each kind of screen element in the reader's language: one function per kind, registered for its class.

`translate_widget` turns a source element into a `document.Widget` through the function registered
for the element's class with `@translates`; a class without one is an error, never a silent default.
The functions are grouped as `mockup/widgets/` lays the widgets out (containers, content, controls,
data). Every text goes through `Texts.ui`, which records the message it came from (`Widget.sources`).
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypeVar

from babel import Locale
from babel.dates import format_date, format_skeleton, get_day_names

from .. import document as doc
from ..source.controls import (
    Button,
    Buttons,
    Checkbox,
    ChoiceCard,
    CodeInput,
    DateField,
    Link,
    Option,
    PasswordField,
    RadioGroup,
    Select,
    Textarea,
    TextField,
    Toggle,
)
from ..source.elements import (
    AccountList,
    Alert,
    Dialog,
    Divider,
    EntryList,
    Heading,
    Icon,
    Image,
    Menu,
    Paragraph,
    PolicyList,
    QrCode,
    Rows,
    Section,
    Skeleton,
    StatusCard,
    Table,
    Tabs,
)
from ..source.messages import is_message
from ..source.model import PolicyRule


class WidgetTexts(Protocol):
    """What the widgets need of the guide's translator: its locale, its texts, its numbers and dates."""

    @property
    def locale(self) -> Locale: ...
    def text(self, template: str, **extra: str) -> str: ...
    def ui(self, text: str) -> str: ...
    def format_datetime(self, when: dt.datetime) -> str: ...
    def number(self, n: int) -> str: ...
    def policy_rule(self, rule: PolicyRule) -> str: ...


@dataclass
class Texts:
    """One element's translation at work: the translator, the pictures, and each text's message."""

    gt: WidgetTexts
    picture: Callable[[str], doc.Picture | None]
    policy_rules: tuple[PolicyRule, ...]
    sources: list[tuple[str, str]] = field(default_factory=list)

    def ui(self, source: str) -> str:
        """A UI message in the reader's language, its placeholders filled, remembered with its message."""
        if not source:
            return ""
        shown = self.gt.text(self.gt.ui(source))
        if is_message(source):  # "{user_email}" alone is data, not a catalog's text
            self.sources.append((shown, source))
        return shown

    def widget(self, element: Any) -> doc.Widget:
        """An element inside this one (a section's), its texts recorded with this one's."""
        return _translation(element)(self, element)


E = TypeVar("E")
Translation = Callable[[Texts, E], doc.Widget]
TRANSLATIONS: dict[type, Translation[Any]] = {}


def translates(cls: type[E]) -> Callable[[Translation[E]], Translation[E]]:
    """Register the function that translates the elements of `cls`."""

    def register(function: Translation[E]) -> Translation[E]:
        TRANSLATIONS[cls] = function
        return function

    return register


def kind_of(cls: type) -> str:
    """The `type:` a class of elements has in a guide (its `type` field's one literal)."""
    (kind,) = typing.get_args(typing.get_type_hints(cls)["type"])
    return str(kind)


def translate_widget(texts: Texts, element: Any) -> doc.Widget:
    """The element translated; its `sources` name the message behind each text it shows."""
    widget = _translation(element)(texts, element)
    return replace(widget, sources=tuple(texts.sources))


def _translation(element: Any) -> Translation[Any]:
    translation = TRANSLATIONS.get(type(element))
    if translation is None:
        kind = getattr(element, "type", type(element).__name__)
        raise TypeError(f"no translation for element kind {kind!r}; register one with @translates in l10n/widgets.py")
    return translation


class _Element(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def type(self) -> str: ...


def _made(element: _Element, **fields: Any) -> doc.Widget:
    """The widget of an element: its id and kind, and the fields its translation fills."""
    return doc.Widget(id=element.id, kind=element.type, **fields)


def _icon(name: str) -> str:
    return "" if name == "none" else name


def _options(texts: Texts, items: Iterable[Option], selected: str = "") -> tuple[doc.Widget, ...]:
    return tuple(
        doc.Widget(
            id=o.id,
            kind="option",
            text=texts.ui(o.text),
            detail=texts.ui(o.detail),
            icon=_icon(o.icon),
            checked=bool(selected) and o.id == selected,
        )
        for o in items
    )


# containers (mockup/widgets/containers.py)


@translates(Section)
def _section(texts: Texts, e: Section) -> doc.Widget:
    items = tuple(texts.widget(child) for child in e.elements)
    return _made(e, text=texts.ui(e.title), items=items)


@translates(Dialog)
def _dialog(texts: Texts, e: Dialog) -> doc.Widget:
    items = tuple(texts.widget(child) for child in e.elements)
    return _made(e, text=texts.ui(e.title), items=items, checked=e.close)


@translates(Alert)
def _alert(texts: Texts, e: Alert) -> doc.Widget:
    return _made(e, text=texts.ui(e.title), detail=texts.ui(e.text), style=e.tone)


@translates(ChoiceCard)
def _choice_card(texts: Texts, e: ChoiceCard) -> doc.Widget:
    return _made(e, text=texts.ui(e.title), detail=texts.ui(e.text), icon=_icon(e.icon))


@translates(StatusCard)
def _status_card(texts: Texts, e: StatusCard) -> doc.Widget:
    date = ""
    if e.date is not None:
        date = texts.gt.text(texts.gt.ui(e.date_label), date=texts.gt.format_datetime(e.date))
        texts.sources.append((date, e.date_label))
    return _made(e, text=texts.ui(e.title), detail=texts.ui(e.text), value=date)


# content (mockup/widgets/content.py)


@translates(Heading)
def _heading(texts: Texts, e: Heading) -> doc.Widget:
    return _made(e, text=texts.ui(e.text))


@translates(Paragraph)
def _paragraph(texts: Texts, e: Paragraph) -> doc.Widget:
    return _made(e, text=texts.ui(e.text))


@translates(Divider)
def _divider(texts: Texts, e: Divider) -> doc.Widget:
    return _made(e, text=texts.ui(e.text))


@translates(Skeleton)
def _skeleton(texts: Texts, e: Skeleton) -> doc.Widget:
    return _made(e, number=e.lines)


@translates(Image)
def _image(texts: Texts, e: Image) -> doc.Widget:
    return _made(e, picture=texts.picture(e.file), number=e.width, style=e.align)


@translates(QrCode)
def _qr_code(texts: Texts, e: QrCode) -> doc.Widget:
    return _made(e, value=texts.gt.text(e.data), number=e.size, style=e.align)


@translates(Icon)
def _icon_element(texts: Texts, e: Icon) -> doc.Widget:
    return _made(e, icon=e.icon, text=texts.ui(e.text), number=e.size, style=e.align)


# controls (mockup/widgets/controls.py)


@translates(TextField)
def _text_field(texts: Texts, e: TextField) -> doc.Widget:
    return _made(
        e,
        label=texts.ui(e.label),
        value=texts.ui(e.value),
        detail=texts.ui(e.placeholder),
        icon=_icon(e.icon),
    )


@translates(PasswordField)
def _password_field(texts: Texts, e: PasswordField) -> doc.Widget:
    return _made(e, label=texts.ui(e.label), checked=e.filled)


@translates(Textarea)
def _textarea(texts: Texts, e: Textarea) -> doc.Widget:
    return _made(e, label=texts.ui(e.label), value=texts.ui(e.value), detail=texts.ui(e.placeholder), number=e.lines)


@translates(Button)
def _button(texts: Texts, e: Button) -> doc.Widget:
    return _made(e, text=texts.ui(e.text), style=e.style, icon=_icon(e.icon))


@translates(Buttons)
def _buttons(texts: Texts, e: Buttons) -> doc.Widget:
    items = tuple(
        doc.Widget(id=b.id, kind="button", text=texts.ui(b.text), style=b.style, icon=_icon(b.icon)) for b in e.buttons
    )
    return _made(e, items=items, style="start" if e.align == "left" else "end")


@translates(Link)
def _link(texts: Texts, e: Link) -> doc.Widget:
    return _made(e, text=texts.ui(e.text))


@translates(Checkbox)
def _checkbox(texts: Texts, e: Checkbox) -> doc.Widget:
    return _made(e, text=texts.ui(e.text), checked=e.checked)


@translates(Select)
def _select(texts: Texts, e: Select) -> doc.Widget:
    return _made(
        e,
        label=texts.ui(e.label),
        detail=texts.ui(e.placeholder),
        items=_options(texts, e.options, e.selected),
        checked=e.open,
    )


@translates(RadioGroup)
def _radio_group(texts: Texts, e: RadioGroup) -> doc.Widget:
    return _made(e, label=texts.ui(e.label), items=_options(texts, e.options, e.selected))


@translates(Tabs)
def _tabs(texts: Texts, e: Tabs) -> doc.Widget:
    return _made(e, items=_options(texts, e.tabs, e.selected))


@translates(Menu)
def _menu(texts: Texts, e: Menu) -> doc.Widget:
    return _made(e, items=_options(texts, e.items, e.selected), style=e.placement)


@translates(Toggle)
def _toggle(texts: Texts, e: Toggle) -> doc.Widget:
    return _made(e, text=texts.ui(e.text), detail=texts.ui(e.detail), checked=e.checked)


@translates(CodeInput)
def _code_input(texts: Texts, e: CodeInput) -> doc.Widget:
    return _made(e, label=texts.ui(e.label), value=str(e.value), number=e.length)


@translates(DateField)
def _date_field(texts: Texts, e: DateField) -> doc.Widget:
    """A date in the locale's short form; open, the month's calendar starting on the locale's first day."""
    locale = texts.gt.locale
    day: dt.date = e.date
    shown = format_date(day, "short", locale=locale)
    if not e.open:
        return _made(e, label=texts.ui(e.label), value=shown)
    import calendar  # only an open date field needs it (and `locale`, which it imports)

    first = locale.first_week_day  # 0 is Monday
    names = get_day_names("narrow", "stand-alone", locale)
    weekdays = tuple(names[(first + i) % 7] for i in range(7))
    weeks = calendar.Calendar(firstweekday=first).monthdayscalendar(day.year, day.month)
    items = tuple(
        doc.Widget(id="", kind="week", columns=tuple(texts.gt.number(d) if d else "" for d in week)) for week in weeks
    )
    return _made(
        e,
        label=texts.ui(e.label),
        value=shown,
        checked=True,
        detail=format_skeleton("yMMMM", day, locale=locale),
        columns=weekdays,
        items=items,
        text=texts.gt.number(day.day),
    )


# data (mockup/widgets/data.py)


@translates(Rows)
def _rows(texts: Texts, e: Rows) -> doc.Widget:
    rows = tuple((texts.ui(r.label), texts.ui(r.link or r.value), bool(r.link)) for r in e.rows)
    return _made(e, rows=rows)


@translates(Table)
def _table(texts: Texts, e: Table) -> doc.Widget:
    rows = tuple(doc.Widget(id=r.id, kind="row", columns=tuple(texts.ui(c) for c in r.cells)) for r in e.rows)
    return _made(e, columns=tuple(texts.ui(c) for c in e.columns), items=rows)


@translates(AccountList)
def _account_list(texts: Texts, e: AccountList) -> doc.Widget:
    accounts = tuple(
        doc.Widget(id=a.id, kind="account", text=texts.ui(a.name), detail=texts.ui(a.email)) for a in e.accounts
    )
    return _made(e, items=accounts)


@translates(EntryList)
def _entry_list(texts: Texts, e: EntryList) -> doc.Widget:
    entries = tuple(
        doc.Widget(
            id=entry.id,
            kind="entry",
            text=texts.ui(entry.title),
            detail=texts.ui(entry.text),
            value=texts.gt.text(entry.code),
            icon=_icon(entry.icon),
            checked=entry.opens,
        )
        for entry in e.items
    )
    return _made(e, items=entries)


@translates(PolicyList)
def _policy_list(texts: Texts, e: PolicyList) -> doc.Widget:
    rules = []
    for rule in texts.policy_rules:
        text = texts.gt.policy_rule(rule)
        texts.sources.append((text, rule.text))
        rules.append(doc.Widget(id=rule.id, kind="rule", text=text))
    return _made(e, items=tuple(rules))


WIDGET_KINDS = frozenset(kind_of(cls) for cls in TRANSLATIONS)

"""The elements a drawn screen is made of: frozen dataclasses that are also the schema.

The inputs, buttons and choices are in `controls.py`; the rest, and the union of them all
(`Leaf`, `Element`), are here.

Every element has an `id` (steps point at it) and a `type`; every text an element shows is
a UI message (context "ui"), unless its field says it is data (a code, a QR code's text).
Items inside an element that a step can point at (options, tabs, menu items, accounts,
table rows, list entries, buttons in a row) have ids of their own, unique on the screen.

The classes are `records.record`s: frozen dataclasses compared by identity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import field
from typing import Literal, Union

from ..common.records import record
from ..errors import Location
from .controls import (
    Button,
    ButtonItem,
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
from .located import LocStr, OptionalText
from .vocabulary import Align, IconName, OptionalIcon, doc, ui


@record
class Heading:
    """A heading on the screen."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen; steps point at it."))
    type: Literal["heading"]
    text: LocStr = field(metadata=ui("The heading's text."))


@record
class Paragraph:
    """A paragraph of the product's text."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["paragraph"]
    text: LocStr = field(metadata=ui("The paragraph's text."))


@record
class Divider:
    """A horizontal rule with a word in the middle (e.g. "OR")."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["divider"]
    text: OptionalText = field(default="", metadata=ui("The word on the rule."))


@record
class Alert:
    """A message box (a banner) in the tone of an error, a warning, information or success."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["alert"]
    text: LocStr = field(metadata=ui("The message."))
    title: OptionalText = field(default="", metadata=ui("A bold first line."))
    tone: Literal["error", "warning", "info", "success"] = field(
        default="info", metadata=doc("Its colour and icon: error ⊗, warning ⚠, info ⓘ, success ✓.")
    )


@record
class Skeleton:
    """Grey bars standing for text whose exact wording the guide does not claim."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["skeleton"]
    lines: int = field(default=3, metadata=doc("How many lines of text the bars stand for.", minimum=1, maximum=20))


@record
class Row:
    """One label/value row; the value may be a link instead."""

    loc: Location
    label: LocStr = field(metadata=ui("The row's label."))
    value: OptionalText = field(default="", metadata=ui("The row's value."))
    link: OptionalText = field(default="", metadata=ui("A link shown as the value."))


@record
class Rows:
    """Label/value rows, as in an account block."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["rows"]
    rows: tuple[Row, ...] = field(metadata=doc("The rows, top to bottom."))


@record
class TableRow:
    """One row of a table."""

    loc: Location
    cells: tuple[LocStr, ...] = field(metadata=ui("The row's cells, one per column."))
    id: OptionalText = field(default="", metadata=doc("Give the row an id for steps to point at it."))


@record
class Table:
    """A table with a heading row."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["table"]
    columns: tuple[LocStr, ...] = field(metadata=ui("The columns' headings."))
    rows: tuple[TableRow, ...] = field(metadata=doc("The rows, top to bottom."))


@record
class StatusCard:
    """A status with a title, a text and a date formatted for the reader's locale."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["status_card"]
    title: LocStr = field(metadata=ui("The status's title."))
    text: OptionalText = field(default="", metadata=ui("The status's explanation."))
    date: dt.datetime | None = field(default=None, metadata=doc("A date and time (UTC unless given)."))
    date_label: str = field(default="{date}", metadata=ui("How the date is shown; {date} is the formatted date."))


@record
class Account:
    """One account in an account list."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen; steps point at it."))
    name: LocStr = field(metadata=ui("The account's name."))
    email: OptionalText = field(default="", metadata=ui("The account's email address."))


@record
class AccountList:
    """A list of accounts to choose from (a "Sign in as" chooser)."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["account_list"]
    accounts: tuple[Account, ...] = field(metadata=doc("The accounts, top to bottom."))


@record
class ListEntry:
    """One entry of a list."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen; steps point at it."))
    title: LocStr = field(metadata=ui("The entry's bold first line."))
    text: OptionalText = field(default="", metadata=ui("A second line."))
    code: OptionalText = field(
        default="", metadata=doc("A one-time code shown large (data, not translated).", "template")
    )
    icon: OptionalIcon = field(default="none", metadata=doc("An icon before the entry."))
    opens: bool = field(default=False, metadata=doc("Draw a chevron: the entry opens something."))


@record
class EntryList:
    """Entries one under another, as in a phone app or a settings list."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["list"]
    items: tuple[ListEntry, ...] = field(metadata=doc("The entries, top to bottom."))


@record
class PolicyList:
    """The guide's password policy as the product lists it."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["policy_list"]


@record
class Tabs:
    """Tabs on a line; the chosen one is underlined."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["tabs"]
    tabs: tuple[Option, ...] = field(metadata=doc("The tabs, left to right."))
    selected: OptionalText = field(default="", metadata=doc("The id of the open tab."))


@record
class Menu:
    """A navigation menu: a bar under the top of the screen, a column down its left side, or a
    phone app's tab bar at the bottom."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["menu"]
    items: tuple[Option, ...] = field(metadata=doc("The menu's items (each may have an icon)."))
    placement: Literal["top", "side", "bottom"] = field(default="top", metadata=doc("Where the menu stands."))
    selected: OptionalText = field(default="", metadata=doc("The id of the current item."))


@record
class Image:
    """A picture from the project's assets/ folder (PNG, JPEG or SVG): a logo, an illustration."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["image"]
    file: LocStr = field(metadata=doc("Its path inside assets/, e.g. logos/example-hr.svg."))
    width: int = field(default=100, metadata=doc("Its width in per cent of the column.", minimum=5, maximum=100))
    align: Align = field(default="left", metadata=doc("left or center."))


@record
class QrCode:
    """A QR code made from a text (an address, an authenticator app's set-up link)."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["qr_code"]
    data: LocStr = field(metadata=doc("The text the code holds; {variables} are filled in.", "template"))
    size: int = field(default=84, metadata=doc("Its side in points.", minimum=36, maximum=240))
    align: Align = field(default="left", metadata=doc("left or center."))


@record
class Icon:
    """An icon in a tinted circle, with an optional bold caption beside it."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["icon"]
    icon: IconName = field(metadata=doc("Which icon."))
    text: OptionalText = field(default="", metadata=ui("A caption beside the icon."))
    size: int = field(default=18, metadata=doc("The icon's size in points.", minimum=8, maximum=64))
    align: Align = field(default="left", metadata=doc("left or center."))


Leaf = Union[  # noqa: UP007 (a Union object the schema converter inspects; `|` of many types reads worse)
    Heading,
    Paragraph,
    TextField,
    PasswordField,
    Textarea,
    Button,
    Buttons,
    Link,
    Checkbox,
    RadioGroup,
    Select,
    Toggle,
    DateField,
    CodeInput,
    Divider,
    ChoiceCard,
    Alert,
    Skeleton,
    Rows,
    Table,
    StatusCard,
    AccountList,
    EntryList,
    PolicyList,
    Tabs,
    Menu,
    Image,
    QrCode,
    Icon,
]


@record
class Section:
    """A block with a title on a settings page, holding elements."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["section"]
    title: LocStr = field(metadata=ui("The block's title."))
    elements: tuple[Leaf, ...] = field(metadata=doc("The block's elements, top to bottom."))


@record
class Dialog:
    """A dialog over the page, which is dimmed behind it (one per screen)."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["dialog"]
    elements: tuple[Leaf, ...] = field(metadata=doc("The dialog's elements, top to bottom."))
    title: OptionalText = field(default="", metadata=ui("The dialog's title."))
    close: bool = field(default=False, metadata=doc("Draw a close button (×) in its corner."))


Element = Union[Leaf, Section, Dialog]  # noqa: UP007

# Items inside an element that steps can point at, by the element field that holds them.
ITEM_FIELDS = ("accounts", "options", "tabs", "items", "rows", "buttons")


def element_label(element: object) -> OptionalText:
    """The text a step names an element by: its title, label or text."""
    for attribute in ("title", "label", "text"):
        value: OptionalText = getattr(element, attribute, "")  # the model's texts
        if value:
            return value
    return ""


# Items inside an element that a step can point at, each with an id of its own.
Item = Union[Option, ButtonItem, Account, ListEntry, TableRow]  # noqa: UP007


def walk_elements(elements: Iterable[Element]) -> Iterator[Element | Item]:
    """Every element, those inside sections and dialogs too, and then each one's items with an id."""
    for element in elements:
        yield element
        children = getattr(element, "elements", ())
        yield from walk_elements(children)
        for name in ITEM_FIELDS:
            for item in getattr(element, name, ()) or ():
                if getattr(item, "id", ""):
                    yield item

"""The screen elements a reader operates: inputs, buttons and choices (`elements.py` holds the
rest, and the union of them all). Every text is a UI message unless its field says it is data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from typing import Literal

from ..common.records import record
from ..errors import Location
from .located import LocStr, OptionalText
from .vocabulary import OptionalIcon, doc, ui


@record
class TextField:
    """A labelled text input, optionally filled in."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["text_field"]
    label: LocStr = field(metadata=ui("The field's label."))
    value: OptionalText = field(default="", metadata=ui("What the field shows, e.g. {user_email}."))
    placeholder: OptionalText = field(default="", metadata=ui("Grey hint text shown when the field is empty."))
    icon: OptionalIcon = field(default="none", metadata=doc("An icon inside the field, e.g. search."))


@record
class PasswordField:
    """A labelled password input, drawn with masked dots."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["password_field"]
    label: LocStr = field(metadata=ui("The field's label."))
    filled: bool = field(default=True, metadata=doc("Show masked dots as if typed."))


@record
class Textarea:
    """A multi-line text input (a comment, a message)."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["textarea"]
    label: OptionalText = field(default="", metadata=ui("The field's label."))
    value: OptionalText = field(default="", metadata=ui("The text typed in it."))
    placeholder: OptionalText = field(default="", metadata=ui("Grey hint text shown when the field is empty."))
    lines: int = field(
        default=3, metadata=doc("Its height in lines (it grows with a longer text).", minimum=1, maximum=20)
    )


@record
class Button:
    """A push button as wide as its column."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["button"]
    text: LocStr = field(metadata=ui("The button's label."))
    style: Literal["primary", "secondary"] = field(default="primary", metadata=doc("Filled or outlined."))
    icon: OptionalIcon = field(default="none", metadata=doc("An icon before the label."))


@record
class ButtonItem:
    """One button in a row of buttons."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen; steps point at it."))
    text: LocStr = field(metadata=ui("The button's label."))
    style: Literal["primary", "secondary"] = field(default="primary", metadata=doc("Filled or outlined."))
    icon: OptionalIcon = field(default="none", metadata=doc("An icon before the label."))


@record
class Buttons:
    """Buttons side by side, as wide as their labels (Cancel / Save under a form or a dialog)."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["buttons"]
    buttons: tuple[ButtonItem, ...] = field(metadata=doc("The buttons, left to right."))
    align: Literal["left", "right"] = field(default="right", metadata=doc("Which side the row keeps to."))


@record
class Link:
    """A text link."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["link"]
    text: LocStr = field(metadata=ui("The link's text."))


@record
class Checkbox:
    """A checkbox with its label (e.g. "I'm not a robot")."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["checkbox"]
    text: LocStr = field(metadata=ui("The checkbox's label."))
    checked: bool = field(default=False, metadata=doc("Draw the box ticked."))


@record
class Option:
    """One choice: an option of a select or a radio group, a tab, a menu item."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen; steps point at it, `selected` names it."))
    text: LocStr = field(metadata=ui("What the choice says."))
    detail: OptionalText = field(default="", metadata=ui("A line under it (radio groups)."))
    icon: OptionalIcon = field(default="none", metadata=doc("An icon before it (menus)."))


@record
class RadioGroup:
    """Options of which the reader chooses one."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["radio_group"]
    options: tuple[Option, ...] = field(metadata=doc("The options, top to bottom."))
    label: OptionalText = field(default="", metadata=ui("The question above the options."))
    selected: OptionalText = field(default="", metadata=doc("The id of the chosen option (none when empty)."))


@record
class Select:
    """A drop-down list: closed it shows the chosen option; open it shows every option."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["select"]
    label: LocStr = field(metadata=ui("The field's label."))
    options: tuple[Option, ...] = field(metadata=doc("The options, top to bottom."))
    selected: OptionalText = field(default="", metadata=doc("The id of the chosen option (none when empty)."))
    placeholder: OptionalText = field(default="", metadata=ui("Grey text shown when no option is chosen."))
    open: bool = field(default=False, metadata=doc("Draw the list open, with its options."))


@record
class Toggle:
    """An on/off switch with its label."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["toggle"]
    text: LocStr = field(metadata=ui("The switch's label."))
    detail: OptionalText = field(default="", metadata=ui("A line under the label."))
    checked: bool = field(default=False, metadata=doc("Draw the switch on (like a checkbox's tick)."))


@record
class DateField:
    """A date input showing the date in the reader's locale; open, it shows the month."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["date_field"]
    label: LocStr = field(metadata=ui("The field's label."))
    date: dt.date = field(metadata=doc("The date it shows (YYYY-MM-DD)."))
    open: bool = field(default=False, metadata=doc("Draw the calendar of the date's month open under it."))


@record
class CodeInput:
    """A one-time code input: a box per digit."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["code_input"]
    label: OptionalText = field(default="", metadata=ui("The field's label."))
    length: int = field(default=6, metadata=doc("How many digits the code has.", minimum=1, maximum=12))
    value: OptionalText = field(default="", metadata=doc("The digits typed so far (data, not translated)."))


@record
class ChoiceCard:
    """A clickable card with a title, a one-line description and an icon."""

    loc: Location
    id: LocStr = field(metadata=doc("Unique within the screen."))
    type: Literal["choice_card"]
    title: LocStr = field(metadata=ui("The card's title."))
    text: OptionalText = field(default="", metadata=ui("The one-line description."))
    icon: OptionalIcon = field(default="arrow", metadata=doc("The icon at the card's side."))

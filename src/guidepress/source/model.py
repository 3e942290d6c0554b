"""The guide as its author wrote it: frozen dataclasses that are also the schema.

Each field's metadata says what it is for (`doc`) and whether it is a translatable
message: `msg="prose"` for the guide's own sentences, `msg="ui"` for the product's UI
wording (message context "ui"). A text made only of `{placeholders}` is data, not a
message. Strings are `LocStr`, so each knows its file, line and column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, Union

from ..errors import Location

UI_CONTEXT = "ui"
POLICY_CHECKLIST = "password_policy"  # the checklist a step names to show the password policy


def doc(text: str, msg: str | None = None, **extra: object) -> dict[str, object]:
    return {"doc": text, "msg": msg, **extra}


def prose(text: str) -> dict[str, object]:
    return doc(text, "prose")


def ui(text: str) -> dict[str, object]:
    return doc(text, "ui")


@dataclass(frozen=True)
class Variable:
    """A tenant value with a default: `{name}` in any text shows it; `--var name=value` overrides it."""

    loc: Location
    default: str = field(metadata=doc("The value used when the build does not set one."))
    kind: Literal["text", "url", "email"] = field(
        default="text", metadata=doc("url and email values become links in the PDF.")
    )
    description: str = field(default="", metadata=doc("What the value is, for whoever sets it."))


# --- screen elements ---------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading on the screen."""

    loc: Location
    id: str = field(metadata=doc("Unique within the screen; steps point at it."))
    type: Literal["heading"]
    text: str = field(metadata=ui("The heading's text."))


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the product's text."""

    loc: Location
    id: str = field(metadata=doc("Unique within the screen."))
    type: Literal["paragraph"]
    text: str = field(metadata=ui("The paragraph's text."))


@dataclass(frozen=True)
class TextField:
    """A labelled text input, optionally filled in."""

    loc: Location
    id: str = field(metadata=doc("Unique within the screen."))
    type: Literal["text_field"]
    label: str = field(metadata=ui("The field's label."))
    value: str = field(default="", metadata=ui("What the field shows, e.g. {user_email}."))
    placeholder: str = field(default="", metadata=ui("Grey hint text shown when the field is empty."))


@dataclass(frozen=True)
class PasswordField:
    """A labelled password input, drawn with masked dots."""

    loc: Location
    id: str = field(metadata=doc("Unique within the screen."))
    type: Literal["password_field"]
    label: str = field(metadata=ui("The field's label."))
    filled: bool = field(default=True, metadata=doc("Show masked dots as if typed."))


@dataclass(frozen=True)
class Button:
    """A push button."""

    loc: Location
    id: str = field(metadata=doc("Unique within the screen."))
    type: Literal["button"]
    text: str = field(metadata=ui("The button's label."))
    style: Literal["primary", "secondary"] = field(default="primary", metadata=doc("Filled or outlined."))


@dataclass(frozen=True)
class Link:
    """A text link."""

    loc: Location
    id: str = field(metadata=doc("Unique within the screen."))
    type: Literal["link"]
    text: str = field(metadata=ui("The link's text."))


@dataclass(frozen=True)
class Checkbox:
    """A checkbox with its label (e.g. "I'm not a robot")."""

    loc: Location
    id: str = field(metadata=doc("Unique within the screen."))
    type: Literal["checkbox"]
    text: str = field(metadata=ui("The checkbox's label."))
    checked: bool = field(default=False, metadata=doc("Draw the box ticked."))


@dataclass(frozen=True)
class Divider:
    """A horizontal rule with a word in the middle (e.g. "OR")."""

    loc: Location
    id: str = field(metadata=doc("Unique within the screen."))
    type: Literal["divider"]
    text: str = field(default="", metadata=ui("The word on the rule."))


@dataclass(frozen=True)
class ChoiceCard:
    """A clickable card with a title, a one-line description and an icon."""

    loc: Location
    id: str = field(metadata=doc("Unique within the screen."))
    type: Literal["choice_card"]
    title: str = field(metadata=ui("The card's title."))
    text: str = field(default="", metadata=ui("The one-line description."))
    icon: Literal["arrow", "lock", "none"] = field(default="arrow", metadata=doc("The icon at the card's side."))


@dataclass(frozen=True)
class Row:
    """One label/value row; the value may be a link instead."""

    loc: Location
    label: str = field(metadata=ui("The row's label."))
    value: str = field(default="", metadata=ui("The row's value."))
    link: str = field(default="", metadata=ui("A link shown as the value."))


@dataclass(frozen=True)
class Rows:
    """Label/value rows, as in an account block."""

    loc: Location
    id: str = field(metadata=doc("Unique within the screen."))
    type: Literal["rows"]
    rows: list[Row] = field(metadata=doc("The rows, top to bottom."))


@dataclass(frozen=True)
class StatusCard:
    """A status with a title, a text and a date formatted for the reader's locale."""

    loc: Location
    id: str = field(metadata=doc("Unique within the screen."))
    type: Literal["status_card"]
    title: str = field(metadata=ui("The status's title."))
    text: str = field(default="", metadata=ui("The status's explanation."))
    date: dt.datetime | None = field(default=None, metadata=doc("A date and time (UTC unless given)."))
    date_label: str = field(default="{date}", metadata=ui("How the date is shown; {date} is the formatted date."))


@dataclass(frozen=True)
class Account:
    """One account in an account list."""

    loc: Location
    id: str = field(metadata=doc("Unique within the screen; steps point at it."))
    name: str = field(metadata=ui("The account's name."))
    email: str = field(default="", metadata=ui("The account's email address."))


@dataclass(frozen=True)
class AccountList:
    """A list of accounts to choose from (a "Sign in as" chooser)."""

    loc: Location
    id: str = field(metadata=doc("Unique within the screen."))
    type: Literal["account_list"]
    accounts: list[Account] = field(metadata=doc("The accounts, top to bottom."))


@dataclass(frozen=True)
class PolicyList:
    """The guide's password policy as the product lists it."""

    loc: Location
    id: str = field(metadata=doc("Unique within the screen."))
    type: Literal["policy_list"]


Leaf = Union[  # noqa: UP007 (a Union object the schema converter inspects; `|` of 11 types reads worse)
    Heading,
    Paragraph,
    TextField,
    PasswordField,
    Button,
    Link,
    Checkbox,
    Divider,
    ChoiceCard,
    Rows,
    StatusCard,
    AccountList,
    PolicyList,
]


@dataclass(frozen=True)
class Section:
    """A block with a title on a settings page, holding elements."""

    loc: Location
    id: str = field(metadata=doc("Unique within the screen."))
    type: Literal["section"]
    title: str = field(metadata=ui("The block's title."))
    elements: list[Leaf] = field(metadata=doc("The block's elements, top to bottom."))


Element = Union[Leaf, Section]  # noqa: UP007


def element_label(element: object) -> str:
    """The text a step names an element by: its title, label or text."""
    for attribute in ("title", "label", "text"):
        value = getattr(element, attribute, "")
        if value:
            return value
    return ""


@dataclass(frozen=True)
class Screen:
    """A product screen, drawn as a mockup; steps point at its elements by id."""

    loc: Location
    layout: Literal["form", "settings"] = field(
        metadata=doc("form: a centred column, as on a login page; settings: a page of blocks.")
    )
    elements: list[Element] = field(metadata=doc("The screen's elements, top to bottom."))
    product: str = field(default="", metadata=doc("The product name in the top bar (not translated)."))
    address: str = field(
        default="", metadata=doc("The address in the browser bar, e.g. {account_settings_url}.", "template")
    )
    user: str = field(default="", metadata=doc("The signed-in user in the top bar, e.g. {user_name}.", "template"))


# --- steps, checklists, guide -----------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """A control a step points at, with a short note beside its number."""

    loc: Location
    control: str = field(metadata=doc("The element's id on the step's screen."))
    note: str = field(default="", metadata=prose("A short note shown with the callout."))


@dataclass(frozen=True)
class Step:
    """One numbered step. Steps are numbered through the whole guide."""

    loc: Location
    text: str = field(metadata=prose("What the reader does. {name} inserts a variable, a label or {screen.element}."))
    note: str = field(default="", metadata=prose("A tip shown under the step."))
    warning: str = field(default="", metadata=prose("A caution shown under the step."))
    screen: str = field(default="", metadata=doc("The screen shown with this step."))
    marks: list[str | Mark] = field(default=(), metadata=doc("Controls on the screen to mark with the step number."))
    avoid: list[str] = field(
        default=(), metadata=doc("Controls on the screen the reader must not choose (crossed out).")
    )
    checklist: str = field(
        default="", metadata=doc("A checklist shown under the step: a key of checklists, or password_policy.")
    )


@dataclass(frozen=True)
class GuideSection:
    """A titled group of steps; each becomes an entry in the PDF outline."""

    loc: Location
    title: str = field(metadata=prose("The section's heading."))
    steps: list[Step] = field(metadata=doc("The section's steps."))


@dataclass(frozen=True)
class PolicyRule:
    """A counted rule; its text has a singular and a plural form."""

    loc: Location
    id: str = field(metadata=doc("The rule's name."))
    count: int = field(metadata=doc("The number the rule requires; {count} in the texts."))
    text: str = field(metadata=ui("Singular form, e.g. 'Minimum {count} character'."))
    plural: str = field(metadata=doc("Plural form, e.g. 'Minimum {count} characters'.", "ui", plural_of="text"))


@dataclass(frozen=True)
class OutputDefaults:
    """The handout a plain build makes of this guide; the command line's choices override it."""

    loc: Location
    profile: Literal["print", "ticket"] = field(
        default="print", metadata=doc("print: binding margins, boxes for a pen. ticket: fillable checkboxes.")
    )
    paper: Literal["a4", "letter"] = field(default="a4", metadata=doc("A4 or US Letter."))
    booklet: bool = field(default=False, metadata=doc("A5 (or half-letter) pages imposed two to a sheet."))
    bleed: bool = field(default=False, metadata=doc("3 mm bleed with crop marks, for a print shop."))
    html: bool = field(default=False, metadata=doc("Also write the accessible HTML edition, build/<locale>/<id>.html."))


@dataclass(frozen=True)
class PasswordPolicy:
    """The password rules: drawn by policy_list elements and ticked off as a checklist."""

    loc: Location
    title: str = field(metadata=prose("The checklist's title."))
    rules: list[PolicyRule] = field(metadata=doc("The rules."))


@dataclass(frozen=True)
class Checklist:
    """Items the reader ticks off with a pen (or in the PDF viewer)."""

    loc: Location
    title: str = field(metadata=prose("The checklist's title."))
    items: list[str] = field(metadata=prose("The items to tick."))


@dataclass(frozen=True)
class Guide:
    """A step-by-step guide: one YAML file in guide_src/, one handout per locale and tenant."""

    loc: Location
    id: str = field(metadata=doc("The guide's id: the output file is build/<locale>/<id>.pdf."))
    title: str = field(metadata=prose("The handout's title."))
    product: str = field(metadata=doc("The product the guide is about (not translated)."))
    version: str = field(metadata=doc("The guide's version, shown in the title block."))
    updated: dt.date = field(
        metadata=doc("The date of this version; the handout's date unless SOURCE_DATE_EPOCH is set.")
    )
    summary: str = field(metadata=prose("One or two sentences: who this guide is for."))
    sections: list[GuideSection] = field(metadata=doc("The steps, in titled sections."))
    introduction: list[str] = field(default=(), metadata=prose("Paragraphs on what the guide fixes."))
    variables: dict[str, Variable] = field(default_factory=dict, metadata=doc("Tenant values with defaults."))
    labels: dict[str, str] = field(
        default_factory=dict, metadata=ui("Product UI labels named in prose but drawn on no screen.")
    )
    screens: dict[str, Screen] = field(default_factory=dict, metadata=doc("The screens to draw, by name."))
    password_policy: PasswordPolicy | None = field(default=None, metadata=doc("The password rules, as data."))
    checklists: dict[str, Checklist] = field(default_factory=dict, metadata=doc("Checklists, by name."))
    output: OutputDefaults | None = field(default=None, metadata=doc("The output a plain build makes."))


def guide_json_schema() -> str:
    """The guide format as JSON Schema text, as committed in schema/guide.schema.json."""
    import json

    from .schema import json_schema

    schema = json_schema(Guide, "guidepress guide", "https://guidepress.example/schema/guide.schema.json")
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"

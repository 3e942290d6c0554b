"""The guide as its author wrote it: frozen dataclasses that are also the schema.

Each field's metadata says what it is for (`doc`) and whether it is a translatable
message: `msg="prose"` for the guide's own sentences, `msg="ui"` for the product's UI
wording (message context "ui"). A text made only of `{placeholders}` is data, not a
message. Strings are `LocStr`, so each knows its file, line and column.

The classes are `records.record`s: frozen dataclasses compared by identity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from typing import Literal, Union

from ..common.records import record
from ..errors import Location
from .assets import Asset
from .elements import Element
from .located import LocStr, OptionalText
from .vocabulary import doc, ui

UI_CONTEXT = "ui"
POLICY_CHECKLIST = "password_policy"  # the checklist a step names to show the password policy


def prose(text: str) -> dict[str, object]:
    return doc(text, "prose")


@record
class Variable:
    """A tenant value with a default: `{name}` in any text shows it; `--var name=value` overrides it."""

    loc: Location
    default: LocStr = field(metadata=doc("The value used when the build does not set one."))
    kind: Literal["text", "url", "email"] = field(
        default="text", metadata=doc("url and email values become links in the PDF.")
    )
    description: OptionalText = field(default="", metadata=doc("What the value is, for whoever sets it."))


# --- screens (their elements are in elements.py) ------------------------------------------

ScreenLayoutKind = Literal["form", "settings"]
LAYOUT_DOC = "form: a centred column, as on a login page; settings: a page of blocks."


@record
class Screen:
    """A page in a web browser (the default kind), drawn as a mockup; steps point at its elements by id."""

    loc: Location
    elements: tuple[Element, ...] = field(metadata=doc("The screen's elements, top to bottom."))
    kind: Literal["browser"] = field(default="browser", metadata=doc("A page in a web browser (the default)."))
    layout: ScreenLayoutKind = field(default="form", metadata=doc(LAYOUT_DOC))
    product: OptionalText = field(default="", metadata=doc("The product name in the top bar (not translated)."))
    address: OptionalText = field(
        default="", metadata=doc("The address in the browser bar, e.g. {account_settings_url}.", "template")
    )
    user: OptionalText = field(
        default="", metadata=doc("The signed-in user in the top bar, e.g. {user_name}.", "template")
    )
    behind: OptionalText = field(default="", metadata=doc("Another screen drawn dimmed behind this one's dialog."))


@record
class PhoneScreen:
    """An app on a phone: the phone's frame and status bar, the app's title, its content."""

    loc: Location
    kind: Literal["phone"] = field(metadata=doc("An app on a phone."))
    elements: tuple[Element, ...] = field(metadata=doc("The app's elements, top to bottom."))
    title: OptionalText = field(default="", metadata=ui("The app's title bar."))
    layout: ScreenLayoutKind = field(default="form", metadata=doc(LAYOUT_DOC))
    behind: OptionalText = field(default="", metadata=doc("Another screen drawn dimmed behind this one's dialog."))


@record
class EmailScreen:
    """An email message: its subject, sender and date above its body."""

    loc: Location
    kind: Literal["email"] = field(metadata=doc("An email message."))
    elements: tuple[Element, ...] = field(metadata=doc("The message's body, top to bottom."))
    subject: OptionalText = field(default="", metadata=ui("The subject line."))
    sender: OptionalText = field(
        default="", metadata=doc("The sender's name, e.g. Example HR (not translated).", "template")
    )
    sender_address: OptionalText = field(default="", metadata=doc("The sender's address, e.g. {hr_email}.", "template"))
    date: dt.datetime | None = field(default=None, metadata=doc("When it was sent, shown in the reader's format."))
    layout: ScreenLayoutKind = field(default="form", metadata=doc(LAYOUT_DOC))


@record
class WindowScreen:
    """A window of the operating system or of an app (a sign-in window of its own)."""

    loc: Location
    kind: Literal["window"] = field(metadata=doc("A window of the operating system or of an app."))
    elements: tuple[Element, ...] = field(metadata=doc("The window's elements, top to bottom."))
    title: OptionalText = field(default="", metadata=ui("The window's title."))
    layout: ScreenLayoutKind = field(default="form", metadata=doc(LAYOUT_DOC))
    behind: OptionalText = field(default="", metadata=doc("Another screen drawn dimmed behind this one's dialog."))


@record
class Region:
    """A control on a screenshot, in the image's pixels (0, 0 is the top left)."""

    loc: Location
    x: int = field(metadata=doc("Its left edge."))
    y: int = field(metadata=doc("Its top edge."))
    width: int = field(metadata=doc("Its width."))
    height: int = field(metadata=doc("Its height."))


@record
class Screenshot:
    """A real screenshot, for a screen that cannot be drawn. It does not translate itself: give
    each locale its own image as assets/<folder>/<locale>/<name> beside assets/<folder>/<name>."""

    loc: Location
    kind: Literal["screenshot"] = field(metadata=doc("A picture of the screen."))
    image: LocStr = field(metadata=doc("The image inside assets/ (PNG, JPEG or SVG), e.g. screens/error.png."))
    regions: dict[str, Region] = field(
        default_factory=dict, metadata=doc("Named controls in the image's pixels; steps mark them by name.")
    )
    width: int = field(
        default=280, metadata=doc("Its width in points (a drawn browser page: 280).", minimum=60, maximum=560)
    )
    optional: bool = field(
        default=False, metadata=doc("A slot: while the image is missing, the steps that show it read as text.")
    )


AnyScreen = Union[Screen, PhoneScreen, EmailScreen, WindowScreen, Screenshot]  # noqa: UP007


# --- steps, checklists, guide -----------------------------------------------------------


@record
class Mark:
    """A control a step points at, with a short note beside its number."""

    loc: Location
    control: LocStr = field(metadata=doc("The element's id on the step's screen."))
    note: OptionalText = field(default="", metadata=prose("A short note shown with the callout."))


@record
class Step:
    """One numbered step. Steps are numbered through the whole guide."""

    loc: Location
    text: LocStr = field(
        metadata=prose("What the reader does. {name} inserts a variable, a label or {screen.element}.")
    )
    note: OptionalText = field(default="", metadata=prose("A tip shown under the step."))
    warning: OptionalText = field(default="", metadata=prose("A caution shown under the step."))
    screen: OptionalText = field(default="", metadata=doc("The screen shown with this step."))
    marks: tuple[LocStr | Mark, ...] = field(
        default=(), metadata=doc("Controls on the screen to mark with the step number.")
    )
    avoid: tuple[LocStr, ...] = field(
        default=(), metadata=doc("Controls on the screen the reader must not choose (crossed out).")
    )
    checklist: OptionalText = field(
        default="", metadata=doc("A checklist shown under the step: a key of checklists, or password_policy.")
    )


@record
class GuideSection:
    """A titled group of steps; each becomes an entry in the PDF outline."""

    loc: Location
    title: LocStr = field(metadata=prose("The section's heading."))
    steps: tuple[Step, ...] = field(metadata=doc("The section's steps."))


@record
class PolicyRule:
    """A counted rule; its text has a singular and a plural form."""

    loc: Location
    id: LocStr = field(metadata=doc("The rule's name."))
    count: int = field(metadata=doc("The number the rule requires; {count} in the texts."))
    text: LocStr = field(metadata=ui("Singular form, e.g. 'Minimum {count} character'."))
    plural: LocStr = field(metadata=doc("Plural form, e.g. 'Minimum {count} characters'.", "ui", plural_of="text"))


@record
class OutputDefaults:
    """The handout a plain build makes of this guide; the command line's choices override it."""

    loc: Location
    profile: Literal["print", "ticket"] = field(
        default="print", metadata=doc("print: binding margins, boxes for a pen. ticket: fillable checkboxes.")
    )
    paper: Literal["a4", "letter"] = field(default="a4", metadata=doc("A4 or US Letter."))
    booklet: bool = field(default=False, metadata=doc("A5 (or half-letter) pages imposed two to a sheet."))
    bleed: bool = field(default=False, metadata=doc("3 mm bleed with crop marks, for a print shop."))
    simplex: bool = field(
        default=False, metadata=doc("For a single-sided printer: no blank backs in a pack, margins not mirrored.")
    )
    html: bool = field(default=False, metadata=doc("Also write the accessible HTML edition, build/<locale>/<id>.html."))


@record
class PasswordPolicy:
    """The password rules: drawn by policy_list elements and ticked off as a checklist."""

    loc: Location
    title: LocStr = field(metadata=prose("The checklist's title."))
    rules: tuple[PolicyRule, ...] = field(metadata=doc("The rules."))


@record
class Checklist:
    """Items the reader ticks off with a pen (or in the PDF viewer)."""

    loc: Location
    title: LocStr = field(metadata=prose("The checklist's title."))
    items: tuple[LocStr, ...] = field(metadata=prose("The items to tick."))


@record
class Guide:
    """A step-by-step guide: one YAML file in guide_src/, one handout per locale and tenant."""

    loc: Location
    id: LocStr = field(metadata=doc("The guide's id: the output file is build/<locale>/<id>.pdf."))
    title: LocStr = field(metadata=prose("The handout's title."))
    product: LocStr = field(metadata=doc("The product the guide is about (not translated)."))
    version: LocStr = field(metadata=doc("The guide's version, shown in the title block."))
    updated: dt.date = field(
        metadata=doc("The date of this version; the handout's date unless SOURCE_DATE_EPOCH is set.")
    )
    summary: LocStr = field(metadata=prose("One or two sentences: who this guide is for."))
    sections: tuple[GuideSection, ...] = field(metadata=doc("The steps, in titled sections."))
    introduction: tuple[LocStr, ...] = field(default=(), metadata=prose("Paragraphs on what the guide fixes."))
    variables: dict[str, Variable] = field(default_factory=dict, metadata=doc("Tenant values with defaults."))
    labels: dict[str, LocStr] = field(
        default_factory=dict, metadata=ui("Product UI labels named in prose but drawn on no screen.")
    )
    screens: dict[str, AnyScreen] = field(
        default_factory=dict, metadata=doc("The screens to draw (or screenshots to show), by name.")
    )
    introduction_screen: OptionalText = field(
        default="", metadata=doc("A screen shown under the introduction, without callouts (the error the reader saw).")
    )
    password_policy: PasswordPolicy | None = field(default=None, metadata=doc("The password rules, as data."))
    checklists: dict[str, Checklist] = field(default_factory=dict, metadata=doc("Checklists, by name."))
    output: OutputDefaults | None = field(default=None, metadata=doc("The output a plain build makes."))
    # What the loader found of the image files the guide names (not a key of the YAML).
    assets: dict[str, Asset] = field(default_factory=dict, metadata={"internal": True})


def guide_json_schema() -> str:
    """The guide format as JSON Schema text, as committed in schema/guide.schema.json."""
    import json

    from .schema import json_schema

    schema = json_schema(Guide, "guidepress guide", "https://guidepress.example/schema/guide.schema.json")
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"

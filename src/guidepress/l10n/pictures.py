"""Where each message of a guide appears, for translators: the picture that shows it, and its role.

Read from the source model alone, so that the Babel extractor (`extract.py`) can name each
message's picture in the template (`#. picture: translators/<guide>/<screen>/<file>.png`) and
`translator_pictures.py` draws exactly those files (`--translator-pictures`). A product UI
label is pictured on the first screen of the guide that draws it, outlined where its element
stands; a step, its tip or warning and a callout's note on the step's screen, with the controls
the step marks outlined. Names are stable: guide, screen, element (or the step's part) and a slug
of the message with a short hash of it, so a picture's name changes only when its message does.

Prose messages get their role too (heading, step, lead-in to a list, tip …), as a note for the
translator (`roles`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..source.elements import walk_elements
from ..source.messages import is_message, iter_messages
from ..source.model import UI_CONTEXT, AnyScreen, Guide, Mark, Screenshot
from ..source.packs import Pack

PICTURES_DIR = "translators"  # under the build's output folder


@dataclass(frozen=True)
class Appearance:
    """One message as it appears on one screen of a guide."""

    context: str | None
    msgid: str
    screen: str
    element: str  # the element whose text it is ("" for a screen's own title or subject); a step's: ""
    part: str  # "label", or a step's: "step", "tip", "warning", "callout"
    step: int  # the step whose picture it is (0 for a label)
    controls: tuple[str, ...]  # what to outline for a step: the controls it marks
    path: str  # relative to the output folder

    @property
    def key(self) -> tuple[str | None, str]:
        return self.context, self.msgid


def slug(text: str, limit: int = 32) -> str:
    """A file name's part for a text: ASCII letters and digits, dashes between, cut at a word."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out}-{word}" if out else word
    return out or "text"


def picture_name(guide_id: str, screen: str, element: str, context: str | None, msgid: str) -> str:
    digest = hashlib.sha1(f"{context or ''}\x04{msgid}".encode()).hexdigest()[:6]
    return f"{PICTURES_DIR}/{guide_id}/{screen}/{element or 'screen'}.{slug(msgid)}.{digest}.png"


def appearances(guide: Guide, guide_id: str, has_image: Callable[[str], bool]) -> list[Appearance]:
    """Every message of the guide that appears on a screen, once per guide (its first screen).
    `has_image` says whether a screenshot's image is there (an empty slot shows no screen)."""
    found: dict[tuple[str | None, str], Appearance] = {}

    def add(
        context: str | None, msgid: str, screen: str, element: str, part: str, step: int, controls: Iterable[str] = ()
    ) -> None:
        if (context, msgid) not in found:
            path = picture_name(guide_id, screen, element if part == "label" else part, context, msgid)
            found[(context, msgid)] = Appearance(context, msgid, screen, element, part, step, tuple(controls), path)

    # the product's labels, on the screens the steps show first, then on the others
    shown = [s.screen for section in guide.sections for s in section.steps if s.screen]
    order: list[str] = list(
        dict.fromkeys([*([guide.introduction_screen] if guide.introduction_screen else []), *shown])
    )
    order += [name for name in guide.screens if name not in order]
    for name in order:
        screen = guide.screens.get(name)
        if screen is None:
            continue
        for context, msgid, element in _labels_of(guide, screen):
            add(context, msgid, name, element, "label", 0)
    number = 0
    for section in guide.sections:
        for step in section.steps:
            number += 1
            screen = guide.screens.get(step.screen) if step.screen else None
            if screen is None or (isinstance(screen, Screenshot) and not has_image(screen.image)):
                continue
            marks = [m.control if isinstance(m, Mark) else str(m) for m in step.marks]
            controls = (*marks, *step.avoid)
            for part, text in (("step", step.text), ("tip", step.note), ("warning", step.warning)):
                if is_message(text):
                    add(None, str(text), step.screen, "", part, number, controls)
            for mark in step.marks:
                if isinstance(mark, Mark) and mark.note:
                    add(None, str(mark.note), step.screen, "", "callout", number, (mark.control,))
            for name, label in guide.labels.items():  # a label the step's text quotes, drawn on no screen
                if "{" + name + "}" in str(step.text):
                    add(UI_CONTEXT, str(label), step.screen, name, "label", number, controls)
    return list(found.values())


def _labels_of(guide: Guide, screen: AnyScreen) -> list[tuple[str | None, str, str]]:
    """(context, msgid, element id) of each UI text a screen draws; a text inside an element inside
    another is its innermost element's, the screen's own title or subject the screen's ("")."""
    owner: dict[tuple[int, int, str], tuple[str | None, str, str]] = {}
    elements = tuple(getattr(screen, "elements", ()) or ())
    for message in iter_messages(screen):  # the frame's own first: the elements' texts overwrite theirs
        owner[(message.text.loc.line, message.text.loc.column, str(message.text))] = (
            message.context,
            str(message.text),
            "",
        )
    for element in walk_elements(elements):  # parents before their children: the innermost wins
        element_id = getattr(element, "id", "")
        for message in iter_messages(element):
            key = (message.text.loc.line, message.text.loc.column, str(message.text))
            owner[key] = (message.context, str(message.text), element_id)
        if getattr(element, "type", "") == "policy_list" and guide.password_policy is not None:
            for rule in guide.password_policy.rules:
                owner[(rule.loc.line, rule.loc.column, str(rule.text))] = (UI_CONTEXT, str(rule.text), element_id)
    return [found for found in owner.values() if found[0] == UI_CONTEXT]


# --- roles of prose messages ----------------------------------------------------------------


def roles(model: Guide | Pack) -> dict[tuple[int, int], str]:
    """The role of each prose text, by its place (line, column): what it is on the handout's page."""
    found: dict[tuple[int, int], str] = {}

    def put(text: str, role: str) -> None:
        loc = getattr(text, "loc", None)
        if text and loc is not None:
            found.setdefault((loc.line, loc.column), role)

    if isinstance(model, Pack):
        put(model.title, "the pack's title, on its cover")
        for paragraph in model.welcome:
            put(paragraph, "a paragraph of the pack's welcome, on its cover")
        for column in model.people.columns.values() if model.people is not None else ():
            put(column.label, "a label on a person's cover, beside their value")
        return found
    put(model.title, "the handout's title (also its running header)")
    put(model.summary, "the summary under the title")
    for paragraph in model.introduction:
        put(paragraph, "a paragraph of the introduction")
    for section in model.sections:
        put(section.title, "heading of a section of steps")
        for step in section.steps:
            put(step.text, "step (an instruction, numbered)")
            put(step.note, "tip under a step (after the word for 'Tip:')")
            put(step.warning, "warning under a step (after the word for 'Important:')")
            for mark in step.marks:
                if isinstance(mark, Mark):
                    put(mark.note, "note beside a numbered callout on the screen picture")
    if model.password_policy is not None:
        put(model.password_policy.title, "lead-in to a list (the title of a checklist)")
    for checklist in model.checklists.values():
        put(checklist.title, "lead-in to a list (the title of a checklist)")
        for item in checklist.items:
            put(item, "list item (a box to tick)")
    return found

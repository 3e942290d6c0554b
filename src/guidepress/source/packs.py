"""load_pack: a pack file (`packs/<pack-id>.yaml`) binds guides into one document.

A pack has a title and a short welcome text (prose, translated through the catalogs like a
guide's), the guides in order, optionally its default output, and optionally the columns of
a people file (`people:`), so that one pack per person can be made with their values filled
in. Which guides exist and which variables they define is the build's to check
(`check_pack`), since the pack names them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..errors import GuideError, GuideErrors, Location, braced, did_you_mean, display_path
from .located import LocStr, OptionalText, compose, read_text
from .messages import iter_templates, placeholders
from .model import OutputDefaults, doc, prose
from .schema import NodeConverter


@dataclass(frozen=True)
class PersonColumn:
    """A column of the people file: shown on the person's cover, and optionally a guide variable."""

    loc: Location
    label: LocStr = field(metadata=prose("The column's name on the cover, e.g. 'Start date'."))
    kind: Literal["text", "email", "url", "date"] = field(
        default="text",
        metadata=doc("What the cells hold; email and url are checked like variables, date is YYYY-MM-DD."),
    )
    variable: OptionalText = field(default="", metadata=doc("The guide variable this column fills, e.g. user_email."))
    cover: bool = field(default=True, metadata=doc("Show the value on the cover."))


@dataclass(frozen=True)
class PeopleColumns:
    """The columns a people file (`--people FILE`) must have for this pack."""

    loc: Location
    id: LocStr = field(metadata=doc("The column that names each person's file (never a name or an email address)."))
    columns: dict[str, PersonColumn] = field(metadata=doc("The other columns, by their header."))


@dataclass(frozen=True)
class Pack:
    """Guides bound into one PDF: a cover with the organisation's name and logo, contents, the guides."""

    loc: Location
    id: LocStr = field(metadata=doc("The pack's id: the output is build/[<tenant>/]<locale>/<id>.pdf."))
    title: LocStr = field(metadata=prose("The pack's title on the cover, e.g. 'Your first week at {organisation}'."))
    guides: tuple[LocStr, ...] = field(metadata=doc("The ids of the guides, in order."))
    welcome: tuple[LocStr, ...] = field(default=(), metadata=prose("Paragraphs of welcome, before the contents."))
    people: PeopleColumns | None = field(default=None, metadata=doc("The columns of a people file, for --people."))
    output: OutputDefaults | None = field(default=None, metadata=doc("The output a plain build makes."))


def load_pack(path: Path) -> Pack:
    """Load and check one pack file on its own (its guides are checked by `check_pack`)."""
    shown = display_path(path)
    pack: Pack = NodeConverter(shown).load(Pack, compose(read_text(path), shown), "the pack")
    problems = []
    if pack.id != path.stem:
        problems.append(GuideError(pack.id.loc, f"id {pack.id!r} must match the file name {path.stem!r}"))
    if not pack.guides:
        problems.append(GuideError(pack.loc, "guides: a pack needs at least one guide"))
    seen: set[str] = set()
    for guide_id in pack.guides:
        if guide_id in seen:
            problems.append(GuideError(guide_id.loc, f"guide {guide_id!r} is in the pack twice"))
        seen.add(guide_id)
    if problems:
        raise GuideErrors(problems)
    return pack


def pack_json_schema() -> str:
    """The pack format as JSON Schema text, as committed in schema/pack.schema.json."""
    import json

    from .schema import json_schema

    schema = json_schema(Pack, "guidepress pack", "https://guidepress.example/schema/pack.schema.json")
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def check_pack(pack: Pack, guides: Mapping[str, Mapping[str, str]]) -> list[GuideError]:
    """The pack's references: its guides exist (`guides`: id → its variables' kinds) and every
    placeholder in its texts names a variable of one of them or a people column."""
    problems = []
    for guide_id in pack.guides:
        if guide_id not in guides:
            problems.append(
                GuideError(guide_id.loc, f"no guide {guide_id!r} in guide_src/{did_you_mean(guide_id, guides)}")
            )
    names = {name for guide_id in pack.guides for name in guides.get(guide_id, {})}
    if pack.people:
        names |= set(pack.people.columns)
        for column in pack.people.columns.values():
            if column.variable and column.variable not in names:
                problems.append(
                    GuideError(column.variable.loc, f"variable {column.variable!r}: none of the pack's guides has it")
                )
    for message in iter_templates(pack):
        try:
            used = placeholders(message.text)
        except ValueError as exc:
            problems.append(GuideError(message.text.loc, str(exc)))
            continue
        for name in used:
            if name not in names:
                known = names or {n for kinds in guides.values() for n in kinds}  # a guess even when a guide is wrong
                problems.append(
                    GuideError(message.text.loc, f"undefined variable {braced(name)}{did_you_mean(name, known)}")
                )
    return problems

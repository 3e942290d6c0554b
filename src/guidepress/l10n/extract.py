"""The Babel extraction method for guide YAML, registered as `guidepress` under `babel.extractors`.

Same shape as `babel.messages.extract.extract_python` and Jinja2's `babel_extract`:
`(fileobj, keywords, comment_tags, options) → (lineno, funcname, message, comments)`.
UI labels come out with the message context of their product, "ui:<the guide's product>"
(`pgettext`; see `products.py`), counted rules as plurals
(`ngettext`/`npgettext`). Comments for translators: a YAML comment on the lines just
above a string that starts with a comment tag (or "translators:"), a reminder on every
UI label, what each placeholder stands for, a prose message's role on the page (`role: step`)
and the picture that shows where a message appears (`picture: translators/…png`, which
`--translator-pictures` draws; see `pictures.py`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import yaml

from ..errors import GuideError
from ..source.elements import element_label, walk_elements
from ..source.located import compose
from ..source.messages import SourceMessage, iter_messages, placeholders
from ..source.model import UI_CONTEXT, Guide
from ..source.packs import Pack
from ..source.schema import NodeConverter
from .pictures import appearances, roles
from .products import ui_context

UI_COMMENT = "Product UI label: use the product's own wording in your language exactly."
DEFAULT_TAGS = ("translators:",)

Extracted = tuple[int, str, Any, list[str]]


def extract_guide(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Extracted]:
    """Yield every translatable text of one guide file, or of a pack file (`packs/*.yaml`: a
    mapping with `guides:` and no `sections:`)."""
    encoding = options.get("encoding", "utf-8")
    text = fileobj.read().decode(encoding)
    name = getattr(fileobj, "name", "<guide>")
    try:
        node = compose(text, str(name))
        model: Guide | Pack = NodeConverter(str(name)).load(Pack if _is_pack(node) else Guide, node)
    except GuideError as exc:
        raise SystemExit(f"{exc}") from None
    lines = text.splitlines()
    tags = tuple(t.lower() for t in (*comment_tags, *DEFAULT_TAGS))
    descriptions = _placeholder_notes(model) if isinstance(model, Guide) else PACK_NOTES
    where = Where(
        roles(model), _pictures(model, str(name)), ui_context(model.product) if isinstance(model, Guide) else "ui"
    )
    for message in sorted(iter_messages(model), key=lambda m: (m.text.loc.line, m.text.loc.column)):
        yield _extracted(message, lines, tags, descriptions, where)


@dataclass(frozen=True)
class Where:
    """What a message is on the page (`role: …`) and the picture that shows it (`picture: …`)."""

    roles: dict[tuple[int, int], str]
    pictures: dict[tuple[str | None, str], str]
    ui: str = "ui"  # the context of the product's UI labels: `ui:<the guide's product>` (`products.py`)


def _pictures(model: Guide | Pack, name: str) -> dict[tuple[str | None, str], str]:
    """Each message's picture (`--translator-pictures` writes it under the output folder)."""
    if not isinstance(model, Guide):
        return {}
    assets = Path(name).resolve().parent.parent / "assets"  # a guides project's: guide_src/ beside assets/
    return {a.key: a.path for a in appearances(model, Path(name).stem, lambda image: (assets / image).is_file())}


def _extracted(
    message: SourceMessage, lines: list[str], tags: tuple[str, ...], notes: dict[str, str], where: Where
) -> Extracted:
    lineno = message.text.loc.line
    comments = _yaml_comments(lines, lineno, tags)
    context = where.ui if message.context == UI_CONTEXT else message.context
    if message.context == UI_CONTEXT:
        comments.append(UI_COMMENT)
    role = where.roles.get((message.text.loc.line, message.text.loc.column))
    if role and message.context is None:
        comments.append(f"role: {role}")
    picture = where.pictures.get((message.context, str(message.text)))
    if picture:
        comments.append(f"picture: {picture}")
    try:
        used = placeholders(message.text) + (placeholders(message.plural) if message.plural else [])
    except ValueError:  # a stray brace: the build reports it at its line; the text is still extracted
        used = []
    for name in dict.fromkeys(used):
        comments.append(f"{{{name}}}: {notes.get(name, 'keep as it is')}")
    if message.plural is not None:
        funcname = "npgettext" if context else "ngettext"
        msg: Any = (
            (context, str(message.text), str(message.plural)) if context else (str(message.text), str(message.plural))
        )
    else:
        funcname = "pgettext" if context else "gettext"
        msg = (context, str(message.text)) if context else str(message.text)
    return lineno, funcname, msg, comments


PACK_NOTES = {
    "organisation": "the employer's name (from the tenant, or the guide's default)",
    "support_contact": "who the reader contacts for help (an email address)",
}


def _is_pack(node: yaml.Node) -> bool:
    keys = (
        {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
        if isinstance(node, yaml.MappingNode)
        else set()
    )
    return "guides" in keys and "sections" not in keys


def _yaml_comments(lines: list[str], lineno: int, tags: tuple[str, ...]) -> list[str]:
    """Tagged `#` comments directly above the line (and at its end)."""
    found: list[str] = []
    i = lineno - 2
    while i >= 0 and lines[i].strip().startswith("#"):
        found.insert(0, lines[i].strip().lstrip("#").strip())
        i -= 1
    trailing = re.search(r"\s#\s*(.*)$", lines[lineno - 1]) if lineno - 1 < len(lines) else None
    if trailing:
        found.append(trailing.group(1))
    result = []
    for comment in found:
        lower = comment.lower()
        tag = next((t for t in tags if lower.startswith(t)), None)
        if tag:
            result.append(comment[len(tag) :].strip())
    return result


def _placeholder_notes(guide: Guide) -> dict[str, str]:
    notes = {
        "count": "the number, formatted for your language",
        "date": "the date and time, formatted for your language",
    }
    for name, var in guide.variables.items():
        notes[name] = f"{var.description or 'a value'} (e.g. {var.default})"
    for name, label in guide.labels.items():
        notes[name] = f'the product\'s button or link "{label}" (translated separately)'
    for screen_name, screen in guide.screens.items():
        for child in walk_elements(getattr(screen, "elements", ())):
            notes[f"{screen_name}.{child.id}"] = (
                f'the product\'s label "{element_label(child)}" (translated separately)'
            )

    return notes

"""What each catalog translates, measured against the template, and the report `--status` prints.

Both files are read with Babel's `read_po`, which keeps each entry's line number,
flags and `#:` references. Every message of the template (`locales/guides.pot`) is,
in a locale's catalog, translated (the handout uses it), fuzzy (never used) or
untranslated (empty, a plural form empty, or not in the catalog at all). Messages are
grouped by the guide their references point at; the handout's own words
(`src/guidepress/words.py`) form a group of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message

from .catalogs import (
    DOMAIN,
    EXTRACT_COMMAND,
    UPDATE_COMMAND,
    available_locales,
    fallback_chain,
    load_catalog,
    po_path,
    read_catalog,
    template_path,
)
from .errors import GuideError, Location
from .loader import display_path
from .pseudo import PSEUDO_LOCALE

State = Literal["translated", "fuzzy", "untranslated"]
STATES: tuple[State, ...] = ("translated", "fuzzy", "untranslated")
HANDOUT_WORDS = "handout words"
GUIDE_DIR = "guide_src"


def message_key(message: Message) -> tuple[str | None, str]:
    """(context, msgid) with the singular standing for a plural, as Babel keys its catalogs."""
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return message.context, msgid


def strings(message: Message) -> tuple[str, ...]:
    """The translation's forms: one for a plain message, nplurals for a plural."""
    return tuple(message.string) if isinstance(message.string, (tuple, list)) else (message.string or "",)


def message_state(message: Message | None) -> State:
    if message is None:
        return "untranslated"
    if message.fuzzy:
        return "fuzzy"
    return "translated" if all(strings(message)) else "untranslated"


def group_of(path: str) -> str:
    """The guide id a reference points at, or the handout words, or the file itself."""
    parts = PurePosixPath(path).parts
    if len(parts) == 2 and parts[0] == GUIDE_DIR and parts[1].endswith(".yaml"):
        return parts[1][: -len(".yaml")]
    if parts[:1] == ("src",):
        return HANDOUT_WORDS
    return path


@dataclass(frozen=True)
class EntryStatus:
    """One message of the template, as one locale's catalog has it."""

    template: Message
    message: Message | None  # the catalog's entry, None when the catalog lacks it
    state: State
    shown_from: str | None = None  # when not translated: the fallback locale the handout shows instead

    @property
    def references(self) -> tuple[tuple[str, int | None], ...]:
        """Source references (`#:`), the catalog's own when it has them, else the template's."""
        found = self.message.locations if self.message is not None and self.message.locations else None
        return tuple(found or self.template.locations)

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(group_of(path) for path, _line in self.references)) or ("other",)

    @property
    def line(self) -> int:
        """The entry's msgid line in the catalog; 0 when the catalog lacks it."""
        return self.message.lineno if self.message is not None and self.message.lineno else 0


@dataclass(frozen=True)
class CatalogStatus:
    """One locale's catalog compared with the template."""

    locale: str
    path: Path
    catalog: Catalog
    entries: tuple[EntryStatus, ...]
    obsolete: tuple[Message, ...]  # `#~` entries
    stale: tuple[Message, ...]  # live entries the template no longer has (pybabel update makes them obsolete)

    @property
    def shown_path(self) -> str:
        return display_path(self.path)

    def groups(self) -> list[str]:
        """Guides first (by id), then the handout words, then anything else."""
        names = {g for e in self.entries for g in e.groups}
        order = {HANDOUT_WORDS: 1}
        return sorted(names, key=lambda g: (order.get(g, 0 if "/" not in g else 2), g))

    def in_group(self, group: str | None) -> list[EntryStatus]:
        return [e for e in self.entries if group is None or group in e.groups]

    def count(self, state: State, group: str | None = None) -> int:
        return sum(1 for e in self.in_group(group) if e.state == state)


def read_template(locales_dir: Path, domain: str = DOMAIN) -> Catalog:
    path = template_path(locales_dir, domain)
    if not path.is_file():
        raise GuideError(Location(display_path(path)), f"no template; run: {EXTRACT_COMMAND}")
    return read_catalog(path)


def catalog_status(locales_dir: Path, locale: str, template: Catalog, domain: str = DOMAIN) -> CatalogStatus:
    """Compare the locale's catalog with the template; a `GuideError` when the catalog cannot be read."""
    path = po_path(locales_dir, locale, domain)
    catalog = read_catalog(path)
    fallbacks = [c for c in (load_catalog(locales_dir, loc, domain) for loc in fallback_chain(locale)[1:]) if c]
    entries = []
    for source in template:
        if not source.id:
            continue
        message = catalog.get(source.id, context=source.context)
        state = message_state(message)
        shown_from = None
        if state != "translated":
            key = message_key(source)
            shown_from = next((c.locale for c in fallbacks if key in c.translated), None)
        entries.append(EntryStatus(source, message, state, shown_from))
    known = {message_key(m) for m in template if m.id}
    stale = tuple(m for m in catalog if m.id and message_key(m) not in known)
    return CatalogStatus(locale, path, catalog, tuple(entries), tuple(catalog.obsolete.values()), stale)


# --- the report -------------------------------------------------------------------------


def status_report(
    locales_dir: Path, locales: Sequence[str] = (), guides: Iterable[str] = (), domain: str = DOMAIN
) -> str:
    """The `--status` report for the given locales (default: every catalog) and guides (default: all)."""
    template = read_template(locales_dir, domain)
    chosen = list(locales) or available_locales(locales_dir, domain)
    statuses = [catalog_status(locales_dir, loc, template, domain) for loc in chosen if loc != PSEUDO_LOCALE]
    notes = (
        [f"{PSEUDO_LOCALE}: the pseudo-locale, made from the template when built; complete by construction"]
        if PSEUDO_LOCALE in chosen
        else []
    )
    return format_status(template_path(locales_dir, domain), template, statuses, guides, notes)


def language_name(locale: str) -> str:
    try:
        return Locale.parse(locale.replace("-", "_")).get_display_name("en") or ""
    except (ValueError, UnknownLocaleError):
        return ""


def clip(text: str, width: int = 60) -> str:
    """The text on one line, cut with an ellipsis past `width` characters."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def short(message: Message, width: int = 60) -> str:
    """The message as one short line: `[ui] "Forgot your password?"`."""
    return (f"[{message.context}] " if message.context else "") + f'"{clip(message_key(message)[1], width)}"'


def format_status(
    template_file: Path,
    template: Catalog,
    statuses: Sequence[CatalogStatus],
    guides: Iterable[str] = (),
    notes: Iterable[str] = (),
) -> str:
    """The status report: per locale a table of counts per guide, then what is left to do."""
    total = sum(1 for m in template if m.id)
    lines = [f"Template {display_path(template_file)}: {total} messages", *notes]
    wanted = set(guides)
    for status in statuses:
        lines.append("")
        lines += _locale_block(status, wanted)
    return "\n".join(lines) + "\n"


def _locale_block(status: CatalogStatus, wanted: set[str]) -> list[str]:
    chain = fallback_chain(status.locale)[1:]
    name = language_name(status.locale)
    head = f"{status.locale}  {name}  {status.shown_path}" if name else f"{status.locale}  {status.shown_path}"
    lines = [head + (f"  (falls back to {', '.join(chain)})" if chain else "")]
    groups = [g for g in status.groups() if not wanted or g in wanted or g == HANDOUT_WORDS]
    width = max([len("all messages"), *(len(g) for g in groups)]) + 2
    lines.append("  " + " " * width + "  ".join(STATES))
    rows = [(g, g) for g in groups] + ([("all messages", None)] if not wanted and len(groups) > 1 else [])
    for label, group in rows:
        lines.append("  " + f"{label:<{width}}" + "  ".join(f"{status.count(s, group):>{len(s)}}" for s in STATES))
    lines.append(f"  obsolete (#~): {len(status.obsolete)}")
    if status.stale:
        lines.append(f"  not in the template: {len(status.stale)} (run: {UPDATE_COMMAND})")
    shown = [e for e in status.entries if not wanted or set(e.groups) & (wanted | {HANDOUT_WORDS})]
    for state in ("untranslated", "fuzzy"):
        todo = [e for e in shown if e.state == state]
        if not todo:
            continue
        lines.append(f"  {state}:")
        for entry in todo:
            lines.append("    " + _entry_line(status, entry))
    for message in status.stale:
        lines.append(f"  not in the template: {status.shown_path}:{message.lineno}  {short(message)}")
    return lines


def _entry_line(status: CatalogStatus, entry: EntryStatus) -> str:
    source = ", ".join(f"{path}:{line}" if line else path for path, line in entry.references) or "(no reference)"
    where = f"{status.shown_path}:{entry.line}" if entry.message is not None else f"{status.shown_path}: missing"
    shows = f"the handout shows {entry.shown_from}" if entry.shown_from else "the handout shows the source text"
    if entry.message is not None and entry.state == "untranslated" and any(strings(entry.message)):
        empty = [f"msgstr[{i}]" for i, text in enumerate(strings(entry.message)) if not text]
        shows = f"{', '.join(empty)} empty; {shows}"
    return f"{source}  {where}  {short(entry.template)}  ({shows})"

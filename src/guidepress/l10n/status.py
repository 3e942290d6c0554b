"""What each catalog translates, measured against its template, and the report `--status` prints.

The files are read with Babel's `read_po`, which keeps each entry's line number, flags
and `#:` references. Every message of a template is, in a locale's catalog, translated
(the handout uses it), fuzzy (never used) or untranslated (empty, a plural form empty, or
not in the catalog at all). A locale has two catalogs: the project's (`locales/guides.pot`
→ `locales/<locale>/LC_MESSAGES/guides.po`), whose messages are grouped by the guide their
references point at, and guidepress's own catalog of the handout words (`words.py`),
one group of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message

from ..errors import GuideError, Location, display_path
from .catalogs import (
    DOMAIN,
    EXTRACT_COMMAND,
    UPDATE_COMMAND,
    available_locales,
    load_catalog,
    po_path,
    read_catalog,
    template_path,
)
from .checkers import REASONS, Plurals, strings, translation_problems
from .products import QUOTES_FILE, load_quotes, product_of
from .pseudo import PSEUDO_LOCALE
from .translator import fallback_chain, stopped_by
from .words import (
    PROJECT_WORDS_TEMPLATE,
    WORDS_DOMAIN,
    WORDS_EXTRACT_COMMAND,
    WORDS_TEMPLATE_COMMAND,
    words_locales_dir,
)

State = Literal["translated", "fuzzy", "untranslated", "rejected"]
STATES: tuple[State, ...] = ("translated", "fuzzy", "untranslated", "rejected")
HANDOUT_WORDS = "handout words"
GUIDE_DIR = "guide_src"


def message_key(message: Message) -> tuple[str | None, str]:
    """(context, msgid) with the singular standing for a plural, as Babel keys its catalogs."""
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return message.context, msgid


def message_state(message: Message | None) -> State:
    if message is None:
        return "untranslated"
    if message.fuzzy:
        return "fuzzy"
    return "translated" if all(strings(message)) else "untranslated"


def group_of(path: str) -> str:
    """The guide id a reference points at, `pack <id>` for a pack, or the handout words, or the file itself."""
    parts = PurePosixPath(path).parts
    if len(parts) == 2 and parts[0] == GUIDE_DIR and parts[1].endswith(".yaml"):
        return parts[1][: -len(".yaml")]
    if len(parts) == 2 and parts[0] == "packs" and parts[1].endswith(".yaml"):
        return f"pack {parts[1][: -len('.yaml')]}"
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
    group: str | None = None  # the one group it counts in; None: the guides its references name
    reason: str | None = None  # "rejected": why the handout cannot show the translation (as a build's warning says)
    quoted: bool = False  # a label whose wording the locale quotes from `shown_from` (`products.py`)

    @property
    def references(self) -> tuple[tuple[str, int | None], ...]:
        """Source references (`#:`), the catalog's own when it has them, else the template's."""
        found = self.message.locations if self.message is not None and self.message.locations else None
        return tuple(found or self.template.locations)

    @property
    def groups(self) -> tuple[str, ...]:
        if self.group:
            return (self.group,)
        return tuple(dict.fromkeys(group_of(path) for path, _line in self.references)) or ("other",)

    @property
    def line(self) -> int:
        """The entry's msgid line in the catalog; 0 when the catalog lacks it."""
        return self.message.lineno if self.message is not None and self.message.lineno else 0


class _Grouped:
    """Entries counted by group and state."""

    if TYPE_CHECKING:  # a catalog's are a field of its own, a locale's are its two catalogs' (a property)

        @property
        def entries(self) -> tuple[EntryStatus, ...]: ...

    def groups(self) -> list[str]:
        """Guides first (by id), then packs, then the handout words, then anything else."""
        names = {g for e in self.entries for g in e.groups}

        def rank(group: str) -> int:
            if group == HANDOUT_WORDS:
                return 2
            if "/" in group:
                return 3
            return 1 if group.startswith("pack ") else 0

        return sorted(names, key=lambda g: (rank(g), g))

    def in_group(self, group: str | None) -> list[EntryStatus]:
        return [e for e in self.entries if group is None or group in e.groups]

    def count(self, state: State, group: str | None = None) -> int:
        return sum(1 for e in self.in_group(group) if e.state == state)


@dataclass(frozen=True)
class CatalogStatus(_Grouped):
    """One catalog of a locale compared with its template."""

    locale: str
    path: Path
    catalog: Catalog
    entries: tuple[EntryStatus, ...]
    obsolete: tuple[Message, ...]  # `#~` entries
    stale: tuple[Message, ...]  # live entries the template no longer has (pybabel update makes them obsolete)
    exists: bool = True  # False: there is no such catalog (guidepress lacks the locale's handout words)
    blocked: GuideError | None = None  # a fallback's catalog cannot be read: the locale is not built
    quotes: tuple[tuple[str, str], ...] = ()  # the label contexts it shows another locale's wording of

    @property
    def shown_path(self) -> str:
        return display_path(self.path)


@dataclass(frozen=True)
class LocaleStatus(_Grouped):
    """Both catalogs of a locale: the project's, and guidepress's own of the handout words."""

    project: CatalogStatus
    words: CatalogStatus

    @property
    def locale(self) -> str:
        return self.project.locale

    @property
    def catalogs(self) -> tuple[CatalogStatus, CatalogStatus]:
        return self.project, self.words

    @property
    def entries(self) -> tuple[EntryStatus, ...]:
        return self.project.entries + self.words.entries


def read_template(locales_dir: Path, domain: str = DOMAIN) -> Catalog:
    path = template_path(locales_dir, domain)
    if not path.is_file():
        raise GuideError(Location(display_path(path)), f"no template; run: {EXTRACT_COMMAND}")
    return read_catalog(path)


def read_words_template() -> Catalog:
    """The template of the handout words, inside the package."""
    path = template_path(words_locales_dir(), WORDS_DOMAIN)
    if not path.is_file():  # only in a broken checkout or install
        raise GuideError(Location(display_path(path)), f"no template; run: {WORDS_EXTRACT_COMMAND}")
    return read_catalog(path)


def catalog_status(
    locales_dir: Path,
    locale: str,
    template: Catalog,
    domain: str = DOMAIN,
    group: str | None = None,
    optional: bool = False,
    quotes: dict[str, str] | None = None,
) -> CatalogStatus:
    """Compare the locale's catalog with the template; a `GuideError` when the catalog cannot be read.

    `group` puts every entry into one group (else each goes with the guides it comes from);
    with `optional`, a missing catalog counts as one that translates nothing.
    """
    path = po_path(locales_dir, locale, domain)
    exists = path.is_file() or not optional
    catalog = read_catalog(path) if exists else Catalog(locale=None, domain=domain)
    fallbacks = []
    blocked = None
    # the handout words of a project that has its own: guidepress's of the same locale under them
    dirs = [locales_dir] + (
        [words_locales_dir()] if domain == WORDS_DOMAIN and locales_dir != words_locales_dir() else []
    )
    underlay = load_catalog(dirs[-1], locale, domain) if len(dirs) > 1 else None
    for loc in fallback_chain(locale)[1:]:
        try:
            fallbacks += [load_catalog(folder, loc, domain) for folder in dirs]
        except GuideError as exc:  # its own block says so; this locale is not built while it is broken
            blocked = exc
            break
    plurals = Plurals.of_catalog(catalog)
    entries = []
    for source in template:
        if not source.id:
            continue
        message = catalog.get(source.id, context=source.context)
        state = message_state(message)
        if state != "translated" and underlay is not None and message_key(source) in underlay.translated:
            message, state = None, "translated"  # guidepress's own wording in this language shows
        quoted = (quotes or {}).get(source.context or "")
        if quoted is not None:  # the project says this locale shows another's wording of the product's labels
            entries.append(EntryStatus(source, message, "translated", quoted, group, quoted=True))
            continue
        reason = None
        if state == "translated" and message is not None:
            for checker, problem in translation_problems(source, message, plurals):
                state, reason = "rejected", REASONS[checker](problem)
                break
        shown_from = None
        if state != "translated":
            key = message_key(source)
            shown_from = next((c.locale for c in fallbacks if c and key in c.translated), None)
        entries.append(EntryStatus(source, message, state, shown_from, group, reason))
    known = {message_key(m) for m in template if m.id}
    stale = tuple(m for m in catalog if m.id and message_key(m) not in known)
    obsolete = tuple(catalog.obsolete.values())
    shown_quotes = tuple(sorted((quotes or {}).items()))
    return CatalogStatus(locale, path, catalog, tuple(entries), obsolete, stale, exists, blocked, shown_quotes)


def locale_status(locales_dir: Path, locale: str, template: Catalog, words_template: Catalog) -> LocaleStatus:
    """A locale's project catalog and its handout words, each against its template."""
    words_dir = locales_dir if po_path(locales_dir, locale, WORDS_DOMAIN).is_file() else words_locales_dir()
    quotes = load_quotes(locales_dir, available_locales(locales_dir))
    return LocaleStatus(
        catalog_status(locales_dir, locale, template, quotes=quotes.contexts(locale)),
        catalog_status(words_dir, locale, words_template, WORDS_DOMAIN, HANDOUT_WORDS, optional=True),
    )


# --- the report -------------------------------------------------------------------------


def status_report(
    locales_dir: Path,
    locales: Sequence[str] = (),
    guides: Iterable[str] = (),
    domain: str = DOMAIN,
    errors: list[GuideError] | None = None,
) -> str:
    """The `--status` report for the given locales (default: every catalog) and guides (default: all).

    A catalog that cannot be read is reported in its locale's block, with the locales it stops
    (those that fall back to it), and the report goes on with the others; each such problem is
    also appended to `errors`, for the caller's exit status."""
    template = read_template(locales_dir, domain)
    words = read_words_template()
    chosen = list(locales) or available_locales(locales_dir, domain)
    blocks: list[LocaleStatus | tuple[str, GuideError]] = []
    for loc in chosen:
        if loc == PSEUDO_LOCALE:
            continue
        try:
            status = locale_status(locales_dir, loc, template, words)
            blocks.append(status)
            if status.project.blocked is not None and errors is not None:
                errors.append(status.project.blocked)
        except GuideError as exc:
            blocks.append((loc, exc))
            if errors is not None:
                errors.append(exc)
    notes = (
        [f"{PSEUDO_LOCALE}: the pseudo-locale, made from the templates when built; complete by construction"]
        if PSEUDO_LOCALE in chosen
        else []
    )
    known = available_locales(locales_dir, domain)
    return format_status(template_path(locales_dir, domain), template, words, blocks, guides, notes, known)


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
    words_template: Catalog,
    statuses: Sequence[LocaleStatus | tuple[str, GuideError]],
    guides: Iterable[str] = (),
    notes: Iterable[str] = (),
    known: Sequence[str] = (),
) -> str:
    """The status report: per locale a table of counts per guide, then what is left to do; a locale
    whose catalog cannot be read, as one line with the problem and the locales it stops."""
    total = sum(1 for m in template if m.id)
    words = sum(1 for m in words_template if m.id)
    lines = [
        f"Template {display_path(template_file)}: {total} messages, and guidepress's {words} handout words",
        *notes,
    ]
    wanted = set(guides)
    broken = {loc: exc for loc, exc in (s for s in statuses if isinstance(s, tuple))}
    for status in statuses:
        lines.append("")
        if isinstance(status, tuple):
            lines += _unreadable_block(*status, known, broken)
        else:
            lines += _locale_block(status, wanted)
    return "\n".join(lines) + "\n"


def _unreadable_block(locale: str, error: GuideError, known: Sequence[str], broken: dict[str, GuideError]) -> list[str]:
    """A locale not counted: one of its catalogs (or a fallback's) cannot be read."""
    name = language_name(locale)
    lines = [f"{locale}  {name}  unreadable" if name else f"{locale}  unreadable", f"  {error}"]
    path = error.location.path if error.location else ""
    owner = next((loc for loc in fallback_chain(locale) if f"/{loc}/LC_MESSAGES/" in f"/{path}"), locale)
    if owner != locale:
        lines.append(f"  {locale} falls back to {owner}, whose catalog cannot be read: {locale} is not built")
    else:
        stopped = [loc for loc in stopped_by(locale, known) if loc not in broken or loc == locale]
        if stopped:
            lines.append(f"  this also stops {', '.join(stopped)} (falls back to {locale})")
    return lines


def _locale_block(locale: LocaleStatus, wanted: set[str]) -> list[str]:
    project, words = locale.project, locale.words
    chain = fallback_chain(locale.locale)[1:]
    name = language_name(locale.locale)
    head = f"{locale.locale}  {name}  {project.shown_path}" if name else f"{locale.locale}  {project.shown_path}"
    lines = [head + (f"  (falls back to {', '.join(chain)})" if chain else "")]
    for context, other in project.quotes:
        lines.append(f"  shows {other}'s wording of the labels of {product_of(context)} ({QUOTES_FILE})")
    for catalog in locale.catalogs:
        if catalog.blocked is not None:
            lines.append(f"  not built: a catalog it falls back to cannot be read: {catalog.blocked}")
    if words.exists:
        whose = "comes with guidepress" if words.path.is_relative_to(words_locales_dir()) else "the project's own"
        lines.append(f"  handout words: {words.shown_path} ({whose})")
    else:
        lines.append(
            f"  handout words: guidepress has no {locale.locale} catalog of its own words; make the project's: "
            f"{WORDS_TEMPLATE_COMMAND} && pybabel init -D {WORDS_DOMAIN} -i {PROJECT_WORDS_TEMPLATE} -d locales "
            f"-l {locale.locale}"
        )
    groups = [g for g in locale.groups() if not wanted or g in wanted or g == HANDOUT_WORDS]
    width = max([len("all messages"), *(len(g) for g in groups)]) + 2
    lines.append("  " + " " * width + "  ".join(STATES))
    rows = [(g, g) for g in groups] + ([("all messages", None)] if not wanted and len(groups) > 1 else [])
    for label, group in rows:
        lines.append("  " + f"{label:<{width}}" + "  ".join(f"{locale.count(s, group):>{len(s)}}" for s in STATES))
    lines.append(f"  obsolete (#~): {len(project.obsolete)}")
    if project.stale:
        lines.append(f"  not in the template: {len(project.stale)} (run: {UPDATE_COMMAND})")
    for state in ("untranslated", "fuzzy", "rejected"):
        todo = [
            (catalog, e)
            for catalog in locale.catalogs
            if catalog.exists  # a catalog guidepress lacks is one line above, not one per word
            for e in catalog.entries
            if e.state == state and (not wanted or set(e.groups) & (wanted | {HANDOUT_WORDS}))
        ]
        if not todo:
            continue
        lines.append(f"  {state}:")
        for catalog, entry in todo:
            lines.append("    " + _entry_line(catalog, entry))
    for message in project.stale:
        lines.append(f"  not in the template: {project.shown_path}:{message.lineno}  {short(message)}")
    return lines


def _entry_line(status: CatalogStatus, entry: EntryStatus) -> str:
    source = ", ".join(f"{path}:{line}" if line else path for path, line in entry.references) or "(no reference)"
    where = f"{status.shown_path}:{entry.line}" if entry.message is not None else f"{status.shown_path}: missing"
    shows = f"the handout shows {entry.shown_from}" if entry.shown_from else "the handout shows the source text"
    if entry.reason:
        shows = f"{entry.reason}; {shows}"
    if entry.message is not None and entry.state == "untranslated" and any(strings(entry.message)):
        empty = [f"msgstr[{i}]" for i, text in enumerate(strings(entry.message)) if not text]
        shows = f"{', '.join(empty)} empty; {shows}"
    return f"{source}  {where}  {short(entry.template)}  ({shows})"

"""Gettext catalogs: found under a locales folder, read with Babel, compiled in memory.

A catalog is `<locales>/<locale>/LC_MESSAGES/<domain>.po`; the PO file itself is read
(never a compiled .mo beside it, which may be stale), fuzzy entries are left out, and the
result is a standard `gettext.GNUTranslations`, so plural rules come from the catalog's own
Plural-Forms header. What Babel compiles is kept in the disk cache under a hash of the PO
text, so an unchanged catalog is not parsed again by the next build. Which catalogs a
locale reads, and in what order, is `translator.py`'s business.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import babel
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from ..common import disk_cache
from ..errors import GuideError, Location, display_path
from .po_syntax import check_po

DOMAIN = "guides"
COMPILED_FORMAT = 3  # part of the cache key: raise it when what `_compile` makes changes
MAX_CATALOG_BYTES = 20 * 2**20  # a catalog of every guide a team has is a few hundred KB
EXTRACT_COMMAND = "pybabel extract -F babel.cfg -c TRANSLATORS: -o locales/guides.pot ."
UPDATE_COMMAND = "pybabel update --previous -D guides -i locales/guides.pot -d locales"


def available_locales(locales_dir: Path, domain: str = DOMAIN) -> list[str]:
    """Every locale that has a catalog for the domain, sorted."""
    return sorted(p.parent.parent.name for p in locales_dir.glob(f"*/LC_MESSAGES/{domain}.po"))


def po_path(locales_dir: Path, locale: str, domain: str = DOMAIN) -> Path:
    return locales_dir / locale / "LC_MESSAGES" / f"{domain}.po"


def template_path(locales_dir: Path, domain: str = DOMAIN) -> Path:
    """The template every catalog is updated from (see EXTRACT_COMMAND)."""
    return locales_dir / f"{domain}.pot"


@dataclass(frozen=True)
class LoadedCatalog:
    """One catalog, compiled in memory, with the ids it translates."""

    locale: str
    path: Path
    translations: gettext.GNUTranslations
    translated: frozenset[tuple[str | None, str]]
    # whether each translation may be shown, by (context, msgid, plural): `checks.unusable`'s memo
    verdicts: dict[tuple[str | None, str, str | None], str | None] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )
    # each entry's msgid line, by (context, msgid): read from the PO file only when a warning names one
    lines: dict[tuple[str | None, str], int] = field(default_factory=dict, compare=False, hash=False, repr=False)
    # the entries that are fuzzy or untranslated, by (context, msgid): read with `lines`
    pending: dict[tuple[str | None, str], str] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def _read_entries(self) -> None:
        if self.lines:
            return
        try:
            catalog = read_catalog(self.path)
        except GuideError:
            catalog = Catalog()
        for m in catalog:
            if not m.id:
                continue
            key = (m.context, m.id if isinstance(m.id, str) else m.id[0])
            self.lines[key] = m.lineno or 0
            if key not in self.translated:
                self.pending[key] = "fuzzy" if m.fuzzy else "untranslated"
        self.lines.setdefault((None, ""), 0)  # read once, even when it has no entry

    def entry(self, context: str | None, msgid: str) -> Location:
        """Where the catalog's entry for a message stands: its `msgid` line, as `--strict` reports it
        (the file's first line if it cannot be read again, changed since it was loaded)."""
        self._read_entries()
        return Location(display_path(self.path), self.lines.get((context, msgid)) or 1, 1)

    def state(self, context: str | None, msgid: str) -> str:
        """The entry's state as `--status` counts it: "translated" (though a check may still reject the
        translation), "fuzzy", "untranslated", or "missing" (not in the catalog: run pybabel update)."""
        key = (context, msgid)
        if key in self.translated:
            return "translated"
        self._read_entries()
        return self.pending.get(key, "untranslated" if key in self.lines else "missing")


def read_catalog(path: Path) -> Catalog:
    """A PO or POT file read by Babel, line numbers kept; a broken file is a `GuideError`.

    The syntax is checked first as msgfmt checks it (`po_syntax.py`), since Babel's reader
    passes over some of what every other gettext tool rejects."""
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GuideError(Location(shown, 1, 1), f"cannot read catalog: {exc.strerror}") from None
    if len(data) > MAX_CATALOG_BYTES:
        problem = f"the catalog is {len(data) // 2**20} MB; more than a guide's catalog can be"
        raise GuideError(Location(shown, 1, 1), problem)
    try:
        source = check_po(data, shown)  # the file's bytes, or its text with lines Babel would misread rewritten
    except GuideError as exc:
        raise GuideError(exc.location, f"cannot read catalog: {exc.message}") from None
    try:
        if isinstance(source, bytes):
            return read_po(io.BytesIO(source), locale=None, abort_invalid=True)
        return read_po(io.StringIO(source), locale=None, abort_invalid=True)
    except PoFileError as exc:  # Babel counts its lines from 0 here
        line = getattr(exc, "lineno", None)
        problem = str(exc).rsplit(" on ", 1)[0] if line is not None else str(exc)
        raise GuideError(
            Location(shown, line + 1 if line is not None else 1, 1),
            f"cannot read catalog: {problem}: {getattr(exc, 'line', '')!r}",
        ) from None
    except (ValueError, UnicodeDecodeError, LookupError) as exc:
        raise GuideError(Location(shown, 1, 1), f"cannot read catalog: {exc}") from None


def _load_catalog(path: Path, locale: str) -> LoadedCatalog:
    """The catalog at `path`; what Babel compiled from the very same PO text before is reused."""
    where = hashlib.sha1(str(path).encode()).hexdigest()[:8]
    text = hashlib.sha1(path.read_bytes()).hexdigest()
    cached = disk_cache.cache_path(f"catalog-{locale}-{where}", babel.__version__, COMPILED_FORMAT, text)
    match disk_cache.read(cached):
        case (bytes() as mo, frozenset() as translated):
            pass
        case _:
            mo, translated = _compile(read_catalog(path))
            disk_cache.write(cached, (mo, translated), only_one=True)
    return LoadedCatalog(locale, path, gettext.GNUTranslations(io.BytesIO(mo)), translated)


def compile_catalog(catalog: Catalog, locale: str, path: Path) -> LoadedCatalog:
    """A Babel catalog compiled in memory; fuzzy and incomplete entries are left out."""
    mo, translated = _compile(catalog)
    return LoadedCatalog(locale, path, gettext.GNUTranslations(io.BytesIO(mo)), translated)


def _compile(catalog: Catalog) -> tuple[bytes, frozenset[tuple[str | None, str]]]:
    """The catalog as .mo bytes, and the (context, id) of each message it translates."""
    buffer = io.BytesIO()
    catalog.charset = "utf-8"  # whatever the PO file was written in; gettext reads this back
    write_mo(buffer, catalog, use_fuzzy=False)
    translated = frozenset(
        (m.context, m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and not m.fuzzy and (all(m.string) if isinstance(m.string, tuple) else m.string)
    )
    return buffer.getvalue(), translated


def load_catalog(locales_dir: Path, locale: str, domain: str = DOMAIN) -> LoadedCatalog | None:
    """The locale's catalog, or None if it has none; each file is read once per process."""
    path = po_path(locales_dir, locale, domain)
    if not path.is_file():
        return None
    stat = path.stat()
    key, stamp = (path.resolve(), locale), (stat.st_mtime_ns, stat.st_size)
    with _compiled_lock:
        kept = _compiled.get(key)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    loaded = _load_catalog(key[0], locale)
    with _compiled_lock:
        _compiled[key] = (stamp, loaded)  # an edited catalog's older version goes at once
        _compiled.move_to_end(key)
        while len(_compiled) > MAX_KEPT:
            _compiled.popitem(last=False)
    return loaded


def forget_catalogs() -> None:
    """Let go of the catalogs kept in this process (as a new process starts)."""
    with _compiled_lock:
        _compiled.clear()


# The catalogs compiled in this process, one version per file, kept while the file's size and time
# are unchanged: a pure function of the file's text, bounded, safe between threads.
MAX_KEPT = 32
_compiled: OrderedDict[tuple[Path, str], tuple[tuple[int, int], LoadedCatalog]] = OrderedDict()
_compiled_lock = threading.Lock()

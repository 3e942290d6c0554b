"""The manifest: which inputs made each output, so a rebuild skips what has not changed.

`manifest.json` in the output folder (a shard writes `manifest.shard-K-of-N.json`, so shards
on different machines never clash) maps each output, by its path under the folder, to the
hash of all its inputs and the SHA-256 and size of the file. The inputs hash covers
everything that changes an output's bytes: the guide or pack file and the pack's guides,
every catalog the locale reads along its fallback chain (guidepress's own handout words
too), the tenant's row and logo, the person's row, the output choices, guidepress itself
(its files and the versions of the libraries that draw) and `SOURCE_DATE_EPOCH`.

The manifest is an input anyone who can write the output folder can edit, so it is read as
one: an entry whose path is not a plain path under the folder (`..`, absolute, through a link
that leads out), or a file not in the shape guidepress writes, makes the whole manifest ignored
with one warning (everything is built again), and a file it names is removed only while its
folder, resolved, is still inside the output folder.

An output is up to date when its entry's inputs hash matches, the file is there with the
recorded size, and it is not newer than the manifest (else it is hashed again: an edited
file is rebuilt). The manifest is written atomically, with sorted keys and no times, so the
same build writes the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from ..common import disk_cache
from ..common.write import write_atomic
from ..errors import display_path, quoted
from ..l10n.catalogs import po_path, template_path
from ..l10n.products import QUOTES_FILE
from ..l10n.pseudo import PSEUDO_LOCALE
from ..l10n.translator import fallback_chain
from ..l10n.words import WORDS_DOMAIN, words_locales_dir
from ..options import Shard

# the libraries whose version changes an output's bytes: (distribution, the module it installs)
DRAWING_LIBRARIES = (
    ("reportlab", "reportlab"),
    ("babel", "babel"),
    ("pillow", "PIL"),
    ("pypdf", "pypdf"),
    ("pyphen", "pyphen"),
    ("pyyaml", "yaml"),
    ("svglib", "svglib"),
)


def digest(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode()
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


@cache
def guidepress_fingerprint() -> str:
    """guidepress's own files (code, fonts, handout words) and the versions of the libraries
    that draw. Hashing it all takes 15 ms, so the result is kept in the disk cache under the
    files' sizes and modification times (an upgrade of either rewrites them)."""
    package = Path(__file__).resolve().parents[1]
    files = [p for p in sorted(package.rglob("*")) if p.is_file() and _counts(p)]
    origins = [_origin(module) for _, module in DRAWING_LIBRARIES]
    stats = [(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files + [o for o in origins if o]]
    cached_at = disk_cache.cache_path("fingerprint", *stats)
    found = disk_cache.read(cached_at)
    if isinstance(found, str):
        return found
    from importlib import metadata  # 10 ms to import, so only when the files changed

    h = hashlib.sha256()
    for path in files:
        h.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    for name, _ in DRAWING_LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:  # not installed: an output made without it
            h.update(f"{name}=none".encode())
    disk_cache.write(cached_at, h.hexdigest(), only_one=True)
    return h.hexdigest()


def _counts(path: Path) -> bool:
    return "__pycache__" not in path.parts and path.suffix not in (".pyc", ".mo")


def _origin(module: str) -> Path | None:
    """Where a library's package lives, without importing it."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    return Path(spec.origin) if spec is not None and spec.origin and spec.origin != "built-in" else None


def file_digest(path: Path) -> str:
    """A file's content hash (read once while its size and modification time stay the same)."""
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    return _file_digest(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=4096)
def _file_digest(path: Path, size: int, mtime_ns: int) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def catalogs_fingerprint(locales_dir: Path, locale: str) -> str:
    """Every catalog the locale's handouts read, along its fallback chain (or the templates
    the pseudo-locale is made from), and the project's quotes of other locales' labels."""
    if locale == PSEUDO_LOCALE:
        paths = [template_path(locales_dir), template_path(words_locales_dir(), WORDS_DOMAIN)]
    else:
        paths = [locales_dir / QUOTES_FILE]  # which locale's wording a product's labels show (l10n/products.py)
        for loc in fallback_chain(locale):
            # the project's catalogs (its own handout words too), then guidepress's handout words
            paths += [po_path(locales_dir, loc), po_path(locales_dir, loc, WORDS_DOMAIN)]
            paths += [po_path(words_locales_dir(), loc, WORDS_DOMAIN)]
    return digest(*(f"{p}:{file_digest(p)}" for p in paths))


def source_date_epoch() -> str:
    return os.environ.get("SOURCE_DATE_EPOCH", "").strip()


def manifest_name(shard: Shard | None) -> str:
    return f"manifest.shard-{shard.index}-of-{shard.count}.json" if shard else "manifest.json"


@dataclass
class Manifest:
    """The manifest of one output folder (or of one shard of it)."""

    path: Path
    entries: dict[str, dict[str, object]] = field(default_factory=dict)
    written_at: int = 0  # the manifest file's mtime (ns) when read: outputs newer than it are hashed
    # the entries' keys by (folder, suffix, source), made when first asked for: `replaced` runs for
    # every PNG and HTML job of a batch, and must not read every entry each time
    _groups: dict[tuple[str, str, object], set[str]] | None = field(default=None, repr=False)
    # why the file on disk was ignored (not what guidepress writes): a warning line for the build
    problem: str | None = None
    # what this build recorded (an entry) or forgot (None), by key: merged into the manifest on
    # disk when written, so that two builds into one folder at once keep each other's entries
    _changes: dict[str, dict[str, object] | None] = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, out_dir: Path, shard: Shard | None, name: str = "") -> Manifest:
        path = out_dir / (name or manifest_name(shard))
        try:
            text = path.read_text(encoding="utf-8")
            written_at = path.stat().st_mtime_ns
        except (FileNotFoundError, NotADirectoryError):
            return cls(path)  # none yet (or no folder yet): everything is built
        except (OSError, ValueError) as exc:  # unreadable, or not UTF-8
            return cls(path, problem=_ignored(path, f"cannot be read ({getattr(exc, 'strerror', None) or exc})"))
        try:
            data = json.loads(text)
        except ValueError:
            return cls(path, problem=_ignored(path, "is not JSON"))
        entries, why = _checked(data)
        manifest = cls(path, entries, written_at)
        folders: dict[Path, bool] = {}
        for key in entries:  # a folder of the output folder may be a link that leads out of it
            file = path.parent / key
            if not folders.setdefault(file.parent, manifest.inside(file)):
                why = f"names {quoted(key)}, which leads out of {display_path(path.parent)}/"
                break
        if why:
            return cls(path, problem=_ignored(path, why))
        return manifest

    def inside(self, file: Path) -> bool:
        """Whether a file the manifest names lies in the output folder, its folder resolved (a
        link to a folder elsewhere leads out): only such a file is ever removed."""
        try:
            folder = self.path.parent.resolve()
            return file.parent.resolve().is_relative_to(folder) and file.name not in ("", ".", "..")
        except (OSError, RuntimeError):  # a link loop, an unreadable folder: not ours to touch
            return False

    def key(self, file: Path) -> str:
        return file.relative_to(self.path.parent).as_posix()

    def up_to_date(self, files: Iterable[Path], inputs: str) -> bool:
        files = list(files)
        return bool(files) and all(self._current(file, inputs) for file in files)

    def _current(self, file: Path, inputs: str) -> bool:
        entry = self.entries.get(self.key(file))
        if not entry or entry.get("inputs") != inputs:
            return False
        try:
            stat = file.stat()
        except OSError:
            return False
        if stat.st_size != entry.get("size"):
            return False
        if stat.st_mtime_ns <= self.written_at:
            return True
        try:
            return hashlib.sha256(file.read_bytes()).hexdigest() == entry.get("sha256")
        except OSError:  # a folder in its place, or unreadable: built again
            return False

    def record(self, files: Mapping[Path, tuple[str, int]], inputs: str, source: str) -> None:
        """Note files just written, each with its SHA-256 and size, and the guide or pack they came from."""
        for file, (sha256, size) in files.items():
            key = self.key(file)
            self._ungroup(key)
            self.entries[key] = {"inputs": inputs, "sha256": sha256, "size": size, "source": source}
            self._changes[key] = self.entries[key]
            if self._groups is not None:
                self._groups.setdefault(_group(key, source), set()).add(key)

    def written_by(self, source: str, folder: Path) -> set[Path]:
        """The files under `folder` that the guide or pack `source` wrote."""
        prefix = self.key(folder) + "/"
        found = {
            self.path.parent / key
            for key, entry in self.entries.items()
            if key.startswith(prefix) and entry.get("source") == source
        }
        return {file for file in found if self.inside(file)}

    def replaced(self, files: Iterable[Path], source: str) -> set[Path]:
        """What `source` wrote before beside these files, of their kind and in their folder, that
        it does not write now (a guide's PNG screens renumbered when a step was added): only files
        the manifest lists, still as they were written."""
        now = {self.key(file) for file in files}
        if self._groups is None:
            self._groups = {}
            for key, entry in self.entries.items():
                self._groups.setdefault(_group(key, entry.get("source")), set()).add(key)
        found = set()
        for group in {_group(key, source) for key in now}:
            for key in sorted(self._groups.get(group, set()) - now):
                file = self.path.parent / key
                if not self.inside(file):
                    continue
                try:
                    unchanged = hashlib.sha256(file.read_bytes()).hexdigest() == self.entries[key].get("sha256")
                except OSError:  # gone already, or not a file: nothing to remove
                    continue
                if unchanged:
                    found.add(file)
        return found

    def forget(self, files: Iterable[Path]) -> None:
        for file in files:
            key = self.key(file)
            self._ungroup(key)
            self.entries.pop(key, None)
            self._changes[key] = None

    def _ungroup(self, key: str) -> None:
        if self._groups is not None and key in self.entries:
            self._groups.get(_group(key, self.entries[key].get("source")), set()).discard(key)

    def write(self) -> None:
        """Write the entries whose files still exist, sorted (a shard with no jobs writes an empty one).

        Another build may have written the manifest since this one read it (two builds into one
        folder at once): under a lock on the folder, the manifest is read again and this build's
        changes are applied to it, so that neither loses the other's entries."""
        with _folder_lock(self.path.parent):
            merged = dict(Manifest.read(self.path.parent, None, self.path.name).entries)  # {} if unusable
            for key, entry in self._changes.items():
                if entry is None:
                    merged.pop(key, None)
                else:
                    merged[key] = entry
            entries = {k: v for k, v in sorted(merged.items()) if (self.path.parent / k).is_file()}
            text = json.dumps(
                {"guidepress": guidepress_fingerprint()[:16], "outputs": entries}, indent=1, sort_keys=True
            )
            write_atomic(self.path, (text + "\n").encode())


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on the output folder while its manifest is merged and written (where
    the system has `flock`; a folder that cannot be opened is written without one)."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock
        yield
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


ENTRY_FIELDS = {"inputs": str, "sha256": str, "size": int, "source": str}


def _checked(data: object) -> tuple[dict[str, dict[str, object]], str | None]:
    """The entries of a manifest as guidepress writes it, or why the data is not one."""
    if not isinstance(data, dict) or not isinstance(data.get("outputs"), dict):
        return {}, 'is not a manifest guidepress wrote (no "outputs" object)'
    entries: dict[str, dict[str, object]] = data["outputs"]
    for key, entry in entries.items():
        if not plain_key(key):
            return {}, f"names {quoted(key)}, not a path inside its folder"
        if not isinstance(entry, dict) or any(
            not isinstance(entry.get(name), kind) or isinstance(entry.get(name), bool)
            for name, kind in ENTRY_FIELDS.items()
        ):
            return {}, f"has an entry for {quoted(key)} that is not as guidepress writes it"
    return entries, None


def plain_key(key: str) -> bool:
    """A manifest key as guidepress writes one: a relative POSIX path with no `.`, `..` or
    empty part, no backslash, colon (a Windows drive) or control character."""
    return (
        bool(key)
        and not key.startswith("/")
        and not any(c in key for c in "\\:")
        and key.isprintable()
        and all(part not in ("", ".", "..") for part in key.split("/"))
    )


def _ignored(path: Path, why: str) -> str:
    return f"{display_path(path)}:1:1: warning: {why}: ignored, every output is built again"


def _group(key: str, source: object) -> tuple[str, str, object]:
    """A manifest key's folder and suffix, with the guide or pack that wrote it."""
    folder, _, name = key.rpartition("/")
    return folder, name[name.rfind(".") :] if "." in name else "", source

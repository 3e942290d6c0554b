"""Workspace: what one build or one server has loaded and made, kept while its sources are unchanged.

A `Workspace` is created per build (`build.build`) or per opened project (`api.GuidesProject`,
which a server keeps for its lifetime). It holds the guides loaded, the handouts translated,
the screens laid out, the logos decoded and the tenants and people files read (`api.py` looks an
address's tenant up in one, and plans its one job with them), each in a bounded `Memo` keyed by what the value
was made from: a file's path, size and modification time (and for a guide, those of every
file under assets/, which decide what its images are), a handout's guide, locale, values and
catalogs. So an edited guide, catalog or logo is made again on the next use, and a process
that renders for days keeps a bounded number of each. A `Memo` is safe to share between
threads; renders themselves take turns on `rendering()`, across workspaces (reportlab's
documents are built on shared module state, and rendering is CPU-bound Python).

What stays in module-level caches, because it is a pure function of immutable inputs and
bounded: a screen's layout (`_layout`, by its spec, which holds its texts and its images'
paths and sizes: the image files themselves are read by the painters, keyed by their size
and time), font metrics and colours (`mockup/pdf.py`, `mockup/png.py`), the QR code of a
text (`qr.py`), the hyphenation of a word (`pdf/hyphenation.py`, whose word list is kept on
disk by the batch once per group and by `render` once per call), Babel's locale data, the
JSON Schema (`source/schema.py`); and a catalog compiled from a PO file, keyed by its path,
size and modification time, at most 32 (`l10n/catalogs.py`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .project import Project
from .source.loader import load_guide

if TYPE_CHECKING:
    from .document import ScreenSpec
    from .l10n.translator import Translator
    from .mockup.layout import ScreenLayout
    from .pdf.images import Picture
    from .source.model import Guide
    from .source.packs import PeopleColumns
    from .source.people import PeopleFile
    from .source.tenants import TenantsFile

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
H = TypeVar("H")  # a `build.Handout` (build.py uses this module, so it is not named here)


class Memo(Generic[K, V]):
    """A bounded, thread-safe memo: the `size` most recently used values, by key."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for `key`, else `make()` kept (made outside the lock: a slow make does
        not hold up other keys; two threads may both make a value, and the first is kept)."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = make()
        with self._lock:
            value = self._values.setdefault(key, value)
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


class Identity:
    """A key that is one object itself (compared by identity, not by its value, which may be costly
    to hash); it holds the object, so no other takes its id while the key is kept."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Identity) and other.value is self.value


class Versions(Generic[K, V]):
    """A bounded, thread-safe memo that keeps one version per key: the value made from what its
    source is now (`stamp`); an edited source replaces its older value at once."""

    def __init__(self, size: int) -> None:
        self._memo: Memo[K, tuple[Hashable, V]] = Memo(size)

    def get(self, key: K, stamp: Hashable, make: Callable[[], V]) -> V:
        kept_stamp, value = self._memo.get(key, lambda: (stamp, make()))
        if kept_stamp != stamp:
            value = make()
            self._memo.put(key, (stamp, value))
        return value

    def __len__(self) -> int:
        return len(self._memo)


def file_key(path: Path) -> tuple[str, int, int]:
    """What a file's contents are known by without reading it: its path, size and modification time."""
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)  # missing: the loader says so, with its place
    return (str(path), stat.st_size, stat.st_mtime_ns)


def tree_key(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """`file_key` of every file under a folder (an added, removed or replaced image changes it)."""
    found = []
    for where, _dirs, files in os.walk(folder):
        found += [file_key(Path(where) / name) for name in files]
    return tuple(sorted(found))


class Workspace:
    """The state of one build or one server for one project; see the module's docstring."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.guides: Versions[tuple[str, str], Guide] = Versions(64)
        # a batch's memory stays flat however many tenants it has: a group's jobs share a handout
        self.handouts: Memo[tuple[object, ...], Any] = Memo(8)
        self.pictures: Versions[tuple[str, str], Picture] = Versions(32)
        self.tenant_files: Versions[tuple[str, str], TenantsFile] = Versions(8)
        self.people_files: Versions[tuple[str, str, str], PeopleFile] = Versions(8)

    def load_guide(self, path: Path, assets_dir: Path) -> Guide:
        """The guide at `path`, loaded again when it or anything under `assets_dir` changed."""
        stamp = (file_key(path.resolve()), tree_key(assets_dir))
        return self.guides.get((str(path.resolve()), str(assets_dir)), stamp, lambda: load_guide(path, assets_dir))

    def tenants(self, path: Path) -> TenantsFile:
        """The tenants file at `path`, read again when it changed (its size or modification time)."""
        from .source.tenants import load_tenants

        resolved = path.resolve()  # and the path as given, which its problems' lines name
        return self.tenant_files.get((str(path), str(resolved)), file_key(resolved), lambda: load_tenants(path))

    def people(self, path: Path, spec: PeopleColumns) -> PeopleFile:
        """The people file at `path` read for a pack's columns, read again when it changed (its
        size or modification time) or the pack's columns did."""
        from .source.people import load_people

        resolved = path.resolve()
        key = (str(path), str(resolved), repr(spec))  # the columns are a dict: compared by their text
        return self.people_files.get(key, file_key(resolved), lambda: load_people(path, spec))

    def handout(
        self, guide: Guide, translator: Translator, values: tuple[tuple[str, str], ...], make: Callable[[], H]
    ) -> H:
        """The guide's handout in the translator's locale with these values (those the guide defines),
        made by `make` unless the same guide (the object its unchanged file loads to), catalogs (the
        objects their unchanged files compile to) and images made one."""
        from .batch.outputs import asset_files

        images = tuple(file_key(Path(path)) for _name, path in asset_files(guide))
        catalogs = tuple(Identity(catalog) for catalog in translator.catalogs)
        key = (Identity(guide), translator.locale, values, catalogs, images)
        found: H = self.handouts.get(key, make)
        return found

    def layout(self, spec: ScreenSpec, locale: str) -> ScreenLayout:
        """A screen laid out once for the same texts (see `_layout`)."""
        return _layout(spec, locale)

    def picture(self, path: Path, root: Path) -> Picture:
        """An image file decoded once while it is unchanged (a tenant's logo)."""
        from .pdf.images import load_picture

        return self.pictures.get((str(path), str(root)), file_key(path), lambda: load_picture(path, root))

    @contextlib.contextmanager
    def rendering(self) -> Iterator[None]:
        """Held while one output is made: renders take turns, those of other workspaces too (reportlab's
        fonts, its configuration and the hyphenation words are the process's, not a workspace's)."""
        with _RENDERING:
            yield


@functools.lru_cache(maxsize=256)
def _layout(spec: ScreenSpec, locale: str) -> ScreenLayout:
    """A screen laid out once per process for the same texts, whichever build or workspace asks: a
    pure function of the screen's spec (its texts, and its images' paths and sizes, compared by
    value) and the locale, so it is kept process-wide, bounded (tenants whose values do not show on
    a screen share its layout, and a build in a long-running process reuses the last one's)."""
    from .mockup.layout import layout_screen

    return layout_screen(spec, locale)


_RENDERING = threading.RLock()  # a lock, not data: see `Workspace.rendering`

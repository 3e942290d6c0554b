"""Small results kept between runs, in `$XDG_CACHE_HOME/guidepress` (or `~/.cache/guidepress`).

Each entry is one marshal file named by what it holds and a hash of everything it was made
from, written atomically. A missing, unreadable or foreign file is a miss; a cache that
cannot be written (a read-only home) only costs doing the work again next time.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path
from typing import Any

from .write import write_atomic


def cache_path(name: str, *made_from: object) -> Path:
    key = hashlib.sha1("|".join(map(str, made_from)).encode()).hexdigest()[:16]
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "guidepress" / f"{name}-{key}.marshal"


# What an entry holds: what marshal stores (None, bools, numbers, texts, bytes, and tuples, lists,
# dicts and sets of those).
Marshallable = (
    None | bool | int | float | str | bytes | tuple[Any, ...] | list[Any] | dict[Any, Any] | set[Any] | frozenset[Any]
)


def read(path: Path) -> object | None:
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write(path: Path, value: Marshallable, *, only_one: bool = False) -> None:
    """Store a value; with `only_one`, the entries of the same name made from other things go
    (an edited catalog leaves one entry, not one per version)."""
    try:
        write_atomic(path, marshal.dumps(value))
        if only_one:
            name = path.name.rsplit("-", 1)[0]
            for older in path.parent.glob(f"{name}-*.marshal"):
                if older != path:
                    older.unlink(missing_ok=True)
    except OSError:
        pass

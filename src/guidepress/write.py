"""write_atomic: a file appears whole or not at all (temporary file, fsync, rename)."""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path


@cache
def _file_mode() -> int:
    """The mode an ordinary new file gets here (0o644 under the usual umask); mkstemp's is 0o600."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), _file_mode())
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

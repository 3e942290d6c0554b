"""write_atomic: a file appears whole or not at all (temporary file, fsync, rename).

A file that cannot be written (its folder cannot be made, the disk is full, the folder is
read-only) raises `CannotWrite` naming it, and leaves nothing behind: not the temporary
file, and not a part of the new file in place of the old one.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from ..errors import CannotWrite


def write_atomic(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CannotWrite(path.parent, _reason(exc)) from None
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:  # mode 0o666 less the umask, as for any new file (mkstemp's would be 0o600)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            break
        except FileExistsError:
            continue
        except OSError as exc:
            raise CannotWrite(path.parent, _reason(exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise CannotWrite(path, _reason(exc)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)

"""The files guidepress carries inside its package, read through `importlib.resources`.

`resources/fonts/` holds Noto Sans and its licence, `resources/locales/` the catalogs of the
handout's own words, `resources/starter/` the project `guidepress init` writes. A guides
project keeps its own files (logos, screenshots) in its own `assets/` folder, never here.
"""

from __future__ import annotations

import atexit
import contextlib
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

_extracted = contextlib.ExitStack()  # files copied out of a zipped package, removed at exit
atexit.register(_extracted.close)


@cache
def resource_path(*parts: str) -> Path:
    """A file or folder of the package as a real path (reportlab and Pillow open files by name)."""
    ref = files("guidepress").joinpath("resources", *parts)
    if isinstance(ref, Path):  # an ordinary install or a checkout: the file itself
        return ref
    return _extracted.enter_context(as_file(ref))

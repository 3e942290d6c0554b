"""resolve_asset: a file an input names (a tenant's logo) as a path inside the project's `assets/`.

The name is relative to `assets/`. An absolute path, a `..` that climbs out, a symlink that
leads out, a file that is missing, and anything not a regular file are located errors; only
what `assets/` holds can reach a PDF.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from ..errors import GuideError
from .located import LocStr

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")


def resolve_asset(
    assets_dir: Path, name: LocStr, what: str = "logo", suffixes: tuple[str, ...] = IMAGE_SUFFIXES
) -> Path:
    """The file `name` under `assets_dir`, or a `GuideError` at the name's location."""
    if not name.strip():
        raise GuideError(name.loc, f"{what}: empty file name")
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or "\\" in name:
        raise GuideError(name.loc, f"{what} {name!r}: give a path relative to assets/, with '/' (not an absolute path)")
    if ".." in PurePosixPath(name).parts:
        raise GuideError(name.loc, f"{what} {name!r}: '..' is not allowed; the file must lie inside assets/")
    if PurePosixPath(name).suffix.lower() not in suffixes:
        raise GuideError(name.loc, f"{what} {name!r}: expected a {', '.join(s[1:].upper() for s in suffixes)} file")
    root = assets_dir.resolve()
    path = assets_dir / name
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        raise GuideError(name.loc, f"{what} {name!r}: no such file in {_shown(assets_dir)}/") from None
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise GuideError(name.loc, f"{what} {name!r}: cannot be read: {exc}") from None
    if not real.is_relative_to(root):
        raise GuideError(name.loc, f"{what} {name!r}: a link that leads outside assets/ is not allowed")
    if not real.is_file():
        raise GuideError(name.loc, f"{what} {name!r}: not a file")
    return real


def _shown(path: Path) -> str:
    from ..errors import display_path

    return display_path(path)

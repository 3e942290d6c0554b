"""The files an input names (a guide's images and screenshots, a tenant's logo): found inside the
project's assets/ folder and checked, not decoded.

A name is a relative path inside `assets/` (`logos/example.svg`, `screens/error.png`). It may not
be absolute, hold `..` or a backslash, or lead outside the folder through a symbolic link, and it
must name a PNG, JPEG or SVG file; a logo (`resolve_asset`) and a guide's image (`find_asset`)
are told so in the same words. A guide's image is checked further: its size, and its pixel size
read from its header (the loader imports neither Pillow nor reportlab; the mockup stage decodes
the file); an SVG image must be self-contained: no entity declarations and no reference to
another file or an address. A logo (`resolve_asset`) is decoded by `pdf/images.py`, which says
what is wrong with its contents.

A locale may have its own variant of an image, `<folder>/<locale>/<name>` beside
`<folder>/<name>` (a screenshot of the product in that language): every variant found is
checked too, and the handout of a locale shows the first of its fallback chain that exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import GuideError, Location
from .located import LocStr

FORMATS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg"}
MAX_BYTES = 20 * 1024 * 1024
MAX_SVG_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 8000 × 5000 screenshot; more is a mistake, or a decompression bomb
HEADER_BYTES = 1 << 20  # a JPEG's size is in a frame header, after its EXIF data


@dataclass(frozen=True)
class AssetFile:
    """One image file: where it is, its format and its size (pixels; an SVG's own units)."""

    path: str
    format: str
    width: float
    height: float


@dataclass(frozen=True)
class Asset:
    """An image a guide names: the file itself (None while an optional slot is empty) and its
    variants per locale."""

    name: str
    source: AssetFile | None
    variants: dict[str, AssetFile] = field(default_factory=dict)

    def for_locales(self, chain: tuple[str, ...]) -> AssetFile | None:
        """The file a handout in the first locale of `chain` shows: its own variant, a fallback's, or the source."""
        for locale in chain:
            if locale in self.variants:
                return self.variants[locale]
        return self.source


class AssetProblem(Exception):
    """Why a file cannot be used; the loader turns it into a located error."""


def resolve_asset(assets_dir: Path, name: LocStr) -> Path:
    """The real path of the logo `name` inside `assets_dir`; a `GuideError` at the name's location
    if the name or the file is not allowed."""
    try:
        relative = _relative(name)
        path = assets_dir / relative
        if not (path.exists() or path.is_symlink()):
            raise AssetProblem(f"no such file: {_shown(assets_dir, relative)}")
        return _inside(path, assets_dir.resolve())
    except AssetProblem as exc:
        raise GuideError(name.loc, f"logo {name!r}: {exc}") from None


def find_asset(name: str, location: Location, assets_dir: Path, required: bool = True) -> Asset:
    """The checked file `name` inside `assets_dir` and its locale variants; a GuideError if it cannot be used."""
    try:
        relative = _relative(name)
        root = assets_dir.resolve()
        path = assets_dir / relative
        source = _checked(path, root) if path.exists() or path.is_symlink() else None
        if source is None and required:
            raise AssetProblem(f"no such file: {_shown(assets_dir, relative)}")
        variants = {}
        parent = path.parent
        if parent.is_dir():
            for folder in sorted(p for p in parent.iterdir() if p.is_dir()):
                candidate = folder / relative.name
                if candidate.exists() or candidate.is_symlink():
                    variants[folder.name] = _checked(candidate, root)
    except AssetProblem as exc:
        raise GuideError(location, f"image {name!r}: {exc}") from None
    return Asset(name, source, variants)


def _relative(name: str) -> PurePosixPath:
    if not name.strip():
        raise AssetProblem("the name is empty")
    if "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise AssetProblem("give a path inside the project's assets/ folder, with / between folders")
    relative = PurePosixPath(name)
    if ".." in relative.parts:
        raise AssetProblem("'..' may not lead out of the assets/ folder")
    if relative.suffix.lower() not in FORMATS:
        raise AssetProblem(f"{relative.suffix or 'no extension'}: use a PNG, JPEG or SVG file (.png, .jpg, .svg)")
    return relative


def _inside(path: Path, root: Path) -> Path:
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        raise AssetProblem("a symbolic link leads to no file") from None
    except (OSError, RuntimeError) as exc:  # a symbolic link loop
        raise AssetProblem(f"cannot be read: {exc}") from None
    if not real.is_relative_to(root):
        raise AssetProblem("a symbolic link leads outside the assets/ folder")
    if not real.is_file():
        raise AssetProblem(f"{path.name} is not a file")
    return real


def _shown(assets_dir: Path, relative: PurePosixPath) -> str:
    return f"{assets_dir.name}/{relative}"


def _checked(path: Path, root: Path) -> AssetFile:
    real = _inside(path, root)
    size = real.stat().st_size
    kind = FORMATS[path.suffix.lower()]
    limit = MAX_SVG_BYTES if kind == "svg" else MAX_BYTES
    if size > limit:
        raise AssetProblem(f"{_megabytes(size)} is too large (at most {_megabytes(limit)})")
    try:
        with real.open("rb") as fh:
            data = fh.read(limit if kind == "svg" else HEADER_BYTES)
    except OSError as exc:
        raise AssetProblem(f"cannot read: {exc.strerror}") from None
    width, height = {"png": _png_size, "jpeg": _jpeg_size, "svg": _svg_size}[kind](data)
    if width <= 0 or height <= 0:
        raise AssetProblem("has no size")
    if kind != "svg" and width * height > MAX_PIXELS:
        raise AssetProblem(
            f"{width:.0f} × {height:.0f} pixels is too large (at most {MAX_PIXELS // 1_000_000} megapixels)"
        )
    return AssetFile(str(real), kind, width, height)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _png_size(data: bytes) -> tuple[float, float]:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise AssetProblem("is not a PNG file")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(data: bytes) -> tuple[float, float]:
    if data[:2] != b"\xff\xd8":
        raise AssetProblem("is not a JPEG file")
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            raise AssetProblem("is not a readable JPEG file")
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if marker in _SOF:
            return int.from_bytes(data[i + 7 : i + 9], "big"), int.from_bytes(data[i + 5 : i + 7], "big")
        i += 2 + length
    raise AssetProblem("is not a readable JPEG file (no frame header)")


_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px|pt|pc|mm|cm|in)?\s*$")
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def _svg_size(data: bytes) -> tuple[float, float]:
    """The SVG's size in CSS pixels, after checking that it is self-contained."""
    if b"<!ENTITY" in data or b"<!entity" in data:
        raise AssetProblem("an SVG may not declare XML entities")
    import xml.etree.ElementTree as ElementTree  # only a guide with an SVG needs it

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise AssetProblem(f"is not a readable SVG file ({exc})") from None
    if not root.tag.endswith("svg"):
        raise AssetProblem("is not an SVG file")
    for element in root.iter():
        for attribute, value in element.attrib.items():
            if attribute in ("href", _XLINK_HREF) and not _internal(value):
                raise AssetProblem(
                    f"refers to {value[:60]!r}: an SVG must be self-contained (no other file or address)"
                )
            if _external_url(value):  # fill="url(…)", style="…url(…)": only #fragments
                raise AssetProblem(f"its {attribute.rsplit('}', 1)[-1]} refers to another file or address")
            if attribute in ("href", _XLINK_HREF) and element.tag.endswith("image"):
                _embedded_size(value)
        if (
            element.tag.endswith("style")
            and element.text
            and (_external_url(element.text) or "@import" in element.text)
        ):
            raise AssetProblem("its styles refer to another file or address")
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if (width is None or height is None) and len(box) == 4:
        try:
            vw, vh = float(box[2]), float(box[3])
        except ValueError:
            vw = vh = 0.0
        if width is None and height is None:
            width, height = vw, vh
        elif width is None and height is not None and vh:
            width = height * vw / vh
        elif height is None and width is not None and vw:
            height = width * vh / vw
    if not width or not height:
        raise AssetProblem("an SVG needs a width and height or a viewBox")
    return width, height


def _embedded_size(href: str) -> None:
    """An image embedded in an SVG is held to the pixel limit of an image file."""
    import base64
    import binascii

    try:
        text = re.sub(r"\s", "", href.split(",", 1)[1])
        data = base64.b64decode(text[: HEADER_BYTES // 3 * 4])  # a whole number of 4-character groups
    except (binascii.Error, ValueError, IndexError):
        raise AssetProblem("an image inside it is not valid base64") from None
    try:
        width, height = (_png_size if data[:1] == b"\x89" else _jpeg_size)(data)
    except AssetProblem:
        raise AssetProblem("an image inside it is not a readable PNG or JPEG") from None
    if width * height > MAX_PIXELS:
        raise AssetProblem(
            f"an image inside it has {width:.0f} × {height:.0f} pixels (at most {MAX_PIXELS // 1_000_000} megapixels)"
        )


def _internal(value: str) -> bool:
    value = value.strip()
    return value.startswith("#") or bool(re.match(r"^data:image/(png|jpe?g);base64,", value))


def _external_url(text: str) -> bool:
    return any(not _internal(target.strip("'\" ")) for target in re.findall(r"url\(([^)]*)\)", text))


def _length(value: str | None) -> float | None:
    if value is None:
        return None
    match = _LENGTH.match(value)
    if not match:
        return None  # per cent or empty: the viewBox decides
    return float(match.group(1)) * _UNITS[match.group(2) or ""]

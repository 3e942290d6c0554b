"""Pictures from files (a tenant's logo): PNG and JPEG as images, SVG as reportlab vectors
(svglib), each scaled into a fixed box. Nothing in them is drawn transparent (PDF/A): an SVG's
translucent colours are mixed with white here, a raster's alpha where it is embedded.

`load_picture` decodes once and says what is wrong with a file in words (`PictureError`);
the caller puts the location on it. An SVG is parsed with no network, no external entities
and no DTD; it may point only at its own fragments, embedded `data:` images, or files
inside the assets folder (`root`), so a logo never fetches a URL or reads a file elsewhere;
`url(…)` may name only its fragments, an image inside it is held to the same pixel limit,
and its texts are set in Noto Sans with no font lookup (see `mockup/untrusted_svg.py`).
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable

from ..mockup.pdf import image_reader
from ..mockup.untrusted_svg import HANDOUT_FONTS, draw_svg, guard_svglib, svg_problem

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 25_000_000  # 5000 × 5000; a logo needs far less
MAX_SIDE = 1000  # pixels kept: 300 dpi over a 240 pt box; a larger image is scaled down once, at load
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


class PictureError(Exception):
    """A picture file that cannot be used, with the reason in words."""


@dataclass(frozen=True)
class Picture:
    """A decoded picture and its natural size (points for SVG, pixels for raster images)."""

    width: float
    height: float
    raster: bytes = b""  # PNG or JPEG file bytes
    drawing: Any = None  # a reportlab Drawing, for SVG

    def fit(self, box_width: float, box_height: float) -> tuple[float, float]:
        """The largest size with the picture's proportions that fits the box."""
        scale = min(box_width / self.width, box_height / self.height)
        return self.width * scale, self.height * scale


def load_picture(path: Path, root: Path) -> Picture:
    """Decode a PNG, JPEG or SVG file; `root` is the folder an SVG's references must stay in."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PictureError(f"the file is {size / 1e6:.0f} MB; a logo must be under {MAX_FILE_BYTES / 1e6:.0f} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise PictureError(f"cannot be read: {exc.strerror}") from None
    if path.suffix.lower() == ".svg":
        return _svg(data, path, root)
    return _raster(data)


def _raster(data: bytes) -> Picture:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # Pillow's bomb warning: the limit below says it, in one line
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        with image:
            if image.format not in ("PNG", "JPEG"):
                raise PictureError(f"a {image.format} image; use PNG, JPEG or SVG")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PictureError(f"{width} × {height} pixels is too large for a logo (at most {MAX_PIXELS:,} pixels)")
            image.load()  # a truncated or corrupt file fails here, not in the middle of a PDF
            if max(width, height) > MAX_SIDE:  # every PDF would carry (and compress) all of it
                data = _scaled_down(image)
    except Image.DecompressionBombError:
        raise PictureError(f"too large for a logo (more than {MAX_PIXELS:,} pixels)") from None
    except UnidentifiedImageError as exc:
        raise PictureError(f"not a PNG or JPEG image that can be read ({exc.__class__.__name__})") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise PictureError(f"the image is damaged: {exc}") from None
    if not width or not height:
        raise PictureError("the image is empty")
    return Picture(float(width), float(height), raster=data)


def _scaled_down(image: Any) -> bytes:
    """The image at MAX_SIDE pixels on its longer side, as PNG (JPEG stays JPEG)."""
    from PIL import Image

    scale = MAX_SIDE / max(image.size)
    size = (max(1, round(image.size[0] * scale)), max(1, round(image.size[1] * scale)))
    out = io.BytesIO()
    smaller = image.resize(size, Image.Resampling.LANCZOS)
    if image.format == "JPEG":
        smaller.convert("RGB").save(out, "JPEG", quality=90)
    else:
        smaller.save(out, "PNG")
    return out.getvalue()


def _svg(data: bytes, path: Path, root: Path) -> Picture:
    if re.search(rb"<!ENTITY", data, re.IGNORECASE):  # never expanded; refused as a guide's SVG image is
        raise PictureError("an SVG may not declare XML entities")
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        tree = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise PictureError(f"not a well-formed SVG file: {exc.msg} (line {exc.lineno})") from None
    if not isinstance(tree.tag, str) or etree.QName(tree).localname != "svg":
        raise PictureError("not an SVG file (its root element is not <svg>)")
    for element in tree.iter():
        for attribute in (XLINK_HREF, "href"):
            href = element.get(attribute) if isinstance(element.tag, str) else None
            if href and not _allowed_reference(href, path, root):
                raise PictureError(f"the SVG refers to {href[:80]!r}; it may use only files inside assets/")
    problem = svg_problem(tree, path, root, MAX_PIXELS)  # url(…) anywhere; the images inside it
    if problem:
        raise PictureError(problem)
    from svglib.svglib import SvgRenderer

    guard_svglib()
    try:
        renderer = SvgRenderer(str(path), font_map=HANDOUT_FONTS, external_reference_root=str(root))
        drawing = renderer.render(tree)
    except Exception as exc:  # svglib's own failures on odd input: the file's problem, not a crash
        raise PictureError(f"the SVG cannot be drawn: {exc.__class__.__name__}: {exc}") from None
    if drawing is None or not drawing.width or not drawing.height:
        raise PictureError("the SVG has no size (give it width and height, or a viewBox)")
    _handout_fonts(drawing)
    _opaque(drawing)
    return Picture(float(drawing.width), float(drawing.height), drawing=drawing)


def _handout_fonts(node: Any) -> None:
    """Text in an SVG is set in the handout's own embedded Noto Sans (bold where the SVG's font
    is bold), never in a font the PDF would not embed."""
    from ..mockup.fonts import NAMES, register_fonts

    register_fonts()
    node.initialFontName = NAMES["regular"]  # the drawing's default: no other font enters the PDF
    stack = list(getattr(node, "contents", ()))
    while stack:
        item = stack.pop()
        name = getattr(item, "fontName", None)
        if name is not None:
            item.fontName = NAMES["bold"] if "bold" in str(name).lower() else NAMES["regular"]
        stack.extend(getattr(item, "contents", ()))


def _opaque(node: Any) -> None:
    """Translucent fills and strokes (`fill-opacity`, `stroke-opacity`, rgba colours) mixed with the
    white page they stand on, then drawn opaque: PDF/A-1 readers, and PDFBox's Preflight that checks
    our PDF/A-2 files by their rules, refuse constant alpha below 1."""
    from reportlab.lib.colors import Color

    stack = [node]
    while stack:
        item = stack.pop()
        for colour_key, opacity_key in (("fillColor", "fillOpacity"), ("strokeColor", "strokeOpacity")):
            colour, opacity = getattr(item, colour_key, None), getattr(item, opacity_key, None)
            if opacity is not None:
                setattr(item, opacity_key, None)
            if colour is None or not hasattr(colour, "red"):
                continue
            alpha = min(float(getattr(colour, "alpha", 1)), 1.0 if opacity is None else float(opacity))
            if alpha < 1:
                rgb = (colour.red, colour.green, colour.blue)
                setattr(item, colour_key, Color(*(c * alpha + 1 - alpha for c in rgb)))
        stack.extend(getattr(item, "contents", ()))


def _allowed_reference(href: str, path: Path, root: Path) -> bool:
    """An SVG reference: a fragment, an embedded PNG or JPEG, or a relative path inside `root`."""
    href = href.strip()
    if href.startswith("#") or re.match(r"^data:image/(png|jpe?g);base64,", href):
        return True
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href) or href.startswith(("/", "\\")):
        return False  # a URL (http:, file:, ...) or an absolute path
    target = (path.parent / href.split("#", 1)[0]).resolve()
    return target.is_relative_to(root.resolve())


class PictureBox(Flowable):
    """A picture scaled into a fixed box, at the box's top left, keeping its proportions."""

    def __init__(self, picture: Picture, width: float, height: float, node: Any = None) -> None:
        super().__init__()
        self.picture = picture
        self.node = node  # its Figure in the structure tree (`tagging.Node`)
        self.width, self.height = width, height

    def draw(self) -> None:
        from .tagging import bbox, tagger_of

        tagger = tagger_of(self.canv)
        if tagger is None:
            return self._draw()
        w, h = self.picture.fit(self.width, self.height)
        self.node.attributes = {"O": "Layout", "BBox": bbox(self.canv, w, self.height)}
        with tagger.content(self.canv, self.node):
            self._draw()

    def _draw(self) -> None:
        picture, canvas = self.picture, self.canv
        w, h = picture.fit(self.width, self.height)
        y = self.height - h  # top of the box
        if picture.drawing is None:
            canvas.drawImage(image_reader(picture.raster), 0, y, w, h, mask="auto")
            return
        canvas.saveState()
        canvas.translate(0, y)
        canvas.scale(w / picture.width, h / picture.height)
        draw_svg(picture.drawing, canvas)  # its images as image objects (reportlab's inline ones fail)
        canvas.restoreState()

"""svglib held to what a handout allows: the workarounds around its internals live here.

- **Fonts.** svglib looks a font family up in reportlab's font search path and then with
  `fc-match`, one program per family (and per word of it): a logo naming 2,000 families ran
  for minutes. A handout sets every SVG text in its own Noto Sans anyway, so `HANDOUT_FONTS`
  answers every family at once (bold when asked) and nothing is looked up; svglib's global map,
  which it uses for an SVG another one refers to, is given the same answer (`guard_svglib`).
- **References.** `url(…)` in any attribute or style may name only the SVG's own fragments
  (`url(#gradient)`); `svg_problem` says what else an SVG refers to, before svglib reads it.
- **Images inside an SVG.** An embedded (`data:`) or referenced PNG or JPEG is held to the
  pixel limit before svglib decodes it (`svg_problem`), and reportlab's renderer, which draws
  svglib's images inline (failing with `rl_config.useA85` off, as the handout sets it), draws
  them as image objects instead (`draw_svg`).
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import warnings
from pathlib import Path
from typing import Any

MAX_PIXELS = 25_000_000  # as for a logo or screenshot file: 5000 × 5000
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_DATA_IMAGE = re.compile(r"^data:image/(png|jpe?g);base64,", re.IGNORECASE)


class HandoutFontMap:
    """svglib's font map, answering every family with the handout's Noto Sans."""

    def find_font(self, font_name: str, weight: str = "normal", style: str = "normal") -> tuple[str, bool]:
        from .fonts import NAMES, register_fonts

        register_fonts()
        bold = str(weight).lower() in ("bold", "bolder", "600", "700", "800", "900")
        return NAMES["bold"] if bold else NAMES["regular"], True


HANDOUT_FONTS = HandoutFontMap()


def guard_svglib() -> None:
    """Make svglib's global font map answer as `HANDOUT_FONTS` (an SVG that another refers to is
    read with it), so that no font is ever looked up in the system nor a program started."""
    from svglib import fonts

    font_map = fonts.get_global_font_map()
    font_map.find_font = HANDOUT_FONTS.find_font  # type: ignore[method-assign]  # svglib's one lookup, replaced


def outside_url(text: str) -> str | None:
    """The first `url(…)` target in an attribute's or style's text that is not a `#fragment`."""
    for match in _URL.finditer(text):
        target = match.group(2).strip()
        if not target.startswith("#"):
            return target
    if re.search(r"@import", text, re.IGNORECASE):
        return "@import"
    return None


def svg_problem(tree: Any, path: Path | None, root: Path | None, max_pixels: int = MAX_PIXELS) -> str | None:
    """What is wrong with an SVG's references and images, in words, or None: a `url(…)` that
    is not a fragment, and a PNG or JPEG inside it (embedded, or a file under `root`) that
    cannot be read or has more than `max_pixels` pixels."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        texts = list(element.attrib.items())
        if element.text and element.tag.rsplit("}", 1)[-1] == "style":
            texts.append(("style", element.text))
        for name, value in texts:
            target = outside_url(value)
            if target is not None:
                shown = target if len(target) <= 80 else target[:80] + "…"
                return (
                    f"the SVG refers to {shown!r} in {name.rsplit('}', 1)[-1]}; url(…) may name only its own #fragments"
                )
        href = element.get(XLINK_HREF) or element.get("href")
        if href and element.tag.rsplit("}", 1)[-1] == "image":
            problem = _image_problem(href.strip(), path, root, max_pixels)
            if problem:
                return problem
    return None


def _image_problem(href: str, path: Path | None, root: Path | None, max_pixels: int) -> str | None:
    from PIL import Image, UnidentifiedImageError

    source: io.BytesIO | Path  # the image's bytes, or its file
    if _DATA_IMAGE.match(href):
        try:
            data = base64.b64decode(href.split(",", 1)[1], validate=False)
        except (binascii.Error, ValueError):
            return "an image inside the SVG is not valid base64"
        source = io.BytesIO(data)
    elif href.startswith("#") or path is None or root is None:
        return None  # a fragment; or no file to resolve against: svglib draws nothing
    else:
        file = (path.parent / href.split("#", 1)[0]).resolve()
        if not file.is_file() or not file.is_relative_to(root.resolve()):
            return None  # the caller's reference check says what is wrong
        if file.suffix.lower() == ".svg":
            return None
        source = file
    try:
        with warnings.catch_warnings():  # the limit below says it, in one line
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(source) as image:  # reads the header only: the pixels are not decoded
                width, height = image.size
                if image.format not in ("PNG", "JPEG"):
                    return f"an image inside the SVG is {image.format}; use PNG or JPEG"
    except Image.DecompressionBombError:
        return f"an image inside the SVG has more than {max_pixels:,} pixels"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return "an image inside the SVG cannot be read (not a PNG or JPEG)"
    if width * height > max_pixels:
        return f"an image inside the SVG has {width} × {height} pixels (at most {max_pixels:,})"
    return None


def draw_svg(drawing: Any, canvas: Any, x: float = 0, y: float = 0) -> None:
    """Draw svglib's drawing on a reportlab canvas, its images as image objects."""
    from reportlab.graphics import renderPDF
    from reportlab.lib.utils import ImageReader

    class Renderer(renderPDF._PDFRenderer):  # reportlab's renderer, one method replaced
        def drawImage(self, image: Any) -> None:  # noqa: N802 (reportlab's name)
            if image.path is None or not hasattr(image.path, "mode"):
                return  # svglib gives a PIL image, or nothing for a reference it refused
            self._canvas.drawImage(ImageReader(image.path), image.x, image.y, image.width, image.height, mask="auto")

    Renderer().draw(renderPDF.renderScaledDrawing(drawing), canvas, x, y, showBoundary=False)

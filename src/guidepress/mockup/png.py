"""Paints a laid-out mockup into a PNG with Pillow, at twice the CSS-pixel size.

One point of layout is 4/3 CSS pixels, so the default scale is 8/3 image pixels per
point. Text is drawn with the same Noto Sans files the PDF embeds.
"""

from __future__ import annotations

import io
import math
from functools import cache, lru_cache

from PIL import Image, ImageDraw, ImageFont, features

from . import shapes
from .fonts import font_path, text_width
from .layout import AnnotatedView
from .shapes import Circle, Line, Path, Rect, Shape, Text

CSS_PX_PER_PT = 4 / 3
DEFAULT_SCALE = 2 * CSS_PX_PER_PT


# Text is set as the layout measured it, with reportlab's widths: each glyph at its unrounded
# advance, without kerning. HarfBuzz (Pillow's Raqm layout, in the PyPI wheels when FriBiDi is
# found) does that at the fractional size with kerning turned off. Pillow's basic layout rounds
# the size to whole pixels and each advance to the hinted one, up to 5% off over a line, so
# without Raqm each character is placed where reportlab's widths put it.
RAQM = features.check("raqm")
NO_KERNING = ["-kern"] if RAQM else None


@cache
def _font(style: str, px: float) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if RAQM else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(font_path(style)), size=max(1.0, px), layout_engine=engine)


def png_size(view: AnnotatedView, scale: float = DEFAULT_SCALE) -> tuple[int, int]:
    return round(view.width * scale), round(view.height * scale)


def render_png(view: AnnotatedView, scale: float = DEFAULT_SCALE) -> bytes:
    """The annotated mockup as PNG bytes (no metadata, so the bytes are reproducible)."""
    image = Image.new("RGB", png_size(view, scale), "white")
    draw = ImageDraw.Draw(image)
    for shape in view.shapes:
        if isinstance(shape, shapes.Image):
            _paste(image, shape, scale)
        elif isinstance(shape, Path):
            _path(image, draw, shape, scale)
        else:
            _paint(draw, shape, scale)
    # Saved as RGB, not reduced to a 256-colour palette: Pillow's fast quantizer merged the
    # screen's page grey with its white cards, and its exact ones cost more than this saves.
    # zlib level 3: level 6 and up take 40% longer for a sixth fewer bytes.
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3)
    return out.getvalue()


def _paint(draw: ImageDraw.ImageDraw, s: Shape, k: float) -> None:
    if isinstance(s, Rect):
        b = s.box
        xy = [b.x * k, b.y * k, (b.x + b.w) * k, (b.y + b.h) * k]
        width = max(1, round(s.width * k)) if s.stroke else 0
        if s.dash and s.stroke:
            _dashed_rect(draw, xy, s.stroke, width, s.dash, k)
            return
        draw.rounded_rectangle(xy, radius=s.radius * k, fill=s.fill, outline=s.stroke, width=width)
    elif isinstance(s, Circle):
        xy = [(s.cx - s.r) * k, (s.cy - s.r) * k, (s.cx + s.r) * k, (s.cy + s.r) * k]
        draw.ellipse(xy, fill=s.fill, outline=s.stroke, width=max(1, round(s.width * k)) if s.stroke else 0)
    elif isinstance(s, Line):
        points = [(x * k, y * k) for x, y in s.points]
        draw.line(points, fill=s.color, width=max(1, round(s.width * k)), joint="curve")
    elif isinstance(s, Text):
        font = _font(s.style, s.size * k)
        anchor = {"start": "ls", "middle": "ms", "end": "rs"}[s.anchor]
        if RAQM:
            draw.text((s.x * k, s.y * k), s.text, fill=s.color, font=font, anchor=anchor, features=NO_KERNING)
        else:
            _glyph_by_glyph(draw, s, font, k)
    else:  # a shape added to shapes.py without its painter here: never left out of a picture in silence
        raise TypeError(f"the PNG painter has no branch for {type(s).__name__}; add one to mockup/png.py")


def _glyph_by_glyph(draw: ImageDraw.ImageDraw, s: Text, font: ImageFont.FreeTypeFont, k: float) -> None:
    """Without Raqm: each character where reportlab's advances put it (the basic layout's own
    advances are hinted and rounded)."""
    x = s.x - {"start": 0.0, "middle": 0.5, "end": 1.0}[s.anchor] * text_width(s.text, s.style, s.size)
    for char in s.text:
        draw.text((x * k, s.y * k), char, fill=s.color, font=font, anchor="ls")
        x += text_width(char, s.style, s.size)


def _path(image: Image.Image, draw: ImageDraw.ImageDraw, s: Path, k: float) -> None:
    """Polygons filled with the even-odd rule, as the PDF fills them (Pillow fills one polygon
    at a time, and XOR-ing them would open a gap where two share an edge)."""
    polygons = [[(x * k, y * k) for x, y in polygon] for polygon in s.polygons]
    if s.fill and len(polygons) == 1:
        draw.polygon(polygons[0], fill=s.fill)
    elif s.fill:
        _fill_even_odd(image, polygons, s.fill)
    if s.stroke:
        width = max(1, round(s.width * k))
        for polygon in polygons:
            draw.line([*polygon, polygon[0]], fill=s.stroke, width=width, joint="curve")


def _fill_even_odd(image: Image.Image, polygons: list[list[tuple[float, float]]], color: str) -> None:
    """Scanline fill: at each pixel row's centre, the spans between pairs of crossed edges."""
    rows: dict[int, list[float]] = {}
    for polygon in polygons:
        for (x0, y0), (x1, y1) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
            if y0 == y1:
                continue
            if y0 > y1:
                x0, y0, x1, y1 = x1, y1, x0, y0
            slope = (x1 - x0) / (y1 - y0)
            for row in range(max(0, math.ceil(y0 - 0.5)), min(image.height, math.ceil(y1 - 0.5))):
                rows.setdefault(row, []).append(x0 + (row + 0.5 - y0) * slope)
    mask = Image.new("1", image.size, 0)
    paint = ImageDraw.Draw(mask)
    for row, xs in rows.items():
        xs.sort()
        for start, end in zip(xs[::2], xs[1::2], strict=False):
            left, right = round(start), round(end) - 1
            if right >= left:
                paint.line([(left, row), (right, row)], fill=1)
    image.paste(color, (0, 0), mask)


def _paste(image: Image.Image, s: shapes.Image, k: float) -> None:
    """The picture scaled into its box (transparent parts show what lies below)."""
    b = s.box
    x0, y0 = round(b.x * k), round(b.y * k)
    size = (max(1, round((b.x + b.w) * k) - x0), max(1, round((b.y + b.h) * k) - y0))
    picture = _decoded(s.data).resize(size, Image.Resampling.LANCZOS)
    if picture.mode == "RGBA":
        image.paste(picture.convert("RGB"), (x0, y0), picture)
    else:
        image.paste(picture, (x0, y0))


@lru_cache(maxsize=16)
def _decoded(data: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(data))
    return picture.convert("RGBA" if "A" in picture.getbands() or "transparency" in picture.info else "RGB")


def _dashed_rect(
    draw: ImageDraw.ImageDraw, xy: list[float], color: str, width: int, dash: tuple[float, float], k: float
) -> None:
    x0, y0, x1, y1 = xy
    on, off = dash[0] * k, dash[1] * k
    for (ax, ay), (bx, by) in (((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1)), ((x0, y1), (x0, y0))):
        length = abs(bx - ax) + abs(by - ay)
        t = 0.0
        while t < length:
            t2 = min(t + on, length)
            f0, f1 = t / length, t2 / length
            draw.line(
                [(ax + (bx - ax) * f0, ay + (by - ay) * f0), (ax + (bx - ax) * f1, ay + (by - ay) * f1)],
                fill=color,
                width=width,
            )
            t = t2 + off

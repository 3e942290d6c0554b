"""Pictures from the project's assets, decoded for layout: raster bytes, and SVG as shapes.

The loader has already checked each file (inside `assets/`, a known format, not too large,
an SVG with no external reference). Here a PNG or JPEG becomes the bytes an `Image` shape
carries (scaled down when it has far more pixels than a page can show), and an SVG becomes
vector shapes (`Path`, `Line`, `Text`) through svglib, so that every painter draws it as
it draws the rest of the screen: nothing is rasterised and nothing is fetched. The SVG's
shapes are kept between runs in the disk cache, keyed by the file's bytes (svglib takes
a sixth of a second to import).
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
from functools import lru_cache
from pathlib import Path as FilePath
from types import ModuleType
from typing import TYPE_CHECKING

from ..common import disk_cache
from ..document import Picture
from .shapes import Box, Line, Path, Shape, Text
from .untrusted_svg import HANDOUT_FONTS, guard_svglib

if TYPE_CHECKING:  # reportlab is imported when an SVG is first read
    from reportlab.graphics.shapes import Path as RlPath
    from reportlab.lib.colors import Color

MAX_PIXELS_WIDE = 1600  # about 450 dpi for a screen across half an A4 page: plenty for print
CURVE_STEPS = 8

# An SVG's shapes in its own units, y down: ("path", polygons, fill, stroke, width) or
# ("line", points, color, width) or ("text", x, y, text, bold, size, color, anchor).
SvgItem = tuple


def raster_bytes(picture: Picture) -> tuple[bytes, tuple[int, int]]:
    """The bytes to embed for a PNG or JPEG and their pixel size."""
    path = FilePath(picture.path)
    stat = path.stat()
    return _raster(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _raster(path: str, _mtime: int, _size: int) -> tuple[bytes, tuple[int, int]]:
    data = FilePath(path).read_bytes()
    from PIL import Image as PILImage  # only a guide with a raster image needs Pillow here

    with PILImage.open(io.BytesIO(data)) as image:
        size = image.size
        if size[0] <= MAX_PIXELS_WIDE:
            return data, size
        scaled = image.resize(
            (MAX_PIXELS_WIDE, round(size[1] * MAX_PIXELS_WIDE / size[0])), PILImage.Resampling.LANCZOS
        )
        out = io.BytesIO()
        if image.format == "JPEG":
            scaled.convert("RGB").save(out, format="JPEG", quality=88)
        else:
            scaled.save(out, format="PNG", compress_level=6)
        return out.getvalue(), scaled.size


def svg_shapes(picture: Picture, box: Box) -> list[Shape]:
    """The SVG drawn into `box` (its aspect ratio is the box's) as painter primitives."""
    items, (width, height) = _svg_items(picture.path)
    sx, sy = box.w / width, box.h / height
    k = math.sqrt(sx * sy)

    def at(point: tuple[float, float]) -> tuple[float, float]:
        return box.x + point[0] * sx, box.y + point[1] * sy

    shapes: list[Shape] = []
    for item in items:
        if item[0] == "path":
            _, polygons, fill, stroke, stroke_width = item
            placed = tuple(tuple(at(p) for p in polygon) for polygon in polygons)
            shapes.append(Path(placed, fill or None, stroke or None, stroke_width * k))
        elif item[0] == "line":
            _, points, color, stroke_width = item
            shapes.append(Line(tuple(at(p) for p in points), color, stroke_width * k))
        else:
            _, x, y, text, bold, size, color, anchor = item
            tx, ty = at((x, y))
            shapes.append(Text(tx, ty, text, "bold" if bold else "regular", size * k, color, anchor))
    return shapes


def _svg_items(path: str) -> tuple[list[SvgItem], tuple[float, float]]:
    stat = FilePath(path).stat()
    return _svg_cached(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _svg_cached(path: str, _mtime: int, _size: int) -> tuple[list[SvgItem], tuple[float, float]]:
    data = FilePath(path).read_bytes()
    cached = disk_cache.cache_path("svg", "2", hashlib.sha1(data).hexdigest())
    found = disk_cache.read(cached)
    if isinstance(found, tuple) and len(found) == 2:
        return found[0], found[1]
    converted = _convert_svg(data)
    disk_cache.write(cached, converted)
    return converted


def _convert_svg(data: bytes) -> tuple[list[SvgItem], tuple[float, float]]:
    """svglib's drawing walked with its transforms, curves flattened, y turned to point down."""
    logging.getLogger("svglib").setLevel(logging.CRITICAL)  # it logs what it skips; we say what we draw
    from reportlab.graphics import shapes as rl
    from svglib.svglib import svg2rlg

    guard_svglib()
    # from bytes: no path to resolve a reference against; Noto Sans for every family, no lookup
    drawing = svg2rlg(io.BytesIO(data), font_map=HANDOUT_FONTS)
    if drawing is None:
        raise ValueError("svglib could not read the SVG")
    width, height = float(drawing.width) or 1.0, float(drawing.height) or 1.0
    items: list[SvgItem] = []

    def walk(node: object, m: tuple[float, ...]) -> None:
        if isinstance(node, rl.Group):
            m = rl.mmult(m, tuple(getattr(node, "transform", (1, 0, 0, 1, 0, 0))))
            for child in node.contents:
                walk(child, m)
            return
        scale = math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))

        def pt(x: float, y: float) -> tuple[float, float]:
            tx, ty = rl.transformPoint(m, (x, y))
            return tx, height - ty

        fill = _hex(getattr(node, "fillColor", None), getattr(node, "fillOpacity", 1))
        stroke = _hex(getattr(node, "strokeColor", None), getattr(node, "strokeOpacity", 1))
        stroke_width = float(getattr(node, "strokeWidth", 1) or 0) * scale
        if isinstance(node, rl.String):
            if fill:
                size = float(node.fontSize) * scale
                x, y = pt(node.x, node.y)
                bold = "bold" in str(node.fontName).lower()
                items.append(("text", x, y, str(node.text), bold, size, fill, node.textAnchor or "start"))
            return
        closed, open_ = _outlines(node, rl)
        closed = [[pt(x, y) for x, y in polygon] for polygon in closed]
        open_ = [[pt(x, y) for x, y in line] for line in open_]
        if fill and (closed or open_):
            items.append(("path", tuple(map(tuple, closed + open_)), fill, "", 0.0))
        if stroke and stroke_width > 0:
            if closed:
                items.append(("path", tuple(map(tuple, closed)), "", stroke, stroke_width))
            for line in open_:
                items.append(("line", tuple(line), stroke, stroke_width))

    walk(drawing, (1, 0, 0, 1, 0, 0))
    return items, (width, height)


Point = tuple[float, float]
Outlines = tuple[list[list[Point]], list[list[Point]]]  # closed polygons, open polylines


def _outlines(node: object, rl: ModuleType) -> Outlines:
    """A reportlab shape's outline as closed polygons and open polylines, in its own coordinates."""
    if isinstance(node, rl.Rect):
        return [_rounded_rect(node.x, node.y, node.width, node.height, node.rx or 0, node.ry or 0)], []
    if isinstance(node, rl.Circle):
        return [_ellipse(node.cx, node.cy, node.r, node.r)], []
    if isinstance(node, rl.Ellipse):
        return [_ellipse(node.cx, node.cy, node.rx, node.ry)], []
    if isinstance(node, rl.Line):
        return [], [[(node.x1, node.y1), (node.x2, node.y2)]]
    if isinstance(node, rl.Polygon):
        return [_pairs(node.points)], []
    if isinstance(node, rl.PolyLine):
        return [], [_pairs(node.points)]
    if isinstance(node, rl.Path):
        return _path_outlines(node)
    return [], []  # an embedded raster image or anything else svglib makes: not drawn


def _path_outlines(node: RlPath) -> Outlines:
    closed: list[list[tuple[float, float]]] = []
    open_: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    points = list(node.points)
    i = 0
    for op in node.operators:
        if op == 0:  # moveTo
            if len(current) > 1:
                open_.append(current)
            current = [(points[i], points[i + 1])]
            i += 2
        elif op == 1:  # lineTo
            current.append((points[i], points[i + 1]))
            i += 2
        elif op == 2:  # curveTo
            p0 = current[-1] if current else (points[i], points[i + 1])
            c1, c2, p3 = (points[i], points[i + 1]), (points[i + 2], points[i + 3]), (points[i + 4], points[i + 5])
            current += _bezier(p0, c1, c2, p3)
            i += 6
        elif op == 3:  # closePath
            if len(current) > 2:
                closed.append(current)
            current = [current[0]] if current else []
    if len(current) > 1:
        open_.append(current)
    return closed, open_


def _bezier(p0: Point, c1: Point, c2: Point, p3: Point) -> list[Point]:
    out = []
    for step in range(1, CURVE_STEPS + 1):
        t = step / CURVE_STEPS
        u = 1 - t
        out.append(
            (
                u**3 * p0[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t**3 * p3[0],
                u**3 * p0[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t**3 * p3[1],
            )
        )
    return out


def _ellipse(cx: float, cy: float, rx: float, ry: float, steps: int = 32) -> list[tuple[float, float]]:
    return [
        (cx + rx * math.cos(2 * math.pi * i / steps), cy + ry * math.sin(2 * math.pi * i / steps)) for i in range(steps)
    ]


def _rounded_rect(x: float, y: float, w: float, h: float, rx: float, ry: float) -> list[tuple[float, float]]:
    rx, ry = min(rx or ry, w / 2), min(ry or rx, h / 2)
    if rx <= 0 or ry <= 0:
        return [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    out: list[tuple[float, float]] = []
    for cx, cy, start in (
        (x + w - rx, y + ry, -90),
        (x + w - rx, y + h - ry, 0),
        (x + rx, y + h - ry, 90),
        (x + rx, y + ry, 180),
    ):
        for i in range(7):
            a = math.radians(start + 90 * i / 6)
            out.append((cx + rx * math.cos(a), cy + ry * math.sin(a)))
    return out


def _pairs(flat: list[float]) -> list[tuple[float, float]]:
    return [(flat[i], flat[i + 1]) for i in range(0, len(flat) - 1, 2)]


def _hex(color: Color | None, opacity: float | None) -> str:
    """A reportlab colour as #RRGGBB, a translucent one mixed with white; '' for none."""
    if color is None:
        return ""
    try:
        r, g, b = float(color.red), float(color.green), float(color.blue)
        alpha = float(getattr(color, "alpha", 1) or 0) * float(opacity if opacity is not None else 1)
    except (AttributeError, TypeError, ValueError):
        return ""
    if alpha <= 0:
        return ""
    mix = [round(255 * (c * alpha + (1 - alpha))) for c in (r, g, b)]
    return "#{:02X}{:02X}{:02X}".format(*mix)

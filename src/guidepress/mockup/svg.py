"""Paints a laid-out mockup as an SVG element, for the HTML edition: shapes and real text.

The third painter beside `pdf.py` and `png.py`: it only paints the shapes of an
`AnnotatedView`, in its points (the viewBox), so the picture scales to any width. Each
primitive of `shapes.py` has its own small function in PAINTERS; a new primitive needs one
more. Text is text (selectable, found by the browser's search), in Noto Sans where the
reader has it and the system's sans-serif otherwise; each line keeps the width the layout
measured in Noto Sans (`textLength`), so that no other font can push it out of its element.
A `Path` is one `<path>` of closed polygons filled with the even-odd rule, as the PDF fills
it; an `Image` is an `<image>` whose PNG or JPEG bytes are inside it as a `data:` address,
stretched to its box, so the page still asks for nothing else. The step's callouts are a
group of their own (class `callouts`), so a page's style can keep them visible in a
forced-colours mode.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from functools import lru_cache
from html import escape

from .fonts import text_width
from .layout import AnnotatedView
from .shapes import Circle, Image, Line, Path, Rect, Shape, Text

FONT_FAMILY = "'Noto Sans', 'Liberation Sans', Arial, Helvetica, sans-serif"


def render_svg(
    view: AnnotatedView, title: str = "", title_id: str = "", attributes: dict[str, str] | None = None
) -> str:
    """The annotated mockup as one `<svg>` element; `title` (with `title_id`) is its text alternative."""
    attrs = {
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": f"0 0 {_n(view.width)} {_n(view.height)}",
        "width": _n(view.width * 4 / 3),  # its CSS-pixel size, as the PNG's (1 pt = 4/3 px)
        "height": _n(view.height * 4 / 3),
        "font-family": FONT_FAMILY,
        "stroke-linecap": "round",
        "stroke-linejoin": "round",
        **(attributes or {}),
    }
    parts = [f"<svg {_attributes(attrs)}>"]
    if title:
        named = f" {_attribute('id', title_id)}" if title_id else ""
        parts.append(f"<title{named}>{escape(title, quote=False)}</title>")
    parts.append("<g>")
    parts += [paint_shape(shape) for shape in view.layout.shapes]
    parts.append('</g><g class="callouts">')
    parts += [paint_shape(shape) for shape in view.annotations]
    parts.append("</g></svg>")
    return "".join(parts)


def paint_shape(shape: Shape) -> str:
    painter = PAINTERS.get(type(shape))
    if painter is None:
        raise TypeError(f"the SVG painter has no function for {type(shape).__name__}; add one to PAINTERS")
    return painter(shape)


def _rect(s: Rect) -> str:
    b = s.box
    attrs = {"x": _n(b.x), "y": _n(b.y), "width": _n(b.w), "height": _n(b.h)}
    if s.radius:
        attrs["rx"] = _n(min(s.radius, b.w / 2, b.h / 2))
    return f"<rect {_attributes(attrs)}{_paint(s.fill, s.stroke, s.width, s.dash)}/>"


def _circle(s: Circle) -> str:
    attrs = {"cx": _n(s.cx), "cy": _n(s.cy), "r": _n(s.r)}
    return f"<circle {_attributes(attrs)}{_paint(s.fill, s.stroke, s.width, None)}/>"


def _line(s: Line) -> str:
    points = " ".join(f"{_n(x)},{_n(y)}" for x, y in s.points)
    return f'<polyline points="{points}"{_paint(None, s.color, s.width, s.dash)}/>'


def _text(s: Text) -> str:
    attrs = {"x": _n(s.x), "y": _n(s.y), "font-size": _n(s.size), "fill": s.color}
    if s.style == "bold":
        attrs["font-weight"] = "700"
    elif s.style == "italic":
        attrs["font-style"] = "italic"
    if s.anchor != "start":
        attrs["text-anchor"] = s.anchor
    if len(s.text) > 1:  # the width the layout measured; a one-letter badge needs no such pin
        attrs["textLength"] = _n(text_width(s.text, s.style, s.size))
        attrs["lengthAdjust"] = "spacingAndGlyphs"
    return f"<text {_attributes(attrs)}>{escape(s.text, quote=False)}</text>"


def _path(s: Path) -> str:
    d = "".join(_polygon(polygon) for polygon in s.polygons if polygon)
    return f'<path d="{d}" fill-rule="evenodd"{_paint(s.fill, s.stroke, s.width, None)}/>'


def _polygon(points: tuple[tuple[float, float], ...]) -> str:
    """`M…Z`, a straight side along an axis as `H` or `V` (a QR code's modules are a thousand such squares)."""
    (x0, y0), *rest = points
    parts = [f"M{_n(x0)},{_n(y0)}"]
    last = (_n(x0), _n(y0))
    for x, y in rest:
        point = (_n(x), _n(y))
        if point[1] == last[1]:
            parts.append(f"H{point[0]}")
        elif point[0] == last[0]:
            parts.append(f"V{point[1]}")
        else:
            parts.append(f"L{point[0]},{point[1]}")
        last = point
    return "".join(parts) + "Z"


def _image(s: Image) -> str:
    b = s.box
    attrs = {
        "x": _n(b.x),
        "y": _n(b.y),
        "width": _n(b.w),
        "height": _n(b.h),
        "preserveAspectRatio": "none",  # stretched to its box, as the PDF and PNG painters do
        "href": _data_address(s.data),
    }
    return f"<image {_attributes(attrs)}/>"


@lru_cache(maxsize=32)
def _data_address(data: bytes) -> str:
    """The picture's bytes as a `data:` address (the page loads nothing from anywhere else)."""
    kind = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


PAINTERS: dict[type, Callable[..., str]] = {
    Rect: _rect,
    Circle: _circle,
    Line: _line,
    Text: _text,
    Path: _path,
    Image: _image,
}


def _paint(fill: str | None, stroke: str | None, width: float, dash: tuple[float, float] | None) -> str:
    attrs = {"fill": fill or "none"}
    if stroke:
        attrs["stroke"] = stroke
        attrs["stroke-width"] = _n(width)
        if dash:
            attrs["stroke-dasharray"] = f"{_n(dash[0])} {_n(dash[1])}"
    return " " + _attributes(attrs)


def _attributes(attrs: dict[str, str]) -> str:
    return " ".join(_attribute(name, value) for name, value in attrs.items())


def _attribute(name: str, value: str) -> str:
    return f'{name}="{escape(value, quote=False).replace(chr(34), "&quot;")}"'


def _n(x: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros: 12, 12.5, 12.25."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text

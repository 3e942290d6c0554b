"""Widgets that show content: heading, paragraph, link, divider, alert, skeleton lines, image,
QR code and icon."""

from __future__ import annotations

from ...document import Widget
from ..fonts import text_width
from ..images import raster_bytes, svg_shapes
from ..palette import INK, LINE, MUTED, WHITE
from ..palette import LINK as BRAND
from ..qr import qr_modules, qr_size
from ..shapes import Box, Image, Line, Path, Rect
from ..text import Sheet
from .registry import widget


@widget("heading")
def heading(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    return s.paragraph(w.id, w.text, x, y, width, style="bold", size=12, container=Box(x, y, width, 1e6))


@widget("paragraph")
def paragraph(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    return s.paragraph(w.id, w.text, x, y, width, size=7.5, color=INK)


@widget("link")
def link(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    h = s.paragraph(w.id, w.text, x, y + 1, width, size=8, color=BRAND, underline=True) + 2
    tight = max((t.box.x + t.box.w for t in s.texts if t.element == w.id), default=x) - x
    s.boxes[w.id] = Box(x - 2, y - 1, tight + 4, h + 1)
    return h


@widget("divider")
def divider(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    if not w.text:
        s.add(Line(((x, y + 5), (x + width, y + 5)), LINE, 0.6))
        return 10
    tw = min(text_width(w.text, "regular", 7.5), width - 40)
    mid = y + 6
    s.add(Line(((x, mid), (x + (width - tw) / 2 - 6, mid)), LINE, 0.6))
    s.add(Line(((x + (width + tw) / 2 + 6, mid), (x + width, mid)), LINE, 0.6))
    s.single_line(w.id, w.text, x + (width - tw) / 2, mid + 2.6, tw, "regular", 7.5, MUTED, Box(x, y, width, 12))
    return 12


# tone: (icon, strong colour for the stripe and icon, background, border); the strong colours keep
# AA contrast on white, and the icon's shape tells the tones apart in black and white
TONES = {
    "error": ("error", "#B42318", "#FDF1EF", "#F1B5AC"),
    "warning": ("warning", "#8A5300", "#FFF7E6", "#EBC98A"),
    "info": ("info", BRAND, "#EEF4FB", "#A9C3E4"),
    "success": ("success", "#1E7B34", "#EEF7F0", "#9CCBA8"),
}


@widget("alert")
def alert(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """A message box: a stripe and an icon in the tone's colour, a bold title and a text."""
    icon, strong, background, border = TONES[w.style or "info"]
    start = len(s.shapes)
    tx, inner = x + 27, width - 35
    top = y + 8
    if w.text:
        top += s.paragraph(w.id, w.text, tx, top, inner, style="bold", size=8, color=INK) + 1.5
    if w.detail:
        top += s.paragraph(w.id, w.detail, tx, top, inner, size=7.5, color=INK)
    h = max(30.0, top - y + 8)
    s.under(start, Rect(Box(x, y, width, h), fill=background, stroke=border, width=0.6, radius=3))
    s.under(start + 1, Rect(Box(x, y, 3.5, h), fill=strong, radius=1.5))
    s.icon(icon, x + 15, y + 14.5, 12, strong)
    return h


@widget("skeleton")
def skeleton(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """Grey bars standing for text whose wording the guide does not claim."""
    lines = max(1, w.number or 3)
    widths = (1.0, 0.93, 0.97, 0.88)
    for i in range(lines):
        share = 0.62 if i == lines - 1 and lines > 1 else widths[i % len(widths)]
        s.add(Rect(Box(x, y + i * 9, width * share, 4.5), fill="#DDE2E8", radius=2.25))
    return lines * 9 - 4.5


@widget("image")
def image(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """A picture from the project's assets, `number` per cent of the width, never enlarged past
    twice its own size."""
    picture = w.picture
    assert picture is not None
    shown = width * (w.number or 100) / 100
    shown = min(shown, picture.width * 2) if picture.format != "svg" else shown
    h = shown * picture.height / picture.width
    left = x + (width - shown) / 2 if w.style == "center" else x
    box = Box(left, y, shown, h)
    if picture.format == "svg":
        s.add(*svg_shapes(picture, box))
    else:
        data, pixels = raster_bytes(picture)
        s.add(Image(box, data, pixels))
    s.boxes[w.id] = box
    return h


QUIET = 3  # modules of white around a QR code (the standard asks 4; the card around it adds more)


@widget("qr_code")
def qr_code(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """The QR code of a text, as one vector path of its dark modules."""
    runs = qr_modules(w.value)
    count = qr_size(runs)
    size = min(float(w.number or 84), width)
    module = size / (count + 2 * QUIET)
    left = x + (width - size) / 2 if w.style == "center" else x
    s.add(Rect(Box(left, y, size, size), fill=WHITE, stroke=LINE, width=0.5, radius=2))
    ox, oy = left + QUIET * module, y + QUIET * module
    polygons = []
    for r, c, n in runs:
        x0, y0, x1, y1 = ox + c * module, oy + r * module, ox + (c + n) * module, oy + (r + 1) * module
        polygons.append(((x0, y0), (x1, y0), (x1, y1), (x0, y1)))
    s.add(Path(tuple(polygons), fill="#000000"))
    s.boxes[w.id] = Box(left, y, size, size)
    return size


@widget("icon")
def icon(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """An icon in a tinted circle, with an optional bold caption beside it (a sender's name)."""
    size = float(w.number or 18)
    r = size * 0.85
    caption_w = 0.0
    if w.text:
        caption_w = min(text_width(w.text, "bold", 9), width - 2 * r - 8)
    total = 2 * r + (8 + caption_w if w.text else 0)
    left = x + (width - total) / 2 if w.style == "center" else x
    cy = y + r
    s.add(Rect(Box(left, y, 2 * r, 2 * r), fill="#E8EEF6", radius=r))
    s.icon(w.icon, left + r, cy, size, BRAND)
    if w.text:
        s.single_line(w.id, w.text, left + 2 * r + 8, cy + 3.2, caption_w, "bold", 9, INK, Box(x, y, width, 2 * r))
    s.boxes[w.id] = Box(left, y, total, 2 * r)
    return 2 * r


def muted_label(s: Sheet, element: str, text: str, x: float, y: float, width: float) -> float:
    """A field's label above it; returns the height with the gap under it."""
    if not text:
        return 0.0
    return s.paragraph(element, text, x, y, width, size=7.5, color=MUTED) + 2

"""Paints a laid-out mockup onto a reportlab canvas: vector shapes and real, selectable text.

The shapes between two texts become PDF operators once per process and are reused: a batch
paints the same screens for every tenant, and the shapes are two thirds of the painting.
Texts are drawn on each canvas, since each PDF numbers its font's glyphs its own way.
"""

from __future__ import annotations

import io
from functools import cache, lru_cache

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import FILL_EVEN_ODD, Canvas
from reportlab.platypus import Flowable

from .fonts import NAMES, register_fonts
from .layout import AnnotatedView
from .shapes import Circle, Image, Line, Path, Rect, Shape, Text

_color = cache(HexColor)


def paint(canvas: Canvas, shapes: tuple[Shape, ...], height: float) -> None:
    """Paint shapes whose y axis points down, into a canvas whose y axis points up."""
    register_fonts()
    canvas.setLineJoin(1)
    canvas.setLineCap(1)
    pen = _Pen(canvas)
    for run in _runs(shapes, height):
        if isinstance(run, Text):
            _text(canvas, pen, run, height)
        elif isinstance(run, Image):
            _image(canvas, run, height)
        else:
            canvas._code.extend(run)  # the shapes' operators, made once (see _runs)
            pen.forget()  # they set colours, widths and dashes of their own
    canvas.setDash()


@lru_cache(maxsize=128)
def _runs(shapes: tuple[Shape, ...], height: float) -> tuple[tuple[str, ...] | Text | Image, ...]:
    """The mockup as runs of ready PDF operators for its shapes, and the texts and images between
    them (an image is an object of each PDF's own). Each run sets every colour, width and dash it
    uses, so it does not depend on what came before."""
    scratch = Canvas(io.BytesIO())
    runs: list[tuple[str, ...] | Text | Image] = []
    pen = _Pen(scratch)
    start = len(scratch._code)
    for s in shapes:
        if isinstance(s, (Text, Image)):
            if len(scratch._code) > start:
                runs.append(tuple(scratch._code[start:]))
            runs.append(s)
            pen = _Pen(scratch)
            start = len(scratch._code)
        else:
            _shape(scratch, pen, s, height)
    if len(scratch._code) > start:
        runs.append(tuple(scratch._code[start:]))
    return tuple(runs)


def _shape(canvas: Canvas, pen: _Pen, s: Shape, height: float) -> None:
    if isinstance(s, Rect):
        pen.style(s.fill, s.stroke, s.width, s.dash)
        b = s.box
        y = height - b.y - b.h
        if s.radius:
            canvas.roundRect(b.x, y, b.w, b.h, s.radius, stroke=int(bool(s.stroke)), fill=int(bool(s.fill)))
        else:
            canvas.rect(b.x, y, b.w, b.h, stroke=int(bool(s.stroke)), fill=int(bool(s.fill)))
    elif isinstance(s, Circle):
        pen.style(s.fill, s.stroke, s.width, None)
        _circle(canvas, s.cx, height - s.cy, s.r, stroke=int(bool(s.stroke)), fill=int(bool(s.fill)))
    elif isinstance(s, Line):
        pen.style(None, s.color, s.width, s.dash)
        path = canvas.beginPath()
        (x0, y0), *rest = s.points
        path.moveTo(x0, height - y0)
        for x, y in rest:
            path.lineTo(x, height - y)
        canvas.drawPath(path, stroke=1, fill=0)
    elif isinstance(s, Path):
        pen.style(s.fill, s.stroke, s.width, None)
        path = canvas.beginPath()
        for polygon in s.polygons:
            (x0, y0), *rest = polygon
            path.moveTo(x0, height - y0)
            for x, y in rest:
                path.lineTo(x, height - y)
            path.close()
        canvas.drawPath(path, stroke=int(bool(s.stroke)), fill=int(bool(s.fill)), fillMode=FILL_EVEN_ODD)
    else:  # a shape added to shapes.py without its painter here: never left out of a picture in silence
        raise TypeError(f"the PDF painter has no branch for {type(s).__name__}; add one to mockup/pdf.py")


def _text(canvas: Canvas, pen: _Pen, s: Text, height: float) -> None:
    pen.style(s.color, None, 0, None)
    pen.font(NAMES[s.style], s.size)
    y = height - s.y
    if s.anchor == "start":
        canvas.drawString(s.x, y, s.text)
    elif s.anchor == "middle":
        canvas.drawCentredString(s.x, y, s.text)
    else:
        canvas.drawRightString(s.x, y, s.text)


def _image(canvas: Canvas, s: Image, height: float) -> None:
    """Drawn inside its own saved graphics state, so the pen's colours still hold after it."""
    b = s.box
    canvas.drawImage(image_reader(s.data), b.x, height - b.y - b.h, b.w, b.h, mask="auto")


@lru_cache(maxsize=64)
def image_reader(data: bytes) -> ImageReader:
    """One decoded image per picture (a mockup's, a tenant's logo) and process: it is decoded once,
    not per PDF, and a PDF embeds it once however often it is drawn.

    A picture with an alpha channel or a transparent colour is laid on white first: PDF/A-1
    readers (and PDFBox's Preflight, which checks our PDF/A-2 files by PDF/A-1's rules) refuse
    soft masks, and the pictures stand on the white page."""
    from PIL import Image as Pillow

    with Pillow.open(io.BytesIO(data)) as picture:
        if "A" not in picture.getbands() and "transparency" not in picture.info:
            return ImageReader(io.BytesIO(data))
        rgba = picture.convert("RGBA")
    white = Pillow.new("RGBA", rgba.size, (255, 255, 255, 255))
    return ImageReader(Pillow.alpha_composite(white, rgba).convert("RGB"))


class _Pen:
    """Sets the canvas's colours, line width, dash and font only when they change: a mockup
    repeats the same few, and every unneeded operator costs time and bytes."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.fill: str | None = None
        self.stroke: str | None = None
        self.width: float | None = None
        self.dash: tuple[float, float] | None | bool = False  # False: not known yet
        self.current_font: tuple[str, float] | None = None

    def style(self, fill: str | None, stroke: str | None, width: float, dash: tuple[float, float] | None) -> None:
        if fill and fill != self.fill:
            self.canvas.setFillColor(_color(fill))
            self.fill = fill
        if stroke:
            if stroke != self.stroke:
                self.canvas.setStrokeColor(_color(stroke))
                self.stroke = stroke
            if width != self.width:
                self.canvas.setLineWidth(width)
                self.width = width
            if dash != self.dash:
                self.canvas.setDash(list(dash) if dash else [])
                self.dash = dash

    def forget(self) -> None:
        """Operators written past the pen changed its colours, width and dash: set them anew."""
        self.fill = self.stroke = None
        self.width = None
        self.dash = False

    def font(self, name: str, size: float) -> None:
        if (name, size) != self.current_font:
            self.canvas.setFont(name, size)
            self.current_font = (name, size)


# A quarter circle as one Bézier curve: the control points lie this fraction of the radius out.
KAPPA = 0.5522847498


def _circle(canvas: Canvas, cx: float, cy: float, r: float, stroke: int, fill: int) -> None:
    """The same four curves as `canvas.circle`, without its general arc routine: a mockup has a
    hundred circles (badges, window buttons, avatars), and the arc routine was a tenth of its time."""
    k = r * KAPPA
    path = canvas.beginPath()
    path.moveTo(cx + r, cy)
    path.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r)
    path.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy)
    path.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r)
    path.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy)
    path.close()
    canvas.drawPath(path, stroke=stroke, fill=fill)


class MockupFlowable(Flowable):
    """A mockup scaled to the width it is given (never enlarged beyond `max_scale`, never taller than
    `max_height`, so that a tall screen on a small page still fits a page with its step)."""

    def __init__(self, view: AnnotatedView, max_scale: float = 1.0, max_height: float = float("inf")) -> None:
        super().__init__()
        self.view = view
        self.max_scale = max_scale
        self.max_height = max_height
        self.scale = 1.0
        self.offset = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.scale = min(self.max_scale, avail_width / self.view.width, self.max_height / self.view.height)
        self.width = self.view.width * self.scale
        self.height = self.view.height * self.scale
        if self.view.layout.kind == "phone":  # a phone stands in the middle of its column
            self.offset = max(0.0, (avail_width - self.width) / 2)
        return self.width + self.offset, self.height

    def shrunk(self, factor: float) -> MockupFlowable:
        """The same mockup at `factor` of its last wrapped size (to end a page instead of leaving a gap)."""
        return MockupFlowable(self.view, self.max_scale, self.view.height * self.scale * factor)

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.translate(self.offset, 0)
        c.scale(self.scale, self.scale)
        paint(c, self.view.shapes, self.view.height)
        c.restoreState()

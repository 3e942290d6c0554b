"""layout_screen: a translated screen → shapes, element boxes and text boxes in points, once.

Layout is automatic, like the real pages. The frame (`frames.py`: a browser, a phone, an
email message, a window) draws its chrome; the page's elements stack under it: a `form`
in a centred column (on a web page, a card), `settings` as a page of blocks. A top menu
runs under the chrome, a side menu down the left, a phone's tab bar at the bottom, and a
dialog stands over the page, which is dimmed. Every size comes from the translated text
(`text.py`), so text never leaves its element or the frame. A screenshot is its image
with its named regions scaled to the picture. The PDF and PNG painters only paint the
result; `callouts.annotate` adds a step's numbered callouts on top.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..document import ScreenSpec, Widget
from .frames import FRAMES, SIDE_MENU_W, WIDTHS, Frame
from .images import raster_bytes, svg_shapes
from .palette import LINE, WHITE
from .shapes import Box, Circle, Image, Line, Path, Rect, Shape, Text
from .text import Overflow, Sheet, TextBox
from .widgets import lay_out
from .widgets.containers import dialog_box, side_menu, top_menu

__all__ = ["AnnotatedView", "Overflow", "ScreenLayout", "TextBox", "layout_screen"]


@dataclass(frozen=True)
class ScreenLayout:
    screen_id: str
    width: float
    height: float
    shapes: tuple[Shape, ...]
    boxes: dict[str, Box]
    texts: tuple[TextBox, ...]
    overflows: tuple[Overflow, ...] = ()
    kind: str = "browser"
    extents: dict[str, Box] = field(default_factory=dict)  # each element's whole area
    marks: tuple[Box, ...] = ()  # every icon's box

    @property
    def frame(self) -> Box:
        return Box(0, 0, self.width, self.height)


@dataclass(frozen=True)
class AnnotatedView:
    """A screen layout with the callouts of one step (or of a block of steps) drawn on top."""

    layout: ScreenLayout
    annotations: tuple[Shape, ...]
    # where each callout's badge (and note, if any) landed, by the control it points at
    placed: tuple[tuple[str, Box, Box | None], ...] = field(default=())

    @property
    def shapes(self) -> tuple[Shape, ...]:
        return self.layout.shapes + self.annotations

    @property
    def width(self) -> float:
        return self.layout.width

    @property
    def height(self) -> float:
        return self.layout.height


def layout_screen(spec: ScreenSpec, locale: str = "", width: float = 0.0) -> ScreenLayout:
    """The screen's shapes and element boxes, in points, for the given width (default: its kind's)."""
    sources: dict[str, str] = {}
    for shown_spec in (spec.behind, spec):
        if shown_spec is not None:
            sources.update({shown: msgid for w in shown_spec.widgets for shown, msgid in w.sources})
            sources.update(dict(shown_spec.sources))
    sheet = Sheet(spec.id, locale, sources)
    width = width or spec.width or WIDTHS[spec.kind]
    if spec.kind == "screenshot":
        height = _screenshot(sheet, spec, width)
    else:
        height = _drawn(sheet, spec, width)
    return ScreenLayout(
        spec.id,
        width,
        height,
        tuple(sheet.shapes),
        dict(sheet.boxes),
        tuple(sheet.texts),
        tuple(sheet.overflows),
        spec.kind,
        dict(sheet.extents),
        tuple(sheet.marks),
    )


def _drawn(sheet: Sheet, spec: ScreenSpec, width: float) -> float:
    """The frame, the page (a `behind` screen's, with its own layout, its texts reported in its
    name, none of its controls this screen's), its menus, and the dialog over it."""
    behind = spec.behind
    widgets = (behind.widgets if behind else ()) + spec.widgets
    layout = behind.layout if behind else spec.layout
    frame = FRAMES[spec.kind](replace(spec, layout=layout), width)
    dialog = next((w for w in spec.widgets if w.kind == "dialog"), None)
    menus = {w.style: w for w in widgets if w.kind == "menu" and w.style in ("top", "side", "bottom")}
    page = [w for w in widgets if w is not dialog and w not in menus.values()]
    behind_ids = {id(w) for w in behind.widgets} if behind else set()

    def part_of(*parts: Widget | None) -> str | None:
        """The screen behind's id, when these parts of the page are its (a part may be absent)."""
        present = [w for w in parts if w is not None]
        return behind.id if behind and present and all(id(w) in behind_ids for w in present) else None

    top = frame.chrome(sheet)
    chrome = sheet.shapes[: frame.bright_shapes]
    bright = {id(shape) for shape in chrome} if frame.chrome_stays_bright else set()
    if "top" in menus:
        bar = Box(frame.left, top, frame.right - frame.left, 24)
        sheet.add(Rect(bar, fill=WHITE), Line(((bar.x, bar.bottom), (bar.right, bar.bottom)), LINE, 0.6))
        with sheet.page_behind(part_of(menus["top"])):
            top_menu(sheet, menus["top"], bar.x + 6, top, bar.w - 12, 24)
            sheet.boxes.setdefault(menus["top"].id, bar)
        sheet.extents[menus["top"].id] = bar
        top = bar.bottom
    left = frame.left + (SIDE_MENU_W if "side" in menus and spec.kind != "phone" else 0)
    bottom = _stack(sheet, page, layout, frame, left, frame.right, top, part_of)
    side = None
    if "side" in menus:  # a phone's is a drawer, over the content's left part
        side_w = SIDE_MENU_W if spec.kind != "phone" else (frame.right - frame.left) * 0.72
        with sheet.page_behind(part_of(menus["side"])):
            side = side_menu(sheet, menus["side"], frame.left, top, side_w)
        bottom = max(bottom, top + side.height)
    dialog_shapes: list[Shape] = []
    if dialog is not None:
        mark = len(sheet.shapes)
        texts, marks = len(sheet.texts), len(sheet.marks)
        dw = min(248.0, frame.right - frame.left - 24)
        dy = top + 22
        dx = frame.left + (frame.right - frame.left - dw) / 2
        dh = dialog_box(sheet, dialog, dx, dy, dw)
        sheet.extents[dialog.id] = Box(dx, dy, dw, dh)
        dialog_shapes = sheet.shapes[mark:]
        del sheet.shapes[mark:]
        bottom = max(bottom, dy + dh + 22)
        # what the dialog hides is no text or icon a callout must keep off
        hidden = Box(dx, dy, dw, dh + 3)
        sheet.texts[:texts] = [t for t in sheet.texts[:texts] if not t.box.inside(hidden)]
        sheet.marks[:marks] = [m for m in sheet.marks[:marks] if not m.inside(hidden)]
    with sheet.page_behind(part_of(menus.get("side"), menus.get("bottom"))):  # the menus the frame finishes with
        height = frame.finish(sheet, bottom, side, menus.get("bottom"), top)
    if dialog is not None:
        sheet.shapes[:] = [s if id(s) in bright else dimmed(s) for s in sheet.shapes] + dialog_shapes
    return height


def _stack(
    sheet: Sheet,
    widgets: list[Widget],
    layout: str,
    frame: Frame,
    x0: float,
    x1: float,
    top: float,
    part_of: Callable[[Widget], str | None] = lambda widget: None,
) -> float:
    """The page's elements one under another between x0 and x1; returns where they end. `part_of`
    names the screen behind a dialog that an element is of (see `Sheet.page_behind`)."""
    width = x1 - x0
    if layout == "form" and frame.card_form:
        card_w = min(236.0, width - 40)
        cx = x0 + (width - card_w) / 2
        pad = 16
        y = top + 18 + pad
        start = len(sheet.shapes)
        for widget in widgets:
            with sheet.page_behind(part_of(widget)):
                y += lay_out(sheet, widget, cx + pad, y, card_w - 2 * pad) + (12 if widget.kind == "heading" else 9)
        card = Box(cx, top + 18, card_w, y - top - 18 + pad - 9)
        sheet.under(start, Rect(card, fill=WHITE, stroke="#D5DAE1", width=0.6, radius=4))
        return card.y + card.h + 18
    pad = 14 if layout == "settings" else 16
    y = top + pad
    gap = 10 if layout == "settings" else 9
    for widget in widgets:
        with sheet.page_behind(part_of(widget)):
            y += lay_out(sheet, widget, x0 + pad, y, width - 2 * pad) + (
                12 if widget.kind == "heading" and layout == "form" else gap
            )
    return y + pad - gap


def _screenshot(sheet: Sheet, spec: ScreenSpec, width: float) -> float:
    """The screenshot scaled to the width, a thin border, and its regions scaled with it."""
    picture = spec.picture
    assert picture is not None
    height = width * picture.height / picture.width
    box = Box(0, 0, width, height)
    sheet.add(Rect(box, fill=WHITE))
    if picture.format == "svg":
        sheet.add(*svg_shapes(picture, box))
    else:
        data, pixels = raster_bytes(picture)
        sheet.add(Image(box, data, pixels))
    sheet.add(Rect(box, stroke="#8A94A3", width=0.9))
    source_w, source_h = spec.source_size
    sx, sy = width / source_w, height / source_h
    for region in spec.regions:
        sheet.boxes[region.id] = Box(region.x * sx, region.y * sy, region.w * sx, region.h * sy)
    return height


DIM = (0x0F, 0x15, 0x1C)  # the overlay's colour
DIM_STRENGTH = 0.5


def dim(color: str | None) -> str | None:
    """A colour seen through a half-dark overlay (a dialog's backdrop)."""
    if not color:
        return color
    r, g, b = int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
    mixed = (round(c * (1 - DIM_STRENGTH) + d * DIM_STRENGTH) for c, d in zip((r, g, b), DIM, strict=True))
    return "#{:02X}{:02X}{:02X}".format(*mixed)


def dimmed(shape: Shape) -> Shape:
    if isinstance(shape, Rect | Circle | Path):
        return replace(shape, fill=dim(shape.fill), stroke=dim(shape.stroke))
    if isinstance(shape, Line | Text):
        return replace(shape, color=dim(shape.color) or shape.color)
    return shape  # an image behind a dialog keeps its colours

"""Widgets that hold or lead to others: a section (a titled block), tabs, menus (a top bar, a side
menu, a phone's bottom bar) and a dialog's box. Where a menu or a dialog stands on the
screen is the frame's business (`mockup/layout.py`); here each is drawn in the place it gets."""

from __future__ import annotations

from dataclasses import dataclass

from ...document import Widget
from ..fonts import text_width
from ..palette import FAINT, INK, LINE, MUTED, WHITE
from ..palette import LINK as BRAND
from ..shapes import Box, Line, Rect, Shape
from ..text import SMALLEST, Sheet
from .registry import CARD_BORDER, SELECTED_FILL, lay_out, widget


@widget("section")
def section(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    pad = 12
    start = len(s.shapes)
    top = y + pad
    top += s.paragraph(w.id, w.text, x + pad, top, width - 2 * pad, style="bold", size=10) + 4
    s.add(Line(((x + pad, top), (x + width - pad, top)), FAINT, 0.75))
    top += 8
    for child in w.items:
        top += lay_out(s, child, x + pad, top, width - 2 * pad) + 8
    box = Box(x, y, width, top - y + pad - 8)
    s.under(start, Rect(box, fill=WHITE, stroke=CARD_BORDER, width=0.6, radius=3))
    return box.h


@widget("tabs")
def tabs(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """Tab labels on a line; the chosen one bold, in the brand colour and underlined (2 pt)."""
    h = 22.0
    texts = [text_width(t.text, "bold", 8) for t in w.items]
    # Long labels take the tabs' padding first (8 pt a side, down to 3), then shrink a little;
    # labels too long for that wrap in their tabs.
    pad = min(8.0, max(3.0, (width - sum(texts)) / (2 * len(texts)))) if texts else 8.0
    if sum(text_width(t.text, "bold", SMALLEST) + 6 for t in w.items) > width:
        return _wrapped_tabs(s, w, x, y, width)
    natural = [tw + 2 * pad for tw in texts]
    share = min(1.0, width / sum(natural)) if natural else 1.0
    s.add(Line(((x, y + h), (x + width, y + h)), LINE, 0.75))
    tx = x
    for tab, nat in zip(w.items, natural, strict=True):
        tw = nat * share
        box = Box(tx, y, tw, h)
        s.single_line(
            tab.id,
            tab.text,
            tx + pad * share,
            y + 14,
            tw - 2 * pad * share,
            "bold" if tab.checked else "regular",
            8,
            BRAND if tab.checked else MUTED,
            box,
        )
        if tab.checked:
            s.add(Rect(Box(tx + 2, y + h - 2, tw - 4, 2.5), fill=BRAND, radius=1))
        s.boxes[tab.id] = box
        tx += tw
    return h + 2


def _wrapped_tabs(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """Tabs whose labels do not fit on one line: each as wide as its label asks, wrapped in it."""
    natural = [text_width(t.text, "bold", 8) + 6 for t in w.items]
    tx, bottom = x, y + 22.0
    for tab, nat in zip(w.items, natural, strict=True):
        tw = width * nat / sum(natural)
        style = "bold" if tab.checked else "regular"
        used = s.paragraph(
            tab.id, tab.text, tx + 3, y + 5, tw - 6, style=style, size=7.5, color=BRAND if tab.checked else MUTED
        )
        bottom = max(bottom, y + 5 + used + 5)
        tx += tw
    tx = x
    for tab, nat in zip(w.items, natural, strict=True):
        tw = width * nat / sum(natural)
        if tab.checked:
            s.add(Rect(Box(tx + 2, bottom - 2, tw - 4, 2.5), fill=BRAND, radius=1))
        s.boxes[tab.id] = Box(tx, y, tw, bottom - y)
        tx += tw
    s.add(Line(((x, bottom), (x + width, bottom)), LINE, 0.75))
    return bottom - y + 2


@widget("menu")
def menu(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """A menu in the flow of the page is drawn as a top bar (the frame draws side and bottom menus)."""
    return top_menu(s, w, x, y, width)


def top_menu(s: Sheet, w: Widget, x: float, y: float, width: float, height: float = 22.0) -> float:
    """Menu items side by side; the chosen one bold and underlined in the brand colour."""
    natural = [text_width(item.text, "bold", 7.5) + (13 if item.icon else 0) + 14 for item in w.items]
    share = min(1.0, width / sum(natural)) if natural else 1.0
    tx = x
    for item, nat in zip(w.items, natural, strict=True):
        iw = nat * share
        box = Box(tx, y, iw, height)
        color = BRAND if item.checked else INK
        left = tx + 7 * share
        if item.icon:
            s.icon(item.icon, left + 5, y + height / 2, 9, color)
            left += 13
        s.single_line(
            item.id,
            item.text,
            left,
            y + height / 2 + 2.7,
            max(4.0, iw - (left - tx) - 7 * share),
            "bold" if item.checked else "regular",
            7.5,
            color,
            box,
        )
        if item.checked:
            s.add(Rect(Box(tx + 3, y + height - 2.5, iw - 6, 2.5), fill=BRAND, radius=1))
        s.boxes[item.id] = box
        tx += iw
    return height


@dataclass(frozen=True)
class SideMenu:
    """A side menu's items laid out down from `y`, off the sheet until the page's height is known."""

    widget: Widget
    x: float
    y: float
    width: float
    shapes: tuple[Shape, ...]
    height: float  # what its items need


def side_menu(s: Sheet, w: Widget, x: float, y: float, width: float) -> SideMenu:
    """A column of menu items down the left of the page; the chosen one on a tint with a bar. The
    page is at least as tall as its items; their shapes wait for `put_side_menu` (a phone's drawer
    is drawn over the page)."""
    mark = len(s.shapes)
    top = y + 8
    for item in w.items:
        start = len(s.shapes)
        color = BRAND if item.checked else INK
        tx = x + 10 + (14 if item.icon else 0)
        h = s.paragraph(
            item.id,
            item.text,
            tx,
            top + 5,
            x + width - tx - 6,
            style="bold" if item.checked else "regular",
            size=7.5,
            color=color,
        )
        box = Box(x + 4, top, width - 8, h + 10)
        if item.checked:
            s.under(start, Rect(box, fill=SELECTED_FILL, radius=3))
            s.add(Rect(Box(x + 4, top + 2, 2.5, box.h - 4), fill=BRAND, radius=1))
        if item.icon:
            s.icon(item.icon, x + 15, top + 5 + 7.5 * 0.65, 9, color)
        s.boxes[item.id] = box
        top += box.h + 2
    shapes = tuple(s.shapes[mark:])
    del s.shapes[mark:]
    return SideMenu(w, x, y, width, shapes, top - y + 6)


def put_side_menu(s: Sheet, menu: SideMenu, height: float) -> None:
    """The side menu's background, `height` tall, and its items over it."""
    x, y, width = menu.x, menu.y, menu.width
    s.add(Rect(Box(x, y, width, height), fill="#F7F8FA"))
    s.add(Line(((x + width, y), (x + width, y + height)), LINE, 0.6))
    s.add(*menu.shapes)
    s.boxes.setdefault(menu.widget.id, Box(x, y, width, height))
    s.extents[menu.widget.id] = Box(x, y, width, height)


def bottom_menu(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """A phone app's tab bar: an icon over a short label per item, the chosen one in the brand colour."""
    h = 34.0
    s.add(Rect(Box(x, y, width, h), fill=WHITE))
    s.add(Line(((x, y), (x + width, y)), LINE, 0.6))
    iw = width / max(1, len(w.items))
    for i, item in enumerate(w.items):
        cx = x + i * iw + iw / 2
        color = BRAND if item.checked else MUTED
        s.icon(item.icon or "home", cx, y + 11, 11, color)
        tw = min(text_width(item.text, "bold" if item.checked else "regular", 7.5), iw - 4)
        s.single_line(
            item.id,
            item.text,
            cx - tw / 2,
            y + 27,
            iw - 4,
            "bold" if item.checked else "regular",
            7.5,
            color,
            Box(x + i * iw, y, iw, h),
        )
        s.boxes[item.id] = Box(x + i * iw + 2, y + 2, iw - 4, h - 4)
    s.boxes.setdefault(w.id, Box(x, y, width, h))
    s.extents[w.id] = Box(x, y, width, h)
    return h


def dialog_box(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """A dialog's white box with its title, a close button (`checked`) and its elements."""
    pad = 14
    start = len(s.shapes)
    top = y + pad
    if w.text:
        room = width - 2 * pad - (16 if w.checked else 0)
        top += s.paragraph(w.id, w.text, x + pad, top, room, style="bold", size=11) + 8
    if w.checked:
        s.icon("close", x + width - pad - 4, y + pad + 5, 10, MUTED)
    for child in w.items:
        top += lay_out(s, child, x + pad, top, width - 2 * pad) + 9
    box = Box(x, y, width, top - y + pad - 9)
    s.under(start, Rect(Box(x, y + 3, width, box.h), fill="#3B4652", radius=6))  # its shadow
    s.under(start + 1, Rect(box, fill=WHITE, stroke="#C9CFD7", width=0.6, radius=5))
    s.boxes[w.id] = box
    return box.h

"""Widgets the reader operates: buttons, text inputs, checkbox, radio buttons, toggle, select,
date field with its calendar, code input and choice cards."""

from __future__ import annotations

from ...document import Widget
from ..fonts import text_width, wrap_lines
from ..palette import INK, LINE, MUTED, WHITE
from ..palette import LINK as BRAND
from ..shapes import Box, Circle, Line, Rect
from ..text import LEADING, Sheet
from .content import muted_label
from .registry import CARD_BORDER, FIELD_BORDER, OK_GREEN, PLACEHOLDER, SELECTED_FILL, SOFT_FILL, widget

FIELD_H = 21.0
OPTION_GAP = 10.0  # between a radio group's options: room for the outlines of two stacked ones


@widget("button")
def button(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    primary = w.style != "secondary"
    room = width - 16 - (14 if w.icon else 0)
    lines = wrap_lines(w.text, "bold", 8.5, room)
    if len(lines) > 1:
        s.overflow(w.id, w.text, f"needs {len(lines)} lines, the button has room for one")
    text_h = len(lines) * 8.5 * LEADING
    box = Box(x, y, width, max(23, 12 + text_h))
    s.add(Rect(box, fill=BRAND if primary else WHITE, stroke=BRAND if primary else "#4A5868", width=0.9, radius=3))
    color = WHITE if primary else INK
    if w.icon:  # the icon and the label centred together
        tw = min(text_width(lines[0], "bold", 8.5), room)
        s.icon(w.icon, x + width / 2 - (tw + 14) / 2 + 5, y + box.h / 2, 10, color)
    s.paragraph(
        w.id,
        w.text,
        x + 8 + (14 if w.icon else 0),
        y + (box.h - text_h) / 2,
        room,
        style="bold",
        size=8.5,
        color=color,
        anchor="middle",
        container=box,
        lines=lines,
    )
    return box.h


@widget("buttons")
def buttons(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """Buttons side by side, as under a form or a dialog: right-aligned (`style: start` to the left)."""
    rows: list[list[tuple[Widget, float]]] = [[]]
    used = 0.0
    for b in w.items:
        bw = min(width, max(56.0, text_width(b.text, "bold", 8.5) + 24 + (14 if b.icon else 0)))
        if rows[-1] and used + 6 + bw > width:
            rows.append([])
            used = 0.0
        used += (6 if rows[-1] else 0) + bw
        rows[-1].append((b, bw))
    top = y
    for row in rows:
        total = sum(bw for _, bw in row) + 6 * (len(row) - 1)
        bx = x if w.style == "start" else x + width - total
        height = 0.0
        for b, bw in row:
            # a label that cannot fit even the whole row shows as one line, shrunk or cut: reported
            height = max(height, _small_button(s, b, bx, top, bw))
            s.boxes[b.id] = Box(bx, top, bw, 23)
            bx += bw + 6
        top += height + 6
    return top - y - 6


def _small_button(s: Sheet, b: Widget, x: float, y: float, width: float) -> float:
    primary = b.style != "secondary"
    box = Box(x, y, width, 23)
    s.add(Rect(box, fill=BRAND if primary else WHITE, stroke=BRAND if primary else "#4A5868", width=0.9, radius=3))
    color = WHITE if primary else INK
    room = width - 16 - (14 if b.icon else 0)
    tw = min(text_width(b.text, "bold", 8.5), room)
    left = x + (width - tw - (14 if b.icon else 0)) / 2
    if b.icon:
        s.icon(b.icon, left + 5, y + 11.5, 10, color)
        left += 14
    s.single_line(b.id, b.text, left, y + 14.6, room, "bold", 8.5, color, box)
    return 23


def _field_box(s: Sheet, box: Box, focused: bool = False) -> None:
    if focused:
        s.add(Rect(box.grow(1.5), fill="#DCE7F5", radius=4))
    s.add(Rect(box, fill=WHITE, stroke=BRAND if focused else FIELD_BORDER, width=1.1 if focused else 0.75, radius=2.5))


def _field(s: Sheet, w: Widget, x: float, y: float, width: float, value: str, masked: bool) -> float:
    h = s.paragraph(w.id, w.label, x, y, width, size=7.5, color=MUTED) + 2
    indent = 14 if w.icon else 0
    inner = width - 14 - indent
    lines = wrap_lines(value, "regular", 8, inner) if value and not masked else [""]
    box = Box(x, y + h, width, max(21, 8 + len(lines) * 8 * LEADING + 2))
    s.add(Rect(box, fill=WHITE, stroke=FIELD_BORDER, width=0.75, radius=2.5))
    if w.icon:
        s.icon(w.icon, x + 11, box.y + box.h / 2, 9, MUTED)
    if masked:
        for i in range(10):
            s.add(Circle(x + 10 + i * 6.2, box.y + box.h / 2, 1.9, fill=INK))
    elif value:
        s.paragraph(w.id, value, x + 7 + indent, box.y + 5, inner, size=8, container=box)
    elif w.detail:
        s.paragraph(w.id, w.detail, x + 7 + indent, box.y + 5, inner, size=8, color=PLACEHOLDER, container=box)
    s.boxes[w.id] = Box(x, y, width, h + box.h)
    return h + box.h


@widget("text_field")
def text_field(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    return _field(s, w, x, y, width, w.value, masked=False)


@widget("password_field")
def password_field(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    return _field(s, w, x, y, width, "x" if w.checked else "", masked=w.checked)


@widget("textarea")
def textarea(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """A multi-line input, `number` lines high (or as high as its text)."""
    h = muted_label(s, w.id, w.label, x, y, width)
    inner = width - 14
    text = w.value or w.detail
    lines = len(wrap_lines(text, "regular", 8, inner)) if text else 0
    box = Box(x, y + h, width, 10 + max(w.number or 3, lines) * 8 * LEADING)
    s.add(Rect(box, fill=WHITE, stroke=FIELD_BORDER, width=0.75, radius=2.5))
    if text:
        s.paragraph(w.id, text, x + 7, box.y + 5, inner, size=8, color=INK if w.value else PLACEHOLDER, container=box)
    gx, gy = box.right - 3, box.bottom - 3  # the resize grip
    s.add(Line(((gx - 6, gy), (gx, gy - 6)), LINE, 0.6), Line(((gx - 3, gy), (gx, gy - 3)), LINE, 0.6))
    s.boxes[w.id] = Box(x, y, width, h + box.h)
    return h + box.h


@widget("checkbox")
def checkbox(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    lines = wrap_lines(w.text, "regular", 8, width - 40)
    text_h = len(lines) * 8 * LEADING
    h = max(34, text_h + 16)
    s.add(Rect(Box(x, y, width, h), fill=SOFT_FILL, stroke="#C9CFD7", width=0.6, radius=2.5))
    s.paragraph(  # the label at the panel's vertical centre
        w.id, w.text, x + 30, y + (h - text_h) / 2, width - 40, size=8, container=Box(x, y, width, 1e6), lines=lines
    )
    box = Box(x + 10, y + h / 2 - 6.5, 13, 13)
    s.add(Rect(box, fill=WHITE, stroke="#6B7685", width=1.1, radius=1.5))
    if w.checked:
        s.add(Line(((box.x + 3, box.y + 7), (box.x + 5.5, box.y + 10), (box.x + 10.5, box.y + 3)), OK_GREEN, 1.6))
    return h


@widget("radio_group")
def radio_group(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """Options of which one is chosen: a ring, filled with a dot for the chosen one."""
    top = y + muted_label(s, w.id, w.label, x, y, width) + (3 if w.label else 0)
    for option in w.items:
        start = top
        h = s.paragraph(
            option.id, option.text, x + 17, top, width - 17, size=8, style="bold" if option.checked else "regular"
        )
        if option.detail:
            h += s.paragraph(option.id, option.detail, x + 17, top + h, width - 17, size=7.5, color=MUTED)
        cy = start + 5.3
        s.add(Circle(x + 6, cy, 5.2, fill=WHITE, stroke=BRAND if option.checked else "#6B7685", width=1.1))
        if option.checked:
            s.add(Circle(x + 6, cy, 2.7, fill=BRAND))
        s.boxes[option.id] = Box(x, start - 1.5, min(width, _widest(s, option.id) - x + 3), h + 3)
        top += h + OPTION_GAP
    return top - y - OPTION_GAP + 1.5  # the last option's box lies inside the group


def _widest(s: Sheet, element: str) -> float:
    return max((t.box.right for t in s.texts if t.element == element), default=0.0)


@widget("toggle")
def toggle(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """A switch with its label: on is a filled track with the knob right and a tick; off is an
    outlined track with the knob left (told apart without colour)."""
    h = s.paragraph(w.id, w.text, x, y, width - 36, size=8)
    if w.detail:
        h += 1 + s.paragraph(w.id, w.detail, x, y + h + 1, width - 36, size=7.5, color=MUTED)
    h = max(h, 14.0)
    track = Box(x + width - 25, y + 0.5, 25, 13.5)
    if w.checked:
        s.add(Rect(track, fill=BRAND, radius=6.75))
        s.add(Circle(track.right - 6.75, track.y + 6.75, 5, fill=WHITE))
        s.icon("check", track.x + 7, track.y + 6.75, 8, WHITE)
    else:
        s.add(Rect(track, fill="#E9ECF0", stroke="#6B7685", width=0.9, radius=6.75))
        s.add(Circle(track.x + 6.75, track.y + 6.75, 4.6, fill=WHITE, stroke="#6B7685", width=0.9))
    return h


@widget("select")
def select(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """A drop-down: closed, the chosen option and a chevron; open (`checked`), its options below."""
    h = muted_label(s, w.id, w.label, x, y, width)
    box = Box(x, y + h, width, FIELD_H)
    _field_box(s, box, focused=w.checked)
    chosen = next((o.text for o in w.items if o.checked), "")
    shown, color = (chosen, INK) if chosen else (w.detail, PLACEHOLDER)
    if shown:
        s.single_line(w.id, shown, x + 7, box.y + 13.6, width - 30, "regular", 8, color, box)
    s.icon("chevron_down", box.right - 11, box.y + box.h / 2, 10, INK)
    s.boxes[w.id] = Box(x, y, width, h + box.h)
    if not w.checked:
        return h + box.h
    panel_top = box.bottom + 3
    top = panel_top + 3
    start = len(s.shapes)
    for option in w.items:
        row_top = top
        th = s.paragraph(
            option.id, option.text, x + 9, top + 4.5, width - 32, size=8, style="bold" if option.checked else "regular"
        )
        row = Box(x + 2, row_top, width - 4, th + 9)
        if option.checked:
            s.under(start, Rect(row, fill=SELECTED_FILL, radius=2))
            s.icon("check", row.right - 10, row.y + row.h / 2, 10, BRAND)
        s.boxes[option.id] = row
        top += row.h
    panel = Box(x, panel_top, width, top - panel_top + 3)
    _drop_down(s, start, panel)
    return panel.bottom - y


@widget("date_field")
def date_field(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """A date input showing the date in the locale's format; open (`checked`), its month below."""
    h = muted_label(s, w.id, w.label, x, y, width)
    box = Box(x, y + h, width, FIELD_H)
    _field_box(s, box, focused=w.checked)
    s.single_line(w.id, w.value, x + 7, box.y + 13.6, width - 30, "regular", 8, INK, box)
    s.icon("calendar", box.right - 11, box.y + box.h / 2, 10, INK)
    s.boxes[w.id] = Box(x, y, width, h + box.h)
    if not w.checked:
        return h + box.h
    return box.bottom - y + 3 + _calendar(s, w, x, box.bottom + 3, width)


def _calendar(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    cell = min(19.0, (width - 12) / 7)
    panel = Box(x, y, 7 * cell + 12, 0)
    start = len(s.shapes)
    s.single_line(w.id, w.detail, x + 8, y + 13, panel.w - 40, "bold", 8, INK, Box(x, y, panel.w, 20))
    s.icon("chevron_left", x + panel.w - 25, y + 10, 9, MUTED)
    s.icon("chevron_right", x + panel.w - 11, y + 10, 9, MUTED)
    top = y + 21
    for i, day in enumerate(w.columns):
        s.single_line(
            w.id,
            day,
            x + 6 + i * cell + cell / 2,
            top + 7,
            cell - 1,
            "regular",
            7.5,
            MUTED,
            Box(x, y, panel.w, 1e6),
            anchor="middle",
        )
    top += 11
    for week in w.items:
        for i, day in enumerate(week.columns):
            if not day:
                continue
            cx, cy = x + 6 + i * cell + cell / 2, top + cell / 2
            chosen = day == w.text
            if chosen:
                s.add(Circle(cx, cy, cell / 2 - 1, fill=BRAND))
            s.single_line(
                w.id,
                day,
                cx,
                cy + 2.6,
                cell - 2,
                "bold" if chosen else "regular",
                7,
                WHITE if chosen else INK,
                Box(cx - cell / 2, cy - cell / 2, cell, cell),
                anchor="middle",
            )
        top += cell
    panel = Box(x, y, panel.w, top - y + 5)
    _drop_down(s, start, panel)
    return panel.h


def _drop_down(s: Sheet, start: int, panel: Box) -> None:
    """An open list's or calendar's panel and its shadow, under what was drawn on it since `start`."""
    s.under(start, Rect(Box(panel.x + 1, panel.y + 2, panel.w, panel.h), fill="#D5DAE1", radius=3.5))
    s.under(start + 1, Rect(panel, fill=WHITE, stroke=CARD_BORDER, width=0.6, radius=3))


@widget("code_input")
def code_input(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """A one-time code: a box per digit, the typed digits in them, the next box focused."""
    h = muted_label(s, w.id, w.label, x, y, width)
    n = w.number or 6
    gap, middle = 5.0, (6.0 if n % 2 == 0 and n >= 6 else 0.0)
    size = min(24.0, (width - gap * (n - 1) - middle) / n)
    top = y + h
    for i in range(n):
        bx = x + i * (size + gap) + (middle if middle and i >= n // 2 else 0)
        box = Box(bx, top, size, size * 1.2)
        focused = i == len(w.value)
        _field_box(s, box, focused=focused)
        if i < len(w.value):
            s.single_line(
                w.id, w.value[i], bx + size / 2, box.y + box.h / 2 + 4, size - 4, "bold", 11, INK, box, anchor="middle"
            )
        elif focused:
            s.add(Line(((bx + size / 2, box.y + 6), (bx + size / 2, box.bottom - 6)), INK, 0.9))
    row_w = n * size + (n - 1) * gap + middle
    s.boxes[w.id] = Box(x, y, row_w, h + size * 1.2)
    return h + size * 1.2


@widget("choice_card")
def choice_card(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    tx = x + 30
    inner = width - 38
    top = y + 7
    start = len(s.shapes)
    h = s.paragraph(w.id, w.text, tx, top, inner, style="bold", size=8.5, color=INK)
    if w.detail:
        h += 1 + s.paragraph(w.id, w.detail, tx, top + h + 1, inner, size=7.5, color=MUTED)
    box = Box(x, y, width, max(34, h + 14))
    icon_cy = y + box.h / 2
    s.under(start, Rect(box, fill=WHITE, stroke="#AEB7C2", width=0.75, radius=3))
    s.add(Circle(x + 15, icon_cy, 8, fill="#E8EEF6"))
    # the padlock and the arrow drawn heavier than the icon set's outlines, to fill the disc
    if w.icon == "lock":
        lock(s, x + 15, icon_cy + 0.8, BRAND, 1.1)
    elif w.icon == "arrow":
        s.add(Line(((x + 10.5, icon_cy), (x + 19, icon_cy)), BRAND, 1.3))
        s.add(Line(((x + 15.5, icon_cy - 3.5), (x + 19.2, icon_cy), (x + 15.5, icon_cy + 3.5)), BRAND, 1.3))
    if w.icon in ("lock", "arrow"):
        s.marks.append(Box(x + 10, icon_cy - 5, 10, 10))  # kept free of callouts, as Sheet.icon's
    elif w.icon:
        s.icon(w.icon, x + 15, icon_cy, 10, BRAND)
    return box.h


def lock(s: Sheet, cx: float, cy: float, color: str = MUTED, scale: float = 1.0) -> None:
    """The small padlock of an address bar and a choice card."""
    k = scale
    s.add(Rect(Box(cx - 2.6 * k, cy - 0.6 * k, 5.2 * k, 4.0 * k), fill=color, radius=0.6 * k))
    s.add(
        Line(
            (
                (cx - 1.6 * k, cy - 0.6 * k),
                (cx - 1.6 * k, cy - 2.4 * k),
                (cx - 0.8 * k, cy - 3.3 * k),
                (cx + 0.8 * k, cy - 3.3 * k),
                (cx + 1.6 * k, cy - 2.4 * k),
                (cx + 1.6 * k, cy - 0.6 * k),
            ),
            color,
            0.8 * k,
        )
    )

"""layout_screen and annotate: a translated screen → boxes and shapes in points, once.

Layout is automatic, like the real pages: a `form` screen is a centred card, a
`settings` screen a page of blocks. Every size comes from the translated text: long
labels wrap and their element grows, a word wider than its element is broken, so text
never leaves its element or the frame. The PDF and PNG painters only paint the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Callout, ScreenSpec, Widget
from ..fonts import fit_prefix, text_width, wrap_lines
from ..palette import ACCENT, FAINT, INK, LINE, MUTED, WHITE
from ..palette import LINK as BRAND
from ..palette import TINT as PAGE
from .shapes import Box, Circle, Line, Rect, Shape, Text

SCREEN_WIDTH = 280.0
MIN_READABLE = 5.5  # pt at print size, below which the build warns

LEADING = 1.3


@dataclass(frozen=True)
class TextBox:
    """Where a text landed, and the box it must stay in (for overflow checks)."""

    element: str
    text: str
    box: Box
    container: Box
    size: float


@dataclass(frozen=True)
class Overflow:
    """A text that does not fit its element: too long for a button, shrunk, cut or broken mid-word."""

    element: str
    text: str  # the whole text the element was given
    problem: str
    msgid: str | None = None  # the UI message it was translated from; None for addresses, names, products


@dataclass(frozen=True)
class ScreenLayout:
    screen_id: str
    width: float
    height: float
    shapes: tuple[Shape, ...]
    boxes: dict[str, Box]
    texts: tuple[TextBox, ...]
    warnings: tuple[str, ...] = ()
    overflows: tuple[Overflow, ...] = ()

    @property
    def frame(self) -> Box:
        return Box(0, 0, self.width, self.height)


@dataclass(frozen=True)
class AnnotatedView:
    """A screen layout with the callouts of one step drawn on top."""

    layout: ScreenLayout
    annotations: tuple[Shape, ...]
    numbers: tuple[str, ...] = field(default=())

    @property
    def shapes(self) -> tuple[Shape, ...]:
        return self.layout.shapes + self.annotations

    @property
    def width(self) -> float:
        return self.layout.width

    @property
    def height(self) -> float:
        return self.layout.height


class _Builder:
    def __init__(self, spec: ScreenSpec, locale: str) -> None:
        self.spec = spec
        self.locale = locale
        self.shapes: list[Shape] = []
        self.boxes: dict[str, Box] = {}
        self.texts: list[TextBox] = []
        self.warnings: list[str] = []
        self.overflows: list[Overflow] = []
        self.sources = {shown: msgid for widget in spec.widgets for shown, msgid in widget.sources}

    def overflow(self, element: str, text: str, problem: str) -> None:
        """Record a text that does not fit, with the message it came from; the build warns, `--strict` fails."""
        msgid = self.sources.get(text)
        self.overflows.append(Overflow(element, text, problem, msgid))
        message = f" (message {msgid!r})" if msgid else ""
        self.warnings.append(f"{self.locale}: {element!r} on screen {self.spec.id!r} does not fit: {problem}{message}")

    # --- text ---------------------------------------------------------------------

    def paragraph(
        self,
        element: str,
        text: str,
        x: float,
        y: float,
        width: float,
        *,
        style: str = "regular",
        size: float = 8.0,
        color: str = INK,
        anchor: str = "start",
        underline: bool = False,
        container: Box | None = None,
    ) -> float:
        """Wrapped text from the top `y`; returns the height used."""
        lines = wrap_lines(text, style, size, width)
        lead = size * LEADING
        if any(text_width(word, style, size) > width for word in text.split()):
            self.overflow(element, text, "a word is wider than the element")
        for i, line in enumerate(lines):
            baseline = y + size * 1.02 + i * lead
            w = text_width(line, style, size)
            tx = {"start": x, "middle": x + width / 2, "end": x + width}[anchor]
            self.shapes.append(Text(tx, baseline, line, style, size, color, anchor, underline))
            left = {"start": tx, "middle": tx - w / 2, "end": tx - w}[anchor]
            self.texts.append(
                TextBox(
                    element,
                    line,
                    Box(left, baseline - size * 0.8, w, size * 1.0),
                    container or Box(x, y, width, 1e6),
                    size,
                )
            )
        return len(lines) * lead

    def single_line(
        self,
        element: str,
        text: str,
        x: float,
        baseline: float,
        width: float,
        style: str,
        size: float,
        color: str,
        container: Box,
    ) -> None:
        """One line that must fit: shrink it, then shorten it with an ellipsis."""
        shown, fitted = text, size
        while text_width(shown, style, fitted) > width and fitted > 4.5:
            fitted -= 0.25
        if text_width(shown, style, fitted) > width and len(shown) > 2:
            keep = fit_prefix(shown, style, fitted, width - text_width("…", style, fitted))
            shown = shown[: max(1, keep)] + "…"
        if shown != text:
            self.overflow(element, text, "cut short even at the smallest size")
        elif fitted < MIN_READABLE:
            self.overflow(element, text, f"shrunk to {fitted:.1f} pt")
        w = text_width(shown, style, fitted)
        self.shapes.append(Text(x, baseline, shown, style, fitted, color))
        self.texts.append(TextBox(element, shown, Box(x, baseline - fitted * 0.8, w, fitted), container, fitted))

    # --- chrome -------------------------------------------------------------------

    def chrome(self, width: float) -> float:
        """Browser bar and product bar; returns where the content starts."""
        self.shapes.append(Rect(Box(0, 0, width, 22), fill="#E6E9EE"))
        for i, color in enumerate(("#B5BCC6", "#C5CBD3", "#D3D8DE")):
            self.shapes.append(Circle(10 + i * 9, 11, 2.6, fill=color))
        pill = Box(40, 4.5, width - 50, 13)
        self.shapes.append(Rect(pill, fill=WHITE, stroke="#CDD3DB", width=0.5, radius=6.5))
        self._lock(pill.x + 8, pill.y + 6.5)
        self.single_line(
            "address", self.spec.address, pill.x + 15, pill.y + 9.2, pill.w - 22, "regular", 6.5, MUTED, pill
        )
        bar = Box(0, 22, width, 26)
        self.shapes.append(Rect(bar, fill=WHITE))
        self.shapes.append(Line(((0, 48), (width, 48)), LINE, 0.6))
        if self.spec.product:
            self.single_line("product", self.spec.product, 12, 39, width * 0.55, "bold", 10, INK, bar)
        if self.spec.user:
            w = min(text_width(self.spec.user, "regular", 7.5), width * 0.35)
            self.shapes.append(Circle(width - 20 - w, 35, 6, fill=FAINT, stroke=LINE, width=0.5))
            self.single_line("user", self.spec.user, width - 10 - w, 37.7, w, "regular", 7.5, INK, bar)
        return 48

    def _lock(self, cx: float, cy: float, color: str = MUTED, scale: float = 1.0) -> None:
        s = scale
        self.shapes.append(Rect(Box(cx - 2.6 * s, cy - 0.6 * s, 5.2 * s, 4.0 * s), fill=color, radius=0.6 * s))
        self.shapes.append(
            Line(
                (
                    (cx - 1.6 * s, cy - 0.6 * s),
                    (cx - 1.6 * s, cy - 2.4 * s),
                    (cx - 0.8 * s, cy - 3.3 * s),
                    (cx + 0.8 * s, cy - 3.3 * s),
                    (cx + 1.6 * s, cy - 2.4 * s),
                    (cx + 1.6 * s, cy - 0.6 * s),
                ),
                color,
                0.8 * s,
            )
        )

    # --- elements -------------------------------------------------------------------

    def element(self, w: Widget, x: float, y: float, width: float) -> float:
        """Lay out one element at (x, y); returns its height."""
        method = getattr(self, f"_{w.kind}")
        height = method(w, x, y, width)
        self.boxes.setdefault(w.id, Box(x, y, width, height))
        return height

    def _heading(self, w: Widget, x: float, y: float, width: float) -> float:
        return self.paragraph(w.id, w.text, x, y, width, style="bold", size=12, container=Box(x, y, width, 1e6))

    def _paragraph(self, w: Widget, x: float, y: float, width: float) -> float:
        return self.paragraph(w.id, w.text, x, y, width, size=7.5, color=INK)

    def _field(self, w: Widget, x: float, y: float, width: float, value: str, masked: bool) -> float:
        h = self.paragraph(w.id, w.label, x, y, width, size=7, color=MUTED) + 2
        inner = width - 14
        lines = wrap_lines(value, "regular", 8, inner) if value and not masked else [""]
        box = Box(x, y + h, width, max(21, 8 + len(lines) * 8 * LEADING + 2))
        self.shapes.append(Rect(box, fill=WHITE, stroke="#8D97A5", width=0.75, radius=2.5))
        if masked:
            for i in range(10):
                self.shapes.append(Circle(x + 10 + i * 6.2, box.y + box.h / 2, 1.9, fill=INK))
        elif value:
            self.paragraph(w.id, value, x + 7, box.y + 5, inner, size=8, container=box)
        elif w.detail:
            self.paragraph(w.id, w.detail, x + 7, box.y + 5, inner, size=8, color="#98A1AD", container=box)
        self.boxes[w.id] = Box(x, y, width, h + box.h)
        return h + box.h

    def _text_field(self, w: Widget, x: float, y: float, width: float) -> float:
        return self._field(w, x, y, width, w.value, masked=False)

    def _password_field(self, w: Widget, x: float, y: float, width: float) -> float:
        return self._field(w, x, y, width, "x" if w.checked else "", masked=w.checked)

    def _button(self, w: Widget, x: float, y: float, width: float) -> float:
        primary = w.style != "secondary"
        lines = wrap_lines(w.text, "bold", 8.5, width - 16)
        if len(lines) > 1:
            self.overflow(w.id, w.text, f"needs {len(lines)} lines, the button has room for one")
        box = Box(x, y, width, max(23, 12 + len(lines) * 8.5 * LEADING))
        self.shapes.append(
            Rect(box, fill=BRAND if primary else WHITE, stroke=BRAND if primary else "#4A5868", width=0.9, radius=3)
        )
        text_h = len(lines) * 8.5 * LEADING
        self.paragraph(
            w.id,
            w.text,
            x + 8,
            y + (box.h - text_h) / 2,
            width - 16,
            style="bold",
            size=8.5,
            color=WHITE if primary else INK,
            anchor="middle",
            container=box,
        )
        return box.h

    def _link(self, w: Widget, x: float, y: float, width: float) -> float:
        h = self.paragraph(w.id, w.text, x, y + 1, width, size=8, color=BRAND, underline=True) + 2
        tight = max((t.box.x + t.box.w for t in self.texts if t.element == w.id), default=x) - x
        self.boxes[w.id] = Box(x - 2, y - 1, tight + 4, h + 1)
        return h

    def _checkbox(self, w: Widget, x: float, y: float, width: float) -> float:
        text_h = self.paragraph(w.id, w.text, x + 30, y + 0, width - 40, size=8, container=Box(x, y, width, 1e6))
        h = max(34, text_h + 16)
        # the panel goes under the label: insert it before the text shapes just added
        panel = Rect(Box(x, y, width, h), fill="#F9FAFB", stroke="#C9CFD7", width=0.6, radius=2.5)
        n = len(wrap_lines(w.text, "regular", 8, width - 40))
        self.shapes.insert(len(self.shapes) - n, panel)
        # move the label to the panel's vertical centre
        dy = (h - text_h) / 2
        self._shift_last(w.id, n, dy)
        box = Box(x + 10, y + h / 2 - 6.5, 13, 13)
        self.shapes.append(Rect(box, fill=WHITE, stroke="#6B7685", width=1.1, radius=1.5))
        if w.checked:
            self.shapes.append(
                Line(((box.x + 3, box.y + 7), (box.x + 5.5, box.y + 10), (box.x + 10.5, box.y + 3)), "#1E7B34", 1.6)
            )
        return h

    def _shift_last(self, element: str, n: int, dy: float) -> None:
        for i in range(len(self.shapes) - n, len(self.shapes)):
            t = self.shapes[i]
            assert isinstance(t, Text)
            self.shapes[i] = Text(t.x, t.y + dy, t.text, t.style, t.size, t.color, t.anchor, t.underline)
        for i in range(len(self.texts) - n, len(self.texts)):
            tb = self.texts[i]
            self.texts[i] = TextBox(
                element, tb.text, Box(tb.box.x, tb.box.y + dy, tb.box.w, tb.box.h), tb.container, tb.size
            )

    def _divider(self, w: Widget, x: float, y: float, width: float) -> float:
        if not w.text:
            self.shapes.append(Line(((x, y + 5), (x + width, y + 5)), LINE, 0.6))
            return 10
        tw = min(text_width(w.text, "regular", 7.5), width - 40)
        mid = y + 6
        self.shapes.append(Line(((x, mid), (x + (width - tw) / 2 - 6, mid)), LINE, 0.6))
        self.shapes.append(Line(((x + (width + tw) / 2 + 6, mid), (x + width, mid)), LINE, 0.6))
        self.single_line(w.id, w.text, x + (width - tw) / 2, mid + 2.6, tw, "regular", 7.5, MUTED, Box(x, y, width, 12))
        return 12

    def _choice_card(self, w: Widget, x: float, y: float, width: float) -> float:
        tx = x + 30
        inner = width - 38
        top = y + 7
        h = self.paragraph(w.id, w.text, tx, top, inner, style="bold", size=8.5, color=INK)
        if w.detail:
            h += 1 + self.paragraph(w.id, w.detail, tx, top + h + 1, inner, size=7, color=MUTED)
        box = Box(x, y, width, max(34, h + 14))
        icon_cy = y + box.h / 2
        n = sum(1 for t in self.texts if t.element == w.id)
        self.shapes.insert(len(self.shapes) - n, Rect(box, fill=WHITE, stroke="#AEB7C2", width=0.75, radius=3))
        self.shapes.append(Circle(x + 15, icon_cy, 8, fill="#E8EEF6"))
        if w.icon == "lock":
            self._lock(x + 15, icon_cy + 0.8, BRAND, 1.1)
        elif w.icon == "arrow":
            self.shapes.append(Line(((x + 10.5, icon_cy), (x + 19, icon_cy)), BRAND, 1.3))
            self.shapes.append(
                Line(((x + 15.5, icon_cy - 3.5), (x + 19.2, icon_cy), (x + 15.5, icon_cy + 3.5)), BRAND, 1.3)
            )
        return box.h

    def _rows(self, w: Widget, x: float, y: float, width: float) -> float:
        label_w = max(text_width(label, "regular", 7.5) for label, _v, _l in w.rows) + 8
        label_w = min(label_w, width * 0.42)
        top = y
        for label, value, is_link in w.rows:
            hl = self.paragraph(w.id, label, x, top, label_w - 6, size=7.5, color=MUTED)
            hv = self.paragraph(
                w.id,
                value,
                x + label_w,
                top,
                width - label_w,
                size=7.5,
                color=BRAND if is_link else INK,
                underline=is_link,
            )
            top += max(hl, hv) + 3.5
        return top - y

    def _status_card(self, w: Widget, x: float, y: float, width: float) -> float:
        tx, inner = x + 30, width - 40
        h = 8 + self.paragraph(w.id, w.text, tx, y + 8, inner, style="bold", size=9)
        if w.detail:
            h += 2 + self.paragraph(w.id, w.detail, tx, y + h + 2, inner, size=7.5)
        if w.value:
            h += 3 + self.paragraph(w.id, w.value, tx, y + h + 3, inner, size=7, color=MUTED)
        box = Box(x, y, width, h + 9)
        n = sum(1 for t in self.texts if t.element == w.id)
        self.shapes.insert(len(self.shapes) - n, Rect(box, fill="#F3F8F4", stroke="#8FB99A", width=0.75, radius=3))
        self.shapes.append(Circle(x + 15, y + 14, 7, fill="#1E7B34"))
        self.shapes.append(Line(((x + 11.8, y + 14.2), (x + 14.2, y + 16.6), (x + 18.4, y + 11.6)), WHITE, 1.4))
        return box.h

    def _account_list(self, w: Widget, x: float, y: float, width: float) -> float:
        top = y
        for i, account in enumerate(w.items):
            if i:
                self.shapes.append(Line(((x, top), (x + width, top)), FAINT, 0.75))
            start = top
            tx, inner = x + 34, width - 42
            h = self.paragraph(account.id, account.text, tx, top + 8, inner, style="bold", size=8.5)
            if account.detail:
                h += self.paragraph(account.id, account.detail, tx, top + 8 + h, inner, size=7.5, color=MUTED)
            entry_h = max(34, h + 16)
            self.shapes.append(Circle(x + 16, start + entry_h / 2, 10, fill=FAINT, stroke=LINE, width=0.5))
            initials = "".join(_initial_letters(account.text)).upper() or "?"
            self.shapes.append(Text(x + 16, start + entry_h / 2 + 2.6, initials, "bold", 7, MUTED, "middle"))
            self.boxes[account.id] = Box(x, start, width, entry_h)
            top += entry_h
        return top - y

    def _policy_list(self, w: Widget, x: float, y: float, width: float) -> float:
        top = y
        for rule in w.items:
            self.shapes.append(Circle(x + 4, top + 4.6, 1.6, fill=MUTED))
            top += self.paragraph(w.id, rule.text, x + 11, top, width - 11, size=7.5, color=INK) + 1.5
        return top - y

    def _section(self, w: Widget, x: float, y: float, width: float) -> float:
        pad = 12
        card_index = len(self.shapes)
        top = y + pad
        top += self.paragraph(w.id, w.text, x + pad, top, width - 2 * pad, style="bold", size=10) + 4
        self.shapes.append(Line(((x + pad, top), (x + width - pad, top)), FAINT, 0.75))
        top += 8
        for child in w.items:
            top += self.element(child, x + pad, top, width - 2 * pad) + 8
        box = Box(x, y, width, top - y + pad - 8)
        self.shapes.insert(card_index, Rect(box, fill=WHITE, stroke="#D5DAE1", width=0.6, radius=3))
        return box.h


def layout_screen(spec: ScreenSpec, locale: str = "", width: float = SCREEN_WIDTH) -> ScreenLayout:
    """The screen's shapes and element boxes, in points, for the given width."""
    b = _Builder(spec, locale)
    background = len(b.shapes)
    top = b.chrome(width)
    if spec.layout == "form":
        card_w = min(236.0, width - 40)
        cx = (width - card_w) / 2
        pad = 16
        y = top + 18 + pad
        card_index = len(b.shapes)
        for widget in spec.widgets:
            y += b.element(widget, cx + pad, y, card_w - 2 * pad) + (12 if widget.kind == "heading" else 9)
        card = Box(cx, top + 18, card_w, y - top - 18 + pad - 9)
        b.shapes.insert(card_index, Rect(card, fill=WHITE, stroke="#D5DAE1", width=0.6, radius=4))
        height = card.y + card.h + 18
    else:
        pad = 14
        y = top + pad
        for widget in spec.widgets:
            y += b.element(widget, pad, y, width - 2 * pad) + 10
        height = y + pad - 10
    b.shapes.insert(background, Rect(Box(0, 0, width, height), fill=PAGE))
    b.shapes.append(Rect(Box(0, 0, width, height), stroke="#8A94A3", width=0.9, radius=4))
    return ScreenLayout(
        spec.id, width, height, tuple(b.shapes), dict(b.boxes), tuple(b.texts), tuple(b.warnings), tuple(b.overflows)
    )


def _initial_letters(name: str) -> list[str]:
    """The first letter of the name's first two words ("[Áççöûñţ áţ …" gives Á and á)."""
    letters = []
    for word in name.split():
        first = next((c for c in word if c.isalpha()), "")
        if first:
            letters.append(first)
        if len(letters) == 2:
            break
    return letters


# --- annotations ----------------------------------------------------------------------

BADGE_R = 8.0


def annotate(layout: ScreenLayout, callouts: tuple[Callout, ...]) -> AnnotatedView:
    """Numbered badges and outlines for the controls to use; the ones to avoid struck through.

    Told apart without colour: a control to use has a solid 2 pt outline and the step's number;
    one to avoid has a dashed outline, a × badge, its text struck through and its note.
    """
    shapes: list[Shape] = []
    frame = layout.frame
    outlines = _outlines(layout, callouts)
    for callout, box in zip(callouts, outlines, strict=True):
        if callout.avoid:
            shapes.append(Rect(box, fill=None, stroke=ACCENT, width=1.4, radius=4, dash=(3.5, 2.5)))
            for text in layout.texts:
                if text.element == callout.control:  # strike through every line of its text
                    mid = text.box.y + text.box.h * 0.5
                    shapes.append(Line(((text.box.x - 1, mid), (text.box.x + text.box.w + 1, mid)), ACCENT, 1.2))
            if callout.note:
                size = 7.5
                tw = text_width(callout.note, "bold", size)
                pill = _clamp(Box(box.x + box.w - tw - 16, box.y - 7, tw + 10, 14), frame.grow(-2))
                shapes.append(Rect(pill, fill=WHITE, stroke=ACCENT, width=1.0, radius=7))
                shapes.append(Text(pill.x + 5, pill.y + 9.8, callout.note, "bold", size, ACCENT))
            badge = "×"
        else:
            shapes.append(Rect(box, fill=None, stroke=ACCENT, width=2.0, radius=4))
            badge = callout.label
        # the badge sits left of the outline where there is room, else on its corner
        cx = box.x - BADGE_R - 1.5 if box.x - 2 * BADGE_R - 3 >= 0 else max(BADGE_R + 1.5, box.x)
        cy = max(BADGE_R + 1.5, box.y + min(box.h / 2, BADGE_R + 2))
        shapes.append(Circle(cx, cy, BADGE_R + 1.2, fill=WHITE))
        shapes.append(Circle(cx, cy, BADGE_R, fill=ACCENT))
        shapes.append(Text(cx, cy + 3.3, badge, "bold", 9 if len(badge) < 3 else 7, WHITE, "middle"))
        if callout.note and not callout.avoid:
            size = 7
            tw = text_width(callout.note, "bold", size)
            pill = _clamp(Box(box.x + box.w - tw - 10, box.y - 7, tw + 10, 13), frame.grow(-2))
            shapes.append(Rect(pill, fill=ACCENT, radius=6.5))
            shapes.append(Text(pill.x + 5, pill.y + 9, callout.note, "bold", size, WHITE))
    numbers = tuple(sorted({c.label for c in callouts}))
    return AnnotatedView(layout, tuple(shapes), numbers)


OUTLINE_GROW = 3.5
OUTLINE_GAP = 3.0  # between the outlines of two neighbouring controls


def _outlines(layout: ScreenLayout, callouts: tuple[Callout, ...]) -> list[Box]:
    """Each control's box grown a little, but never into a neighbour's outline (stacked rows
    such as accounts touch): where two would meet, both stop short of the middle between them."""
    inner = layout.frame.grow(-1.5)
    boxes = [layout.boxes[c.control] for c in callouts]
    edges = [
        [b.x - OUTLINE_GROW, b.y - OUTLINE_GROW, b.x + b.w + OUTLINE_GROW, b.y + b.h + OUTLINE_GROW] for b in boxes
    ]
    for i, a in enumerate(boxes):
        for j, b in enumerate(boxes):
            if j <= i or callouts[i].control == callouts[j].control:
                continue
            overlap_x = min(a.x + a.w, b.x + b.w) - max(a.x, b.x) > 0
            if overlap_x and (a.y + a.h <= b.y + 0.01 or b.y + b.h <= a.y + 0.01):
                upper, lower = (i, j) if a.y < b.y else (j, i)
                mid = (boxes[upper].y + boxes[upper].h + boxes[lower].y) / 2
                edges[upper][3] = min(edges[upper][3], mid - OUTLINE_GAP / 2)
                edges[lower][1] = max(edges[lower][1], mid + OUTLINE_GAP / 2)
    return [_clamp(Box(x0, y0, x1 - x0, y1 - y0), inner) for x0, y0, x1, y1 in edges]


def _clamp(box: Box, frame: Box) -> Box:
    w, h = min(box.w, frame.w), min(box.h, frame.h)
    x = min(max(box.x, frame.x), frame.x + frame.w - w)
    y = min(max(box.y, frame.y), frame.y + frame.h - h)
    return Box(x, y, w, h)

"""The sheet a screen is laid out on, and fitting text into it.

`Sheet` collects one screen's shapes, the box of every element (for callouts), the box
of every line of text with the element it must stay in, and the box of every icon. Text is set by `paragraph`
(wrapped, the element grows) or `single_line` (shrunk, down to `SMALLEST`, then cut short with an
ellipsis).
A text that does not fit is an `Overflow`: the build warns, `--strict` fails, naming the
catalog entry the text came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .fonts import fit_prefix, text_width, wrap_lines
from .icons import icon_shapes
from .palette import INK
from .shapes import Box, Line, Shape, Text

SMALLEST = 7.0  # pt in the screen's own units: a line is shrunk no further (6.4 pt on paper beside a step)
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
    screen: str = ""  # the screen it is on (the one behind a dialog is laid out on the dialog's sheet)


class Boxes(dict[str, Box]):
    """Where a callout may point, by id; nothing is recorded while `muted` (see `Sheet.page_behind`)."""

    muted = False

    def __setitem__(self, key: str, value: Box) -> None:
        if not self.muted:
            super().__setitem__(key, value)

    def setdefault(self, key: str, default: Box) -> Box:
        return default if self.muted else super().setdefault(key, default)


class Sheet:
    """One screen being laid out: shapes in painting order, element boxes, text boxes, overflows."""

    def __init__(self, screen_id: str, locale: str, sources: dict[str, str]) -> None:
        self.screen_id = screen_id
        self.locale = locale
        self.sources = sources  # shown text → the UI message it came from
        self.shapes: list[Shape] = []
        self.boxes = Boxes()  # where a callout points: a control itself
        self.extents: dict[str, Box] = {}  # all an element takes up (an open list with its options)
        self.texts: list[TextBox] = []
        self.marks: list[Box] = []  # every icon's box: a callout's badge or note keeps off it, as off text
        self.overflows: list[Overflow] = []

    @contextmanager
    def page_behind(self, screen_id: str | None) -> Iterator[None]:
        """Lay out a part of the page behind a dialog, of the screen `screen_id` (None: a part of this
        screen's own): no step of this screen points at it, so none of its boxes is recorded, whatever
        its ids; what of it does not fit is that screen's."""
        if screen_id is None:
            yield
            return
        own = self.screen_id
        self.screen_id, self.boxes.muted = screen_id, True
        try:
            yield
        finally:
            self.screen_id, self.boxes.muted = own, False

    def add(self, *shapes: Shape) -> None:
        self.shapes.extend(shapes)

    def icon(self, name: str, cx: float, cy: float, size: float, color: str) -> None:
        """The icon `name`, `size` points wide, centred on (cx, cy); its box is kept free of callouts."""
        self.shapes.extend(icon_shapes(name, cx, cy, size, color))
        self.marks.append(Box(cx - size / 2, cy - size / 2, size, size))

    def under(self, start: int, shape: Shape) -> None:
        """Put a shape below everything added since `start` (a card under its contents)."""
        self.shapes.insert(start, shape)

    def overflow(self, element: str, text: str, problem: str) -> None:
        """Record a text that does not fit, with the message it came from; the build warns, `--strict` fails."""
        self.overflows.append(Overflow(element, text, problem, self.sources.get(text), self.screen_id))

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
        lines: list[str] | None = None,
    ) -> float:
        """Wrapped text from the top `y`, each line underlined if asked (a link); returns the height used.
        `lines` are the text's lines from `wrap_lines` at this style, size and width, when the caller
        needed them first (to size the element the text stands in)."""
        lines = lines or wrap_lines(text, style, size, width)
        lead = size * LEADING
        if any(text_width(word, style, size) > width for word in text.split()):
            self.overflow(element, text, "a word is wider than the element")
        for i, line in enumerate(lines):
            baseline = y + size * 1.02 + i * lead
            w = text_width(line, style, size)
            tx = {"start": x, "middle": x + width / 2, "end": x + width}[anchor]
            self.shapes.append(Text(tx, baseline, line, style, size, color, anchor))
            left = {"start": tx, "middle": tx - w / 2, "end": tx - w}[anchor]
            if underline:
                under = baseline + size * 0.15
                self.shapes.append(Line(((left, under), (left + w, under)), color, 0.5))
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
        anchor: str = "start",
    ) -> float:
        """One line that must fit: shrink it, then shorten it with an ellipsis. Returns its width."""
        shown, fitted = text, size
        while text_width(shown, style, fitted) > width and fitted - 0.25 >= min(size, SMALLEST):
            fitted -= 0.25
        if text_width(shown, style, fitted) > width and len(shown) > 2:  # cut in linear time, however long
            keep = fit_prefix(shown, style, fitted, width - text_width("…", style, fitted))
            shown = shown[: max(1, keep)] + "…"
        if shown != text:
            self.overflow(element, text, "cut short even at the smallest size")
        elif fitted < size:  # every shrinking is said, in every locale: the translator may find shorter words
            self.overflow(element, text, f"shrunk from {size:g} to {fitted:g} pt")
        w = text_width(shown, style, fitted)
        self.shapes.append(Text(x, baseline, shown, style, fitted, color, anchor))
        left = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
        self.texts.append(TextBox(element, shown, Box(left, baseline - fitted * 0.8, w, fitted), container, fitted))
        return w

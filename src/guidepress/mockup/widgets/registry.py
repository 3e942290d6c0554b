"""The widget registry: each kind of screen element is laid out by one function.

A widget function takes the sheet, the translated `Widget` and the place it gets (x, y and
a width, in points) and returns the height it used; it adds its shapes, texts and the
boxes of its controls to the sheet. `lay_out` runs the right one and records the element's
box for callouts.
"""

from __future__ import annotations

from collections.abc import Callable

from ...document import Widget
from ..shapes import Box
from ..text import Sheet

WidgetLayout = Callable[[Sheet, Widget, float, float, float], float]
WIDGETS: dict[str, WidgetLayout] = {}

# colours the widgets share (the palette's are for text and the page)
FIELD_BORDER = "#8D97A5"
PLACEHOLDER = "#656E7B"  # 4.5:1 and more on white and on the tinted fills, in grey print too
CARD_BORDER = "#D5DAE1"
SOFT_FILL = "#F9FAFB"
OK_GREEN = "#1E7B34"
SELECTED_FILL = "#EAF1FA"


def widget(kind: str) -> Callable[[WidgetLayout], WidgetLayout]:
    def register(function: WidgetLayout) -> WidgetLayout:
        WIDGETS[kind] = function
        return function

    return register


def lay_out(sheet: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """Lay out one element at (x, y) in `width`; returns its height."""
    height = WIDGETS[w.kind](sheet, w, x, y, width)
    sheet.boxes.setdefault(w.id, Box(x, y, width, height))
    sheet.extents[w.id] = Box(x, y, width, height)
    return height

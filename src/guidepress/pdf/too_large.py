"""TooLarge: reportlab's `LayoutError` as a typed error of ours, with the numbers a reader needs.

reportlab raises `LayoutError` when a flowable is taller than any frame; its message names
objects by their memory address. The doc template that raised it still knows the page it
was on and the flowable it could not place (`handle_flowable`'s `self.page` and `f`), so
`reraise_too_large` reads those from the frame that raised, instead of parsing the message.
This is the one place that knows those internals (tests/test_bad_inputs.py builds a guide
with a text far too long and checks the height and page in the message, so a reportlab that
changes them fails there); nothing above `pdf/` sees reportlab's exception.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from reportlab.platypus.doctemplate import LayoutError

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class TooLarge(Exception):
    """Something is larger than a page: `height` in points and the `page` it met, when known."""

    height: float | None = None
    page: int | None = None

    def __str__(self) -> str:
        if self.height is None or self.page is None:
            return "a block is larger than a page"
        return f"a block {self.height:.0f} pt tall is larger than a page (page {self.page}); is a text far too long?"


def too_large(exc: LayoutError) -> TooLarge:
    """The height and page of what reportlab could not place, from the frame that raised."""
    tb = exc.__traceback__
    height = page = None
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_code.co_name == "handle_flowable":
            template, flowable = frame.f_locals.get("self"), frame.f_locals.get("f")
            found_page = getattr(template, "page", None)
            found_height = getattr(flowable, "height", None)
            if isinstance(found_page, int) and isinstance(found_height, int | float):
                height, page = float(found_height), found_page
        tb = tb.tb_next
    return TooLarge(height, page)


def reraise_too_large(render: Callable[P, R]) -> Callable[P, R]:
    """`render` raising `TooLarge` where reportlab raised `LayoutError`."""

    @functools.wraps(render)
    def rendering(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return render(*args, **kwargs)
        except LayoutError as exc:
            raise too_large(exc) from None

    return rendering

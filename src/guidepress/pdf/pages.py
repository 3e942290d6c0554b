"""The pages around the story: frames mirrored for binding, running header and footer with
"Page X of Y", crop marks and the TrimBox/BleedBox of print-shop output, and the outline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import ActionFlowable

from .. import document as doc
from ..fonts import NAMES
from .flowables import MUTED, RULE
from .paper import PageSetup

CROP_MARK = 5 * mm


@dataclass(frozen=True)
class PageEnd:
    """Where a page's content ended: the height left empty, and what went on to the next page."""

    page: int
    space_left: float
    next: Flowable | None


class HandoutTemplate(BaseDocTemplate):
    """Right-hand and left-hand pages in turn; `page_ends` says how each page ended."""

    def __init__(self, out: Any, setup: PageSetup, **info: Any) -> None:
        super().__init__(
            out,
            pagesize=setup.media,
            leftMargin=setup.inner,
            rightMargin=setup.outer,
            topMargin=setup.top,
            bottomMargin=setup.bottom,
            **info,
        )
        o = setup.offset
        height = setup.frame_height
        frames = {
            page: Frame(
                o + setup.left(page),
                o + setup.bottom,
                setup.frame_width,
                height,
                id=f"body{page}",
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
            )
            for page in (1, 2)
        }
        self.page_ends: list[PageEnd] = []
        self._tried: Flowable | None = None
        self.addPageTemplates(
            [
                PageTemplate(id="recto", frames=[frames[1]], autoNextPageTemplate="verso"),
                PageTemplate(id="verso", frames=[frames[2]], autoNextPageTemplate="recto"),
            ]
        )

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        if flowables and not isinstance(flowables[0], ActionFlowable):
            self._tried = flowables[0]
        super().handle_flowable(flowables)

    def handle_frameEnd(self, resume: int = 0) -> None:  # noqa: N802
        frame = self.frame
        if frame is not None:
            self.page_ends.append(PageEnd(self.page, frame._y - frame._y1p, self._tried))
        super().handle_frameEnd(resume)


def numbered_canvas(document: doc.Document, setup: PageSetup, created: dt.datetime) -> type[Canvas]:
    """A canvas that holds pages back until the end, to write "Page X of Y" on each."""
    words = document.words

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            stamp = TimeStamp(invariant=1)
            t = created.timestamp()
            stamp.t, stamp.lt = t, tuple(dt.datetime.fromtimestamp(t, dt.UTC).timetuple())
            stamp.YMDhms = stamp.lt[:6]
            self._doc._timeStamp = stamp
            self._pages: list[dict[str, Any]] = []
            self.showOutline()  # open with the bookmarks visible
            if setup.bleed:
                self.setTrimBox(setup.trim_box())
                self.setBleedBox(setup.bleed_box())

        def showPage(self) -> None:  # noqa: N802
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(self._pageNumber, total)
                super().showPage()
            super().save()

        def _decorate(self, page: int, total: int) -> None:
            o = setup.offset
            width, height = setup.size
            left, right = o + setup.left(page), o + width - setup.right(page)
            # Page numbers on the outer edge, where a thumb finds them in a bound pack.
            outer_is_left = setup.mirrored and page % 2 == 0
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            y = o + setup.bottom - 9 * mm
            self.line(left, y + 10, right, y + 10)
            self.setFont(NAMES["regular"], 7.5)
            self.setFillColor(MUTED)
            about = f"{document.title} · {words.version} {document.version} · {document.date_text}"
            number = words.page_of.format(page=page, pages=total)
            if outer_is_left:
                self.drawString(left, y, number)
                self.drawRightString(right, y, about)
            else:
                self.drawString(left, y, about)
                self.drawRightString(right, y, number)
            if page > 1:
                top = o + height - setup.top + 8 * mm
                self.drawString(left, top, document.product)
                self.drawRightString(right, top, document.organisation)
                self.line(left, top - 4, right, top - 4)
            if setup.bleed:
                self._crop_marks()
            self.restoreState()

        def _crop_marks(self) -> None:
            x0, y0, x1, y1 = setup.trim_box()
            gap = setup.bleed
            self.setStrokeColorRGB(0, 0, 0)
            self.setLineWidth(0.25)
            for x, sx in ((x0, -1), (x1, 1)):
                for y, sy in ((y0, -1), (y1, 1)):
                    self.line(x + sx * gap, y, x + sx * (gap + CROP_MARK), y)
                    self.line(x, y + sy * gap, x, y + sy * (gap + CROP_MARK))

    return NumberedCanvas

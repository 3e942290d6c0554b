"""The pages around the story: frames mirrored for binding, running header and footer with
"Page X of Y", crop marks and the TrimBox/BleedBox of print-shop output, and the outline.
All the furniture is drawn as artifacts of a tagged PDF (`tagging.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import ActionFlowable

from .. import document as doc
from ..mockup.fonts import NAMES
from . import pdfa
from .flowables import MUTED, RULE
from .paper import PageSetup
from .tagging import Node, TaggingCanvas

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
            [PageTemplate(id="recto", frames=[frames[1]]), PageTemplate(id="verso", frames=[frames[2]])]
        )

    def handle_pageBegin(self) -> None:  # noqa: N802
        """An odd page is a right-hand page, an even one a left-hand page, whatever came before
        (reportlab's autoNextPageTemplate repeats a template every other page: pages 2 and 3
        were both left-hand pages)."""
        self.pageTemplate = self.pageTemplates[self.page % 2]  # self.page is still the page before
        super().handle_pageBegin()

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        if flowables and not isinstance(flowables[0], ActionFlowable):
            self._tried = flowables[0]
        super().handle_flowable(flowables)

    def handle_pageEnd(self) -> None:  # noqa: N802
        """Noted whether the page ends full (a flowable did not fit) or at a page break."""
        frame = self.frame
        if frame is not None and (not self.page_ends or self.page_ends[-1].page != self.page):
            self.page_ends.append(PageEnd(self.page, frame._y - frame._y1p, self._tried))
        super().handle_pageEnd()


@dataclass(frozen=True)
class Running:
    """What the page furniture says: the footer's text, the running header (left, right) of a
    page or None, and whether a page is bare (a cover, a blank back: no furniture at all).
    Each is asked once the whole document is laid out, with the pages the headings landed on."""

    page_of: str  # "Page {page} of {pages}"
    footer: Callable[[int, dict[str, int]], str]
    header: Callable[[int, dict[str, int]], tuple[str, str] | None]
    bare: Callable[[int, dict[str, int]], bool] = lambda page, marks: False


def handout_running(document: doc.Document) -> Running:
    """A handout's: the title, version and date below; product and organisation above from page 2."""
    words = document.words
    about = f"{document.title} · {words.version} {document.version} · {document.date_text}"
    return Running(
        words.page_of,
        lambda page, marks: about,
        lambda page, marks: (document.product, document.organisation) if page > 1 else None,
    )


def numbered_canvas(
    running: Running, setup: PageSetup, created: dt.datetime, structure: Node | None = None
) -> type[Canvas]:
    """A canvas that holds pages back until the end, to write "Page X of Y" on each. Headings
    note the page they are drawn on in `page_marks` (outline key → page), for the running texts.
    With a `structure` tree, the PDF is tagged (`tagging.py`)."""

    class NumberedCanvas(TaggingCanvas):
        page_marks: dict[str, int]

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            stamp = TimeStamp(invariant=1)
            t = created.timestamp()
            stamp.t, stamp.lt = t, tuple(dt.datetime.fromtimestamp(t, dt.UTC).timetuple())
            stamp.YMDhms = stamp.lt[:6]
            self._doc._timeStamp = stamp
            self._pages: list[dict[str, Any]] = []
            self._bookmarks: list[tuple[str, dict[str, Any]]] = []
            self.page_marks = {}
            self.tag(structure)
            self.showOutline()  # open with the bookmarks visible
            if setup.bleed:
                self.setTrimBox(setup.trim_box())
                self.setBleedBox(setup.bleed_box())

        def showPage(self) -> None:  # noqa: N802
            self._pages.append(dict(self.__dict__))
            self._bookmarks = []
            self._startPage()

        def bookmarkPage(self, key: str, **where: Any) -> None:  # noqa: N802
            """Held back with its page: a destination names the page object that is current when
            it is made, and the pages themselves are only made in save()."""
            self._bookmarks.append((key, where))

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(self._pageNumber, total)
                for key, where in self._bookmarks:
                    Canvas.bookmarkPage(self, key, **where)
                super().showPage()
            pdfa.conform(self)
            super().save()

        def _decorate(self, page: int, total: int) -> None:
            if running.bare(page, self.page_marks):  # a cover or a blank back: crop marks only
                if setup.bleed:
                    self._crop_marks()
                return
            o = setup.offset
            width, height = setup.size
            left, right = o + setup.left(page), o + width - setup.right(page)
            # Page numbers on the outer edge, where a thumb finds them in a bound pack.
            outer_is_left = setup.mirrored and page % 2 == 0
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            y = o + setup.bottom - 9 * mm
            self.setFont(NAMES["regular"], 7.5)
            self.setFillColor(MUTED)
            about = running.footer(page, self.page_marks)
            number = running.page_of.format(page=page, pages=total)
            with self._artifact("Footer"):
                self.line(left, y + 10, right, y + 10)
                if outer_is_left:
                    self.drawString(left, y, number)
                    self.drawRightString(right, y, about)
                else:
                    self.drawString(left, y, about)
                    self.drawRightString(right, y, number)
            header = running.header(page, self.page_marks)
            if header:
                top = o + height - setup.top + 8 * mm
                with self._artifact("Header"):
                    self.drawString(left, top, header[0])
                    self.drawRightString(right, top, header[1])
                    self.line(left, top - 4, right, top - 4)
            self.restoreState()
            if setup.bleed:
                self._crop_marks()

        def _artifact(self, subtype: str) -> Any:
            """Running headers and footers are pagination artifacts."""
            return self.tagger.artifact(self, "Pagination", subtype) if self.tagger else nullcontext()

        def _crop_marks(self) -> None:
            x0, y0, x1, y1 = setup.trim_box()
            gap = setup.bleed
            self.saveState()
            self.setStrokeColorRGB(0, 0, 0)
            self.setLineWidth(0.25)
            with self.tagger.artifact(self, "Page") if self.tagger else nullcontext():  # marks for the cutter
                for x, sx in ((x0, -1), (x1, 1)):
                    for y, sy in ((y0, -1), (y1, 1)):
                        self.line(x + sx * gap, y, x + sx * (gap + CROP_MARK), y)
                        self.line(x, y + sy * gap, x, y + sy * (gap + CROP_MARK))
            self.restoreState()

    return NumberedCanvas

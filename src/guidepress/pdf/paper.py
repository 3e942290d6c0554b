"""Paper and page geometry: trim size, margins (mirrored for binding), bleed and room for crop marks.

All in points. A page's left and right margins depend on its number when the pages are
mirrored: in duplex, odd pages are right-hand pages, so their inner (binding) margin is on
the left, and even pages have it on the right.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A5, LETTER
from reportlab.lib.units import inch, mm

from ..common.output import Output

HALF_LETTER = (5.5 * inch, 8.5 * inch)
BLEED = 3 * mm
MARKS = 9 * mm  # beyond the bleed: crop marks start 3 mm out and run 6 mm

# Page size, and the sheet a booklet of those pages is printed on (landscape).
PAPERS = {"a4": A4, "letter": LETTER}
BOOKLET_PAGES = {"a4": A5, "letter": HALF_LETTER}


@dataclass(frozen=True)
class PageSetup:
    size: tuple[float, float] = A4
    inner: float = 20 * mm
    outer: float = 20 * mm
    top: float = 20 * mm
    bottom: float = 20 * mm
    mirrored: bool = False
    bleed: float = 0.0
    marks: float = 0.0

    @property
    def offset(self) -> float:
        """Where the trimmed page starts inside the sheet of paper (0 without bleed)."""
        return self.bleed + self.marks

    @property
    def media(self) -> tuple[float, float]:
        """The whole sheet: the trimmed page, its bleed and the room for crop marks."""
        w, h = self.size
        return w + 2 * self.offset, h + 2 * self.offset

    @property
    def frame_width(self) -> float:
        return self.size[0] - self.inner - self.outer

    @property
    def frame_height(self) -> float:
        return self.size[1] - self.top - self.bottom

    def left(self, page: int) -> float:
        """The left margin of a page (numbered from 1)."""
        return self.outer if self.mirrored and page % 2 == 0 else self.inner

    def right(self, page: int) -> float:
        return self.inner if self.mirrored and page % 2 == 0 else self.outer

    def trim_box(self) -> tuple[float, float, float, float]:
        o, (w, h) = self.offset, self.size
        return o, o, o + w, o + h

    def bleed_box(self) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self.trim_box()
        return x0 - self.bleed, y0 - self.bleed, x1 + self.bleed, y1 + self.bleed


def page_setup(output: Output) -> PageSetup:
    """The page geometry of an output."""
    if output.booklet:
        # Stapled at the fold: a modest inner margin is enough.
        return PageSetup(
            BOOKLET_PAGES[output.paper], inner=15 * mm, outer=12 * mm, top=15 * mm, bottom=17 * mm, mirrored=True
        )
    size = PAPERS[output.paper]
    if output.profile == "ticket":
        return PageSetup(size, inner=18 * mm, outer=18 * mm, top=18 * mm, bottom=20 * mm)
    # Room on the inner side for a binder's holes or staples, mirrored for duplex.
    return PageSetup(
        size,
        inner=25 * mm,
        outer=15 * mm,
        top=20 * mm,
        bottom=20 * mm,
        mirrored=not output.simplex,  # single-sided: the binding is on the left of every page
        bleed=BLEED if output.bleed else 0.0,
        marks=MARKS if output.bleed else 0.0,
    )


def booklet_sheet(output: Output) -> tuple[float, float]:
    """The landscape sheet that two booklet pages are printed on."""
    w, h = PAPERS[output.paper]
    return h, w

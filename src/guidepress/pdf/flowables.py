"""The handout's own flowables for reportlab's platypus: each answers wrap() then draw().

Paragraphs that remember their wrap, headings that become outline entries, the step badge,
top-aligned columns, tick boxes (for a pen, or AcroForm checkboxes for a PDF viewer), the
QR code with its address, the mockup as a figure, tables and rules whose lines are artifacts.
Each that paints carries `node`, the element of the structure tree (`tagging.Node`) its
content belongs to; what is only decoration is drawn as an artifact.
"""

from __future__ import annotations

import hashlib
import html
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Paragraph, Table
from reportlab.platypus.flowables import _listWrapOn

from ..mockup import palette
from ..mockup.fonts import NAMES
from ..mockup.layout import AnnotatedView
from ..mockup.pdf import MockupFlowable
from ..mockup.qr import qr_modules, qr_size
from . import tagging
from .hyphenation import PUNCTUATION
from .tagging import Node

INK, MUTED, RULE, TINT, ACCENT, LINK = (
    colors.HexColor(c) for c in (palette.INK, palette.MUTED, palette.RULE, palette.TINT, palette.ACCENT, palette.LINK)
)


def escape(text: str) -> str:
    """Platypus markup that shows exactly this text (nothing in it can become a tag)."""
    return html.escape(text, quote=False)


_PARSED: OrderedDict[tuple[str, str], list[object]] = OrderedDict()
# The sentences all tenants share stay (a handout has about 60 paragraphs in each locale);
# one tenant's own are let go, so a batch's memory stays flat.
PARSED_KEPT = 600
_BROKEN: OrderedDict[tuple[object, ...], object] = OrderedDict()


def _signature(style: ParagraphStyle) -> str:
    """What a paragraph's parse depends on: the style's attributes, except hyphenation (applied later)."""
    found = style.__dict__.get("_parse_signature")
    if found is None:
        attributes = sorted((k, repr(v)) for k, v in style.__dict__.items() if k not in ("hyphenationLang", "parent"))
        found = style.__dict__["_parse_signature"] = hashlib.sha1(repr(attributes).encode()).hexdigest()
    return found


class Para(Paragraph):
    """A paragraph that remembers its last wrap: tables ask the same question several times.

    Its markup is parsed once per process for the same text and style: a batch of many
    tenants sets the same sentences again and again."""

    _wrapped: tuple[float, tuple[float, float]] | None = None
    node: Node | None = None
    style: ParagraphStyle  # reportlab's Paragraph sets it; _without_ladders swaps it for a while

    def __init__(self, text: str, style: ParagraphStyle, node: Node | None = None) -> None:
        self.node = node
        key = (text, _signature(style))
        frags = _PARSED.get(key)
        super().__init__(text, style, frags=frags)
        if frags is None:
            _PARSED[key] = self.frags
            if len(_PARSED) > PARSED_KEPT:
                _PARSED.popitem(last=False)
        else:
            _PARSED.move_to_end(key)

    def breakLines(self, width: list[float]) -> object:  # noqa: N802
        """The lines of the paragraph at these widths, broken once per process for the same text,
        style and words kept whole (a batch breaks the same sentences for every tenant)."""
        hyphenate = self.style.hyphenationLang
        keep: frozenset[str] = getattr(hyphenate, "keep_whole", frozenset())
        words = frozenset(w.strip(PUNCTUATION).lower() for w in self.text.split())
        key = (self.text, _signature(self.style), tuple(width), getattr(hyphenate, "language", ""), words & keep)
        found = _BROKEN.get(key)
        if found is None:
            found = _BROKEN[key] = self._without_ladders(width)
            if len(_BROKEN) > PARSED_KEPT:
                _BROKEN.popitem(last=False)
        else:
            _BROKEN.move_to_end(key)
        return found

    def _without_ladders(self, width: list[float]) -> object:
        """The lines, with no more than two hyphenated line ends in a row: a word whose break
        would be the third is kept whole (it starts the next line instead), as a typesetter does."""
        broken = super().breakLines(width)
        hyphenate = self.style.hyphenationLang
        if not callable(hyphenate):
            return broken
        whole: set[str] = set()
        words = [w.strip(PUNCTUATION) for w in self.text.split()]
        style = self.style
        while len(whole) < MAX_LADDER_FIXES:
            end = _third_hyphen(broken)
            if end is None:
                break
            culprit = next((w for w in words if end and end in w and w.lower() not in whole), None)
            if culprit is None or stringWidth(culprit, style.fontName, style.fontSize) > min(width):
                break  # a word wider than the line is broken anyway
            whole.add(culprit.lower())

            def kept(word: str, _whole: frozenset[str] = frozenset(whole)) -> list[tuple[str, str]]:
                return [] if str(word).strip(PUNCTUATION).lower() in _whole else hyphenate(word)

            self.style = ParagraphStyle(style.name, style, hyphenationLang=kept)
            try:
                broken = super().breakLines(width)
            finally:
                self.style = style
        return broken

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # split() drops the wrapped lines (blPara) of a paragraph it cannot split; then wrap again
        if self._wrapped is None or self._wrapped[0] != availWidth or not hasattr(self, "blPara"):
            self._wrapped = (availWidth, super().wrap(availWidth, availHeight))
        return self._wrapped[1]

    def draw(self) -> None:
        tagging.draw_paragraph(self, super().draw)

    def beginText(self, x: float, y: float) -> object:  # noqa: N802
        return tagging.paragraph_text(self, x, y)


MAX_LADDER_FIXES = 8


def _line_texts(broken: object) -> list[str]:
    lines = getattr(broken, "lines", [])
    if getattr(broken, "kind", 0) == 0:
        return [" ".join(words) for _space, words in lines]
    return ["".join(getattr(w, "text", "") for w in line.words) for line in lines]


def _third_hyphen(broken: object) -> str | None:
    """The word part ending the third hyphenated line in a row, or None when there is no such ladder."""
    run = 0
    for text in _line_texts(broken)[:-1]:
        text = text.rstrip()
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha():
            run += 1
            if run > 2:
                return text.split()[-1].rstrip("-").strip(PUNCTUATION)
        else:
            run = 0
    return None


class RepeatedPara(Para):
    """A paragraph that repeats one a reader has already heard (a checklist's title over the
    items a page break carried on): drawn as an artifact, so a screen reader reads it once."""

    def draw(self) -> None:
        tagger = tagging.tagger_of(self.canv)
        if tagger is None:
            Paragraph.draw(self)
            return
        with tagger.artifact(self.canv):
            Paragraph.draw(self)

    def beginText(self, x: float, y: float) -> object:  # noqa: N802
        return self.canv.beginText(x, y)


class Heading(Para):
    """A paragraph that becomes an entry in the PDF outline."""

    def __init__(self, text: str, style: ParagraphStyle, level: int, key: str, node: Node | None = None) -> None:
        super().__init__(escape(text), style, node)
        self.outline_text = text
        self.outline_level = level
        self.outline_key = key

    def draw(self) -> None:
        super().draw()
        # Here rather than in the template's afterFlowable, so that a heading nested in Columns counts too.
        self.canv.bookmarkHorizontal(self.outline_key, 0, self.height)
        self.canv.addOutlineEntry(self.outline_text, self.outline_key, self.outline_level, closed=False)
        marks = getattr(self.canv, "page_marks", None)
        if marks is not None:  # the page it landed on, for a pack's contents and running header
            marks.setdefault(self.outline_key, self.canv.getPageNumber())
        tagger = tagging.tagger_of(self.canv)
        if tagger is not None:  # what a link to it says it leads to
            tagger.destinations[self.outline_key] = self.outline_text


class StepBadge(Flowable):
    """The step number in a filled circle: reads as a number in colour and in grey. The number
    is its node's content (the list item's label), the circle decoration."""

    def __init__(self, number: int, size: float = 20, node: Node | None = None) -> None:
        super().__init__()
        self.number = number
        self.node = node
        self.width = self.height = size

    def draw(self) -> None:
        c = self.canv
        r = self.width / 2
        tagger = tagging.tagger_of(c)
        with tagger.artifact(c) if tagger else _untagged():
            c.setFillColor(ACCENT)
            c.circle(r, r, r, stroke=0, fill=1)
        with tagger.content(c, self.node) if tagger else _untagged():
            c.setFillColor(colors.white)
            c.setFont(NAMES["bold"], 10.5 if self.number < 10 else 9.5)
            c.drawCentredString(r, r - 3.7, str(self.number))


class Columns(Flowable):
    """Flowables side by side, top-aligned, each column a stack; lighter than a one-row Table.

    It never breaks across pages: a step row moves to the next page whole, with its mockup.
    When it misses the end of a page only a little, a picture in it (anything with a `shrunk`
    method) is made up to a fifth smaller so that the row still fits, rather than leaving a gap.
    """

    SHRINK_STEPS = (0.95, 0.9, 0.85, 0.8)

    def __init__(self, columns: list[tuple[float, list[Flowable]]], bottom: float = 0) -> None:
        super().__init__()
        self.columns = columns
        self.bottom = bottom
        self._sizes: list[list[tuple[float, float]]] = []
        self._wrapped_for: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # Each column has its own width and what is in it does not depend on the height left, so
        # one wrap per width is enough (platypus asks again and again at a page's end).
        if self._wrapped_for != availWidth:
            self._sizes = [[f.wrapOn(self.canv, width, availHeight) for f in stack] for width, stack in self.columns]
            self._wrapped_for = availWidth
        heights = [sum(h for _, h in sizes) for sizes in self._sizes]
        self.width = sum(width for width, _ in self.columns)
        self.height = max(heights, default=0) + self.bottom
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        if not any(hasattr(f, "shrunk") for _, stack in self.columns for f in stack):
            return []
        self.wrap(availWidth, availHeight)  # the pictures' full sizes, to shrink from
        if self.shrunk(self.SHRINK_STEPS[-1]).wrapOn(self.canv, availWidth, availHeight)[1] > availHeight:
            return []  # not even at the smallest (usually the case: try that first)
        for factor in self.SHRINK_STEPS:
            smaller = self.shrunk(factor)
            if smaller.wrapOn(self.canv, availWidth, availHeight)[1] <= availHeight:
                return [smaller]
        return []

    def shrunk(self, factor: float) -> Columns:
        """The same columns with their pictures at `factor` of their size (a block inside a block)."""
        return Columns(
            [(w, [f.shrunk(factor) if hasattr(f, "shrunk") else f for f in stack]) for w, stack in self.columns],
            self.bottom,
        )

    def draw(self) -> None:
        x = 0.0
        for (width, stack), sizes in zip(self.columns, self._sizes, strict=True):
            y = self.height
            for f, (_, h) in zip(stack, sizes, strict=True):
                y -= h
                f.drawOn(self.canv, x, y)
            x += width


class KeptTogether(KeepTogether):
    """Flowables that share a page (a section's heading and its first step, a step and its
    checklist): they go to the next page together, unless their pictures made up to a fifth
    smaller let them end this page (as `Columns` does)."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        if self._H > availHeight and self._fits(Columns.SHRINK_STEPS[-1], availWidth, availHeight):
            for factor in Columns.SHRINK_STEPS:
                if self._fits(factor, availWidth, availHeight):
                    return [f.shrunk(factor) if hasattr(f, "shrunk") else f for f in self._content]
        return super().split(availWidth, availHeight)

    def _fits(self, factor: float, width: float, height: float) -> bool:
        smaller = [f.shrunk(factor) if hasattr(f, "shrunk") else f for f in self._content]
        return _listWrapOn(smaller, width, self.canv)[1] <= height

    def shrunk(self, factor: float) -> KeptTogether:
        return KeptTogether([f.shrunk(factor) if hasattr(f, "shrunk") else f for f in self._content])


class TickBox(Flowable):
    """A square to tick: drawn for a pen, or an AcroForm checkbox a PDF viewer can tick and save."""

    def __init__(self, name: str = "", tooltip: str = "", size: float = 10, node: Node | None = None) -> None:
        super().__init__()
        self.name = name
        self.tooltip = tooltip
        self.node = node  # a fillable box's Form element; a box for a pen is decoration
        self.width = self.height = size

    def draw(self) -> None:
        tagger = tagging.tagger_of(self.canv)
        if tagger is None:
            self._draw()
        elif self.name:
            with tagger.content(self.canv, self.node):
                self._draw()
        else:
            with tagger.artifact(self.canv):
                self._draw()

    def _draw(self) -> None:
        if self.name:
            self.canv.acroForm.checkbox(
                name=self.name,
                tooltip=self.tooltip,
                x=0,
                y=0,
                relative=True,
                size=self.width,
                buttonStyle="check",
                borderColor=INK,
                fillColor=colors.white,
                textColor=INK,
                borderWidth=0.9,
                forceBorder=True,
                fieldFlags="",
                annotationFlags="print",
            )
            return
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.9)
        self.canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)


class QRCode(Flowable):
    """A QR code of an address, drawn as one vector path; clicking it opens the address."""

    def __init__(self, url: str, size: float, node: Node | None = None) -> None:
        super().__init__()
        self.url = url
        self.node = node  # a Figure inside the Link its annotation belongs to
        self.width = self.height = size

    def draw(self) -> None:
        tagger = tagging.tagger_of(self.canv)
        if tagger is None:
            return self._draw()
        assert self.node is not None
        self.node.attributes = {"O": "Layout", "BBox": tagging.bbox(self.canv, self.width, self.height)}
        with tagger.content(self.canv, self.node):
            self._draw()

    def _draw(self) -> None:
        runs = qr_modules(self.url)
        count = qr_size(runs)
        module = self.width / count
        path = self.canv.beginPath()
        for r, c, n in runs:  # in modules, the scale set once: whole numbers, a third of the bytes
            path.rect(c, count - r - 1, n, 1)
        self.canv.saveState()
        self.canv.scale(module, module)
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)
        self.canv.restoreState()
        self.canv.linkURL(self.url, (0, 0, self.width, self.height), relative=1, thickness=0)


class Screen(MockupFlowable):
    """A mockup as a Figure: its node's Alt says in words what it shows; its texts and callout
    numbers are the figure's content, read through the Alt."""

    def __init__(
        self, view: AnnotatedView, max_scale: float = 1.0, max_height: float = float("inf"), node: Node | None = None
    ) -> None:
        super().__init__(view, max_scale, max_height)
        self.node = node

    def shrunk(self, factor: float) -> Screen:
        return Screen(self.view, self.max_scale, self.view.height * self.scale * factor, self.node)

    def draw(self) -> None:
        tagger = tagging.tagger_of(self.canv)
        if tagger is None:
            return super().draw()
        assert self.node is not None
        box = tagging.bbox(self.canv, self.width + self.offset, self.height)
        self.node.attributes = {"O": "Layout", "BBox": (box[0] + self.offset, *box[1:])}
        with tagger.content(self.canv, self.node):
            super().draw()


class TaggedTable(Table):
    """A table whose backgrounds and rules are artifacts; its cells' flowables tag themselves."""

    def _drawBkgrnd(self) -> None:  # noqa: N802
        tagger = tagging.tagger_of(self.canv)
        with tagger.artifact(self.canv) if tagger else _untagged():
            super()._drawBkgrnd()

    def _drawLines(self) -> None:  # noqa: N802
        tagger = tagging.tagger_of(self.canv)
        with tagger.artifact(self.canv) if tagger else _untagged():
            super()._drawLines()


class Rule(HRFlowable):
    """A horizontal rule, drawn as an artifact."""

    def draw(self) -> None:
        tagger = tagging.tagger_of(self.canv)
        with tagger.artifact(self.canv) if tagger else _untagged():
            super().draw()


@contextmanager
def _untagged() -> Iterator[None]:
    yield

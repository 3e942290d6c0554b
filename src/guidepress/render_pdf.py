"""render_pdf: a translated Document and its laid-out mockups → PDF bytes, with platypus.

Owns the page design: title block, introduction, numbered steps with their mockups,
checklists with real boxes, a running header, "Page X of Y" in the reader's language,
metadata and the outline. All text from the Document is escaped: it is text, never
markup.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from . import document as doc
from .fonts import NAMES, register_fonts
from .mockup.layout import AnnotatedView
from .mockup.pdf import MockupFlowable

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#5B6675")
RULE = colors.HexColor("#C9D0D9")
TINT = colors.HexColor("#F2F4F7")
ACCENT = colors.HexColor("#C2370E")
LINK = colors.HexColor("#1A56A0")

ViewFor = Callable[[doc.Step], AnnotatedView | None]


@dataclass(frozen=True)
class PageSetup:
    """Paper and margins, in points."""

    size: tuple[float, float] = A4
    left: float = 20 * mm
    right: float = 20 * mm
    top: float = 20 * mm
    bottom: float = 20 * mm


def _styles() -> dict[str, ParagraphStyle]:
    fonts = register_fonts()
    regular, bold, italic = fonts["regular"], fonts["bold"], fonts["italic"]
    base = ParagraphStyle("base", fontName=regular, fontSize=10, leading=14, textColor=INK, alignment=TA_LEFT)
    return {
        "body": base,
        "kicker": ParagraphStyle("kicker", base, fontName=bold, fontSize=9, leading=12, textColor=ACCENT, spaceAfter=4),
        "title": ParagraphStyle("title", base, fontName=bold, fontSize=22, leading=27, spaceAfter=6),
        "summary": ParagraphStyle("summary", base, fontSize=11.5, leading=16, textColor=MUTED, spaceAfter=10),
        "h1": ParagraphStyle("h1", base, fontName=bold, fontSize=14, leading=18, spaceBefore=14, spaceAfter=8, keepWithNext=1),
        "h2": ParagraphStyle("h2", base, fontName=bold, fontSize=12.5, leading=16, spaceBefore=12, spaceAfter=6),
        "intro": ParagraphStyle("intro", base, spaceAfter=6),
        "step": ParagraphStyle("step", base, fontSize=10.5, leading=15),
        "small": ParagraphStyle("small", base, fontSize=8.5, leading=11, textColor=MUTED),
        "meta_label": ParagraphStyle("meta_label", base, fontSize=7.5, leading=9.5, textColor=MUTED),
        "meta_value": ParagraphStyle("meta_value", base, fontName=bold, fontSize=9, leading=12),
        "callout": ParagraphStyle("callout", base, fontSize=9.5, leading=13.5),
        "checklist_title": ParagraphStyle("checklist_title", base, fontName=bold, fontSize=9.5, leading=13),
        "check": ParagraphStyle("check", base, fontSize=9.5, leading=13),
        "badge": ParagraphStyle("badge", base, fontName=bold, fontSize=11, leading=13, textColor=colors.white, alignment=1),
        "italic": ParagraphStyle("italic", base, fontName=italic),
    }


def markup(rich: doc.Rich) -> str:
    """Runs → platypus markup; every character of the text itself is escaped."""
    parts = []
    for run in rich:
        text = escape(run.text)
        if run.kind == "ui":
            parts.append(f"<b>{text}</b>")
        elif run.kind == "link":
            parts.append(f'<a href={quoteattr(run.href)} color="#1A56A0"><u>{text}</u></a>')
        else:
            parts.append(text)
    return "".join(parts)


class Heading(Paragraph):
    """A paragraph that becomes an entry in the PDF outline."""

    def __init__(self, text: str, style: ParagraphStyle, level: int, key: str) -> None:
        super().__init__(escape(text), style)
        self.outline_text = text
        self.outline_level = level
        self.outline_key = key


class StepBadge(Flowable):
    """The step number in a filled circle: reads as a number in colour and in grey."""

    def __init__(self, number: int, size: float = 20) -> None:
        super().__init__()
        self.number = number
        self.width = self.height = size

    def draw(self) -> None:
        c = self.canv
        r = self.width / 2
        c.setFillColor(ACCENT)
        c.circle(r, r, r, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont(NAMES["bold"], 10.5 if self.number < 10 else 9.5)
        c.drawCentredString(r, r - 3.7, str(self.number))


class TickBox(Flowable):
    """An empty square to tick with a pen."""

    def __init__(self, size: float = 10) -> None:
        super().__init__()
        self.width = self.height = size

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.9)
        self.canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)


class _DocTemplate(BaseDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        if isinstance(flowable, Heading):
            self.canv.bookmarkPage(flowable.outline_key)
            self.canv.addOutlineEntry(flowable.outline_text, flowable.outline_key, flowable.outline_level, closed=False)


def _numbered_canvas(words: doc.Words, document: doc.Document, setup: PageSetup, created: dt.datetime) -> type[Canvas]:
    """A canvas that holds pages back until the end, to write "Page X of Y" on each."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            stamp = TimeStamp(invariant=1)
            t = created.timestamp()
            stamp.t, stamp.lt = t, tuple(dt.datetime.fromtimestamp(t, dt.timezone.utc).timetuple())
            stamp.YMDhms = stamp.lt[:6]
            self._doc._timeStamp = stamp
            self._pages: list[dict] = []

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
            width, height = setup.size
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            y = setup.bottom - 9 * mm
            self.line(setup.left, y + 10, width - setup.right, y + 10)
            self.setFont(NAMES["regular"], 7.5)
            self.setFillColor(MUTED)
            self.drawString(setup.left, y, f"{document.title} · {words.version} {document.version} · {document.date_text}")
            self.drawRightString(width - setup.right, y, words.page_of.format(page=page, pages=total))
            if page > 1:
                top = height - setup.top + 8 * mm
                self.drawString(setup.left, top, document.product)
                self.drawRightString(width - setup.right, top, document.organisation)
                self.line(setup.left, top - 4, width - setup.right, top - 4)
            self.restoreState()

    return NumberedCanvas


def render_pdf(document: doc.Document, view_for: ViewFor, created: dt.datetime, setup: PageSetup = PageSetup()) -> bytes:
    """The handout as PDF bytes; `view_for` gives each step's laid-out, annotated mockup."""
    styles = _styles()
    words = document.words
    out = io.BytesIO()
    template = _DocTemplate(
        out,
        pagesize=setup.size,
        leftMargin=setup.left,
        rightMargin=setup.right,
        topMargin=setup.top,
        bottomMargin=setup.bottom,
        title=document.title,
        author=document.organisation or document.product,
        subject=document.summary,
        creator="guidepress",
        producer="guidepress (reportlab)",
        keywords=[document.product, document.guide_id, document.locale],
        lang=document.language_tag,
        invariant=1,
        displayDocTitle=1,
        initialFontName=NAMES["regular"],
        initialFontSize=10,
    )
    frame = Frame(setup.left, setup.bottom, setup.size[0] - setup.left - setup.right,
                  setup.size[1] - setup.top - setup.bottom, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story = _story(document, view_for, styles, frame._width)
    template.build(story, canvasmaker=_numbered_canvas(words, document, setup, created))
    return out.getvalue()


def _story(document: doc.Document, view_for: ViewFor, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    words = document.words
    story: list[Flowable] = [
        Paragraph(escape(document.product.upper()), styles["kicker"]),
        Heading(document.title, styles["title"], 0, "title"),
        Paragraph(escape(document.summary), styles["summary"]),
        _meta_table(document, styles, width),
        Spacer(1, 8),
        Heading(words.what_this_fixes, styles["h1"], 0, "intro"),
    ]
    story += [Paragraph(markup(p), styles["intro"]) for p in document.introduction]
    if document.support_contact:
        story.append(Paragraph(markup(document.support_contact), styles["small"]))
    for i, section in enumerate(document.sections):
        heading = Heading(section.title, styles["h2"], 0, f"section-{i + 1}")
        steps = [_step(step, view_for(step), styles, width, words) for step in section.steps]
        story.append(KeepTogether([heading, *steps[0]]) if steps else heading)
        for flowables in steps[1:]:
            story += flowables
    return story


def _table(rows: list[list[object]], widths: list[float], style: list[tuple]) -> Table:
    """A table whose own (empty) cells use the handout's font too, so no other font gets in."""
    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), NAMES["regular"]), *style]))
    return table


def _meta_table(document: doc.Document, styles: dict[str, ParagraphStyle], width: float) -> Table:
    words = document.words
    cells = [
        (words.product, document.product),
        (words.language, document.language_name),
        (words.version, document.version),
        (words.date, document.date_text),
    ]
    if document.organisation:
        cells.append((words.organisation, document.organisation))
    row = [[Paragraph(escape(label), styles["meta_label"]), Paragraph(escape(value), styles["meta_value"])] for label, value in cells]
    return _table([row], [width / len(cells)] * len(cells), [
        ("BACKGROUND", (0, 0), (-1, -1), TINT),
        ("LINEABOVE", (0, 0), (-1, 0), 1.5, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ])


def _boxed(label: str, body: doc.Rich, styles: dict[str, ParagraphStyle], width: float, strong: bool) -> Table:
    text = f"<b>{escape(label)}</b> {markup(body)}"
    style = [
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]
    if strong:
        style += [("BOX", (0, 0), (-1, -1), 1.0, INK), ("LINEBEFORE", (0, 0), (0, -1), 4, INK)]
    else:
        style += [("BACKGROUND", (0, 0), (-1, -1), TINT), ("LINEBEFORE", (0, 0), (0, -1), 2, MUTED)]
    return _table([[Paragraph(text, styles["callout"])]], [width], style)


def _checklist(checklist: doc.Checklist, styles: dict[str, ParagraphStyle], width: float, words: doc.Words) -> Table:
    rows = [[Paragraph(escape(checklist.title), styles["checklist_title"]), ""]]
    rows += [[TickBox(), Paragraph(markup(item), styles["check"])] for item in checklist.items]
    return _table(rows, [18, width - 18 - 16], [
        ("SPAN", (0, 0), (1, 0)),
        ("BOX", (0, 0), (-1, -1), 0.75, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 1), (-1, -1), 3.5),
        ("TOPPADDING", (0, 0), (-1, 0), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
    ])


MOCKUP_WIDTH = 258.0  # points on the page; the text column takes the rest


def _step(step: doc.Step, view: AnnotatedView | None, styles: dict[str, ParagraphStyle], width: float,
          words: doc.Words) -> list[Flowable]:
    """Badge | text (with warning and tip) | mockup beside it, when the step shows one; then the checklist."""
    gutter = 30
    gap = 14
    inner = width - gutter - (MOCKUP_WIDTH + gap if view is not None else 0)
    body: list[Flowable] = [Paragraph(markup(step.text), styles["step"])]
    if step.warning:
        body += [Spacer(1, 5), _boxed(words.warning, step.warning, styles, inner, strong=True)]
    if step.note:
        body += [Spacer(1, 5), _boxed(words.note, step.note, styles, inner, strong=False)]
    row: list[object] = [StepBadge(step.number), body]
    widths = [gutter, inner]
    if view is not None:
        row += ["", MockupFlowable(view)]
        widths += [gap, MOCKUP_WIDTH]
    flat = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
    ]
    flowables: list[Flowable] = [_table([row], widths, flat)]
    if step.checklist:
        checklist = _checklist(step.checklist, styles, min(width - gutter, 330), words)
        flowables.append(_table([["", checklist]], [gutter, width - gutter], flat))
    return flowables

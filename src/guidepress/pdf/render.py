"""render_pdf: a translated Document and its laid-out mockups → PDF bytes, with platypus.

Owns the page design of the story: title block with the QR code of the online article,
introduction (with its picture), numbered steps with their mockups (beside the text, or
under it on narrow pages; consecutive steps on one screen share one mockup that carries
each step's callouts), checklists with boxes to tick, metadata. The pages around it (margins, header,
footer, crop marks, outline) are `pages.py`; the flowables are `flowables.py`.
All text from the Document is escaped: it is text, never markup.

The story is built with its structure tree (`tagging.Node`), in the guide's reading order:
the title an H1, the sections H2 (each a Sect), the steps list items (the step number the
label, the text, warning, note and the step's picture its body), the picture a Figure whose
Alt is the text alternative the HTML edition shows, the metadata a table with headers.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from reportlab import rl_config
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, TableStyle

from .. import document as doc
from ..mockup.fonts import NAMES, register_fonts
from ..mockup.layout import AnnotatedView
from . import tagging
from .flow import BREAK_CHECKLIST, BREAK_GROUP, Breakable, legible_height, paginate
from .flowables import (
    ACCENT,
    INK,
    LINK,
    MUTED,
    RULE,
    TINT,
    Columns,
    Heading,
    KeptTogether,
    Para,
    QRCode,
    RepeatedPara,
    Screen,
    StepBadge,
    TaggedTable,
    TickBox,
    escape,
)
from .hyphenation import hyphenator, words_of
from .pages import HandoutTemplate, PageEnd, handout_running, numbered_canvas
from .paper import PageSetup
from .pdfa import link_contents
from .tagging import Node
from .too_large import reraise_too_large

if TYPE_CHECKING:
    from .images import Picture

# Streams are only Flate-compressed: ASCII85 on top makes files 10% larger and builds slower.
rl_config.useA85 = 0

ViewFor = Callable[[doc.Step], AnnotatedView | None]
# A guide bound into a pack: its document, its steps' pictures and the picture under its introduction.
# A checklist's structure: its caption and one list item per item, shared by every form of it
# the page flow may choose (whole, or broken after an item).
ChecklistNodes = tuple[Node, list[Node]]
PackGuide = tuple[doc.Document, ViewFor, AnnotatedView | None]

MOCKUP_WIDTH = 258.0  # points on the page, when the mockup stands beside its step
GUTTER = 30.0  # the step badge's column
GAP = 14.0
MIN_TEXT_COLUMN = 170.0  # narrower than this, the mockup goes under the step's text
QR_SIZE = 64.0
LOGO_BOX = (130.0, 40.0)  # the organisation's logo in the title block: width × height at most


@lru_cache(maxsize=16)
def styles_for(locale: str, keep_whole: frozenset[str]) -> dict[str, ParagraphStyle]:
    fonts = register_fonts()
    regular, bold, italic = fonts["regular"], fonts["bold"], fonts["italic"]
    base = ParagraphStyle(
        "base",
        fontName=regular,
        fontSize=10,
        leading=14,
        textColor=INK,
        alignment=TA_LEFT,
        hyphenationLang=hyphenator(locale, keep_whole) or "",
        uriWasteReduce=0.3,
    )
    return {
        "body": base,
        "kicker": ParagraphStyle("kicker", base, fontName=bold, fontSize=9, leading=12, textColor=ACCENT, spaceAfter=4),
        "title": ParagraphStyle(
            "title", base, fontName=bold, fontSize=22, leading=27, spaceAfter=6, hyphenationLang=""
        ),
        "summary": ParagraphStyle("summary", base, fontSize=11.5, leading=16, textColor=MUTED, spaceAfter=10),
        "h1": ParagraphStyle(
            "h1",
            base,
            fontName=bold,
            fontSize=14,
            leading=18,
            spaceBefore=14,
            spaceAfter=8,
            keepWithNext=1,
            hyphenationLang="",
        ),
        "h2": ParagraphStyle(
            "h2", base, fontName=bold, fontSize=12.5, leading=16, spaceBefore=12, spaceAfter=6, hyphenationLang=""
        ),
        "intro": ParagraphStyle("intro", base, spaceAfter=6),
        "step": ParagraphStyle("step", base, fontSize=10.5, leading=15),
        "small": ParagraphStyle("small", base, fontSize=8.5, leading=11, textColor=MUTED),
        "meta_label": ParagraphStyle("meta_label", base, fontSize=7.5, leading=9.5, textColor=MUTED),
        "meta_value": ParagraphStyle("meta_value", base, fontName=bold, fontSize=9, leading=12, hyphenationLang=""),
        "callout": ParagraphStyle("callout", base, fontSize=9.5, leading=13.5),
        "checklist_title": ParagraphStyle("checklist_title", base, fontName=bold, fontSize=9.5, leading=13),
        "check": ParagraphStyle("check", base, fontSize=9.5, leading=13),
        "italic": ParagraphStyle("italic", base, fontName=italic),
    }


def markup(rich: doc.Rich) -> str:
    """Runs → platypus markup; every character of the text itself is escaped."""
    parts = []
    for run in rich:
        text = escape(run.text)
        if run.kind == "ui" and run.lang:  # a product label shown in another language: a Span with /Lang
            parts.append(f"{tagging.span_start(run.lang)}<b>{text}</b>{tagging.SPAN_END}")
        elif run.kind == "ui":
            parts.append(f"<b>{text}</b>")
        elif run.kind == "link":
            parts.append(_link(run.href, text))
        else:
            parts.append(text)
    return "".join(parts)


def language_of(rich: doc.Rich, document: doc.Document) -> str | None:
    """The language tag of a paragraph a fallback shows in another language than the handout's,
    for its element's /Lang; None when it is in the handout's language."""
    tags = {run.lang for run in rich if run.kind == "text" and run.text.strip()}
    tag = tags.pop() if len(tags) == 1 else ""
    return tag if tag and tag != document.language_tag else None


def _paragraph(parent: Node, rich: doc.Rich, document: doc.Document, role: str = "P") -> Node:
    """A paragraph's element, with its /Lang when it is in another language than the handout."""
    return parent.add(role, lang=language_of(rich, document))


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href)}" color="#{LINK.hexval()[2:]}"><u>{text}</u></a>'


@reraise_too_large
def render_pdf(
    document: doc.Document,
    view_for: ViewFor,
    created: dt.datetime,
    setup: PageSetup = PageSetup(),
    fillable: bool = False,
    logo: Picture | None = None,
    values: Iterable[str] = (),
    introduction: AnnotatedView | None = None,
    page_ends: list[PageEnd] | None = None,
) -> bytes:
    """The handout as PDF bytes; `view_for` gives the laid-out, annotated mockup of a step (of the
    first step of a block of steps sharing a screen: the picture with all the block's callouts).

    `fillable` makes the checklists AcroForm checkboxes (ticket); otherwise boxes for a pen.
    `logo` is the organisation's, shown at the top of the title block. The words of `values`
    (a tenant's or a person's) are never hyphenated, so none is remembered in the cache.
    `introduction` is a picture shown under the introduction. `page_ends`, when given, is filled
    with how each page ended (for the layout's tests and measurements).
    """
    styles = styles_for(document.text_locale, keep_whole_words(document) | words_of(values))
    out = io.BytesIO()
    template = HandoutTemplate(
        out, setup, **pdf_info(document, document.title, document.summary, [document.product, document.guide_id])
    )
    root = Node("Document")
    story = guide_story(
        document,
        view_for,
        styles,
        setup.frame_width,
        setup.frame_height,
        fillable,
        logo,
        introduction=introduction,
        parent=root,
    )
    template.build(story, canvasmaker=numbered_canvas(handout_running(document), setup, created, root))
    if page_ends is not None:
        page_ends += template.page_ends
    return out.getvalue()


def keep_whole_words(document: doc.Document) -> frozenset[str]:
    """UI labels and names are never hyphenated: the reader looks for them as they are written; nor
    is a step's first or last word (a step reads as one instruction, started and ended whole)."""
    ends = [
        words[i]
        for section in document.sections
        for step in section.steps
        for words in [doc.plain(step.text).split()]
        if words
        for i in (0, -1)
    ]
    return words_of([*doc.ui_labels(document), document.organisation, document.product, *ends])


def pdf_info(document: doc.Document, title: str, subject: str, keywords: list[str]) -> dict[str, object]:
    """The PDF's metadata and opening view; the keywords end with the document's locale."""
    return {
        "title": title,
        "author": document.organisation or document.product,
        "subject": subject,
        "creator": "guidepress",
        "producer": "guidepress (reportlab)",
        "keywords": [*keywords, document.locale],
        "lang": document.language_tag,
        "invariant": 1,
        "displayDocTitle": 1,
        "initialFontName": NAMES["regular"],
        "initialFontSize": 10,
    }


def guide_story(
    document: doc.Document,
    view_for: ViewFor,
    styles: dict[str, ParagraphStyle],
    width: float,
    height: float,
    fillable: bool,
    logo: Picture | None = None,
    key: str = "",
    introduction: AnnotatedView | None = None,
    parent: Node | None = None,
) -> list[Flowable]:
    """The flowables of the handout, for a frame of `width` × `height`, with their page breaks
    (`flow.paginate`). In a pack (`key` set) the guide's title is its outline entry and its
    headings are entries under it, keyed apart. Their structure goes under `parent` (the
    Document, or the guide's Part of a pack)."""
    words = document.words
    level = 1 if key else 0
    parent = parent if parent is not None else Node("Document")
    story: list[Flowable] = [
        _title_block(document, styles, width, logo, key, parent),
        _meta_table(document, styles, width, parent.add("Table")),
        Spacer(1, 8),
    ]
    intro = parent
    story.append(Heading(words.what_this_fixes, styles["h1"], level, f"{key}intro", intro.add("H2")))
    story += [Para(markup(p), styles["intro"], _paragraph(intro, p, document)) for p in document.introduction]
    if introduction is not None:
        figure = _figure(intro, document.introduction_view)
        picture = Screen(introduction, max_height=legible_height(introduction, height * 0.45, height), node=figure)
        story.append(Columns([(min(MOCKUP_WIDTH, width), [picture])], bottom=10))
    if document.support_contact:
        story.append(Para(markup(document.support_contact), styles["small"], intro.add("P")))
    for i, section in enumerate(document.sections):
        heading = Heading(section.title, styles["h2"], level, f"{key}section-{i + 1}", parent.add("H2"))
        steps = parent.add("L", attributes={"O": "List", "ListNumbering": "Decimal"})
        blocks = [
            _block(block, view_for(block[0]), styles, width, height, document, fillable, key, steps)
            for block in doc.step_blocks(section.steps)
        ]
        # A section heading never ends a page: it goes with its first block (and that block's mockup).
        story.append(KeptTogether([heading, *blocks[0]]) if blocks else heading)
        for flowables in blocks[1:]:
            story += flowables
    return paginate(story, width, height)


def _title_block(
    document: doc.Document,
    styles: dict[str, ParagraphStyle],
    width: float,
    logo: Picture | None,
    key: str,
    parent: Node,
) -> Flowable:
    """The organisation's logo, product, title and summary; with an online article, its QR
    code top right and its address beside it."""
    logo_node = parent.add("Figure", alt=document.organisation or document.product) if logo is not None else None
    # Columns stack their flowables without their spaces: the rhythm is spacers, in steps of the
    # summary's leading: a quarter under the kicker, half under the title, three quarters under
    # the summary, then the metadata table.
    step = styles["summary"].leading
    text: list[Flowable] = [
        Para(escape(document.product.upper()), styles["kicker"], parent.add("P")),
        Spacer(1, step / 4),
        Heading(document.title, styles["title"], 0, f"{key}title", parent.add("H1")),
        Spacer(1, step / 2),
        Para(escape(document.summary), styles["summary"], parent.add("P")),
    ]
    if document.article:
        text_node = parent.add("P")
        online = Para(
            f"<b>{escape(document.words.online)}</b><br/>{markup(document.article)}", styles["small"], text_node
        )
        text += [Spacer(1, step * 0.75), online]
    if logo is not None:
        from .images import PictureBox

        text[:0] = [PictureBox(logo, *LOGO_BOX, node=logo_node), Spacer(1, 12)]
    if not document.article:
        return Columns([(width, text)], bottom=step * 0.75)
    url = document.article[0].href
    link = parent.add("Link")
    link.contents = link_contents(url)
    qr = QRCode(url, QR_SIZE, link.add("Figure", alt=f"{document.words.online}: {url}"))
    return Columns([(width - QR_SIZE - 16, text), (16, []), (QR_SIZE, [qr])], bottom=step * 0.75)


def _figure(parent: Node, view: doc.ScreenView | None) -> Node:
    """A picture's Figure: its Alt the text alternative the HTML edition gives it."""
    return parent.add("Figure", alt=view.description if view is not None and view.description else None)


def _table(rows: Sequence[Sequence[object]], widths: list[float], style: Sequence[TableCommand]) -> TaggedTable:
    """A table whose own (empty) cells use the handout's font too, so no other font gets in."""
    table = TaggedTable(rows, colWidths=widths)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), NAMES["regular"]), *style]))
    return table


TableCommand = tuple[object, ...]  # a TableStyle command: its name, the cells it applies to, its values


META_PADDING = (8.0, 6.0)  # a metadata cell's left and right padding


def _meta_table(
    document: doc.Document, styles: dict[str, ParagraphStyle], width: float, node: Node | None = None
) -> TaggedTable:
    """Product, language, version, date (and organisation) under the title: label over value,
    as many to a row as fit without breaking a value ("20. november 2026" on one line). In the
    structure, each row of the grid is a row of headers (the labels) over a row of values."""
    words = document.words
    cells = [
        (words.product, document.product),
        (words.language, document.language_name),
        (words.version, document.version),
        (words.date, document.date_text),
    ]
    if document.organisation:
        cells.append((words.organisation, document.organisation))
    grid, widths = _meta_grid(cells, styles, width)
    node = node if node is not None else Node("Table")
    rows = []
    for row in grid:
        labels, values = node.add("TR"), node.add("TR")
        rows.append(
            [
                [
                    Para(
                        escape(label),
                        styles["meta_label"],
                        labels.add("TH", attributes={"O": "Table", "Scope": "Column"}),
                    ),
                    Para(escape(value), styles["meta_value"], values.add("TD")),
                ]
                for label, value in row
            ]
            + [Spacer(0, 0)] * (len(widths) - len(row))
        )
    return _table(
        rows,
        widths,
        [
            ("BACKGROUND", (0, 0), (-1, -1), TINT),
            ("LINEABOVE", (0, 0), (-1, 0), 1.5, ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), META_PADDING[0]),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ],
    )


def _meta_grid(
    cells: list[tuple[str, str]], styles: dict[str, ParagraphStyle], width: float
) -> tuple[list[list[tuple[str, str]]], list[float]]:
    """The cells in rows, and the columns' widths. Equal columns in one row where every label and
    value fits its column on one line; else columns as wide as their widest cell (the room left
    shared out), in as few rows as that needs."""

    def natural(cell: tuple[str, str]) -> float:
        label, value = cell
        return sum(META_PADDING) + max(
            _text_width(label, styles["meta_label"]), _text_width(value, styles["meta_value"])
        )

    needs = [natural(cell) for cell in cells]
    if max(needs) <= width / len(cells):
        return [cells], [width / len(cells)] * len(cells)
    for rows in range(1, len(cells) + 1):
        columns = -(-len(cells) // rows)
        widths = [max(needs[i::columns]) for i in range(columns)]
        if sum(widths) <= width or columns == 1:
            break
    spare = max(width - sum(widths), 0) / columns
    grid = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    return grid, [min(w + spare, width) for w in widths]


def _text_width(text: str, style: ParagraphStyle) -> float:
    return stringWidth(text, style.fontName, style.fontSize)


def _boxed(
    label: str, body: doc.Rich, styles: dict[str, ParagraphStyle], width: float, strong: bool, node: Node
) -> TaggedTable:
    text = f"<b>{escape(label)}</b> {markup(body)}"
    style: list[TableCommand] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]
    if strong:
        style += [("BOX", (0, 0), (-1, -1), 1.0, INK), ("LINEBEFORE", (0, 0), (0, -1), 4, INK)]
    else:
        style += [("BACKGROUND", (0, 0), (-1, -1), TINT), ("LINEBEFORE", (0, 0), (0, -1), 2, MUTED)]
    return _table([[Para(text, styles["callout"], node)]], [width], style)


def _checklist(
    checklist: doc.Checklist,
    styles: dict[str, ParagraphStyle],
    width: float,
    fillable: bool,
    key: str,
    nodes: ChecklistNodes,
    document: doc.Document,
    start: int = 1,
) -> TaggedTable:
    """A checklist's title and its items (numbered from `start`: a checklist broken across pages
    repeats its title over the rest), each with a box. A fillable box is a form field whose
    name is unique in the PDF (the guide's key in a pack, the checklist, the item) and has no ".":
    fields with one full name are one field, and "." would separate the parts of a name.
    In the structure a list with its title as caption (a repeated title is an artifact, read
    once); a fillable box is a Form element, the label of its item; a box for a pen is
    decoration. Every part of a broken checklist tags into the same `nodes`."""
    caption, items = nodes
    title = (
        Para(escape(checklist.title), styles["checklist_title"], caption)
        if start == 1
        else RepeatedPara(escape(checklist.title), styles["checklist_title"])
    )
    rows: list[list[object]] = [[title, Spacer(0, 0)]]
    for i, item in enumerate(checklist.items, start=start):
        li = items[i - 1]
        if fillable:
            box = TickBox(f"{key}{checklist.id}-{i}", doc.plain(item), node=li.add("Lbl").add("Form"))
        else:
            box = TickBox()
        rows.append([box, Para(markup(item), styles["check"], _paragraph(li, item, document, "LBody"))])
    return _table(
        rows,
        [18, width - 18 - 16],
        [
            ("SPAN", (0, 0), (1, 0)),
            ("BOX", (0, 0), (-1, -1), 0.75, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 1), (-1, -1), 3.5),
            ("TOPPADDING", (0, 0), (-1, 0), 7),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
        ],
    )


def _block(
    steps: tuple[doc.Step, ...],
    view: AnnotatedView | None,
    styles: dict[str, ParagraphStyle],
    width: float,
    page_height: float,
    document: doc.Document,
    fillable: bool,
    key: str,
    items: Node,
) -> list[Flowable]:
    """Steps that share a screen: each step's badge and text, one under another, beside the one
    mockup that carries every step's callouts (or, on a narrow page, the mockup under the last
    text); then the last step's checklist. The block and its mockup always share a page; the page
    flow may break the block after a step, the rest of its steps (whose callouts are on the picture
    before them) starting the next page. Each step is an item of the list `items`; the picture is
    read after the first step's text (its text alternative names every step's marks), as in the
    HTML edition."""
    if len(steps) == 1 or view is None:  # without a picture to share (a story drawn without mockups), one by one
        return [
            f for step in steps for f in _step(step, view, styles, width, page_height, document, fillable, key, items)
        ]
    beside, inner = _text_column(width, view)
    rows: list[Flowable] = []
    figure = body = None
    for step in steps:
        item = items.add("LI")
        badge = StepBadge(step.number, node=item.add("Lbl"))
        body = item.add("LBody")
        rows.append(Columns([(GUTTER, [badge]), (inner, _step_body(step, styles, inner, document, body))], bottom=10))
        if figure is None:
            figure = _figure(body, steps[0].view)
    if beside:
        picture = Screen(view, max_height=legible_height(view, page_height * 0.9, page_height), node=figure)

        def block_of(shown: list[Flowable]) -> Columns:
            return Columns([(GUTTER + inner, shown), (GAP, []), (MOCKUP_WIDTH, [picture])], bottom=12)
    else:
        picture = Screen(view, max_height=legible_height(view, page_height * 0.7, page_height), node=figure)
        under = Columns([(GUTTER, []), (inner, [Spacer(1, 2), picture])])

        def block_of(shown: list[Flowable]) -> Columns:
            return Columns([(width, [*shown, under])], bottom=12)

    assert body is not None
    text_width = GUTTER + inner if beside else width
    breaks = [(block_of(rows[:k]), Columns([(text_width, rows[k:])], bottom=12)) for k in range(1, len(rows))]
    return _with_checklist(block_of(rows), steps[-1].checklist, styles, width, fillable, key, body, document, breaks)


def _text_column(width: float, view: AnnotatedView | None) -> tuple[bool, float]:
    """Whether the mockup stands beside the text (else under it), and the text column's width."""
    beside = view is not None and width - GUTTER - MOCKUP_WIDTH - GAP >= MIN_TEXT_COLUMN
    return beside, width - GUTTER - (MOCKUP_WIDTH + GAP if beside else 0)


def _step_body(
    step: doc.Step, styles: dict[str, ParagraphStyle], inner: float, document: doc.Document, body: Node
) -> list[Flowable]:
    """A step's text (the list item's body itself, or a paragraph in it when the text is in another
    language than the handout), with its warning and tip (paragraphs in it)."""
    words = document.words
    text = body if language_of(step.text, document) is None else _paragraph(body, step.text, document)
    flowables: list[Flowable] = [Para(markup(step.text), styles["step"], text)]
    if step.warning:
        warning = _paragraph(body, step.warning, document)
        flowables += [Spacer(1, 5), _boxed(words.warning, step.warning, styles, inner, True, warning)]
    if step.note:
        note = _paragraph(body, step.note, document)
        flowables += [Spacer(1, 5), _boxed(words.note, step.note, styles, inner, False, note)]
    return flowables


def _with_checklist(
    row: Flowable,
    checklist: doc.Checklist | None,
    styles: dict[str, ParagraphStyle],
    width: float,
    fillable: bool,
    key: str,
    body: Node,
    document: doc.Document,
    row_breaks: Sequence[tuple[Flowable, Flowable]] = (),
) -> list[Flowable]:
    """The step's row, then its checklist under the text, a list in the step's `body`. The page
    flow may break a checklist after an item (two at least on each page, the title repeated over
    the rest), or start the next page with a long one, and a block of steps where `row_breaks` (a
    head and a tail of the row each) allow. Every form of the checklist tags into the same nodes."""
    breaks = [([head], [tail], BREAK_GROUP) for head, tail in row_breaks]
    if checklist is None:
        return [Breakable([row], breaks)] if breaks else [row]
    listing = body.add("L")
    nodes: ChecklistNodes = (listing.add("Caption"), [listing.add("LI") for _ in checklist.items])

    def table(first: int, end: int) -> Columns:
        part = doc.Checklist(checklist.id, checklist.title, checklist.items[first:end])
        made = _checklist(part, styles, min(width - GUTTER, 330), fillable, key, nodes, document, start=first + 1)
        return Columns([(GUTTER, []), (width - GUTTER, [made])], bottom=12)

    n = len(checklist.items)
    whole = table(0, n)
    breaks = [(head, [*tail, whole], cost) for head, tail, cost in breaks]
    breaks += [([row, table(0, k)], [table(k, n)], BREAK_CHECKLIST) for k in range(2, n - 1)]
    if n > 4:  # a long checklist may start the next page whole
        breaks.append(([row], [whole], 2 * BREAK_CHECKLIST))
    return [Breakable([row, whole], breaks)]


def _step(
    step: doc.Step,
    view: AnnotatedView | None,
    styles: dict[str, ParagraphStyle],
    width: float,
    page_height: float,
    document: doc.Document,
    fillable: bool,
    key: str,
    items: Node,
) -> list[Flowable]:
    """Badge | text (with warning and tip) | the mockup beside it, or under the text on a narrow page;
    then the checklist. A step and its mockup always share a page. An item of the list `items`:
    the number its label; the text, the picture and the checklist its body."""
    item = items.add("LI")
    badge = StepBadge(step.number, node=item.add("Lbl"))
    node = item.add("LBody")
    beside, inner = _text_column(width, view)
    body = _step_body(step, styles, inner, document, node)
    columns: list[tuple[float, list[Flowable]]] = [(GUTTER, [badge]), (inner, body)]
    breaks: list[tuple[Flowable, Flowable]] = []
    if view is not None and beside:
        beside_picture = Screen(
            view, max_height=legible_height(view, page_height * 0.9, page_height), node=_figure(node, step.view)
        )
        columns += [(GAP, []), (MOCKUP_WIDTH, [beside_picture])]
    elif view is not None:
        picture = Screen(
            view, max_height=legible_height(view, page_height * 0.7, page_height), node=_figure(node, step.view)
        )
        # a long step over a tall picture on a small page: the picture may start the next page
        text_only = Columns([(GUTTER, [badge]), (inner, list(body))], bottom=12)
        breaks = [(text_only, Columns([(GUTTER, []), (inner, [picture])], bottom=12))]
        body += [Spacer(1, 8), picture]
    return _with_checklist(
        Columns(columns, bottom=12), step.checklist, styles, width, fillable, key, node, document, breaks
    )

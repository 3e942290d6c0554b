"""render_pack: several translated guides bound into one PDF, behind a cover and a contents page.

The pack reuses each guide's story (`render.guide_story`), so its pages are the handouts'
own. Around them: a cover with the organisation's logo, the pack's title and date, in a
person's pack who it is for, and what is inside (each guide, with its page); a page with
the welcome text and the contents, whose page numbers come from a first layout pass; each
guide starting on a right-hand page when the pages are mirrored for duplex (a blank back is
left before it, with no furniture); the outline with one entry per guide and its sections
under it; running headers naming the guide on the page. "Page X of Y" counts the whole
pack. Booklet imposition and bleed work on the result as on a handout.
In the structure tree the cover's title is the H1, the contents a TOC, and each guide a
Part with its own H1 and sections.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Spacer
from reportlab.platypus.doctemplate import ActionFlowable, BaseDocTemplate

from .. import document as doc
from .flowables import ACCENT, MUTED, RULE, Heading, Para, Rule, escape
from .hyphenation import words_of
from .images import Picture, PictureBox
from .pages import HandoutTemplate, Running, numbered_canvas
from .paper import PageSetup
from .render import PackGuide, _table, guide_story, keep_whole_words, markup, pdf_info, styles_for
from .tagging import Node
from .too_large import reraise_too_large

COVER_LOGO = (200.0, 80.0)
COVER_RULE = 6.0  # the bar across the top of the cover
CONTENTS_KEY = "contents"


class RectoBreak(ActionFlowable):
    """A page break to the next right-hand (odd) page; the blank back left before it is noted."""

    def __init__(self, blanks: set[int]) -> None:
        super().__init__(("pageBreak",))
        self.blanks = blanks

    def apply(self, doc_template: BaseDocTemplate) -> None:
        page = doc_template.canv.getPageNumber()
        doc_template.handle_pageBreak()
        if page % 2 == 1:  # the next page would be a left-hand one: leave it blank
            self.blanks.add(page + 1)
            doc_template.clean_hanging()  # begin it
            doc_template.handle_pageBreak()


@reraise_too_large
def render_pack(
    cover: doc.PackCover,
    guides: Sequence[PackGuide],
    created: dt.datetime,
    setup: PageSetup = PageSetup(),
    fillable: bool = False,
    logo: Picture | None = None,
    values: Iterable[str] = (),
) -> bytes:
    """The pack as PDF bytes: laid out once to learn where each guide and section begins,
    then again with those page numbers in the contents. The words of `values` (the tenant's
    and the person's) are never hyphenated, as in a handout."""
    first = guides[0][0]
    keep_whole = frozenset().union(*(keep_whole_words(d) for d, *_ in guides)) | words_of(
        [cover.organisation, *(value for _, value in cover.person), *values]
    )
    styles = styles_for(first.text_locale, keep_whole)
    products = dict.fromkeys(d.product for d, *_ in guides)  # each once, in the pack's order
    info = pdf_info(first, cover.title, cover.title, [*products, cover.pack_id])
    pages: dict[str, int] = {}  # outline key → page, from the first pass
    for _pass in range(2):
        blanks: set[int] = set()
        out = io.BytesIO()
        template = HandoutTemplate(out, setup, **info)
        root = Node("Document")
        story = _cover(cover, guides, styles, setup, logo, blanks, pages, root)
        story += _contents(cover, guides, styles, setup.frame_width, pages, root)
        for i, (document, view_for, introduction) in enumerate(guides):
            story.append(RectoBreak(blanks) if setup.mirrored else PageBreak())
            story += guide_story(
                document,
                view_for,
                styles,
                setup.frame_width,
                setup.frame_height,
                fillable,
                logo,
                key=f"g{i + 1}-",
                introduction=introduction,
                parent=root.add("Part"),
            )
        template.build(story, canvasmaker=numbered_canvas(_running(cover, guides, blanks), setup, created, root))
        pages = template.canv.page_marks
    return out.getvalue()


def _running(cover: doc.PackCover, guides: Sequence[PackGuide], blanks: set[int]) -> Running:
    """The footer names the pack; the header the guide on the page, except where a guide begins
    (its title block says which)."""
    titles = [(f"g{i + 1}-title", d.title) for i, (d, *_) in enumerate(guides)]

    def header(page: int, marks: dict[str, int]) -> tuple[str, str] | None:
        if any(marks.get(key) == page for key, _ in titles):
            return None
        begun = [title for key, title in titles if marks.get(key, page + 1) <= page]
        return (begun[-1], cover.organisation) if begun and begun[-1] else None

    return Running(
        cover.words.page_of,
        lambda page, marks: f"{cover.title} · {cover.date_text}",
        header,
        lambda page, marks: page == 1 or page in blanks,
    )


def _cover(
    cover: doc.PackCover,
    guides: Sequence[PackGuide],
    styles: dict[str, ParagraphStyle],
    setup: PageSetup,
    logo: Picture | None,
    blanks: set[int],
    pages: dict[str, int],
    root: Node,
) -> list[Flowable]:
    """A rule across the top, the logo, the title with the date under it, whom the pack is for,
    and at the foot of the page what is inside: each guide's product and title, with its page.
    The organisation is named once: above the title only where the title does not name it."""
    width = setup.frame_width
    size = 30 if width >= 400 else 24  # an A5 booklet page: three words to a line still
    big = ParagraphStyle("cover_title", styles["title"], fontSize=size, leading=size * 1.2)
    org = ParagraphStyle("cover_org", styles["kicker"], fontSize=12, leading=16)
    story: list[Flowable] = [_rule(width, COVER_RULE), Spacer(1, 18)]
    if logo is not None:
        story += [PictureBox(logo, *COVER_LOGO, node=root.add("Figure", alt=cover.organisation)), Spacer(1, 10)]
    story.append(Spacer(1, setup.frame_height * 0.16))
    if cover.organisation and cover.organisation.casefold() not in cover.title.casefold():
        story += [Para(escape(cover.organisation.upper()), org, root.add("P")), Spacer(1, 6)]
    story += [
        Para(escape(_kept_whole(cover.title, cover.organisation, big, width)), big, root.add("H1")),
        Spacer(1, 14),
        _rule(48, 3),
        Spacer(1, 10),
        Para(escape(cover.date_text), styles["summary"], root.add("P")),
    ]
    if cover.person:
        story += [
            Spacer(1, 20),
            Para(escape(cover.words.prepared_for), styles["meta_label"], root.add("P")),
            Spacer(1, 4),
        ]
        person = root.add("Table")
        rows = []
        for label, value in cover.person:
            row = person.add("TR")
            header = row.add("TH", attributes={"O": "Table", "Scope": "Row"})
            rows.append(
                [
                    Para(escape(label), styles["meta_label"], header),
                    Para(escape(value), styles["meta_value"], row.add("TD")),
                ]
            )
        table = _table(
            rows,
            [110, width - 110],
            [
                ("LINEABOVE", (0, 0), (-1, 0), 1.5, ACCENT),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ],
        )
        table.hAlign = "LEFT"
        story.append(table)
    # one of the two is drawn; the other's structure is left out
    story.append(AtFoot([_inside(cover, guides, styles, width, pages, summaries, root) for summaries in (True, False)]))
    story.append(RectoBreak(blanks) if setup.mirrored else PageBreak())
    return story


def _rule(width: float, thickness: float) -> Rule:
    """A bar in the accent colour: the cover's top edge, the short stroke under its title."""
    return Rule(width, thickness, "butt", ACCENT, spaceBefore=0, spaceAfter=0, hAlign="LEFT")


def _kept_whole(title: str, name: str, style: ParagraphStyle, width: float) -> str:
    """The title with the organisation's name on one line ("Lyngbø Bygg AS", not "… Bygg" and
    "AS" under it), where the name fits a line."""
    if not name or stringWidth(name, style.fontName, style.fontSize) > width:
        return title
    return title.replace(name, name.replace(" ", "\u00a0"))


def _inside(
    cover: doc.PackCover,
    guides: Sequence[PackGuide],
    styles: dict[str, ParagraphStyle],
    width: float,
    pages: dict[str, int],
    summaries: bool,
    root: Node,
) -> list[Flowable]:
    """What is inside, for the cover: each guide's product over its title (and its summary), and
    its page, linked to it: a TOC in the structure."""
    toc = root.add("TOC")
    product = ParagraphStyle("cover_product", styles["kicker"], fontSize=7.5, leading=10, spaceAfter=0)
    title = ParagraphStyle("cover_guide", styles["h2"], fontSize=12, leading=15, spaceBefore=0, spaceAfter=0)
    summary = ParagraphStyle("cover_summary", styles["body"], fontSize=9.5, leading=13, textColor=MUTED)
    number = ParagraphStyle("cover_page", title, alignment=TA_RIGHT)
    rows = []
    for i, (document, *_) in enumerate(guides):
        target = f"g{i + 1}-title"
        entry = toc.add("TOCI")
        text = [
            Para(escape(document.product.upper()), product, entry.add("P")),
            Para(f'<a href="#{target}">{escape(document.title)}</a>', title, entry.add("P")),
        ]
        if summaries:
            text += [Spacer(1, 2), Para(escape(document.summary), summary, entry.add("P"))]
        page = Para(f'<a href="#{target}">{pages.get(target, "")}</a>', number, text[1].node)
        rows.append([text, [Spacer(1, product.leading), page]])
    table = _table(
        rows,
        [width - 50, 50],
        [
            ("LINEABOVE", (0, 0), (-1, 0), 1.5, ACCENT),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, -1), 24),
            ("RIGHTPADDING", (1, 0), (1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
        ],
    )
    # No heading: the list of guides says what is inside, and "Contents" is the next page's (one a pack)
    return [table]


class AtFoot(Flowable):
    """The first of some stacks of flowables that fits what is left of the page, set at its foot;
    none where none fits (a person's pack on a small page: the contents page lists the guides too)."""

    width: float
    height: float

    def __init__(self, choices: list[list[Flowable]], gap: float = 24) -> None:
        super().__init__()
        self.choices = choices
        self.gap = gap
        self._chosen: list[tuple[Flowable, float]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width, self.height, self._chosen = availWidth, 0, []
        for flowables in self.choices:
            heights = [f.wrapOn(self.canv, availWidth, availHeight)[1] for f in flowables]
            if sum(heights) + self.gap <= availHeight:
                self._chosen = list(zip(flowables, heights, strict=True))
                self.height = max(availHeight - 0.01, 0)
                break
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return []

    def draw(self) -> None:
        y = sum(h for _, h in self._chosen)
        for f, h in self._chosen:
            y -= h
            f.drawOn(self.canv, 0, y)


def _contents(
    cover: doc.PackCover,
    guides: Sequence[PackGuide],
    styles: dict[str, ParagraphStyle],
    width: float,
    pages: dict[str, int],
    root: Node,
) -> list[Flowable]:
    """The welcome and the contents: each guide and its sections, linked to their pages (a TOC)."""
    story: list[Flowable] = [Para(markup(p), styles["intro"], root.add("P")) for p in cover.welcome]
    story += [Spacer(1, 10), Heading(cover.words.contents, styles["h1"], 0, CONTENTS_KEY, root.add("H2"))]
    toc = root.add("TOC")
    number = ParagraphStyle("contents_page", styles["body"], alignment=TA_RIGHT)
    guide_style = ParagraphStyle("contents_guide", styles["body"], fontName=styles["meta_value"].fontName)
    section_style = ParagraphStyle("contents_section", styles["body"], leftIndent=14, textColor=MUTED)
    rows = []
    line_below = []
    for i, (document, *_) in enumerate(guides):
        key = f"g{i + 1}-"
        entries = [(document.title, f"{key}title", guide_style)]
        entries += [(s.title, f"{key}section-{n + 1}", section_style) for n, s in enumerate(document.sections)]
        guide_entry = toc.add("TOCI")
        sections: Node | None = None
        for text, target, style in entries:
            page = str(pages.get(target, ""))
            if target.endswith("title"):
                entry = guide_entry.add("P")
            else:
                sections = sections or guide_entry.add("TOC")
                entry = sections.add("TOCI").add("P")
            rows.append(
                [
                    Para(f'<a href="#{target}">{escape(text)}</a>', style, entry),  # title and page: one P
                    Para(f'<a href="#{target}">{page}</a>', number, entry),
                ]
            )
        line_below.append(("LINEBELOW", (0, len(rows) - 1), (-1, len(rows) - 1), 0.5, RULE))
    story.append(
        _table(
            rows,
            [width - 50, 50],
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                *line_below,
            ],
        )
    )
    return story

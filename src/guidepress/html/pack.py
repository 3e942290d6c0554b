"""render_pack_html: a pack's guides on one accessible page, behind its welcome and contents.

The web counterpart of the pack's PDF (`pdf/pack.py`): the pack's title as `h1`, the
organisation, who it is for (a person's pack), the welcome, then a contents list of the
guides with their sections, and each guide as an `article` whose title is an `h2` and
whose parts are `h3`, with the same steps, pictures, notes and checklists as a guide's own
page (`page.guide_body`). Every id of a guide starts with `g<N>-`, so nothing clashes.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import document as doc
from .page import (
    Edition,
    PackGuide,
    _t,
    contents_entries,
    contents_nav,
    guide_body,
    page_end,
    page_head,
    page_top,
    pdf_link,
    rich,
)


def render_pack_html(
    cover: doc.PackCover,
    guides: Sequence[PackGuide],
    editions: Sequence[Edition] = (),
    pdf_name: str = "",
) -> bytes:
    """The pack's page as UTF-8 bytes; `editions` are its other languages, `pdf_name` the PDF beside it."""
    first = guides[0][0]
    w = cover.words
    head = page_head(first.language_tag, cover.title, cover.organisation or first.product, editions)
    body = [
        *page_top(w, editions),
        *_cover(cover, pdf_name),
        *_contents(w, guides),
    ]
    for n, (document, view_for, introduction) in enumerate(guides, start=1):
        body += [
            f'<article class="pack-guide" aria-labelledby="g{n}">',
            f'<header class="title"><p class="kicker">{_t(document.product)}</p>',
            f'<h2 id="g{n}">{_t(document.title)}</h2>',
            f'<p class="summary">{_t(document.summary)}</p></header>',
            *guide_body(document, view_for, f"g{n}-", 3, introduction, title_id=f"g{n}"),
            "</article>",
        ]
    body += page_end(f"{cover.title} · {cover.date_text}")
    return "\n".join(head + body).encode("utf-8")


def _cover(cover: doc.PackCover, pdf_name: str) -> list[str]:
    w = cover.words
    block = ['<header class="title">']
    if cover.organisation:
        block.append(f'<p class="kicker">{_t(cover.organisation)}</p>')
    block.append(f"<h1>{_t(cover.title)}</h1>")
    if cover.person:
        rows = "".join(f"<div><dt>{_t(label)}</dt><dd>{_t(value)}</dd></div>" for label, value in cover.person)
        block.append(f'<p class="summary">{_t(w.prepared_for)}</p><dl class="meta">{rows}</dl>')
    block += [f"<p>{rich(paragraph)}</p>" for paragraph in cover.welcome]
    return [*block, *pdf_link(w, pdf_name), "</header>"]


def _contents(w: doc.Words, guides: Sequence[PackGuide]) -> list[str]:
    items = []
    for n, (document, *_) in enumerate(guides, start=1):
        parts = "".join(
            f'<li><a href="#{key}">{_t(title)}</a></li>' for key, title in contents_entries(document, f"g{n}-")
        )
        items.append(f'<li><a href="#g{n}">{_t(document.title)}</a><ol>{parts}</ol></li>')
    return contents_nav(w, "".join(items))

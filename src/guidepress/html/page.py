"""render_html: a translated Document and its laid-out mockups → one self-contained HTML page.

The page a screen reader can walk: `lang` on the page, the title as `h1`, the PDF outline's
sections as `h2`, the steps as one ordered list numbered through the guide (an `<ol start>`
per section), tips and warnings as notes that say which they are, checklists as labelled
checkboxes, the metadata as a description list, links with their real addresses. Each
screen picture is inline SVG (`mockup/svg.py`) with the text alternative the translation
made for it; consecutive steps on one screen share one picture, shown once with the first
of them, with every step's callouts and a text alternative that names each step's marks.
The style sheet (`page.css`) is inside the page, and nothing is loaded from anywhere else:
the text in the reader's system font, the pictures' text in Noto Sans where the reader
has it. All text from the Document is escaped: it is text, never markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.resources import files

from .. import document as doc
from ..mockup import palette
from ..mockup.frames import WIDTHS
from ..mockup.layout import AnnotatedView
from ..mockup.svg import render_svg

BROWSER_WIDTH = WIDTHS["browser"]  # a drawn browser page fills the picture's column

ViewFor = Callable[[doc.Step], AnnotatedView | None]
# A guide on a pack's page: its document, its steps' pictures and the picture under its introduction.
PackGuide = tuple[doc.Document, ViewFor, AnnotatedView | None]


@dataclass(frozen=True)
class Edition:
    """The same guide in another language, as a link: its BCP 47 tag, its name in its own language, its address."""

    tag: str
    name: str
    href: str


def render_html(
    document: doc.Document,
    view_for: ViewFor,
    editions: Sequence[Edition] = (),
    pdf_name: str = "",
    introduction: AnnotatedView | None = None,
) -> bytes:
    """The page as UTF-8 bytes; `editions` are the other languages to link to, `pdf_name` the PDF
    beside it, `introduction` the picture under the introduction."""
    w = document.words
    head = page_head(
        document.language_tag,
        f"{document.title} – {document.product}",
        document.organisation or document.product,
        editions,
        description=document.summary,
    )
    body = [
        *page_top(w, editions),
        *_title_block(document, pdf_name),
        *_contents(document),
        *guide_body(document, view_for, introduction=introduction),
        *page_end(f"{document.title} · {w.version} {document.version} · {document.date_text}"),
    ]
    return "\n".join(head + body).encode("utf-8")


@cache
def style_sheet() -> str:
    """The palette's colours as custom properties, then page.css with its comments and indentation removed."""
    colours = {
        "page": palette.WHITE,
        "ink": palette.INK,
        "muted": palette.MUTED,
        "accent": palette.ACCENT,
        "link": palette.LINK,
        "rule": palette.RULE,
        "tint": palette.TINT,
        "focus": palette.LINK,
    }
    root = ":root{" + "".join(f"--{name}:{value};" for name, value in colours.items()) + "}"
    return root + "\n" + compact_css(files(__package__).joinpath("page.css").read_text(encoding="utf-8"))


def compact_css(css: str) -> str:
    """CSS without its comments (wherever they begin and end), indentation and blank lines."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return "\n".join(stripped for line in css.splitlines() if (stripped := line.strip()))


# --- the parts of the page ---------------------------------------------------------------


def _language_bar(editions: Sequence[Edition], w: doc.Words) -> list[str]:
    if not editions:
        return []
    links = "".join(
        f'<li><a href="{_a(e.href)}" hreflang="{_a(e.tag)}" lang="{_a(e.tag)}">{_t(e.name)}</a></li>' for e in editions
    )
    return [
        '<header class="bar">',
        f'<nav class="languages" aria-labelledby="languages"><p id="languages">{_t(w.other_languages)}</p>'
        f"<ul>{links}</ul></nav>",
        "</header>",
    ]


def _title_block(document: doc.Document, pdf_name: str) -> list[str]:
    w = document.words
    meta = [
        (w.product, _t(document.product)),
        (w.language, _t(document.language_name)),
        (w.version, _t(document.version)),
        (w.date, f'<time datetime="{_a(document.iso_date)}">{_t(document.date_text)}</time>'),
    ]
    if document.organisation:
        meta.append((w.organisation, _t(document.organisation)))
    block = [
        '<header class="title">',
        f'<p class="kicker">{_t(document.product)}</p>',
        f"<h1>{_t(document.title)}</h1>",
        f'<p class="summary">{_t(document.summary)}</p>',
        '<dl class="meta">' + "".join(f"<div><dt>{_t(k)}</dt><dd>{v}</dd></div>" for k, v in meta) + "</dl>",
    ]
    if document.article:
        block.append(f'<p class="online"><b>{_t(w.online)}</b> {rich(document.article)}</p>')
    return [*block, *pdf_link(w, pdf_name), "</header>"]


def _contents(document: doc.Document) -> list[str]:
    links = "".join(f'<li><a href="#{target}">{_t(title)}</a></li>' for target, title in contents_entries(document))
    return contents_nav(document.words, links)


def pdf_link(w: doc.Words, pdf_name: str) -> list[str]:
    """The paragraph that links to the PDF beside the page; none without one."""
    if not pdf_name:
        return []
    return [f'<p class="pdf"><a href="{_a(pdf_name)}" type="application/pdf">{_t(w.pdf_edition)}</a></p>']


def contents_nav(w: doc.Words, items: str) -> list[str]:
    """The contents, a navigation region named by its heading, around an ordered list's `<li>` items."""
    return [
        f'<nav class="contents" aria-labelledby="contents"><p id="contents">{_t(w.contents)}</p><ol>{items}</ol></nav>'
    ]


def contents_entries(document: doc.Document, prefix: str = "") -> list[tuple[str, str]]:
    """(id, title) of the guide's parts: what it fixes, then each section."""
    shown = document.introduction or document.introduction_view is not None
    entries = [(f"{prefix}intro", document.words.what_this_fixes)] if shown else []
    return entries + [(f"{prefix}section-{i}", s.title) for i, s in enumerate(document.sections, start=1)]


def guide_body(
    document: doc.Document,
    view_for: ViewFor,
    prefix: str = "",
    level: int = 2,
    introduction: AnnotatedView | None = None,
    title_id: str = "",
) -> list[str]:
    """The guide's introduction (with its picture) and its sections of steps, headed at `level`; every
    id starts with `prefix`, so that several guides share a page (a pack) without two elements sharing an id.
    On such a page each part is named by its heading and the guide's title (`title_id`), so that
    no two regions share a name ("What this fixes" is in every guide)."""
    return [
        *_introduction(document, prefix, level, introduction, title_id),
        *(
            _section(document, i, section, view_for, prefix, level, title_id)
            for i, section in enumerate(document.sections, 1)
        ),
    ]


def _labelled_by(key: str, title_id: str) -> str:
    return f"{key} {title_id}" if title_id else key


def _introduction(
    document: doc.Document, prefix: str, level: int, picture: AnnotatedView | None, title_id: str
) -> list[str]:
    if not document.introduction and not document.support_contact and picture is None:
        return []
    h = f"h{level}"
    part = [
        f'<section aria-labelledby="{_labelled_by(f"{prefix}intro", title_id)}">',
        f'<{h} id="{prefix}intro">{_t(document.words.what_this_fixes)}</{h}>',
    ]
    part += [f"<p>{rich(p)}</p>" for p in document.introduction]
    if picture is not None and document.introduction_view is not None:
        part.append(_figure(picture, document.introduction_view.description, f"{prefix}intro-screen"))
    if document.support_contact:
        part.append(f'<p class="support">{rich(document.support_contact)}</p>')
    part.append("</section>")
    return part


def _section(
    document: doc.Document, i: int, section: doc.Section, view_for: ViewFor, prefix: str, level: int, title_id: str
) -> str:
    start = section.steps[0].number if section.steps else 1
    items = []
    for block in doc.step_blocks(section.steps):  # steps on one screen: its picture once, with the first
        view = view_for(block[0])
        shared = len(block) > 1 and view is not None
        items.append(_step(document.words, block[0], view, prefix, "shared" if shared else ""))
        items += [_step(document.words, step, None, prefix, "beside" if shared else "") for step in block[1:]]
    steps = "\n".join(items)
    h, key = f"h{level}", f"{prefix}section-{i}"
    return (
        f'<section aria-labelledby="{_labelled_by(key, title_id)}">\n<{h} id="{key}">{_t(section.title)}</{h}>\n'
        f'<ol class="steps" start="{start}">\n{steps}\n</ol>\n</section>'
    )


def _step(w: doc.Words, step: doc.Step, view: AnnotatedView | None, prefix: str = "", shares: str = "") -> str:
    """One step's list item; `shares` is "shared" for the first step of a block whose picture the
    next steps share, "beside" for those next steps (on a wide screen their text runs beside it)."""
    n = f"{prefix}{step.number}"
    text = [f"<p>{rich(step.text)}</p>"]
    if step.warning:
        text.append(
            f'<div class="warning" role="note"><p><strong>{_t(w.warning)}</strong> {rich(step.warning)}</p></div>'
        )
    if step.note:
        text.append(f'<div class="note" role="note"><p><strong>{_t(w.note)}</strong> {rich(step.note)}</p></div>')
    parts = [f'<div class="step-text">{"".join(text)}</div>']
    if view is not None and step.view is not None:
        parts.append(_figure(view, step.view.description, f"step-{n}-screen"))
    if step.checklist:
        parts.append(_checklist(w, step.checklist, n))
    item = f' class="{shares}"' if shares else ""
    step_class = "step shared" if shares == "shared" else "step"
    return f'<li id="step-{n}"{item}><div class="{step_class}">{"".join(parts)}</div></li>'


def _figure(view: AnnotatedView, description: str, title_id: str) -> str:
    """The picture as inline SVG with its text alternative. A screen narrower than a browser page
    (a phone, a window) keeps its size relative to one, centred, as in the PDF."""
    attributes = {"role": "img", "aria-labelledby": title_id}
    share = view.width / BROWSER_WIDTH
    if share < 0.995:
        attributes["style"] = f"width:{share * 100:.1f}%"
    return f'<figure class="mockup">{render_svg(view, description, title_id, attributes)}</figure>'


def _checklist(w: doc.Words, checklist: doc.Checklist, n: str) -> str:
    items = "".join(
        f'<li><input type="checkbox" id="step-{n}-check-{i}"><label for="step-{n}-check-{i}">{rich(item)}</label></li>'
        for i, item in enumerate(checklist.items, start=1)
    )
    return (
        f'<fieldset class="checklist" aria-describedby="step-{n}-hint"><legend>{_t(checklist.title)}</legend>'
        f'<p class="hint" id="step-{n}-hint">{_t(w.checklist_hint)}</p><ul>{items}</ul></fieldset>'
    )


def page_head(lang: str, title: str, author: str, editions: Sequence[Edition], description: str = "") -> list[str]:
    """The page's start up to `</head>`: its language, title, author, other languages and style sheet."""
    return [
        "<!DOCTYPE html>",
        f'<html lang="{_a(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        f"<title>{_t(title)}</title>",
        *([f'<meta name="description" content="{_a(description)}">'] if description else []),
        f'<meta name="author" content="{_a(author)}">',
        '<meta name="generator" content="guidepress">',
        *(f'<link rel="alternate" hreflang="{_a(e.tag)}" href="{_a(e.href)}">' for e in editions),
        f"<style>{style_sheet()}</style>",
        "</head>",
    ]


def page_top(w: doc.Words, editions: Sequence[Edition]) -> list[str]:
    """The body's start: the skip link, the language bar, the opening of `main`."""
    return [
        "<body>",
        f'<a class="skip" href="#main">{_t(w.skip_link)}</a>',
        *_language_bar(editions, w),
        '<main id="main" tabindex="-1">',
    ]


def page_end(footer: str) -> list[str]:
    """The end of `main`, the footer's text (escaped here) and the end of the page."""
    return ["</main>", f"<footer><p>{_t(footer)}</p></footer>", "</body>", "</html>", ""]


def rich(runs: doc.Rich) -> str:
    """Runs → HTML: UI labels in bold, links with their real addresses, every character of the text
    escaped, a run a fallback shows in another language marked with its `lang`, as the PDF's /Lang."""
    parts = []
    for run in runs:
        text = _t(run.text)
        lang = f' lang="{_a(run.lang)}"' if run.lang else ""  # a fallback's text says its language (WCAG 3.1.2)
        if run.kind == "ui":
            parts.append(f'<b class="ui"{lang}>{text}</b>')
        elif run.kind == "link":  # an address may break after a slash, not inside a word, on a phone
            parts.append(f'<a href="{_a(run.href)}"{lang}>{text.replace("/", "/<wbr>")}</a>')
        else:
            parts.append(f"<span{lang}>{text}</span>" if lang else text)
    return "".join(parts)


def _t(text: str) -> str:
    return escape(text, quote=False)


def _a(value: str) -> str:
    return escape(value, quote=True)

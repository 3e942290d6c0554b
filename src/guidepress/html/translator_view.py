"""render_translator_view: the HTML edition of a guide with each text's catalog entry, for translators.

The page is the HTML edition itself (`page.render_html`, unchanged), painted from a document
whose texts carry markers naming their origin (`document.MARK_START` …, put there by
`l10n/origins.py`); this module turns each marker into an element a translator can point at
or reach with the Tab key, whose tooltip (its `aria-describedby`) names the catalog entry: the
PO file and the line of its msgid, msgctxt and msgid, its state, the catalog the shown text
comes from when that is a fallback's, and the UI labels the text quotes. A text that is
untranslated, fuzzy, refused by a check or missing from the catalog is marked so on the page
(a colour and an underline of its own, and the words in its tooltip); a text that came
through no catalog (a name, an address, a date, or a text guidepress failed to send through
one) is outlined in grey. Markers inside an attribute, a link or the page's title are dropped.

Each screen picture gets a layer of boxes over its texts, from the very layout the SVG is
painted from (`ScreenLayout.texts`): a box per text with the entry it shows, a text that does
not fit its element (`ScreenLayout.overflows`) outlined in red with the layout's words for why.
Above the page, a bar says what the view is, counts the page's entries by state, lists those
with work left, explains the marks and links to the page as readers get it and to the
pseudo-locale's view. The bar's words come from the caller (nb, nn, en: `serve/words.py`).
Nothing is loaded from anywhere else; the one script only lets Escape hide a tooltip.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.resources import files

from .. import document as doc
from ..mockup.layout import AnnotatedView
from ..mockup.shapes import Box
from .page import Edition, ViewFor, compact_css, render_html

# A screen's texts by element ("" for the frame's, "@<control>" for a callout's note): (shown, origin index)
ScreenTexts = Mapping[str, tuple[tuple[str, int], ...]]

# the words of the bar and the tooltips, by key (the caller translates them)
WORD_KEYS = (
    "title",
    "intro",
    "reader_page",
    "pseudo_page",
    "counts",
    "to_do",
    "nothing_to_do",
    "marks",
    "translated",
    "fuzzy",
    "untranslated",
    "missing",
    "rejected",
    "quoted",
    "raw",
    "overflow",
    "shows",
    "source_text",
    "labels",
    "dismiss",
)
STATES = ("translated", "quoted", "fuzzy", "untranslated", "missing", "rejected")
TO_DO = ("fuzzy", "untranslated", "missing", "rejected")

_MARK_CHARS = f"{doc.MARK_START}{doc.MARK_SEP}{doc.MARK_END}"
_ANY_MARK = re.compile(f"[{_MARK_CHARS}]")
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"^<(/?)([a-zA-Z][a-zA-Z0-9]*)")
# elements whose text is no place for an element of ours: markers there are dropped
_PLAIN = {"title", "a", "svg", "style", "script", "option", "textarea", "head"}
_FIGURE = re.compile(r'<figure class="mockup">(<svg [^>]*>)(.*?)</svg></figure>', re.S)


@dataclass(frozen=True)
class ViewLinks:
    """Where the bar links to: the page as readers get it, and the pseudo-locale's view ("" for none)."""

    reader_page: str = ""
    pseudo_page: str = ""


def render_translator_view(
    document: doc.Document,
    origins: Sequence[doc.Origin],
    screens: Mapping[str, ScreenTexts],
    view_for: ViewFor,
    words: Mapping[str, str],
    key: str,
    *,
    introduction: AnnotatedView | None = None,
    editions: Sequence[Edition] = (),
    pdf_name: str = "",
    links: ViewLinks = ViewLinks(),
    words_lang: str = "en",
) -> bytes:
    """The translator view as UTF-8 bytes: `document` is marked (`l10n/origins.trace`) with marks of
    this `key`, `origins` what they name, `screens` each screen's texts; the rest as `page.render_html`
    takes it."""
    figures: dict[str, AnnotatedView] = {}

    def recording(step: doc.Step) -> AnnotatedView | None:
        view = view_for(step)
        if view is not None:
            figures[f"step-{step.number}-screen"] = view
        return view

    if introduction is not None:
        figures["intro-screen"] = introduction
    page = render_html(document, recording, editions, pdf_name, introduction).decode("utf-8")
    painter = _Painter(origins, words, words_lang, key)
    body = painter.texts(painter.links.sub(painter.link, page))
    body = _FIGURE.sub(lambda found: painter.figure(found, figures, screens), body)
    bar = painter.bar(document.locale, document.guide_id, links)
    body = body.replace('<main id="main"', bar + '\n<main id="main"', 1)
    head_end = f"<style>{view_style()}</style>\n<script>{_SCRIPT}</script>\n</head>"
    return body.replace("</head>", head_end, 1).encode("utf-8")


@cache
def view_style() -> str:
    return compact_css(files(__package__).joinpath("translator_view.css").read_text(encoding="utf-8"))


# Escape hides the tooltip shown (WCAG 1.4.13: dismissible without moving the pointer or the focus);
# the next focus or pointer move shows tooltips again.
_SCRIPT = (
    "document.addEventListener('keydown',function(e){if(e.key==='Escape'){"
    "document.documentElement.classList.add('tv-quiet');}});"
    "['focusin','pointerover'].forEach(function(n){document.addEventListener(n,function(e){"
    "if(!e.target.closest||!e.target.closest('.tv-tip')){document.documentElement.classList.remove('tv-quiet');}"
    "});});"
)


class _Painter:
    def __init__(self, origins: Sequence[doc.Origin], words: Mapping[str, str], lang: str, key: str) -> None:
        self.origins, self.words, self.lang = origins, words, lang
        start, end, sep = re.escape(doc.MARK_START + key), re.escape(doc.MARK_END + key), re.escape(doc.MARK_SEP)
        self.marks = re.compile(f"{start}(\\d+){sep}|{end}{sep}")  # only this page's marks count
        # a link whose text is one marked text (a section in the contents, the skip link, the PDF's link)
        self.links = re.compile(f"<a ([^>]*)>{start}(\\d+){sep}([^<{_MARK_CHARS}]*){end}{sep}</a>")
        self.count = 0
        self.shown: dict[int, str] = {}  # origin index → the id of the first element that shows it
        self.raw = 0
        self.overflows = 0
        self.overflowed: dict[int, str] = {}  # origin index → the first box of it that does not fit

    def _id(self) -> str:
        self.count += 1
        return f"tv-{self.count}"

    # --- the page's text -----------------------------------------------------------------

    def texts(self, page: str) -> str:
        """Each marker turned into an annotated element (dropped where no element may stand), and every
        other text of the body that has a letter or digit outlined as coming through no catalog."""
        out: list[str] = []
        plain = 0  # how deep inside elements of _PLAIN
        in_body = False
        stack: list[tuple[int, str]] = []
        for token in _TAG.split(page):
            if token.startswith("<"):
                found = _TAG_NAME.match(token)
                if found:
                    closing, name = found.group(1) == "/", found.group(2).lower()
                    if name == "body":
                        in_body = not closing
                    if name in _PLAIN and not token.endswith("/>"):
                        plain += -1 if closing else 1
                out.append(self.unmarked(token))
                continue
            if plain or not in_body:
                out.append(self.unmarked(token))
                continue
            at = 0
            for marker in self.marks.finditer(token):
                out.append(self._plain_text(token[at : marker.start()], bool(stack)))
                at = marker.end()
                if marker.group(1) is not None:
                    index = int(marker.group(1))
                    if index >= len(self.origins):  # no origin of ours: its end closes nothing
                        stack.append((-1, ""))
                        continue
                    element = self._id()
                    stack.append((index, element))
                    self.shown.setdefault(index, element)
                    origin = self.origins[index]
                    out.append(
                        f'<span class="tv-t tv-{_state(origin)}" id="{element}" tabindex="0" '
                        f'aria-describedby="{element}-tip">'
                    )
                elif stack:
                    index, element = stack.pop()
                    if index >= 0:
                        out.append(self.tip(self.origins[index], f"{element}-tip") + "</span>")
            out.append(self._plain_text(token[at:], bool(stack)))
        return "".join(out)

    def unmarked(self, text: str) -> str:
        """The text without this page's marks (and the origin numbers they carry), or any other mark character."""
        return _ANY_MARK.sub("", self.marks.sub("", text))

    def link(self, found: re.Match[str]) -> str:
        """A link whose text comes from one entry: the link itself names it (no element may stand in a link
        that the keyboard reaches apart from it)."""
        attributes, index, shown = found.group(1), int(found.group(2)), found.group(3)
        if index >= len(self.origins):
            return f"<a {attributes}>{shown}</a>"
        element = self._id()
        self.shown.setdefault(index, element)
        origin = self.origins[index]
        mark = f"tv-link tv-{_state(origin)}"
        if re.search(r'(^|\s)class="', attributes):
            attributes = re.sub(r'(^|\s)class="', lambda m: f'{m.group(1)}class="{mark} ', attributes, count=1)
        else:
            attributes += f' class="{mark}"'
        attributes += f' id="{element}" aria-describedby="{element}-tip"'
        return f"<a {attributes}>{shown}{self.tip(origin, f'{element}-tip')}</a>"

    def _plain_text(self, text: str, inside: bool) -> str:
        if inside or not re.search(r"\w", text):
            return text
        self.raw += 1
        return f'<span class="tv-raw">{text}</span>'

    def tip(self, origin: doc.Origin | None, element: str, problem: str = "") -> str:
        """The tooltip: the entry (file:line, msgctxt, msgid), its state, what is shown, the labels it quotes."""
        w = self.words
        lines = []
        if problem:
            lines.append(f'<span class="tv-line tv-problem">{_t(w["overflow"])}: {_t(problem)}</span>')
        if origin is None:
            lines.append(f'<span class="tv-line tv-state">{_t(w["raw"])}</span>')
        else:
            lines += self._entry(origin)
            if origin.labels:
                lines.append(f'<span class="tv-line tv-sub">{_t(w["labels"])}</span>')
                for label in origin.labels:
                    lines.append(f'<span class="tv-label">{" ".join(self._entry(label))}</span>')
        lang = _a(self.lang)
        # read as the description of what it stands by (aria-describedby), not again as text of its own
        tip = f'<span class="tv-tip" role="tooltip" id="{element}" lang="{lang}" aria-hidden="true">'
        return f"{tip}{' '.join(lines)}</span>"

    def _entry(self, origin: doc.Origin) -> list[str]:
        w = self.words
        lines = [f'<span class="tv-line tv-state tv-is-{origin.state}">{_t(w[origin.state])}</span>']
        if origin.path:
            place = f"{origin.path}:{origin.line}" if origin.line else origin.path
            lines.append(f'<span class="tv-line"><code class="tv-where">{_t(place)}</code></span>')
        if origin.context:
            lines.append(f'<span class="tv-line"><code>msgctxt {_t(_quoted(origin.context))}</code></span>')
        lines.append(f'<span class="tv-line"><code>msgid {_t(_quoted(origin.msgid))}</code></span>')
        if origin.state not in ("translated", "quoted"):
            where = origin.shown or w["source_text"]
            if origin.shown_path:
                where += f" ({origin.shown_path}:{origin.shown_line})"
            lines.append(f'<span class="tv-line">{_t(w["shows"].format(where=where))}</span>')
        elif origin.state == "quoted" and origin.shown:
            lines.append(f'<span class="tv-line">{_t(w["shows"].format(where=origin.shown))}</span>')
        return lines

    # --- the screen pictures ----------------------------------------------------------------

    def figure(
        self, found: re.Match[str], figures: Mapping[str, AnnotatedView], screens: Mapping[str, ScreenTexts]
    ) -> str:
        """The picture in a box of its size, with a box over each of its texts."""
        svg, inside = found.group(1), found.group(2)
        named = re.search(r'aria-labelledby="([^"]+)"', svg)
        view = figures.get(named.group(1)) if named else None
        style = re.search(r' style="([^"]*)"', svg)
        if style:
            svg = svg.replace(style.group(0), "", 1)
        width = f' style="{style.group(1)}"' if style else ""
        boxes = self.boxes(view, screens.get(view.layout.screen_id, {})) if view is not None else ""
        return f'<figure class="mockup tv-fig"><div class="tv-pic"{width}>{svg}{inside}</svg>{boxes}</div></figure>'

    def boxes(self, view: AnnotatedView, texts: ScreenTexts) -> str:
        layout = view.layout
        everything = [pair for pairs in texts.values() for pair in pairs]
        merged: dict[tuple[str, int, str], tuple[Box, str]] = {}
        for text in layout.texts:
            candidates = [*texts.get(text.element, ()), *texts.get("", ())]
            index = _match(text.text, candidates)
            if index is None:
                index = _match(text.text, everything)
            problem = next(
                (o.problem for o in layout.overflows if o.element == text.element and _within(text.text, o.text)), ""
            )
            key = (text.element, -1 if index is None else index, problem)
            box, shown = merged.get(key, (None, ""))
            merged[key] = (_union(box, text.box), f"{shown} {text.text}".strip())
        for control, _badge, note in view.placed:
            pairs = texts.get(f"@{control}", ())
            if note is not None and pairs:
                merged[(f"@{control}", pairs[0][1], "")] = (note, pairs[0][0])
        parts = []
        for (_element, index, problem), (box, shown) in merged.items():
            origin = self.origins[index] if index >= 0 else None
            state = "raw" if origin is None else _state(origin)
            classes = f"tv-box tv-{state}" + (" tv-overflow" if problem else "")
            self.overflows += bool(problem)
            element = self._id()
            if origin is not None:
                self.shown.setdefault(index, element)
                if problem:
                    self.overflowed.setdefault(index, element)
            g = box.grow(1.2)
            where = (
                f"left:{g.x / layout.width * 100:.2f}%;top:{g.y / layout.height * 100:.2f}%;"
                f"width:{g.w / layout.width * 100:.2f}%;height:{g.h / layout.height * 100:.2f}%"
            )
            parts.append(
                f'<span class="{classes}" id="{element}" tabindex="0" aria-describedby="{element}-tip" style="{where}">'
                f'<span class="tv-sr">{_t(shown)}</span>{self.tip(origin, f"{element}-tip", problem)}</span>'
            )
        return f'<div class="tv-boxes">{"".join(parts)}</div>' if parts else ""

    # --- the bar above the page --------------------------------------------------------------

    def bar(self, locale: str, guide_id: str, links: ViewLinks) -> str:
        w = self.words
        shown = sorted(self.shown)
        counts = {state: sum(1 for i in shown if self.origins[i].state == state) for state in STATES}
        figures = [f"{_t(w[state])}: {counts[state]}" for state in STATES if counts[state]]
        if self.overflows:
            figures.append(f"{_t(w['overflow'])}: {self.overflows}")
        todo = [i for i in shown if self.origins[i].state in TO_DO]
        todo += [i for i in shown if self.origins[i].state not in TO_DO and _state(self.origins[i]) in TO_DO]
        places = [(i, _state(self.origins[i]), self.shown[i]) for i in todo]
        places += [(i, "overflow", element) for i, element in self.overflowed.items() if i not in todo]
        items = []
        for i, state, element in places:
            origin = self.origins[i]
            place = f"{origin.path}:{origin.line}" if origin.line else origin.path
            items.append(
                f'<li><a href="#{element}">{_t(_clip(origin.msgid))}</a> '
                f'<span class="tv-is-{state}">{_t(w[state])}</span> <code>{_t(place)}</code></li>'
            )
        summary = f"<summary>{_t(w['to_do'])} ({len(items)})</summary>"
        todo_block = (
            f'<details class="tv-todo">{summary}<ul>{"".join(items)}</ul></details>'
            if items
            else f'<p class="tv-done">{_t(w["nothing_to_do"])}</p>'
        )
        legend = "".join(
            f'<li><span class="tv-sample tv-{state}">{_t(w[state])}</span></li>'
            for state in ("translated", "fuzzy", "untranslated", "rejected", "raw")
        )
        legend += f'<li><span class="tv-sample tv-box-sample tv-overflow">{_t(w["overflow"])}</span></li>'
        nav = []
        if links.reader_page:
            nav.append(f'<a href="{_a(links.reader_page)}">{_t(w["reader_page"])}</a>')
        if links.pseudo_page:
            nav.append(f'<a href="{_a(links.pseudo_page)}" hreflang="en">{_t(w["pseudo_page"])}</a>')
        return (
            f'<aside class="tv-bar" lang="{_a(self.lang)}" aria-labelledby="tv-bar-title">'
            f'<p class="tv-bar-title" id="tv-bar-title"><strong>{_t(w["title"])}</strong> '
            f"<code>{_t(locale)}</code> <code>{_t(guide_id)}</code></p>"
            f'<p class="tv-intro">{_t(w["intro"])}</p>'
            + (f'<p class="tv-links">{" · ".join(nav)}</p>' if nav else "")
            + f'<p class="tv-counts"><span>{_t(w["counts"])}</span> {" · ".join(figures)}</p>'
            + todo_block
            + f'<details class="tv-legend"><summary>{_t(w["marks"])}</summary><ul>{legend}</ul>'
            f"<p>{_t(w['dismiss'])}</p></details>"
            "</aside>"
        )


def _state(origin: doc.Origin) -> str:
    """The mark a text gets: its own entry's state, else the first label it quotes that has work left."""
    if origin.state in TO_DO:
        return origin.state
    return next((label.state for label in origin.labels if label.state in TO_DO), origin.state)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _within(line: str, whole: str) -> bool:
    """Whether a laid-out line (perhaps cut short with an ellipsis) is part of the text `whole`."""
    line, whole = _norm(line), _norm(whole)
    if not line:
        return False
    if line in whole:
        return True
    return line.endswith("…") and len(line) > 1 and line[:-1].rstrip() in whole


def _match(line: str, candidates: Sequence[tuple[str, int]]) -> int | None:
    """The origin of the candidate whose text holds the line (the shortest, when several do)."""
    found = [(len(shown), index) for shown, index in candidates if _within(line, shown)]
    return min(found)[1] if found else None


def _union(box: Box | None, other: Box) -> Box:
    if box is None:
        return other
    x, y = min(box.x, other.x), min(box.y, other.y)
    return Box(x, y, max(box.right, other.right) - x, max(box.bottom, other.bottom) - y)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _clip(text: str, width: int = 70) -> str:
    text = _norm(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _t(text: str) -> str:
    return escape(text, quote=False)


def _a(value: str) -> str:
    return escape(value, quote=True)

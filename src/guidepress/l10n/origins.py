"""The catalog entry behind every text a handout shows, for the translator view.

A translated `Document` holds plain text: which message a heading or a step came from is known
only to the translation. `trace` walks the guide beside its document (the title with the
guide's title, each step with its step, each handout word with its message in `words.py`) and
finds, for each text, the message it is the translation of, the UI labels it quotes, and where a
translator edits it (`origin_of`: the entry's file and msgid line in the locale's own catalog,
its state there, and the catalog the shown text comes from when that is a fallback's). It
returns a copy of the document whose texts are wrapped in markers naming their origin
(`document.mark_start`: private use characters of plane 15 with a key drawn for the page, so that
no text can pass for one; a mark character in a text is taken out), so that the HTML painter writes
the page as it always does and `html/translator_view.py` turns each marker into an annotated
element; and, for the screen pictures, which origin each text of each screen shows (their texts
are laid out from the plain document: a marker would change their measure).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace

from .. import document as doc
from ..common.resources import resource_path
from ..errors import display_path
from ..source.elements import element_label
from ..source.messages import is_message, placeholders
from ..source.model import POLICY_CHECKLIST, Guide, Mark, Step
from .catalogs import DOMAIN
from .products import ui_context
from .screens import find_element
from .translate import look_up, own_catalog
from .translator import Translator
from .words import WORDS_DOMAIN, handout_words

MARKS = frozenset({doc.MARK_START, doc.MARK_SEP, doc.MARK_END})

# A screen's texts by the element that shows them ("" for the frame's own: a title, a subject),
# each (shown text, index of its origin); a callout's note by "@" and the control it points at.
ScreenTexts = dict[str, tuple[tuple[str, int], ...]]


@dataclass(frozen=True)
class Traced:
    """A handout's document with its texts marked, the origins the markers name, and each screen's texts."""

    document: doc.Document
    origins: tuple[doc.Origin, ...]
    screens: dict[str, ScreenTexts]  # by the screen's id (a layout's `screen_id`)
    key: str  # the key of the document's marks (`document.mark_start`)


def origin_of(
    t: Translator,
    context: str | None,
    msgid: str,
    plural: str | None = None,
    word: bool = False,
    labels: tuple[doc.Origin, ...] = (),
) -> doc.Origin:
    """Where the message's text comes from, as a build shows it (`translate.look_up`), and the entry to
    edit: the one it is shown from when that is in the handout's language, else the locale's own."""
    found = look_up(t, msgid, context, plural)
    quoted = t.quotes.get(context or "")
    own_language = found.catalog is not None and doc.same_language(found.locale, t.locale)
    if found.catalog is not None and (own_language or (quoted and found.locale == quoted)):
        where = found.catalog.entry(context, msgid)
        state = "translated" if own_language else "quoted"
        return doc.Origin(
            msgid,
            context or "",
            found.catalog.path.stem,
            _shown(where.path),
            where.line,
            state,
            found.locale,
            labels=labels,
        )
    own = own_catalog(t, context, msgid, word)
    domain, path, line, state = (WORDS_DOMAIN if word else DOMAIN), "", 0, "untranslated"
    if own is not None:
        state = own.state(context, msgid)
        state = "rejected" if state == "translated" else state
        domain, path = own.path.stem, _shown(display_path(own.path))
        line = own.entry(context, msgid).line if state != "missing" else 0
    shown_path, shown_line = "", 0
    if found.catalog is not None:
        where = found.catalog.entry(context, msgid)
        shown_path, shown_line = _shown(where.path), where.line
    return doc.Origin(msgid, context or "", domain, path, line, state, found.locale, shown_path, shown_line, labels)


def _shown(path: str) -> str:
    """A catalog's path as the view names it: guidepress's own words catalogs by their place in the
    package (`guidepress:locales/nb/LC_MESSAGES/guidepress.po`), not where it is installed; a project's
    (`guidepress words-template` starts one) as the build prints it."""
    package, absolute = str(resource_path("locales")), os.path.abspath(path)
    return "guidepress:locales" + absolute.removeprefix(package) if absolute.startswith(package + os.sep) else path


def unmarked(text: str) -> str:
    """`text` without any marker character (what a catalog's text might smuggle in)."""
    return "".join(c for c in text if c not in MARKS)


class _Tracer:
    def __init__(self, guide: Guide, t: Translator, key: str) -> None:
        self.guide, self.t, self.key = guide, t, key
        self.ui = ui_context(guide.product)
        self.origins: list[doc.Origin] = []
        self.index: dict[doc.Origin, int] = {}
        policy = guide.password_policy
        self.plurals: dict[str, str] = {rule.text: rule.plural for rule in policy.rules} if policy is not None else {}

    def number(self, origin: doc.Origin) -> int:
        if origin not in self.index:
            self.index[origin] = len(self.origins)
            self.origins.append(origin)
        return self.index[origin]

    def origin(
        self, context: str | None, msgid: str, plural: str | None = None, word: bool = False
    ) -> doc.Origin | None:
        """The message's origin with the labels its source quotes; None for a text that is no message."""
        if not is_message(msgid):
            return None
        return origin_of(self.t, context, msgid, plural, word, self.labels(msgid))

    def labels(self, source: str) -> tuple[doc.Origin, ...]:
        """The origins of the product UI labels a text names (`{next}`, `{login.submit}`), in its order."""
        try:
            names = placeholders(source)
        except ValueError:
            return ()
        found = []
        for name in names:
            if name in self.guide.variables:
                continue
            label: str
            if name in self.guide.labels:
                label = self.guide.labels[name]
            else:
                screen, _, element = name.partition(".")
                try:
                    label = element_label(find_element(self.guide.screens, screen, element))
                except KeyError:
                    continue
            if is_message(label):
                found.append(origin_of(self.t, self.ui, label))
        return tuple(found)

    def text(self, shown: str, context: str | None, msgid: str, plural: str | None = None, word: bool = False) -> str:
        origin = self.origin(context, msgid, plural, word)
        shown = unmarked(shown)
        if origin is None or not shown:
            return shown
        return f"{doc.mark_start(self.key, self.number(origin))}{shown}{doc.mark_end(self.key)}"

    def rich(self, runs: doc.Rich, context: str | None, msgid: str, plural: str | None = None) -> doc.Rich:
        origin = self.origin(context, msgid, plural)
        runs = tuple(replace(run, text=unmarked(run.text)) for run in runs)
        if origin is None or not runs:
            return runs
        return (doc.Run(doc.mark_start(self.key, self.number(origin))), *runs, doc.Run(doc.mark_end(self.key)))

    def words(self, words: doc.Words) -> doc.Words:
        sources = handout_words(lambda text: text)  # each field's message
        changed = {
            f.name: self.text(getattr(words, f.name), None, getattr(sources, f.name), word=True) for f in fields(words)
        }
        return replace(words, **changed)

    def step(self, shown: doc.Step, source: Step) -> doc.Step:
        text = self.rich(shown.text, None, source.text)
        note = self.rich(shown.note, None, source.note)
        warning = self.rich(shown.warning, None, source.warning)
        checklist = self.checklist(shown.checklist) if shown.checklist is not None else None
        return replace(shown, text=text, note=note, warning=warning, checklist=checklist)

    def checklist(self, shown: doc.Checklist) -> doc.Checklist:
        g = self.guide
        if shown.id == POLICY_CHECKLIST and g.password_policy is not None:
            policy = g.password_policy
            title = self.text(shown.title, None, policy.title)
            items = tuple(
                self.rich(item, self.ui, rule.text, rule.plural)
                for item, rule in zip(shown.items, policy.rules, strict=False)
            )
            return replace(shown, title=title, items=items)
        source = g.checklists.get(shown.id)
        if source is None:
            return shown
        items = tuple(self.rich(item, None, text) for item, text in zip(shown.items, source.items, strict=False))
        return replace(shown, title=self.text(shown.title, None, source.title), items=items)

    def document(self, d: doc.Document) -> doc.Document:
        g = self.guide
        sections = []
        for shown, source in zip(d.sections, g.sections, strict=False):
            steps = tuple(self.step(step, src) for step, src in zip(shown.steps, source.steps, strict=False))
            sections.append(replace(shown, title=self.text(shown.title, None, source.title), steps=steps))
        sources = handout_words(lambda text: text)
        return replace(
            d,
            title=self.text(d.title, None, g.title),
            summary=self.text(d.summary, None, g.summary),
            introduction=tuple(
                self.rich(p, None, source) for p, source in zip(d.introduction, g.introduction, strict=False)
            ),
            support_contact=self.rich(d.support_contact, None, sources.support) if d.support_contact else (),
            sections=tuple(sections),
            words=self.words(d.words),
        )

    def screens(self, d: doc.Document) -> dict[str, ScreenTexts]:
        """Each screen's texts (with the screen's behind its dialog) and its callouts' notes."""
        found: dict[str, dict[str, list[tuple[str, int]]]] = {}
        steps = [
            (shown, source)
            for section, source_section in zip(d.sections, self.guide.sections, strict=False)
            for shown, source in zip(section.steps, source_section.steps, strict=False)
        ]
        views: list[tuple[doc.ScreenView, Step | None]] = [(v, None) for v in [d.introduction_view] if v is not None]
        views += [(step.view, source) for step, source in steps if step.view is not None]
        avoid = handout_words(lambda text: text).avoid
        for view, source in views:
            spec = view.screen
            texts = found.setdefault(spec.id, {})
            for shown_spec in (spec.behind, spec):
                if shown_spec is None:
                    continue
                for widget in shown_spec.widgets:
                    pairs = [(shown, self.ui_number(msgid)) for shown, msgid in widget.sources]
                    for element in _ids(widget):
                        texts.setdefault(element, []).extend(pairs)
                texts.setdefault("", []).extend((shown, self.ui_number(msgid)) for shown, msgid in shown_spec.sources)
            marks: dict[str, str] = {
                m.control: m.note for m in (source.marks if source else ()) if isinstance(m, Mark) and m.note
            }
            for callout in view.callouts:
                note = avoid if callout.avoid else marks.get(callout.control, "")
                origin = self.origin(None, note, word=callout.avoid) if note else None
                if origin is not None and callout.note:
                    texts[f"@{callout.control}"] = [(callout.note, self.number(origin))]
        return {screen: {key: tuple(dict.fromkeys(v)) for key, v in texts.items()} for screen, texts in found.items()}

    def ui_number(self, msgid: str) -> int:
        """A screen's text: a UI label, or a password rule (a plural message)."""
        return self.number(origin_of(self.t, self.ui, msgid, self.plurals.get(msgid)))


def _ids(widget: doc.Widget) -> Iterator[str]:
    """The widget's id and those of everything inside it (their texts are the widget's `sources`)."""
    yield widget.id
    for item in widget.items:
        yield from _ids(item)


def trace(guide: Guide, translator: Translator, document: doc.Document, key: str = "") -> Traced:
    """The document with every text that comes from a catalog marked with its origin, and each screen's
    texts; the marks' key is drawn afresh unless given (it never reaches the page)."""
    tracer = _Tracer(guide, translator, key or secrets.token_hex(4))
    screens = tracer.screens(document)
    marked_document = tracer.document(document)
    return Traced(marked_document, tuple(tracer.origins), screens, tracer.key)

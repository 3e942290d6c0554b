"""The translated handout: plain frozen data between `translate` and the renderers.

Nothing here knows YAML or reportlab. Text is plain text in runs: a run is shown as
a product UI label (bold), a link (with an address from a guide variable) or text,
so that a translation can never add markup.

Like the guide model, most of its classes are `records.record`s: frozen, compared by identity.
A screen (`ScreenSpec`, its `Widget`s, `Picture` and `Region`s) is compared by value: a
screen with the same texts is laid out once per build or server (`Workspace.layout`), whichever
tenant's handout asks for it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from typing import Literal

from .common.records import record
from .errors import BuildWarning

RunKind = Literal["text", "ui", "link"]


@record
class Run:
    text: str
    kind: RunKind = "text"
    href: str = ""
    # the BCP 47 tag of the language the text is shown in, when a fallback shows it in another
    # language than the handout's own (nb text in an nn handout); "" otherwise
    lang: str = ""


Rich = tuple[Run, ...]


def plain(rich: Rich) -> str:
    return "".join(run.text for run in rich)


def ui_labels(document: Document) -> Iterator[str]:
    """Every product UI label the handout's text quotes (the runs shown in bold), wherever it stands."""
    stack: list[object] = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, (str, ScreenSpec)):  # a screen's texts are plain strings, never runs
            continue
        if isinstance(value, Run):
            if value.kind == "ui":
                yield value.text
        elif isinstance(value, tuple):
            stack.extend(value)
        elif is_dataclass(value) and not isinstance(value, type):  # an instance: the document holds no classes
            stack.extend(getattr(value, name) for name in _field_names(type(value)))


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


@dataclass(frozen=True)
class Picture:
    """An image file to show: the locale's variant of an asset, or the asset itself."""

    path: str  # absolute path of a PNG, JPEG or SVG file inside the project's assets
    format: str  # png, jpeg or svg
    width: float  # the image's own size: pixels (SVG: its user units)
    height: float


@dataclass(frozen=True)
class Widget:
    """One translated screen element, ready for mockup layout. What each field holds depends on
    the kind (see `mockup/widgets/`); every text in it is already translated."""

    id: str
    kind: str
    text: str = ""  # the main text: a heading, a button's label, a title
    label: str = ""  # a field's label
    value: str = ""  # what a field shows: its value, the chosen option, a formatted date, typed digits
    detail: str = ""  # a second text: a description, a field's placeholder
    style: str = ""  # a variant: a button's style, an alert's tone, a menu's placement
    icon: str = ""
    checked: bool = False  # ticked, switched on, chosen, open
    number: int = 0  # a count: digits of a code, lines of a text area, a size
    columns: tuple[str, ...] = ()  # a table's headings, a calendar's weekdays, a row's cells
    rows: tuple[tuple[str, str, bool], ...] = ()  # label, value, value is a link
    items: tuple[Widget, ...] = ()  # children: section elements, accounts, options, tabs, rows
    picture: Picture | None = None
    # (shown text, source msgid) of every translated text it or its items show; all are UI messages
    sources: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Region:
    """A named control on a screenshot, in the pixels of the guide's own (source) image."""

    id: str
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class ScreenSpec:
    """A translated screen: what to draw, not where.

    `kind` says what frames it: a browser page, a phone app, an email message, a window of the
    operating system or an app, or a screenshot (a picture with named regions)."""

    id: str
    layout: str
    product: str
    address: str
    user: str
    widgets: tuple[Widget, ...]
    kind: str = "browser"
    title: str = ""  # a phone app's or a window's title, an email's subject
    sender: str = ""  # an email's sender and address
    sender_address: str = ""
    date: str = ""  # an email's date, formatted for the locale
    width: float = 0.0  # the preferred width in points (0: the kind's own)
    picture: Picture | None = None  # a screenshot's image (the locale's variant)
    source_size: tuple[float, float] = (0.0, 0.0)  # the pixels its regions are measured in
    regions: tuple[Region, ...] = ()
    sources: tuple[tuple[str, str], ...] = ()  # (shown, msgid) of the frame's own texts
    behind: ScreenSpec | None = None  # the screen drawn dimmed behind this one's dialog, with its own layout


@record
class Callout:
    """A control a step points at: marked with the number, or crossed out when `avoid`."""

    control: str
    label: str
    note: str = ""
    avoid: bool = False


@record
class ScreenView:
    screen: ScreenSpec
    callouts: tuple[Callout, ...]
    # What the picture shows, in words, for a reader who cannot see it ("Screen: Log in. Step 3:
    # the field “Email address” is marked."): the HTML edition's text alternative
    description: str = ""


@record
class Checklist:
    id: str
    title: str
    items: tuple[Rich, ...]


@record
class Step:
    number: int
    text: Rich
    note: Rich = ()
    warning: Rich = ()
    view: ScreenView | None = None
    checklist: Checklist | None = None


def step_blocks(steps: tuple[Step, ...]) -> list[tuple[Step, ...]]:
    """The steps in blocks that share one picture: consecutive steps on the same screen, each
    block's checklist (if any) under its last step. Every other step is a block of its own."""
    blocks: list[list[Step]] = []
    for step in steps:
        last = blocks[-1][-1] if blocks else None
        if (
            last is not None
            and step.view is not None
            and last.view is not None
            and last.view.screen.id == step.view.screen.id
            and last.checklist is None
        ):
            blocks[-1].append(step)
        else:
            blocks.append([step])
    return [tuple(block) for block in blocks]


@record
class Section:
    title: str
    steps: tuple[Step, ...]


@record
class Words:
    """The handout's own words (headings, footers), translated like everything else."""

    what_this_fixes: str
    steps_heading: str
    product: str
    language: str
    version: str
    date: str
    organisation: str
    page_of: str  # with {page} and {pages}
    note: str
    warning: str
    online: str
    support: str
    avoid: str
    checklist_hint: str
    # the HTML edition's own
    skip_link: str
    other_languages: str
    contents: str
    pdf_edition: str
    # a pack's own
    prepared_for: str


@dataclass(frozen=True)
class Coverage:
    """How much of a handout its locale's own catalogs translated, and what shows the rest."""

    locale: str
    messages: int  # the different messages the handout shows
    shown_in: tuple[tuple[str, int], ...]  # (locale, or "" for the source text; how many), most text first
    source: str = "en"  # the language the guides are written in: an English handout may show their own text
    # each message shown ("context\x04source"), with the locale it is shown in: to add up a pack's guides
    keys: tuple[tuple[str, str], ...] = ()

    # why each message not shown in the handout's language is not ("context\x04source" → "fuzzy",
    # "untranslated" or "rejected", in the locale's own catalog: as `--status` counts it)
    states: tuple[tuple[str, str], ...] = ()
    words: frozenset[str] = frozenset()  # the keys of the handout's own words (guidepress's), counted apart

    @classmethod
    def of(
        cls,
        locale: str,
        shown: Mapping[str, str],
        source: str = "en",
        states: Mapping[str, str] | None = None,
        words: frozenset[str] = frozenset(),
    ) -> Coverage:
        """The coverage of the messages shown ("context\x04source" → the locale each is shown in)."""
        counts: dict[str, int] = {}
        for where in shown.values():
            counts[where] = counts.get(where, 0) + 1
        order = sorted(counts, key=lambda where: (-counts[where], where))
        keys = tuple(sorted(shown.items()))
        why = tuple(sorted((states or {}).items()))
        return cls(locale, len(shown), tuple((where, counts[where]) for where in order), source, keys, why, words)

    @classmethod
    def combined(cls, coverages: list[Coverage]) -> Coverage:
        """Several guides in one handout (a pack): a message they share is counted once."""
        shown: dict[str, str] = {}
        states: dict[str, str] = {}
        words: set[str] = set()
        for coverage in coverages:
            shown.update(coverage.keys)
            states.update(coverage.states)
            words |= coverage.words
        return cls.of(coverages[0].locale, shown, coverages[0].source, states, frozenset(words))

    @property
    def untranslated(self) -> int:
        return sum(count for locale, count in self.shown_in if not self.own_language(locale))

    def own_language(self, locale: str) -> bool:
        """Whether text shown from `locale` ("": the source text) is in the handout's language."""
        return same_language(locale or self.source, self.locale)

    def sentence(self) -> str:
        """`nb: 3 of 54 messages not translated (1 fuzzy, 2 untranslated), the handout shows en`, or "" when
        all are translated. The guide's messages are counted as `--status` counts the guide's row (the
        handout's own words, guidepress's, apart), each by its state in the locale's own catalog."""
        rest = [(locale, count) for locale, count in self.shown_in if not self.own_language(locale)]
        if not rest:
            return ""
        names = [locale or self.source for locale, _count in rest]
        if len(rest) > 1:
            names = [f"{name} ({count})" for name, (_locale, count) in zip(names, rest, strict=True)]
        shows = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
        shown = dict(self.keys)
        if not shown:
            counted = f"{self.untranslated} of {self.messages} messages untranslated"
            return f"{self.locale}: {counted}, the handout shows {shows}"
        messages = [key for key in shown if key not in self.words]
        words = [key for key in shown if key in self.words]
        states = dict(self.states)
        parts = []
        missed = [key for key in messages if not self.own_language(shown[key])]
        if missed:
            counts = {state: sum(1 for key in missed if states.get(key, "untranslated") == state) for state in STATES}
            found = [(state, n) for state, n in counts.items() if n]
            if len(found) == 1:
                parts.append(f"{len(missed)} of {len(messages)} messages {found[0][0]}")
            else:
                why = ", ".join(f"{n} {state}" for state, n in found)
                parts.append(f"{len(missed)} of {len(messages)} messages not translated ({why})")
        missed_words = [key for key in words if not self.own_language(shown[key])]
        if missed_words:
            parts.append(f"{len(missed_words)} of {len(words)} handout words untranslated")
        return f"{self.locale}: {' and '.join(parts)}, the handout shows {shows}"


STATES = ("fuzzy", "untranslated", "rejected")


def same_language(locale: str, other: str) -> bool:
    """nb_NO and nb are one language; nn and nb are two."""
    return bool(locale) and locale.replace("-", "_").split("_")[0] == other.replace("-", "_").split("_")[0]


@record
class Document:
    guide_id: str
    locale: str
    text_locale: str  # the locale most of its text is in: `locale`, unless most of it fell back to another
    language_tag: str  # BCP 47 of that language, for the PDF's /Lang
    language_name: str
    title: str
    product: str
    summary: str
    introduction: tuple[Rich, ...]
    version: str
    date_text: str
    iso_date: str  # the same date as YYYY-MM-DD, for machines (<time datetime>)
    organisation: str
    article: Rich  # the online article's address as one link run, or ()
    support_contact: Rich
    sections: tuple[Section, ...]
    words: Words
    coverage: Coverage | None = None
    warnings: tuple[BuildWarning, ...] = field(default=())
    introduction_view: ScreenView | None = None  # a picture under the introduction, without callouts


@dataclass(frozen=True)
class PackCover:
    """A pack's own pages in the reader's language: the cover and the welcome before the contents."""

    pack_id: str
    title: str
    welcome: tuple[Rich, ...]
    organisation: str
    person: tuple[tuple[str, str], ...]  # (label, value) shown on a person's cover
    date_text: str
    words: Words
    coverage: Coverage | None = None  # what the pack's own texts are shown in


# The translator view marks a text with its origin: `mark_start`, the text, `mark_end`. The marks are
# private use characters of plane 15, which no text needs, with a key drawn for each page, so that
# no text of a catalog or a guide can pass for one.
MARK_START = "\U000f0000"
MARK_SEP = "\U000f0001"
MARK_END = "\U000f0002"


def mark_start(key: str, index: int) -> str:
    """Where a text of origin `index` starts, on the page whose marks have this key."""
    return f"{MARK_START}{key}{index}{MARK_SEP}"


def mark_end(key: str) -> str:
    """Where the text ends."""
    return f"{MARK_END}{key}{MARK_SEP}"


@dataclass(frozen=True)
class Origin:
    """Where a text the handout shows comes from, for the translator view (`l10n/origins.py`): its
    message, the catalog entry a translator edits for it and that entry's state there, and the
    catalog whose text is shown when that is another one (a fallback's)."""

    msgid: str
    context: str = ""  # msgctxt ("ui:Visma Connect"), "" for prose and the handout's words
    domain: str = "guides"  # "guidepress" for the handout's own words
    path: str = ""  # the locale's own catalog (the template for the pseudo-locale); "" when it has none
    line: int = 0  # the entry's msgid line there (0: not in the file, run pybabel update)
    # "translated", "fuzzy", "untranslated", "missing" (not in the catalog), "rejected" (a check refused
    # the translation) or "quoted" (another locale's wording, as locales/ui-quotes.yaml asks)
    state: str = "translated"
    shown: str = ""  # the locale whose text the handout shows, "" for the source text
    shown_path: str = ""  # that catalog's file and the entry's line in it, when it is not `path`
    shown_line: int = 0
    labels: tuple[Origin, ...] = ()  # the product UI labels the text quotes ({next}), each its own entry

"""translate: a loaded guide, a locale's catalogs and the tenant's values → a Document.

Every text goes through the catalog (UI labels with the "ui" context), placeholders
are filled after translation, and dates and numbers are formatted by Babel for the
reader's locale. A translation `--strict` would reject for its content (placeholders that
do not match its source, markup, control characters: `checks.unusable`) is not used: the
next catalog along the fallback chain is tried, then the source text, and a warning at the
rejected translation's catalog entry says which was used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import format_decimal

from .. import document as doc
from ..errors import BuildWarning, Location
from ..source.elements import element_label
from ..source.located import LocStr
from ..source.messages import is_message
from ..source.model import POLICY_CHECKLIST, Guide, Mark, PolicyRule
from ..source.variables import address_link
from .catalogs import DOMAIN, LoadedCatalog
from .checks import unusable
from .describe import describe_block, describe_view
from .products import ui_context
from .pseudo import FORMAT_LOCALE, PSEUDO_LOCALE, pseudo_text
from .screens import ScreenTranslator, find_element
from .translator import Translator, from_catalog
from .words import WORDS_DOMAIN, handout_words

URL_KINDS = ("url", "email")
SOURCE_LOCALE = "en"  # the language guides are written in
NAMED_PER_CATALOG = 5  # a build names this many messages it did not translate per catalog, then counts the rest


def display_address(value: str, kind: str) -> tuple[str, str]:
    """What the reader sees for an address variable, and the link it points to, percent-encoded
    as its scheme requires (a checked value needs none; the link is safe whatever it holds)."""
    if kind == "email":
        return value, address_link(value, kind)
    return value.split("://", 1)[-1].rstrip("/"), address_link(value, kind)


@dataclass(frozen=True)
class Found:
    """A message as the handout shows it: the text, the locale of the catalog it came from ("": the
    source text), a warning for each translation along the way that could not be used, at its
    catalog entry, and the catalog itself (None: the source text)."""

    text: str
    locale: str
    warnings: tuple[BuildWarning, ...] = ()
    catalog: LoadedCatalog | None = None


def look_up(t: Translator, text: str, context: str | None = None, plural: str | None = None, n: int = 1) -> Found:
    """The first translation along the fallback chain that can be used (nn, then nb), else the source."""
    rejected: list[tuple[LoadedCatalog, str]] = []
    for catalog in t.candidates(text, context):
        reason = unusable(catalog, context, text, plural)
        if reason is None:
            return Found(
                from_catalog(catalog, text, context, plural, n),
                catalog.locale,
                _warnings(rejected, context, text, catalog.locale),
                catalog,
            )
        rejected.append((catalog, reason))
    source = text if plural is None or n == 1 else plural
    return Found(source, "", _warnings(rejected, context, text, ""))


def _warnings(
    rejected: list[tuple[LoadedCatalog, str]], context: str | None, source: str, used: str
) -> tuple[BuildWarning, ...]:
    """One warning per translation passed over, at its entry in its catalog (the line `--strict` names)."""
    shown = f"{used} used" if used else "source used"
    return tuple(
        BuildWarning(catalog.entry(context, source), f"{catalog.locale}: translation of {source!r} {reason}; {shown}")
        for catalog, reason in rejected
    )


class GuideTranslator:
    """Translates one guide into one locale, for one tenant's variable values."""

    def __init__(self, guide: Guide, translator: Translator, values: Mapping[str, str], when: dt.date) -> None:
        self.guide = guide
        self.t = translator
        self.locale = Locale.parse(translator.format_locale.replace("-", "_"))
        self.values = {name: values.get(name, var.default) for name, var in guide.variables.items()}
        self.when = when
        self.warnings: list[BuildWarning] = []
        # every message shown, by (context, source): the locale of the catalog whose translation is shown,
        # "" for the source text itself
        self.shown_in: dict[tuple[str | None, str], str] = {}
        self.words: set[tuple[str | None, str]] = set()  # which of them are the handout's own words
        self.last_shown = ""  # the locale of the catalog the last message came from ("": the source)
        self.screens = ScreenTranslator(self)
        self.ui_context = ui_context(guide.product)  # the product's labels: "ui:Visma Connect"

    # --- messages -----------------------------------------------------------------

    def message(self, text: str, context: str | None = None, plural: str | None = None, n: int = 1) -> str:
        """The translation of a source text, with placeholders still in it."""
        if not is_message(text):
            return text
        found = look_up(self.t, text, context, plural, n)
        quoted = self.t.quotes.get(context or "")
        # a label the locale quotes from another (`products.py`) is shown as the project wants it
        self.shown_in[(context, text)] = self.t.locale if quoted and found.locale == quoted else found.locale
        self.last_shown = found.locale  # the language the text is in, for its /Lang
        self.warnings += [w for w in found.warnings if w not in self.warnings]
        return found.text

    def ui(self, text: str) -> str:
        return self.message(text, self.ui_context)

    def gettext(self, text: str) -> str:
        return self.message(text)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.message(singular, None, plural, n)

    def word(self, text: str) -> str:
        """One of the handout's own words (guidepress's, not the guide's)."""
        self.words.add((None, text))
        return self.message(text)

    def nword(self, singular: str, plural: str, n: int) -> str:
        self.words.add((None, singular))
        return self.message(singular, None, plural, n)

    # --- placeholders --------------------------------------------------------------

    def rich(self, template: str, **extra: str) -> doc.Rich:
        """A translated template with its placeholders filled, as runs of text."""
        runs: list[doc.Run] = []
        for literal, name in _split(template):
            if literal:
                runs.append(doc.Run(literal))
            if name is None:
                continue
            if name in extra:
                runs.append(doc.Run(extra[name]))
            elif name in self.guide.variables:
                var = self.guide.variables[name]
                value = self.values[name]
                if var.kind in URL_KINDS:
                    shown, href = display_address(value, var.kind)
                    runs.append(doc.Run(shown, "link", href))
                else:
                    runs.append(doc.Run(value))
            else:
                self.last_shown = self.t.locale
                label = self.label(name)
                runs.append(doc.Run(label, "ui", lang=self.foreign_tag(self.last_shown)))
        return _tidy(runs)

    def foreign_tag(self, shown: str) -> str:
        """The BCP 47 tag of the language a message is shown in (a catalog's locale, "" for the source),
        when it is not the handout's own language (a fallback's); "" when it is."""
        if doc.same_language(shown or SOURCE_LOCALE, self.t.locale):
            return ""
        return language_tag_and_name(shown or SOURCE_LOCALE)[0]

    def text(self, template: str, **extra: str) -> str:
        return doc.plain(self.rich(template, **extra))

    def label(self, name: str) -> str:
        """A product UI label named in prose: a key of `labels` or `screen.element`."""
        if name in self.guide.labels:
            return self.ui(self.guide.labels[name])
        screen_name, _, element_id = name.partition(".")
        element = find_element(self.guide.screens, screen_name, element_id)
        return self.text(self.ui(element_label(element)))

    def prose(self, source: str) -> doc.Rich:
        """A paragraph of the guide; its runs of text say their language when a fallback shows
        it in another one (for the PDF's /Lang on that paragraph)."""
        if not source:
            return ()
        runs = self.rich(self.gettext(source))
        shown = self.shown_in.get((None, source))
        tag = self.foreign_tag(shown) if shown is not None else ""
        if not tag:
            return runs
        return tuple(replace(run, lang=tag) if run.kind == "text" else run for run in runs)

    # --- dates and numbers ------------------------------------------------------------

    def format_datetime(self, when: dt.datetime) -> str:
        date = format_skeleton("yMMMd", when, tzinfo=dt.UTC, locale=self.locale)
        time = format_time(when, "short", tzinfo=dt.UTC, locale=self.locale)
        zone = format_time(when, "z", tzinfo=dt.UTC, locale=self.locale)  # "UTC"; in French "TU"
        pattern = str(self.locale.datetime_formats["medium"]).replace("'", "")
        return pattern.replace("{1}", date).replace("{0}", f"{time} {zone}")

    def number(self, n: int) -> str:
        return format_decimal(n, locale=self.locale)

    # --- the document -------------------------------------------------------------------

    def document(self) -> doc.Document:
        g = self.guide
        words = handout_words(self.word)
        number = 0
        sections = []
        for section in g.sections:
            steps = []
            for step in section.steps:
                number += 1
                steps.append(
                    doc.Step(
                        number=number,
                        text=self.prose(step.text),
                        note=self.prose(step.note),
                        warning=self.prose(step.warning),
                        view=self.view(step.screen, number, step.marks, step.avoid, words.avoid),
                        checklist=self.checklist(step.checklist) if step.checklist else None,
                    )
                )
            sections.append(doc.Section(self.gettext(section.title), self.shared_pictures(tuple(steps))))
        introduction_view = self.view(g.introduction_screen, 0, (), (), "")
        # every text shown is looked up before the handout's coverage is counted: the title too
        title = self.text(self.gettext(g.title))
        summary = self.text(self.gettext(g.summary))
        introduction = tuple(self.prose(p) for p in g.introduction)
        article = self.article()
        support_contact = self.rich(words.support) if "support_contact" in g.variables else ()
        coverage = self.coverage()
        text_locale = self.t.locale
        shown = coverage.shown_in[0][0] if coverage.shown_in else text_locale
        if not coverage.own_language(shown):  # most of it is another language: say so
            text_locale = shown or SOURCE_LOCALE
        if coverage.untranslated:
            named = untranslated_warnings(self.t, self.shown_in, self.words)
            self.warnings = [BuildWarning(None, coverage.sentence()), *named, *self.warnings]  # the whole guide first
        tag, name = language_tag_and_name(text_locale)
        return doc.Document(
            guide_id=g.id,
            locale=self.t.locale,
            text_locale=text_locale,
            language_tag=tag,
            language_name=name,
            title=title,
            product=g.product,
            summary=summary,
            introduction=introduction,
            version=g.version,
            date_text=format_date(self.when, "long", locale=self.locale),
            iso_date=self.when.isoformat(),
            organisation=self.values.get("organisation", ""),
            article=article,
            support_contact=support_contact,
            sections=tuple(sections),
            words=words,
            coverage=coverage,
            warnings=tuple(self.warnings),
            introduction_view=introduction_view,
        )

    def shared_pictures(self, steps: tuple[doc.Step, ...]) -> tuple[doc.Step, ...]:
        """Steps that share one picture (`document.step_blocks`): the first one's text alternative
        describes the picture it shows, with every step's marks."""
        shared: list[doc.Step] = []
        for block in doc.step_blocks(steps):
            first = block[0]
            if len(block) > 1 and first.view is not None:
                views = [(step.number, step.view) for step in block if step.view is not None]
                description = describe_block(views, self.word, self.nword, self.locale)
                block = (replace(first, view=replace(first.view, description=description)), *block[1:])
            shared += block
        return tuple(shared)

    def coverage(self) -> doc.Coverage:
        """What the handout's messages are shown in, the language of the most text first. The text is
        the guide's own (counted in characters): a page of English steps under headings that
        guidepress's own catalogs put in Norwegian reads as English."""
        counts: dict[str, int] = {}
        chars: dict[str, int] = {}
        guide_only = len(self.words) < len(self.shown_in)
        for key, locale in self.shown_in.items():
            counts[locale] = counts.get(locale, 0) + 1
            if not (guide_only and key in self.words):
                chars[locale] = chars.get(locale, 0) + len(key[1])
        own = self.t.locale
        order = sorted(
            counts, key=lambda loc: (-chars.get(loc, 0), not doc.same_language(loc or SOURCE_LOCALE, own), loc)
        )
        shown = tuple((locale, counts[locale]) for locale in order)
        keys = tuple(sorted((_key(key), locale) for key, locale in self.shown_in.items()))
        states = not_translated(self.t, self.shown_in, self.words)
        why = tuple(
            sorted((_key(key), "untranslated" if state == "missing" else state) for key, (_c, state) in states.items())
        )
        words = frozenset(_key(key) for key in self.words)
        return doc.Coverage(own, len(self.shown_in), shown, SOURCE_LOCALE, keys, why, words)

    def article(self) -> doc.Rich:
        """The online article's address as a link, when the guide has the `article_url` variable."""
        value = self.values.get("article_url", "")
        if not value:
            return ()
        shown, href = display_address(value, "url")
        return (doc.Run(shown, "link", href),)

    def checklist(self, name: str) -> doc.Checklist:
        if name == POLICY_CHECKLIST:
            policy = self.guide.password_policy
            assert policy is not None
            items = tuple((doc.Run(self.policy_rule(rule)),) for rule in policy.rules)
            return doc.Checklist(name, self.gettext(policy.title), items)
        checklist = self.guide.checklists[name]
        return doc.Checklist(name, self.gettext(checklist.title), tuple(self.prose(i) for i in checklist.items))

    def policy_rule(self, rule: PolicyRule) -> str:
        template = self.message(rule.text, self.ui_context, rule.plural, rule.count)
        return self.text(template, count=self.number(rule.count))

    def view(
        self,
        screen_name: str,
        number: int,
        marks: Sequence[LocStr | Mark],
        avoid: Sequence[LocStr],
        avoid_note: str,
    ) -> doc.ScreenView | None:
        """A step's screen with its callouts and their description in words (None: no picture)."""
        view = self.screens.view(screen_name, number, marks, avoid, avoid_note)
        if view is None:
            return None
        return replace(view, description=describe_view(view, number, self.word, self.nword, self.locale))


def _key(key: tuple[str | None, str]) -> str:
    """A message's key in `doc.Coverage`: "context\x04source"."""
    return f"{key[0] or ''}\x04{key[1]}"


def own_catalog(t: Translator, context: str | None, msgid: str, word: bool) -> LoadedCatalog | None:
    """The catalog of the handout's own language where a message belongs: the first along the chain in
    that language with an entry for it (a project may word a handout word in its own catalog), else
    the first of its domain (guidepress's for a handout word), else None (the language has none)."""
    own = [c for c in t.catalogs if doc.same_language(c.locale, t.locale)]
    domain = WORDS_DOMAIN if word else DOMAIN
    for catalog in own:
        if catalog.state(context, msgid) != "missing":
            return catalog
    return next((c for c in own if c.path.stem == domain), None)


def not_translated(
    t: Translator, shown_in: Mapping[tuple[str | None, str], str], words: set[tuple[str | None, str]]
) -> dict[tuple[str | None, str], tuple[LoadedCatalog | None, str]]:
    """Each message the handout shows in another language than its own, with the catalog it belongs
    to and why (as `--status` counts it): "fuzzy", "untranslated" (or "missing" from the catalog),
    or "rejected" (translated, but a check refused it: its own warning says why)."""
    found = {}
    for key, locale in shown_in.items():
        if doc.same_language(locale or SOURCE_LOCALE, t.locale):
            continue
        catalog = own_catalog(t, key[0], key[1], key in words)
        state = catalog.state(*key) if catalog is not None else "untranslated"
        found[key] = (catalog, "rejected" if state == "translated" else state)
    return found


def untranslated_warnings(
    t: Translator, shown_in: Mapping[tuple[str | None, str], str], words: set[tuple[str | None, str]]
) -> list[BuildWarning]:
    """A warning at each catalog entry the handout could not use because it is fuzzy, untranslated or
    missing (`locales/nb/LC_MESSAGES/guides.po:573:1: warning: nb: fuzzy, the handout shows en:
    'Register an absence in Example HR'`), in the catalog's order, NAMED_PER_CATALOG per catalog and
    then the number of the rest; a rejected translation has its own warning (`look_up`)."""
    per_catalog: dict[LoadedCatalog, list[tuple[int, BuildWarning]]] = {}
    for (context, msgid), (catalog, state) in not_translated(t, shown_in, words).items():
        if catalog is None or state == "rejected":
            continue
        shown = shown_in[(context, msgid)] or SOURCE_LOCALE
        label = (f"[{context}] " if context else "") + repr(msgid)
        if state == "missing":
            where = Location(catalog.entry(None, "").path, 1, 1)
            problem = f"{t.locale}: not in the catalog (run pybabel update), the handout shows {shown}: {label}"
        else:
            where = catalog.entry(context, msgid)
            problem = f"{t.locale}: {state}, the handout shows {shown}: {label}"
        per_catalog.setdefault(catalog, []).append(
            (where.line if state != "missing" else 0, BuildWarning(where, problem))
        )
    warnings = []
    for catalog, found in per_catalog.items():
        found.sort(key=lambda item: item[0])
        warnings += [warning for _line, warning in found[:NAMED_PER_CATALOG]]
        if len(found) > NAMED_PER_CATALOG:
            rest = len(found) - NAMED_PER_CATALOG
            where = Location(catalog.entry(None, "").path, 1, 1)
            messages = "messages" if rest > 1 else "message"
            more = f"{t.locale}: {rest} more {messages} of this catalog not translated (--status lists them)"
            warnings.append(BuildWarning(where, more))
    return warnings


def language_tag_and_name(locale: str) -> tuple[str, str]:
    """A locale's BCP 47 tag and its name in its own language ("nb", "Norsk bokmål"); the pseudo-locale is
    tagged with the locale it formats dates and numbers in."""
    if locale == PSEUDO_LOCALE:
        return FORMAT_LOCALE.replace("_", "-"), pseudo_text("Pseudo-locale")
    babel = Locale.parse(locale.replace("-", "_"))
    tag = str(babel).replace("_", "-")
    return tag, _capitalise(babel.get_display_name(babel) or tag)


def translate(guide: Guide, translator: Translator, values: Mapping[str, str], when: dt.date) -> doc.Document:
    """The guide in the translator's locale, with the tenant's values filled in. A handout most of
    whose text falls back to another language writes its dates and numbers as that language does
    (a Sami folder showing Bokmål says "1. desember 2026", not "2026 juovlamánnu 1")."""
    document = GuideTranslator(guide, translator, values, when).document()
    formats = translator.formatting_as(document.text_locale)
    return document if formats is translator else GuideTranslator(guide, formats, values, when).document()


def _tidy(runs: list[doc.Run]) -> doc.Rich:
    """No doubled full stop after a label that ends a sentence itself ("Forgot your password?.")."""
    for i in range(1, len(runs)):
        before, after = runs[i - 1], runs[i]
        if before.kind != "text" and before.text[-1:] in ".?!" and after.kind == "text" and after.text.startswith("."):
            runs[i] = replace(after, text=after.text[1:])
    return tuple(run for run in runs if run.text)


def title_template(template: str, blank: str = "…") -> str:
    """A translated title with each placeholder shown as `blank` (a list of titles for every
    organisation, such as the agent page's, has no value to fill in)."""
    return "".join(literal + (blank if name is not None else "") for literal, name in _split(template))


def _split(template: str) -> list[tuple[str, str | None]]:
    import string

    return [(literal, name) for literal, name, _spec, _conv in string.Formatter().parse(template)]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]

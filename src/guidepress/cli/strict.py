"""`--strict`: every problem a translator must fix, as `locales/<locale>/LC_MESSAGES/guides.po:LINE: message`.

What the same command without `--strict` would build is checked, before anything is built:
its locales, guides and packs (a pack's guides with it), and in the catalogs only the entries
those use (every entry when nothing narrows the build). Three sources of problems:

- the catalogs, against their templates (`l10n/status.py`, `l10n/checks.py`): untranslated,
  fuzzy or missing messages (even when the fallback locale has them), placeholders,
  markup, control characters, plural forms, entries the template no longer has, and a
  locale whose handout words guidepress does not translate;
- the mockups: a UI label that does not fit its element (`mockup.layout.Overflow`),
  traced back to the catalog entry it came from (the pseudo-locale's come from the
  template);
- a guide's or a pack's text that no catalog has (the template is not up to date).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from ..build import document_date, make_handout
from ..errors import GuideError, GuideErrors, Location, display_path
from ..l10n.catalogs import EXTRACT_COMMAND, UPDATE_COMMAND, available_locales, template_path
from ..l10n.checks import glossary_entry_problems, locale_problems
from ..l10n.glossary import GLOSSARY_FILE, load_glossary
from ..l10n.pack import pack_text_coverage
from ..l10n.products import load_quotes, ui_context
from ..l10n.pseudo import PSEUDO_LOCALE
from ..l10n.screens import text_location
from ..l10n.status import clip, locale_status, read_template, read_words_template
from ..l10n.translate import look_up
from ..l10n.translator import Translator, translator_for
from ..mockup.layout import Overflow
from ..project import Project
from ..source.loader import load_guide
from ..source.model import Guide
from ..source.packs import load_pack


@dataclass(frozen=True)
class StrictReport:
    """The problems per locale, each one `GuideError` (printed `path:line: message`)."""

    problems: dict[str, list[GuideError]]

    @property
    def failed_locales(self) -> list[str]:
        return [locale for locale, found in self.problems.items() if found]

    def lines(self) -> list[str]:
        """One line per problem, each file's in line order, no line twice."""
        found = [problem for problems in self.problems.values() for problem in problems]
        found.sort(key=lambda p: (p.location.path, p.location.line))
        return list(dict.fromkeys(str(problem) for problem in found))


class _Entries:
    """Finds the catalog entry a shown text came from: the first usable translation along the
    locale's fallback chain (as the build shows and warns of it), else the template's entry."""

    def __init__(self, project: Project, template: Catalog) -> None:
        self.project = project
        self.template = template

    def location(self, translator: Translator, context: str | None, msgid: str) -> Location:
        shown = look_up(translator, msgid, context).catalog
        if shown is not None and shown.locale != PSEUDO_LOCALE:
            entry = shown.entry(context, msgid)
            return Location(entry.path, entry.line or 0)
        message = self.template.get(msgid, context=context)
        return Location(display_path(template_path(self.project.locales_dir)), (message.lineno or 0) if message else 0)


def handout_problems(
    guide: Guide, translator: Translator, values: Mapping[str, str], entries: _Entries
) -> list[GuideError]:
    """The guide translated and laid out: every text of a screen that does not fit its element, as a
    problem of the entry it came from, and messages the locale's catalogs do not translate at all
    (a guide the template does not know yet)."""
    when, _created = document_date(guide)
    handout = make_handout(guide, translator, values, when)
    problems: list[GuideError] = []
    for layout in handout.layouts():
        for overflow in layout.overflows:
            screen = overflow.screen or layout.screen_id
            problem = _fit_problem(guide, screen, overflow, translator, entries)
            if str(problem) not in map(str, problems):  # a screen behind several dialogs: once
                problems.append(problem)
    coverage = handout.document.coverage
    if coverage is not None and coverage.untranslated:
        problems.append(GuideError(guide.loc, f"{coverage.sentence()} (is the template up to date? run: {UPDATE})"))
    return problems


def _fit_problem(
    guide: Guide, screen_id: str, overflow: Overflow, translator: Translator, entries: _Entries
) -> GuideError:
    where = f"{overflow.element!r} on screen {screen_id!r} ({overflow.problem})"
    if overflow.msgid is None:  # an address, a name or a product: not a catalog's text, but the guide's
        loc = text_location(guide, screen_id, overflow.element, None, overflow.text)
        return GuideError(loc, f"{translator.locale}: {_short(overflow.text)} does not fit {where}")
    location = entries.location(translator, ui_context(guide.product), overflow.msgid)
    return GuideError(location, f"UI label does not fit {where}: {_short(overflow.text)}")


UPDATE = f"{EXTRACT_COMMAND} && {UPDATE_COMMAND}"


def _quotes_problem(project: Project) -> GuideError | None:
    """What is wrong with `locales/ui-quotes.yaml` (`l10n/products.py`), its products checked against the guides'."""
    products = set()
    for path in project.guides():
        try:
            products.add(str(load_guide(path, project.assets_dir).product))
        except (GuideError, GuideErrors):
            continue  # the build reports the guide's own errors
    try:
        load_quotes(project.locales_dir, available_locales(project.locales_dir), products)
    except GuideError as exc:
        return exc
    return None


def _short(text: str) -> str:
    return '"' + clip(text) + '"'


def check_strict(
    project: Project,
    locales: Iterable[str] = (),
    guide_paths: Iterable[Path] = (),
    values: Mapping[str, str] | None = None,
    packs: Iterable[str] | None = None,
) -> StrictReport:
    """The translation problems of what the same build would make: the given locales (default: every
    catalog), guides (default: all) and packs (default: all, or none when guides are named, as a build
    chooses them), with each pack's guides. Only the catalog entries of those guides and packs (and the
    handout words) are checked; each catalog involved, the fallbacks' too, must still read whole."""
    locales = list(locales) or available_locales(project.locales_dir)
    guide_paths = list(guide_paths)
    problems: dict[str, list[GuideError]] = {locale: [] for locale in locales}
    try:
        template = read_template(project.locales_dir)
        words = read_words_template()
    except GuideError as exc:
        return StrictReport({locale: [exc] for locale in locales})
    try:
        glossary = load_glossary(project.locales_dir / GLOSSARY_FILE)
    except GuideError as exc:
        return StrictReport({locale: [exc] for locale in locales})
    if packs is None:
        pack_paths = [] if guide_paths else project.packs()
    else:
        pack_paths = [path for path in project.packs() if path.stem in set(packs)]
    loaded_packs = []
    for path in pack_paths:
        try:
            loaded_packs.append(load_pack(path))
        except (GuideError, GuideErrors):
            continue  # the build reports the pack's own errors
    handouts = list(guide_paths) or project.guides()
    # a pack's guides are built into it (and are checked) even when no guide file names them
    bound = [project.guide_dir / f"{guide_id}.yaml" for pack in loaded_packs for guide_id in pack.guides]
    shown = {path.resolve() for path in handouts}
    handouts += [path for path in dict.fromkeys(bound) if path.is_file() and path.resolve() not in shown]
    # a build of everything uses every entry of a catalog; a narrowed one only its guides' and packs'
    groups = (
        None
        if not guide_paths and packs is None
        else {path.stem for path in handouts} | {f"pack {path.stem}" for path in pack_paths}
    )
    for locale in locales:
        if locale == PSEUDO_LOCALE:
            continue
        try:
            status = locale_status(project.locales_dir, locale, template, words)
            problems[locale] += locale_problems(status, groups)
            if glossary is not None:
                problems[locale] += glossary_entry_problems(status.project, glossary, groups)
        except GuideError as exc:
            problems[locale].append(exc)
    quotes_problem = _quotes_problem(project)
    if quotes_problem is not None:  # every locale's handouts read the file
        for locale in locales:
            problems[locale].append(quotes_problem)
    catalog_failed = {locale for locale in locales if problems[locale]}
    entries = _Entries(project, template)
    for path in handouts:
        try:
            guide = load_guide(path, project.assets_dir)
        except GuideError:
            continue  # the build reports the guide's own errors
        for locale in locales:
            try:
                translator = translator_for(project.locales_dir, locale)
                found = handout_problems(guide, translator, values or {}, entries)
                if problems[locale]:  # the catalog's own lines already say what is untranslated
                    found = [
                        problem
                        for problem in found
                        if ", the handout shows " not in problem.message or " of " not in problem.message
                    ]
                problems[locale] += found
            except GuideErrors as exc:
                problems[locale] += exc.errors
            except GuideError as exc:
                problems[locale].append(exc)
    for pack in loaded_packs:
        for locale in locales:
            try:
                coverage = pack_text_coverage(pack, translator_for(project.locales_dir, locale))
            except GuideError as exc:
                problems[locale].append(exc)
                continue
            if coverage.untranslated and locale not in catalog_failed:  # else the catalog's own lines say it
                problem = f"{coverage.sentence()} (is the template up to date? run: {UPDATE})"
                problems[locale].append(GuideError(pack.loc, problem))
    return StrictReport(problems)

"""The problems of a locale's catalogs for `--strict`, and a build's verdict on one translation.

`entry_problems` says what is wrong with one template message in one catalog (missing,
fuzzy, untranslated, or what a checker of `checkers.py` rejects); `locale_problems`
gathers every problem of a locale's catalogs, each at its file and line. `unusable` is the
same judgement for a build: whether a compiled catalog's translation of one message may be
shown (the build falls back along the chain when it may not).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from babel.messages.catalog import Message

from ..errors import GuideError, Location
from .catalogs import LoadedCatalog
from .checkers import REASONS, Plurals, translation_problems
from .glossary import Glossary, glossary_problems
from .status import CatalogStatus, EntryStatus, LocaleStatus, group_of, message_key, short, strings
from .words import PROJECT_WORDS_TEMPLATE, WORDS_DOMAIN, WORDS_TEMPLATE_COMMAND


def entry_problems(entry: EntryStatus, plurals: Plurals) -> Iterator[str]:
    """Everything wrong with one template message in one catalog, one sentence each."""
    label = short(entry.template)
    shows = f"the handout shows {entry.shown_from}" if entry.shown_from else "the handout shows the source text"
    message = entry.message
    if entry.quoted:
        return  # the project says the locale shows another's wording of these labels (`products.py`)
    if message is None and entry.state == "translated":
        return  # a project's handout words catalog leaves it to guidepress's own wording in the language
    if message is None:
        yield f"not in the catalog (run pybabel update): {label} ({shows})"
        return
    if message.fuzzy:
        yield f"fuzzy: {label} (fuzzy translations are not used; {shows})"
        return
    forms = strings(message)
    if not any(forms):
        yield f"untranslated: {label} ({shows})"
        return
    for _checker, problem in translation_problems(entry.template, message, plurals):
        yield f"{problem}: {label}"


def catalog_problems(status: CatalogStatus, groups: Collection[str] | None = None) -> list[GuideError]:
    """Every problem of one catalog, in file order; with `groups`, only those of the messages of these
    guides (`bankid-visma-connect`), packs (`pack onboarding`) or the handout words (what a build of
    them uses), and of the entries the template no longer has whose references name them."""
    shown = status.shown_path
    plurals = Plurals.of_catalog(status.catalog)
    wanted = None if groups is None else set(groups)
    problems = []
    for entry in status.entries:
        if wanted is not None and not _named(wanted, entry.group, entry.template.locations):
            continue
        for problem in entry_problems(entry, plurals):
            problems.append(GuideError(Location(shown, entry.line), problem))
    for message in status.stale:
        if wanted is not None and not _named(wanted, None, message.locations):
            continue
        problems.append(
            GuideError(
                Location(shown, message.lineno or 0),
                f"not in the template (run pybabel update): {message_key(message)[1]!r}",
            )
        )
    return sorted(problems, key=lambda p: p.location.line)


def glossary_entry_problems(
    status: CatalogStatus, glossary: Glossary, groups: Collection[str] | None = None
) -> list[GuideError]:
    """Each prose translation of the catalog that leaves out the glossary's word for a term its source holds."""
    wanted = None if groups is None else set(groups)
    pairs = [
        (entry.template, entry.message)
        for entry in status.entries
        if entry.message is not None
        and entry.state == "translated"
        and (wanted is None or _named(wanted, entry.group, entry.template.locations))
    ]
    return [
        GuideError(Location(status.shown_path, message.lineno or 0), f"{problem}: {short(message)}")
        for message, problem in glossary_problems(glossary, status.locale, pairs)
    ]


def _named(wanted: set[str], group: str | None, locations: Iterable[tuple[str, int | None]]) -> bool:
    """Whether a message belongs to what a narrowed build makes, by the template's references (the
    build's own view, not a catalog's older ones); one without references (extracted with
    `--no-location`) might belong to anything, so it is checked."""
    groups = {group} if group else {group_of(path) for path, _line in locations}
    return not groups or bool(wanted & groups)


def locale_problems(status: LocaleStatus, groups: Collection[str] | None = None) -> list[GuideError]:
    """Every problem of a locale's catalogs: the project's, and guidepress's handout words (which
    every handout uses); with `groups`, only those of the messages of these guides and packs."""
    problems = catalog_problems(status.project, groups)
    words = status.words
    if words.exists:
        return problems + catalog_problems(words)
    shown = next((e.shown_from for e in words.entries if e.shown_from), None) or "the English source"
    problems.append(
        GuideError(
            Location(status.project.shown_path),
            f"guidepress has no {status.locale} translation of its {len(words.entries)} handout words "
            f"(headings, 'Page X of Y'); the handout shows {shown}; translate them in the project: "
            f"{WORDS_TEMPLATE_COMMAND} && pybabel init -D {WORDS_DOMAIN} -i {PROJECT_WORDS_TEMPLATE} -d locales "
            f"-l {status.locale}",
        )
    )
    return problems


# --- a build: may a compiled catalog's translation be shown? ------------------------------------------


def unusable(catalog: LoadedCatalog, context: str | None, msgid: str, plural: str | None = None) -> str | None:
    """Why the catalog's translation of a message cannot be shown (`has placeholders that do not match`),
    or None when it can; the same checks as `--strict`, each message judged once per catalog."""
    key = (context, msgid, plural)
    if key not in catalog.verdicts:
        catalog.verdicts[key] = _verdict(catalog, context, msgid, plural)
    return catalog.verdicts[key]


def _verdict(catalog: LoadedCatalog, context: str | None, msgid: str, plural: str | None) -> str | None:
    # gettext's own table of the .mo (msgid, or (msgid, n) for a plural's forms), not in its stubs
    compiled: dict[str | tuple[str, int], str] = vars(catalog.translations)["_catalog"]
    key = f"{context}\x04{msgid}" if context is not None else msgid
    plurals = Plurals.of_header(catalog.translations.info().get("plural-forms"))
    if key in compiled:
        ids: str | tuple[str, str] = msgid
        string: str | tuple[str, ...] = compiled[key]
    else:
        forms: list[str] = []
        while (key, len(forms)) in compiled:
            forms.append(compiled[(key, len(forms))])
        ids, string = (msgid, msgid), tuple(forms)
    template = Message((msgid, plural) if plural is not None else msgid, context=context)
    message = Message(ids, string, context=context)
    for checker, problem in translation_problems(template, message, plurals):
        return REASONS[checker](problem)
    return None

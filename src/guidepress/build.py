"""build: the whole pipeline, readable top to bottom.

load_guide (source/: YAML → Guide) → translate (l10n/: Guide + catalogs → Document) →
layout_screen (mockup/: once per screen) and annotate (once per block of steps sharing a
screen) → render_pdf (pdf/), render_png (mockup/png.py) and, when asked, render_html (html/,
painted by mockup/svg.py) → write_atomic. A pack binds several guides' stories into one PDF
(`pdf/pack.py`). Which outputs to make, for whom (tenants, people) and which are already up
to date is the job list of `batch/`; a guide or tenant with an input error is reported and
skipped, and the others still build.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import document as doc
from .batch.execute import run_plan
from .batch.jobs import Job, Outcome, png_name
from .batch.plan import plan_build
from .common.write import write_atomic
from .errors import BuildWarning, CannotWrite, GuideError, GuideErrors, Location, display_path, quoted
from .kinds import kind
from .l10n.products import ui_context
from .l10n.pseudo import PSEUDO_LOCALE
from .l10n.screens import text_location
from .l10n.translate import look_up, translate
from .l10n.translator import Translator, translator_for
from .mockup.callouts import annotate
from .mockup.fonts import register_fonts
from .mockup.layout import AnnotatedView, Overflow, ScreenLayout, layout_screen
from .mockup.qr import QrTooLong
from .options import BuildOptions
from .pdf.hyphenation import remember_words
from .pdf.paper import booklet_sheet, page_setup
from .pdf.render import render_pdf
from .pdf.too_large import TooLarge
from .project import Project
from .source.messages import placeholders
from .source.model import Guide
from .workspace import Workspace

if TYPE_CHECKING:
    from .pdf.images import Picture

__all__ = ["BuildOptions", "BuildReport", "build", "make_handout", "png_name"]


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    errors: list[GuideError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)  # bugs met, one report each
    cannot_write: list[CannotWrite] = field(default_factory=list)  # outputs the environment refused
    built: int = 0  # PDFs made: handouts and packs
    up_to_date: int = 0  # outputs skipped: their inputs are unchanged (see batch/manifest.py)
    failed: int = 0
    batch: bool = False  # tenants or people: report a summary, not each file
    audiences: int = 0
    failed_tenants: int = 0
    failed_people: int = 0


@dataclass(frozen=True)
class Handout:
    """One guide in one locale: the document and its annotated mockups, one per block of steps
    that share a screen, by the block's first step number (`last_steps` gives its last)."""

    document: doc.Document
    views: dict[int, AnnotatedView]
    warnings: tuple[BuildWarning, ...]
    last_steps: dict[int, int] = field(default_factory=dict)
    introduction: AnnotatedView | None = None  # the picture under the introduction, without callouts

    def layouts(self) -> list[ScreenLayout]:
        """Every screen laid out for this handout, once each."""
        views = [*self.views.values(), *([self.introduction] if self.introduction else [])]
        return list({id(v.layout): v.layout for v in views}.values())

    def view_for(self, step: doc.Step) -> AnnotatedView | None:
        """The picture a step shows: for the first step of a block sharing a screen, the block's."""
        return self.views.get(step.number)


def document_date(guide: Guide) -> tuple[dt.date, dt.datetime]:
    """The date printed on the handout and the PDF's creation time: SOURCE_DATE_EPOCH, else the guide's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        created = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        return created.date(), created
    created = dt.datetime.combine(guide.updated, dt.time(12, 0), dt.UTC)
    return guide.updated, created


def pack_date(guides: Sequence[Guide]) -> tuple[dt.date, dt.datetime]:
    """A pack's date and the PDF's creation time: the newest of its guides' (SOURCE_DATE_EPOCH wins, as for a guide)."""
    return max(document_date(guide) for guide in guides)


Layout = Callable[[doc.ScreenSpec, str], ScreenLayout]


def make_handout(
    guide: Guide, translator: Translator, values: Mapping[str, str], when: dt.date, layout: Layout = layout_screen
) -> Handout:
    """Translate the guide and lay out every mockup it shows (each screen laid out once; `layout`:
    a `Workspace`'s keeps the layouts of the same texts, which tenants whose values do not show on
    a screen share); the steps of a block that shares a screen get one picture with all their callouts."""
    document = translate(guide, translator, values, when)
    layouts: dict[str, ScreenLayout] = {}
    warnings = list(document.warnings)

    def layout_of(spec: doc.ScreenSpec) -> ScreenLayout:
        if spec.id not in layouts:
            layouts[spec.id] = layout(spec, translator.locale)
            # a screen behind a dialog warns in its own name, once however many dialogs it stands behind
            for overflow in layouts[spec.id].overflows:
                warning = overflow_warning(guide, translator, spec.id, overflow)
                if warning not in warnings:
                    warnings.append(warning)
        return layouts[spec.id]

    views: dict[int, AnnotatedView] = {}
    last_steps: dict[int, int] = {}
    for section in document.sections:
        for block in doc.step_blocks(section.steps):
            first = block[0]
            if first.view is None:
                continue
            callouts = tuple(c for step in block if step.view for c in step.view.callouts)
            views[first.number] = annotate(layout_of(first.view.screen), callouts)
            last_steps[first.number] = block[-1].number
    introduction = None
    if document.introduction_view is not None:
        introduction = annotate(layout_of(document.introduction_view.screen), ())
    return Handout(document, views, tuple(warnings), last_steps, introduction)


def overflow_warning(guide: Guide, translator: Translator, screen_id: str, overflow: Overflow) -> BuildWarning:
    """A text that does not fit its element, at its place in the guide; a UI label names its message
    and the catalog entry whose text it is (what `--strict` reports, at that entry)."""
    screen = overflow.screen or screen_id
    where = text_location(guide, screen, overflow.element, overflow.msgid, overflow.text)
    message = f"{translator.locale}: {overflow.element!r} on screen {screen!r} does not fit: {overflow.problem}"
    if overflow.msgid is not None:
        context = ui_context(guide.product)
        shown = look_up(translator, overflow.msgid, context).catalog
        if shown is None:
            message += f" (message {quoted(overflow.msgid)}, untranslated)"
        else:
            entry = shown.entry(context, overflow.msgid)
            message += f" (the translation of {quoted(overflow.msgid)} at {entry.path}:{entry.line})"
    return BuildWarning(where, message)


def handout_for(guide: Guide, locale: str, project: Project, values: Mapping[str, str]) -> Handout:
    """One guide's handout in one locale, made afresh (for tests and tools; a build keeps its own)."""
    translator = translator_for(project.locales_dir, locale)
    return make_handout(guide, translator, values, document_date(guide)[0])


def _written(path: Path, data: bytes) -> tuple[Path, tuple[str, int]]:
    write_atomic(path, data)
    return path, (hashlib.sha256(data).hexdigest(), len(data))


Rendered = tuple[dict[Path, bytes], list[BuildWarning]]  # each file's bytes, and the warnings met


def logo_for(job: Job, workspace: Workspace) -> Picture | None:
    """The audience's logo, decoded once while the file is unchanged; a bad file is the tenant's located error."""
    audience = job.audience
    if audience.logo is None or job.project is None:
        return None
    from .pdf.images import PictureError  # only a build with logos needs Pillow's and svglib's parts

    try:
        return workspace.picture(audience.logo, job.project.assets_dir)
    except PictureError as exc:
        raise GuideError(audience.logo_loc or Location(display_path(audience.logo)), f"logo: {exc}") from None


def build_pdf(guide: Guide, locale: str, job: Job, handout: Handout, logo: Picture | None = None) -> Rendered:
    """One guide's handout in one locale: the PDF's bytes and the warnings."""
    output = job.output
    try:
        pdf = render_pdf(
            handout.document,
            handout.view_for,
            document_date(guide)[1],
            page_setup(output),
            fillable=output.fillable,
            logo=logo,
            values=job.values.values(),
            introduction=handout.introduction,
        )
    except TooLarge as exc:  # something taller than a page: the guide's text, not our crash
        raise GuideError(guide.loc, f"{locale}{_for_whom(job)}: the handout cannot be laid out: {exc}") from None
    if output.booklet:
        from .pdf.impose import impose_booklet  # pypdf is imported only for a booklet

        pdf = impose_booklet(pdf, booklet_sheet(output))
    return {job.files[0]: pdf}, list(handout.warnings)


def _for_whom(job: Job) -> str:
    """` (tenant acme, person E1042)`: whose values the handout was laid out with, by id."""
    who = [f"tenant {job.audience.tenant_id}"] if job.audience.tenant_id else []
    who += [f"person {job.person.id}"] if job.person is not None else []
    return f" ({', '.join(who)})" if who else ""


def build_html(guide: Guide, locale: str, job: Job, handout: Handout) -> Rendered:
    """The guide's HTML edition in one locale, linked to its editions in the audience's other locales."""
    from .html.page import Edition, render_html  # the HTML writer is imported only when asked for

    page_name = job.output.page_name(guide.id)
    editions = [Edition(tag, name, f"../{other}/{page_name}") for other, tag, name in other_languages(job)]
    page = render_html(
        handout.document,
        handout.view_for,
        editions,
        pdf_name=job.output.file_name(guide.id),
        introduction=handout.introduction,
    )
    return {job.files[0]: page}, []


def other_languages(job: Job) -> list[tuple[str, str, str]]:
    """(locale, BCP 47 tag, name) of each other locale the audience's pages are built in, for links
    between them. The pseudo-locale is no language a reader chooses: it links to none and none to
    it; nor is a folder Babel does not know (its own build fails, with a line that says so)."""
    from babel import UnknownLocaleError

    from .l10n.translate import language_tag_and_name

    found = []
    if job.locale != PSEUDO_LOCALE:
        for other in [o for o in job.audience.locales if o not in (job.locale, PSEUDO_LOCALE)]:
            try:
                found.append((other, *language_tag_and_name(other)))
            except (ValueError, UnknownLocaleError):
                continue
    return found


def build_pngs(guide: Guide, locale: str, job: Job, handout: Handout, only: Path | None = None) -> Rendered:
    """One PNG per annotated screen of one guide in one locale: a picture that consecutive steps
    share is one file named by their range (the files the job planned, see batch/outputs.py);
    `only`: that one file."""
    from .mockup.png import render_png  # Pillow is imported only for PNG screens

    folder = job.files[0].parent
    names = {
        folder / png_name(number, view.layout.screen_id, handout.last_steps.get(number, 0)): view
        for number, view in handout.views.items()
    }
    if set(names) != set(job.files):  # the manifest would not list what is written: a bug
        raise RuntimeError(f"PNG screens planned {sorted(map(str, job.files))} but made {sorted(map(str, names))}")
    return {path: render_png(view) for path, view in names.items() if only is None or path == only}, []


def pack_cover(job: Job, handouts: list[Handout]) -> tuple[doc.PackCover, list[BuildWarning]]:
    """The pack's own texts, translated for the job's audience (and person), and their warnings;
    its dates written as the language its first guide is shown in (as a guide's own are)."""
    from .l10n.pack import translate_pack

    assert job.pack is not None and job.project is not None
    translator = translator_for(job.project.locales_dir, job.locale)
    if handouts:
        translator = translator.formatting_as(handouts[0].document.text_locale)
    kinds = {name: var.kind for guide in job.guides for name, var in guide.variables.items()}
    defaults: dict[str, str] = {}
    for guide in job.guides:  # the first guide that defines a variable gives its default, as in pack_values
        for name, var in guide.variables.items():
            defaults.setdefault(name, var.default)
    values = defaults | dict(job.values) | dict(job.person_values or {})  # a person's columns are placeholders too
    return translate_pack(job.pack, translator, values, kinds, job.person_values, pack_date(job.guides)[0])


def pack_values(job: Job) -> dict[str, str]:
    """One organisation speaks through a pack: a variable the pack's own texts name
    ({organisation}, {support_contact}) has one value in all its guides: the audience's (or the
    person's), else the default of the first guide that defines it. The guides' other variables
    (each one's online article) keep their own defaults."""
    assert job.pack is not None
    named: set[str] = set()
    for text in (job.pack.title, *job.pack.welcome):
        try:
            named |= set(placeholders(text))
        except ValueError:  # reported when the pack was checked
            continue
    defaults: dict[str, str] = {}
    for guide in job.guides:
        for name, var in guide.variables.items():
            if name in named:
                defaults.setdefault(name, var.default)
    return defaults | dict(job.values)


def build_pack(job: Job, handouts: list[Handout], logo: Picture | None = None) -> Rendered:
    """Bind the pack's guides, translated for the job's audience (and person), into one PDF."""
    from .pdf.pack import render_pack

    assert job.pack is not None
    created = pack_date(job.guides)[1]
    cover, cover_warnings = pack_cover(job, handouts)
    guides = [(h.document, h.view_for, h.introduction) for h in handouts]
    output = job.output
    try:
        personal = [*job.values.values(), *(job.person_values or {}).values()]
        pdf = render_pack(cover, guides, created, page_setup(output), output.fillable, logo, personal)
    except TooLarge as exc:
        raise GuideError(job.pack.loc, f"{job.locale}{_for_whom(job)}: the pack cannot be laid out: {exc}") from None
    if output.booklet:
        from .pdf.impose import impose_booklet

        pdf = impose_booklet(pdf, booklet_sheet(output))
    return {job.files[0]: pdf}, cover_warnings + pack_warnings(handouts, cover.coverage)


def pack_warnings(handouts: list[Handout], cover: doc.Coverage | None = None) -> list[BuildWarning]:
    """The guides' warnings, each once, with one line for what the whole pack (the guides and its own
    texts) leaves untranslated (`se: 180 of 180 messages untranslated, the handout shows nb`) instead
    of one per guide."""
    guides = [h.document.coverage for h in handouts if h.document.coverage is not None]
    sentences = {BuildWarning(None, c.sentence()) for c in guides}
    coverages = guides + ([cover] if cover is not None else [])
    warnings = [w for h in handouts for w in h.warnings if w not in sentences]
    combined = doc.Coverage.combined(coverages) if coverages else None
    if combined is not None and combined.untranslated:
        warnings.insert(0, BuildWarning(None, combined.sentence()))
    return list(dict.fromkeys(warnings))


def build_pack_html(job: Job, handouts: list[Handout]) -> Rendered:
    """The pack's guides on one accessible page, linked to the pack's page in the audience's other locales."""
    from .html.pack import render_pack_html
    from .html.page import Edition

    assert job.pack is not None
    page = job.files[0]
    up = "../../" if job.person is not None else "../"  # a person's page is one folder deeper
    tail = f"{job.pack.id}/{page.name}" if job.person is not None else page.name
    editions = [Edition(tag, name, f"{up}{other}/{tail}") for other, tag, name in other_languages(job)]
    pdf_name = page.name.removesuffix(".html") + ".pdf"  # named alike (Output.page_name)
    guides = [(h.document, h.view_for, h.introduction) for h in handouts]
    html = render_pack_html(pack_cover(job, handouts)[0], guides, editions, pdf_name)  # the PDF's job says the warnings
    return {page: html}, []


def guide_handout(job: Job, guide: Guide, workspace: Workspace, values: Mapping[str, str] | None = None) -> Handout:
    """The guide translated for the job's locale and values: a group's jobs (a guide's PDF, PNGs and
    page for one audience and locale) share one, and so do a pack and its guides' own jobs, where
    their values agree; kept by what it was made from (see `Workspace.handout`)."""
    assert job.project is not None
    values = job.values if values is None else values
    used = tuple((name, values.get(name, var.default)) for name, var in guide.variables.items())
    translator = translator_for(job.project.locales_dir, job.locale)

    def make() -> Handout:
        return make_handout(guide, translator, values, document_date(guide)[0], workspace.layout)

    return workspace.handout(guide, translator, used, make)


def pack_handouts(job: Job, workspace: Workspace) -> list[Handout]:
    """A pack's guides, each translated with the values the pack gives them (`pack_values`)."""
    values = pack_values(job)
    return [guide_handout(job, guide, workspace, values) for guide in job.guides]


def render_job(job: Job, workspace: Workspace, only: Path | None = None) -> Rendered:
    """The bytes of the files a job makes (`only`: of that one of them), and its warnings, as its
    kind renders them (`kinds/`): what the batch writes and what `guidepress.open_project(…).render(path)`
    returns."""
    return kind(job.kind).render(job, workspace, only)


def run_job(job: Job, workspace: Workspace) -> Outcome:
    """Make a job's files and write them; its problems and a bug are told in the outcome."""
    try:
        files, warnings = render_job(job, workspace)
        written = dict(_written(path, data) for path, data in files.items())
    except GuideError as exc:
        return Outcome({}, [], exc.errors if isinstance(exc, GuideErrors) else [exc])
    except QrTooLong as exc:  # a value too long for its QR code (one no check of its kind bounds)
        where = job.pack.loc if job.pack is not None else job.guide.loc if job.guide is not None else None
        where = where or Location(display_path(job.source), 1, 1)
        return Outcome({}, [], [GuideError(where, f"{job.locale}{_for_whom(job)}: {exc}")])
    except CannotWrite as exc:  # the user's disk or folders, not their input and not a bug
        return Outcome({}, [], [], cannot_write=exc)
    except Exception:  # a bug: the other handouts still build, and this one leaves no file
        return Outcome({}, [], [], f"{job.describe()}:\n{traceback.format_exc().rstrip()}")
    return Outcome(written, [w.line(display_path(job.source)) for w in warnings], [])


def _lost(job: Job) -> Outcome:
    return Outcome({}, [], [], f"{job.describe()}: its worker process died (killed, or out of memory)")


def build(
    project: Project,
    options: BuildOptions,
    guide_paths: Iterable[Path] = (),
    before_jobs: Callable[[], None] | None = None,
) -> BuildReport:
    """Build every guide and pack (or the given guides) in every locale (or the given ones),
    for the default organisation, or for each tenant and person a batch names.

    The inputs are loaded and checked first (`plan_build`); then every output whose inputs
    changed is a job, run side by side on `options.jobs` processes (`run_plan`). The report
    lists the outcomes in order; an output with an error leaves no file behind. `before_jobs` is
    called when everything is loaded, before the workers start (the command freezes the collector
    there, see `command.py`; the library changes no process-wide setting).
    """
    refused = options.problems(project.known_locales())
    if refused:  # as the command line refuses them: nothing is built, nothing removed
        return BuildReport(errors=refused)
    workspace = Workspace(project)  # what this build loads and makes, kept while it runs
    plan = plan_build(project, options, guide_paths, workspace.load_guide)
    if plan.jobs:
        register_fonts()  # once, before the workers fork
        if before_jobs is not None:
            before_jobs()
        if any(job.kind == "png" for job in plan.jobs):
            from .mockup import png  # noqa: F401 (Pillow too, once: a build without PNGs never imports it)
    tally = run_plan(plan, options, functools.partial(run_job, workspace=workspace), _lost, remember_words)
    return BuildReport(
        tally.written,
        tally.errors,
        tally.warnings,
        tally.crashes,
        tally.cannot_write,
        tally.built,
        tally.up_to_date,
        tally.failed,
        plan.batch,
        plan.audiences,
        plan.failed_tenants,
        len(plan.failed_people),
    )

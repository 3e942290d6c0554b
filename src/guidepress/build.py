"""build: the whole pipeline, readable top to bottom.

load_guide (source/: YAML → Guide) → translate (l10n/: Guide + catalogs → Document) →
layout_screen (mockup/: once per screen) and annotate (once per block of steps sharing a
screen) → render_pdf (pdf/) and render_png
(mockup/png.py) → write_atomic. A guide with an input error is reported and skipped; the
others still build.
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reportlab.platypus.doctemplate import LayoutError

from . import document as doc
from .errors import GuideError, GuideErrors, display_path
from .fonts import register_fonts
from .l10n.translate import translate
from .l10n.translator import Translator, translator_for
from .mockup.callouts import annotate
from .mockup.layout import AnnotatedView, ScreenLayout, layout_screen
from .output import Output, Paper, Profile
from .parallel import run_jobs
from .pdf.hyphenation import remember_words
from .pdf.paper import booklet_sheet, page_setup
from .pdf.render import render_pdf
from .project import Project
from .source.loader import load_guide
from .source.model import Guide
from .write import write_atomic


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path
    locales: tuple[str, ...] = ()
    variables: Mapping[str, str] = field(default_factory=dict)
    png: bool = True
    jobs: int = 1  # processes building side by side (the command line offers the CPUs available)
    # The command line's output choices; None leaves the guide's own (or the default).
    profile: Profile | None = None
    paper: Paper | None = None
    booklet: bool | None = None
    bleed: bool | None = None

    def output_for(self, guide: Guide) -> Output:
        """The guide's output with this build's choices applied; a bad combination is the guide's error."""
        chosen = guide.output
        base = Output(chosen.profile, chosen.paper, chosen.booklet, chosen.bleed) if chosen else Output()
        output = base.overridden(self.profile, self.paper, self.booklet, self.bleed)
        problem = output.problem()
        if problem:
            raise GuideError(chosen.loc if chosen else guide.loc, f"output: {problem}")
        return output


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    errors: list[GuideError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)  # bugs met, one report each


@dataclass(frozen=True)
class Handout:
    """One guide in one locale: the document and its annotated mockups, one per block of steps
    that share a screen, by the block's first step number (`last_steps` gives its last)."""

    document: doc.Document
    views: dict[int, AnnotatedView]
    warnings: tuple[str, ...]
    last_steps: dict[int, int] = field(default_factory=dict)
    introduction: AnnotatedView | None = None  # the picture under the introduction, without callouts

    def layouts(self) -> list[ScreenLayout]:
        """Every screen laid out for this handout, once each."""
        views = [*self.views.values(), *([self.introduction] if self.introduction else [])]
        return list({id(v.layout): v.layout for v in views}.values())


def document_date(guide: Guide) -> tuple[dt.date, dt.datetime]:
    """The date printed on the handout and the PDF's creation time: SOURCE_DATE_EPOCH, else the guide's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        created = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        return created.date(), created
    created = dt.datetime.combine(guide.updated, dt.time(12, 0), dt.UTC)
    return guide.updated, created


def make_handout(guide: Guide, translator: Translator, values: Mapping[str, str], when: dt.date) -> Handout:
    """Translate the guide and lay out every mockup it shows (each screen laid out once); the
    steps of a block that shares a screen get one picture with all their callouts."""
    document = translate(guide, translator, values, when)
    layouts: dict[str, ScreenLayout] = {}
    warnings = list(document.warnings)

    def layout_of(spec: doc.ScreenSpec) -> ScreenLayout:
        if spec.id not in layouts:
            layouts[spec.id] = layout_screen(spec, translator.locale)
            warnings.extend(layouts[spec.id].warnings)
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


def handout_paths(out_dir: Path, locale: str, guide_id: str, output: Output = Output()) -> tuple[Path, Path]:
    """The PDF, and the folder for its PNG screens."""
    return out_dir / locale / output.file_name(guide_id), out_dir / locale / guide_id


def png_name(step_number: int, screen_id: str, last_step: int = 0) -> str:
    """`06-reset-request.png`; a picture several steps share names them all: `12-13-phone-app.png`."""
    steps = f"{step_number:02d}" + (f"-{last_step:02d}" if last_step > step_number else "")
    return f"{steps}-{screen_id.replace('_', '-')}.png"


def handout_for(guide: Guide, locale: str, project: Project, options: BuildOptions) -> Handout:
    translator = translator_for(project.locales_dir, locale)
    return make_handout(guide, translator, options.variables, document_date(guide)[0])


def build_pdf(
    guide: Guide, locale: str, project: Project, options: BuildOptions, handout: Handout | None = None
) -> tuple[list[Path], list[str]]:
    """Build one guide's handout in one locale; returns the file written and the warnings."""
    output = options.output_for(guide)
    handout = handout or handout_for(guide, locale, project, options)
    try:
        pdf = render_pdf(
            handout.document,
            lambda step: handout.views.get(step.number),
            document_date(guide)[1],
            page_setup(output),
            fillable=output.fillable,
            introduction=handout.introduction,
        )
    except LayoutError as exc:  # something taller than a page: the guide's text, not our crash
        raise GuideError(guide.loc, f"{locale}: the handout cannot be laid out: {str(exc).splitlines()[0]}") from None
    if output.booklet:
        from .pdf.impose import impose_booklet  # pypdf is imported only for a booklet

        pdf = impose_booklet(pdf, booklet_sheet(output))
    remember_words()
    pdf_path, _ = handout_paths(options.out_dir, locale, guide.id, output)
    write_atomic(pdf_path, pdf)
    return [pdf_path], list(handout.warnings)


def build_pngs(
    guide: Guide, locale: str, project: Project, options: BuildOptions, handout: Handout | None = None
) -> list[Path]:
    """Write one PNG per annotated screen of one guide in one locale."""
    from .mockup.png import render_png  # Pillow is imported only for PNG screens

    handout = handout or handout_for(guide, locale, project, options)
    _, png_dir = handout_paths(options.out_dir, locale, guide.id)
    files = {
        png_dir / png_name(number, view.layout.screen_id, handout.last_steps.get(number, 0)): render_png(view)
        for number, view in handout.views.items()
    }
    for path, data in files.items():
        write_atomic(path, data)
    return list(files)


def remove_outputs(out_dir: Path, locales: Iterable[str], guide_id: str) -> None:
    """Remove what earlier builds of the guide left (every output), so no stale handout stands beside a failed build."""
    for locale in locales:
        pdf_path, png_dir = handout_paths(out_dir, locale, guide_id)
        for stale in pdf_path.parent.glob(f"{guide_id}.*pdf"):
            stale.unlink()
        if png_dir.is_dir():
            for png in png_dir.glob("*.png"):
                png.unlink()
            if not any(png_dir.iterdir()):
                png_dir.rmdir()


def build(project: Project, options: BuildOptions, guide_paths: Iterable[Path] = ()) -> BuildReport:
    """Build every guide (or the given ones) in every locale (or the given ones).

    The guides are loaded and checked here. Then each guide's PDF and its PNG screens in each
    locale are separate jobs, run side by side on `options.jobs` processes. The report lists
    the outcomes in order; a guide-locale with an error leaves no file behind.
    """
    report = BuildReport()
    locales = list(options.locales) or project.locales()
    jobs: list[Job] = []
    made: dict[tuple[Path, str], Handout] = {}  # per process: a locale's PDF and PNG jobs share one handout
    loaded: list[tuple[Path, Guide | GuideError]] = []
    for path in list(guide_paths) or project.guides():
        try:
            loaded.append((path, load_guide(path, project.assets_dir)))
        except GuideError as exc:
            loaded.append((path, exc))
    # A tenant's value may be meant for some of the guides only; one no guide defines is a typo.
    defined = {name for _, guide in loaded if isinstance(guide, Guide) for name in guide.variables}
    for path, guide in loaded:
        try:
            if isinstance(guide, GuideError):
                raise guide
            unknown = sorted(set(options.variables) - defined)
            if unknown:
                raise GuideError(guide.loc, f"--var {unknown[0]}: the guide defines no such variable")
            options.output_for(guide)
        except GuideError as exc:
            report.errors += exc.errors if isinstance(exc, GuideErrors) else [exc]
            remove_outputs(options.out_dir, locales, path.stem)
            continue
        for locale in locales:
            parts = ("pdf", "png")[: 1 + options.png]
            jobs += [Job(path, guide, locale, part, project, options, made) for part in parts]
    if jobs:
        register_fonts()  # once, before the workers fork
        if options.png:
            from .mockup import png  # noqa: F401 (Pillow too, once: a build without PNGs never imports it)
    # The longest jobs first (a locale's PNG screens take twice its PDF), so that no worker is
    # left alone with a long one at the end; the outcomes then go back into the jobs' order.
    order = sorted(range(len(jobs)), key=lambda i: jobs[i].part != "png")
    ran = run_jobs(run_job, [jobs[i] for i in order], options.jobs, lost=_lost)
    outcomes = dict(zip(order, ran, strict=True))
    parts: dict[tuple[str, str], list[Outcome]] = {}
    for i, job in enumerate(jobs):
        parts.setdefault((job.guide.id, job.locale), []).append(outcomes[i])
    for (guide_id, locale), done in parts.items():
        failed = next((outcome for outcome in done if outcome.errors or outcome.crash), None)
        if failed:  # the first part that failed speaks for the guide-locale; the other parts' files go too
            report.errors += failed.errors
            report.crashes += [failed.crash] if failed.crash else []
            remove_outputs(options.out_dir, [locale], guide_id)
            continue
        for outcome in done:
            report.written += outcome.written
            report.warnings += outcome.warnings
    return report


@dataclass(frozen=True)
class Job:
    """One guide in one locale: its PDF, or its PNG screens."""

    path: Path
    guide: Guide
    locale: str
    part: Literal["pdf", "png"]
    project: Project
    options: BuildOptions
    made: dict[tuple[Path, str], Handout] = field(default_factory=dict, compare=False, repr=False)

    def handout(self) -> Handout:
        """The guide translated and laid out for the locale, once per process and build."""
        key = (self.path, self.locale)
        if key not in self.made:
            self.made[key] = handout_for(self.guide, self.locale, self.project, self.options)
        return self.made[key]


@dataclass(frozen=True)
class Outcome:
    """What one job did: the files it wrote, or the input errors that stopped it, or the
    report of a bug that stopped it (`crash`: a traceback, for a bug report)."""

    written: list[Path]
    warnings: list[str]
    errors: list[GuideError]
    crash: str = ""


def run_job(job: Job) -> Outcome:
    try:
        if job.part == "png":
            return Outcome(build_pngs(job.guide, job.locale, job.project, job.options, job.handout()), [], [])
        written, warnings = build_pdf(job.guide, job.locale, job.project, job.options, job.handout())
    except GuideError as exc:
        return Outcome([], [], exc.errors if isinstance(exc, GuideErrors) else [exc])
    except Exception:  # a bug: the other handouts still build, and this one leaves no file
        return Outcome([], [], [], f"{_what(job)}:\n{traceback.format_exc().rstrip()}")
    return Outcome(written, [f"{display_path(job.path)}: warning: {w}" for w in warnings], [])


def _lost(job: Job) -> Outcome:
    return Outcome([], [], [], f"{_what(job)}: its worker process died (killed, or out of memory)")


def _what(job: Job) -> str:
    return f"{display_path(job.path)} ({job.locale}, {job.part.upper()})"

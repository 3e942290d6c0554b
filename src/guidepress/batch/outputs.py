"""What each guide and pack makes for an audience: its jobs, every file each will write, and
the hash of all the inputs of each (see manifest.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GuideError
from ..options import BuildOptions
from ..output import Output
from ..project import Project
from ..source.model import Guide
from ..source.packs import Pack
from .jobs import Audience, Job, png_name, screens_shown
from .manifest import catalogs_fingerprint, digest, file_digest, guidepress_fingerprint, source_date_epoch

if TYPE_CHECKING:
    from ..source.people import Person

Packs = list[tuple[Path, Pack, tuple[Guide, ...]]]  # each pack's file, the pack and its guides


def job_inputs(job: Job, project: Project, options: BuildOptions) -> str:
    sources = [job.source, *(project.guide_dir / f"{g.id}.yaml" for g in job.guides)]
    guides = [job.guide] if job.guide is not None else list(job.guides)
    person = sorted(job.person_values.items()) if job.person_values is not None else []
    return digest(
        guidepress_fingerprint(),
        source_date_epoch(),
        job.kind,
        job.locale,
        repr(job.audience.locales) if "html" in job.kind else "",  # a page links to the other locales
        repr(job.output) if job.kind != "png" else "",  # the PNG screens are the same for every paper and profile
        *(file_digest(p.resolve()) for p in sources),
        *(f"{name}={file_digest(Path(path))}" for guide in guides for name, path in asset_files(guide)),
        catalogs_fingerprint(project.locales_dir, job.locale),
        job.audience.fingerprint,
        *person,
        *sorted(job.values.items()),
    )


def asset_files(guide: Guide) -> list[tuple[str, str]]:
    """Every image file the guide may show, by the name it has in assets/ (a locale's variant
    under its locale): replacing a screenshot, or adding a locale's own, changes the outputs."""
    found = []
    for name, asset in sorted(guide.assets.items()):
        if asset.source is not None:
            found.append((name, asset.source.path))
        found += [(f"{locale}/{name}", variant.path) for locale, variant in sorted(asset.variants.items())]
    return found


def guide_jobs(
    project: Project, options: BuildOptions, path: Path, guide: Guide, audience: Audience, lenient: bool = False
) -> list[Job]:
    """The PDF job, and the PNG job unless --no-png, of a guide for an audience in each of its locales."""
    try:
        output = options.output_for(guide.output, guide.loc, audience.choices)  # type: ignore[arg-type]
    except GuideError:
        if not lenient:
            raise
        output = Output()
    jobs = []
    for locale in audience.locales:
        folder = options.out_dir / audience.folder / locale
        pdf = Job("pdf", locale, audience, output, path, (folder / output.file_name(guide.id),), guide=guide)
        jobs.append(pdf)
        if options.png:
            pngs = tuple(folder / guide.id / png_name(n, s, last) for n, last, s in screens_shown(guide, locale))
            if pngs:
                jobs.append(replace(pdf, kind="png", files=pngs))
        if options.html_for(guide):
            jobs.append(replace(pdf, kind="html", files=(folder / output.page_name(guide.id),)))
    return [
        replace(job, values=audience.values, inputs=job_inputs(job, project, options), project=project) for job in jobs
    ]


def pack_jobs(
    project: Project,
    options: BuildOptions,
    path: Path,
    pack: Pack,
    guides: tuple[Guide, ...],
    audience: Audience,
    person: tuple[Person, dict[str, str], dict[str, str]] | None,
) -> list[Job]:
    output = options.output_for(pack.output, pack.loc, audience.choices)  # type: ignore[arg-type]
    jobs = []
    for locale in audience.locales:
        folder = options.out_dir / audience.folder / locale
        if person is None:
            name, where = pack.id, folder
            job = Job("pack", locale, audience, output, path, (), pack=pack, guides=guides, values=audience.values)
        else:
            who, variables, cover = person
            name, where = str(who.id), folder / pack.id
            values = {**audience.values, **variables}
            job = Job("pack", locale, audience, output, path, (), None, pack, guides, who, values, cover)
        jobs.append(replace(job, files=(where / output.file_name(name),)))
        if options.html_for(pack):  # the page is named like its PDF, which it links
            jobs.append(replace(job, kind="pack-html", files=(where / output.page_name(name),)))
    return [replace(job, inputs=job_inputs(job, project, options), project=project) for job in jobs]


def would_write(
    project: Project, options: BuildOptions, audience: Audience, guides: Mapping[str, tuple[Path, Guide]], packs: Packs
) -> set[Path]:
    """The files a tenant's build would write (the guides' and packs' this build makes), to remove when it fails."""
    files = {
        f
        for path, guide in guides.values()
        for job in guide_jobs(project, options, path, guide, audience, True)
        for f in job.files
    }
    for path, pack, pack_guides in packs:
        try:
            files |= {
                f for job in pack_jobs(project, options, path, pack, pack_guides, audience, None) for f in job.files
            }
        except GuideError:
            continue
    return files

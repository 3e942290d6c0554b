"""What each guide and pack makes for an audience: its jobs, every file each will write, and
the hash of all the inputs of each (see manifest.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..common.output import Output
from ..errors import GuideError
from ..kinds import Place, for_subject, kind
from ..options import BuildOptions
from ..project import Project
from ..source.model import Guide
from ..source.packs import Pack
from .jobs import Audience, Job
from .manifest import catalogs_fingerprint, digest, file_digest, guidepress_fingerprint, source_date_epoch

if TYPE_CHECKING:
    from ..source.people import Person

Packs = list[tuple[Path, Pack, tuple[Guide, ...]]]  # each pack's file, the pack and its guides


def job_inputs(job: Job, project: Project, options: BuildOptions) -> str:
    sources = [job.source, *(project.guide_dir / f"{g.id}.yaml" for g in job.guides)]
    guides = [job.guide] if job.guide is not None else list(job.guides)
    person = sorted(job.person_values.items()) if job.person_values is not None else []
    made = kind(job.kind)
    return digest(
        guidepress_fingerprint(),
        source_date_epoch(),
        job.kind,
        job.locale,
        repr(job.audience.locales) if made.links_locales else "",  # a page links to the other locales
        repr(job.output) if made.print_choices else "",  # the PNG screens are the same for every paper and profile
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
    """The jobs of a guide for an audience in each of its locales: one per kind of output the build
    wants (`kinds/`: the PDF, the PNG screens unless --no-png, the page with --html …)."""
    try:
        output = options.output_for(guide.output, guide.loc, audience.choices)
    except GuideError:
        if not lenient:
            raise
        output = Output()
    jobs = []
    for locale in audience.locales:
        folder = options.out_dir / audience.folder / locale
        job = Job("pdf", locale, audience, output, path, (), guide=guide)
        place = Place(folder, guide.id, output, locale, guide)
        for made in for_subject("guide"):
            files = made.files(place) if made.wanted(options, guide) else ()
            if files:  # a guide that shows no screen has no PNG job
                jobs.append(replace(job, kind=made.name, files=files))
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
    output = options.output_for(pack.output, pack.loc, audience.choices)
    jobs = []
    for locale in audience.locales:
        folder = options.out_dir / audience.folder / locale
        if person is None:
            name: str = pack.id
            where = folder
            job = Job("pack", locale, audience, output, path, (), pack=pack, guides=guides, values=audience.values)
        else:
            who, variables, cover = person
            name, where = str(who.id), folder / pack.id
            values = {**audience.values, **variables}
            job = Job("pack", locale, audience, output, path, (), None, pack, guides, who, values, cover)
        place = Place(where, name, output, locale)
        jobs += [
            replace(job, kind=made.name, files=made.files(place))
            for made in for_subject("pack")
            if made.wanted(options, pack)
        ]
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

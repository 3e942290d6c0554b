"""plan_build: load what a build names (guides, packs, tenants, people) and make its job list.

Problems stay where they belong: a broken guide is that guide's, a bad tenant row that
tenant's, a bad person row that person's; the rest is still planned. For what fails, the
plan lists the files this build would have written, and only those are removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..common.output import Output
from ..errors import GuideError, GuideErrors, Location, display_path
from ..kinds import Place, for_subject
from ..options import BuildOptions
from ..project import Project
from ..source.loader import load_guide
from ..source.located import LocStr
from ..source.model import Guide
from ..source.packs import check_pack, load_pack
from ..source.variables import command_line_values
from .audiences import default_audience, tenant_audiences
from .jobs import Plan
from .outputs import Packs, guide_jobs, pack_jobs
from .people import people_jobs
from .shard import select

if TYPE_CHECKING:
    from ..source.packs import PeopleColumns
    from ..source.people import PeopleFile
    from ..source.tenants import TenantsFile


def plan_build(
    project: Project,
    options: BuildOptions,
    guide_paths: Iterable[Path] = (),
    load: Callable[[Path, Path], Guide] = load_guide,
    *,
    load_tenants: Callable[[Path], TenantsFile] | None = None,
    load_people: Callable[[Path, PeopleColumns], PeopleFile] | None = None,
) -> Plan:
    """Load and check the guides, packs, tenants and people a build names, and list its jobs
    (this shard's part of them). `load` loads a guide, `load_tenants` a tenants file and
    `load_people` a people file (a `Workspace`'s keep them while unchanged: a server plans one
    address per request); by default each is read from disk."""
    plan = Plan(batch=bool(options.tenants or options.people))
    locales = list(options.locales) or project.locales()
    named = list(guide_paths)
    guides: dict[str, tuple[Path, Guide]] = {}
    broken: list[str] = []
    for path in named or project.guides():
        try:
            guide = load(path, project.assets_dir)
        except GuideError as exc:
            plan.fail(exc)
            broken.append(path.stem)
            continue
        guides[guide.id] = (path, guide)
    # a pack named with --pack in a narrowed build needs its guides too, and a tenants or people
    # file may fill any guide's variables (a narrowed build makes no pack otherwise, and loads no
    # other guide: a cold build of one guide stays quick)
    all_guides = dict(guides)
    if named and (options.packs or options.tenants or options.people):
        for path in project.guides():
            if path.stem not in all_guides and path.stem not in broken:
                try:
                    extra = load(path, project.assets_dir)
                    all_guides[extra.id] = (path, extra)
                except GuideError:
                    pass
    packs = _packs(project, options, bool(named), all_guides, broken, plan)
    kinds = {name: var.kind for _, guide in all_guides.values() for name, var in guide.variables.items()}

    if options.variables:  # against every guide loaded: in a narrowed build, a --pack's guides too
        problems = command_line_values(options.variables, kinds)
        if problems:
            plan.errors += problems
            return plan
    if options.tenants:
        audiences = tenant_audiences(
            project,
            options,
            locales,
            kinds,
            plan,
            {} if options.people else guides,
            [] if options.people else packs,
            load_tenants,
        )
    else:
        audiences = [default_audience(options, locales)]
    plan.audiences = len(audiences) if options.tenants else 0

    if options.people:
        people_jobs(project, options, packs, audiences, plan, load_people)
    else:
        for audience in audiences:
            for path, guide in guides.values():  # a value may be meant for some of the guides only
                try:
                    plan.jobs += guide_jobs(project, options, path, guide, audience)
                except GuideError as exc:
                    plan.fail(exc)
            for pack_path, pack, pack_guides in packs:
                try:
                    plan.jobs += pack_jobs(project, options, pack_path, pack, pack_guides, audience, None)
                except GuideError as exc:
                    plan.fail(exc)
    for name in [*broken, *plan.broken_packs]:  # what did not load: its outputs for each audience go
        # (those the manifest lists, and those the defaults and the command line would name)
        for audience in audiences:
            for locale in audience.locales:
                folder = options.out_dir / audience.folder / locale
                plan.unloaded.add((name, folder))  # what it wrote, whatever its output: block said
                plan.failed += 1 if not options.people or name in plan.broken_packs else 0
                output = (
                    Output()
                    .overridden(*audience.choices)
                    .overridden(options.profile, options.paper, options.booklet, options.bleed, options.simplex)
                )
                # a broken guide's every kind; a pack's PDF (its page and people stay, as they were)
                made = for_subject("guide") if name in broken else [k for k in for_subject("pack") if k.counted]
                for each in made:
                    if not each.wanted(options, None):  # as the command line asks, whatever the guide did
                        continue
                    if each.replaces:  # its files are named by what the guide shows: its folder goes
                        plan.remove_png_dirs.add(folder / name)
                    else:
                        plan.remove |= set(each.files(Place(folder, name, output, locale)))
    plan.jobs = select(plan.jobs, [job.group for job in plan.jobs], options.shard)
    return plan


def _packs(
    project: Project,
    options: BuildOptions,
    narrowed: bool,
    guides: Mapping[str, tuple[Path, Guide]],
    broken: list[str],
    plan: Plan,
) -> Packs:
    """The packs to build: those named with --pack, else every pack unless guide files were named."""
    if options.packs is None:
        paths = [] if narrowed else project.packs()
    else:
        paths = []
        for pack_id in options.packs:
            path = project.packs_dir / f"{pack_id}.yaml"
            if not path.is_file():
                have = ", ".join(p.stem for p in project.packs()) or "none"
                plan.errors.append(GuideError(Location(f"--pack {pack_id}"), f"no {display_path(path)} (have: {have})"))
                continue
            paths.append(path)
    found = []
    kinds_of = {gid: {n: v.kind for n, v in g.variables.items()} for gid, (_, g) in guides.items()}
    for path in paths:
        try:
            pack = load_pack(path)
            if any(guide_id in broken for guide_id in pack.guides):  # its errors are reported above
                plan.broken_packs.append(pack.id)
                continue
            problems = check_pack(pack, kinds_of)
            if pack.id in guides:
                where = pack.id.loc if isinstance(pack.id, LocStr) else pack.loc
                problems.append(GuideError(where, f"pack id {pack.id!r} is also a guide's id; choose another"))
            if problems:
                raise GuideErrors(problems)
        except GuideError as exc:
            plan.fail(exc)
            continue
        found.append((path, pack, tuple(guides[g][1] for g in pack.guides)))
    return found

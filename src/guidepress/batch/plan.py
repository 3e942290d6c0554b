"""plan_build: load what a build names (guides, packs, tenants, people) and make its job list.

Problems stay where they belong: a broken guide is that guide's, a bad tenant row that
tenant's, a bad person row that person's; the rest is still planned. For what fails, the
plan lists the files this build would have written, and only those are removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GuideError, GuideErrors, Location, display_path
from ..options import BuildOptions
from ..output import Output
from ..project import Project
from ..source.loader import load_guide
from ..source.model import Guide
from ..source.packs import Pack, check_pack, load_pack
from ..source.variables import command_line_values, value_problem
from .jobs import Audience, Job, png_name, screens_shown
from .manifest import catalogs_fingerprint, digest, file_digest, guidepress_fingerprint, source_date_epoch
from .shard import select

if TYPE_CHECKING:
    from ..source.people import Person


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    errors: list[GuideError] = field(default_factory=list)
    remove: set[Path] = field(default_factory=set)  # what failed guides and tenants would have written
    remove_png_dirs: set[Path] = field(default_factory=set)  # PNG folders of guides that did not load
    batch: bool = False  # tenants or people: a summary, not a line per file
    audiences: int = 0
    failed_tenants: int = 0  # tenants whose row has a problem: none of their outputs is built
    broken_packs: list[str] = field(default_factory=list)  # packs with a guide that did not load


def _fail(plan: Plan, exc: GuideError) -> None:
    plan.errors += exc.errors if isinstance(exc, GuideErrors) else [exc]


def plan_build(project: Project, options: BuildOptions, guide_paths: Iterable[Path] = ()) -> Plan:
    plan = Plan(batch=bool(options.tenants or options.people))
    locales = list(options.locales) or project.locales()
    named = list(guide_paths)
    guides: dict[str, tuple[Path, Guide]] = {}
    broken: list[str] = []
    for path in named or project.guides():
        try:
            guide = load_guide(path)
        except GuideError as exc:
            _fail(plan, exc)
            broken.append(path.stem)
            continue
        guides[guide.id] = (path, guide)
    kinds: dict[str, str] = {}
    for _, guide in guides.values():
        kinds.update({name: var.kind for name, var in guide.variables.items()})
    # every guide of the project knows its kinds, for packs and tenants (a narrowed build too)
    all_guides = dict(guides)
    if named:
        for path in project.guides():
            if path.stem not in all_guides and path.stem not in broken:
                try:
                    extra = load_guide(path)
                    all_guides[extra.id] = (path, extra)
                except GuideError:
                    pass
    packs = _packs(project, options, bool(named), all_guides, broken, plan)

    if options.variables:
        problems = command_line_values(options.variables, kinds)
        if problems:
            plan.errors += problems
            return plan
    audiences = _audiences(project, options, locales, kinds, plan, [] if options.people else packs)
    plan.audiences = len(audiences) if options.tenants else 0

    if options.people:
        _people_jobs(project, options, packs, audiences, plan)
    else:
        for audience in audiences:
            for path, guide in guides.values():
                unknown = sorted(set(options.variables) - set(guide.variables))
                if unknown:
                    _fail(plan, GuideError(guide.loc, f"--var {unknown[0]}: the guide defines no such variable"))
                    plan.remove |= {
                        f for j in _guide_jobs(project, options, path, guide, audience, True) for f in j.files
                    }
                    continue
                try:
                    plan.jobs += _guide_jobs(project, options, path, guide, audience)
                except GuideError as exc:
                    _fail(plan, exc)
            for pack_path, pack, pack_guides in packs:
                try:
                    plan.jobs += _pack_jobs(project, options, pack_path, pack, pack_guides, audience, None)
                except GuideError as exc:
                    _fail(plan, exc)
    for name in [*broken, *plan.broken_packs]:  # what did not load: its outputs for each audience go
        for audience in audiences:
            for locale in audience.locales:
                folder = options.out_dir / audience.folder / locale
                output = (
                    Output()
                    .overridden(*audience.choices)
                    .overridden(  # type: ignore[arg-type]
                        options.profile, options.paper, options.booklet, options.bleed
                    )
                )
                plan.remove.add(folder / output.file_name(name))
                if options.png and name in broken:
                    plan.remove_png_dirs.add(folder / name)
    plan.jobs = select(plan.jobs, [job.group for job in plan.jobs], options.shard)
    return plan


def _packs(
    project: Project,
    options: BuildOptions,
    narrowed: bool,
    guides: Mapping[str, tuple[Path, Guide]],
    broken: list[str],
    plan: Plan,
) -> list[tuple[Path, Pack, tuple[Guide, ...]]]:
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
                problems.append(GuideError(pack.id.loc, f"pack id {pack.id!r} is also a guide's id; choose another"))
            if problems:
                raise GuideErrors(problems)
        except GuideError as exc:
            _fail(plan, exc)
            continue
        found.append((path, pack, tuple(guides[g][1] for g in pack.guides)))
    return found


def _audiences(
    project: Project,
    options: BuildOptions,
    locales: list[str],
    kinds: Mapping[str, str],
    plan: Plan,
    packs: list[tuple[Path, Pack, tuple[Guide, ...]]],
) -> list[Audience]:
    if not options.tenants:
        folder = ""
        if options.variables:  # another organisation's values: a folder of their own, named by them
            folder = "vars-" + digest(*sorted(options.variables.items()))[:8]
        values = dict(options.variables)
        return [Audience(folder, values, tuple(locales), fingerprint=digest(*sorted(values.items())))]
    from ..source.assets import resolve_asset  # only a batch of tenants reads these
    from ..source.tenants import check_tenant, load_tenants, unknown_variable

    try:
        tenants_file = load_tenants(options.tenants)
    except GuideError as exc:
        _fail(plan, exc)
        return []
    if tenants_file.problems:
        plan.errors += tenants_file.problems
        if not tenants_file.tenants:
            return []
    unknown = [GuideError(cell.loc, unknown_variable(name, kinds)) for name, cell in tenants_file.columns.items()]
    unknown = [problem for name, problem in zip(tenants_file.columns, unknown, strict=True) if name not in kinds]
    if unknown:  # a column no guide knows: every row would be wrong
        plan.errors += unknown
        return []
    wanted = set(options.tenant_ids)
    known = {str(t.id) for t in tenants_file.tenants}
    for tenant_id in options.tenant_ids:
        if tenant_id not in known:
            shown = display_path(options.tenants)
            plan.errors.append(GuideError(Location(f"--tenant {tenant_id}"), f"no tenant with this id in {shown}"))
    duplicates = {p.location for p in tenants_file.problems}
    audiences = []
    for tenant in tenants_file.tenants:
        if wanted and tenant.id not in wanted:
            continue
        if tenant.id.loc in duplicates:
            continue
        problems = check_tenant(tenant, kinds, project.locales(), set(project.locales()))
        logo = None
        if tenant.logo:
            try:
                logo = resolve_asset(project.assets_dir, tenant.logo)
            except GuideError as exc:
                problems.append(exc)
        problems.sort(key=lambda p: (p.location.line, p.location.column))
        tenant_locales = tuple(str(x) for x in tenant.locales if x in project.locales()) or tuple(locales)
        if options.locales:
            tenant_locales = tuple(x for x in tenant_locales if x in options.locales)
        choices = (tenant.profile, tenant.paper)
        values = {name: str(value) for name, value in tenant.values.items()}
        fingerprint = digest(
            *sorted(values.items()), *choices, str(tenant.logo or ""), file_digest(logo) if logo else ""
        )
        audience = Audience(
            str(tenant.id),
            values,
            tenant_locales,
            (str(choices[0]) if choices[0] else None, str(choices[1]) if choices[1] else None),
            logo,
            tenant.logo.loc if tenant.logo else None,
            fingerprint,
            str(tenant.id),
        )
        if problems:
            plan.errors += problems
            plan.failed_tenants += 1
            if _safe_folder(tenant.id):  # what this tenant's build would have written goes
                plan.remove |= _would_write(project, options, replace(audience, values={}), packs)
            continue
        audiences.append(audience)
    return audiences


def _safe_folder(tenant_id: str) -> bool:
    from ..source.schema import ID_PATTERN

    return bool(ID_PATTERN.match(tenant_id))


def _would_write(
    project: Project, options: BuildOptions, audience: Audience, packs: list[tuple[Path, Pack, tuple[Guide, ...]]]
) -> set[Path]:
    """The files a tenant's build would write (its guides' and packs'), to remove when it fails."""
    files: set[Path] = set()
    for path in project.guides():
        try:
            guide = load_guide(path)
            files |= {f for job in _guide_jobs(project, options, path, guide, audience, True) for f in job.files}
        except GuideError:
            continue
    for path, pack, guides in packs:
        try:
            files |= {f for job in _pack_jobs(project, options, path, pack, guides, audience, None) for f in job.files}
        except GuideError:
            continue
    return files


def _inputs(job: Job, project: Project, options: BuildOptions) -> str:
    sources = [job.source, *(project.guide_dir / f"{g.id}.yaml" for g in job.guides)]
    person = sorted(job.person_values.items()) if job.person_values is not None else []
    return digest(
        guidepress_fingerprint(),
        source_date_epoch(),
        job.kind,
        job.locale,
        repr(job.output),
        *(file_digest(p.resolve()) for p in sources),
        catalogs_fingerprint(project.locales_dir, job.locale),
        job.audience.fingerprint,
        *person,
        *sorted(job.values.items()),
    )


def _guide_jobs(
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
            pngs = tuple(folder / guide.id / png_name(n, s) for n, s in screens_shown(guide))
            if pngs:
                jobs.append(replace(pdf, kind="png", files=pngs))
    return [
        replace(job, values=audience.values, inputs=_inputs(job, project, options), project=project) for job in jobs
    ]


def _pack_jobs(
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
            files = (folder / output.file_name(pack.id),)
            job = Job("pack", locale, audience, output, path, files, pack=pack, guides=guides, values=audience.values)
        else:
            who, variables, cover = person
            files = (folder / pack.id / output.file_name(str(who.id)),)
            values = {**audience.values, **variables}
            job = Job("pack", locale, audience, output, path, files, None, pack, guides, who, values, cover)
        jobs.append(replace(job, inputs=_inputs(job, project, options), project=project))
    return jobs


def _people_jobs(
    project: Project,
    options: BuildOptions,
    packs: list[tuple[Path, Pack, tuple[Guide, ...]]],
    audiences: list[Audience],
    plan: Plan,
) -> None:
    """One pack job per person (of each pack that declares people columns) and locale."""
    assert options.people is not None
    from ..source.people import load_people

    with_people = [entry for entry in packs if entry[1].people is not None]
    if not with_people:
        plan.errors.append(
            GuideError(
                Location(f"--people {display_path(options.people)}"), "no pack declares people columns (people:)"
            )
        )
        return
    by_tenant = {a.tenant_id: a for a in audiences}
    for path, pack, pack_guides in with_people:
        spec = pack.people
        assert spec is not None
        try:
            people = load_people(options.people, spec)
        except GuideError as exc:
            _fail(plan, exc)
            continue
        plan.errors += people.problems
        pack_kinds = {n: v.kind for g in pack_guides for n, v in g.variables.items()}
        for person in people.people:
            problems = list(person.problems)
            variables = {}
            for name, column in spec.columns.items():
                value = person.values.get(name, "")
                if column.variable and value:
                    problem = value_problem(pack_kinds.get(column.variable, "text"), value, show=False)
                    if problem and not any(p.location == value.loc for p in problems):
                        problems.append(GuideError(value.loc, f"{name}: {problem} ({spec.id} {person.id})"))
                    variables[str(column.variable)] = str(value)
            audience = _person_audience(person, by_tenant, audiences, options, problems)
            if problems or audience is None:
                plan.errors += problems
                continue
            cover = {name: str(value) for name, value in person.values.items()}
            try:
                plan.jobs += _pack_jobs(project, options, path, pack, pack_guides, audience, (person, variables, cover))
            except GuideError as exc:
                _fail(plan, exc)


def _person_audience(
    person: Person,
    by_tenant: Mapping[str, Audience],
    audiences: list[Audience],
    options: BuildOptions,
    problems: list[GuideError],
) -> Audience | None:
    if not options.tenants:
        return audiences[0] if audiences else None
    if person.tenant is not None:
        if person.tenant in by_tenant:
            return by_tenant[person.tenant]
        if options.tenant_ids and person.tenant not in options.tenant_ids:
            return None  # another tenant's employee, left out with --tenant
        where = display_path(options.tenants)
        problems.append(
            GuideError(person.tenant.loc, f"tenant {person.tenant!r}: not in {where}, or its row has errors")
        )
        return None
    if len(audiences) == 1:
        return audiences[0]
    problems.append(GuideError(person.loc, "the people file has no 'tenant' column: name one tenant with --tenant ID"))
    return None

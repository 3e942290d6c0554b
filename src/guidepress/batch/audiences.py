"""For whom a build makes its outputs: the project's defaults, the values given with `--var`
(a folder of their own), or each tenant of a tenants file, checked row by row."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..common.output import PAPERS, PROFILES, Output, Paper, Profile
from ..errors import GuideError, Location, display_path
from ..options import BuildOptions
from ..project import Project
from ..source.located import LocStr
from ..source.model import Guide
from .jobs import Audience, Plan
from .manifest import digest, file_digest
from .outputs import Packs, would_write

if TYPE_CHECKING:
    from ..source.tenants import TenantsFile


def default_audience(options: BuildOptions, locales: list[str]) -> Audience:
    """The project's defaults, or the values given with --var in a folder named by them."""
    folder = ""
    if options.variables:  # another organisation's values: a folder of their own, named by them
        from ..source.tenants import VARS_PREFIX

        folder = VARS_PREFIX + digest(*sorted(options.variables.items()))[:8]
    values = dict(options.variables)
    return Audience(folder, values, tuple(locales), fingerprint=digest(*sorted(values.items())))


def tenant_audiences(
    project: Project,
    options: BuildOptions,
    locales: list[str],
    kinds: Mapping[str, str],
    plan: Plan,
    guides: Mapping[str, tuple[Path, Guide]],
    packs: Packs,
    load: Callable[[Path], TenantsFile] | None = None,
) -> list[Audience]:
    """Each tenant of the tenants file (narrowed by --tenant) that has no problem; a tenant with
    one is reported, and what its build would have written is listed for removal. `load` reads
    the file (by default from disk; a `Workspace` keeps it while unchanged)."""
    assert options.tenants is not None
    from ..source.assets import resolve_asset  # only a batch of tenants reads these
    from ..source.tenants import check_tenant, load_tenants, unknown_variable

    try:
        tenants_file = (load or load_tenants)(options.tenants)
    except GuideError as exc:
        plan.fail(exc)
        return []
    if tenants_file.problems:
        plan.errors += tenants_file.problems
        if not tenants_file.tenants:
            return []
    # a column no guide knows (its message suggests a name: worded only for those)
    unknown = [
        GuideError(cell.loc, unknown_variable(name, kinds))
        for name, cell in tenants_file.columns.items()
        if name not in kinds
    ]
    wanted = set(options.tenant_ids)
    if unknown:  # a column no guide knows: every row would be wrong, and no tenant is built
        plan.errors += unknown
        plan.failed_tenants += sum(not wanted or t.id in wanted for t in tenants_file.tenants)
        return []
    known = {str(t.id) for t in tenants_file.tenants}
    for tenant_id in options.tenant_ids:
        if tenant_id not in known:
            shown = display_path(options.tenants)
            plan.errors.append(GuideError(Location(f"--tenant {tenant_id}"), f"no tenant with this id in {shown}"))
    duplicates = {p.location for p in tenants_file.problems}
    project_locales = project.locales()  # a look at the locales/ folder
    audiences = []
    for tenant in tenants_file.tenants:
        if wanted and tenant.id not in wanted:
            continue
        if tenant.id.loc in duplicates:  # its id is used twice: reported above
            plan.failed_tenants += 1
            continue
        problems = check_tenant(tenant, kinds, project_locales, set(project_locales))
        logo = None
        if tenant.logo:
            try:
                logo = resolve_asset(project.assets_dir, tenant.logo)
            except GuideError as exc:
                problems.append(exc)
        conflict = _choice_conflict(tenant.profile, tenant.loc, options)
        if conflict is not None:
            problems.append(conflict)
        problems.sort(key=lambda p: (p.location.line, p.location.column))
        tenant_locales = tuple(str(x) for x in tenant.locales if x in project_locales) or tuple(locales)
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
            _choices(tenant.profile, tenant.paper),
            logo,
            tenant.logo.loc if tenant.logo else None,
            fingerprint,
            str(tenant.id),
        )
        if problems:
            plan.errors += problems
            plan.failed_tenants += 1
            # what this tenant's build would have written goes (with choices that cannot be
            # combined it would write nothing, and its earlier outputs are still its own)
            # a row whose id is refused (a --var build's folder, a locale's) owns no folder
            own_folder = _safe_folder(tenant.id) and not any(p.location == tenant.id.loc for p in problems)
            if own_folder and conflict is None:
                plan.remove |= would_write(project, options, replace(audience, values={}), guides, packs)
            continue
        audiences.append(audience)
    return audiences


def _choices(profile: str | None, paper: str | None) -> tuple[Profile | None, Paper | None]:
    """A tenant's profile and paper (checked by `check_tenant`), or None where it chose none."""
    chosen_profile = next((p for p in PROFILES if p == profile), None)
    chosen_paper = next((p for p in PAPERS if p == paper), None)
    return chosen_profile, chosen_paper


def _choice_conflict(profile: str | None, row: Location, options: BuildOptions) -> GuideError | None:
    """The tenant's ticket profile against the command line's --booklet or --bleed (which are for
    print, `Output.problem`): the tenant's problem, at its cell, not every guide's."""
    if profile != "ticket" or options.profile is not None:
        return None
    if Output("ticket").overridden(booklet=options.booklet, bleed=options.bleed).problem() is None:
        return None
    flag, what = ("--booklet", "a booklet") if options.booklet else ("--bleed", "bleed")
    where = profile.loc if isinstance(profile, LocStr) else row  # a YAML file's choices are known by their tenant
    return GuideError(where, f"profile 'ticket' cannot be combined with {flag} ({what} is for print)")


def _safe_folder(tenant_id: str) -> bool:
    """Whether the id can be the tenant's folder (not a --var build's, not too long for a name)."""
    from ..source.tenants import id_problem

    return id_problem(tenant_id) is None

"""One pack job per person of a people file, each for their tenant (or the one tenant built)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GuideError, Location, display_path
from ..options import BuildOptions
from ..project import Project
from ..source.variables import value_problem
from .jobs import Audience, Plan
from .outputs import Packs, pack_jobs

if TYPE_CHECKING:
    from ..source.packs import PeopleColumns
    from ..source.people import PeopleFile, Person


def people_jobs(
    project: Project,
    options: BuildOptions,
    packs: Packs,
    audiences: list[Audience],
    plan: Plan,
    load: Callable[[Path, PeopleColumns], PeopleFile] | None = None,
) -> None:
    """One pack job per person (of each pack that declares people columns) and locale. `load`
    reads the people file for a pack's columns (by default from disk; a `Workspace` keeps it
    while unchanged)."""
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
            people = (load or load_people)(options.people, spec)
        except GuideError as exc:
            plan.fail(exc)
            continue
        plan.errors += people.problems
        plan.failed_people.update(people.unread)
        pack_kinds = {n: v.kind for g in pack_guides for n, v in g.variables.items()}
        for person in people.people:
            problems = list(person.problems)
            variables = {}
            for name, column in spec.columns.items():
                value = person.values.get(name)
                if column.variable and value:
                    problem = value_problem(pack_kinds.get(column.variable, "text"), value, show=False)
                    if problem and not any(p.location == value.loc for p in problems):
                        problems.append(GuideError(value.loc, f"{name}: {problem} ({spec.id} {person.id})"))
                    variables[str(column.variable)] = str(value)
            audience = _person_audience(person, by_tenant, audiences, options, problems)
            if problems or audience is None:
                plan.errors += problems
                if problems:
                    plan.failed_people.add(person.loc.line)
                continue
            cover = {name: str(value) for name, value in person.values.items()}
            try:
                plan.jobs += pack_jobs(project, options, path, pack, pack_guides, audience, (person, variables, cover))
            except GuideError as exc:
                plan.fail(exc)


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

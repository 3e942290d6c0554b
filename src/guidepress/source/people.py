"""load_people: a people file (CSV) for per-person packs, checked against the columns a pack declares.

Each row is one person: the pack's `people.id` column names their file, the other declared
columns fill the guides' variables and the cover. Personal data stays out of error lines:
a problem is told by file, line, column, the column's name and the person's id, never by
the value itself. An optional `tenant` column says which tenant each person belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GuideError, Location
from .located import LocStr
from .packs import PeopleColumns
from .tables import read_table
from .variables import value_problem

TENANT_COLUMN = "tenant"
PERSON_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class Person:
    """One row of a people file: the id that names the file, and the declared columns' values."""

    loc: Location
    id: LocStr
    values: dict[str, LocStr] = field(default_factory=dict)  # by column
    tenant: LocStr | None = None
    problems: tuple[GuideError, ...] = ()


@dataclass(frozen=True)
class PeopleFile:
    path: Path
    people: tuple[Person, ...]
    problems: tuple[GuideError, ...] = ()  # of the file as a whole (a missing column)
    unread: tuple[int, ...] = ()  # the lines of the rows the file's problems leave unread


def load_people(path: Path, spec: PeopleColumns) -> PeopleFile:
    """Read a people file; a missing column is the file's problem, a bad cell its person's."""
    table = read_table(path)
    names = [str(cell) for cell in table.header]
    needed = [str(spec.id), *spec.columns]
    missing = [name for name in needed if name not in names]
    problems = list(table.problems)
    if missing:
        where = f"{spec.loc.path}:{spec.loc.line}"
        problems.insert(
            0, GuideError(table.loc, f"missing column {', '.join(map(repr, missing))} (the pack's people: at {where})")
        )
    if problems:
        return PeopleFile(path, (), tuple(problems), tuple(row.loc.line for row in table.rows))
    people = []
    seen: dict[str, int] = {}
    for row in table.rows:
        cells = dict(zip(names, row.cells, strict=True))
        person_id = cells[spec.id]
        problems = list(row.problems)
        if not PERSON_ID.match(person_id):
            problems.append(
                GuideError(person_id.loc, f"{spec.id}: an id is letters, digits, '-' and '_' (it names the file)")
            )
        elif person_id in seen:
            problems.append(
                GuideError(person_id.loc, f"{spec.id} {person_id} is used twice (first at line {seen[person_id]})")
            )
        seen.setdefault(person_id, person_id.loc.line)
        values = {}
        for name, column in spec.columns.items():
            value = cells[name]
            problem = value_problem(column.kind, value, show=False) if value else None
            if problem:
                problems.append(GuideError(value.loc, f"{name}: {problem} ({spec.id} {_shown_id(person_id)})"))
            values[name] = value
        tenant = cells.get(TENANT_COLUMN) or None
        people.append(Person(row.loc, person_id, values, tenant, tuple(problems)))
    return PeopleFile(path, tuple(people))


def _shown_id(person_id: str) -> str:
    return person_id if PERSON_ID.match(person_id) else "(not a valid id)"

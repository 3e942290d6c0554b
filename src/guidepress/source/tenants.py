"""load_tenants: the organisations a batch builds for, from CSV (one row each) or YAML.

A tenant has an `id` (its output folder, `build/<id>/`), values for the guides' variables,
optionally a logo (a file under the project's `assets/`), the locales it wants and its
default output (`profile`, `paper`). A CSV file has the columns `id`, `locales`, `logo`,
`profile` and `paper`, and one column per variable; a YAML file is a list under `tenants:`
with the variables under `variables:`. Every value keeps its location. A problem in one
tenant's row is that tenant's (`Tenant.problems`): the others still build. Whether the
variables exist and suit their kind depends on the guides, so the build checks that
(`check_tenant`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from ..errors import GuideError, Location, did_you_mean, display_path, quoted
from .located import LocStr, OptionalText, compose, read_text
from .model import doc
from .schema import ID_PATTERN, NodeConverter
from .tables import Table, read_table
from .variables import value_problem

COLUMNS = ("id", "locales", "logo", "profile", "paper")  # every other column is a variable
PROFILES = ("print", "ticket")
PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class Tenant:
    """One organisation: its id, its variable values and its choices, each located."""

    loc: Location
    id: LocStr
    values: dict[str, LocStr] = field(default_factory=dict)
    locales: tuple[LocStr, ...] = ()  # empty: every locale the project has
    logo: LocStr | None = None
    # a CSV cell's choice is a LocStr; a YAML file's is a plain str (a Literal of the schema)
    profile: str | None = None
    paper: str | None = None
    problems: tuple[GuideError, ...] = ()


@dataclass(frozen=True)
class TenantsFile:
    """The tenants of one file, and the problems of the file as a whole (a bad header)."""

    path: Path
    tenants: tuple[Tenant, ...]
    problems: tuple[GuideError, ...] = ()
    columns: dict[str, LocStr] = field(default_factory=dict)  # CSV: the variables' header cells


@dataclass(frozen=True)
class TenantEntry:
    """One organisation in a YAML tenants file."""

    loc: Location
    id: LocStr = field(metadata=doc("The tenant's id: its output folder, build/<id>/."))
    variables: dict[str, LocStr] = field(default_factory=dict, metadata=doc("Values for the guides' variables."))
    locales: tuple[LocStr, ...] = field(default=(), metadata=doc("The locales it wants (default: every catalog)."))
    logo: OptionalText = field(default="", metadata=doc("A PNG, JPEG or SVG file under assets/."))
    profile: Literal["print", "ticket"] | None = field(default=None, metadata=doc("Its default output profile."))
    paper: Literal["a4", "letter"] | None = field(default=None, metadata=doc("Its default paper."))


@dataclass(frozen=True)
class TenantsYaml:
    """A tenants file in YAML: the organisations a batch builds for."""

    loc: Location
    tenants: tuple[TenantEntry, ...] = field(metadata=doc("One entry per organisation."))


def tenants_json_schema() -> str:
    """The YAML tenants file as JSON Schema text, as committed in schema/tenants.schema.json."""
    import json

    from .schema import json_schema

    schema = json_schema(TenantsYaml, "guidepress tenants", "https://guidepress.example/schema/tenants.schema.json")
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def load_tenants(path: Path) -> TenantsFile:
    """A tenants file (`.csv`, or `.yaml`/`.yml`); an unreadable file is a `GuideError`."""
    if path.suffix.lower() in (".yaml", ".yml"):
        tenants = _from_yaml(path)
        return TenantsFile(path, tenants, _duplicates(tenants))
    return _from_csv(read_table(path), path)


def _split_locales(cell: LocStr) -> tuple[LocStr, ...]:
    found = []
    for match in re.finditer(r"[^\s,;]+", cell):
        loc = cell.loc
        found.append(LocStr(match.group(), Location(loc.path, loc.line, loc.column + match.start())))
    return tuple(found)


def _from_csv(table: Table, path: Path) -> TenantsFile:
    names = [str(cell) for cell in table.header]
    problems = []
    if "id" not in names:
        problems.append(GuideError(table.loc, f"no 'id' column (the columns are: {', '.join(names)})"))
    problems += table.problems
    for cell in table.header:
        if cell and cell not in COLUMNS and not ID_PATTERN.match(cell):
            problems.append(
                GuideError(cell.loc, f"{quoted(cell)} is not a variable's name (lowercase letters, digits, _)")
            )
    problems.sort(key=lambda p: (p.location.line, p.location.column))  # the header's problems, left to right
    if not table.rows:
        problems.append(GuideError(table.loc, "no tenants: the file has a header and no rows"))
    if problems:
        return TenantsFile(path, (), tuple(problems))
    tenants = []
    for row in table.rows:
        cells = dict(zip(names, row.cells, strict=True))
        errors = list(row.problems)
        tenant_id = cells["id"]
        if why := id_problem(tenant_id):
            errors.append(GuideError(tenant_id.loc, why))
        choice = {}
        for key, allowed in (("profile", PROFILES), ("paper", PAPERS)):
            value = cells.get(key)
            if value and value.lower() not in allowed:
                errors.append(
                    GuideError(value.loc, f"{key}: expected one of {', '.join(allowed)}, found {quoted(value)}")
                )
            elif value:
                choice[key] = LocStr(value.lower(), value.loc)
        logo = cells.get("logo") or None
        values = {name: value for name, value in cells.items() if name not in COLUMNS and value}
        locales = _split_locales(cells["locales"]) if "locales" in cells else ()
        tenants.append(Tenant(row.loc, tenant_id, values, locales, logo, **choice, problems=tuple(errors)))
    columns = {str(cell): cell for cell in table.header if cell not in COLUMNS}
    return TenantsFile(path, tuple(tenants), _duplicates(tenants), columns)


def _from_yaml(path: Path) -> tuple[Tenant, ...]:
    shown = display_path(path)
    node = compose(read_text(path), shown)
    entries = node
    if isinstance(node, yaml.MappingNode):
        keys = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        if set(keys) != {"tenants"}:
            raise GuideError(Location(shown, 1, 1), "a tenants file holds one key, 'tenants:', with a list")
        entries = keys["tenants"]
    if not isinstance(entries, yaml.SequenceNode):
        raise GuideError(Location(shown, 1, 1), "a tenants file holds a list of tenants under 'tenants:'")
    if not entries.value:
        raise GuideError(Location(shown, entries.start_mark.line + 1, entries.start_mark.column + 1), "no tenants")
    tenants = []
    converter = NodeConverter(shown)  # one for the file: its size limits hold for the whole file
    for i, entry_node in enumerate(entries.value):
        loc = converter.loc(entry_node)
        before = len(converter.errors)
        entry: TenantEntry = converter.convert(TenantEntry, entry_node, f"tenants item {i + 1}")
        if len(converter.errors) > before:  # that tenant's problems; the others still build
            tenants.append(Tenant(loc, LocStr(f"#{i + 1}", loc), problems=tuple(converter.errors[before:])))
            continue
        errors = [GuideError(entry.id.loc, why)] if (why := id_problem(entry.id)) else []
        tenants.append(
            Tenant(
                loc,
                entry.id,
                dict(entry.variables),
                tuple(entry.locales),
                entry.logo or None,
                entry.profile or None,
                entry.paper or None,
                tuple(errors),
            )
        )
    return tuple(tenants)


ID_LIMIT = 64  # characters: a folder name every file system takes, with room for the path under it
VARS_PREFIX = "vars-"  # the folders of --var builds (batch/audiences.py): never a tenant's


def id_problem(value: str) -> str | None:
    """Why a tenant id cannot name its output folder, or None."""
    if not ID_PATTERN.match(value):
        return f"id {quoted(value)}: use lowercase letters, digits, '-' and '_' (it names the tenant's output folder)"
    if len(value) > ID_LIMIT:
        return f"id {quoted(value)}: {len(value)} characters, at most {ID_LIMIT} (it names the tenant's output folder)"
    if value.startswith(VARS_PREFIX):
        return f"id {quoted(value)}: ids starting with {VARS_PREFIX!r} are kept for the folders of --var builds"
    return None


def _duplicates(tenants: tuple[Tenant, ...] | list[Tenant]) -> tuple[GuideError, ...]:
    seen: dict[str, LocStr] = {}
    problems = []
    for tenant in tenants:
        if tenant.id in seen and not tenant.problems:
            first = seen[tenant.id].loc
            problems.append(
                GuideError(tenant.id.loc, f"tenant id {tenant.id!r} is used twice (first at line {first.line})")
            )
        seen.setdefault(tenant.id, tenant.id)
    return tuple(problems)


def check_tenant(
    tenant: Tenant, kinds: Mapping[str, str], locales: list[str], reserved: Set[str] = frozenset()
) -> list[GuideError]:
    """The tenant's problems given the guides' variables (name → kind) and the project's locales."""
    problems = list(tenant.problems)
    if tenant.id in reserved:
        problems.append(
            GuideError(tenant.id.loc, f"tenant id {quoted(tenant.id)} is also a locale's name; choose another")
        )
    for name, value in tenant.values.items():
        if name not in kinds:
            problems.append(GuideError(value.loc, unknown_variable(name, kinds)))
        elif problem := value_problem(kinds[name], value):
            problems.append(GuideError(value.loc, f"{name}: {problem}"))
    for locale in tenant.locales:
        if locale not in locales:
            problems.append(
                GuideError(locale.loc, f"locale {quoted(locale)} has no catalog (have: {', '.join(locales)})")
            )
    return problems


def unknown_variable(name: str, kinds: Mapping[str, str]) -> str:
    """The message for a value of a variable no guide defines, with a guess at the one meant."""
    return f"no guide defines the variable {name!r}{did_you_mean(name, kinds)}"

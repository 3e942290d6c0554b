"""What the server needs of a guides project beyond the public API, in one place.

The rest of `serve/` uses `guidepress.open_project(...).render/resolve` and the error types only.
What it needs besides lives here, so that a change to guidepress's internals touches this module
alone: the folder a set of personal values is written to (`vars-<hash>/`), the fingerprint of a
project's input files (the cache's key), and the lists the agent page offers (guides, packs,
locales, tenants, variables).

In a worker process, `open_worker` opens the project once (fonts, catalogs and guides stay warm
in its workspace) and `work` answers one job; its outcome is plain data, so it crosses the process
boundary whatever the error classes look like.
"""

from __future__ import annotations

import hashlib
import os
import signal
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..api import GuidesProject, NotFound, open_project
from ..errors import GuideError


@dataclass(frozen=True)
class Setup:
    """What every worker opens: the project and the batch files given to `serve`."""

    root: Path
    tenants: Path | None = None
    people: Path | None = None


@dataclass(frozen=True)
class Outcome:
    """A job's result: `status` 200 with `body`, 404 or 422 with one `message` line, 500 for our bug."""

    status: int
    body: bytes = b""
    message: str = ""
    pid: int = field(default_factory=os.getpid)


class _Worker:
    """The worker process's one project (a process of its own: no other state shares it)."""

    setup: Setup | None = None
    project: GuidesProject | None = None
    problem: str = ""


def open_worker(setup: Setup, warm: str = "") -> None:
    """A worker's initializer: open the project and render one small output, so that fonts and
    catalogs are loaded before the first request. Ctrl-C reaches the whole process group: the
    worker ignores it and finishes its render; the server stops it when the requests are done."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _Worker.setup = setup
    try:
        _Worker.project = open_project(setup.root)
        if warm:
            _Worker.project.render(warm)
    except GuideError as exc:  # a broken guide: the others are still served; the request says what is wrong
        _Worker.problem = str(exc).splitlines()[0]


def work(path: str, values: Mapping[str, str] | None, render: bool) -> Outcome:
    """Render (or, with `render=False`, only check) the output at `path` for these personal values."""
    project, setup = _Worker.project, _Worker.setup
    if project is None or setup is None:
        return Outcome(500, message=_Worker.problem or "the project did not open")
    target = personal_path(path, values) if values else path
    tenants = setup.tenants if _tenant_path(project, path) else None
    try:
        if not render:
            project.resolve(target, values=values or None, tenants=tenants, people=setup.people)
            return Outcome(200)
        return Outcome(200, project.render(target, values=values or None, tenants=tenants, people=setup.people))
    except NotFound as exc:
        return Outcome(404, message=_one_line(exc))
    except GuideError as exc:
        return Outcome(422, message=_one_line(exc))


def ping() -> Outcome:
    """A job that says which worker answered and whether its project opened."""
    return Outcome(200 if _Worker.project is not None else 500, message=_Worker.problem)


def _one_line(exc: GuideError) -> str:
    lines = str(exc).splitlines()
    return lines[0] + (f" (and {len(lines) - 1} more)" if len(lines) > 1 else "")


def _tenant_path(project: GuidesProject, path: str) -> bool:
    """Does the path start with a tenant's folder (not a locale)?"""
    first = path.split("/", 1)[0]
    return first not in project.project.known_locales() and not first.startswith("vars-")


def personal_path(path: str, values: Mapping[str, str]) -> str:
    """Where the command line writes `path` for `--var` values: under their `vars-<hash>/` folder."""
    from ..batch.audiences import default_audience
    from ..options import BuildOptions

    folder = default_audience(BuildOptions(Path(), variables=dict(values)), []).folder
    return f"{folder}/{path}"


def warm_path(opened: GuidesProject) -> str:
    """A small output the workers render once at start (fonts, catalogs, a guide loaded)."""
    guides, locales = opened.project.guides(), opened.project.locales()
    return f"{locales[0]}/{guides[0].stem}.ticket.pdf" if guides and locales else ""


# --- the inputs' fingerprint ---------------------------------------------------------------------


def input_folders(root: Path) -> list[Path]:
    """The folders an output of the project is made from (guides, catalogs, packs, images)."""
    project = open_project(root).project
    return [project.guide_dir, project.locales_dir, project.packs_dir, project.assets_dir]


def fingerprint(folders: list[Path], files: list[Path]) -> str:
    """A digest of every input file's path, size and modification time: it changes when any file
    is edited, added or removed (one `stat` per file: a project of a few hundred files costs
    well under a millisecond)."""
    digest = hashlib.sha256()
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                _add(digest, os.path.join(dirpath, name))
    for path in files:
        _add(digest, os.fspath(path))
    return digest.hexdigest()


def _add(digest: hashlib._Hash, path: str) -> None:
    try:
        st = os.stat(path)
    except OSError:
        digest.update(f"{path}\0-\n".encode())
        return
    digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())


# --- what the agent page offers --------------------------------------------------------------------


def choices(setup: Setup) -> dict[str, object]:
    """The guides (with their variables), packs, locales and tenants the agent page lists, and the
    path of every output a build writes (the PNG screens among them)."""
    from ..source.loader import load_guide
    from ..source.tenants import load_tenants

    opened = open_project(setup.root)
    project = opened.project
    guides = {}
    for path in project.guides():
        try:
            guide = load_guide(path, project.assets_dir)
        except GuideError:
            continue
        guides[path.stem] = {
            "title": str(guide.title),
            "variables": {name: str(v.kind) for name, v in guide.variables.items()},
        }
    tenants = []
    if setup.tenants is not None:
        try:
            for tenant in load_tenants(setup.tenants).tenants:
                name = str(tenant.values.get("organisation", tenant.id))
                tenants.append({"id": str(tenant.id), "name": name, "locales": [str(x) for x in tenant.locales]})
        except GuideError:
            pass
    outputs = opened.outputs(png=True, html=True)
    return {
        "guides": guides,
        "packs": [p.stem for p in project.packs()],
        "locales": project.locales(),
        "tenants": tenants,
        "screens": [p for p in outputs if p.endswith(".png")],
    }

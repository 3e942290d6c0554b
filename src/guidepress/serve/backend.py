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

import gc
import hashlib
import os
import signal
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from ..api import GuidesProject, NotFound, open_project
from ..errors import GuideError, display_path
from ..l10n.translator import fallback_chain

VALUES_AND_TENANTS = "values and tenants: put the values in the tenants file"
NO_PERSON = "not found: no person's document at this address"


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
    # a live preview's job (`watch_work`): every line the command line prints for it
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


class _Worker:
    """The worker process's one project (a process of its own: no other state shares it)."""

    setup: Setup | None = None
    project: GuidesProject | None = None
    problem: str = ""


def open_worker(setup: Setup, warm: str = "") -> None:
    """A worker's initializer: open the project and render one small output, so that fonts and
    catalogs are loaded before the first request. Ctrl-C reaches the whole process group: the
    worker ignores it and finishes its render; the server stops it when the requests are done.

    What the warm-up loaded (modules, fonts, catalogs, the guides) lives as long as the worker:
    it is frozen out of the cyclic collector's sight, and the collector runs after 10,000
    allocations rather than 700, as in the command line's build (`command.py`). A render
    allocates much and keeps little, and without this the collector's passes over the warm
    objects are a fifth of each render's time. What a render leaves is still collected: the
    memory stays flat (bench/bench_serve.py's soak)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _Worker.setup = setup
    try:
        _Worker.project = open_project(setup.root)
        if warm:
            _Worker.project.render(warm)
    except GuideError as exc:  # a broken guide: the others are still served; the request says what is wrong
        _Worker.problem = str(exc).splitlines()[0]
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def work(path: str, values: Mapping[str, str] | None, render: bool) -> Outcome:
    """Render (or, with `render=False`, only check) the output at `path` for these personal values."""
    project, setup = _Worker.project, _Worker.setup
    if project is None or setup is None:
        return Outcome(500, message=_Worker.problem or "the project did not open")
    known = project.project.known_locales()
    if values and shape(path, known).tenant:
        return Outcome(422, message=VALUES_AND_TENANTS)  # before a vars-<hash>/ folder is put in front
    target = personal_path(path, values) if values else path
    tenants = setup.tenants if shape(path, known).tenant else None
    person = bool(shape(path, known).person)
    try:
        if not render:
            project.resolve(target, values=values or None, tenants=tenants, people=setup.people)
            return Outcome(200)
        return Outcome(200, project.render(target, values=values or None, tenants=tenants, people=setup.people))
    except NotFound as exc:  # a person's: no ids suggested (the library's did-you-mean names other people)
        return Outcome(404, message=NO_PERSON if person else _one_line(exc).replace(target, path))
    except GuideError as exc:
        return Outcome(422, message=_one_line(exc).replace(target, path))


def watch_work(path: str) -> Outcome:
    """A live preview's render of `path` (no personal values): its bytes, and every line the
    command line prints for the job that writes them: a problem's lines (all of them, not the
    first: `path:line:col: message`), and its warnings (a page's job has none: the live board takes
    those of the PDF the page links, which it renders beside it)."""
    project, setup = _Worker.project, _Worker.setup
    if project is None or setup is None:
        return Outcome(500, message=_Worker.problem or "the project did not open")
    tenants = setup.tenants if shape(path, project.project.known_locales()).tenant else None
    try:
        body, warnings = project.render_with_warnings(path, tenants=tenants)
    except NotFound as exc:
        return Outcome(404, message=_one_line(exc), errors=tuple(str(exc).splitlines()))
    except GuideError as exc:
        return Outcome(422, message=_one_line(exc), errors=tuple(dict.fromkeys(str(exc).splitlines())))
    return Outcome(200, body, warnings=tuple(warnings))


def ping() -> Outcome:
    """A job that says which worker answered and whether its project opened."""
    return Outcome(200 if _Worker.project is not None else 500, message=_Worker.problem)


def _one_line(exc: GuideError) -> str:
    lines = str(exc).splitlines()
    return lines[0] + (f" (and {len(lines) - 1} more)" if len(lines) > 1 else "")


@dataclass(frozen=True)
class Shape:
    """Whom a path is for, read from its segments as `api.GuidesProject.resolve` reads them:
    `tenant` (a first folder that is no locale), `person` (a pack's file in the pack's folder)."""

    tenant: str = ""
    person: str = ""


def shape(path: str, known_locales: list[str] | frozenset[str]) -> Shape:
    """The tenant and the person a path names ("" for none), without opening anything: a person's
    address is `[<tenant>/|vars-<hash>/]<locale>/<pack>/<person>.<pdf|html…>` (a `.png` in a
    guide's folder is a screen)."""
    parts = path.split("/")
    tenant = ""
    if len(parts) >= 3 and parts[0] not in known_locales and not parts[0].startswith("vars-"):
        tenant = parts[0]
    person = ""
    if len(parts) >= 3 and parts[-3] in known_locales and not parts[-1].endswith(".png"):
        person = parts[-1].split(".", 1)[0]
    return Shape(tenant, person)


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


# --- who is served: the tenants and people files' good rows --------------------------------------


@dataclass(frozen=True)
class Served:
    """What a request is checked against before it reaches a worker: the locales an address may
    name, the tenants and people whose rows have no problem (the others are not served), and the
    problems of the tenants and people files, one line each as the command line prints them."""

    known_locales: frozenset[str]
    tenants: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    problems: tuple[str, ...] = ()


def served(setup: Setup) -> Served:
    """Plan a build of the tenants file and one of the people file, as the command line would:
    a row with a problem builds nothing, so it is left out; its problem is kept to be printed."""
    from ..batch.plan import plan_build
    from ..options import BuildOptions

    opened = open_project(setup.root)
    project = opened.project
    known = frozenset(project.known_locales())
    out = project.root / "build"
    tenants: set[str] = set()
    people: set[str] = set()
    problems: list[str] = []
    for batch in (setup.tenants, setup.people):
        if batch is None:
            continue
        as_tenants = batch == setup.tenants
        options = BuildOptions(
            out,
            png=False,
            html=False,
            tenants=batch if as_tenants else None,
            people=None if as_tenants else batch,
            packs=() if as_tenants else None,
        )
        plan = plan_build(project, options, (), opened.workspace.load_guide)
        files = [f.relative_to(out).as_posix() for job in plan.jobs for f in job.files]
        for name in files:
            found = shape(name, known)
            if as_tenants and found.tenant:
                tenants.add(found.tenant)
            if not as_tenants and found.person:
                people.add(found.person)
        where = (display_path(batch), "--tenant", f"--people {display_path(batch)}")
        problems += [str(e) for e in plan.errors if e.location.path.startswith(where)]
    return Served(known, frozenset(tenants), frozenset(people), tuple(dict.fromkeys(problems)))


# --- what the agent page offers --------------------------------------------------------------------


class GuideChoice(TypedDict):
    title: str
    variables: dict[str, str]  # a variable's name: its kind


class TenantChoice(TypedDict):
    id: str
    name: str
    locales: list[str]


class Choices(TypedDict):
    """What the agent page offers (and, as JSON, its script reads)."""

    guides: dict[str, GuideChoice]
    packs: list[str]
    locales: list[str]
    tenants: list[TenantChoice]
    screens: list[str]
    titles: dict[str, dict[str, str]]  # a page language: each guide's and pack's title in it


def choices(setup: Setup, good_tenants: frozenset[str] | None = None) -> Choices:
    """The guides (with their variables), packs, locales and tenants the agent page lists, the
    path of every output a build writes (the PNG screens among them), and each guide's and pack's
    title in each of the page's languages (`titles`: as the handouts translate it)."""
    from ..source.loader import load_guide
    from ..source.tenants import load_tenants
    from .words import PAGE_LOCALES

    opened = open_project(setup.root)
    project = opened.project
    guides: dict[str, GuideChoice] = {}
    for path in project.guides():
        try:
            guide = load_guide(path, project.assets_dir)
        except GuideError:
            continue
        guides[path.stem] = {
            "title": str(guide.title),
            "variables": {name: str(v.kind) for name, v in guide.variables.items()},
        }
    tenants: list[TenantChoice] = []
    if setup.tenants is not None:
        try:
            for tenant in load_tenants(setup.tenants).tenants:
                if good_tenants is not None and str(tenant.id) not in good_tenants:
                    continue  # a row with a problem is not served (its problem is on stderr)
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
        "titles": {locale: opened.titles(locale) for locale in PAGE_LOCALES},
    }


# --- what a changed input file changes (a live preview renders only that) -------------------------


@dataclass(frozen=True)
class InputLayout:
    """Where a project keeps its inputs, and the locales an output's path may name."""

    guides: Path
    packs: Path
    locales: Path
    assets: Path
    known_locales: frozenset[str]
    pack_ids: frozenset[str] = frozenset()  # the packs' ids (`packs/<id>.yaml`): a pack is made of any guide

    @property
    def folders(self) -> list[Path]:
        return [self.guides, self.locales, self.packs, self.assets]


def input_layout(root: Path) -> InputLayout:
    project = open_project(root).project
    known = frozenset(project.known_locales())
    packs = frozenset(p.stem for p in project.packs())
    return InputLayout(project.guide_dir, project.packs_dir, project.locales_dir, project.assets_dir, known, packs)


def changes_output(changed: Path, output: str, layout: InputLayout, tenants: Path | None = None) -> bool:
    """Whether the output at `output` (a path under build/) is made from the file `changed`: its
    guide or pack file (a pack's: any guide's), a catalog of its locale or of one its locale falls
    back to, the templates, glossary and quotes (every output), an image (every output: logos,
    screenshots), the tenants file (a tenant's outputs). A file that is no input (an editor's
    temporary file, a file under build/) changes nothing."""
    parts = output.split("/")
    tenant = bool(shape(output, layout.known_locales).tenant) or parts[0].startswith("vars-")
    locale = parts[1] if tenant and len(parts) > 1 else parts[0]
    subject = (parts[-2] if len(parts) - tenant == 3 else parts[-1]).split(".", 1)[0]
    if tenants is not None and changed == tenants:
        return tenant
    if changed.suffix.lower() not in INPUT_SUFFIXES:
        return False
    if _under(changed, layout.guides):
        if changed.parent != layout.guides or changed.suffix != ".yaml":
            return False
        return subject == changed.stem or subject in layout.pack_ids
    if _under(changed, layout.packs):
        return changed.parent == layout.packs and subject == changed.stem
    if _under(changed, layout.locales):
        inside = changed.relative_to(layout.locales).parts
        if len(inside) == 3 and inside[1] == "LC_MESSAGES":  # <locale>/LC_MESSAGES/<domain>.po
            return inside[0] in fallback_chain(locale)
        return True  # the templates (the pseudo-locale, what is untranslated), the glossary, the quotes
    return _under(changed, layout.assets)


# The files a build reads: guides, packs, tenants (YAML, CSV), catalogs and templates, the glossary,
# images. Anything else (`4913`, `x.yaml.swp`, `x.tmp`) is an editor's or a tool's.
INPUT_SUFFIXES = {".yaml", ".yml", ".po", ".pot", ".mo", ".tbx", ".csv", ".png", ".jpg", ".jpeg", ".svg", ".webp"}


def _under(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents

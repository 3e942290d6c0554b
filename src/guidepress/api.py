"""The Python API: an output's path under `build/` is its address, and `render` gives its bytes.

    import guidepress

    project = guidepress.open_project(".")
    pdf = project.render("nb/bankid-visma-connect.ticket.letter.pdf")
    page = project.render("fjordvik/nb/onboarding.html", tenants="examples/tenants.csv")

`render(path)` returns exactly the bytes the command line writes at `build/<path>`: it plans the
one job that writes that file with the command line's planner (`batch/plan.py`: the same checks
and the same located errors) and makes its bytes with the batch's own `build.render_job`, which
`run_job` writes to disk. `resolve(path)` parses and checks an address without rendering it (what
a server answers 404 to), and says its kind and cost. Every problem is a `GuideError` whose text is
one `path:line:col: message` line per problem; an address that names nothing (an unknown locale,
guide, pack, tenant, person, screen or file suffix, or a path that is no address at all) is its
subclass `NotFound`.

A `GuidesProject` keeps what it loaded (guides, catalogs, images, laid-out screens) in its
`Workspace` (`workspace.py`), keyed by what each was made from, so an edited guide, catalog or
logo shows in the next render; it may be shared between threads (renders of one project take
turns: they are CPU-bound Python).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TypedDict

from .common.output import Output, Paper, Profile
from .errors import GuideError, GuideErrors, Location, did_you_mean, display_path
from .kinds import all_kinds, kind
from .options import BuildOptions, locale_problem
from .project import Project

if TYPE_CHECKING:
    from .batch.jobs import Job

__all__ = ["Address", "GuideError", "GuidesProject", "NotFound", "open_project"]

PathLike = str | os.PathLike[str]


class NotFound(GuideError):
    """An address that names no output of the project (a server's 404)."""


@dataclass(frozen=True)
class Address:
    """An output's path under `build/`, parsed: what it is (`kind`, see `kinds.py`), in which
    locale, of which guide or pack (`subject`), for whom (`folder`: "", a tenant's id or
    `vars-<hash>`; `person`), and for a PDF or an HTML page the print choices its name states
    (`choices`, e.g. ("ticket", "letter")) and the output they make (`output`; a choice it does
    not state is the guide's, pack's or tenant's own, as in the command line's default build)."""

    path: str
    kind: str
    locale: str
    subject: str
    folder: str = ""
    person: str = ""
    output: Output | None = None  # a PDF's or page's choices, from its file name
    tenant: str = ""
    choices: tuple[str, ...] = ()  # the choices its file name states ("ticket", "letter", "simplex" …)

    @property
    def cost(self) -> int:
        """How long it takes to make, roughly, in the job list's units (a handout's PDF is 2)."""
        return kind(self.kind).cost


def open_project(root: PathLike = ".") -> GuidesProject:
    """The guides project at `root` (a folder with guide_src/, locales/ …)."""
    return GuidesProject(Path(root))


class GuidesProject:
    """A guides project opened for rendering: `render`, `resolve`, `outputs`."""

    def __init__(self, root: Path) -> None:
        from .workspace import Workspace

        self.project = Project(root.resolve())
        self.workspace = Workspace(self.project)
        if not self.project.guide_dir.is_dir():
            raise NotFound(Location(display_path(self.project.guide_dir)), "no guides folder: not a guides project")

    def render(
        self,
        output_path: PathLike,
        *,
        values: Mapping[str, str] | None = None,
        tenants: PathLike | None = None,
        people: PathLike | None = None,
    ) -> bytes:
        """The bytes the command line writes at `build/<output_path>`; `values` as with `--var`
        (the path then starts with their `vars-<hash>/`), `tenants` and `people` as with
        `--tenants` and `--people`. Raises `GuideError` (or `NotFound`) as the command line
        reports it."""
        return self.render_with_warnings(output_path, values=values, tenants=tenants, people=people)[0]

    def render_with_warnings(
        self,
        output_path: PathLike,
        *,
        values: Mapping[str, str] | None = None,
        tenants: PathLike | None = None,
        people: PathLike | None = None,
    ) -> tuple[bytes, list[str]]:
        """`render`'s bytes, and the warnings the command line prints for the job that writes
        them (`path:line:col: warning: message`, each once, in order; a page's job has none: its
        PDF's job says them). A live preview (`guidepress serve --watch`) shows them beside the page."""
        address, job = self._job(output_path, values, tenants, people)
        from .build import render_job
        from .pdf.hyphenation import remember_words

        with self.workspace.rendering():
            files, warnings = render_job(job, self.workspace, only=self._file(address))
            remember_words()  # the words this render hyphenated for the first time, into the disk cache
        lines = [warning.line(display_path(job.source)) for warning in warnings]
        return files[self._file(address)], list(dict.fromkeys(lines))

    def resolve(
        self,
        output_path: PathLike,
        *,
        values: Mapping[str, str] | None = None,
        tenants: PathLike | None = None,
        people: PathLike | None = None,
    ) -> Address:
        """The address parsed and checked against the project, without rendering: `NotFound`
        when it names nothing, `GuideError` when its inputs have a problem."""
        return self._job(output_path, values, tenants, people)[0]

    def outputs(
        self,
        *,
        values: Mapping[str, str] | None = None,
        tenants: PathLike | None = None,
        people: PathLike | None = None,
        png: bool = True,
        html: bool | None = None,
    ) -> list[str]:
        """The paths under `build/` a build with these options would write (as the command line
        without guide files: every guide and pack in every locale)."""
        from .batch.plan import plan_build

        options = BuildOptions(
            self._out_dir,
            variables=dict(values or {}),
            png=png,
            html=html,
            tenants=Path(tenants) if tenants is not None else None,
            people=Path(people) if people is not None else None,
            packs=None,
        )
        plan = plan_build(self.project, options, (), self.workspace.load_guide, **self._loaders)
        return sorted(f.relative_to(self._out_dir).as_posix() for job in plan.jobs for f in job.files)

    def translator_view(self, locale: str, guide: str, *, language: str = "en") -> bytes:
        """The translator view of a guide's HTML edition in `locale` (the pseudo-locale `qps-ploc`
        too): the page `render("<locale>/<guide>.html")` gives, each text that comes from a catalog
        showing its entry on hover and keyboard focus (the PO file and msgid line, msgctxt, msgid, its
        state), untranslated, fuzzy and refused texts marked, texts that came through no catalog
        outlined, and a box over each text of the screen pictures (those that do not fit their
        element outlined in red). `language` is the language of the view's own words (nb, nn or en).
        Its links are the server's addresses (`/<locale>/<guide>.html`, `/_translate/…`)."""
        from babel import UnknownLocaleError

        from .build import document_date, make_handout
        from .html.page import Edition
        from .html.translator_view import ViewLinks, render_translator_view
        from .l10n.origins import trace
        from .l10n.pseudo import PSEUDO_LOCALE
        from .l10n.translate import language_tag_and_name
        from .l10n.translator import translator_for
        from .serve.words import translator_page_words
        from .source.schema import ID_PATTERN

        where = Location(f"{locale}/{guide}.html")
        known = self.project.known_locales()
        if locale not in known:
            raise NotFound(where, locale_problem(locale, known))
        path = self.project.guide_dir / f"{guide}.yaml"
        if len(guide) > MAX_NAME or not ID_PATTERN.match(guide) or not path.is_file():
            have = sorted(p.stem for p in self.project.guides())
            raise NotFound(where, f"no guide {guide!r}{did_you_mean(guide, have)} (have: {', '.join(have) or 'none'})")
        loaded = self.workspace.load_guide(path, self.project.assets_dir)
        translator = translator_for(self.project.locales_dir, locale)
        editions = []
        for other in [o for o in self.project.locales() if o != locale]:
            try:
                tag, name = language_tag_and_name(other)
            except (ValueError, UnknownLocaleError):  # a folder Babel does not know: its own build says so
                continue
            editions.append(Edition(tag, name, f"../{other}/{guide}.html"))  # the other locales' views
        pseudo = locale == PSEUDO_LOCALE
        links = ViewLinks(f"/{locale}/{guide}.html", "" if pseudo else f"/_translate/{PSEUDO_LOCALE}/{guide}.html")
        with self.workspace.rendering():
            handout = make_handout(loaded, translator, {}, document_date(loaded)[0], self.workspace.layout)
            traced = trace(loaded, translator, handout.document)
            return render_translator_view(
                traced.document,
                traced.origins,
                traced.screens,
                handout.view_for,
                translator_page_words(language),
                traced.key,
                introduction=handout.introduction,
                editions=editions,
                pdf_name=f"/{locale}/{guide}.pdf",
                links=links,
                words_lang=language,
            )

    def titles(self, locale: str) -> dict[str, str]:
        """Each guide's and pack's title (by id) in `locale`, as its handouts show it: through the
        project's catalogs and their fallbacks (nn, then nb), a placeholder shown as '…' (it is
        an organisation's value). A locale the project has no catalogs for, and a guide or pack
        that does not load, show the source title."""
        from .l10n.translate import look_up, title_template
        from .l10n.translator import Translator, translator_for
        from .source.packs import load_pack

        try:
            translator = translator_for(self.project.locales_dir, locale)
        except GuideError:
            translator = Translator(locale, [])
        found: dict[str, str] = {}
        for path in self.project.guides():
            try:
                title = str(self.workspace.load_guide(path, self.project.assets_dir).title)
            except GuideError:
                continue
            found[path.stem] = title_template(look_up(translator, title).text)
        for path in self.project.packs():
            try:
                title = str(load_pack(path).title)
            except GuideError:
                continue
            found[path.stem] = title_template(look_up(translator, title).text)
        return found

    # --- addresses ------------------------------------------------------------------------------

    @property
    def _out_dir(self) -> Path:
        return self.project.root / "build"

    @property
    def _loaders(self) -> dict[str, Any]:
        """The tenants and people files as the workspace keeps them (read again when edited)."""
        return {"load_tenants": self.workspace.tenants, "load_people": self.workspace.people}

    def _file(self, address: Address) -> Path:
        return self._out_dir / address.path

    def _job(
        self,
        output_path: PathLike,
        values: Mapping[str, str] | None,
        tenants: PathLike | None,
        people: PathLike | None,
    ) -> tuple[Address, Job]:
        from .batch.plan import plan_build

        address = self._parse(output_path, values, tenants, people)
        options = self._options(address, values, tenants, people)
        refused = options.problems(self.project.known_locales())
        if refused:
            raise GuideError(Location(address.path), refused[0].message)
        of_guide = kind(address.kind).subject == "guide"
        guide_paths = [self.project.guide_dir / f"{address.subject}.yaml"] if of_guide else []
        plan = plan_build(self.project, options, guide_paths, self.workspace.load_guide, **self._loaders)
        target = self._file(address)
        for job in plan.jobs:
            if target in job.files:
                return address, job
        if plan.errors:
            raise GuideErrors(plan.errors)
        raise NotFound(Location(address.path), self._missing(address, plan.jobs))

    def _missing(self, address: Address, jobs: list[Job]) -> str:
        """Why a well-formed address names nothing a build writes."""
        made = [f.relative_to(self._out_dir).as_posix() for job in jobs for f in job.files]
        if address.kind == "png":
            folder = address.path.rsplit("/", 1)[0] + "/"
            screens = [p.removeprefix(folder) for p in made if p.startswith(folder) and p.endswith(".png")]
            name = address.path.rsplit("/", 1)[1]
            return f"no such screen{did_you_mean(name, screens)} (have: {', '.join(screens) or 'none'})"
        if address.person:
            return f"no person {address.person!r} in the people file{did_you_mean(address.person, _people(made))}"
        if address.tenant and not any(p.split("/")[1] == address.locale for p in made):
            return f"tenant {address.tenant!r} is not built in {address.locale}"
        if address.output is not None:  # its own `output:` (or its tenant's) makes other choices
            folder, name = address.path.rsplit("/", 1)
            ext = name.rsplit(".", 1)[1]
            stem = name.split(".", 1)[0]
            written = [
                p
                for p in made
                if p.rsplit("/", 1)[0] == folder and p.rsplit("/", 1)[1].split(".")[0] == stem and p.endswith(f".{ext}")
            ]
            if written:
                return f"a build writes {', '.join(written)} (its own or its tenant's output choices), not this file"
        return "no output of the project has this path"

    def _options(
        self,
        address: Address,
        values: Mapping[str, str] | None,
        tenants: PathLike | None,
        people: PathLike | None,
    ) -> BuildOptions:
        """The command line's options for a build that writes this address: the choices its name
        states, and None for the others (the guide's, pack's or tenant's own `output:` applies)."""
        stated = address.choices
        packs: tuple[str, ...] = (address.subject,) if address.kind in ("pack", "pack-html") else ()
        return BuildOptions(
            self._out_dir,
            locales=() if address.locale in self.project.locales() else (address.locale,),
            variables=dict(values or {}),
            png=address.kind == "png",
            html=address.kind in ("html", "pack-html"),
            profile="ticket" if "ticket" in stated else None,
            paper="letter" if "letter" in stated else None,
            booklet=True if "booklet" in stated else None,
            bleed=True if "bleed" in stated else None,
            simplex=True if "simplex" in stated else None,
            tenants=Path(tenants) if tenants is not None else None,
            tenant_ids=(address.tenant,) if address.tenant else (),
            people=Path(people) if people is not None and address.person else None,
            packs=packs,
            kinds=frozenset({address.kind}) if kind(address.kind).option else frozenset(),
        )

    def _parse(
        self,
        output_path: PathLike,
        values: Mapping[str, str] | None,
        tenants: PathLike | None,
        people: PathLike | None,
    ) -> Address:
        from .batch.audiences import default_audience
        from .source.people import PERSON_ID
        from .source.schema import ID_PATTERN

        path = _checked_path(output_path)
        parts = path.split("/")
        known = self.project.known_locales()

        def missing(message: str) -> NotFound:
            return NotFound(Location(path), message)

        folder = tenant = ""
        if parts[0].startswith("vars-"):
            folder = parts.pop(0)
            if not values:
                raise missing("a vars-<hash>/ folder holds the outputs of values given (values=)")
            made = default_audience(BuildOptions(Path(), variables=dict(values)), []).folder
            if folder != made:
                raise missing(f"not the folder of the values given (they make {made}/)")
        elif values:
            if tenants is not None:
                raise GuideError(Location(path), "values and tenants: put the values in the tenants file")
            made = default_audience(BuildOptions(Path(), variables=dict(values)), []).folder
            raise missing(f"the values given make their own folder: {made}/{path}")
        elif len(parts) >= 3 and parts[0] not in known:
            if tenants is None:
                raise missing(f"{parts[0]}: not a locale, and no tenants file (tenants=) for a tenant's output")
            tenant = folder = parts.pop(0)
            self._check_tenant(path, tenant, Path(tenants))
        if len(parts) not in (2, 3):
            raise missing(
                "not an output path (<locale>/<guide-or-pack>.<pdf|html>, <locale>/<guide>/NN-<screen>.png …)"
            )
        locale, *rest = parts
        if locale not in known:
            raise missing(locale_problem(locale, known))
        name = rest[-1]
        stem, dot, suffix = name.partition(".")  # suffix: "pdf", "ticket.letter.pdf", "ticket.html", "png"
        subject, person = (rest[0], stem) if len(rest) == 2 else (stem, "")
        if not dot or not (PERSON_ID if person and not suffix == "png" else ID_PATTERN).match(stem):
            raise missing(f"{name!r}: not a file name guidepress writes")
        if len(rest) == 2 and not ID_PATTERN.match(subject):
            raise missing(f"{subject!r}: not a guide's or pack's id")
        guide = (self.project.guide_dir / f"{subject}.yaml").is_file()
        pack = (self.project.packs_dir / f"{subject}.yaml").is_file()
        if not guide and not pack:
            have = sorted([p.stem for p in self.project.guides()] + [p.stem for p in self.project.packs()])
            raise missing(
                f"no guide or pack {subject!r}{did_you_mean(subject, have)} (have: {', '.join(have) or 'none'})"
            )
        output = None
        choices: tuple[str, ...] = ()
        ext = name.rsplit(".", 1)[-1]
        if ext in NAMED_EXTENSIONS:
            named = _named_output(name)
            if named is None:
                choice = "[.ticket][.letter][.simplex][.booklet][.bleed]"
                raise missing(f"{name!r}: unknown file suffix (a PDF or page is <id>{choice}.{ext})")
            choices, output = named
        if len(rest) == 2 and suffix == "png":
            if not guide:
                raise missing(f"no guide {subject!r}: PNG screens are a guide's")
            return Address(path, "png", locale, subject, folder, tenant=tenant)
        if output is None:  # another registered kind's file (`kinds/`)
            subject_kind = "guide" if guide else "pack"
            others = [k for k in all_kinds().values() if k.suffix == f".{suffix}" and k.subject == subject_kind]
            if not others or person:
                suffixes = ", ".join(sorted({k.suffix for k in all_kinds().values()}))
                raise missing(f"{name!r}: unknown file suffix (have: {suffixes}; a .png is in the guide's folder)")
            return Address(path, others[0].name, locale, subject, folder, tenant=tenant)
        pdf = ext == "pdf"
        made = ("pack" if pdf else "pack-html") if (pack and not guide) or person else ("pdf" if pdf else "html")
        if person:
            if not pack:
                raise missing(f"no pack {subject!r}: a person's output is a pack")
            if people is None:
                raise missing("a person's pack needs the people file (people=)")
        return Address(path, made, locale, subject, folder, person, output, tenant, choices)

    def _check_tenant(self, path: str, tenant: str, tenants: Path) -> None:
        """An unknown tenant is the command line's `--tenant` error (a file that does not load: the plan's).
        The file is read once while it is unchanged (`Workspace.tenants`)."""
        try:
            known = [str(t.id) for t in self.workspace.tenants(tenants).tenants]
        except GuideError:
            return
        if tenant not in known:
            where = display_path(tenants)
            raise NotFound(Location(path), f"no tenant {tenant!r} in {where}{did_you_mean(tenant, known)}")


def _people(paths: list[str]) -> list[str]:
    return [p.rsplit("/", 1)[1].split(".")[0] for p in paths]


# A print choice as its file name states it (`output.py`'s `Output.suffix`), and what it sets.
class _Choice(TypedDict, total=False):
    """The print choice a file name's suffix states: `Output`'s field and its value."""

    profile: Profile
    paper: Paper
    simplex: bool
    booklet: bool
    bleed: bool


SUFFIXES: dict[str, _Choice] = {
    "ticket": {"profile": "ticket"},
    "letter": {"paper": "letter"},
    "simplex": {"simplex": True},
    "booklet": {"booklet": True},
    "bleed": {"bleed": True},
}
# The files named `<id>.<choices>.<ext>`: a handout's or pack's PDF, and the HTML page that links it.
NAMED_EXTENSIONS = {"pdf": Output.file_name, "html": Output.page_name}


def _named_output(name: str) -> tuple[tuple[str, ...], Output] | None:
    """The print choices a PDF's or page's file name states (`<id>.ticket.letter.pdf`,
    `<id>.ticket.html`) and the output they make, or None if it is no name we write (an unknown
    choice, or the choices not in the order `Output` writes them)."""
    stem, *choices, ext = name.split(".")
    if ext not in NAMED_EXTENSIONS:
        return None
    output = Output()
    for part in choices:
        if part not in SUFFIXES:
            return None
        output = replace(output, **SUFFIXES[part])
    return (tuple(choices), output) if NAMED_EXTENSIONS[ext](output, stem) == name else None


MAX_NAME = 200  # bytes of one part of an output's path: `<guide-id>.ticket.letter.pdf` and the like


def _checked_path(output_path: PathLike) -> str:
    """A relative path of plain names, '/'-separated; anything else is no address."""
    text = os.fspath(output_path)
    shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)[:200] or "''"
    problem = ""
    if not text:
        problem = "an empty path"
    elif any(unicodedata.category(c)[0] == "C" for c in text):
        problem = "a path with a control character"
    elif "\\" in text:
        problem = "a path with a backslash"
    elif text.startswith("/") or PurePosixPath(text).is_absolute():
        problem = "an absolute path"
    elif any(part in ("", ".", "..") for part in text.split("/")):
        problem = "a path with an empty, '.' or '..' part"
    elif len(text) > 1000:
        problem = "a path far too long"
    elif any(len(part.encode()) > MAX_NAME for part in text.split("/")):
        problem = f"a name longer than {MAX_NAME} bytes"  # no file is named so (the file system's limit is 255)
    if problem:
        raise NotFound(Location(shown), f"not an output path: {problem}")
    return text

"""The job list's parts: for whom (`Audience`), what (`Job`) and how it went (`Outcome`).

A job is one output: a guide's PDF, its PNG screens, its HTML edition, or a pack's PDF or
HTML page, for one audience in one locale. It knows every file it writes before it runs,
so the manifest can tell whether it is up to date and a failure removes exactly those
files and nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..common.output import Output, Paper, Profile
from ..errors import CannotWrite, GuideError, GuideErrors, Location
from ..project import Project
from ..source.model import Guide, Screenshot
from ..source.packs import Pack

if TYPE_CHECKING:
    from ..source.people import Person

JobKind = str  # a registered output kind's name (`kinds/`): pdf, png, html, pack, pack-html …


@dataclass(frozen=True)
class Audience:
    """Whom outputs are for: the project's defaults, a tenant, or the values given with `--var`.

    `folder` is where its outputs go under the output folder ("" for the defaults, the tenant's
    id, or `vars-<hash>` named by the values, so no build replaces another's files)."""

    folder: str
    values: Mapping[str, str] = field(default_factory=dict)
    locales: tuple[str, ...] = ()
    choices: tuple[Profile | None, Paper | None] = (None, None)  # the tenant's profile and paper
    logo: Path | None = None
    logo_loc: Location | None = None
    fingerprint: str = ""  # a hash of everything above that changes an output's bytes
    tenant_id: str = ""

    @property
    def name(self) -> str:
        return self.tenant_id or self.folder or "default"


@dataclass(frozen=True)
class Job:
    """One output for one audience in one locale; `files` are every file it writes."""

    kind: JobKind
    locale: str
    audience: Audience
    output: Output
    source: Path  # the guide or pack file, for messages
    files: tuple[Path, ...]
    guide: Guide | None = None  # a guide's PDF or PNGs
    pack: Pack | None = None
    guides: tuple[Guide, ...] = ()  # the pack's guides, in order
    person: Person | None = None
    values: Mapping[str, str] = field(default_factory=dict)  # the audience's values and the person's
    person_values: Mapping[str, str] | None = None  # by people column, for the cover
    inputs: str = ""  # a hash of all the inputs (see manifest.py)
    project: Project | None = None

    @property
    def subject(self) -> str:
        """The guide's or pack's id (its file's name): the manifest notes it with each output."""
        return self.pack.id if self.pack is not None else self.guide.id if self.guide is not None else ""

    @property
    def group(self) -> str:
        """Jobs of one group share a translated handout, and go to the same shard."""
        person = self.person.id if self.person is not None else ""
        return f"{self.audience.folder}/{self.locale}/{self.subject}/{person}"

    def describe(self) -> str:
        """For a bug report: which output, never a person's data (their id only)."""
        who = f", tenant {self.audience.tenant_id}" if self.audience.tenant_id else ""
        person = f", person {self.person.id}" if self.person is not None else ""
        return f"{self.source} ({self.locale}, {self.kind.upper()}{who}{person})"


@dataclass(frozen=True)
class Outcome:
    """What one job did: the files it wrote, or the input errors that stopped it, or the
    report of a bug that stopped it (`crash`: a traceback, for a bug report)."""

    written: dict[Path, tuple[str, int]]  # each file written, with its SHA-256 and size
    warnings: list[str]
    errors: list[GuideError]
    crash: str = ""
    skipped: bool = False  # up to date: nothing was done
    cannot_write: CannotWrite | None = None  # the environment refused a file


def png_name(step_number: int, screen_id: str, last_step: int = 0) -> str:
    """A PNG screen's file name: the step number and the screen, e.g. `06-reset-request.png`; a
    picture several steps share names the first and the last: `05-07-absence-form.png`."""
    steps = f"{step_number:02d}" + (f"-{last_step:02d}" if last_step > step_number else "")
    return f"{steps}-{screen_id.replace('_', '-')}.png"


def screens_shown(guide: Guide, locale: str) -> list[tuple[int, int, str]]:
    """(first step, last step, screen) of every picture the guide shows in `locale`: the PNGs it
    makes. Steps are grouped as `document.step_blocks` groups the translated ones: consecutive
    steps of a section on the same screen share one picture, unless the earlier one ends with a
    checklist; a screenshot slot whose image the locale (and its fallbacks) lacks shows none."""
    from ..l10n.translator import fallback_chain

    chain = fallback_chain(locale)

    def shown(screen: str) -> bool:
        if not screen:
            return False
        found = guide.screens.get(screen)
        if isinstance(found, Screenshot):
            asset = guide.assets.get(found.image)
            return asset is not None and asset.for_locales(chain) is not None
        return True

    found: list[tuple[int, int, str]] = []
    number = 0
    for section in guide.sections:
        previous = None  # the section's last step, when it showed a picture
        for step in section.steps:
            number += 1
            if not shown(step.screen):
                previous = None
                continue
            if previous is not None and previous.screen == step.screen and not previous.checklist:
                first, _last, screen = found[-1]
                found[-1] = (first, number, screen)
            else:
                found.append((number, number, str(step.screen)))
            previous = step
    return found


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    errors: list[GuideError] = field(default_factory=list)
    remove: set[Path] = field(default_factory=set)  # what failed guides and tenants would have written
    remove_png_dirs: set[Path] = field(default_factory=set)  # PNG folders of guides that did not load
    batch: bool = False  # tenants or people: a summary, not a line per file
    audiences: int = 0
    failed_tenants: int = 0  # tenants whose row has a problem: none of their outputs is built
    failed_people: set[int] = field(default_factory=set)  # the people file's rows with a problem, by line
    broken_packs: list[str] = field(default_factory=list)  # packs with a guide that did not load
    # (id, folder) of guides and packs that did not load: the manifest knows what they wrote there
    unloaded: set[tuple[str, Path]] = field(default_factory=set)
    failed: int = 0  # PDFs not made because their guide or pack did not load (one per audience and locale)

    def fail(self, exc: GuideError) -> None:
        """Note an input problem (or several found together)."""
        self.errors += exc.errors if isinstance(exc, GuideErrors) else [exc]

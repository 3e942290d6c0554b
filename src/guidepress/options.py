"""BuildOptions: what one run of guidepress is asked to build, as plain values.

The command line fills it (`cli.py`); tests and other callers make one directly. The output
choices layer three ways: a guide's (or pack's) own `output:`, then a tenant's `profile` and
`paper`, then the command line's, each overriding the one before where it chose.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .common.output import Output, Paper, Profile
from .errors import GuideError, Location

if TYPE_CHECKING:
    from .source.model import Guide, OutputDefaults
    from .source.packs import Pack


@dataclass(frozen=True)
class Shard:
    """The K-th of N parts of a batch (1 ≤ K ≤ N)."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path
    locales: tuple[str, ...] = ()
    variables: Mapping[str, str] = field(default_factory=dict)
    png: bool = True
    html: bool | None = None  # the HTML edition too; None leaves it to the guide's `output: html:`
    jobs: int = 1  # processes building side by side (the command line offers the CPUs available)
    # The command line's output choices; None leaves the guide's own (or the default).
    profile: Profile | None = None
    paper: Paper | None = None
    booklet: bool | None = None
    bleed: bool | None = None
    simplex: bool | None = None
    # Batches: organisations, people, packs; what to rebuild; which part of the job list.
    tenants: Path | None = None
    tenant_ids: tuple[str, ...] = ()  # narrow the tenants file to these
    people: Path | None = None
    # The packs to build: () none; None every pack of packs/ unless guide files are named (the
    # command line's default)
    packs: tuple[str, ...] | None = ()
    force: bool = False  # rebuild outputs whose inputs are unchanged
    kinds: frozenset[str] = frozenset()  # output kinds built only when asked, by their option (`kinds/`)
    shard: Shard | None = None
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)  # (done, total) as jobs end

    def problems(self, known_locales: Sequence[str]) -> list[GuideError]:
        """What cannot be built as asked, whatever the inputs say: a locale with no catalog
        (`known_locales`: the project's and the pseudo-locale), choices that cannot be combined.
        The command line refuses these as usage errors, `build` and `render` with the same words."""
        found = []
        for locale in self.locales:
            if locale not in known_locales:
                found.append(GuideError(Location(f"--locale {locale}"), locale_problem(locale, known_locales)))
        problem = Output(
            self.profile or "print", booklet=bool(self.booklet), bleed=bool(self.bleed), simplex=bool(self.simplex)
        ).problem()
        if problem:
            chosen = [f"--profile {self.profile}" if self.profile else "", "--booklet" * bool(self.booklet)]
            chosen += ["--bleed" * bool(self.bleed), "--simplex" * bool(self.simplex)]
            found.append(GuideError(Location(" ".join(c for c in chosen if c)), problem))
        return found

    def html_for(self, guide: Guide | Pack | None) -> bool:
        """Whether this build writes a guide's HTML edition: the command line's --html, else the guide's own."""
        if self.html is not None:
            return self.html
        own = guide.output if guide is not None else None
        return bool(own is not None and own.html)

    def output_for(
        self, own: OutputDefaults | None, where: Location, tenant: tuple[Profile | None, Paper | None] = (None, None)
    ) -> Output:
        """The output of a guide or pack (`own`: its `output:` block, or None) for a tenant's choices
        and this build's; a combination that cannot be made is an error at `where`."""
        base = Output(own.profile, own.paper, own.booklet, own.bleed, own.simplex) if own is not None else Output()
        output = base.overridden(*tenant).overridden(self.profile, self.paper, self.booklet, self.bleed, self.simplex)
        problem = output.problem()
        if problem:
            raise GuideError(own.loc if own is not None else where, f"output: {problem}")
        return output


def locale_problem(locale: str, known_locales: Sequence[str]) -> str:
    """Why a locale cannot be built: it has no catalog."""
    return f"no catalog locales/{locale}/LC_MESSAGES/ (have: {', '.join(known_locales)})"

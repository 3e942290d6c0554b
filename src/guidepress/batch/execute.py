"""run_plan: the planned jobs that are not up to date, on the worker pool, and the manifest kept.

The jobs of a group (one audience, locale and guide or pack) run one after another in one
worker, so they translate their handout once. The longest groups go first (a locale's PNG
screens take about twice its PDF), so no worker is left alone with a long one at the end;
outcomes come back in the jobs' order, so a build on two workers reports and writes exactly
what a build on one does. When any job of a group fails, every file of that group goes, so
no stale output stands beside a failed one, and its manifest entries go with them. A guide's
PNG screens (and page) that its last build wrote and this one no longer writes (renumbered
when a step was added) go too, as the manifest lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CannotWrite, GuideError
from ..kinds import kind
from ..options import BuildOptions
from .jobs import Job, Outcome
from .manifest import Manifest
from .parallel import run_jobs
from .plan import Plan


def _counted(job: Job) -> bool:
    """Whether a summary counts the job's output: handouts and packs (not their PNGs or pages)."""
    return kind(job.kind).counted


def _replaces(job: Job) -> bool:
    """Whether the job's set of files is its alone, whatever the output choices (a guide's PNG
    screens): what it wrote last time and no longer writes goes."""
    return kind(job.kind).replaces


@dataclass(frozen=True)
class _Unit:
    """Runs a group's jobs in order, in one worker, then `after` (the hyphenation cache kept)."""

    run_job: Callable[[Job], Outcome]
    after: Callable[[], None] | None = None

    def __call__(self, unit: list[Job]) -> list[Outcome]:
        outcomes = [self.run_job(job) for job in unit]
        if self.after is not None:
            self.after()
        return outcomes


@dataclass
class Tally:
    """What a build did, for its report: files written, outputs built, skipped and failed."""

    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[GuideError] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    cannot_write: list[CannotWrite] = field(default_factory=list)
    built: int = 0  # PDFs: handouts and packs
    up_to_date: int = 0  # outputs skipped, their inputs unchanged
    failed: int = 0  # outputs not made


def remove_files(files: Set[Path], png_dirs: Set[Path] = frozenset()) -> list[CannotWrite]:
    """Remove these files (and these folders' PNGs); a folder left empty goes too. A file that
    cannot be removed (a folder in its place, a read-only disk) is left, and named in the list
    returned; the others still go."""
    folders = set(png_dirs)
    refused: list[CannotWrite] = []

    def unlink(path: Path) -> None:
        try:
            path.unlink(missing_ok=True)
        except NotADirectoryError:  # a file where a folder of ours would be: it holds nothing of ours
            pass
        except OSError as exc:
            refused.append(CannotWrite(path, exc.strerror or str(exc)))

    for path in sorted(files):
        unlink(path)
        folders.add(path.parent)
    for folder in sorted(png_dirs):
        try:
            pngs = sorted(folder.glob("*.png")) if folder.is_dir() else []
        except OSError:  # a folder that cannot be read holds nothing we could remove
            continue
        for png in pngs:
            unlink(png)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        try:
            if folder.is_dir() and folder.name not in ("", ".") and not any(folder.iterdir()):
                folder.rmdir()
        except OSError:  # a folder that cannot be read or removed: left as it is, and no file of ours is in it
            continue
    by_folder: dict[tuple[Path, str], list[CannotWrite]] = {}
    for problem in refused:  # a read-only folder is one line, not one per file in it
        by_folder.setdefault((problem.path.parent, problem.reason), []).append(problem)
    return [found[0] if len(found) == 1 else CannotWrite(where, why) for (where, why), found in by_folder.items()]


def run_plan(
    plan: Plan,
    options: BuildOptions,
    run_job: Callable[[Job], Outcome],
    lost: Callable[[Job], Outcome],
    after_unit: Callable[[], None] | None = None,
) -> Tally:
    tally = Tally(errors=list(plan.errors), failed=plan.failed)  # a guide that did not load: its PDFs failed
    manifest = Manifest.read(options.out_dir, options.shard)
    if manifest.problem:
        tally.warnings.append(manifest.problem)
    remove = plan.remove.union(*(manifest.written_by(source, folder) for source, folder in plan.unloaded))
    tally.cannot_write += remove_files({f for f in remove if f.parent.is_dir()}, plan.remove_png_dirs)
    manifest.forget(remove)
    todo = []
    for job in plan.jobs:
        if not options.force and manifest.up_to_date(job.files, job.inputs):
            tally.up_to_date += _counted(job)
        else:
            todo.append(job)
    units: dict[str, list[Job]] = {}
    for job in todo:
        units.setdefault(job.group, []).append(job)
    longest_first = sorted(units.values(), key=lambda unit: -sum(kind(job.kind).cost for job in unit))
    report = options.progress
    done = (lambda n: report(n, len(units))) if report is not None else None
    if report is not None:
        report(0, len(units))
    ran = run_jobs(
        _Unit(run_job, after_unit),
        longest_first,
        options.jobs,
        lost=lambda unit: [lost(job) for job in unit],
        done=done,
    )
    outcomes = {unit[0].group: unit_outcomes for unit, unit_outcomes in zip(longest_first, ran, strict=True)}
    for group, unit in units.items():  # in the jobs' order, however the workers took them
        parts = list(zip(unit, outcomes[group], strict=True))
        failed = next(
            (outcome for _, outcome in parts if outcome.errors or outcome.crash or outcome.cannot_write), None
        )
        if failed:  # the first part that failed speaks for the group; the other parts' files go too
            tally.errors += failed.errors
            tally.crashes += [failed.crash] if failed.crash else []
            tally.cannot_write += [failed.cannot_write] if failed.cannot_write else []
            tally.failed += sum(_counted(job) for job, _ in parts)
            files = {f for job, _ in parts for f in job.files}
            refused = remove_files(files)
            if not failed.cannot_write:  # a stale file stands beside a failed output: say so
                tally.cannot_write += refused
            manifest.forget(files)
            continue
        for job, outcome in parts:
            tally.written += list(outcome.written)
            tally.warnings += outcome.warnings
            tally.built += _counted(job)
            if _replaces(job):  # what the job wrote last time and no longer writes goes
                replaced = manifest.replaced(job.files, job.subject)
                tally.cannot_write += remove_files(replaced)
                manifest.forget(replaced)
            manifest.record(outcome.written, job.inputs, job.subject)
    # a problem is said once: a guide's warning (at its catalog entry or its text) comes again from
    # each pack that binds the guide, and from each tenant's build of it
    tally.warnings = list(dict.fromkeys(tally.warnings))
    if todo or remove or ((plan.jobs or options.shard) and not manifest.path.exists()):
        try:
            manifest.write()
        except CannotWrite as exc:  # the output folder itself; when outputs were refused too, they said it
            if not tally.cannot_write:
                tally.cannot_write.append(exc)
    return tally

"""The command line: parse arguments, call `build`, print one line per file or problem.

Exit status: 0 built, 1 an input is wrong (each problem one `path:line:col: message`
line on stderr), 2 a usage error (argparse's own), 70 a bug in guidepress (its traceback
on stderr; the other handouts are still built), 73 a file cannot be written (`init`),
130 interrupted (143 terminated, see `command.py`). `--status` prints the catalogs'
status and exits 0; `--strict` checks the translations first (`strict.check_strict`) and
fails with one `path:line: message` line per problem, building nothing.
`guidepress init [DIR]` writes a new guides project (`scaffold.py`); `guidepress serve`
answers output paths over HTTP (`serve/`). A batch (`--tenants`,
`--people`) prints no line per file: a progress bar on a terminal, else one summary line
(`batch/progress.py`).
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

from ..batch.parallel import available_cpus
from ..batch.shard import parse_shard
from ..build import BuildOptions, build
from ..common.output import PAPERS, PROFILES
from ..errors import CannotWrite, GuideError, did_you_mean, display_path
from ..kinds import OutputKind, all_kinds
from ..l10n.pseudo import PSEUDO_LOCALE
from ..options import Shard
from ..project import Project
from ..source.model import guide_json_schema

INTERNAL_ERROR = 70  # a bug in guidepress (EX_SOFTWARE in sysexits.h), not a problem in the input
CANNOT_WRITE = 73  # an output file cannot be created (EX_CANTCREAT): the user's environment, not a bug


def _var(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def _shard(text: str) -> Shard:
    try:
        return parse_shard(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def screenshot_slots(project: Project, guides: list[Path]) -> str:
    """The optional screenshots still without their image, for `--status` (a guide that does not
    load is left to the build to report)."""
    from ..source.loader import load_guide
    from ..source.located import LocStr
    from ..source.model import Screenshot

    lines = []
    for path in guides:
        try:
            guide = load_guide(path, project.assets_dir)
        except GuideError:
            continue
        for screen in guide.screens.values():
            if not isinstance(screen, Screenshot) or not screen.optional:
                continue
            asset = guide.assets[screen.image]
            if asset.source is None:
                own = (
                    f"; only {', '.join(sorted(asset.variants))} {'has' if len(asset.variants) == 1 else 'have'} one"
                    if asset.variants
                    else ""
                )
                where = screen.image.loc if isinstance(screen.image, LocStr) else screen.loc
                lines.append(f"  {where}  {display_path(project.assets_dir / screen.image)}{own}")
    if not lines:
        return ""
    return (
        "\nScreenshot slots without their image (those steps read as text until it is there):\n"
        + "\n".join(lines)
        + "\n"
    )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="guidepress",
        description="Build annotated PDF handouts from the guides in guide_src/, in every locale under locales/.",
        epilog="To start a new guides project: guidepress init DIR. To answer output paths over HTTP: guidepress "
        "serve. To translate the handout's own words in a project: guidepress words-template -o locales/guidepress.pot",
    )
    p.add_argument("guides", nargs="*", type=Path, help="guide files to build (default: every guide_src/*.yaml)")
    p.add_argument(
        "--locale",
        action="append",
        default=[],
        metavar="LOCALE",
        help=f"build only this locale (repeatable; default: every catalog under locales/; "
        f"{PSEUDO_LOCALE} is the pseudo-locale made from the template)",
    )
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help="output folder (default: build/)")
    p.add_argument(
        "--var",
        action="append",
        type=_var,
        default=[],
        metavar="NAME=VALUE",
        help="set a guide variable for this build, e.g. --var organisation='Acme AS' (repeatable)",
    )
    p.add_argument(
        "--profile",
        choices=PROFILES,
        default=None,
        help="print: binding margins and boxes for a pen (default); ticket: fillable checkboxes, "
        "for a support ticket or a screen",
    )
    p.add_argument("--paper", choices=PAPERS, default=None, help="paper size (default: a4)")
    p.add_argument(
        "--booklet",
        action="store_true",
        default=None,
        help="A5 pages imposed two to a sheet, to print duplex on the short edge and fold "
        "(print profile only; not with --bleed)",
    )
    p.add_argument(
        "--bleed",
        action="store_true",
        default=None,
        help="3 mm bleed with crop marks and TrimBox/BleedBox, for a print shop (print profile only; "
        "not with --booklet)",
    )
    p.add_argument(
        "--simplex",
        action="store_true",
        default=None,
        help="for a single-sided printer: a pack's guides start on any page, with no blank backs, and "
        "the margins are not mirrored (print profile only; not with --booklet)",
    )
    p.add_argument("--no-png", action="store_true", help="write only the PDFs, not the PNG screens")
    p.add_argument(
        "--html",
        action="store_true",
        default=None,
        help="also write each handout's and pack's accessible HTML edition, build/<locale>/<id>.html: one "
        "self-contained page, linked to its other languages",
    )
    for kind in all_kinds().values():  # a kind of output made only when asked for (`kinds/`)
        if kind.option:
            p.add_argument(kind.option, dest=_kind_dest(kind), action="store_true", help=kind.description)
    p.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help=f"build up to N handouts side by side (default: the CPUs available, here {available_cpus()})",
    )
    p.add_argument(
        "--status", action="store_true", help="print what each catalog translates, and what is left to do, and exit"
    )
    p.add_argument(
        "--translator-pictures",
        action="store_true",
        help="write a picture of where each message appears on a screen (OUT/translators/…png, named by the "
        "template's '#. picture:' comments), and exit",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 1) on any translation problem: untranslated or fuzzy messages, placeholders, "
        "markup, control characters, plural forms, UI labels that do not fit",
    )
    p.add_argument(
        "--print-schema",
        nargs="?",
        const="guide",
        choices=("guide", "pack", "tenants"),
        metavar="guide|pack|tenants",
        help="print the JSON Schema of a guide (default), a pack or a YAML tenants file (schema/) and exit",
    )
    _batch_arguments(p)
    p.add_argument("--root", type=Path, default=Path("."), help=argparse.SUPPRESS)
    return p


def _kind_dest(kind: OutputKind) -> str:
    return "kind_" + kind.name.replace("-", "_")


def _batch_arguments(p: argparse.ArgumentParser) -> None:
    """Options for batches: tenants, packs, people, incremental builds, shards, progress."""
    batch = p.add_argument_group("batches: many organisations and people in one run")
    batch.add_argument(
        "--tenants",
        type=Path,
        metavar="FILE",
        help="build for every organisation in this CSV or YAML file, into build/<tenant-id>/<locale>/",
    )
    batch.add_argument(
        "--tenant", action="append", default=[], metavar="ID", help="only this tenant of --tenants (repeatable)"
    )
    batch.add_argument(
        "--pack",
        action="append",
        default=None,
        metavar="ID",
        help="build this pack of packs/ (repeatable; default: every pack, unless guide files are named)",
    )
    batch.add_argument(
        "--people",
        type=Path,
        metavar="FILE",
        help="one pack per person in this CSV file, with their values filled in (columns the pack declares)",
    )
    batch.add_argument(
        "--force", action="store_true", help="rebuild every output, even those whose inputs are unchanged"
    )
    batch.add_argument(
        "--shard",
        type=_shard,
        metavar="K/N",
        help="build only the K-th of N parts of the job list (index/N: K from JOB_COMPLETION_INDEX)",
    )
    batch.add_argument("--quiet", "-q", action="store_true", help="no progress bar; one summary line at the end")
    batch.add_argument("--verbose", "-v", action="store_true", help="in a batch too, a line for each file written")


def refuse(message: str) -> NoReturn:
    """A usage error in one line (the usage banner is for a malformed command line, which argparse
    reports itself): `guidepress: error: --locale de: no catalog …`, exit status 2."""
    print(f"guidepress: error: {message}", file=sys.stderr)
    raise SystemExit(2)


def init_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="guidepress init",
        description="Start a new guides project: a starter guide in guide_src/, its template and nb, nn and en "
        "catalogs in locales/, babel.cfg, the guide format's schema and a README with the commands. "
        "No file that exists is overwritten.",
    )
    p.add_argument("dir", nargs="?", type=Path, default=Path("."), help="the project's folder (default: here)")
    return p


def words_template_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="guidepress words-template",
        description="Write the template of the handout's own words (headings, 'Tip:', 'Page X of Y', the text "
        "alternatives' patterns), from which a project makes locales/<locale>/LC_MESSAGES/guidepress.po to add a "
        "language or word them its own way (pybabel init/update -D guidepress).",
    )
    p.add_argument(
        "-o", "--output", type=Path, default=None, help="the file to write (default: the template on stdout)"
    )
    return p


def run_words_template(args: argparse.Namespace) -> int:
    from ..common.write import write_atomic
    from ..l10n.words import words_template_text

    data = words_template_text()
    if args.output is None:
        sys.stdout.buffer.write(data)
        return 0
    try:
        write_atomic(args.output, data)
    except CannotWrite as exc:
        print(exc, file=sys.stderr)
        return CANNOT_WRITE
    _say(f"wrote {display_path(args.output)}")
    return 0


def main(argv: list[str] | None = None, before_jobs: Callable[[], None] | None = None) -> int:
    """The command line; `before_jobs`: what the process does once the inputs are loaded (`build`)."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["init"]:
            return run_init(init_parser().parse_args(argv[1:]))
        if argv[:1] == ["words-template"]:
            return run_words_template(words_template_parser().parse_args(argv[1:]))
        if argv[:1] == ["serve"]:
            return run_serve(argv[1:])
        return run(parser().parse_args(argv), before_jobs)
    except KeyboardInterrupt:  # every file is written whole or not at all, so there is nothing to clean up
        print("guidepress: interrupted", file=sys.stderr)
        return 130


def run(args: argparse.Namespace, before_jobs: Callable[[], None] | None = None) -> int:
    if args.print_schema:
        from ..source.packs import pack_json_schema
        from ..source.tenants import tenants_json_schema

        schemas = {"guide": guide_json_schema, "pack": pack_json_schema, "tenants": tenants_json_schema}
        sys.stdout.write(schemas[args.print_schema]())
        return 0
    project = Project(args.root.resolve() if args.root != Path(".") else Path.cwd())
    if not args.guides and not project.guides():
        hint = "" if project.guide_dir.is_dir() else " (is this a guides project? `guidepress init DIR` starts one)"
        refuse(f"no guides in {display_path(project.guide_dir)}/{hint}")
    known = project.known_locales()
    for problem in BuildOptions(Path(), tuple(args.locale)).problems(known):  # the library refuses them alike
        refuse(str(problem))
    if args.translator_pictures:
        return run_translator_pictures(project, args)
    if args.status:
        from ..l10n.status import status_report  # only the translators' commands need these

        unreadable: list[GuideError] = []  # reported in the report too, which goes on past them
        try:
            sys.stdout.write(
                status_report(project.locales_dir, args.locale, [p.stem for p in args.guides], errors=unreadable)
            )
        except GuideError as exc:
            print(exc, file=sys.stderr)
            return 1
        sys.stdout.write(screenshot_slots(project, args.guides or project.guides()))
        for line in dict.fromkeys(map(str, unreadable)):
            print(line, file=sys.stderr)
        return 1 if unreadable else 0
    chosen = BuildOptions(Path(), profile=args.profile, booklet=args.booklet, bleed=args.bleed, simplex=args.simplex)
    for problem in chosen.problems(known):
        refuse(str(problem))
    if args.var and args.tenants:
        refuse("--var and --tenants: put the values in the tenants file")
    if args.tenant and not args.tenants:
        refuse("--tenant needs --tenants FILE")
    _check_names(project, args)
    options = BuildOptions(
        out_dir=args.out or project.root / "build",
        locales=tuple(args.locale),
        variables=dict(args.var),
        png=not args.no_png,
        html=args.html,
        profile=args.profile,
        paper=args.paper,
        booklet=args.booklet,
        bleed=args.bleed,
        simplex=args.simplex,
        jobs=args.jobs or available_cpus(),
        tenants=args.tenants,
        tenant_ids=tuple(args.tenant),
        people=args.people,
        packs=tuple(args.pack) if args.pack is not None else None,
        force=args.force,
        shard=args.shard,
        kinds=frozenset(k.name for k in all_kinds().values() if k.option and getattr(args, _kind_dest(k))),
    )
    if args.strict:
        from .strict import check_strict

        strict = check_strict(project, options.locales, args.guides, options.variables, options.packs)
        if strict.failed_locales:  # nothing is built, and nothing an earlier build made is touched
            for line in strict.lines():
                print(line, file=sys.stderr)
            return 1
    return report_build(project, options, args, before_jobs)


def _check_names(project: Project, args: argparse.Namespace) -> None:
    """A --pack or --tenant that names nothing is a usage error, before anything is built."""
    packs = [p.stem for p in project.packs()]
    for pack_id in args.pack or ():
        if pack_id not in packs:
            path = display_path(project.packs_dir / f"{pack_id}.yaml")
            have = ", ".join(packs) or "none"
            refuse(f"--pack {pack_id}: no {path}{did_you_mean(pack_id, packs)} (have: {have})")
    if not args.tenant:
        return
    from ..source.tenants import load_tenants

    try:
        known = [str(t.id) for t in load_tenants(args.tenants).tenants]
    except GuideError:  # the build reports what is wrong with the file
        return
    for tenant_id in args.tenant:
        if tenant_id not in known:
            where = display_path(args.tenants)
            refuse(f"--tenant {tenant_id}: no tenant with this id in {where}{did_you_mean(tenant_id, known)}")


def report_build(
    project: Project, options: BuildOptions, args: argparse.Namespace, before_jobs: Callable[[], None] | None = None
) -> int:
    """Run the build; a plain build says what it wrote, a batch shows a progress bar or one summary line."""
    import time

    from ..batch.progress import ProgressBar, summary, wants_bar

    batch = bool(options.tenants or options.people)
    bar = ProgressBar(sys.stderr) if batch and wants_bar(sys.stderr, args.quiet) else None
    if bar is not None:
        options = replace(options, progress=bar)
    start = time.monotonic()
    try:
        report = build(project, options, args.guides, before_jobs)
    finally:
        if bar is not None:
            bar.finish()
    if (not batch or args.verbose) and not args.quiet:
        kinds = all_kinds().values()
        each_file = {k.suffix for k in kinds if not k.noun}  # a line per file; a kind with a noun, one line
        for path in report.written:
            if path.suffix in each_file:
                _say(f"wrote {display_path(path)} ({path.stat().st_size // 1024} KB)")
        for noun, suffix in dict.fromkeys((k.noun, k.suffix) for k in kinds if k.noun):
            files = [p for p in report.written if p.suffix == suffix]
            if files:  # under the folder of whom they are for: build/, build/vars-…/ or build/<tenant>/
                under = Path(os.path.commonpath([p.parent.parent.parent for p in files]))
                _say(f"wrote {len(files)} {noun}{'' if len(files) == 1 else 's'} under {display_path(under)}/")
        if report.up_to_date:
            _say(f"{report.up_to_date} up to date under {display_path(options.out_dir)}/ (--force rebuilds them)")
    for warning in dict.fromkeys(report.warnings):
        print(warning, file=sys.stderr)
    for error in dict.fromkeys(str(e) for e in report.errors):
        print(error, file=sys.stderr)
    for problem in dict.fromkeys(str(problem) for problem in report.cannot_write):
        print(problem, file=sys.stderr)
    for crash in report.crashes:
        print(f"guidepress: internal error (a bug; please report it with what follows): {crash}", file=sys.stderr)
    if batch or args.quiet:
        shard = str(options.shard) if options.shard else ""
        seconds = time.monotonic() - start
        line = summary(
            report.built,
            report.up_to_date,
            report.failed,
            seconds,
            report.audiences,
            shard,
            report.failed_tenants,
            report.failed_people,
        )
        print(line, file=sys.stderr)
    if report.crashes:
        return INTERNAL_ERROR
    if report.cannot_write:
        return CANNOT_WRITE
    return 1 if report.errors or (args.strict and report.warnings) else 0


def run_translator_pictures(project: Project, args: argparse.Namespace) -> int:
    from .translator_pictures import write_translator_pictures

    out = args.out or project.root / "build"
    try:
        report = write_translator_pictures(project, list(args.guides) or project.guides(), out)
    except CannotWrite as exc:
        print(exc, file=sys.stderr)
        return CANNOT_WRITE
    for error in report.errors:
        print(error, file=sys.stderr)
    _say(f"wrote {len(report.written)} translator pictures under {display_path(out / 'translators')}/")
    return 1 if report.errors else 0


def run_serve(argv: list[str]) -> int:
    """`guidepress serve` (serve/command.py), with its parts installed: `pip install 'guidepress[serve]'`."""
    try:
        from ..serve.command import main as serve
    except ImportError as exc:
        print(f"guidepress serve needs {exc.name}: pip install 'guidepress[serve]'", file=sys.stderr)
        return 2
    return serve(argv)


def run_init(args: argparse.Namespace) -> int:
    from .scaffold import init_project

    try:
        written = init_project(args.dir)
    except GuideError as exc:
        print(exc, file=sys.stderr)
        return 1
    except CannotWrite as exc:
        print(exc, file=sys.stderr)
        return CANNOT_WRITE
    for path in written:
        _say(f"wrote {display_path(path)}")
    here = display_path(args.dir)
    _say("next: guidepress" if here == "." else f"next: cd {shlex.quote(here)} && guidepress")
    return 0


def _say(line: str) -> None:
    """A line on stdout. If its reader has gone (`| head`), the rest of stdout goes nowhere,
    and the warnings and errors on stderr still come out whole."""
    try:
        print(line)
    except BrokenPipeError:
        stdout_gone()


def stdout_gone() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)

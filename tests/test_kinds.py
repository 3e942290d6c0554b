"""Output kinds are registered objects: every kind is reachable from the command line, from `render`
and from the summary, and a new kind is its module and one registration."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import guidepress
from conftest import GUIDE_ID, ROOT
from guidepress.batch.plan import plan_build
from guidepress.cli.main import main, parser
from guidepress.common.output import Output
from guidepress.kinds import BUILTIN, OutputKind, Place, all_kinds, register, unregister
from guidepress.options import BuildOptions
from guidepress.project import Project


def test_every_kind_is_reachable_from_the_command_line_render_and_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kinds = all_kinds()
    assert [f"guidepress.kinds.{module}" for module in ("handout", "screens", "page", "pack", "pack_page")] == list(
        BUILTIN
    )
    assert list(kinds) == ["pdf", "png", "html", "pack", "pack-html"]
    # the command line: a build with --html plans a job of every kind
    options = BuildOptions(tmp_path, ("en",), html=True, packs=None)
    plan = plan_build(Project(ROOT), options)
    assert {job.kind for job in plan.jobs} == set(kinds)
    # render: one file of each kind's jobs, resolved back to its kind
    opened = guidepress.open_project(ROOT)
    for name in kinds:
        job = next(job for job in plan.jobs if job.kind == name)
        address = opened.resolve(job.files[0].relative_to(tmp_path).as_posix())
        assert address.kind == name and address.cost == kinds[name].cost
    # the summary: the command line says what it wrote of every kind
    assert main(["--root", str(ROOT), "--out", str(tmp_path), "--html", "--locale", "en", "-j", "1"]) == 0
    said = capsys.readouterr().out
    for kind in kinds.values():
        shown = f"{kind.suffix} (" if not kind.noun else f" {kind.noun}s under "
        assert shown in said, (kind.name, said)


def _outline(job: object, workspace: object, only: Path | None) -> tuple[dict[Path, bytes], list[object]]:
    """The toy kind's render: the guide's title and section titles, translated, as text."""
    from guidepress import build

    handout = build.guide_handout(job, job.guide, workspace)  # type: ignore[attr-defined,arg-type]
    document = handout.document
    text = "\n".join([document.title, *(f"- {section.title}" for section in document.sections)]) + "\n"
    return {job.files[0]: text.encode()}, []  # type: ignore[attr-defined]


# The toy kind, as its own module would declare it: nothing else in guidepress changes for it.
OUTLINE = OutputKind(
    "outline",
    "guide",
    ".txt",
    cost=1,
    render=_outline,
    files=lambda place: (place.folder / f"{place.name}.txt",),
    wanted=lambda options, guide: "outline" in options.kinds,
    description="with --outline, the guide's sections as text, build/<locale>/<guide-id>.txt",
    option="--outline",
)


@pytest.fixture
def outline() -> Iterator[OutputKind]:
    register(OUTLINE)  # the one registration line
    yield OUTLINE
    unregister(OUTLINE.name)


def test_a_new_kind_is_its_module_and_one_registration(
    outline: OutputKind, scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "--outline" in parser().format_help()
    out = scratch / "build"
    assert main(["--root", str(scratch), "--out", str(out), "--outline", "--no-png", "--locale", "en", "-j", "1"]) == 0
    written = out / "en" / f"{GUIDE_ID}.txt"
    assert written.read_text(encoding="utf-8").startswith("Link BankID to your Visma account\n- ")
    assert f"wrote {written} (0 KB)" in capsys.readouterr().out.splitlines()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert f"en/{GUIDE_ID}.txt" in json.dumps(manifest)
    opened = guidepress.open_project(scratch)
    assert opened.resolve(f"en/{GUIDE_ID}.txt").kind == "outline"
    assert opened.render(f"en/{GUIDE_ID}.txt") == written.read_bytes()
    # the manifest knows it: the next build with the option leaves it (and the PDF, which it counts) as they are
    before = written.stat().st_mtime_ns
    assert main(["--root", str(scratch), "--out", str(out), "--outline", "--no-png", "--locale", "en"]) == 0
    said = capsys.readouterr().out
    assert "wrote" not in said and "1 up to date under" in said and written.stat().st_mtime_ns == before


def test_a_kind_without_its_option_is_not_built(outline: OutputKind, tmp_path: Path) -> None:
    plan = plan_build(Project(ROOT), BuildOptions(tmp_path, ("en",), png=False))
    assert "outline" not in {job.kind for job in plan.jobs}
    plan = plan_build(Project(ROOT), BuildOptions(tmp_path, ("en",), png=False, kinds=frozenset({"outline"})))
    assert {f.name for job in plan.jobs if job.kind == "outline" for f in job.files} == {
        f"{p.stem}.txt" for p in (ROOT / "guide_src").glob("*.yaml")
    }
    assert OUTLINE.files(Place(tmp_path, "x", Output(), "en")) == (tmp_path / "x.txt",)


def test_a_kind_registered_before_the_first_use_is_not_replaced_by_the_built_in_one() -> None:
    """A plugin that registers its own `pdf` kind on import, before anything listed the kinds, keeps
    it: the built-ins load (once, under the registry's lock, from threads at once) beside it."""
    import os
    import subprocess
    import sys

    script = (
        "import dataclasses, threading\n"
        "from guidepress import kinds\n"
        "assert not kinds._loaded and not kinds._registry\n"
        "mine = dataclasses.replace(kinds.OutputKind('x', 'guide', '.x', 1, None, None, None), name='pdf', cost=99)\n"
        "kinds.register(mine)\n"
        "seen = []\n"
        "threads = [threading.Thread(target=lambda: seen.append(kinds.all_kinds())) for _ in range(4)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "assert len(seen) == 4 and all(s == seen[0] for s in seen)\n"
        "assert kinds.kind('pdf') is mine, kinds.kind('pdf')\n"
        "print(' '.join(kinds.all_kinds()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["pdf", "png", "html", "pack", "pack-html"]

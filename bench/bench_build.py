"""Benchmark (not a test): per-handout time in-process, a cold three-locale build, PDF and HTML sizes.

Run: python bench/bench_build.py
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import guidepress  # noqa: E402
from guidepress.batch.parallel import available_cpus  # noqa: E402
from guidepress.batch.plan import plan_build  # noqa: E402
from guidepress.build import BuildOptions, make_handout, run_job  # noqa: E402
from guidepress.l10n.translator import translator_for  # noqa: E402
from guidepress.mockup.png import render_png  # noqa: E402
from guidepress.pdf.render import render_pdf  # noqa: E402
from guidepress.project import Project  # noqa: E402
from guidepress.source.loader import load_guide  # noqa: E402
from guidepress.workspace import Workspace  # noqa: E402

CREATED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
# The guide alone (no pack), and --force (the manifest would skip every build after the first).
GUIDE = "guide_src/bankid-visma-connect.yaml"


def main() -> None:
    project = Project(ROOT)
    guide_path = ROOT / "guide_src" / "bankid-visma-connect.yaml"  # the figures below are the BankID guide's
    guide = load_guide(guide_path, project.assets_dir)
    locales = project.locales()
    with tempfile.TemporaryDirectory() as tmp:
        options = BuildOptions(out_dir=Path(tmp), png=False)
        workspace = Workspace(project)  # what a build keeps while it runs
        jobs = plan_build(project, options, [guide_path], workspace.load_guide).jobs  # one PDF job per locale
        opened = guidepress.open_project(ROOT)  # the API: the same render_job, behind an address
        addresses = [f"{locale}/{guide.id}.pdf" for locale in locales]
        for job, address in zip(jobs, addresses, strict=True):  # warm-up: fonts, catalogs, imports
            run_job(job, workspace)
            opened.render(address)
        runs, api = [], []
        for _ in range(20):  # interleaved, so a busy moment hits both alike
            for job, address in zip(jobs, addresses, strict=True):
                start = time.perf_counter()
                run_job(job, workspace)
                runs.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                opened.render(address)
                api.append((time.perf_counter() - start) * 1000)
        print(
            f"PDF handout in-process (the batch's run_job: render, write): median {statistics.median(runs):.1f} ms, "
            f"min {min(runs):.1f} ms over {len(runs)} builds"
        )
        print(
            f"  through guidepress.open_project(…).render(address) (plan the one job, render): median "
            f"{statistics.median(api):.1f} ms, min {min(api):.1f} ms"
        )

        t = translator_for(project.locales_dir, "nb")
        handout = make_handout(guide, t, {}, guide.updated)
        start = time.perf_counter()
        for _ in range(10):
            make_handout(guide, t, {}, guide.updated)
        print(f"  of which translate + mockup layout: {(time.perf_counter() - start) * 100:.1f} ms")
        bare: list[float] = []
        full: list[float] = []
        for _ in range(30):  # interleaved, so a busy moment hits both alike
            for views, times in ((lambda step: None, bare), (handout.view_for, full)):
                start = time.perf_counter()
                render_pdf(handout.document, views, CREATED)
                times.append((time.perf_counter() - start) * 1000)
        no_mockups, with_mockups = statistics.median(bare), statistics.median(full)
        print(
            f"  render_pdf without mockups {no_mockups:.1f} ms, with mockups {with_mockups:.1f} ms "
            f"(mockups add {with_mockups - no_mockups:.1f} ms; medians of 30)"
        )
        start = time.perf_counter()
        for view in handout.views.values():
            render_png(view)
        took = (time.perf_counter() - start) * 1000
        print(f"PNG export of all {len(handout.views)} screens of one locale: {took:.0f} ms")
        from guidepress.html.page import render_html

        start = time.perf_counter()
        for _ in range(10):
            render_html(handout.document, handout.view_for)
        print(
            f"HTML edition of one locale (page and its {len(handout.views)} SVG screens): "
            f"{(time.perf_counter() - start) * 100:.1f} ms"
        )

        def cold(*args: str, empty_cache: bool = False) -> tuple[float, float]:
            """Median and minimum wall time of a fresh process, over 9 runs."""
            walls = []
            for _ in range(9):
                with tempfile.TemporaryDirectory() as cache:
                    env = {**os.environ, "XDG_CACHE_HOME": cache} if empty_cache else None
                    start = time.perf_counter()
                    subprocess.run([sys.executable, *args], cwd=ROOT, check=True, capture_output=True, env=env)
                    walls.append((time.perf_counter() - start) * 1000)
            return statistics.median(walls), min(walls)

        startup = cold("-c", "pass")
        compiled = Path(importlib.util.cache_from_source(str(ROOT / "src/guidepress/build.py"))).exists()
        print(
            f"cold runs (median and min of 9); a bare `python -c pass` takes {startup[0]:.0f} ms here; "
            f"guidepress is {'' if compiled else 'NOT '}byte-compiled (python -m compileall -q src)"
        )
        make_pdf = str(ROOT / "make_pdf.py")
        runs_of = ((["--no-png"], "PDFs only"), (["--no-png", "--html"], "PDFs and HTML"), ([], "PDFs and PNG screens"))
        for flags, label in runs_of:
            for jobs in sorted({1, available_cpus()}):
                median, fastest = cold(make_pdf, GUIDE, "--force", "--out", tmp, *flags, "--jobs", str(jobs))
                shown = " ".join([*flags, f"-j {jobs}", GUIDE])
                print(
                    f"  `python make_pdf.py {shown}` ({len(locales)} locales, {label}): "
                    f"{median:.0f} ms wall (min {fastest:.0f})"
                )
        everything = f"all {len(project.guides())} guides and {len(project.packs())} pack(s)"
        median, fastest = cold(make_pdf, "--force", "--out", tmp, empty_cache=True)
        print(
            f"  `python make_pdf.py` on a machine's first run (empty ~/.cache/guidepress: pyphen parses its "
            f"dictionaries, the QR code is encoded), {everything}: "
            f"{median:.0f} ms wall (min {fastest:.0f})"
        )
        for jobs in sorted({1, available_cpus()}):
            median, fastest = cold(make_pdf, "--force", "--out", tmp, "--jobs", str(jobs))
            print(
                f"  `python make_pdf.py -j {jobs}`, {everything} in {len(locales)} locales, "
                f"PDFs and PNG screens: {median:.0f} ms wall (min {fastest:.0f})"
            )
        for locale in locales:
            for suffix in (".pdf", ".html"):
                path = Path(tmp) / locale / f"{guide.id}{suffix}"
                print(f"{path.relative_to(tmp)}: {path.stat().st_size / 1024:.1f} KB")


if __name__ == "__main__":
    main()

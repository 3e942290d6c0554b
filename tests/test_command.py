"""The real process, as a user or a CI job runs it: `python make_pdf.py`, its output and exit status."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GUIDE_ID, ROOT


def make_pdf(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "make_pdf.py"), *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_a_build_prints_what_it_wrote_and_exits_0(tmp_path: Path) -> None:
    # stdout is a pipe here, so it is buffered: the lines must still come out before the process ends
    result = make_pdf("--root", str(ROOT), "--out", "out", "--locale", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    guides = sorted(p.stem for p in (ROOT / "guide_src").glob("*.yaml"))
    sizes = {guide: (tmp_path / "out" / "en" / f"{guide}.pdf").stat().st_size // 1024 for guide in guides}
    pack = (tmp_path / "out" / "en" / "onboarding.pdf").stat().st_size // 1024
    screens = len(list((tmp_path / "out" / "en").rglob("*.png")))
    assert GUIDE_ID in guides and screens >= 20
    assert result.stdout.splitlines() == [
        *(f"wrote out/en/{guide}.pdf ({size} KB)" for guide, size in sizes.items()),
        f"wrote out/en/onboarding.pdf ({pack} KB)",
        f"wrote {screens} PNG screens under out/",
    ]
    assert result.stderr == ""


def test_a_broken_guide_exits_1_with_one_line(scratch: Path) -> None:
    guide = scratch / "guide_src" / f"{GUIDE_ID}.yaml"
    guide.write_text(guide.read_text().replace("\nsections:\n", "\nstpes:\n", 1))
    result = make_pdf("--locale", "en", "--no-png", cwd=scratch)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"guide_src/{GUIDE_ID}.yaml:") and "unknown key 'stpes'" in line


def test_a_usage_error_exits_2(tmp_path: Path) -> None:
    result = make_pdf("--root", str(ROOT), "--jobs", "0", cwd=tmp_path)
    assert result.returncode == 2
    assert "--jobs" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_a_reader_that_stops_early_changes_nothing_else(scratch: Path, unbuffered: str) -> None:
    """`make_pdf.py | head -1`: the build finishes, its errors still reach stderr, and the exit
    status is the build's. (Unbuffered, the very first line meets the closed pipe.)"""
    po = scratch / "locales" / "nn" / "LC_MESSAGES" / "guides.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Endre"', 'msgstrr "Endre"'), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "make_pdf.py"), "--no-png", "--jobs", "2"],
        cwd=scratch,
        env={**os.environ, "PYTHONUNBUFFERED": unbuffered},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before a single line is read
    err = process.stderr.read()
    assert process.wait(timeout=60) == 1
    [line] = err.splitlines()
    assert line.startswith("locales/nn/LC_MESSAGES/guides.po:") and "cannot read catalog" in line
    assert sorted(p.parent.name for p in (scratch / "build").glob(f"*/{GUIDE_ID}.pdf")) == ["en", "nb"]


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM"])
def test_stopping_a_parallel_build_stops_its_workers(tmp_path: Path, stop: str) -> None:
    """Ctrl-C, or a CI job's timeout (SIGTERM): the command stops at once and leaves no worker behind."""
    import signal
    import time

    wrapper = tmp_path / "slow_make_pdf.py"
    wrapper.write_text(
        "import os, sys, time\n"
        f"sys.path.insert(0, {str(ROOT / 'src')!r})\n"
        "import guidepress.build as build\n"
        "real = build.build_pdf\n"
        "def slow(*args):\n"
        "    os.write(2, f'worker {os.getpid()}\\n'.encode())  # one write: the two workers share stderr\n"
        "    time.sleep(2)\n"
        "    return real(*args)\n"
        "build.build_pdf = slow\n"
        "from guidepress.cli.command import entry\n"
        "entry()\n"
    )
    process = subprocess.Popen(
        [sys.executable, str(wrapper), "--root", str(ROOT), "--out", str(tmp_path / "out"), "--no-png", "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    workers: set[int] = set()
    seen = []
    while len(workers) < 2:  # until both are busy
        seen.append(process.stderr.readline())
        assert seen[-1], f"the build ended early: {seen}"
        if seen[-1].startswith("worker "):
            workers.add(int(seen[-1].split()[1]))
    process.send_signal(getattr(signal, stop))
    start = time.monotonic()
    assert process.wait(timeout=10) == (130 if stop == "SIGINT" else 143)
    assert time.monotonic() - start < 1.5, "the command waited for its jobs to finish"
    assert ("interrupted" if stop == "SIGINT" else "terminated") in process.stderr.read()
    time.sleep(0.2)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()], "a worker outlived the command"
    assert not list((tmp_path / "out").rglob("*.tmp"))

"""The real process, as a user or a CI job runs it: `python make_pdf.py`, its output and exit status."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import GUIDE_ID, ROOT


def make_pdf(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "make_pdf.py"), *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_a_build_prints_what_it_wrote_and_exits_0(tmp_path: Path) -> None:
    # stdout is a pipe here, so it is buffered: the lines must still come out before the process ends
    result = make_pdf("--root", str(ROOT), "--out", "out", "--locale", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    size = (tmp_path / "out" / "en" / f"{GUIDE_ID}.pdf").stat().st_size // 1024
    assert result.stdout.splitlines() == [f"wrote out/en/{GUIDE_ID}.pdf ({size} KB)", "wrote 8 PNG screens under out/"]
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


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """`make_pdf.py | head -1`: the build finishes; the closed pipe is not a crash."""
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "make_pdf.py"), "--root", str(ROOT), "--out", str(tmp_path), "--no-png"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before a single line is read
    err = process.stderr.read()
    assert process.wait(timeout=60) == 1
    assert "Traceback" not in err, err
    assert len(list(tmp_path.glob(f"*/{GUIDE_ID}.pdf"))) == 3

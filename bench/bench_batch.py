"""Benchmark (not a test): a batch of 200 tenants × 3 locales of the BankID guide, PDFs only.

Prints: the cold build's rate (one command, every handout), a rebuild with nothing changed,
a rebuild after editing one catalog (only that locale's handouts are rebuilt), and the peak
memory of a batch of 60 handouts and of 600. The project is copied to a temporary folder
so that the catalog can be edited. Run: python bench/bench_batch.py [TENANTS]
"""

from __future__ import annotations

import csv
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = "guide_src/bankid-visma-connect.yaml"


def make_tenants(path: Path, count: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "organisation", "enterprise_url", "support_contact", "logo", "locales"])
        for i in range(count):
            logo = ("logos/fjordvik.svg", "logos/lyngbo.png", "")[i % 3]
            writer.writerow(
                [
                    f"org-{i:03d}",
                    f"Kommune nummer {i}",
                    f"https://org{i:03d}.vuq.visma.com/enterprise",
                    f"it@org{i:03d}.example",
                    logo,
                    "nb nn en",
                ]
            )


CPU: list[float] = []  # CPU seconds (user + system) of the last run, its workers included


def run(project: Path, *args: str) -> tuple[float, str, int]:
    """Wall time, the summary line, and the peak memory (KB) of the process and its workers."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = usage.ru_maxrss
    cpu_before = usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    env = {**os.environ, "CI": "1"}  # no progress bar: one summary line
    result = subprocess.run(
        [sys.executable, str(project / "make_pdf.py"), "--root", str(project), "--no-png", GUIDE, *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}):\n{result.stderr}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[:] = [usage.ru_utime + usage.ru_stime - cpu_before]
    return wall, result.stderr.strip().splitlines()[-1], max(usage.ru_maxrss, before)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        for name in ("guide_src", "locales", "assets", "src"):
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "make_pdf.py", project)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(project / "src")], check=True)
        tenants = Path(tmp) / "tenants.csv"
        make_tenants(tenants, count)
        small = Path(tmp) / "tenants-20.csv"
        make_tenants(small, 20)
        handouts = count * 3

        wall, line, _ = run(project, "--tenants", str(tenants), "--out", str(Path(tmp) / "warm"))
        print(f"warm-up (fills the caches): {wall:.2f} s: {line}")
        shutil.rmtree(Path(tmp) / "warm")
        out = str(Path(tmp) / "out")
        wall, line, _ = run(project, "--tenants", str(tenants), "--out", out)
        print(f"cold build, {handouts} handouts: {wall:.2f} s, {handouts / wall:.1f} handouts/s  ({line})")
        cpu = CPU[0] / handouts * 1000
        print(
            f"  CPU time {CPU[0]:.1f} s, {cpu:.1f} ms a handout (start-up included): on two cores nobody else "
            f"uses, about {2000 / cpu:.0f} handouts/s; the load average now is {os.getloadavg()[0]:.1f}"
        )
        wall, line, _ = run(project, "--tenants", str(tenants), "--out", out)
        print(f"rebuild, nothing changed: {wall:.2f} s  ({line})")
        po = project / "locales" / "nn" / "LC_MESSAGES" / "guides.po"
        text = po.read_text(encoding="utf-8")
        po.write_text(text.replace('msgstr "Endre"', 'msgstr "Endra"', 1), encoding="utf-8")
        wall, line, _ = run(project, "--tenants", str(tenants), "--out", out)
        print(f"rebuild after editing the nn catalog: {wall:.2f} s  ({line})")

        for size, path in ((60, small), (handouts, tenants)):
            target = Path(tmp) / f"memory-{size}"
            code = (
                "import resource, subprocess, sys; "
                f"subprocess.run([sys.executable, {str(project / 'make_pdf.py')!r}, '--root', {str(project)!r}, "
                f"'--no-png', {GUIDE!r}, '--tenants', {str(path)!r}, '--out', {str(target)!r}, '-q'], "
                "capture_output=True); "
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
            )
            peak = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=project)
            print(f"peak memory (largest process), {size} handouts: {int(peak.stdout.split()[-1]) / 1024:.0f} MB")


if __name__ == "__main__":
    main()

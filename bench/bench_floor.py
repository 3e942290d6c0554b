"""Benchmark (not a test): the cold BankID build (three locales, PDFs, one worker) against the
raw-reportlab floor, in fresh processes, interleaved.

Run: python bench/bench_floor.py [CHECKOUT ...] [--rounds N]   (default: this checkout, 15 rounds)

The floor: a fresh Python that imports reportlab alone, registers guidepress's two Noto Sans
fonts and writes three PDFs, one per locale, with the handout's own text (pdftotext of each
locale's handout, page for page, one plain line per line, compressed as guidepress writes):
what the same pages of text cost without guidepress's imports, layout, mockups, tags or PDF/A.
Needs poppler's pdftotext. Prints wall and CPU medians and each build's ratio to the floor.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = "guide_src/bankid-visma-connect.yaml"
LOCALES = ("nb", "nn", "en")

FLOOR = """
import sys
from pathlib import Path
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
fonts, out, texts = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
pdfmetrics.registerFont(TTFont("Regular", fonts / "NotoSans-Regular.ttf"))
pdfmetrics.registerFont(TTFont("Bold", fonts / "NotoSans-Bold.ttf"))
for text in texts:
    canvas = Canvas(str(out / (Path(text).stem + ".pdf")), pageCompression=1, invariant=1)
    for page in Path(text).read_text().split("\\f"):
        if page.strip():
            for i, line in enumerate(page.splitlines()[:68]):
                canvas.setFont("Bold" if i % 7 == 0 else "Regular", 9)
                canvas.drawString(40, 800 - 11 * i, line.strip())
            canvas.showPage()
    canvas.save()
"""


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000


def main(checkouts: list[Path], rounds: int) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        build = [sys.executable, "make_pdf.py", GUIDE, "--no-png", "--force", "-j", "1"]
        subprocess.run([*build, "--out", str(work / "text")], cwd=ROOT, env=env, check=True, capture_output=True)
        texts = []
        for locale in LOCALES:
            texts.append(str(work / f"{locale}.txt"))
            subprocess.run(
                ["pdftotext", "-layout", str(work / "text" / locale / (Path(GUIDE).stem + ".pdf")), texts[-1]],
                check=True,
            )
        (work / "floor.py").write_text(FLOOR)
        fonts = str(ROOT / "src/guidepress/resources/fonts")
        commands = {"raw reportlab": ([sys.executable, str(work / "floor.py"), fonts, tmp, *texts], work)}
        for checkout in checkouts:
            commands[str(checkout)] = ([*build, "--out", str(work / "out")], checkout)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        load = os.getloadavg()
        for _ in range(rounds):
            for name, (command, cwd) in commands.items():
                times[name].append(timed(command, cwd, env))
    floor_wall = statistics.median(w for w, _ in times["raw reportlab"])
    floor_cpu = statistics.median(c for _, c in times["raw reportlab"])
    for name, runs in times.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(
            f"{name}: wall {wall:.0f} ms (min {min(w for w, _ in runs):.0f}), CPU {cpu:.0f} ms "
            f"(min {min(c for _, c in runs):.0f}); × floor: wall {wall / floor_wall:.2f}, CPU {cpu / floor_cpu:.2f}"
        )
    print(f"medians of {rounds}; load average {load[0]:.1f} before, {os.getloadavg()[0]:.1f} after")


if __name__ == "__main__":
    args = sys.argv[1:]
    rounds = 15
    if "--rounds" in args:
        at = args.index("--rounds")
        rounds = int(args[at + 1])
        del args[at : at + 2]
    main([Path(a).resolve() for a in args] or [ROOT], rounds)

"""Benchmark (not a test): one handout's time in two checkouts, interleaved, in warm processes.

Run: python bench/bench_ab.py OLD_CHECKOUT NEW_CHECKOUT [ROUNDS]   (e.g. a `git worktree` of an
older commit, and this one). Each checkout's guidepress is loaded in a process of its own, which
renders the BankID guide's PDF (nb, nn, en in turn, through `open_project(root).render`) once
per line it reads; the rounds alternate which side goes first, so a busy moment on a shared
machine hits both alike. Prints the medians and minimums of CPU and wall time per handout and
the load average.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

GUIDE = "guide_src/bankid-visma-connect.yaml"


def worker(root: Path) -> None:
    sys.path.insert(0, str(root / "src"))
    import guidepress

    project = guidepress.open_project(root)  # the library API: an output's path gives its bytes
    addresses = [f"{locale}/bankid-visma-connect.pdf" for locale in ("nb", "nn", "en")]
    for address in addresses * 3:  # warm-up: fonts, catalogs, imports
        project.render(address)
    print("ready", flush=True)
    for i, _ in enumerate(sys.stdin):
        cpu, wall = time.process_time(), time.perf_counter()
        project.render(addresses[i % len(addresses)])
        print(f"{(time.process_time() - cpu) * 1000:.3f} {(time.perf_counter() - wall) * 1000:.3f}", flush=True)


def main(old: str, new: str, rounds: int) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    sides = {
        name: subprocess.Popen(
            [sys.executable, __file__, "--worker", path],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name, path in (("old", old), ("new", new))
    }
    for side in sides.values():
        assert side.stdout is not None and side.stdout.readline().strip() == "ready"
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
    load = os.getloadavg()
    for i in range(rounds):
        for name in ("old", "new") if i % 2 == 0 else ("new", "old"):
            side = sides[name]
            assert side.stdin is not None and side.stdout is not None
            side.stdin.write("go\n")
            side.stdin.flush()
            cpu, wall = map(float, side.stdout.readline().split())
            times[name].append((cpu, wall))
    for side in sides.values():
        assert side.stdin is not None
        side.stdin.close()
        side.wait()
    for name, runs in times.items():
        cpu = [c for c, _ in runs]
        wall = [w for _, w in runs]
        print(
            f"{name}: CPU median {statistics.median(cpu):.1f} ms (min {min(cpu):.1f}), "
            f"wall median {statistics.median(wall):.1f} ms (min {min(wall):.1f}), {rounds} handouts"
        )
    ratio = statistics.median(c for c, _ in times["new"]) / statistics.median(c for c, _ in times["old"])
    print(f"new/old CPU median: {ratio:.3f}; load average {load[0]:.1f} before, {os.getloadavg()[0]:.1f} after")


if __name__ == "__main__":
    if sys.argv[1] == "--worker":
        worker(Path(sys.argv[2]))
    else:
        main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 150)

"""Benchmark (not a test): `guidepress serve --watch`, from a save to the open page's news, on this machine.

One server with --watch on a copy of the repository's project; one page's event stream open on
nb/<guide>.html (as the live script opens it), and, if asked, one on the print preview's PDF too.
SAVES saves (default 20) of the guide, each a different organisation name (the page changes), one
every second. For each save it prints, and at the end sums up as p50 / p95 / max:
- event: from the save (the file written) to the page's stream telling the new bytes (the moment
  the live script calls location.reload());
- bytes: to the page's new bytes in hand (the event, then GET of the page, as the reload asks);
and the server's own part (its log: from the changes handed over by the watcher to the page told).
The target is 0.5 s at p95 for one guide in one language. The load average before and after is
printed too: other work on the machine skews every figure.

Run: python bench/bench_watch.py [SAVES] [--pdf]
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = "bankid-visma-connect"
PAGE = f"nb/{GUIDE}.html"
PDF = f"nb/{GUIDE}.pdf"
ORGANISATION = "default: Sokndal kommune"


def start(project: Path, log: Path) -> tuple[subprocess.Popen[str], int]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SOURCE_DATE_EPOCH": "1767225600"}
    command = [sys.executable, "-m", "guidepress", "serve", "--port", "0", "--watch"]
    with log.open("w") as stderr:
        process = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True)
    assert process.stdout is not None
    found = re.search(r":(\d+)/", process.stdout.readline())
    assert found, "the server did not start"
    port = int(found.group(1))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if get(port, "/readyz")[0] == 200:
                return process, port
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("not ready within 120 s")


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


class Stream:
    """One page's event stream: each state's ETag, with the moment it arrived."""

    def __init__(self, port: int, path: str) -> None:
        self.states: list[tuple[float, str]] = []
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=None)
        self.connection.request("GET", f"/_live/events?path={path}")
        self.answer = self.connection.getresponse()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        event = ""
        try:
            for raw in self.answer:
                line = raw.decode().rstrip("\n")
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: ") and event == "state":
                    self.states.append((time.perf_counter(), json.loads(line[6:])["etag"]))
        except (OSError, ValueError):
            return

    def news_after(self, moment: float, old: str, seconds: float = 10) -> tuple[float, str]:
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            for arrived, etag in list(self.states):
                if arrived >= moment and etag and etag != old:
                    return arrived, etag
            time.sleep(0.002)
        raise SystemExit("no news within 10 s")


def quantiles(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms"


def main(saves: int, pdf: bool) -> None:
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for name in ("guide_src", "locales", "packs", "assets"):
            shutil.copytree(ROOT / name, project / name)
        guide = project / "guide_src" / f"{GUIDE}.yaml"
        text = guide.read_text(encoding="utf-8")
        log = project / "serve.log"
        process, port = start(project, log)
        try:
            page = Stream(port, PAGE)
            streams = [page] + ([Stream(port, PDF)] if pdf else [])
            time.sleep(2)  # both rendered once, as a page open on the server is
            shown = page.states[-1][1]
            events: list[float] = []
            fetched: list[float] = []
            for number in range(saves):
                saved = time.perf_counter()
                guide.write_text(text.replace(ORGANISATION, f"default: Lagring {number} kommune"), encoding="utf-8")
                arrived, shown = page.news_after(saved, shown)
                status, body = get(port, f"/{PAGE}")
                done = time.perf_counter()
                assert status == 200 and f"Lagring {number} kommune".encode() in body, status
                events.append(arrived - saved)
                fetched.append(done - saved)
                print(f"save {number + 1:2d}: event {events[-1] * 1000:4.0f} ms, bytes {fetched[-1] * 1000:4.0f} ms")
                time.sleep(1.0)
            if pdf:
                print(f"(the print preview's stream saw {len(streams[1].states) - 1} new PDFs meanwhile)")
            print(f"save → event (the page reloads): {quantiles(events)}")
            print(f"save → the page's new bytes:    {quantiles(fetched)}")
            rebuilds = [float(ms) / 1000 for ms in re.findall(r"made again in (\d+) ms", log.read_text())]
            if rebuilds:  # the server's own part: from the changes handed over to the page told
                print(f"the server's rebuilds ({len(rebuilds)}): {quantiles(rebuilds)}")
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(int(arguments[0]) if arguments else 20, "--pdf" in sys.argv)

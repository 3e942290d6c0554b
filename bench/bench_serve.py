"""Benchmark (not a test): `guidepress serve` under load, beside the command line, on this machine.

Prints, paired in one run:
- 200 uncached tenant ticket PDFs requested at concurrency 4, against `make_pdf.py` building the same
  200 in one batch (-j = the CPUs): both rates and their ratio (the target is ≥ 0.8);
- the latency of those uncached requests (p50, p99: queue included, 4 at a time);
- a cached PDF asked for 500 times: p50 and p99 (target p99 ≤ 10 ms), and the server's CPU time per
  request (on a loaded machine the wall time is mostly waiting for a core);
- a soak of SOAK renders (default 5,000), each with distinct personal values through a signed link
  (minted by POST /api/links, then fetched): the memory (RSS of the server and its workers) after
  the first 500 and at the end (target: within 10 %).
And the load average before and after, since other work on the machine skews every figure.

Run: python bench/bench_serve.py [SOAK]   (SOAK 0: no soak; at least 500 otherwise)
"""

from __future__ import annotations

import csv
import http.client
import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
GUIDE = "bankid-visma-connect"
TOKEN = "bench-token"
EPOCH = "1767225600"


def make_tenants(path: Path, count: int) -> list[str]:
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
                    "nb",
                ]
            )
    return [f"org-{i:03d}" for i in range(count)]


class Client:
    """One keep-alive connection per thread."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.local = threading.local()

    def _connection(self) -> http.client.HTTPConnection:
        if not hasattr(self.local, "connection"):
            self.local.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        return self.local.connection

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        for attempt in range(2):
            connection = self._connection()
            try:
                connection.request(method, path, body=body, headers=headers or {})
                answer = connection.getresponse()
                return answer.status, answer.read()
            except (http.client.HTTPException, ConnectionError):
                connection.close()
                del self.local.connection
                if attempt:
                    raise
        raise AssertionError("unreachable")


def timed_all(count: int, concurrency: int, one: Callable[[int], None]) -> tuple[float, list[float]]:
    """Run one(i) for i < count on `concurrency` threads; the wall time and each call's time."""
    latencies: list[float] = [0.0] * count
    next_index = iter(range(count))
    lock = threading.Lock()

    def worker() -> None:
        while True:
            with lock:
                i = next(next_index, None)
            if i is None:
                return
            started = time.perf_counter()
            one(i)
            latencies[i] = time.perf_counter() - started

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process (the server's event loop, without its workers)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its living children (the server and its workers)."""
    total = 0.0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            total += cpu_seconds(current)
            for task in Path(f"/proc/{current}/task").iterdir():
                pids += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return total


def children_cpu_seconds() -> float:
    """User + system CPU time of this process's finished children (the command line's build)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
            for task in Path(f"/proc/{current}/task").iterdir():
                pids += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError):
            continue
    return total / 1024


def main() -> None:
    soak = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    cpus = len(os.sched_getaffinity(0))
    print(f"machine: {cpus} CPUs, load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} at the start")
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        for name in ("guide_src", "locales", "packs", "assets"):
            shutil.copytree(ROOT / name, project / name)
        tenants = make_tenants(project / "tenants.csv", 200)
        env = {
            **os.environ,
            "SOURCE_DATE_EPOCH": EPOCH,
            "PYTHONPATH": str(ROOT / "src"),
            "GUIDEPRESS_API_TOKENS": TOKEN,
            "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
        }

        # the command line: the same 200 handouts in one batch
        command = [
            sys.executable,
            str(ROOT / "make_pdf.py"),
            f"guide_src/{GUIDE}.yaml",
            "--tenants",
            "tenants.csv",
            "--locale",
            "nb",
            "--profile",
            "ticket",
            "--no-png",
            "--quiet",
            "--out",
            str(Path(tmp) / "cli"),
            "-j",
            str(cpus),
        ]
        started, cpu_before = time.perf_counter(), children_cpu_seconds()
        subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)
        cli_seconds = time.perf_counter() - started
        cli_cpu = children_cpu_seconds() - cpu_before
        cli_rate = 200 / cli_seconds

        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "guidepress",
                "serve",
                "--port",
                "0",
                "--tenants",
                "tenants.csv",
                "--workers",
                str(cpus),
                "--queue",
                "64",
            ],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert server.stdout is not None
        port = int(re.search(r":(\d+)/", server.stdout.readline()).group(1))  # type: ignore[union-attr]
        client = Client(port)
        while True:
            try:
                if client.request("GET", "/readyz")[0] == 200:
                    break
            except (ConnectionError, OSError):
                pass
            time.sleep(0.2)
        try:
            paths = [f"/{tenant}/nb/{GUIDE}.ticket.pdf" for tenant in tenants]

            def fetch(i: int) -> None:
                status, body = client.request("GET", paths[i])
                assert status == 200, (status, paths[i], body[:300])

            served_cpu, main_cpu = tree_cpu_seconds(server.pid), cpu_seconds(server.pid)
            wall, uncached = timed_all(200, 4, fetch)
            served_cpu = tree_cpu_seconds(server.pid) - served_cpu
            main_cpu = cpu_seconds(server.pid) - main_cpu
            serve_rate = 200 / wall
            print(
                f"200 uncached tenant ticket PDFs: CLI batch {cli_seconds:.1f} s ({cli_rate:.1f}/s, -j {cpus}); "
                f"serve at concurrency 4 {wall:.1f} s ({serve_rate:.1f}/s); ratio {serve_rate / cli_rate:.2f}"
            )
            print(
                f"CPU time per PDF (load-independent, unlike the rates): CLI batch {cli_cpu / 200 * 1000:.0f} ms "
                f"(the whole process, start-up included); serve {served_cpu / 200 * 1000:.0f} ms "
                f"(the server's own process {main_cpu / 200 * 1000:.1f} ms, the rest its workers)"
            )
            print(
                f"uncached renders (4 at a time, queue included): p50 {statistics.median(uncached) * 1000:.0f} ms, "
                f"p99 {percentile(uncached, 99) * 1000:.0f} ms"
            )

            cached: list[float] = []
            cpu_before = cpu_seconds(server.pid)
            for _ in range(500):
                started = time.perf_counter()
                status, _ = client.request("GET", paths[0])
                cached.append(time.perf_counter() - started)
            print(
                f"a cached PDF, 500 requests one after another: p50 {statistics.median(cached) * 1000:.1f} ms, "
                f"p99 {percentile(cached, 99) * 1000:.1f} ms; the server's CPU time per request "
                f"{(cpu_seconds(server.pid) - cpu_before) / 500 * 1000:.1f} ms (its wall time on an idle core)"
            )

            memory: dict[int, float] = {}
            path = f"nb/{GUIDE}.ticket.pdf"

            def personal(i: int) -> None:
                body = json.dumps({"path": path, "values": {"user_email": f"person{i}@soak.example"}}).encode()
                headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
                status, answer = client.request("POST", "/api/links", body, headers)
                assert status == 200, answer
                url = urlsplit(json.loads(answer)["url"])
                status, _ = client.request("GET", f"{url.path}?{url.query}")
                assert status == 200, status
                if i + 1 in (500, soak):
                    memory[i + 1] = rss_mb(server.pid)

            if soak >= 500:  # SOAK 0 leaves the soak out
                wall, soaked = timed_all(soak, 4, personal)
                first, last = memory[500], rss_mb(server.pid)
                print(
                    f"soak: {soak} renders with distinct values (signed links) in {wall:.0f} s, "
                    f"p50 {statistics.median(soaked) * 1000:.0f} ms, p99 {percentile(soaked, 99) * 1000:.0f} ms"
                )
                print(
                    f"memory (server + {cpus} workers, RSS): {first:.0f} MB after 500, {last:.0f} MB after {soak} "
                    f"({(last - first) / first * 100:+.1f} %)"
                )
        finally:
            server.send_signal(signal.SIGTERM)
            print(f"server exit status {server.wait(timeout=30)}")
    print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} at the end")


if __name__ == "__main__":
    main()

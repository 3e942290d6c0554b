"""`guidepress serve`: start the server on a guides project, print its address, stop cleanly.

SIGTERM and Ctrl-C stop it: no new connection is taken, the requests in flight are answered (at
most `STOP_WITHIN` seconds), the workers finish their jobs and go, and the process exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

import uvicorn

from ..api import NotFound, open_project
from . import backend

STOP_WITHIN = 8  # seconds for the requests in flight (a pod's grace period is 30 s; our promise is 10)
TOKENS_VARIABLE = "GUIDEPRESS_API_TOKENS"


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(f"expected seconds between 0 and 600, got {text!r}")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="guidepress serve",
        description="Answer GET /<output path> with the bytes the command line writes at build/<path>, "
        "rendered on demand; an agent page at /. Personal values only through signed links "
        f"(POST /api/links with a token from {TOKENS_VARIABLE}; links signed with GUIDEPRESS_SECRET).",
    )
    p.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: loopback only)")
    p.add_argument("--port", type=int, default=8000, help="the port (default 8000; 0: any free one)")
    p.add_argument("--root", type=Path, default=Path("."), help="the guides project (default: here)")
    p.add_argument("--tenants", type=Path, metavar="FILE", help="the organisations: /<tenant-id>/<locale>/…")
    p.add_argument("--people", type=Path, metavar="FILE", help="the people of the packs: …/<pack>/<person-id>.pdf")
    p.add_argument("--workers", type=_count, default=_cpus(), help="render processes (default: the CPUs)")
    p.add_argument("--queue", type=_count, default=16, help="jobs waiting beyond the workers before 429 (16)")
    p.add_argument("--deadline", type=_seconds, default=10.0, help="seconds a request may wait, queue included (10)")
    p.add_argument("--cache-mb", type=_count, default=256, help="megabytes of rendered outputs kept in memory (256)")
    p.add_argument("--public-url", default="", help="the base of signed links, behind a proxy (https://…)")
    p.add_argument(
        "--watch",
        action="store_true",
        help="live preview for authors and translators: watch the guides, catalogs, packs, tenants files and "
        "assets; an open page reloads when it changes, and a failed build's lines show over the last good page",
    )
    p.add_argument(
        "--editor-url",
        default="",
        metavar="TEMPLATE",
        help="with --watch, where a problem's link leads: {path} (the file's absolute path, /…), {line}, {column} "
        "(default: vscode://file{path}:{line}:{column}; file://{path} opens the file itself)",
    )
    return p


def _cpus() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:
        return os.cpu_count() or 1


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    from .app import Settings, make_app
    from .signing import SECRET_VARIABLE, Signer

    root = args.root.resolve()
    try:
        opened = open_project(root)
    except NotFound as exc:
        print(f"{exc} (is this a guides project? `guidepress init DIR` starts one)", file=sys.stderr)
        return 1
    for given in (args.tenants, args.people):
        if given is not None and not given.is_file():
            parser().error(f"{given}: no such file")
    try:
        signer, shared = Signer.from_environment()
    except ValueError as exc:
        parser().error(str(exc))
    tokens = [t.strip() for t in os.environ.get(TOKENS_VARIABLE, "").split(",") if t.strip()]
    warm = backend.warm_path(opened)
    settings = Settings(
        root,
        args.tenants and args.tenants.resolve(),
        args.people and args.people.resolve(),
        args.workers,
        args.queue,
        args.deadline,
        args.cache_mb * 1024 * 1024,
        tokens,
        signer,
        args.public_url,
        warm,
        args.watch,
        args.editor_url,
    )
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
        # IPPROTO_TCP named: asyncio sets TCP_NODELAY only on sockets that say they are TCP (with
        # proto 0, Nagle's algorithm and the client's delayed ACK cost each answer 40 ms)
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.host, args.port))
        sock.listen(2048)  # connections wait in the backlog while the server starts
    except OSError as exc:
        print(f"guidepress serve: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"guidepress serve: http://{shown}:{port}/ ({args.workers} workers; /readyz when warm)", flush=True)
    if not tokens:
        print(f"guidepress serve: links API off ({TOKENS_VARIABLE} not set)", flush=True)
    if not shared:
        print(
            f"guidepress serve: {SECRET_VARIABLE} not set: signed links last while this process runs, "
            "on this replica only",
            flush=True,
        )
    app = make_app(settings)
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=STOP_WITHIN,
        server_header=False,
    )
    server = _Server(config)
    board = app.state.live
    if board is not None:  # open pages' event streams end when the server stops (they would hold it up)
        server.on_exit = board.close
        print("guidepress serve: watching for changes (--watch): open pages reload when you save", flush=True)
    asyncio.run(server.serve(sockets=[sock]))
    print("guidepress serve: stopped", file=sys.stderr, flush=True)
    return 0


class _Server(uvicorn.Server):
    """uvicorn's server, except that a SIGTERM or Ctrl-C it stopped on is not raised again once
    it has stopped (uvicorn re-raises it, so the process would end by the signal, not exit 0)."""

    on_exit: Callable[[], None] | None = None

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        if self.on_exit is not None:
            try:
                asyncio.get_running_loop().call_soon_threadsafe(self.on_exit)
            except RuntimeError:  # no loop running: nothing is streaming
                pass

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        before = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in before.items():
                signal.signal(sig, handler)

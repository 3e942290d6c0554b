"""The ASGI application: the routes (`routes.py`) over the server's state (`service.py`), wrapped
in the request log: one line per request (method, path without its query, status,
milliseconds) and the request metrics.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from typing import Any

from starlette.applications import Starlette
from starlette.routing import Route

from . import print_view, routes, translator_view
from .live import DEFAULT_EDITOR_URL, EVENTS, SCRIPT, LiveBoard, client_script, events
from .metrics import Metrics, kind_of
from .service import Service, Settings

log = logging.getLogger("guidepress.serve")

__all__ = ["Settings", "make_app"]


def make_app(settings: Settings) -> RequestLog:
    service = Service(settings)
    # `--watch`: the live preview's board, and the watcher that feeds it (none without it)
    board = LiveBoard(service, settings.editor_url or DEFAULT_EDITOR_URL) if settings.watch else None

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        starting = asyncio.create_task(service.start())
        stop = asyncio.Event()
        watching = None
        if board is not None:
            from .watch import watch  # watchfiles, only for --watch

            watching = asyncio.create_task(watch(board, stop))
        try:
            yield
        finally:
            starting.cancel()
            stop.set()
            if watching is not None:
                watching.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await watching
            await service.stop()

    app = Starlette(
        routes=[
            Route("/healthz", routes.healthz),
            Route("/readyz", routes.readyz),
            Route("/metrics", routes.metrics),
            Route("/api/links", routes.links, methods=["POST"]),
            Route("/", routes.page),
            Route(EVENTS, events),
            Route(SCRIPT, client_script),
            Route("/_static/{name:path}", print_view.static),
            Route("/_print/{path:path}", print_view.print_page),
            Route(translator_view.PREFIX + "/{locale}/{name}", translator_view.translator_page),
            Route("/{path:path}", routes.output),
        ],
        lifespan=lifespan,
    )
    app.state.service = service
    app.state.live = board
    return RequestLog(app, service.metrics)


Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class RequestLog:
    """One line per request (method, path without its query, status, milliseconds), and the
    request metrics; a path's unprintable characters are shown escaped."""

    def __init__(self, app: Starlette, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics
        self.state = app.state

    async def __call__(self, scope: MutableMapping[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: MutableMapping[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            seconds = time.perf_counter() - started
            path = scope.get("path", "")
            self.metrics.observe(kind_of(path), status, seconds)
            shown = "".join(c if c.isprintable() and c != " " else f"\\x{ord(c):02x}" for c in path[:300])
            log.info("%s %s %d %.1f ms", scope.get("method", "?"), shown, status, seconds * 1000)

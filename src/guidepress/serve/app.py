"""The routes: an output's path answers with its bytes; the server's own pages beside them.

    GET  /<output path>   the bytes the command line writes at build/<path> (ETag, 304, …)
    GET  /                the agent page
    POST /api/links       a signed, expiring link with personal values (Bearer token)
    GET  /healthz         alive;  GET /readyz: workers warm (503 until then)
    GET  /metrics         Prometheus

Every refusal is one line of text (JSON `{"error": …}` on /api/), and names no personal value.
One log line per request: method, path without its query, status, milliseconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from . import backend
from .agent import agent_page, page_locale
from .cache import RenderCache, cache_key, entry
from .metrics import Metrics, kind_of
from .pool import Busy, Late, RenderPool, WorkerLost
from .signing import LINK_PARAMETERS, MAX_EXPIRES_IN, LinkRefused, Signer, token_matches

log = logging.getLogger("guidepress.serve")

MEDIA_TYPES = {".pdf": "application/pdf", ".html": "text/html; charset=utf-8", ".png": "image/png"}
# Encoded characters no output path needs: a slash, a backslash, a dot (`%2e%2e`), NUL.
ENCODED = re.compile(rb"%(2f|5c|2e|00)", re.IGNORECASE)
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,40}$")
MAX_BODY = 64 * 1024


@dataclass
class Settings:
    """What `guidepress serve` was started with."""

    root: Path
    tenants: Path | None = None
    people: Path | None = None
    workers: int = 2
    queue: int = 16
    deadline: float = 10.0
    cache_bytes: int = 256 * 1024 * 1024
    tokens: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=lambda: Signer(secrets.token_bytes(32)))
    public_url: str = ""
    warm: str = ""  # an output each worker renders once at start (fonts and catalogs loaded)


class Service:
    """The server's state: the pool, the cache, the metrics, readiness."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.setup = backend.Setup(settings.root, settings.tenants, settings.people)
        self.metrics = Metrics()
        self.cache = RenderCache(settings.cache_bytes)
        self.folders = backend.input_folders(settings.root)
        self.files = [f for f in (settings.tenants, settings.people) if f is not None]
        self.pool: RenderPool | None = None
        self.ready = False
        self.problem = ""
        self._choices: tuple[str, dict[str, object]] | None = None

    def inputs(self) -> str:
        return backend.fingerprint(self.folders, self.files)

    async def start(self) -> None:
        self.pool = RenderPool(self.setup, self.settings.workers, self.settings.queue, self.metrics, self.settings.warm)
        try:
            answers = await self.pool.warm_up()
            await self.choices()
        except Exception as exc:  # noqa: BLE001  a worker that cannot start: /readyz says so
            self.problem = f"the workers did not start: {type(exc).__name__}"
            log.error("guidepress serve: %s", self.problem)
            return
        self.problem = next((a.message for a in answers if a.status != 200), "")
        self.ready = not self.problem
        if self.problem:
            log.error("guidepress serve: %s", self.problem)

    async def stop(self) -> None:
        if self.pool is not None:
            await asyncio.to_thread(self.pool.close)

    async def choices(self) -> dict[str, object]:
        """What the agent page lists, read again when an input file changed."""
        inputs = self.inputs()
        if self._choices is None or self._choices[0] != inputs:
            self._choices = (inputs, await asyncio.to_thread(backend.choices, self.setup))
        return self._choices[1]


def one_line(status: int, message: str, headers: dict[str, str] | None = None) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status, headers=headers)


def download_name(path: str) -> str:
    """A readable file name: fjordvik/nn/<guide>.ticket.pdf → fjordvik-nn-<guide>.ticket.pdf."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", path.replace("/", "-"))


def make_app(settings: Settings) -> Starlette:
    service = Service(settings)

    async def healthz(_request: Request) -> Response:
        return one_line(200, "alive")

    async def readyz(_request: Request) -> Response:
        if service.ready:
            return one_line(200, "ready")
        return one_line(503, f"not ready: {service.problem or 'starting the workers'}")

    async def metrics(_request: Request) -> Response:
        service.metrics.cache_bytes.set(service.cache.size)
        return Response(service.metrics.exposition(), media_type=service.metrics.content_type)

    async def page(request: Request) -> Response:
        if not service.ready:
            return one_line(503, "not ready: starting the workers", {"Retry-After": "2"})
        locale = page_locale(request.query_params.get("lang", ""), request.headers.get("accept-language", ""))
        nonce = secrets.token_urlsafe(16)
        policy = (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; img-src 'self' data:; "
            "frame-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        )
        html = agent_page(locale, await service.choices(), nonce)
        return HTMLResponse(
            html,
            headers={
                "Content-Security-Policy": policy,
                "Cache-Control": "no-store",
                "Content-Language": locale,
                "Vary": "Accept-Language",
            },
        )

    async def links(request: Request) -> Response:
        def error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
            return JSONResponse({"error": message}, status, headers=headers)

        if not settings.tokens:
            return error(404, "the links API is off: no tokens are set (GUIDEPRESS_API_TOKENS)")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token_matches(given.strip(), settings.tokens):
            return error(
                401,
                "a valid agent token is needed (Authorization: Bearer <token>)",
                {"WWW-Authenticate": 'Bearer realm="guidepress"'},
            )
        body = await request.body()
        if len(body) > MAX_BODY:
            return error(413, "the request is too large")
        try:
            asked = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return error(400, 'the body is not JSON: send {"path", "values", "expires_in"}')
        problem, path, values, expires_in = _link_request(asked)
        if problem:
            return error(400, problem)
        if not service.ready or service.pool is None:
            return error(503, "not ready: starting the workers")
        try:
            checked = await service.pool.run(
                "", time.monotonic() + settings.deadline, backend.work, path, values, False
            )
        except Busy:
            return error(429, "busy: try again in a moment", {"Retry-After": "1"})
        except Late:
            return error(503, "busy: the check took too long", {"Retry-After": "1"})
        except WorkerLost:
            return error(503, "a worker stopped during the check; try again", {"Retry-After": "1"})
        if checked.status != 200:
            return error(checked.status, checked.message)
        query = settings.signer.sign(path, values, expires_in)
        base = settings.public_url.rstrip("/") or str(request.base_url).rstrip("/")
        expires = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(query["exp"])))
        return JSONResponse({"url": f"{base}/{path}?{urlencode(query)}", "expires": expires})

    async def output(request: Request) -> Response:
        if ENCODED.search(request.scope.get("raw_path") or b""):
            return one_line(400, "not an output path: an encoded '/', '\\', '.' or NUL")
        path = request.scope["path"].removeprefix("/")
        query = request.query_params
        strangers = sorted(set(query.keys()) - LINK_PARAMETERS - {"download"})
        if strangers:
            named = ", ".join(n if NAME.match(n) else "?" for n in strangers[:5])
            return one_line(403, f"values come only through a signed link (POST /api/links), not the query ({named})")
        values: dict[str, str] | None = None
        if LINK_PARAMETERS & set(query.keys()):
            try:
                values = settings.signer.check(path, query).values
            except LinkRefused as refused:
                return one_line(403, str(refused))
        if not service.ready or service.pool is None:
            return one_line(503, "not ready: starting the workers", {"Retry-After": "2"})
        if values is None:
            canonical = canonical_path(path, list((await service.choices())["locales"]))  # type: ignore[call-overload]
            if canonical != path:
                query_text = request.url.query
                return RedirectResponse("/" + canonical + (f"?{query_text}" if query_text else ""), 308)
        kind = kind_of(request.scope["path"])
        key = "" if values else cache_key(service.inputs(), path)
        found = service.cache.get(key) if key else None
        if found is not None:
            service.metrics.cache_hits.labels(kind).inc()
        else:
            try:
                made = await service.pool.run(
                    key, time.monotonic() + settings.deadline, backend.work, path, values, True
                )
            except Busy:
                return one_line(429, "busy: the render queue is full, try again in a moment", {"Retry-After": "1"})
            except Late:
                return one_line(503, f"busy: not rendered within {settings.deadline:g} s", {"Retry-After": "2"})
            except WorkerLost:
                return one_line(503, "a worker stopped while rendering; try again", {"Retry-After": "1"})
            service.metrics.renders.labels(kind, str(made.status)).inc()
            if made.status != 200:
                return one_line(made.status, made.message)
            found = entry(made.body)
            if key:
                service.cache.put(key, found)
        personal = values is not None
        suffix = "." + path.rsplit(".", 1)[-1]
        headers = {
            "ETag": found.etag,
            "Cache-Control": "private, no-store" if personal else "no-cache",
            "Content-Disposition": f"{'attachment' if 'download' in query else 'inline'}; "
            f'filename="{download_name(path)}"',
            "X-Content-Type-Options": "nosniff",
        }
        if not personal and _matches(request.headers.get("if-none-match", ""), found.etag):
            return Response(status_code=304, headers={k: headers[k] for k in ("ETag", "Cache-Control")})
        return Response(found.body, media_type=MEDIA_TYPES.get(suffix, "application/octet-stream"), headers=headers)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        starting = asyncio.create_task(service.start())
        try:
            yield
        finally:
            starting.cancel()
            await service.stop()

    app = Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics),
            Route("/api/links", links, methods=["POST"]),
            Route("/", page),
            Route("/{path:path}", output),
        ],
        lifespan=lifespan,
    )
    app.state.service = service
    return RequestLog(app, service.metrics)  # type: ignore[return-value]  # an ASGI app around it


# A help desk's language codes for our locales: Norwegian without a written standard is Bokmål.
LANGUAGE_ALIASES = {"no": "nb", "nob": "nb", "nno": "nn", "eng": "en"}


def canonical_path(path: str, locales: list[str]) -> str:
    """The path with a help desk's code for a locale (`nb-NO`, `nb_NO`, `no`, `en-GB`, `NN`) in
    the locale's place replaced by the project's locale (`nb`), if that is what it means."""
    parts = path.split("/")
    places = (0, 1)[: max(len(parts) - 1, 0)]
    if any(parts[index] in locales for index in places):  # already a locale (after a tenant named `no`, say)
        return path
    for index in places:
        part = parts[index]
        base = re.split(r"[-_]", part.lower(), maxsplit=1)[0]
        locale = part.lower().replace("-", "_") if part.lower().replace("-", "_") in locales else ""
        locale = locale or (base if base in locales else LANGUAGE_ALIASES.get(base, ""))
        if locale in locales and (index == 0 or len(parts) >= 3):
            return "/".join([*parts[:index], locale, *parts[index + 1 :]])
    return path


def _matches(if_none_match: str, etag: str) -> bool:
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return etag in tags or "*" in tags


def _link_request(asked: Any) -> tuple[str, str, dict[str, str], int]:
    """The problem with a link request's body, or its path, values and lifetime."""
    if not isinstance(asked, dict):
        return 'send a JSON object: {"path", "values", "expires_in"}', "", {}, 0
    path, values, expires_in = asked.get("path"), asked.get("values", {}), asked.get("expires_in", 600)
    if not isinstance(path, str) or not path.strip("/"):
        return "path: the output's path, e.g. nb/<guide>.ticket.pdf", "", {}, 0
    if not isinstance(values, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in values.items()):
        return "values: an object of names and text values", "", {}, 0
    if len(values) > 50 or any(len(v) > 2000 or len(k) > 100 for k, v in values.items()):
        return "values: too many or too long", "", {}, 0
    if not isinstance(expires_in, int) or isinstance(expires_in, bool) or not 1 <= expires_in <= MAX_EXPIRES_IN:
        return f"expires_in: whole seconds from 1 to {MAX_EXPIRES_IN}", "", {}, 0
    return "", path.removeprefix("/"), values, expires_in


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

"""The routes: an output's path answers with its bytes; the server's own pages beside them.

    GET  /<output path>   the bytes the command line writes at build/<path> (ETag, 304, …)
    GET  /                the agent page
    POST /api/links       a signed, expiring link with personal values (Bearer token)
    GET  /healthz         alive;  GET /readyz: workers warm (503 until then)
    GET  /metrics         Prometheus

Every refusal is one line of text (JSON `{"error": …}` on /api/), and names no personal value.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response

from ..errors import quoted
from . import backend
from .agent import agent_page, page_locale
from .cache import Entry, cache_key, entry
from .live import LiveBoard, inject, live, not_built_page
from .metrics import kind_of
from .pool import Busy, Late, WorkerLost
from .service import Service
from .signing import LINK_PARAMETERS, MAX_EXPIRES_IN, LinkRefused, token_matches

MEDIA_TYPES = {".pdf": "application/pdf", ".html": "text/html; charset=utf-8", ".png": "image/png"}
# Encoded characters no output path needs: a slash, a backslash, a dot (`%2e%2e`), NUL.
ENCODED = re.compile(rb"%(2f|5c|2e|00)", re.IGNORECASE)
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,40}$")
MAX_BODY = 64 * 1024
PERSONAL = "a person's document is served only through a signed link from POST /api/links"
EMPTY_SEGMENT = "not an output path: an empty segment ('//', or a '/' at the end)"


def serving(request: Request) -> Service:
    return request.app.state.service


def one_line(status: int, message: str, headers: dict[str, str] | None = None) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status, headers=headers)


def not_rendered(refused: Busy | Late | WorkerLost, deadline: float) -> PlainTextResponse:
    """The one line for a render the worker pool did not make: its queue full (429), the request's
    deadline passed, queue time included, or its worker lost (503); each says when to ask again."""
    if isinstance(refused, Busy):
        return one_line(429, "busy: the render queue is full, try again in a moment", {"Retry-After": "1"})
    if isinstance(refused, Late):
        return one_line(503, f"busy: not rendered within {deadline:g} s", {"Retry-After": "2"})
    return one_line(503, "a worker stopped while rendering; try again", {"Retry-After": "1"})


def download_name(path: str) -> str:
    """A readable file name: fjordvik/nn/<guide>.ticket.pdf → fjordvik-nn-<guide>.ticket.pdf."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", path.replace("/", "-"))


async def healthz(_request: Request) -> Response:
    """Alive: the process answers."""
    return one_line(200, "alive")


async def readyz(request: Request) -> Response:
    """Ready: the workers have opened the project (fonts, catalogs, guides loaded)."""
    service = serving(request)
    if service.ready:
        return one_line(200, "ready")
    return one_line(503, f"not ready: {service.problem or 'starting the workers'}")


async def metrics(request: Request) -> Response:
    service = serving(request)
    service.metrics.cache_bytes.set(service.cache.size)
    return Response(service.metrics.exposition(), media_type=service.metrics.content_type)


async def page(request: Request) -> Response:
    """The agent page."""
    service = serving(request)
    if not service.ready:
        return one_line(503, "not ready: starting the workers", {"Retry-After": "2"})
    locale = page_locale(request.query_params.get("lang", ""), request.headers.get("accept-language", ""))
    nonce = secrets.token_urlsafe(16)
    policy = (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; img-src 'self' data:; "
        "frame-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )
    html = agent_page(locale, await service.choices(), nonce, links=bool(service.settings.tokens))
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
    """POST /api/links: a signed link to an output with one person's values."""
    service, settings = serving(request), serving(request).settings

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
    served = await service.served()
    if values and backend.shape(path, served.known_locales).tenant:
        return error(422, backend.VALUES_AND_TENANTS)
    refused = _refused(service, served, path, signed=True)
    if refused is not None:
        return error(*refused)
    try:
        checked = await service.pool.run("", time.monotonic() + settings.deadline, backend.work, path, values, False)
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
    """GET /<output path>: its bytes, from the cache or a worker."""
    service = serving(request)
    path = request.scope["path"].removeprefix("/")
    if "" in path.split("/"):  # `//host/…` would make a protocol-relative redirect; no output path has one
        return one_line(404, EMPTY_SEGMENT)
    refused, values = _personal_values(request, service, path)
    if refused is not None:
        return refused
    if not service.ready or service.pool is None:
        return one_line(503, "not ready: starting the workers", {"Retry-After": "2"})
    inputs = service.inputs()
    signed = values is not None  # a signed link: personal, whatever its values (a person's pack has none)
    if not signed:
        served = await service.served(inputs)
        known = sorted(served.known_locales)
        canonical = canonical_path(path, known)
        fallback = request.query_params.get(FALLBACK, "")
        if fallback:
            fallback = canonical_path(f"{fallback}/-", known).split("/")[0]  # a desk's `nb-NO` is `nb` here too
            if fallback not in known:
                return one_line(404, f"?{FALLBACK}={quoted(fallback)}: no such locale (have: {', '.join(known)})")
            canonical = fallback_path(canonical, known, fallback, served.tenants)
        if canonical != path:
            query_text = "&".join(p for p in request.url.query.split("&") if p and p.split("=", 1)[0] != FALLBACK)
            return RedirectResponse("/" + canonical.lstrip("/") + (f"?{query_text}" if query_text else ""), 308)
    refusal = _refused(service, await service.served(inputs), path, signed)
    if refusal is not None:
        return one_line(*refusal, {"Cache-Control": "no-store"})
    board = live(request)
    if board is not None and not signed:  # `--watch`: the last good bytes of a broken build, a page made live
        return await _live_answer(request, board, path)
    made = await _made(service, path, values, "" if signed else cache_key(inputs, path), kind_of(request.scope["path"]))
    if isinstance(made, Response):
        return made
    return _answer(request, path, made, personal=signed)


def _refused(service: Service, served: backend.Served, path: str, signed: bool) -> tuple[int, str] | None:
    """Why this path is not served before any worker sees it: a person's address without a signed
    link (403, whether or not the person exists), a person or tenant whose row is unknown or has a
    problem (404, naming no other id), a path with an empty segment."""
    if "" in path.split("/"):
        return 400, EMPTY_SEGMENT
    if path.startswith("vars-"):
        return 400, "a vars-<hash>/ folder is the server's own: give the output's plain path and the values"
    found = backend.shape(path, served.known_locales)
    if found.person:
        if not signed:
            return 403, PERSONAL
        if found.person not in served.people:
            return 404, backend.NO_PERSON
    if found.tenant and service.setup.tenants is not None and found.tenant not in served.tenants:
        return 404, f"no tenant {found.tenant!r} served: not in the tenants file, or its row has a problem"
    return None


def _personal_values(request: Request, service: Service, path: str) -> tuple[Response | None, dict[str, str] | None]:
    """A refusal (an encoded separator, a query that sets values, a bad link), or the signed link's
    values (None on a plain URL)."""
    if ENCODED.search(request.scope.get("raw_path") or b""):
        return one_line(400, "not an output path: an encoded '/', '\\', '.' or NUL"), None
    query = request.query_params
    strangers = sorted(set(query.keys()) - LINK_PARAMETERS - {"download", FALLBACK})
    if strangers:
        named = ", ".join(n if NAME.match(n) else "?" for n in strangers[:5])
        return one_line(403, f"values come only through a signed link (POST /api/links), not the query ({named})"), None
    if not LINK_PARAMETERS & set(query.keys()):
        return None, None
    try:
        return None, service.settings.signer.check(path, query).values
    except LinkRefused as refused:
        return one_line(403, str(refused)), None


async def _made(service: Service, path: str, values: dict[str, str] | None, key: str, kind: str) -> Entry | Response:
    """The output's bytes from the cache (`key`; "" for a personal one: never kept) or a worker."""
    found = service.cache.get(key) if key else None
    if found is not None:
        service.metrics.cache_hits.labels(kind).inc()
        return found
    assert service.pool is not None
    deadline = service.settings.deadline
    try:
        made = await service.pool.run(key, time.monotonic() + deadline, backend.work, path, values, True)
    except (Busy, Late, WorkerLost) as exc:
        return not_rendered(exc, deadline)
    service.metrics.renders.labels(kind, str(made.status)).inc()
    if made.status != 200:
        return one_line(made.status, made.message)
    found = entry(made.body)
    if key:
        service.cache.put(key, found)
    return found


async def _live_answer(request: Request, board: LiveBoard, path: str) -> Response:
    """An output in `--watch` mode: its bytes as they are now, else the last that built (the
    problems show over them); an HTML page with the live script (`live.py`), or, when it has
    never built, a page that shows why and reloads when it does."""
    try:
        made = await board.render(path)
    except (Busy, Late, WorkerLost) as exc:
        return not_rendered(exc, board.service.settings.deadline)
    if made.status == 404:
        return one_line(404, made.message)
    html = path.endswith(".html")
    if made.shown is None:
        if not html:
            return one_line(made.status, made.message, {"Cache-Control": "no-store"})
        locale = page_locale("", request.headers.get("accept-language", ""))
        return Response(not_built_page(path, locale), made.status, media_type=MEDIA_TYPES[".html"])
    etag = made.shown.etag
    # a page with the live script is other bytes than the command line's: another ETag (a browser's
    # copy from a server without --watch is not taken for it)
    shown = Entry(inject(made.shown.body, path, etag), etag[:-1] + '-live"') if html else made.shown
    return _answer(request, path, shown, personal=False)


def _answer(request: Request, path: str, found: Entry, personal: bool) -> Response:
    """The bytes with their headers, or 304 when the client has them (never for a personal one)."""
    disposition = "attachment" if "download" in request.query_params else "inline"
    headers = {
        "Cache-Control": "private, no-store" if personal else "no-cache",
        "Content-Disposition": f'{disposition}; filename="{download_name(path)}"',
        "X-Content-Type-Options": "nosniff",
    }
    if not personal:  # a personal document is neither kept nor validated: no ETag names its bytes
        headers["ETag"] = found.etag
    if not personal and _matches(request.headers.get("if-none-match", ""), found.etag):
        return Response(status_code=304, headers={k: headers[k] for k in ("ETag", "Cache-Control")})
    media_type = MEDIA_TYPES.get("." + path.rsplit(".", 1)[-1], "application/octet-stream")
    return Response(found.body, media_type=media_type, headers=headers)


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


# `?fallback=en`: the locale for a help desk's language the project has none of (a macro's link
# carries the requester's language as it is, `de-DE` or `fr`, and the project's locale to use instead).
FALLBACK = "fallback"
LANGUAGE_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def fallback_path(path: str, locales: list[str], fallback: str, tenants: frozenset[str]) -> str:
    """The path with `fallback` in the locale's place when that place holds a language code that is
    none of `locales` (`de-DE/<guide>.pdf` → `en/<guide>.pdf`); else the path as it is."""
    parts = path.split("/")
    if len(parts) < 2:
        return path
    if len(parts) >= 3 and parts[0] in tenants:
        index = 1
    elif len(parts) == 2 or (parts[1] not in locales and not LANGUAGE_CODE.match(parts[1])):
        index = 0  # `de/<guide>.pdf`, `de/<guide>/<NN>-<screen>.png`
    else:
        return path  # `<unknown tenant>/de/<guide>.pdf`: not found as it is
    if parts[index] in locales or not LANGUAGE_CODE.match(parts[index]):
        return path
    return "/".join([*parts[:index], fallback, *parts[index + 1 :]])


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

"""The live preview of `guidepress serve --watch`: the outputs open in a browser, their last good
bytes and their problems, told to each open page over server-sent events; the script a page gets
to reload itself and to show the problems over it.

A page open on the server asks `GET /_live/events?path=<output path>` and gets the output's
state at once, then again each time it changes: the ETag of the bytes it should show (the last
render that built), the problem lines the command line would print for it (`path:line:col:
message`, with a link into the author's editor) and its warnings. The page reloads when the ETag
is not that of the bytes it shows; a build that fails keeps the last good bytes, so the page
stays and the problems show over it. Only `--watch` makes this board; without it no page gets a
script and every output's bytes are the command line's.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

from . import backend
from .agent import page_locale
from .cache import Entry, cache_key, entry
from .service import Service
from .words import live_words

log = logging.getLogger("guidepress.serve")

EVENTS = "/_live/events"
SCRIPT = "/_live/live.js"
# `{path}`: the file's absolute path as a URL's path (`/home/kari/guides/guide_src/x.yaml`), so that
# `file://{path}` is a file URL too
DEFAULT_EDITOR_URL = "vscode://file{path}:{line}:{column}"
KEEP_ALIVE = 15.0  # seconds between comments on an idle stream (proxies close silent connections)
KEPT = 64  # outputs whose last good bytes are kept
STATES = 256  # outputs whose last state is kept (those open in a browser always)
MAX_VIEWED = 64  # outputs open in browsers at once
SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")  # a name in an output's path
# `path:line:col: message`, `path:line: message` (a catalog's entry) or `path: message`
LOCATED = re.compile(r"^(?P<path>[^:\n]+?)(?::(?P<line>\d+))?(?::(?P<column>\d+))?: (?P<message>.*)$")


@dataclass(frozen=True)
class State:
    """What an open page should show: the bytes of `etag` ("" when nothing has built yet), with
    `errors` over them (the build failed) and `warnings` beside them; `key`: the cache key (the
    inputs and the path) it was made for."""

    etag: str
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    key: str = ""
    status: int = 200  # the render's: 422 when it failed (its first line in `message`)
    message: str = ""

    def shown(self) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        return self.etag, self.errors, self.warnings


@dataclass(frozen=True)
class Rendered:
    """A live render's answer: the bytes to show (fresh, or the last good ones; None when the
    output has never built), its state, and the status and line of a render that failed."""

    shown: Entry | None
    state: State
    status: int = 200
    message: str = ""


class LiveBoard:
    """The outputs open in browsers, their states and their last good bytes (one event loop's)."""

    def __init__(self, service: Service, editor_url: str = DEFAULT_EDITOR_URL) -> None:
        self.service = service
        self.editor_url = editor_url
        self.viewers: dict[str, list[asyncio.Queue[State | None]]] = {}
        self.states: dict[str, State] = {}
        self.good: OrderedDict[str, Entry] = OrderedDict()
        self.closing = False

    def viewed(self) -> list[str]:
        """The outputs open in a browser now."""
        return [path for path, queues in self.viewers.items() if queues]

    def subscribe(self, path: str) -> asyncio.Queue[State | None]:
        queue: asyncio.Queue[State | None] = asyncio.Queue()
        self.viewers.setdefault(path, []).append(queue)
        return queue

    def unsubscribe(self, path: str, queue: asyncio.Queue[State | None]) -> None:
        queues = self.viewers.get(path, [])
        if queue in queues:
            queues.remove(queue)
        if not queues:
            self.viewers.pop(path, None)

    def close(self) -> None:
        """The server stops: every open stream ends (a browser reconnects to the next server)."""
        self.closing = True
        for queues in self.viewers.values():
            for queue in queues:
                queue.put_nowait(None)

    async def render(self, path: str) -> Rendered:
        """The output's bytes and state for the inputs as they are now: from the cache when this
        state was made for them, else rendered by a worker (`backend.watch_work`). A page's
        problems and warnings are those of the PDF it links too (the command line prints them for
        the PDF's job), rendered side by side with it. Raises the pool's `Busy`, `Late` or
        `WorkerLost`."""
        service = self.service
        key = cache_key(service.inputs(), path)
        found, state = service.cache.get(key), self.states.get(path)
        if state is not None and state.key == key and (found is not None or state.status != 200):
            return Rendered(found or self.good.get(path), state, state.status, state.message)
        assert service.pool is not None
        deadline = time.monotonic() + service.settings.deadline
        sibling = path.removesuffix(".html") + ".pdf" if path.endswith(".html") else ""
        page, pdf = await asyncio.gather(
            service.pool.run(key, deadline, backend.watch_work, path),
            self.render(sibling) if sibling else _nothing(),
            return_exceptions=True,
        )
        if isinstance(page, BaseException):
            raise page
        made: backend.Outcome = page
        errors, warnings = made.errors, made.warnings
        if isinstance(pdf, Rendered) and pdf.status != 404:
            errors = tuple(dict.fromkeys(errors + pdf.state.errors))
            warnings = tuple(dict.fromkeys(warnings + pdf.state.warnings))
        service.metrics.renders.labels(_kind(path), str(made.status)).inc()
        if made.status == 200:
            fresh = entry(made.body)
            service.cache.put(key, fresh)
            self._keep(path, fresh)
            state = State(fresh.etag, errors, warnings, key)
        else:
            last = self.good.get(path)
            state = State(last.etag if last else "", errors or (made.message,), (), key, made.status, made.message)
        if key == cache_key(service.inputs(), path):  # else a save came since: its render tells the page
            self._publish(path, state)
        return Rendered(self.good.get(path), state, made.status, made.message)

    async def rebuild(self, changed: set[Path]) -> int:
        """Render again the open outputs that a changed file is an input of, side by side, and
        tell their pages; the number rendered."""
        root, tenants = self.service.settings.root, self.service.settings.tenants
        layout = await asyncio.to_thread(backend.input_layout, root)
        targets = [
            path
            for path in self.viewed()
            if any(backend.changes_output(file, path, layout, tenants) for file in changed)
        ]
        results = await asyncio.gather(*(self.render(path) for path in targets), return_exceptions=True)
        for path, result in zip(targets, results, strict=True):
            outcome = "error" if isinstance(result, BaseException) or result.state.errors else "built"
            self.service.metrics.watch_renders.labels(outcome).inc()
            if isinstance(result, BaseException):
                log.warning("guidepress serve: %s not rendered again: %s", path, type(result).__name__)
        return len(targets)

    def _keep(self, path: str, found: Entry) -> None:
        self.good[path] = found
        self.good.move_to_end(path)
        while len(self.good) > KEPT:
            self.good.popitem(last=False)

    def _publish(self, path: str, state: State) -> None:
        before = self.states.pop(path, None)
        self.states[path] = state  # the newest last
        for old in [p for p in self.states if p not in self.viewers][: max(0, len(self.states) - STATES)]:
            del self.states[old]
        if before is not None and before.shown() == state.shown():
            return
        for queue in self.viewers.get(path, []):
            queue.put_nowait(state)

    # --- what a page is sent -------------------------------------------------------------------

    def payload(self, state: State) -> str:
        """The state as the page's script reads it: each problem's text and its editor link."""
        return json.dumps(
            {
                "etag": state.etag,
                "errors": [self.problem(line) for line in state.errors],
                "warnings": [self.problem(line) for line in state.warnings],
            },
            ensure_ascii=False,
        )

    def problem(self, line: str) -> dict[str, str]:
        """A printed line, its location (`path:line:col`), its message, and a link that opens the
        file at that line in the author's editor (`--editor-url`; "" when the line names no file)."""
        found = LOCATED.match(line)
        if found is None or not found["line"] or found["path"].startswith("guidepress"):
            return {"text": line, "where": "", "message": line, "href": ""}
        where = line[: found.end("column") if found["column"] else found.end("line")]
        absolute = Path(os.path.abspath(found["path"])).as_posix()  # printed as the command line does, from here
        url_path = quote(absolute if absolute.startswith("/") else "/" + absolute, safe="/:")
        href = self.editor_url.format(path=url_path, line=found["line"], column=found["column"] or "1")
        return {"text": line, "where": where, "message": found["message"], "href": href}


async def _nothing() -> None:
    return None


def _kind(path: str) -> str:
    return {"pdf": "pdf", "html": "html", "png": "png"}.get(path.rsplit(".", 1)[-1], "other")


def live(request: Request) -> LiveBoard | None:
    """The server's live board, or None without `--watch`."""
    board: LiveBoard | None = getattr(request.app.state, "live", None)
    return board


# --- the page's side ---------------------------------------------------------------------------


def script_tag(path: str, etag: str, mode: str = "page", until_built: bool = False) -> str:
    """The tag that makes a page live: it loads the live script for the output at `path`, whose
    bytes `etag` it shows (`mode`: "page" reloads itself, "pdf" tells the print preview;
    `until_built`: a page in place of one that has not built, which reloads once it builds)."""
    until = ' data-until="built"' if until_built else ""
    return (
        f'<script src="{SCRIPT}" data-path="{escape(path)}" data-etag="{escape(etag)}" '
        f'data-mode="{mode}"{until} defer></script>'
    )


def inject(body: bytes, path: str, etag: str) -> bytes:
    """An HTML page with the live script before its `</body>` (only in `--watch` mode)."""
    tag = script_tag(path, etag).encode()
    at = body.rfind(b"</body>")
    return body + tag if at < 0 else body[:at] + tag + b"\n" + body[at:]


def not_built_page(path: str, locale: str) -> bytes:
    """A page in place of an HTML output that has never built: the live script shows why, and
    reloads it when it builds."""
    w = live_words(locale)
    return f"""<!doctype html>
<html lang="{locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(w["not_built_title"])}: {escape(path)}</title><link rel="icon" href="data:,">
<style>:root {{ color-scheme: light dark; }} body {{ margin: 0 auto; max-width: 44rem; padding: 3rem 1.5rem;
font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }}
h1 {{ font-size: 1.6rem; margin: 0 0 .5rem; }} code {{ font-size: .95rem; overflow-wrap: anywhere; }}</style></head>
<body><main><h1>{escape(w["not_built_title"])}</h1><p><code>{escape(path)}</code></p>
<p>{escape(w["not_built"])}</p></main>
{script_tag(path, "", until_built=True)}
</body>
</html>
""".encode()


async def events(request: Request) -> Response:
    """`GET /_live/events?path=…`: the output's state now, then each change (server-sent events)."""
    board = live(request)
    if board is None:
        return PlainTextResponse("the live preview is off: start guidepress serve --watch\n", 404)
    path = request.query_params.get("path", "").removeprefix("/")
    parts = path.split("/")
    if not path or "" in parts or path.startswith("vars-") or len(parts) > 4 or not all(map(SEGMENT.match, parts)):
        return PlainTextResponse("path: an output's path, e.g. nb/<guide>.html\n", 400)
    served = await board.service.served()
    found = backend.shape(path, served.known_locales)
    if found.person:
        return PlainTextResponse("a person's document has no live preview\n", 403)
    if found.tenant and found.tenant not in served.tenants:
        return PlainTextResponse("no such tenant served\n", 404)
    if path not in board.viewers and len(board.viewers) >= MAX_VIEWED:
        return PlainTextResponse("too many pages open\n", 429, headers={"Retry-After": "5"})
    queue = board.subscribe(path)

    async def stream() -> AsyncIterator[str]:
        try:
            yield "retry: 500\n\n"  # after a restart of the server, the page asks again at once
            sent: tuple[str, tuple[str, ...], tuple[str, ...]] | None = None
            for _ in range(600):  # a page open while the server starts: its state once the workers are warm
                if board.service.ready or board.closing:
                    break
                await asyncio.sleep(0.2)
            try:
                state: State | None = (await board.render(path)).state
            except Exception as exc:  # noqa: BLE001  busy: the next change tells the page
                log.warning("guidepress serve: %s not rendered for its page: %s", path, type(exc).__name__)
                state = None
            while not board.closing:
                if state is not None and state.shown() != sent:
                    sent = state.shown()
                    yield f"event: state\ndata: {board.payload(state)}\n\n"
                try:
                    state = await asyncio.wait_for(queue.get(), KEEP_ALIVE)
                except TimeoutError:
                    yield ": alive\n\n"
                    state = None
                    continue
                if state is None:
                    return
        finally:
            board.unsubscribe(path, queue)

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


async def client_script(request: Request) -> Response:
    """`GET /_live/live.js`: the live script, with its words in the reader's language (`?lang=`,
    else Accept-Language, else nb)."""
    locale = page_locale(request.query_params.get("lang", ""), request.headers.get("accept-language", ""))
    from ..common.resources import resource_path

    code = resource_path("live", "live.js").read_text(encoding="utf-8")
    css = resource_path("live", "live.css").read_text(encoding="utf-8")
    words = json.dumps(live_words(locale), ensure_ascii=False).replace("</", "<\\/")
    text = code.replace("/*WORDS*/{}", words).replace("/*CSS*/''", json.dumps(css)).replace("/*LANG*/''", f'"{locale}"')
    return Response(
        text,
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "no-cache", "Vary": "Accept-Language", "X-Content-Type-Options": "nosniff"},
    )

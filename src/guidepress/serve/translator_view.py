"""GET /_translate/<locale>/<guide>.html: the translator view of a guide's page.

The page `GET /<locale>/<guide>.html` serves, with each text's catalog entry on hover and
keyboard focus, untranslated and fuzzy texts marked and the screen pictures' texts boxed
(`GuidesProject.translator_view`); `/_translate/qps-ploc/<guide>.html` is the pseudo-locale's,
where plain ASCII is text that came through no catalog and a box outlined in red a text that
does not fit. The view's own words are in nb, nn or en (`?lang=`, else the browser's language).
It is rendered by a worker like any output and kept in the server's cache under the inputs'
fingerprint, so an edited catalog shows on the next request. The page asks for nothing
elsewhere: its Content-Security-Policy allows inline style and script and this server only
(so that `--watch`'s live-reload script, served from here, may join it: with `--watch` the view
reloads when the page it annotates, `<locale>/<guide>.html`, is rendered anew).
"""

from __future__ import annotations

import time

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from . import backend
from .agent import page_locale
from .cache import cache_key, entry
from .live import inject, live, not_built_page
from .pool import Busy, Late, WorkerLost
from .routes import ENCODED, NAME, not_rendered, one_line

PREFIX = "/_translate"
POLICY = (
    "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'self'"
)


def view_work(locale: str, guide: str, language: str) -> backend.Outcome:
    """In a worker: the view's bytes, or the one line that says why not (404, 422)."""
    from ..api import NotFound
    from ..errors import GuideError

    project = backend._Worker.project  # the worker's one project, opened by `backend.open_worker`
    if project is None:
        return backend.Outcome(500, message=backend._Worker.problem or "the project did not open")
    try:
        return backend.Outcome(200, project.translator_view(locale, guide, language=language))
    except NotFound as exc:
        return backend.Outcome(404, message=str(exc).splitlines()[0])
    except GuideError as exc:
        return backend.Outcome(422, message=str(exc).splitlines()[0])


async def translator_page(request: Request) -> Response:
    """The translator view of `<locale>/<guide>.html`, rendered by a worker (or from the cache)."""
    service = request.app.state.service
    locale, name = request.path_params["locale"], request.path_params["name"]
    if ENCODED.search(request.scope.get("raw_path") or b""):
        return one_line(400, "not an output path: an encoded '/', '\\', '.' or NUL")
    strangers = sorted(set(request.query_params.keys()) - {"lang"})
    if strangers:  # values come only through a signed link, as on an output's own address
        named = ", ".join(n if NAME.match(n) else "?" for n in strangers[:5])
        return one_line(403, f"the translator view takes no values, only ?lang= ({named})")
    if not name.endswith(".html") or "/" in name:
        return one_line(404, f"{locale}/{name}: the translator view is {PREFIX}/<locale>/<guide>.html")
    guide = name.removesuffix(".html")
    if not service.ready or service.pool is None:
        return one_line(503, "not ready: starting the workers", {"Retry-After": "2"})
    language = page_locale(request.query_params.get("lang", ""), request.headers.get("accept-language", ""))
    key = cache_key(service.inputs(), f"{PREFIX}/{locale}/{name}?lang={language}")
    found = service.cache.get(key)
    if found is None:
        deadline = service.settings.deadline
        try:
            made = await service.pool.run(key, time.monotonic() + deadline, view_work, locale, guide, language)
        except (Busy, Late, WorkerLost) as exc:
            return not_rendered(exc, deadline)
        if made.status == 422 and live(request) is not None:  # --watch: the problems, until a save fixes them
            page = f"{locale}/{guide}.html"
            return HTMLResponse(not_built_page(page, language), 422, headers={"Cache-Control": "no-store"})
        if made.status != 200:
            return one_line(made.status, made.message, {"Cache-Control": "no-store"})
        found = entry(made.body)
        service.cache.put(key, found)
    body = found.body
    board = live(request)
    if board is not None:  # --watch: the view reloads when the page it annotates changes
        page = f"{locale}/{guide}.html"
        try:
            annotated = await board.render(page)
        except (Busy, Late, WorkerLost):
            annotated = None
        if annotated is not None and annotated.shown is not None:
            body = inject(body, page, annotated.shown.etag)
    headers = {
        "Cache-Control": "no-cache",
        "Content-Language": language,
        "Content-Security-Policy": POLICY,
        "Vary": "Accept-Language",
        "X-Content-Type-Options": "nosniff",
    }
    return HTMLResponse(body, headers=headers)

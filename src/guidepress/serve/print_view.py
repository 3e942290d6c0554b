"""The print preview (`GET /_print/<output path>.pdf`): a handout's or pack's PDF pages as they will
print, drawn in the page by pdf.js, which the package carries (`resources/pdfjs/`, served from
`/_static/`): the page asks nothing of any other address. With `--watch` it redraws the pages when
the PDF changes (the live script tells it, `live.py`), keeping the reader's place.

The page's words are the server's (`words.py`, nb, nn or en: `?lang=`, else Accept-Language).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from functools import cache
from html import escape

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ..common.resources import resource_path
from ..errors import quoted
from .agent import page_locale
from .live import live, script_tag
from .routes import ENCODED
from .service import Service
from .words import live_words

# The files `/_static/<name>` answers with, and nothing else: the print preview's script and pdf.js.
STATIC = {
    "pdfjs/pdf.min.mjs": ("pdfjs", "pdf.min.mjs"),
    "pdfjs/pdf.worker.min.mjs": ("pdfjs", "pdf.worker.min.mjs"),
    "live/print.js": ("live", "print.js"),
}


@cache
def _static(name: str) -> tuple[bytes, str]:
    body = resource_path(*STATIC[name]).read_bytes()
    return body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


async def static(request: Request) -> Response:
    """`GET /_static/<name>`: one of the files in `STATIC`, revalidated by its ETag."""
    name = request.path_params["name"]
    if name not in STATIC:
        return PlainTextResponse("not found\n", 404)
    body, etag = _static(name)
    headers = {"ETag": etag, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="text/javascript; charset=utf-8", headers=headers)


async def _not_found(service: Service, path: str) -> str:
    """Why the PDF at `path` is none the server answers ("" if it is one): a locale, tenant, guide or
    pack that the project does not have (a person's pack is served only through a signed link)."""
    inputs = service.inputs()
    served = await service.served(inputs)
    parts = path.split("/")
    tenant = parts[0] if len(parts) == 3 else ""
    if len(parts) - bool(tenant) != 2:
        return f"{quoted(path)}: the print preview shows /_print/[<tenant>/]<locale>/<guide or pack>.pdf"
    locale, name = parts[-2], parts[-1].split(".", 1)[0]
    if tenant and tenant not in served.tenants:
        return f"no tenant {quoted(tenant)} served"
    if locale not in served.known_locales:
        return f"{quoted(locale)}: not a locale (have: {', '.join(sorted(served.known_locales))})"
    choices = await service.choices(inputs)
    if name not in choices["guides"] and name not in choices["packs"]:
        return f"no guide or pack {quoted(name)}"
    return ""


async def print_page(request: Request) -> Response:
    """`GET /_print/<locale>/<guide-or-pack>[.<choices>].pdf`: the PDF's pages in the page."""
    path = request.path_params["path"]
    if not path.endswith(".pdf") or "" in path.split("/") or path.startswith("vars-") or len(path) > 1000:
        return PlainTextResponse("the print preview shows a PDF: /_print/<locale>/<guide>.pdf\n", 404)
    if ENCODED.search(request.scope.get("raw_path") or b""):
        return PlainTextResponse("not an output path: an encoded '/', '\\', '.' or NUL\n", 400)
    service = request.app.state.service
    if not service.ready:
        return PlainTextResponse("not ready: starting the workers\n", 503, headers={"Retry-After": "2"})
    missing = await _not_found(service, path)
    if missing:
        return PlainTextResponse(f"{missing}\n", 404)
    locale = page_locale(request.query_params.get("lang", ""), request.headers.get("accept-language", ""))
    w = live_words(locale)
    nonce = secrets.token_urlsafe(16)
    board = live(request)
    name = path.rsplit("/", 1)[-1]
    edition = "/" + path.removesuffix(".pdf") + ".html"
    data = json.dumps({"path": path, "words": w}, ensure_ascii=False).replace(
        "<", "\\u003c"
    )  # never markup in a script
    live_tag = script_tag(path, "", "pdf") if board is not None else ""
    html = f"""<!doctype html>
<html lang="{locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{escape(w["print_preview"])}: {escape(name)}</title>
<link rel="icon" href="data:,">
<style nonce="{nonce}">{CSS}</style>
</head>
<body>
<header>
<div class="heading"><h1>{escape(w["print_preview"])} <span class="file">{escape(path)}</span></h1>
<p>{escape(w["print_help"])}</p></div>
<nav aria-label="{escape(w["print_preview"])}">
<a class="button" href="/{escape(path)}?download">{escape(w["download_pdf"])}</a>
<a href="{escape(edition)}">{escape(w["html_edition"])}</a></nav>
</header>
<main id="pages" aria-busy="true" aria-label="{escape(name)}"></main>
<footer><p id="print-status" role="status">{escape(w["loading"])}</p></footer>
<script type="application/json" id="print-data">{data}</script>
<script type="module" nonce="{nonce}" src="/_static/live/print.js"></script>
{live_tag}
</body>
</html>
"""
    policy = (
        f"default-src 'none'; script-src 'self' 'nonce-{nonce}'; worker-src 'self'; connect-src 'self'; "
        f"style-src 'self' 'nonce-{nonce}'; img-src 'self' data: blob:; font-src 'self' data: blob:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
    )
    headers = {"Content-Security-Policy": policy, "Cache-Control": "no-store", "Content-Language": locale}
    return Response(html, media_type="text/html; charset=utf-8", headers=headers)


CSS = """
:root { color-scheme: light dark; --fg: #1b1b1f; --bg: #e9e9ed; --bar: #ffffff; --accent: #0b5cad; --muted: #4a4a52;
  --line: #c9c9d1; }
@media (prefers-color-scheme: dark) { :root { --fg: #ececf1; --bg: #2a2a30; --bar: #18181c; --accent: #8cc4ff;
  --muted: #c0c0c8; --line: #4a4a52; } }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--fg);
  background: var(--bg); }
header { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: center;
  justify-content: space-between; padding: .75rem 1.5rem; background: var(--bar); border-bottom: 1px solid var(--line);
  box-shadow: 0 1px 4px rgba(0, 0, 0, .08); }
h1 { font-size: 1.2rem; margin: 0; }
.file { font: 600 .95rem ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; color: var(--muted);
  margin-left: .5rem; overflow-wrap: anywhere; }
header p { margin: 0; color: var(--muted); font-size: .9rem; }
nav { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
a { color: var(--accent); }
.button { display: inline-block; padding: .45rem .9rem; border-radius: 6px; background: var(--accent);
  color: var(--bar);
  text-decoration: none; font-weight: 600; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
main { display: flex; flex-direction: column; align-items: center; gap: 1.75rem; padding: 2rem 1rem 4rem; }
figure { margin: 0; }
canvas { display: block; background: #fff; box-shadow: 0 2px 10px rgba(0, 0, 0, .25), 0 0 1px rgba(0, 0, 0, .4); }
figcaption { margin-top: .4rem; text-align: center; font-size: .85rem; color: var(--muted); }
#print-status { position: fixed; left: 1rem; bottom: 1rem; margin: 0; padding: .4rem .8rem; border-radius: 6px;
  background: var(--bar); border: 1px solid var(--line); }
#print-status:empty { display: none; }
@media (max-width: 40rem) { header { position: static; padding: .75rem 1rem; } main { padding: 1rem .5rem 4rem; } }
"""

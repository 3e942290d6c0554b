"""`guidepress serve`: the output paths of a guides project, answered over HTTP.

The URL is the output's path under `build/` and the answer is the bytes the command line writes
there (`GuidesProject.render`). The modules, in the order a request meets them:

- `command.py`  the `guidepress serve` command: options, the address it prints, a clean stop
- `app.py`      the ASGI application (Starlette) and its request log
- `routes.py`   the routes: outputs, /healthz, /readyz, /metrics, /api/links, the agent page
- `service.py`  the server's state: settings, pool, cache, metrics, readiness
- `signing.py`  signed, expiring links that carry personal values (encrypted, HMAC-SHA256)
- `pool.py`     the bounded queue and the worker processes that render (429, deadline → 503)
- `cache.py`    rendered bytes in memory, bounded, keyed by the inputs' fingerprint
- `metrics.py`  the Prometheus metrics, `guidepress_…`
- `agent.py`, `words.py`  the agent page and its words (nb, nn, en, the handout words' catalogs)
- `backend.py`  what the server needs of a project beyond the public API (the one module that
  reaches into guidepress's internals)
- `watch.py`    `--watch`: the input folders watched, a burst of saves one rebuild of the open outputs
- `live.py`     `--watch`: the open outputs' last good bytes and problems, told to their pages
  (server-sent events), and the script a page gets to reload and show them
- `print_view.py`  the print preview: a PDF's pages drawn by the package's pdf.js (`resources/pdfjs/`)
"""

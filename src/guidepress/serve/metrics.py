"""The Prometheus metrics (`GET /metrics`), all named `guidepress_…`, in a registry of the server's own.

Labels are the kind of output (`pdf`, `html`, `png`, or the server's own pages: `page`, `api`,
`health`, `metrics`, `other`) and the HTTP status: never a path, tenant or value.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

OUTPUT_KINDS = {".pdf": "pdf", ".html": "html", ".png": "png"}


def kind_of(path: str) -> str:
    """The kind of a request, from its path alone (no lookup, so a hostile path costs nothing)."""
    if path == "/":
        return "page"
    if path.startswith("/api/"):
        return "api"
    if path in ("/healthz", "/readyz"):
        return "health"
    if path == "/metrics":
        return "metrics"
    for suffix, kind in OUTPUT_KINDS.items():
        if path.endswith(suffix):
            return kind
    return "other"


class Metrics:
    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter("guidepress_requests", "HTTP requests answered", ["kind", "status"], registry=r)
        self.latency = Histogram(
            "guidepress_request_seconds",
            "Time to answer a request, queue included",
            ["kind"],
            buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            registry=r,
        )
        self.renders = Counter("guidepress_renders", "Outputs rendered by the workers", ["kind", "outcome"], registry=r)
        self.cache_hits = Counter("guidepress_cache_hits", "Outputs answered from the cache", ["kind"], registry=r)
        self.cache_bytes = Gauge("guidepress_cache_bytes", "Bytes of rendered outputs kept in memory", registry=r)
        self.queue_depth = Gauge("guidepress_queue_depth", "Jobs waiting for a worker", registry=r)
        self.workers_busy = Gauge("guidepress_workers_busy", "Workers rendering now", registry=r)
        self.workers = Gauge("guidepress_workers", "Worker processes", registry=r)
        self.rejected = Counter(
            "guidepress_rejected",
            "Requests refused for load: queue full (429) or deadline passed (503)",
            ["reason"],
            registry=r,
        )

        # `serve --watch` (watch.py): passes over a burst of saved inputs, and the outputs they made again
        self.watch_rebuilds = Counter(
            "guidepress_watch_rebuilds", "Rebuilds after input files changed (a burst of saves is one)", registry=r
        )
        self.watch_renders = Counter(
            "guidepress_watch_renders", "Outputs open in a browser made again by a rebuild", ["outcome"], registry=r
        )
        self.watch_seconds = Histogram(
            "guidepress_watch_rebuild_seconds",
            "From a rebuild's start (its changes seen) to the open pages told",
            buckets=(0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5),
            registry=r,
        )

    def observe(self, kind: str, status: int, seconds: float) -> None:
        self.requests.labels(kind, str(status)).inc()
        self.latency.labels(kind).observe(seconds)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)

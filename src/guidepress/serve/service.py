"""The server's state, made once per process: its settings, the worker pool, the cache, the
metrics, and whether the workers are warm (readiness)."""

from __future__ import annotations

import asyncio
import logging
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import backend
from .cache import RenderCache
from .metrics import Metrics
from .pool import RenderPool
from .signing import Signer

log = logging.getLogger("guidepress.serve")


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
    watch: bool = False  # `--watch`: a live preview (watch.py, live.py); else the served bytes are the CLI's
    editor_url: str = ""  # `--editor-url`: a problem's link in the live preview ({path}, {line}, {column})


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
        self._choices: tuple[str, backend.Choices] | None = None
        self._served: tuple[str, backend.Served] | None = None

    def inputs(self) -> str:
        """The fingerprint of every input file, read now (the cache's key changes with any edit)."""
        return backend.fingerprint(self.folders, self.files)

    async def start(self) -> None:
        self.pool = RenderPool(self.setup, self.settings.workers, self.settings.queue, self.metrics, self.settings.warm)
        try:
            answers = await self.pool.warm_up()
            for line in (await self.served()).problems:  # a bad row is left out, and said once
                print(line, file=sys.stderr, flush=True)
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

    async def choices(self, inputs: str = "") -> backend.Choices:
        """What the agent page lists, read again when an input file changed (`inputs`: the
        fingerprint, if the caller has it)."""
        inputs = inputs or self.inputs()
        if self._choices is None or self._choices[0] != inputs:
            good = (await self.served(inputs)).tenants if self.setup.tenants is not None else None
            self._choices = (inputs, await asyncio.to_thread(backend.choices, self.setup, good))
        return self._choices[1]

    async def served(self, inputs: str = "") -> backend.Served:
        """The locales, tenants and people served, read again when an input file changed (apart
        from the agent page's lists, which cost a plan of the whole project: an output's request
        after an edit waits for this only)."""
        inputs = inputs or self.inputs()
        if self._served is None or self._served[0] != inputs:
            self._served = (inputs, await asyncio.to_thread(backend.served, self.setup))
        return self._served[1]

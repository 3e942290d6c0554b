"""The worker processes that render, and the bounded queue in front of them.

Rendering is CPU-bound Python, so it runs in a pool of `workers` processes (spawned, each with the
project opened once: fonts, catalogs and guides stay warm). At most `workers + queue` jobs are
admitted at a time; one more is refused at once (`Busy`: the server answers 429 with
Retry-After) instead of waiting behind a queue it cannot leave. A job counts against the bound
until its worker is done with it, even when its request gave up: the bound is the work really
in hand. A request's deadline covers its time in the queue: when it passes, the request gets
`Late` (503). The same output asked for twice at once
is rendered once (both requests wait for the same job).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool

from . import backend
from .metrics import Metrics


class Busy(Exception):
    """The queue is full."""


class Late(Exception):
    """The request's deadline passed before its output was ready."""


class WorkerLost(Exception):
    """A worker process died during the job (killed for memory, say); the pool was started again."""


class RenderPool:
    def __init__(self, setup: backend.Setup, workers: int, queue: int, metrics: Metrics, warm: str = "") -> None:
        self.setup, self.workers, self.queue, self.metrics, self.warm = setup, workers, queue, metrics, warm
        self.in_hand = 0
        self._shared: dict[str, asyncio.Future[backend.Outcome]] = {}
        self._executor = self._start()
        metrics.workers.set(workers)

    def _start(self) -> concurrent.futures.ProcessPoolExecutor:
        return concurrent.futures.ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=backend.open_worker,
            initargs=(self.setup, self.warm),
        )

    async def warm_up(self) -> list[backend.Outcome]:
        """Start every worker and wait until each has opened the project (readiness)."""
        loop = asyncio.get_running_loop()
        jobs = [loop.run_in_executor(self._executor, backend.ping) for _ in range(self.workers)]
        return list(await asyncio.gather(*jobs))

    async def run(
        self, key: str, deadline: float, job: Callable[..., backend.Outcome], *args: object
    ) -> backend.Outcome:
        """The job's outcome; `key` names its output (equal keys share one job), `deadline` is a
        `time.monotonic()` moment."""
        shared = self._shared.get(key) if key else None
        if shared is None:
            shared = self._submit(job, *args)
            if key:
                self._shared[key] = shared
                shared.add_done_callback(lambda _f: self._shared.pop(key, None))
        remaining = deadline - time.monotonic()
        try:
            return await asyncio.wait_for(asyncio.shield(shared), max(remaining, 0.001))
        except TimeoutError:
            self.metrics.rejected.labels("deadline").inc()
            raise Late from None
        except BrokenProcessPool:
            self._restart()
            raise WorkerLost from None

    def _submit(self, job: Callable[..., backend.Outcome], *args: object) -> asyncio.Future[backend.Outcome]:
        if self.in_hand >= self.workers + self.queue:
            self.metrics.rejected.labels("queue full").inc()
            raise Busy
        loop = asyncio.get_running_loop()
        try:
            done = self._executor.submit(job, *args)
        except BrokenProcessPool:  # a worker died (killed for memory?): start a fresh pool
            self._restart()
            done = self._executor.submit(job, *args)
        self._count(+1)
        done.add_done_callback(lambda _f: loop.call_soon_threadsafe(self._count, -1))
        return asyncio.wrap_future(done, loop=loop)

    def _restart(self) -> None:
        """A fresh pool in place of a broken one (its jobs have all failed: nothing to wait for)."""
        broken = self._executor
        if getattr(broken, "_broken", False):  # concurrent.futures marks it so; it has no public way to ask
            self._executor = self._start()
            broken.shutdown(wait=False, cancel_futures=True)

    def _count(self, step: int) -> None:
        self.in_hand += step
        self.metrics.workers_busy.set(min(self.in_hand, self.workers))
        self.metrics.queue_depth.set(max(self.in_hand - self.workers, 0))

    def close(self) -> None:
        """Wait for the jobs in hand, then stop the workers."""
        self._executor.shutdown(wait=True, cancel_futures=True)

"""Runs independent jobs on forked worker processes and gives their results in the jobs' order.

A build is many independent handouts (a guide in a locale). Forked workers inherit what the
parent has already done: modules imported, fonts registered, guides loaded and validated.
So nothing is imported or parsed twice, and the jobs are never pickled, only their results.
Where fork is not the platform's safe choice (Windows, macOS), the jobs run one after another,
with the same results.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

J = TypeVar("J")
R = TypeVar("R")

# Set in each worker by its initializer: the function and the jobs, inherited through fork.
_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity, where the platform tells)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "darwin"


def run_jobs(fn: Callable[[J], R], jobs: Sequence[J], workers: int) -> list[R]:
    """[fn(job) for job in jobs], on up to `workers` processes when there is more than one job."""
    workers = min(workers, len(jobs))
    if workers <= 1 or not can_fork():
        return [fn(job) for job in jobs]
    import multiprocessing  # only a parallel build pays for these imports
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_receive, initargs=(fn, jobs)) as pool:
        return list(pool.map(_run, range(len(jobs))))


def _receive(fn: Callable[[Any], Any], jobs: Sequence[Any]) -> None:
    global _work
    _work = (fn, jobs)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once


def _run(index: int) -> Any:
    assert _work is not None, "a worker runs jobs only after its initializer"
    fn, jobs = _work
    return fn(jobs[index])

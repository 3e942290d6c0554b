"""Runs independent jobs on forked worker processes and gives their results in the jobs' order.

A build is many independent handouts (a guide in a locale). Forked workers inherit what the
parent has already done: modules imported, fonts registered, guides loaded and validated.
So nothing is imported or parsed twice, and the jobs are never pickled, only their results.
Where fork is not the platform's safe choice (Windows, macOS), or the build runs in another
thread than the main one (a server's: forking it could copy a lock another thread holds), the
jobs run one after another, with the same results. The work reaches each worker through `_work`, set only in the
forked child by its initializer, never in the parent: two builds side by side do not share it.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
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
    """Whether worker processes may be forked here: a platform where fork is safe, from the main thread."""
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.current_thread() is threading.main_thread()


def run_jobs(
    fn: Callable[[J], R],
    jobs: Sequence[J],
    workers: int,
    lost: Callable[[J], R],
    done: Callable[[int], None] | None = None,
) -> list[R]:
    """[fn(job) for job in jobs], on up to `workers` processes when there is more than one job.

    `fn` reports its own failures in what it returns. A job whose worker process died (killed,
    out of memory) gets `lost(job)` instead. `done(n)` is told, in this process, how many jobs
    have ended, as each ends (for a progress bar). When the build itself is stopped (Ctrl-C,
    SIGTERM), the workers are stopped with it before the exception goes on.
    """
    workers = min(workers, len(jobs))
    if workers <= 1 or not can_fork():
        results = []
        for job in jobs:
            results.append(fn(job))
            if done is not None:
                done(len(results))
        return results
    import multiprocessing  # only a parallel build pays for these imports
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_receive, initargs=(fn, jobs, os.getpid()))
    try:
        futures = {pool.submit(_run, index): index for index in range(len(jobs))}
        ended: dict[int, R] = {}
        for future in as_completed(futures):
            index = futures[future]
            try:
                ended[index] = future.result()
            except BrokenProcessPool:
                ended[index] = lost(jobs[index])
            if done is not None:
                done(len(ended))
        results = [ended[index] for index in range(len(jobs))]
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()
    return results


def _stop(pool: Any) -> None:
    """Cancel the jobs not yet started and end the workers now."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14 and later
    if terminate is not None:
        terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())  # shutdown forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)


def _receive(fn: Callable[[Any], Any], jobs: Sequence[Any], parent: int) -> None:
    """A worker's start: the work, and signals of its own."""
    global _work
    _work = (fn, jobs)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent stops its workers with it
    if sys.platform == "linux":  # and if the parent is killed outright, the workers go too
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)
        if os.getppid() != parent:  # it was killed before the line above
            os._exit(1)


def _run(index: int) -> Any:
    assert _work is not None, "a worker runs jobs only after its initializer"
    fn, jobs = _work
    return fn(jobs[index])

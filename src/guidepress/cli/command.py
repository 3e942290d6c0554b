"""The `guidepress` process itself: `make_pdf.py`, `python -m guidepress` and the console script.

A build is a short process that imports much and then allocates much, and frees little
before it ends. So the cyclic garbage collector sleeps while the modules load; what they
made is then frozen (never scanned again, and not copied into forked workers by a scan),
and the collector runs less often. At the end the process leaves without tearing the
interpreter down object by object. Together this is a fifth of a cold build's time.
`cli.main` stays an ordinary function for tests and other callers.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from typing import NoReturn


def entry() -> NoReturn:
    gc.disable()
    from .main import main, stdout_gone

    gc.freeze()
    gc.set_threshold(10_000, 10, 10)  # the default first generation is 700 allocations
    gc.enable()
    signal.signal(signal.SIGTERM, _terminated)
    try:
        status = main(before_jobs=_loaded)
    except BrokenPipeError:  # a report (`--status`) cut short by its reader
        stdout_gone()
        status = 1
    except SystemExit as exc:  # SIGTERM (`_terminated`) or a usage error: leave as below, at once (a
        # normal exit would first join the worker pool's manager thread, which may wait for a job)
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
        status = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    for stream in (sys.stdout, sys.stderr):  # every output file is already written and closed
        if stream is None:  # started with that descriptor closed
            continue
        try:
            stream.flush()
        except BrokenPipeError:  # the reader went away (`| head`): the build itself is done
            if stream is sys.stdout:
                stdout_gone()
    os._exit(status)


def _loaded() -> None:
    """The loaded guides, fonts and catalogs live to the end: out of the collector's sight, so
    that its collections during the build (locale data, layouts) do not scan them again and
    again (a tenth of a cold build), nor touch the pages the forked workers share."""
    gc.freeze()


def _terminated(signum: int, _frame: object) -> NoReturn:
    """SIGTERM (a CI job's timeout) stops the build as Ctrl-C does: workers first."""
    print("guidepress: terminated", file=sys.stderr)
    raise SystemExit(128 + signum)

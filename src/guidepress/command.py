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
import sys
from typing import NoReturn


def entry() -> NoReturn:
    gc.disable()
    from .cli import main

    gc.freeze()
    gc.set_threshold(10_000, 10, 10)  # the default first generation is 700 allocations
    gc.enable()
    try:
        status = main()
        sys.stdout.flush()  # every output file is already written and closed
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (`| head`): the build itself is done
        status = 1
    os._exit(status)

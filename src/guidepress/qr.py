"""QR codes as data: the dark modules of a text's code, for the handout's article link and for
QR codes drawn on a screen (an authenticator app's set-up code)."""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby

import reportlab

from . import disk_cache


@lru_cache(maxsize=256)  # bounded: a server meets a new article address per tenant
def qr_modules(text: str) -> tuple[tuple[int, int, int], ...]:
    """The dark runs of the text's QR code (error correction M) as (row, column, length).

    reportlab's encoder does the work. Importing it (its package brings every barcode) and
    encoding take 15 ms, so the runs are kept per text, in the process and between runs.
    """
    cached = disk_cache.cache_path("qr", reportlab.Version, "M", text)
    runs = disk_cache.read(cached)
    if isinstance(runs, tuple):
        return runs
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    found = []
    for r, row in enumerate(code.modules):
        c = 0
        for dark, group in groupby(bool(m) for m in row):
            n = len(list(group))
            if dark:
                found.append((r, c, n))
            c += n
    disk_cache.write(cached, tuple(found))
    return tuple(found)


def qr_size(runs: tuple[tuple[int, int, int], ...]) -> int:
    """Modules on a side (the finder patterns reach the last row and column)."""
    return max(r for r, _, _ in runs) + 1

"""QR codes as data: the dark modules of a text's code, for the handout's article link and for
QR codes drawn on a screen (an authenticator app's set-up code).

A QR code's text may be a person's own value (a set-up link that holds their secret), so codes
are kept in the process only, never in the disk cache: encoding one takes some 7 ms."""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby

# no QR code (version 40, error correction M) holds more than 5,596 digits; reportlab's encoder
# says how much less a text of letters or bytes may be
QR_MAX_CHARACTERS = 5596


class QrTooLong(ValueError):
    """A text too long for any QR code. The message never quotes the text (it may be a person's
    own value); the caller says where the text came from."""

    def __init__(self, text: str) -> None:
        super().__init__(f"a QR code cannot hold its text ({len(text):,} characters; a link of up to 2,000 fits)")


@lru_cache(maxsize=256)  # bounded: a server meets a new article address per tenant
def qr_modules(text: str) -> tuple[tuple[int, int, int], ...]:
    """The dark runs of the text's QR code (error correction M) as (row, column, length);
    `QrTooLong` when no QR code holds the text.

    reportlab's encoder does the work (imported when first needed: its package brings every
    barcode); the runs are kept per text in the process, a bounded number of them.
    """
    if len(text) > QR_MAX_CHARACTERS:
        raise QrTooLong(text)
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    try:
        code.make()
    except Exception as exc:  # reportlab raises a bare Exception when the text does not fit
        if "code length overflow" in str(exc):
            raise QrTooLong(text) from None
        raise
    found = []
    for r, row in enumerate(code.modules):
        c = 0
        for dark, group in groupby(bool(m) for m in row):
            n = len(list(group))
            if dark:
                found.append((r, c, n))
            c += n
    return tuple(found)


def qr_size(runs: tuple[tuple[int, int, int], ...]) -> int:
    """Modules on a side (the finder patterns reach the last row and column)."""
    return max(r for r, _, _ in runs) + 1

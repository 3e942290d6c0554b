"""What a person watching a batch sees: a progress bar on a terminal, else one summary line.

The bar goes to stderr, only when stderr is a terminal and not in CI (`CI` set) or with
`--quiet`: done/total, the rate, the time left; it redraws at most ten times a second and
is wiped at the end. The summary line says what was built, what was up to date and what
failed, how long it took and how fast.
"""

from __future__ import annotations

import os
import time
from typing import TextIO


def wants_bar(stream: TextIO, quiet: bool) -> bool:
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        return False
    return terminal and not quiet and not os.environ.get("CI")


class ProgressBar:
    """Called with (done, total) as jobs end; draws `[#####.....] 120/600  45.1/s  0:08 left`."""

    WIDTH = 28

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.start = time.monotonic()
        self.shown = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.shown < 0.1:
            return
        self.shown = now
        elapsed = now - self.start
        rate = done / elapsed if elapsed > 0 and done else 0.0
        left = f"{_clock((total - done) / rate)} left" if rate and done < total else ""
        filled = self.WIDTH * done // total if total else self.WIDTH
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {done}/{total}  {rate:.1f}/s  {left}\x1b[K")
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    return (
        f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        if seconds >= 3600
        else f"{seconds // 60}:{seconds % 60:02d}"
    )


def summary(
    built: int,
    up_to_date: int,
    failed: int,
    seconds: float,
    audiences: int,
    shard: str = "",
    failed_tenants: int = 0,
    failed_people: int = 0,
) -> str:
    """One line for a batch: `built 600 PDFs for 200 tenants in 9.4 s (63.8/s); 0 up to date; 0 failed`,
    and the tenants and people whose rows had a problem: `; 1 tenant not built; 2 people not built`."""
    rate = f" ({built / seconds:.1f}/s)" if built and seconds > 0 else ""
    whom = f" for {audiences} tenant{'s' if audiences != 1 else ''}" if audiences else ""
    part = f" (shard {shard})" if shard else ""
    skipped = f"; {failed_tenants} tenant{'s' if failed_tenants != 1 else ''} not built" if failed_tenants else ""
    if failed_people:
        skipped += f"; {failed_people} {'person' if failed_people == 1 else 'people'} not built"
    return (
        f"built {built} PDF{'s' if built != 1 else ''}{whom}{part} in {seconds:.1f} s{rate}; "
        f"{up_to_date} up to date; {failed} failed{skipped}"
    )

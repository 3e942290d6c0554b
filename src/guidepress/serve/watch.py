"""`guidepress serve --watch`: the project's inputs watched, and what changed made again.

The folders are watched, not the files (watchfiles: inotify on Linux, FSEvents on macOS), so an
editor that saves by writing a temporary file and renaming it over the old one (vim, many IDEs)
is seen like any other save: guide_src/, locales/, packs/ and assets/ with everything under
them, and the folder of the tenants and people files (that folder alone). The output folder
(build/) and guidepress's cache are never watched, so writing an output starts nothing; nor are
editors' swap and backup files (watchfiles' default filter).

A burst of saves is one rebuild, or two: watchfiles hands over the changes once `STEP_MS` have
passed without another (at most `DEBOUNCE_MS` after the first), and those seen while a rebuild
runs, or within `BUSY_S` after it, wait for `SETTLE_S` without another and make one more. A lone
save is rebuilt 50 ms after it. A rebuild renders again only the outputs open in a
browser that a changed file is an input of (`backend.changes_output`: one guide in the languages
being viewed), then tells their pages (`live.py`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from pathlib import Path

from watchfiles import Change, DefaultFilter, awatch

from . import backend
from .live import LiveBoard

log = logging.getLogger("guidepress.serve")
logging.getLogger("watchfiles").setLevel(logging.WARNING)  # its "N changes detected": our line says what they made

STEP_MS = 50  # a save is over when nothing else changed for this long
DEBOUNCE_MS = 1600  # a long burst is cut into rebuilds this long at most
# Changes that come during a rebuild, or soon after it, are the rest of a burst: they wait for a
# longer quiet (as typst batches for 100 ms), so that they make one more rebuild, not several.
BUSY_S = 0.5
SETTLE_S = 0.15


def ignored_folders(root: Path) -> list[Path]:
    """The folders whose changes are never the inputs': the output folder, guidepress's cache."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "guidepress"
    return [root / "build", cache]


def watched(root: Path, files: list[Path]) -> tuple[list[Path], list[Path]]:
    """The folders watched with all under them (the inputs'), and those watched alone: the
    project's folder (an input folder made later), and the tenants and people files' folders."""
    layout = backend.input_layout(root)
    deep = [folder for folder in layout.folders if folder.is_dir()]
    alone = [root, *[f.parent for f in files if not any(folder in f.parents for folder in deep)]]
    return deep, sorted(set(alone))


class InputFilter(DefaultFilter):
    """watchfiles' default filter (editors' swap and backup files, .git …) and the ignored folders."""

    def __init__(self, ignored: list[Path]) -> None:
        super().__init__(ignore_paths=[str(p) for p in ignored])


def relevant(changed: set[tuple[Change, str]], deep: list[Path], files: list[Path], ignored: list[Path]) -> set[Path]:
    """The changed paths that may be inputs: under an input folder, or a tenants or people file
    (a change in the project's own folder is anything else: build/ made, a README saved)."""
    found = set()
    for _change, name in changed:
        path = Path(name)
        if any(path == folder or folder in path.parents for folder in ignored):
            continue
        if path in files or any(folder in path.parents for folder in deep):
            found.add(path)
    return found


async def _pump(
    folders: list[Path],
    recursive: bool,
    ignored: list[Path],
    queue: asyncio.Queue[set[tuple[Change, str]]],
    stop: asyncio.Event,
) -> None:
    if not folders:
        return
    changes = awatch(
        *folders,
        watch_filter=InputFilter(ignored),
        step=STEP_MS,
        debounce=DEBOUNCE_MS,
        stop_event=stop,
        recursive=recursive,
    )
    async for found in changes:
        queue.put_nowait(found)


async def watch(board: LiveBoard, stop: asyncio.Event) -> None:
    """Watch until `stop` is set; each burst of changes to the inputs is one rebuild."""
    settings = board.service.settings
    root = settings.root
    files = [f for f in (settings.tenants, settings.people) if f is not None]
    ignored = ignored_folders(root)
    while not stop.is_set():
        deep, alone = watched(root, files)
        queue: asyncio.Queue[set[tuple[Change, str]]] = asyncio.Queue()
        # this round's watchers stop on their own event (watchfiles looks at it every step): a
        # cancelled watcher would wait for its thread's timeout
        done = asyncio.Event()
        pumps = [
            asyncio.create_task(_pump(deep, True, ignored, queue, done)),
            asyncio.create_task(_pump(alone, False, ignored, queue, done)),
        ]
        log.info("guidepress serve: watching %s", ", ".join(_shown(f, root) for f in deep + files))
        try:
            await _rebuilds(board, queue, stop, deep, files, ignored)
        finally:
            done.set()
            for pump in pumps:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await pump


async def _rebuilds(
    board: LiveBoard,
    queue: asyncio.Queue[set[tuple[Change, str]]],
    stop: asyncio.Event,
    deep: list[Path],
    files: list[Path],
    ignored: list[Path],
) -> None:
    """Take the changes as they come, one rebuild per batch; return when an input folder that was
    not watched appears (the watch starts again with it), or at `stop`."""
    root, metrics = board.service.settings.root, board.service.metrics
    inputs = backend.input_layout(root).folders
    stopping = asyncio.create_task(stop.wait())
    last_end = -BUSY_S
    try:
        while True:
            getting = asyncio.create_task(queue.get())
            done, _ = await asyncio.wait({getting, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if getting not in done:
                getting.cancel()
                return
            changes = getting.result()
            if time.monotonic() - last_end < BUSY_S:  # the rest of a burst: one rebuild once it is over
                while True:
                    try:
                        changes |= await asyncio.wait_for(queue.get(), SETTLE_S)
                    except TimeoutError:
                        break
            while not queue.empty():
                changes |= queue.get_nowait()
            if any(Path(name) in inputs and Path(name) not in deep and Path(name).is_dir() for _c, name in changes):
                log.info("guidepress serve: a new input folder: watching again")
                return
            found = relevant(changes, deep, files, ignored)
            if not found or not board.service.ready:
                continue
            started = time.perf_counter()
            metrics.watch_rebuilds.inc()
            try:
                made = await board.rebuild(found)
            except Exception:  # a rebuild that fails is said, and the watch goes on to the next save
                log.exception("guidepress serve: a rebuild failed")
                made = 0
            last_end = time.monotonic()
            seconds = time.perf_counter() - started
            metrics.watch_seconds.observe(seconds)
            inputs_changed = [p for p in found if p.suffix.lower() in backend.INPUT_SUFFIXES] or found
            names = ", ".join(sorted(_shown(p, root) for p in inputs_changed)[:5])  # not an editor's own files
            log.info(
                "guidepress serve: changed %s: %d open output(s) made again in %.0f ms", names, made, seconds * 1000
            )
    finally:
        stopping.cancel()


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() or "."
    except ValueError:
        return str(path)

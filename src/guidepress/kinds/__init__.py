"""Output kinds, registered as Sphinx registers its builders: each kind is one module of this
folder that declares what it is and how it renders, and everything that lists kinds reads them here.

A kind says its `name` (the job's kind, and the manifest's), the `subject` it is made of (a
guide or a pack), its file `suffix`, what its bytes depend on besides the subject, the locale
and the audience (`links_locales`: the audience's other locales, which a page links to;
`print_choices`: the PDF's profile, paper, booklet and bleed), its `cost` (the job list runs
the longest groups first), whether a summary counts it as a document built (`counted`),
whether its files are a set of its own that replaces the last build's (`replaces`: a guide's
PNG screens, renumbered when a step is added), which files it writes (`files`), whether a
build makes it (`wanted`) and how it renders (`render`: the job's bytes, for the batch to write
and for `render` to return). The command line's option of a kind that is not built by default
is its `option`; the summary line of a kind with many files per subject is its `noun`.

`BUILTIN` names the modules of the kinds that come with guidepress, loaded on first use (a
kind's module may use the whole pipeline; the job list, which reads this registry, must not
import the pipeline when it is imported). A new kind is a module with a `KIND` and one line
in `BUILTIN`, or a `register(KIND)` call.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ..common.output import Output
    from ..errors import BuildWarning
    from ..options import BuildOptions
    from ..source.model import Guide
    from ..source.packs import Pack

    Rendered = tuple[dict[Path, bytes], list[BuildWarning]]

# A kind renders a `batch.jobs.Job` with a `workspace.Workspace` (both read this registry, so it
# names them only in words): (job, workspace, only) → each file's bytes and the warnings.
Render = Callable[[Any, Any, Path | None], "Rendered"]

BUILTIN = (
    "guidepress.kinds.handout",
    "guidepress.kinds.screens",
    "guidepress.kinds.page",
    "guidepress.kinds.pack",
    "guidepress.kinds.pack_page",
)


@dataclass(frozen=True)
class Place:
    """Where a kind's files go: the folder of the audience and locale, the name (a guide's or
    pack's id, or a person's), the PDF's choices, and the guide (None for a pack)."""

    folder: Path
    name: str
    output: Output
    locale: str
    guide: Guide | None = None


@dataclass(frozen=True)
class OutputKind:
    name: str
    subject: Literal["guide", "pack"]
    suffix: str
    cost: int
    render: Render
    files: Callable[[Place], tuple[Path, ...]]
    wanted: Callable[[BuildOptions, Guide | Pack | None], bool]  # (options, the guide or pack; None: the options alone)
    description: str = ""
    counted: bool = False
    replaces: bool = False
    links_locales: bool = False
    print_choices: bool = False
    option: str = ""  # e.g. "--epub": a kind built only when asked (BuildOptions.kinds)
    noun: str = ""  # e.g. "PNG screen": its files are counted in one summary line, not one line each


_registry: dict[str, OutputKind] = {}
_loaded = False
_lock = threading.Lock()


def register(kind: OutputKind) -> OutputKind:
    """Add a kind (a kind of the same name is replaced: a test's, or a plugin's own version)."""
    with _lock:
        _registry[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    with _lock:
        _registry.pop(name, None)


def all_kinds() -> dict[str, OutputKind]:
    """Every registered kind, by name: the built-in ones first, in `BUILTIN`'s order."""
    global _loaded
    if not _loaded:
        # imported outside the lock (an import takes Python's import locks, and a kind's module may
        # use this registry); added under it, never over a kind registered before this first use
        builtins: list[OutputKind] = [importlib.import_module(module).KIND for module in BUILTIN]
        with _lock:
            if not _loaded:
                ordered = {k.name: _registry.get(k.name, k) for k in builtins}
                ordered.update({name: k for name, k in _registry.items() if name not in ordered})
                _registry.clear()
                _registry.update(ordered)
                _loaded = True
    with _lock:
        return dict(_registry)


def kind(name: str) -> OutputKind:
    return all_kinds()[name]


def for_subject(subject: str) -> list[OutputKind]:
    return [k for k in all_kinds().values() if k.subject == subject]


def wanted_by_option(options: BuildOptions, kind_: OutputKind) -> bool:
    """A kind with its own command line option is made when the option asks for it."""
    return kind_.name in options.kinds

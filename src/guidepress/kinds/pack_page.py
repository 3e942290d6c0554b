"""A pack's HTML page: its welcome, the contents and each of its guides as an article."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import OutputKind, Place

if TYPE_CHECKING:
    from ..batch.jobs import Job
    from ..workspace import Workspace
    from . import Rendered


def render(job: Job, workspace: Workspace, only: Path | None) -> Rendered:
    from .. import build

    return build.build_pack_html(job, build.pack_handouts(job, workspace))


def files(place: Place) -> tuple[Path, ...]:
    return (place.folder / place.output.page_name(place.name),)  # named like the PDF it links


KIND = OutputKind(
    "pack-html",
    "pack",
    ".html",
    cost=1,
    render=render,
    files=files,
    wanted=lambda options, pack: options.html_for(pack),
    description="with --html (or the pack's `output: html:`), build/<locale>/<pack-id>.html",
    links_locales=True,
    print_choices=True,
)

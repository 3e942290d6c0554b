"""A pack: its guides bound behind a cover and a contents page, one PDF per locale (and person)."""

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

    return build.build_pack(job, build.pack_handouts(job, workspace), build.logo_for(job, workspace))


def files(place: Place) -> tuple[Path, ...]:
    return (place.folder / place.output.file_name(place.name),)


KIND = OutputKind(
    "pack",
    "pack",
    ".pdf",
    cost=3,
    render=render,
    files=files,
    wanted=lambda options, pack: True,
    description="a pack, build/<locale>/<pack-id>.pdf (a person's: <pack-id>/<person-id>.pdf)",
    counted=True,
    print_choices=True,
)

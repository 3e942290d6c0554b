"""The PNG screens: one picture per annotated screen of a guide in one locale, in a folder of
the guide's own (`<guide-id>/NN-<screen>.png`); a picture consecutive steps share is one file."""

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

    assert job.guide is not None
    handout = build.guide_handout(job, job.guide, workspace)
    return build.build_pngs(job.guide, job.locale, job, handout, only)


def files(place: Place) -> tuple[Path, ...]:
    from ..batch.jobs import png_name, screens_shown

    assert place.guide is not None
    shown = screens_shown(place.guide, place.locale)
    return tuple(place.folder / place.name / png_name(first, screen, last) for first, last, screen in shown)


KIND = OutputKind(
    "png",
    "guide",
    ".png",
    cost=4,
    render=render,
    files=files,
    wanted=lambda options, guide: options.png,
    description="each annotated screen, build/<locale>/<guide-id>/NN-<screen>.png (--no-png: none)",
    replaces=True,
    noun="PNG screen",
)

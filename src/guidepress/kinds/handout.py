"""The handout: one guide's PDF in one locale, in the print choices of its `Output`."""

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
    return build.build_pdf(job.guide, job.locale, job, handout, build.logo_for(job, workspace))


def files(place: Place) -> tuple[Path, ...]:
    return (place.folder / place.output.file_name(place.name),)


KIND = OutputKind(
    "pdf",
    "guide",
    ".pdf",
    cost=2,
    render=render,
    files=files,
    wanted=lambda options, guide: True,
    description="the handout, build/<locale>/<guide-id>[.ticket][.letter][.booklet][.bleed].pdf",
    counted=True,
    print_choices=True,
)

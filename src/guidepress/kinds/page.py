"""The HTML edition of a guide: one self-contained page per locale, linked to its other languages
and to its PDF (so it depends on the audience's locales and on the print choices)."""

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
    return build.build_html(job.guide, job.locale, job, build.guide_handout(job, job.guide, workspace))


def files(place: Place) -> tuple[Path, ...]:
    return (place.folder / place.output.page_name(place.name),)  # named like the PDF it links


KIND = OutputKind(
    "html",
    "guide",
    ".html",
    cost=1,
    render=render,
    files=files,
    wanted=lambda options, guide: options.html_for(guide),
    description="with --html (or the guide's `output: html:`), build/<locale>/<guide-id>.html",
    links_locales=True,
    print_choices=True,
)

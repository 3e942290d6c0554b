"""guidepress: step-by-step guides written once in YAML, printed as annotated PDF handouts.

From Python: `guidepress.open_project(dir).render("nb/<guide-id>.pdf")` returns the bytes the
command line writes at `build/nb/<guide-id>.pdf` (see `api.py`); its problems are `GuideError`s
(`NotFound` for an address that names nothing). The names are imported when first used, so
`import guidepress` stays light for the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["GuideError", "GuidesProject", "NotFound", "open_project"]

if TYPE_CHECKING:
    from .api import GuidesProject, NotFound, open_project
    from .errors import GuideError


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'guidepress' has no attribute {name!r}")

"""The screen elements, one layout function per kind, grouped by family: `content` (texts,
alerts, images, QR codes, icons), `controls` (buttons and inputs), `data` (rows, tables,
lists) and `containers` (sections, tabs, menus, dialogs). `lay_out` places any of them."""

from . import containers, content, controls, data  # noqa: F401 (each registers its widgets)
from .registry import WIDGETS, lay_out

__all__ = ["WIDGETS", "lay_out"]

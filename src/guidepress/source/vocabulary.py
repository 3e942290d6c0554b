"""The model's shared vocabulary: field metadata (`doc`, `ui`) and the names a field may hold
(the icons, the alignments), used by `elements.py`, `controls.py` and `model.py`."""

from __future__ import annotations

from typing import Literal


def doc(text: str, msg: str | None = None, **extra: object) -> dict[str, object]:
    return {"doc": text, "msg": msg, **extra}


def ui(text: str) -> dict[str, object]:
    return doc(text, "ui")


IconName = Literal[
    "arrow",
    "back",
    "chevron_right",
    "chevron_left",
    "chevron_down",
    "check",
    "close",
    "plus",
    "info",
    "warning",
    "error",
    "success",
    "help",
    "lock",
    "key",
    "shield",
    "mail",
    "phone",
    "user",
    "home",
    "settings",
    "search",
    "menu",
    "calendar",
    "clock",
    "document",
    "download",
    "qr",
    "camera",
    "edit",
    "trash",
    "bell",
    "logout",
]
OptionalIcon = Literal[IconName, "none"]
Align = Literal["left", "center"]

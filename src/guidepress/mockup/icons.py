"""A small set of line icons drawn from shapes (no icon font), readable in black and white.

Each icon is drawn on a 24-unit grid with 2-unit strokes, as current web apps' icon sets
are, and scaled to the size asked for. `icon_shapes(name, cx, cy, size, color)` returns the
shapes of one icon centred on (cx, cy). `ICONS` lists the names a guide may use.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .shapes import Box, Circle, Line, Path, Rect, Shape


class _Pen:
    """Draws on the icon's 24-unit grid, centred on (cx, cy) and `size` points wide."""

    def __init__(self, cx: float, cy: float, size: float, color: str) -> None:
        self.k = size / 24
        self.x0, self.y0 = cx - size / 2, cy - size / 2
        self.color = color
        self.stroke = max(0.5, 2 * self.k)
        self.shapes: list[Shape] = []

    def p(self, x: float, y: float) -> tuple[float, float]:
        return self.x0 + x * self.k, self.y0 + y * self.k

    def line(self, *points: tuple[float, float], width: float | None = None) -> None:
        self.shapes.append(Line(tuple(self.p(x, y) for x, y in points), self.color, width or self.stroke))

    def circle(self, x: float, y: float, r: float, fill: bool = False) -> None:
        cx, cy = self.p(x, y)
        if fill:
            self.shapes.append(Circle(cx, cy, r * self.k, fill=self.color))
        else:
            self.shapes.append(Circle(cx, cy, r * self.k, stroke=self.color, width=self.stroke))

    def rect(self, x: float, y: float, w: float, h: float, radius: float = 0, fill: bool = False) -> None:
        (bx, by), k = self.p(x, y), self.k
        box = Box(bx, by, w * k, h * k)
        if fill:
            self.shapes.append(Rect(box, fill=self.color, radius=radius * k))
        else:
            self.shapes.append(Rect(box, stroke=self.color, width=self.stroke, radius=radius * k))

    def polygon(self, *points: tuple[float, float], fill: bool = True) -> None:
        polygon = tuple(self.p(x, y) for x, y in points)
        if fill:
            self.shapes.append(Path((polygon,), fill=self.color))
        else:
            self.shapes.append(Path((polygon,), stroke=self.color, width=self.stroke))

    def arc(self, x: float, y: float, r: float, start: float, end: float, steps: int = 10) -> None:
        """An arc of a circle from `start` to `end` degrees (0 is right, 90 is down)."""
        points = []
        for i in range(steps + 1):
            a = math.radians(start + (end - start) * i / steps)
            points.append((x + r * math.cos(a), y + r * math.sin(a)))
        self.line(*points)


def _arrow(d: _Pen) -> None:
    d.line((5, 12), (19, 12))
    d.line((13, 6), (19, 12), (13, 18))


def _back(d: _Pen) -> None:
    d.line((19, 12), (5, 12))
    d.line((11, 6), (5, 12), (11, 18))


def _chevron_right(d: _Pen) -> None:
    d.line((9, 6), (15, 12), (9, 18))


def _chevron_left(d: _Pen) -> None:
    d.line((15, 6), (9, 12), (15, 18))


def _chevron_down(d: _Pen) -> None:
    d.line((6, 9), (12, 15), (18, 9))


def _check(d: _Pen) -> None:
    d.line((5, 12.5), (10, 17.5), (19.5, 7))


def _close(d: _Pen) -> None:
    d.line((6, 6), (18, 18))
    d.line((18, 6), (6, 18))


def _plus(d: _Pen) -> None:
    d.line((12, 5), (12, 19))
    d.line((5, 12), (19, 12))


def _info(d: _Pen) -> None:
    d.circle(12, 12, 10)
    d.line((12, 11), (12, 17))
    d.circle(12, 7.5, 1.3, fill=True)


def _warning(d: _Pen) -> None:
    d.polygon((12, 2.5), (22.5, 20.5), (1.5, 20.5), fill=False)
    d.line((12, 9), (12, 14))
    d.circle(12, 17.3, 1.3, fill=True)


def _error(d: _Pen) -> None:
    d.circle(12, 12, 10)
    d.line((8.5, 8.5), (15.5, 15.5))
    d.line((15.5, 8.5), (8.5, 15.5))


def _success(d: _Pen) -> None:
    d.circle(12, 12, 10)
    d.line((7.5, 12.5), (10.5, 15.5), (16.5, 9))


def _lock(d: _Pen) -> None:
    d.rect(4.5, 11, 15, 10, radius=2)
    d.line((8, 11), (8, 7.5))
    d.arc(12, 7.5, 4, 180, 360)
    d.line((16, 7.5), (16, 11))


def _key(d: _Pen) -> None:
    d.circle(7.5, 15.5, 4.5)
    d.line((10.7, 12.3), (20, 3))
    d.line((16.5, 6.5), (19.5, 9.5))
    d.line((14, 9), (16, 11))


def _mail(d: _Pen) -> None:
    d.rect(2.5, 5, 19, 14, radius=2)
    d.line((3, 6.5), (12, 13), (21, 6.5))


def _phone(d: _Pen) -> None:
    d.rect(6, 2, 12, 20, radius=2.5)
    d.line((10.5, 18.5), (13.5, 18.5))


def _user(d: _Pen) -> None:
    d.circle(12, 8, 4.2)
    d.arc(12, 22, 8, 180, 360, steps=12)


def _home(d: _Pen) -> None:
    d.line((3, 11), (12, 3.5), (21, 11))
    d.line((5.5, 9.5), (5.5, 20.5), (18.5, 20.5), (18.5, 9.5))
    d.line((10, 20.5), (10, 14.5), (14, 14.5), (14, 20.5))


def _settings(d: _Pen) -> None:
    teeth = []
    for i in range(16):  # a gear: eight teeth, each the outer radius for two of the sixteen points
        r = 10.2 if i % 2 == 0 else 7.6
        for da in (-0.16, 0.16):
            a = math.pi * 2 * i / 16 + da
            teeth.append((12 + r * math.cos(a), 12 + r * math.sin(a)))
    d.polygon(*teeth, fill=False)
    d.circle(12, 12, 3.2)


def _search(d: _Pen) -> None:
    d.circle(10.5, 10.5, 6.5)
    d.line((15.3, 15.3), (20.5, 20.5))


def _menu(d: _Pen) -> None:
    for y in (6, 12, 18):
        d.line((4, y), (20, y))


def _calendar(d: _Pen) -> None:
    d.rect(3, 4.5, 18, 16.5, radius=2)
    d.line((3, 9.5), (21, 9.5))
    d.line((8, 2.5), (8, 6.5))
    d.line((16, 2.5), (16, 6.5))


def _clock(d: _Pen) -> None:
    d.circle(12, 12, 10)
    d.line((12, 6.5), (12, 12), (16, 14))


def _document(d: _Pen) -> None:
    d.line((14, 2.5), (5.5, 2.5), (5.5, 21.5), (18.5, 21.5), (18.5, 7), (14, 2.5), (14, 7), (18.5, 7))
    d.line((9, 13), (15, 13))
    d.line((9, 17), (15, 17))


def _download(d: _Pen) -> None:
    d.line((12, 3), (12, 15))
    d.line((7, 10), (12, 15), (17, 10))
    d.line((4, 17), (4, 20.5), (20, 20.5), (20, 17))


def _shield(d: _Pen) -> None:
    d.line((12, 2.5), (20, 5.5), (20, 11), (17.5, 17), (12, 21.5), (6.5, 17), (4, 11), (4, 5.5), (12, 2.5))
    d.line((8.5, 12), (11, 14.5), (15.5, 9.5))


def _qr(d: _Pen) -> None:
    for x, y in ((3, 3), (14, 3), (3, 14)):
        d.rect(x, y, 7, 7, radius=1)
        d.rect(x + 2.5, y + 2.5, 2, 2, fill=True)
    for x, y in ((14, 14), (18, 14), (14, 18), (18, 18), (16, 16)):
        d.rect(x, y, 2.5, 2.5, fill=True)


def _edit(d: _Pen) -> None:
    d.polygon((16, 3.5), (20.5, 8), (9, 19.5), (3.5, 20.5), (4.5, 15), fill=False)
    d.line((13.5, 6), (18, 10.5))


def _bell(d: _Pen) -> None:
    d.line((5, 17), (6.5, 15), (6.5, 10), (7, 7.5), (9, 5), (12, 4), (15, 5), (17, 7.5), (17.5, 10))
    d.line((17.5, 10), (17.5, 15), (19, 17), (5, 17))
    d.line((10, 20.5), (14, 20.5))


def _logout(d: _Pen) -> None:
    d.line((10, 3.5), (4, 3.5), (4, 20.5), (10, 20.5))
    d.line((9, 12), (20, 12))
    d.line((15.5, 7.5), (20, 12), (15.5, 16.5))


def _help(d: _Pen) -> None:
    d.circle(12, 12, 10)
    d.arc(12, 9.5, 3, 200, 360, steps=8)
    d.line((15, 9.5), (12, 12.5), (12, 14))
    d.circle(12, 17.3, 1.3, fill=True)


def _camera(d: _Pen) -> None:
    d.line((2.5, 8), (2.5, 19.5), (21.5, 19.5), (21.5, 8), (17, 8), (15.5, 5), (8.5, 5), (7, 8), (2.5, 8))
    d.circle(12, 13, 4)


def _trash(d: _Pen) -> None:
    d.line((3.5, 6.5), (20.5, 6.5))
    d.line((9, 6.5), (9, 3.5), (15, 3.5), (15, 6.5))
    d.line((5.5, 6.5), (6.5, 21), (17.5, 21), (18.5, 6.5))


ICON_DRAWINGS: dict[str, Callable[[_Pen], None]] = {
    "arrow": _arrow,
    "back": _back,
    "chevron_right": _chevron_right,
    "chevron_left": _chevron_left,
    "chevron_down": _chevron_down,
    "check": _check,
    "close": _close,
    "plus": _plus,
    "info": _info,
    "warning": _warning,
    "error": _error,
    "success": _success,
    "help": _help,
    "lock": _lock,
    "key": _key,
    "shield": _shield,
    "mail": _mail,
    "phone": _phone,
    "user": _user,
    "home": _home,
    "settings": _settings,
    "search": _search,
    "menu": _menu,
    "calendar": _calendar,
    "clock": _clock,
    "document": _document,
    "download": _download,
    "qr": _qr,
    "camera": _camera,
    "edit": _edit,
    "trash": _trash,
    "bell": _bell,
    "logout": _logout,
}
ICONS = tuple(ICON_DRAWINGS)


def icon_shapes(name: str, cx: float, cy: float, size: float, color: str) -> list[Shape]:
    """The icon `name`, `size` points wide, centred on (cx, cy)."""
    pen = _Pen(cx, cy, size, color)
    ICON_DRAWINGS[name](pen)
    return pen.shapes

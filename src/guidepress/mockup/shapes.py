"""The painted primitives of a mockup, in points with the origin at the top left."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def grow(self, d: float) -> Box:
        return Box(self.x - d, self.y - d, self.w + 2 * d, self.h + 2 * d)

    def inside(self, other: Box, tolerance: float = 0.01) -> bool:
        return (
            self.x >= other.x - tolerance
            and self.y >= other.y - tolerance
            and self.x + self.w <= other.x + other.w + tolerance
            and self.y + self.h <= other.y + other.h + tolerance
        )


@dataclass(frozen=True)
class Rect:
    box: Box
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.75
    radius: float = 0.0
    dash: tuple[float, float] | None = None


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.75


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    color: str
    width: float = 0.75
    dash: tuple[float, float] | None = None


@dataclass(frozen=True)
class Text:
    """One line of text; `y` is the baseline; `anchor` is start, middle or end."""

    x: float
    y: float
    text: str
    style: str
    size: float
    color: str
    anchor: str = "start"
    underline: bool = False


Shape = Rect | Circle | Line | Text

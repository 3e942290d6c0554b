"""The painted primitives of a mockup, in points with the origin at the top left.

Six primitives, each painted the same way by every painter: `Rect` (optionally rounded or
dashed), `Circle`, `Line` (an open polyline), `Text` (one line), `Path` (closed polygons
filled with the even-odd rule and/or stroked: icons, QR codes, drawings converted from SVG;
curves are flattened into points at layout time) and `Image` (a raster image, PNG or JPEG
bytes, scaled into a box). Painters draw them in order; nothing else.
"""

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

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.x + other.w
            and other.x < self.x + self.w
            and self.y < other.y + other.h
            and other.y < self.y + self.h
        )

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


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


Points = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Path:
    """Polygons painted as one shape: filled with the even-odd rule (a polygon inside another
    is a hole), stroked, or both. Every polygon is closed."""

    polygons: tuple[Points, ...]
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.75


@dataclass(frozen=True)
class Image:
    """A raster image (the bytes of a PNG or JPEG file) scaled to fill `box` exactly."""

    box: Box
    data: bytes
    pixels: tuple[int, int]  # the image's own width and height

    def __repr__(self) -> str:  # the bytes would fill a screen
        return f"Image({self.box!r}, {len(self.data)} bytes, {self.pixels[0]}x{self.pixels[1]} px)"


Shape = Rect | Circle | Line | Text | Path | Image

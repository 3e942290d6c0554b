"""Reading what a PDF page draws, as a reader's eye would find it: where each image stands and
where each stroked path runs, in page coordinates (points, y up), through pypdf's operator
visitor (it hands over the transformation in force for every operator)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


@dataclass(frozen=True)
class Area:
    x0: float
    y0: float
    x1: float
    y1: float

    def contains(self, other: Area, tolerance: float = 0.5) -> bool:
        return (
            self.x0 - tolerance <= other.x0
            and self.y0 - tolerance <= other.y0
            and other.x1 <= self.x1 + tolerance
            and other.y1 <= self.y1 + tolerance
        )


@dataclass(frozen=True)
class Stroke:
    rgb: tuple[float, float, float]
    area: Area


def _apply(cm: list[float], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = cm
    return a * x + c * y + e, b * x + d * y + f


def _area(points: list[tuple[float, float]]) -> Area:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return Area(min(xs), min(ys), max(xs), max(ys))


def drawings(path: Path, page_number: int) -> tuple[list[Area], list[Stroke]]:
    """The images (their placed squares) and the stroked paths (colour and bounding box) of a page."""
    page = PdfReader(path).pages[page_number]
    images: list[Area] = []
    strokes: list[Stroke] = []
    stroke_rgb: list[tuple[float, float, float]] = [(0.0, 0.0, 0.0)]
    points: list[tuple[float, float]] = []

    def visit(op: bytes, args: list, cm: list[float], tm: list[float]) -> None:  # type: ignore[type-arg]
        nonlocal points
        if op == b"q":
            stroke_rgb.append(stroke_rgb[-1])
        elif op == b"Q" and len(stroke_rgb) > 1:
            stroke_rgb.pop()
        elif op == b"RG":
            stroke_rgb[-1] = tuple(round(float(v), 3) for v in args)  # type: ignore[assignment]
        elif op == b"Do":
            images.append(_area([_apply(cm, 0, 0), _apply(cm, 1, 1)]))
        elif op in (b"m", b"l"):
            points.append(_apply(cm, float(args[0]), float(args[1])))
        elif op == b"c":
            points += [_apply(cm, float(args[i]), float(args[i + 1])) for i in (0, 2, 4)]
        elif op == b"re":
            x, y, w, h = (float(v) for v in args)
            points += [_apply(cm, x, y), _apply(cm, x + w, y + h)]
        elif op in (b"S", b"s", b"B", b"b", b"B*", b"b*"):
            if points:
                strokes.append(Stroke(stroke_rgb[-1], _area(points)))
            points = []
        elif op in (b"f", b"F", b"f*", b"n", b"W n"):
            points = []

    page.extract_text(visitor_operand_before=visit)
    return images, strokes


def rgb(hex_colour: str) -> tuple[float, float, float]:
    """#RRGGBB as the PDF's 0-1 components, rounded as `drawings` rounds them."""
    return tuple(round(int(hex_colour[i : i + 2], 16) / 255, 3) for i in (1, 3, 5))  # type: ignore[return-value]

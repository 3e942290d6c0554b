"""Every painter fails loudly on a shape it has no branch for, instead of leaving it out of the picture."""

from __future__ import annotations

import io
import typing
from dataclasses import dataclass

import pytest
from PIL import Image, ImageDraw
from reportlab.pdfgen.canvas import Canvas

from guidepress.mockup import pdf, png, shapes, svg


@dataclass(frozen=True)
class Star:
    """A shape no painter knows (as one added to shapes.py before its painters would be)."""

    x: float = 1.0


def test_each_painter_refuses_a_shape_it_does_not_know() -> None:
    with pytest.raises(TypeError, match="the PDF painter has no branch for Star"):
        pdf.paint(Canvas(io.BytesIO()), (Star(),), 100.0)  # type: ignore[arg-type]
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    with pytest.raises(TypeError, match="the PNG painter has no branch for Star"):
        png._paint(draw, Star(), 1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="the SVG painter has no function for Star"):
        svg.paint_shape(Star())  # type: ignore[arg-type]


def test_the_painters_know_every_shape() -> None:
    """Each kind of `shapes.Shape` has a branch in each painter (one of each, painted without a complaint)."""
    box = shapes.Box(1, 1, 4, 4)
    made = {
        shapes.Rect: shapes.Rect(box, fill="#ffffff"),
        shapes.Circle: shapes.Circle(3, 3, 2, fill="#000000"),
        shapes.Line: shapes.Line(((0, 0), (5, 5)), "#000000"),
        shapes.Text: shapes.Text(1, 5, "Aa", "regular", 8, "#000000"),
        shapes.Path: shapes.Path((((0, 0), (4, 0), (4, 4)),), fill="#000000"),
    }
    assert set(made) | {shapes.Image} == set(typing.get_args(shapes.Shape))
    pdf.paint(Canvas(io.BytesIO()), tuple(made.values()), 10.0)
    draw = ImageDraw.Draw(Image.new("RGB", (20, 20)))
    for shape in made.values():
        if not isinstance(shape, shapes.Path):
            png._paint(draw, shape, 1.0)
        assert svg.paint_shape(shape)

"""Small text that prints legibly: no text on a handout's pages is set smaller than 6 pt on paper
(read from the PDF: each text's font size times the scale it is drawn at), the small greys of
the screens keep 4.5:1 against what lies under them in grey print, and a screen label that has
to shrink to fit says so in every locale."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from conftest import ROOT
from guidepress.build import document_date, make_handout
from guidepress.common.output import Output
from guidepress.l10n.translator import translator_for
from guidepress.mockup.shapes import Box, Rect, Text
from guidepress.mockup.text import SMALLEST, Sheet
from guidepress.pdf.paper import page_setup
from guidepress.pdf.render import render_pdf
from guidepress.project import Project
from guidepress.source.loader import load_guide

PROJECT = Project(ROOT)
GUIDES = sorted(PROJECT.guide_dir.glob("*.yaml"))
SHAPES = sorted((ROOT / "tests" / "data" / "shapes").glob("*.yaml"))
OUTPUTS = {
    "a4": Output(),
    "letter": Output(paper="letter"),
    "ticket": Output(profile="ticket"),
    "booklet": Output(booklet=True),
}


def smallest_text(pdf: bytes) -> tuple[float, str]:
    """The smallest text on the pages, as drawn: font size × the current transformation's scale."""
    found = (1e9, "")
    for page in PdfReader(io.BytesIO(pdf)).pages:
        size = [0.0]

        def visit(op: bytes, args: list, cm: list[float], tm: list[float]) -> None:  # type: ignore[type-arg]
            nonlocal found
            if op == b"Tf":
                size[0] = float(args[1])
            elif op in (b"Tj", b"TJ") and size[0]:
                drawn = size[0] * abs(cm[3]) * abs(tm[3] or 1.0)
                text = str(args[0])
                if text.strip() and drawn < found[0]:
                    found = (drawn, text)

        page.extract_text(visitor_operand_before=visit)
    return found


def rendered(path: Path, locale: str, output: str) -> bytes:
    guide = load_guide(path, PROJECT.assets_dir)
    made = make_handout(guide, translator_for(PROJECT.locales_dir, locale), {}, guide.updated)
    return render_pdf(
        made.document,
        lambda step: made.views.get(step.number),
        document_date(guide)[1],
        page_setup(OUTPUTS[output]),
        introduction=made.introduction,
    )


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("path", [*GUIDES, *SHAPES], ids=lambda p: p.stem)
def test_no_text_is_smaller_than_6_pt_on_paper(path: Path, output: str) -> None:
    for locale in ("nb", "nn", "en"):
        size, text = smallest_text(rendered(path, locale, output))
        assert size >= 6.0 - 1e-6, f"{locale}: {text!r} at {size:.2f} pt"


def test_the_measure_sees_small_text() -> None:
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(10, 10, "big enough")
    canvas.scale(0.5, 0.5)
    canvas.drawString(10, 10, "too small")
    canvas.save()
    assert smallest_text(out.getvalue()) == (5.0, "too small")


def luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def grey(colour: str) -> bool:
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return max(r, g, b) - min(r, g, b) < 40 and max(r, g, b) > 0x40


@pytest.mark.parametrize("path", [*GUIDES, *SHAPES], ids=lambda p: p.stem)
def test_small_grey_text_keeps_4_5_to_1_against_what_lies_under_it(path: Path) -> None:
    """Relative luminance is the grey a black-and-white printer makes of a colour."""
    for locale in ("nb", "en"):
        guide = load_guide(path, PROJECT.assets_dir)
        made = make_handout(guide, translator_for(PROJECT.locales_dir, locale), {}, guide.updated)
        for view in made.views.values():
            shapes = view.layout.shapes
            for i, text in enumerate(shapes):
                if not isinstance(text, Text) or text.size > 9 or not grey(text.color):
                    continue
                under = "#FFFFFF"
                for shape in shapes[:i]:
                    if isinstance(shape, Rect) and shape.fill and Box(text.x, text.y - 1, 0.01, 0.01).inside(shape.box):
                        under = shape.fill
                if max(int(under[k : k + 2], 16) for k in (1, 3, 5)) <= 0x8E:
                    continue  # the page behind a dialog's dark backdrop: dimmed on purpose, not to be read
                ratio = contrast(text.color, under)
                assert ratio >= 4.5, f"{view.layout.screen_id}: {text.text!r} {text.color} on {under}: {ratio:.2f}:1"


def test_a_label_that_shrinks_to_fit_is_a_warning_in_any_locale() -> None:
    """nb's long dialog button shrank to 5.5 pt without a word (only below 5.5 pt did it warn)."""
    sheet = Sheet("dialog", "nb", {})
    width = sheet.single_line("ok", "Short", 0, 10, 100, "regular", 8, "#000000", Box(0, 0, 100, 20))
    assert width > 0 and not sheet.overflows
    sheet.single_line("send", "Send søknaden til godkjenning", 0, 10, 110, "regular", 8, "#000000", Box(0, 0, 100, 20))
    [overflow] = sheet.overflows
    assert overflow.element == "send" and "shrunk from 8 to" in overflow.problem
    [text] = [s for s in sheet.shapes if isinstance(s, Text) and s.text.startswith("Send")]
    assert SMALLEST <= text.size < 8
    sheet.single_line(
        "long", "Send søknaden til godkjenning nå med en gang", 0, 10, 100, "regular", 8, "#000000", Box(0, 0, 100, 20)
    )
    assert sheet.overflows[-1].problem == "cut short even at the smallest size"
    assert min(s.size for s in sheet.shapes if isinstance(s, Text)) >= SMALLEST

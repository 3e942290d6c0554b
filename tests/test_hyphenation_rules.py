"""Hyphenation a typesetter accepts, read from the handouts' pages: no more than two hyphenated
line ends in a row, and no step whose first or last word is broken. Lines are read from the PDF
as drawn (each line of a paragraph is one text run at the paragraph's left edge, the next one a
line's leading below), in nb, nn and en, on A4 and on the narrower Letter and booklet pages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT
from guidepress.build import document_date, make_handout
from guidepress.common.output import Output
from guidepress.l10n.translator import translator_for
from guidepress.pdf.paper import page_setup
from guidepress.pdf.render import render_pdf
from guidepress.project import Project
from guidepress.source.loader import load_guide

PROJECT = Project(ROOT)
GUIDES = sorted(PROJECT.guide_dir.glob("*.yaml"))
SHAPES = sorted((ROOT / "tests" / "data" / "shapes").glob("*.yaml"))
OUTPUTS = {"a4": Output(), "letter": Output(paper="letter"), "booklet": Output(booklet=True)}
STEP_SIZE = 10.5  # the step text's size (render.styles_for)


def paragraphs(pdf: bytes) -> list[tuple[float, list[str]]]:
    """Each paragraph's font size and lines: runs at one left edge, each a leading under the last."""
    found: list[tuple[float, list[str]]] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        runs: list[tuple[float, float, float, str]] = []
        size = [0.0]

        def visit(op: bytes, args: list, cm: list[float], tm: list[float]) -> None:  # type: ignore[type-arg]
            if op == b"Tf":
                size[0] = float(args[1])
            elif op in (b"Tj", b"TJ"):
                parts = args[0] if op == b"TJ" else [args[0]]
                # the embedded subsets keep ASCII (letters, spaces, the hyphen) as it is
                text = "".join(
                    a.decode("latin-1") if isinstance(a, bytes) else a for a in parts if isinstance(a, bytes | str)
                )
                if text.strip():
                    runs.append((round(cm[4] + tm[4], 1), cm[5] + tm[5], size[0], text))

        page.extract_text(visitor_operand_before=visit)
        open_: dict[tuple[float, float], tuple[float, list[str]]] = {}  # (x, size) → (last y, lines)
        for x, y, s, text in runs:
            key = (x, s)
            last = open_.get(key)
            if last is not None and 0 < last[0] - y <= s * 1.6:
                last[1].append(text)
                open_[key] = (y, last[1])
            else:
                if last is not None:
                    found.append((s, last[1]))
                open_[key] = (y, [text])
        found += [(s, lines) for (_x, s), (_y, lines) in open_.items()]
    return found


def hyphenated(line: str) -> bool:
    line = line.rstrip()
    return len(line) > 1 and line.endswith("-") and line[-2].isalpha()


def problems(pdf: bytes) -> list[str]:
    found = []
    for size, lines in paragraphs(pdf):
        run = 0
        for line in lines[:-1]:
            run = run + 1 if hyphenated(line) else 0
            if run > 2:
                found.append(f"three hyphens in a row: {' / '.join(lines)}")
                break
        if size == STEP_SIZE and len(lines) > 1:
            if len(lines[0].split()) == 1 and hyphenated(lines[0]):
                found.append(f"a step's first word broken: {' / '.join(lines)}")
            if len(lines[-1].split()) == 1 and hyphenated(lines[-2]):
                found.append(f"a step's last word broken: {' / '.join(lines)}")
    return found


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("path", [*GUIDES, *SHAPES], ids=lambda p: p.stem)
def test_no_hyphen_ladder_and_no_broken_first_or_last_word(path: Path, output: str) -> None:
    guide = load_guide(path, PROJECT.assets_dir)
    for locale in ("nb", "nn", "en"):
        made = make_handout(guide, translator_for(PROJECT.locales_dir, locale), {}, guide.updated)
        pdf = render_pdf(
            made.document,
            lambda step: made.views.get(step.number),
            document_date(guide)[1],
            page_setup(OUTPUTS[output]),
            introduction=made.introduction,
        )
        assert not problems(pdf), f"{locale}: {problems(pdf)}"


def test_the_reader_finds_a_planted_ladder() -> None:
    """A paragraph set without the rules (reportlab's own breaking) shows a ladder the check finds."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    from guidepress.mockup.fonts import register_fonts
    from guidepress.pdf.hyphenation import hyphenator

    style = ParagraphStyle("step", fontName=register_fonts()["regular"], fontSize=STEP_SIZE, leading=15,
                           hyphenationLang=hyphenator("nb"))  # fmt: skip
    text = ("Når du har åpnet kontoinnstillingene, ser du organisasjonsnummeret og totrinnsbekreftelsen og "
            "brukerstøttetelefonen for kommuneadministrasjonen og personalavdelingen i virksomheten")  # fmt: skip
    out = io.BytesIO()
    canvas = Canvas(out)
    for width in range(140, 220, 4):  # some of these widths break the last word
        paragraph = Paragraph(text, style)
        paragraph.wrapOn(canvas, width, 800)
        paragraph.drawOn(canvas, 50, 300)
        canvas.showPage()
    canvas.save()
    found = problems(out.getvalue())
    assert any("three hyphens in a row" in p for p in found) and any("last word" in p for p in found), found

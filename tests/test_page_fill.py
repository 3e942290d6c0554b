"""How full the pages are, measured from the rendered pages as a reader sees them: each handout
is rendered to pictures with pdftoppm at a low resolution, and on each page the white run at the
foot of the text area (the frame between the margins) is measured in pixel rows, over the text
area's height. No page but a handout's last may be more than a quarter empty.

And no page shows the same screen at two scales: each mockup is painted under a scale of its
own (`s 0 0 s 0 0 cm`); the screens of one width in the screen's own units (one phone, one
browser page) drawn on one page must all be drawn at one scale.

Over the shipped guides and a dozen test guides of other shapes (tests/data/shapes/, made by
make_shapes.py there), in nb and en, A4 and Letter, print and ticket."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import ROOT
from guidepress.build import document_date, make_handout
from guidepress.common.output import Output
from guidepress.l10n.translator import translator_for
from guidepress.pdf.paper import PageSetup, page_setup
from guidepress.pdf.render import render_pdf
from guidepress.project import Project
from guidepress.source.loader import load_guide

PROJECT = Project(ROOT)
SHIPPED = sorted(PROJECT.guide_dir.glob("*.yaml"))
SHAPES = sorted((ROOT / "tests" / "data" / "shapes").glob("*.yaml"))
OUTPUTS = {
    "a4": Output(),
    "letter": Output(paper="letter"),
    "ticket": Output(profile="ticket"),
    "ticket-letter": Output(profile="ticket", paper="letter"),
}
LOCALES = ("nb", "en")
DPI = 24
MOST_EMPTY = 0.25
WHITE = 248  # a grey level above this is paper


def empty_at_foot(picture: Image.Image, setup: PageSetup) -> float:
    """The white run at the foot of the page's text area, over the text area's height."""
    scale = DPI / 72
    top = round((setup.offset + setup.top) * scale)
    bottom = round((setup.offset + setup.size[1] - setup.bottom) * scale)
    left, right = round(setup.offset * scale), round((setup.offset + setup.size[0]) * scale)
    grey = picture.convert("L").crop((left, top, right, bottom))
    width, height = grey.size
    pixels = grey.load()
    last_ink = -1
    for y in range(height - 1, -1, -1):
        if any(pixels[x, y] < WHITE for x in range(width)):
            last_ink = y
            break
    return (height - 1 - last_ink) / height


def pages_of(pdf: Path) -> list[Image.Image]:
    stem = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), str(stem)], check=True)
    found = sorted(pdf.parent.glob(stem.name + "-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [Image.open(p) for p in found]


def scales_by_screen(pdf: Path) -> list[dict[int, set[float]]]:
    """For each page: the scales each mockup width (in the screen's own units) is drawn at."""
    result: list[dict[int, set[float]]] = []
    for page in PdfReader(pdf).pages:
        found: dict[int, set[float]] = {}
        scale: list[float | None] = [None]
        extent: list[float] = [0.0]

        def visit(op: bytes, args: list, cm: list[float], tm: list[float]) -> None:  # type: ignore[type-arg]
            if op == b"cm" and len(args) == 6:
                a, b, c, d, _e, _f = (float(v) for v in args)
                if b == 0 and c == 0 and a == d and a != 1 and 0.2 < a < 1.5:  # a mockup's own scale
                    close()
                    scale[0] = a
            elif op == b"re" and scale[0] is not None and len(args) == 4:
                extent[0] = max(extent[0], float(args[0]) + float(args[2]))

        def close() -> None:
            if scale[0] is not None and extent[0] > 0:
                found.setdefault(round(extent[0]), set()).add(round(scale[0], 3))
            scale[0], extent[0] = None, 0.0

        page.extract_text(visitor_operand_before=visit)
        close()
        result.append(found)
    return result


def handouts() -> Iterator[tuple[str, Path, str, str]]:
    for path in [*SHIPPED, *SHAPES]:
        for locale in LOCALES:
            for output in OUTPUTS:
                yield f"{path.stem}-{locale}-{output}", path, locale, output


def render(path: Path, locale: str, output: str, out: Path) -> Path:
    guide = load_guide(path, PROJECT.assets_dir)
    made = make_handout(guide, translator_for(PROJECT.locales_dir, locale), {}, guide.updated)
    pdf = render_pdf(
        made.document,
        lambda step: made.views.get(step.number),
        document_date(guide)[1],
        page_setup(OUTPUTS[output]),
        introduction=made.introduction,
    )
    target = out / f"{path.stem}-{locale}-{output}.pdf"
    target.write_bytes(pdf)
    return target


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str, list[Image.Image]]]:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is needed to measure the pages")
    out = tmp_path_factory.mktemp("fill")
    made = {name: (render(path, locale, output, out), output) for name, path, locale, output in handouts()}
    return {name: (pdf, output, pages_of(pdf)) for name, (pdf, output) in made.items()}


def too_empty(pages: list[Image.Image], setup: PageSetup) -> list[str]:
    found = []
    for number, picture in enumerate(pages[:-1], start=1):
        empty = empty_at_foot(picture, setup)
        if empty > MOST_EMPTY:
            found.append(f"page {number} {empty:.0%} empty")
    return found


def test_no_page_but_the_last_is_more_than_a_quarter_empty(rendered) -> None:  # type: ignore[no-untyped-def]
    problems = []
    for name, (_pdf, output, pages) in rendered.items():
        found = too_empty(pages, page_setup(OUTPUTS[output]))
        if found:
            problems.append(f"{name}: {', '.join(found)} (of {len(pages)})")
    assert not problems, f"{len(problems)} of {len(rendered)} handouts:\n" + "\n".join(problems)


def test_no_page_shows_one_screen_at_two_scales(rendered) -> None:  # type: ignore[no-untyped-def]
    problems = []
    for name, (pdf, _output, _pages) in rendered.items():
        for number, screens in enumerate(scales_by_screen(pdf), start=1):
            for width, scales in screens.items():
                if max(scales) - min(scales) > 0.005:
                    problems.append(f"{name}: page {number}: a screen {width} wide at scales {sorted(scales)}")
    assert not problems, "\n".join(problems)


def test_the_measure_finds_a_planted_gap(tmp_path: Path) -> None:
    """The measure sees a page ended early: a handout whose second step is pushed to a page of its
    own leaves page 1 mostly empty; and a screen drawn at two scales on one page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    setup = page_setup(Output())
    pdf = tmp_path / "planted.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    canvas.rect(100, A4[1] - setup.top - 200, 300, 150, fill=1)  # ink down to 200 pt under the top
    for scale in (0.9, 0.7):
        canvas.saveState()
        canvas.translate(100, 300)
        canvas.scale(scale, scale)
        canvas.rect(0, 0, 280, 200)
        canvas.restoreState()
    canvas.showPage()
    canvas.rect(100, 100, 300, 600, fill=1)
    canvas.showPage()
    canvas.save()
    pages = pages_of(pdf)
    found = too_empty(pages, setup)
    assert len(found) == 1 and found[0].startswith("page 1 ")
    empty = empty_at_foot(pages[0], setup)
    # ink ends at 300 pt above the page's foot: (300 - bottom margin) of the frame's height is white
    assert abs(empty - (300 - setup.bottom) / setup.frame_height) < 0.02
    assert empty_at_foot(pages[1], setup) < 0.2
    assert scales_by_screen(pdf)[0] == {280: {0.9, 0.7}}


def test_the_shape_guides_are_what_make_shapes_writes() -> None:
    """The test guides on disk are the generator's (regenerate with make_shapes.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_shapes", ROOT / "tests" / "data" / "shapes" / "make_shapes.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert sorted(module.shapes()) == [p.stem for p in SHAPES] and len(SHAPES) >= 12

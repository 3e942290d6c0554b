"""Screen mockups: every screen in every locale, PDF and PNG from one layout, nothing overflowing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from conftest import GUIDE, GUIDE_ID, LOCALES, ROOT
from guidepress.build import make_handout
from guidepress.l10n.pseudo import PSEUDO_LOCALE
from guidepress.l10n.translator import translator_for
from guidepress.mockup.png import png_size, render_png
from guidepress.source.loader import load_guide
from pdftext import pdf_text

SCREENS = {
    "email_entry",
    "login",
    "reset_request",
    "new_password",
    "account_settings",
    "link_account",
    "bankid_linked",
    "sign_in_as",
}


@pytest.fixture(scope="module")
def guide():  # type: ignore[no-untyped-def]
    return load_guide(GUIDE)


def handout(guide, locale: str):  # type: ignore[no-untyped-def]
    return make_handout(guide, translator_for(ROOT / "locales", locale), {}, guide.updated)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_screen_is_drawn_and_exported_as_png(built: Path, guide, locale: str) -> None:  # type: ignore[no-untyped-def]
    made = handout(guide, locale)
    views = made.views
    assert {v.layout.screen_id for v in views.values()} == SCREENS
    pngs = sorted((built / locale / GUIDE_ID).glob("*.png"))
    steps = {n: f"{n:02d}-{made.last_steps[n]:02d}" if made.last_steps.get(n, n) > n else f"{n:02d}" for n in views}
    assert [p.name for p in pngs] == sorted(
        f"{steps[n]}-{v.layout.screen_id.replace('_', '-')}.png" for n, v in views.items()
    )
    assert "03-04-email-entry.png" in [p.name for p in pngs]  # steps 3 and 4 share the picture
    for path in pngs:
        number = int(path.name[:2])
        image = Image.open(path)
        assert image.size == png_size(views[number])
        assert image.width == round(views[number].width * 8 / 3)  # 2x the CSS-pixel width
        if views[number].layout.kind == "browser":
            assert image.width == round(280 * 8 / 3)  # a browser page is 280 pt wide
        colours = image.convert("L").getextrema()
        assert colours[1] - colours[0] > 150, f"{path.name} is blank"


@pytest.mark.parametrize("locale", LOCALES)
def test_pdf_text_contains_every_screens_labels(built: Path, guide, locale: str) -> None:  # type: ignore[no-untyped-def]
    text = pdf_text(built / locale / f"{GUIDE_ID}.pdf")
    for view in handout(guide, locale).views.values():
        for t in view.layout.texts:
            if t.element not in ("address",):
                assert t.text.strip() in text, f"{locale}: {t.text!r} of {view.layout.screen_id} not in the PDF"


def test_callouts_sit_on_the_named_controls(guide) -> None:  # type: ignore[no-untyped-def]
    views = handout(guide, "en").views
    assert set(views) == {3, 5, 6, 8, 10, 12, 14, 15, 17}
    step6 = views[6]
    outlines = [s for s in step6.annotations if type(s).__name__ == "Rect"]
    for control in ("robot", "reset"):
        box = step6.layout.boxes[control]
        assert any(o.box.x <= box.x and o.box.x + o.box.w >= box.x + box.w for o in outlines)
    # the wrong account is struck through and dashed, not only coloured
    step17 = views[17]
    other = step17.layout.boxes["other"]
    strikes = [s for s in step17.annotations if type(s).__name__ == "Line"]
    names = [t for t in step17.layout.texts if t.element == "other"]
    assert len(strikes) == len(names) >= 2  # the name and the email, each struck
    for line, text in zip(strikes, names, strict=True):
        (x0, y0), (x1, y1) = line.points
        assert y0 == y1 and text.box.y < y0 < text.box.y + text.box.h and x0 < text.box.x and x1 > text.box.x
    dashed = [s for s in step17.annotations if type(s).__name__ == "Rect" and s.dash]
    solid = [s for s in step17.annotations if type(s).__name__ == "Rect" and s.stroke and not s.dash and s.width == 2.0]
    assert len(dashed) == 1 and dashed[0].box.y <= other.y
    # neighbouring outlines never touch: the avoided account's ends above the chosen one's
    assert dashed[0].box.y + dashed[0].box.h < solid[0].box.y


def pseudo():  # type: ignore[no-untyped-def]
    """Every message about 40% longer and accented, placeholders kept: the qps-ploc pseudo-locale."""
    return translator_for(ROOT / "locales", PSEUDO_LOCALE)


def test_forty_percent_longer_text_stays_inside_its_elements(guide) -> None:  # type: ignore[no-untyped-def]
    result = make_handout(guide, pseudo(), {}, guide.updated)
    assert len(result.views) == 9
    for view in result.views.values():
        frame = view.layout.frame
        for t in view.layout.texts:
            assert t.box.inside(frame), f"{view.layout.screen_id}: {t.text!r} leaves the frame"
            assert t.box.inside(t.container, tolerance=0.5), f"{view.layout.screen_id}: {t.text!r} leaves its element"
        for box in view.layout.boxes.values():
            assert box.inside(frame.grow(2)), f"{view.layout.screen_id}: an element leaves the frame"


def test_long_text_grows_the_element_instead_of_overflowing(guide) -> None:  # type: ignore[no-untyped-def]
    normal = handout(guide, "en").views[6].layout
    long = make_handout(guide, pseudo(), {}, guide.updated).views[6].layout
    assert long.boxes["reset"].h > normal.boxes["reset"].h
    assert long.height > normal.height


def test_pdf_and_png_are_painted_from_the_same_layout(guide) -> None:  # type: ignore[no-untyped-def]
    from reportlab.pdfgen.canvas import Canvas

    from guidepress.mockup.pdf import paint

    view = handout(guide, "nb").views[12]
    # the PDF painter draws exactly the layout's text at the layout's places
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(view.width, view.height))
    paint(canvas, view.shapes, view.height)
    canvas.save()
    from pypdf import PdfReader

    text = " ".join(PdfReader(buffer).pages[0].extract_text().split())
    for t in view.layout.texts:
        assert t.text.strip() in text
    # the PNG has ink where the layout put the "Add electronic ID" link, and none outside the frame
    image = Image.open(io.BytesIO(render_png(view))).convert("L")
    k = image.width / view.width
    box = view.layout.boxes["add_eid"]
    crop = image.crop((int(box.x * k), int(box.y * k), int((box.x + box.w) * k), int((box.y + box.h) * k)))
    assert crop.getextrema()[0] < 120


@pytest.mark.parametrize("raqm", [True, False])
@pytest.mark.parametrize(
    ("text", "style", "size"),
    [
        ("Koder fra en app på telefonen. Virker uten nett.", "regular", 7.0),
        ("Slå på totrinnsbekreftelse", "bold", 11.0),
    ],
)
def test_png_text_is_as_wide_as_the_layout_measured_it(
    monkeypatch: pytest.MonkeyPatch, raqm: bool, text: str, style: str, size: float
) -> None:
    """Whole-pixel sizes and hinted advances made a line up to 5% wider or narrower than its
    element; with Raqm or without, the ink ends where reportlab's widths end the line."""
    from PIL import ImageChops, ImageDraw, features

    from guidepress.mockup import png
    from guidepress.mockup.fonts import text_width
    from guidepress.mockup.shapes import Text

    if raqm and not features.check("raqm"):
        pytest.skip("this Pillow has no Raqm layout")
    monkeypatch.setattr(png, "RAQM", raqm)
    monkeypatch.setattr(png, "NO_KERNING", ["-kern"] if raqm else None)
    k = png.DEFAULT_SCALE
    image = Image.new("L", (1200, 60), 255)
    png._paint(ImageDraw.Draw(image), Text(10, 20, text, style, size, "#000000"), k)
    left, _top, right, _bottom = ImageChops.invert(image).getbbox()
    assert abs(right - (10 + text_width(text, style, size)) * k) < 3  # the last glyph's side bearing
    assert abs(left - 10 * k) < 3


@pytest.mark.parametrize("number", [3, 12, 17])
def test_png_keeps_the_mockups_own_colours(guide, number: int) -> None:  # type: ignore[no-untyped-def]
    """The screen's grey page, its white cards and every other filled area keep their exact colour."""
    from PIL import ImageColor

    from guidepress.mockup.shapes import Rect

    view = handout(guide, "nb").views[number]
    image = Image.open(io.BytesIO(render_png(view))).convert("RGB")
    shown = {rgb for _count, rgb in image.getcolors(1 << 20)}
    fills = {s.fill for s in view.shapes if isinstance(s, Rect) and s.fill and s.box.w > 10 and s.box.h > 10}
    assert len(fills) >= 3
    for fill in fills:
        assert ImageColor.getrgb(fill) in shown, f"{fill} is not in the PNG of step {number}"


def test_layout_is_computed_once_per_screen(guide) -> None:  # type: ignore[no-untyped-def]
    views = handout(guide, "en").views
    login_views = [v for v in views.values() if v.layout.screen_id == "login"]
    assert len(login_views) == 2  # steps 5 and 10
    assert all(v.layout is login_views[0].layout for v in login_views)
    assert len({id(v.annotations) for v in login_views}) == 2


def test_svg_paints_every_shape_of_the_layout_in_its_points(guide) -> None:  # type: ignore[no-untyped-def]
    import xml.etree.ElementTree as ET

    from guidepress.mockup.fonts import text_width
    from guidepress.mockup.shapes import Circle, Line, Rect, Text
    from guidepress.mockup.svg import render_svg

    view = handout(guide, "nb").views[17]
    svg = ET.fromstring(render_svg(view, title="Skjermbilde", title_id="t"))  # well-formed XML: a standalone SVG too
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.get("viewBox") == f"0 0 280 {round(view.height, 2):g}" and svg.get("width") == "373.33"
    assert svg.find(f"{ns}title").text == "Skjermbilde"
    layout, callouts = svg.findall(f"{ns}g")
    assert callouts.get("class") == "callouts"
    for group, shapes in ((layout, view.layout.shapes), (callouts, view.annotations)):
        tags = [element.tag.removeprefix(ns) for element in group]
        kinds = {Rect: "rect", Circle: "circle", Line: "polyline", Text: "text"}
        assert tags == [kinds[type(shape)] for shape in shapes]
    # the crossed-out account: its dashed outline where the layout put it; every text at its measured width
    dashed = [r for r in callouts.iter(f"{ns}rect") if r.get("stroke-dasharray")]
    outline = next(s for s in view.annotations if isinstance(s, Rect) and s.dash)
    assert len(dashed) == 1 and float(dashed[0].get("x")) == pytest.approx(outline.box.x, abs=0.005)
    for element, shape in zip(svg.iter(f"{ns}text"), [s for s in view.shapes if isinstance(s, Text)], strict=True):
        assert element.text == shape.text
        if len(shape.text) > 1:
            assert float(element.get("textLength")) == pytest.approx(
                text_width(shape.text, shape.style, shape.size), abs=0.01
            )


def test_svg_painter_names_a_primitive_it_cannot_paint() -> None:
    from dataclasses import dataclass

    from guidepress.mockup.svg import paint_shape

    @dataclass(frozen=True)
    class Star:
        x: float

    with pytest.raises(TypeError, match="no function for Star; add one to PAINTERS"):
        paint_shape(Star(1.0))  # type: ignore[arg-type]


def test_svg_paints_a_path_with_holes_and_an_image_inside_the_page() -> None:
    import base64
    import xml.etree.ElementTree as ET

    from guidepress.mockup.layout import AnnotatedView, ScreenLayout
    from guidepress.mockup.shapes import Box
    from guidepress.mockup.shapes import Image as ImageShape
    from guidepress.mockup.shapes import Path as PathShape
    from guidepress.mockup.svg import render_svg

    png, jpeg = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (4, 2), "#123456").save(png, format="PNG")
    Image.new("RGB", (4, 2), "#654321").save(jpeg, format="JPEG")
    square_with_hole = (((0, 0), (10, 0), (10, 10), (0, 10)), ((3, 3), (7, 3), (7, 7), (3, 7)))
    shapes = (
        PathShape(square_with_hole, fill="#000000"),
        PathShape((((1, 1), (5, 2), (1, 4)),), stroke="#FF0000", width=0.5),  # a stroked triangle
        ImageShape(Box(10, 20, 30, 15), png.getvalue(), (4, 2)),
        ImageShape(Box(0, 40, 8, 8), jpeg.getvalue(), (4, 2)),
    )
    view = AnnotatedView(ScreenLayout("s", 50, 50, shapes, {}, ()), ())
    ns = "{http://www.w3.org/2000/svg}"
    svg = ET.fromstring(render_svg(view))
    holed, triangle = svg.iter(f"{ns}path")
    # one path, each polygon closed, filled even-odd so the inner square is a hole (as the PDF and PNG fill it)
    assert holed.get("d") == "M0,0H10V10H0ZM3,3H7V7H3Z" and holed.get("fill-rule") == "evenodd"
    assert holed.get("fill") == "#000000" and holed.get("stroke") is None
    assert triangle.get("d") == "M1,1L5,2L1,4Z" and triangle.get("fill") == "none"
    assert (triangle.get("stroke"), triangle.get("stroke-width")) == ("#FF0000", "0.5")
    first, second = svg.iter(f"{ns}image")
    assert [first.get(k) for k in ("x", "y", "width", "height")] == ["10", "20", "30", "15"]
    assert first.get("preserveAspectRatio") == "none"  # stretched to its box, as the other painters do
    kind, data = first.get("href").split(",", 1)
    assert kind == "data:image/png;base64" and base64.b64decode(data) == png.getvalue()
    assert second.get("href").startswith("data:image/jpeg;base64,")
    assert base64.b64decode(second.get("href").split(",", 1)[1]) == jpeg.getvalue()

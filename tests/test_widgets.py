"""Every widget and kind of screen, read back from the widget gallery as a reader would: its texts
in the PDF, its pixels in the PNG, its callouts on the control, and black-and-white legibility."""

from __future__ import annotations

import io
import typing
from pathlib import Path

import pytest
from PIL import Image

from conftest import ROOT
from guidepress.build import BuildOptions, build, make_handout
from guidepress.l10n.translator import translator_for
from guidepress.mockup.icons import ICONS, icon_shapes
from guidepress.mockup.layout import AnnotatedView
from guidepress.mockup.palette import ACCENT
from guidepress.mockup.palette import LINK as BRAND
from guidepress.mockup.png import DEFAULT_SCALE, render_png
from guidepress.mockup.qr import qr_modules, qr_size
from guidepress.mockup.shapes import Box, Circle, Line, Rect, Text
from guidepress.mockup.shapes import Path as PathShape
from guidepress.mockup.widgets import WIDGETS
from guidepress.project import Project
from guidepress.source import elements, model
from guidepress.source.loader import load_guide
from pdftext import pdf_text

GALLERY = Project(ROOT / "docs" / "gallery")
GUIDE = GALLERY.guide_dir / "widget-gallery.yaml"


@pytest.fixture(scope="module")
def gallery(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gallery")
    report = build(GALLERY, BuildOptions(out_dir=out, locales=("en",)))
    assert not report.errors and not report.crashes and not report.warnings, report
    return out


@pytest.fixture(scope="module")
def handout():  # type: ignore[no-untyped-def]
    guide = load_guide(GUIDE, GALLERY.assets_dir)
    return make_handout(guide, translator_for(GALLERY.locales_dir, "en"), {}, guide.updated)


def layout(handout, screen: str):  # type: ignore[no-untyped-def]
    [found] = [layout for layout in handout.layouts() if layout.screen_id == screen]
    return found


def pixels(view_or_layout, scale: float = DEFAULT_SCALE) -> Image.Image:  # type: ignore[no-untyped-def]
    view = view_or_layout if isinstance(view_or_layout, AnnotatedView) else AnnotatedView(view_or_layout, ())
    return Image.open(io.BytesIO(render_png(view, scale))).convert("RGB")


def crop(image: Image.Image, box: Box, scale: float = DEFAULT_SCALE) -> Image.Image:
    return image.crop((round(box.x * scale), round(box.y * scale), round(box.right * scale), round(box.bottom * scale)))


def grey(image: Image.Image) -> bytes:
    """The image's grey levels, one byte a pixel."""
    return image.convert("L").tobytes()


def test_every_element_type_has_a_layout_and_the_registry_no_stray_one() -> None:
    types = {typing.get_args(typing.get_type_hints(cls)["type"])[0] for cls in typing.get_args(elements.Leaf)}
    assert types | {"section"} == set(WIDGETS)  # a dialog is placed by the screen, over the page
    assert set(typing.get_args(elements.IconName)) == set(ICONS)


TEXTS = {
    # what the reader reads in the PDF for each kind of element
    "content": ["Heading", "A link", "OR", "Error", "Something went wrong.", "Information without a title."],
    "inputs": ["Text field", "Search", "kari.nordmann@example.com", "Password field", "A longer text goes here.",
               "Code input", "Checkbox", "Button", "Secondary button", "Cancel", "Save"],
    "choices": ["Radio group", "Authenticator app", "A code from an app on your phone.", "Toggle (on)",
                "Select (closed)", "Sick leave", "Vacation", "Leave of absence", "3/16/26", "March 2026"],
    "data": ["Tabs", "History", "Table", "Status", "Sick child", "Pending", "Rows:", "Add phone number",
             "At least 12 characters", "Status card", "Activated Mar 15, 2026", "Account list"],
    "navigation": ["Top menu", "Reports", "Security", "Sign out", "Side menu", "Choice card"],
    "media": ["Example HR", "Icon with a caption", "List entry", "482 913"],
    "dialog": ["Dialog", "The page behind it is dimmed.", "Confirm"],
    "phone": ["9:41", "Phone app", "Scan a QR code", "Codes", "Settings"],
    "email": ["An email message", "Example Portal", "no-reply@example.com", "Mar 16, 2026", "A button in an email"],
    "window": ["A window", "Allow"],
}  # fmt: skip


def test_every_widget_and_frame_shows_its_text_in_the_pdf(gallery: Path) -> None:
    text = pdf_text(gallery / "en" / "widget-gallery.pdf")
    for screen, phrases in TEXTS.items():
        for phrase in phrases:
            assert phrase in text, f"{screen}: {phrase!r} not in the PDF"


def test_the_calendar_starts_the_week_on_the_locales_first_day(handout) -> None:  # type: ignore[no-untyped-def]
    choices = layout(handout, "choices")
    days = [t for t in choices.texts if t.element == "calendar" and len(t.text) == 1 and t.text.isalpha()]
    days.sort(key=lambda t: t.box.x)
    assert "".join(t.text for t in days) == "MTWTFSS"  # English (world): Monday first
    first = next(t for t in choices.texts if t.element == "calendar" and t.text == "1")
    sunday = days[6]
    assert abs(first.box.x + first.box.w / 2 - (sunday.box.x + sunday.box.w / 2)) < 2  # 1 March 2026 is a Sunday


def test_states_are_drawn_apart_without_colour(handout) -> None:  # type: ignore[no-untyped-def]
    """A toggle on and off, a chosen and an unchosen radio button differ in grey, not only in hue."""
    choices = layout(handout, "choices")
    image = pixels(choices).convert("L")
    switches = [choices.boxes[i] for i in ("toggle_on", "toggle_off")]
    on, off = (crop(image, Box(b.right - 26, b.y, 26, 15)) for b in switches)
    assert min(grey(on)) < 100 < min(grey(off))  # the switched-on track is dark, the off one light
    chosen, other = (crop(image, choices.boxes[i]) for i in ("app", "sms"))
    dark = 110

    def dark_share(picture: Image.Image) -> float:
        values = grey(picture.crop((0, 0, round(13 * DEFAULT_SCALE), picture.height)))
        return sum(v < dark for v in values) / len(values)

    assert dark_share(chosen) > 2 * dark_share(other)  # the dot in the chosen ring


def test_an_open_select_lists_its_options_and_marks_the_chosen_one(handout) -> None:  # type: ignore[no-untyped-def]
    choices = layout(handout, "choices")
    options = [choices.boxes[i] for i in ("self", "vacation", "leave")]
    assert options[0].bottom <= options[1].y + 0.01 and options[1].bottom <= options[2].y + 0.01
    field = choices.boxes["open"]
    assert all(o.y >= field.bottom for o in options)
    tick = [
        s
        for s in choices.shapes
        if isinstance(s, Line) and s.color == BRAND and options[1].y < s.points[0][1] < options[1].bottom
    ]
    assert tick, "no tick beside the chosen option"


def test_a_qr_code_scans_as_its_text(handout) -> None:  # type: ignore[no-untyped-def]
    """Each module of the drawn code is dark exactly where the encoder put a dark module."""
    media = layout(handout, "media")
    box = media.boxes["qr"]
    data = handout.document.sections[0].steps[5].view.screen.widgets[1].value
    assert data.startswith("otpauth://totp/Example%20Portal:")
    runs = qr_modules(data)
    count = qr_size(runs)
    scale = 8.0
    image = crop(pixels(media, scale).convert("L"), box, scale)
    module = image.width / (count + 6)
    dark = {(r, c) for r, c0, n in runs for c in range(c0, c0 + n)}
    for r in range(count):
        for c in range(count):
            value = image.getpixel((int((c + 3.5) * module), int((r + 3.5) * module)))
            assert (value < 128) == ((r, c) in dark), (r, c)


def test_a_dialog_dims_the_page_behind_it(handout) -> None:  # type: ignore[no-untyped-def]
    dialog, content = layout(handout, "dialog"), layout(handout, "content")
    page, dimmed = pixels(content).convert("L"), pixels(dialog).convert("L")
    spot = content.boxes["skeleton"]  # under the dialog's bottom edge, on the page
    assert spot.y > dialog.boxes["confirm"].bottom
    assert sum(grey(crop(dimmed, spot))) < 0.7 * sum(grey(crop(page, spot)))
    inside = dialog.boxes["confirm"].grow(-20)
    assert max(grey(crop(dimmed, inside))) == 255  # the dialog itself stays white
    assert dialog.texts and any(t.text == "The page behind it is dimmed." for t in dialog.texts)
    # the product's bar belongs to the page and is dimmed with it; the browser's own bar is not
    address, product = Box(3, 3, 30, 16), Box(3, 24, dialog.width - 6, 22)
    assert grey(crop(dimmed, address)) == grey(crop(page, address))
    assert sum(grey(crop(dimmed, product))) < 0.7 * sum(grey(crop(page, product)))


@pytest.mark.parametrize("name", ICONS)
def test_each_icon_stays_in_its_square_and_draws_something(name: str) -> None:
    shapes = icon_shapes(name, 50, 50, 24, "#000000")
    assert shapes
    for s in shapes:
        if isinstance(s, Line):
            points = list(s.points)
        elif isinstance(s, PathShape):
            points = [p for polygon in s.polygons for p in polygon]
        elif isinstance(s, Circle):
            points = [(s.cx - s.r, s.cy - s.r), (s.cx + s.r, s.cy + s.r)]
        elif isinstance(s, Rect):
            points = [(s.box.x, s.box.y), (s.box.right, s.box.bottom)]
        else:
            raise AssertionError(f"{name}: {type(s).__name__}")
        assert all(37.5 <= x <= 62.5 and 37.5 <= y <= 62.5 for x, y in points), name


def test_marks_and_avoid_work_on_every_kind_of_screen(handout) -> None:  # type: ignore[no-untyped-def]
    """Each step's control gets a solid outline in the callout colour and its number; avoided ones a dashed one."""
    for number, view in handout.views.items():
        outlines = [s for s in view.annotations if isinstance(s, Rect) and s.stroke == ACCENT]
        badges = [s for s in view.annotations if isinstance(s, Text) and s.color == "#FFFFFF" and s.style == "bold"]
        assert outlines and badges, view.layout.screen_id
        assert str(number) in {b.text for b in badges}
    kinds = {view.layout.kind for view in handout.views.values()}
    assert kinds == {"browser", "phone", "email", "window", "screenshot"}


def test_the_screen_kinds_frame_their_content(handout) -> None:  # type: ignore[no-untyped-def]
    phone = layout(handout, "phone")
    assert phone.width < 220 and phone.height >= 1.5 * phone.width  # shaped like a phone
    assert {t.text for t in phone.texts} >= {"9:41", "Phone app"}
    tab_bar = phone.boxes["tabbar"]
    assert tab_bar.bottom > phone.height - 30  # at the bottom of the screen
    email = layout(handout, "email")
    assert {"An email message", "Example Portal", "no-reply@example.com"} <= {t.text for t in email.texts}
    window = layout(handout, "window")
    assert any(t.text == "A window" and t.box.y < 24 for t in window.texts)  # in the title bar
    navigation = layout(handout, "navigation")
    side, heading = navigation.boxes["side"], navigation.boxes["heading"]
    assert side.right <= heading.x and navigation.boxes["security"].inside(side)


@pytest.mark.parametrize("tone", ["error", "warning", "info", "success"])
def test_alerts_read_in_black_and_white(handout, tone: str) -> None:  # type: ignore[no-untyped-def]
    """The stripe and icon of every alert print dark in grey, and its text stays inside the box."""
    content = layout(handout, "content")
    box = content.boxes[tone]
    stripe = crop(pixels(content).convert("L"), Box(box.x + 0.5, box.y + 4, 2.5, box.h - 8))
    assert max(grey(stripe)) < 140
    for t in content.texts:
        if t.element == tone:
            assert t.box.inside(box)


def test_model_and_schema_name_every_screen_kind() -> None:
    kinds = {typing.get_args(typing.get_type_hints(cls)["kind"])[0] for cls in typing.get_args(model.AnyScreen)}
    assert kinds == {"browser", "phone", "email", "window", "screenshot"}


def test_the_html_edition_paints_every_widget_and_screen_kind(handout) -> None:  # type: ignore[no-untyped-def]
    """Each picture of the gallery (every element type and screen kind) as the HTML edition's SVG:
    one element for each of the layout's shapes and callouts, a screenshot's image inside the page."""
    import xml.etree.ElementTree as ET

    from guidepress.mockup.shapes import Image as ImageShape
    from guidepress.mockup.svg import render_svg

    tags = {Rect: "rect", Circle: "circle", Line: "polyline", Text: "text", PathShape: "path", ImageShape: "image"}
    ns = "{http://www.w3.org/2000/svg}"
    painted: set[str] = set()
    for view in handout.views.values():
        svg = ET.fromstring(render_svg(view, title="t", title_id="t"))
        layout_group, callouts = svg.findall(f"{ns}g")
        assert [e.tag.removeprefix(ns) for e in layout_group] == [tags[type(s)] for s in view.layout.shapes]
        assert [e.tag.removeprefix(ns) for e in callouts] == [tags[type(s)] for s in view.annotations]
        painted |= {e.tag.removeprefix(ns) for e in svg.iter()}
        for image in svg.iter(f"{ns}image"):
            assert image.get("href").startswith(("data:image/png;base64,", "data:image/jpeg;base64,"))
    assert {"rect", "circle", "polyline", "text", "path", "image"} <= painted
    assert {view.layout.kind for view in handout.views.values()} == {
        "browser",
        "phone",
        "email",
        "window",
        "screenshot",
    }

"""Real screenshots: an image from assets/ with named regions, marked in the PDF and the PNG just as
a drawn screen is; a variant per locale; an empty slot reads as text; hostile files are refused
with one located line each."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from guidepress.build import BuildOptions, build, make_handout
from guidepress.cli.main import main
from guidepress.l10n.translator import translator_for
from guidepress.mockup.palette import ACCENT
from guidepress.mockup.png import DEFAULT_SCALE
from guidepress.project import Project
from guidepress.source.loader import load_guide
from pdfdraw import drawings, rgb
from pdftext import pdf_text

GUIDE = """\
id: shots
title: Screenshots
product: Example App
version: "1"
updated: 2026-12-01
summary: A guide with a screenshot.
screens:
  app:
    kind: screenshot
    image: screens/app.png
    regions:
      go: {x: 40, y: 200, width: 160, height: 50}
      stop: {x: 220, y: 200, width: 160, height: 50}
  slot:
    kind: screenshot
    image: screens/not-yet.png
    optional: true
sections:
  - title: Go
    steps:
      - text: Press the blue button.
        screen: app
        marks: [go]
        avoid: [stop]
      - text: Read the message that follows.
        screen: slot
"""
BLUE, GREY, GREEN = (30, 90, 200), (150, 150, 150), (20, 150, 60)
LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


def screenshot(path: Path, button: tuple[int, int, int], scale: int = 1) -> None:
    """A 400 × 300 picture (times `scale`) with a coloured button at the `go` region, a grey one at `stop`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", (400 * scale, 300 * scale), "white")
    image.paste(button, (40 * scale, 200 * scale, 200 * scale, 250 * scale))
    image.paste(GREY, (220 * scale, 200 * scale, 380 * scale, 250 * scale))
    image.save(path)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "guide_src").mkdir()
    (tmp_path / "guide_src" / "shots.yaml").write_text(GUIDE, encoding="utf-8")
    screenshot(tmp_path / "assets" / "screens" / "app.png", BLUE)
    for locale in ("en", "nb", "nn"):  # the text is English already; nb and nn translate none of it
        catalog = tmp_path / "locales" / locale / "LC_MESSAGES" / "guides.po"
        catalog.parent.mkdir(parents=True)
        header = f'msgid ""\nmsgstr ""\n"Language: {locale}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        catalog.write_text(header)
    return Project(tmp_path)


def built(project: Project, *locales: str) -> Path:
    """Build; the only warnings allowed say that nb and nn (empty catalogs here) show the English
    text: the guide's count, and each message named at its catalog (five, then how many more)."""
    out = project.root / "out"
    report = build(project, BuildOptions(out_dir=out, locales=locales))
    untranslated = re.compile(
        r".*: warning: (nb|nn): (\d+ of \d+ messages untranslated, the handout shows en"
        r"|not in the catalog \(run pybabel update\), the handout shows en: .*"
        r"|\d+ more messages? of this catalog not translated \(--status lists them\))"
    )
    assert not report.errors and not report.crashes, report
    assert all(untranslated.fullmatch(w) for w in report.warnings), report.warnings
    counts = [w for w in report.warnings if "messages untranslated" in w]
    assert len(counts) == len(set(locales) & {"nb", "nn"})
    return out


def png_of(out: Path, locale: str) -> Image.Image:
    [png] = (out / locale / "shots").glob("01-app.png")
    return Image.open(png).convert("RGB")


def test_regions_land_on_their_controls_in_the_png(project: Project) -> None:
    image = png_of(built(project, "en"), "en")
    k = 280 / 400 * DEFAULT_SCALE  # image pixels → PNG pixels: the screen is 280 pt wide
    assert image.size == (round(280 * DEFAULT_SCALE), round(300 * 280 / 400 * DEFAULT_SCALE))
    assert image.getpixel((round(120 * k), round(225 * k))) == BLUE  # the button, where the image has it
    accent = tuple(int(ACCENT[i : i + 2], 16) for i in (1, 3, 5))
    outline = 3.5 * DEFAULT_SCALE  # the outline runs 3.5 pt outside the region
    left, top, right, bottom = 40 * k - outline, 200 * k - outline, 200 * k + outline, 250 * k + outline
    for x, y in ((left, 225 * k), (right, 225 * k), (120 * k, top), (120 * k, bottom)):
        near = [image.getpixel((round(x) + d, round(y))) for d in range(-2, 3)]
        near += [image.getpixel((round(x), round(y) + d)) for d in range(-2, 3)]
        assert accent in near, (x, y)
    # the region to avoid: dashed (not solid) along its top edge, struck through its middle
    top_edge = [image.getpixel((round(x), round(200 * k - outline))) for x in range(round(230 * k), round(370 * k))]
    assert 0.3 < sum(p == accent for p in top_edge) / len(top_edge) < 0.8
    middle = [image.getpixel((round(x), round(225 * k))) for x in range(round(240 * k), round(360 * k))]
    assert sum(p == accent for p in middle) / len(middle) > 0.9


def test_regions_land_on_their_controls_in_the_pdf(project: Project) -> None:
    pdf = built(project, "en") / "en" / "shots.pdf"
    images, strokes = drawings(pdf, 0)
    [picture] = images
    sx, sy = (picture.x1 - picture.x0) / 400, (picture.y1 - picture.y0) / 300
    go = type(picture)(picture.x0 + 40 * sx, picture.y1 - 250 * sy, picture.x0 + 200 * sx, picture.y1 - 200 * sy)
    outlines = [s.area for s in strokes if s.rgb == rgb(ACCENT) and s.area.contains(go)]
    assert outlines, "no callout outline around the region"
    tight = min(outlines, key=lambda a: (a.x1 - a.x0) * (a.y1 - a.y0))
    assert tight.x0 > go.x0 - 6 and tight.x1 < go.x1 + 6 and tight.y0 > go.y0 - 6 and tight.y1 < go.y1 + 6
    assert "Press the blue button." in pdf_text(pdf)


def test_a_locale_shows_its_own_screenshot_and_a_sharper_one_keeps_its_regions(project: Project) -> None:
    screenshot(project.assets_dir / "screens" / "nb" / "app.png", GREEN, scale=2)  # twice the pixels
    out = built(project, "en", "nb", "nn")
    k = 280 / 400 * DEFAULT_SCALE
    centre = (round(120 * k), round(225 * k))
    assert png_of(out, "en").getpixel(centre) == BLUE
    assert png_of(out, "nb").getpixel(centre) == GREEN
    assert png_of(out, "nn").getpixel(centre) == GREEN  # Nynorsk falls back to the Bokmål screenshot
    # the callouts stand in the same place on the sharper variant
    en, nb = png_of(out, "en"), png_of(out, "nb")
    assert en.size == nb.size
    column = round(40 * k - 3.5 * DEFAULT_SCALE)
    assert [en.getpixel((column, y)) for y in range(en.height)] == [nb.getpixel((column, y)) for y in range(nb.height)]


def test_an_empty_slot_reads_as_text_until_its_image_is_there(project: Project) -> None:
    guide = load_guide(project.guide_dir / "shots.yaml", project.assets_dir)
    handout = make_handout(guide, translator_for(project.locales_dir, "en"), {}, guide.updated)
    assert set(handout.views) == {1}  # step 2 shows no picture
    out = built(project, "en")
    assert "Read the message that follows." in pdf_text(out / "en" / "shots.pdf")
    assert len(drawings(out / "en" / "shots.pdf", 0)[0]) == 1
    screenshot(project.assets_dir / "screens" / "not-yet.png", GREEN)
    out = built(project, "en")
    assert len(drawings(out / "en" / "shots.pdf", 0)[0]) == 2
    assert (out / "en" / "shots" / "02-slot.png").is_file()


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size without carrying its pixels (a decompression bomb's header)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))


def _outside(root: Path) -> None:
    secret = root / "secret.png"
    screenshot(secret, BLUE)
    (root / "assets" / "screens" / "app.png").unlink()
    (root / "assets" / "screens" / "app.png").symlink_to(secret)


HOSTILE = {
    # name: (change to the guide, change to the files, words of the one error line)
    "region outside the image": (("width: 160, height: 50}\n  ", "width: 400, height: 50}\n  "), None, "lies outside"),
    "dot-dot out of assets": (("image: screens/app.png", "image: ../guide_src/shots.png"), None, "'..'"),
    "absolute path": (("image: screens/app.png", "image: /etc/passwd.png"), None, "inside the project's assets/"),
    "symbolic link out of assets": (None, _outside, "symbolic link leads outside"),
    "missing file": (("image: screens/app.png", "image: screens/gone.png"), None, "no such file: assets/screens/gone"),
    "not an image format": (("image: screens/app.png", "image: screens/app.gif"), None, "use a PNG, JPEG or SVG"),
    "not really a PNG": (None, lambda root: (root / "assets/screens/app.png").write_text("<html>"), "not a PNG file"),
    "enormous image": (
        None,
        lambda root: (root / "assets/screens/app.png").write_bytes(_png_header(20000, 20000)),
        "too large",
    ),
    "SVG with an address": (
        ("image: screens/app.png", "image: screens/app.svg"),
        lambda root: (root / "assets/screens/app.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" '
            'height="30"><image xlink:href="https://example.com/x.png" width="40" height="30"/></svg>'
        ),
        "must be self-contained",
    ),
    "SVG reading a local file": (
        ("image: screens/app.png", "image: screens/app.svg"),
        lambda root: (root / "assets/screens/app.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><image href="../../secret.png"/></svg>'
        ),
        "must be self-contained",
    ),
    "SVG with an entity": (
        ("image: screens/app.png", "image: screens/app.svg"),
        lambda root: (root / "assets/screens/app.svg").write_text(
            '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><text>&x;</text></svg>'
        ),
        "may not declare XML entities",
    ),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_image_is_one_located_error_and_no_file(
    name: str, project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit, files, words = HOSTILE[name]
    guide = project.guide_dir / "shots.yaml"
    if edit:
        text = guide.read_text(encoding="utf-8")
        assert edit[0] in text
        guide.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    if files:
        files(project.root)
    monkeypatch.chdir(project.root)
    assert main(["--locale", "en"]) == 1
    out, err = capsys.readouterr()
    [line] = err.strip().splitlines()
    match = LINE.match(line)
    assert match and match["path"] == "guide_src/shots.yaml", line
    assert words in match["message"], line
    assert "Traceback" not in err and out == ""
    assert not (project.root / "build" / "en").exists() or not list((project.root / "build" / "en").rglob("*.*"))


def test_an_svg_screenshot_is_drawn_as_vectors(project: Project) -> None:
    (project.assets_dir / "screens" / "app.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">'
        '<rect width="400" height="300" fill="#ffffff"/>'
        '<rect x="40" y="200" width="160" height="50" rx="6" fill="#1e5ac8"/></svg>'
    )
    guide = project.guide_dir / "shots.yaml"
    guide.write_text(guide.read_text().replace("image: screens/app.png", "image: screens/app.svg"))
    out = built(project, "en")
    images, _strokes = drawings(out / "en" / "shots.pdf", 0)
    assert images == []  # nothing rasterised in the PDF
    k = 280 / 400 * DEFAULT_SCALE
    assert png_of(out, "en").getpixel((round(120 * k), round(225 * k))) == (0x1E, 0x5A, 0xC8)


def test_status_lists_the_slots_still_without_their_image(
    project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project.locales_dir / "guides.pot").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    )
    monkeypatch.chdir(project.root)
    assert main(["--status"]) == 0
    out = capsys.readouterr().out
    assert "Screenshot slots without their image" in out
    assert re.search(r"^  guide_src/shots\.yaml:\d+:\d+  assets/screens/not-yet\.png$", out, re.M)
    screenshot(project.assets_dir / "screens" / "nb" / "not-yet.png", GREEN)
    assert main(["--status"]) == 0
    assert "assets/screens/not-yet.png; only nb has one" in capsys.readouterr().out
    screenshot(project.assets_dir / "screens" / "not-yet.png", GREEN)
    assert main(["--status"]) == 0
    assert "Screenshot slots" not in capsys.readouterr().out


def test_a_jpeg_screenshot_and_a_very_wide_one_scaled_down_for_print(project: Project) -> None:
    """A JPEG is embedded as it is; a picture wider than print needs is scaled down first."""
    from guidepress.mockup.images import MAX_PIXELS_WIDE
    from guidepress.mockup.shapes import Image as ImageShape

    wide = project.assets_dir / "screens" / "app.jpg"
    Image.new("RGB", (4000, 3000), BLUE).save(wide, quality=90)
    guide = project.guide_dir / "shots.yaml"
    guide.write_text(guide.read_text().replace("image: screens/app.png", "image: screens/app.jpg"))
    text = guide.read_text()
    guide.write_text(
        text.replace("{x: 40, y: 200, width: 160, height: 50}", "{x: 400, y: 2000, width: 1600, height: 500}")
    )
    loaded = load_guide(guide, project.assets_dir)
    made = make_handout(loaded, translator_for(project.locales_dir, "en"), {}, loaded.updated)
    [picture] = [s for s in made.views[1].layout.shapes if isinstance(s, ImageShape)]
    assert picture.pixels == (MAX_PIXELS_WIDE, 1200) and picture.data[:2] == b"\xff\xd8"
    out = built(project, "en")
    assert png_of(out, "en").getpixel((round(120 * 280 / 400 * DEFAULT_SCALE), 20))[2] > 180  # blue
    assert (out / "en" / "shots.pdf").stat().st_size < 150_000

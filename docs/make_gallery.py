"""The widget gallery's pictures for docs/guide-format.md, made by the build from docs/gallery/.

docs/gallery/ is a small guides project of its own: one guide, `widget-gallery.yaml`, that
shows every element type and every kind of screen (English only: it documents the format,
so it is not among the handouts a plain `python make_pdf.py` builds, and translators never
see its texts). This script builds it with guidepress itself and writes, under
docs/img/gallery/:

- `kind-<kind>.png`: one screen of each kind, as the build's PNG export draws it, callouts
  and all (`kind-browser.png` is the page with a dialog);
- `<type>.png`: each element type cut out of its screen, drawn without callouts (a dialog
  over an empty page, not over the screen behind it);
- `icons.png`: every icon with its name.

Run it after changing a widget: `python docs/make_gallery.py` (docs/make_pictures.sh runs
it too). tests/test_gallery.py checks that the gallery uses every element type, screen kind
and icon, and that the committed pictures are what the code draws now.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from PIL import Image  # noqa: E402

from guidepress.build import BuildOptions, build, make_handout  # noqa: E402
from guidepress.l10n.translator import translator_for  # noqa: E402
from guidepress.mockup.icons import ICONS, icon_shapes  # noqa: E402
from guidepress.mockup.layout import AnnotatedView, ScreenLayout, layout_screen  # noqa: E402
from guidepress.mockup.png import render_png  # noqa: E402
from guidepress.mockup.shapes import Box, Rect, Shape, Text  # noqa: E402
from guidepress.project import Project  # noqa: E402
from guidepress.source.elements import walk_elements  # noqa: E402
from guidepress.source.loader import load_guide  # noqa: E402

GALLERY = ROOT / "docs" / "gallery"
GUIDE = GALLERY / "guide_src" / "widget-gallery.yaml"
OUT = ROOT / "docs" / "img" / "gallery"
SCALE = 2.0  # image pixels per point: sharp on screen, small in the repository
MARGIN = 6.0  # points around a cut-out element
KIND_SCREENS = {"browser": "dialog", "phone": "phone", "email": "email", "window": "window", "screenshot": "screenshot"}


def make_gallery(out: Path = OUT) -> list[Path]:
    """Build the gallery and write its pictures into `out`; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    written: list[Path] = []
    project = Project(GALLERY)
    with tempfile.TemporaryDirectory() as tmp:
        report = build(project, BuildOptions(out_dir=Path(tmp), locales=("en",)))
        if report.errors or report.crashes or report.warnings:
            raise SystemExit("\n".join([*map(str, report.errors), *report.crashes, *report.warnings]))
        for kind, screen in KIND_SCREENS.items():
            [png] = Path(tmp, "en", "widget-gallery").glob(f"*-{screen}.png")
            written.append(_small(Image.open(png), out / f"kind-{kind}.png", scale=SCALE / (8 / 3)))
    guide = load_guide(GUIDE, project.assets_dir)
    handout = make_handout(guide, translator_for(project.locales_dir, "en"), {}, guide.updated)
    layouts = {layout.screen_id: layout for layout in handout.layouts()}
    # a dialog is cut out over an empty page: the margin around it shows no stray bit of the page behind
    specs = {s.view.screen.id: s.view.screen for section in handout.document.sections for s in section.steps if s.view}
    for name, spec in specs.items():
        if spec.behind is not None:
            layouts[name] = layout_screen(replace(spec, behind=None, layout="settings"), "en")
    done: set[str] = set()
    for name, screen in guide.screens.items():
        if name not in layouts:
            continue
        found: dict[str, list[str]] = {}  # every element of each type on the screen: all variants in one picture
        for element in walk_elements(getattr(screen, "elements", ())):
            kind = getattr(element, "type", "")
            if kind and kind not in done and element.id in layouts[name].extents:
                found.setdefault(kind, []).append(element.id)
        for kind, ids in found.items():
            done.add(kind)
            written.append(_cut(layouts[name], ids, out / f"{kind}.png"))
    written.append(_icons(out / "icons.png"))
    return written


def _cut(layout: ScreenLayout, elements: list[str], path: Path) -> Path:
    """The elements' boxes (and a margin) out of their screen, drawn without callouts."""
    image = Image.open(_png(AnnotatedView(layout, ())))
    boxes = [layout.extents[element] for element in elements]
    x0, y0 = min(b.x for b in boxes), min(b.y for b in boxes)
    box = Box(x0, y0, max(b.right for b in boxes) - x0, max(b.bottom for b in boxes) - y0).grow(MARGIN)
    crop = [max(0, box.x), max(0, box.y), min(layout.width, box.right), min(layout.height, box.bottom)]
    return _small(image.crop(tuple(round(v * SCALE) for v in crop)), path)


def _png(view: AnnotatedView) -> io.BytesIO:
    return io.BytesIO(render_png(view, scale=SCALE))


def _icons(path: Path) -> Path:
    """Every icon at 16 pt with its name under it, eight to a row."""
    per_row, cell_w, cell_h = 8, 72.0, 46.0
    rows = -(-len(ICONS) // per_row)
    shapes: list[Shape] = [Rect(Box(0, 0, per_row * cell_w, rows * cell_h), fill="#FFFFFF")]
    for i, name in enumerate(ICONS):
        x, y = (i % per_row) * cell_w, (i // per_row) * cell_h
        shapes += icon_shapes(name, x + cell_w / 2, y + 16, 16, "#1F2933")
        shapes.append(Text(x + cell_w / 2, y + 38, name, "regular", 7, "#5B6675", "middle"))
    layout = ScreenLayout("icons", per_row * cell_w, rows * cell_h, tuple(shapes), {}, ())
    return _small(Image.open(_png(AnnotatedView(layout, ()))), path)


def _small(image: Image.Image, path: Path, scale: float = 1.0) -> Path:
    """Saved with a 64-colour palette (a tenth of the bytes; the docs need no more)."""
    if scale != 1.0:
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
    image.convert("RGB").quantize(64, dither=Image.Dither.NONE).save(path, optimize=True)
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "out",
        nargs="?",
        type=Path,
        default=OUT,
        help="the folder for the pictures (default docs/img/gallery); its *.png files are replaced",
    )
    arguments = parser.parse_args()
    if arguments.out.exists() and not arguments.out.is_dir():
        parser.error(f"{arguments.out} is not a folder")
    files = make_gallery(arguments.out)
    print(f"wrote {len(files)} pictures under {files[0].parent}/")

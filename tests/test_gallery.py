"""The widget gallery cannot fall behind the code: it uses every element type, screen kind and icon,
the format's documentation shows each one's picture, and the committed pictures are what the code
draws now (docs/make_gallery.py makes them with the build)."""

from __future__ import annotations

import importlib.util
import typing
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from conftest import ROOT
from guidepress.mockup.icons import ICONS
from guidepress.source import elements, model
from guidepress.source.elements import walk_elements
from guidepress.source.loader import load_guide

GALLERY = ROOT / "docs" / "gallery"
PICTURES = ROOT / "docs" / "img" / "gallery"
DOC = (ROOT / "docs" / "guide-format.md").read_text(encoding="utf-8")


def element_types() -> set[str]:
    members = [*typing.get_args(elements.Leaf), elements.Section, elements.Dialog]
    return {typing.get_args(typing.get_type_hints(cls)["type"])[0] for cls in members}


def screen_kinds() -> set[str]:
    return {typing.get_args(typing.get_type_hints(cls)["kind"])[0] for cls in typing.get_args(model.AnyScreen)}


def test_the_gallery_uses_every_element_type_and_screen_kind() -> None:
    guide = load_guide(GALLERY / "guide_src" / "widget-gallery.yaml", GALLERY / "assets")
    used = {getattr(e, "type", "") for s in guide.screens.values() for e in walk_elements(getattr(s, "elements", ()))}
    assert element_types() <= used
    assert {screen.kind for screen in guide.screens.values()} == screen_kinds()


def test_the_format_shows_a_picture_of_each_element_kind_and_icon() -> None:
    for kind in element_types():
        assert f"`{kind}`" in DOC, f"docs/guide-format.md does not describe {kind}"
        assert f"img/gallery/{kind}.png" in DOC, f"docs/guide-format.md shows no picture of {kind}"
        assert (PICTURES / f"{kind}.png").is_file()
    for kind in screen_kinds():
        assert f"img/gallery/kind-{kind}.png" in DOC and (PICTURES / f"kind-{kind}.png").is_file()
    assert "img/gallery/icons.png" in DOC
    for name in ICONS:
        assert f"`{name}`" in DOC, f"docs/guide-format.md does not list the icon {name}"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("make_gallery", ROOT / "docs" / "make_gallery.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("gallery")
    module.make_gallery(out)
    return out


def test_the_committed_pictures_are_what_the_code_draws(fresh: Path) -> None:
    made = sorted(p.name for p in fresh.glob("*.png"))
    assert made == sorted(p.name for p in PICTURES.glob("*.png")), "run: python docs/make_gallery.py"
    for name in made:
        now, committed = (Image.open(folder / name).convert("RGB") for folder in (fresh, PICTURES))
        assert now.size == committed.size, f"{name}: run python docs/make_gallery.py"
        difference = ImageStat.Stat(ImageChops.difference(now, committed)).mean
        assert max(difference) < 2.0, f"{name} changed: run python docs/make_gallery.py"


def test_the_dialogs_picture_shows_no_stray_bit_of_the_page_behind_it(fresh: Path) -> None:
    """An "OR" of a divider, then a heading, peeked out from under the dialog in its cut-out margin."""
    picture = Image.open(fresh / "dialog.png").convert("RGB")
    margin = picture.crop((0, 0, picture.width, 10))  # above the dialog: the dimmed, empty page
    assert len(margin.getcolors(64) or ()) == 1

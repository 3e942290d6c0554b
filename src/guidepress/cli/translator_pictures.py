"""`--translator-pictures`: one picture per message that appears on a screen, for translators.

Each picture is the screen as the handout draws it in the source language, with the message's
element outlined (a step's: the controls it marks, with its numbered callouts) and the rest of the
screen calmed (lightened), cropped around it to a readable size. Which messages and which file
names is `l10n/pictures.py`'s business, the very list the extractor writes into the template as
`#. picture: <path>`, so every such comment names a file this writes. The screens are laid out
by `mockup.layout` and painted by `mockup.png`, as the build's PNG screens are.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw

from .. import document as doc
from ..build import document_date
from ..common.write import write_atomic
from ..errors import GuideError, GuideErrors
from ..l10n.pictures import Appearance, appearances
from ..l10n.translate import SOURCE_LOCALE, GuideTranslator
from ..l10n.translator import Translator
from ..mockup.callouts import annotate
from ..mockup.layout import AnnotatedView, ScreenLayout, layout_screen
from ..mockup.png import DEFAULT_SCALE, render_png
from ..mockup.shapes import Box
from ..project import Project
from ..source.loader import load_guide
from ..source.model import Guide

OUTLINE = "#C2185B"  # a magenta none of the mockups uses, so the outline is not taken for the product's
OUTLINE_PX = 4
CALM = 0.62  # how far the rest of the screen is lightened towards white
MARGIN_PX = 110  # context kept around the outlined element
MIN_WIDTH_PX = 560  # never narrower than this (the screen permitting): readable beside a string in Weblate
MIN_HEIGHT_PX = 300


@dataclass
class PicturesReport:
    written: list[Path] = field(default_factory=list)
    errors: list[GuideError] = field(default_factory=list)


def write_translator_pictures(project: Project, guide_paths: list[Path], out_dir: Path) -> PicturesReport:
    """Every guide's pictures under `out_dir` (`translators/<guide>/<screen>/…png`); a guide that does
    not load is an error and the others are still drawn."""
    report = PicturesReport()
    for path in guide_paths:
        try:
            guide = load_guide(path, project.assets_dir)
        except GuideErrors as exc:
            report.errors += exc.errors
            continue
        except GuideError as exc:
            report.errors.append(exc)
            continue
        for relative, png in guide_pictures(guide).items():
            write_atomic(out_dir / relative, png)
            report.written.append(out_dir / relative)
    return report


def guide_pictures(guide: Guide) -> dict[str, bytes]:
    """Each appearance's picture as PNG bytes, by its path under the output folder."""
    when, _created = document_date(guide)
    gt = GuideTranslator(guide, Translator(SOURCE_LOCALE, []), {}, when)
    document = gt.document()
    callouts = {
        step.number: step.view.callouts
        for section in document.sections
        for step in section.steps
        if step.view is not None
    }
    layouts: dict[str, tuple[doc.ScreenSpec, ScreenLayout]] = {}

    def screen(name: str) -> tuple[doc.ScreenSpec, ScreenLayout] | None:
        if name not in layouts:
            spec = gt.screens.screen(name)
            if spec is None:
                return None
            layouts[name] = (spec, layout_screen(spec, SOURCE_LOCALE))
        return layouts[name]

    pictures = {}

    def has_image(image: str) -> bool:  # the source image (the extractor looks for the same file)
        asset = guide.assets.get(image)
        return asset is not None and asset.source is not None

    for appearance in appearances(guide, guide.id, has_image):
        found = screen(appearance.screen)
        if found is None:
            continue
        spec, layout = found
        if appearance.step:
            view = annotate(layout, callouts.get(appearance.step, ()))
            boxes = [b for c in appearance.controls if (b := layout.boxes.get(c) or layout.extents.get(c))]
            badges = [box for _control, badge, note in view.placed for box in (badge, note) if box is not None]
            pictures[appearance.path] = outlined(view, boxes, badges)
            continue
        else:
            view = AnnotatedView(layout, ())
            boxes = label_boxes(spec, layout, appearance)
        pictures[appearance.path] = outlined(view, boxes)
    return pictures


def label_boxes(spec: doc.ScreenSpec, layout: ScreenLayout, appearance: Appearance) -> list[Box]:
    """Where a UI message's text stands: its lines in its element (a wrapped text is several), else the
    element's box."""
    shown = [_words(s) for s, msgid in _sources(spec) if msgid == appearance.msgid] or [_words(appearance.msgid)]
    texts = [t for t in layout.texts if not appearance.element or t.element == appearance.element]
    if not any(t.element == appearance.element for t in layout.texts):
        texts = list(layout.texts)  # a screen's own title, or an element that names its lines otherwise
    lines = [_words(t.text) for t in texts]
    for i in range(len(texts)):  # consecutive lines that together read as the shown text
        joined = ""
        for j in range(i, len(texts)):
            joined = f"{joined} {lines[j]}".strip()
            if joined in shown:
                return [t.box for t in texts[i : j + 1]]
            if not any(s.startswith(joined) for s in shown):
                break
    parts = [t.box for t, line in zip(texts, lines, strict=True) if line and any(line in s for s in shown)]
    if parts:
        return parts
    box = layout.boxes.get(appearance.element) or layout.extents.get(appearance.element)
    return [box] if box is not None else []


def _sources(spec: doc.ScreenSpec) -> list[tuple[str, str]]:
    found = list(spec.sources)
    stack = list(spec.widgets)
    while stack:
        widget = stack.pop()
        found += widget.sources
        stack += widget.items
    return found


def _words(text: str) -> str:
    return " ".join(text.split())


def outlined(
    view: AnnotatedView, boxes: Sequence[Box], bright: Sequence[Box] = (), scale: float = DEFAULT_SCALE
) -> bytes:
    """The screen calmed but for the boxes, which are outlined, and `bright` (a step's callouts), cropped
    around them."""
    image = Image.open(io.BytesIO(render_png(view, scale))).convert("RGB")
    original = image.copy()
    if not boxes:
        boxes = [Box(0, 0, view.width, view.height)]
    x0 = min(b.x for b in boxes) * scale - OUTLINE_PX * 2
    y0 = min(b.y for b in boxes) * scale - OUTLINE_PX * 2
    x1 = max(b.x + b.w for b in boxes) * scale + OUTLINE_PX * 2
    y1 = max(b.y + b.h for b in boxes) * scale + OUTLINE_PX * 2
    area = _pixels(max(0, x0), max(0, y0), min(image.width, x1), min(image.height, y1))
    keep = image.crop(area)
    image = Image.blend(image, Image.new("RGB", image.size, "white"), CALM)
    for box in bright:
        part = _pixels(box.x * scale, box.y * scale, (box.x + box.w) * scale, (box.y + box.h) * scale)
        image.paste(original.crop(part), part[:2])
    image.paste(keep, area[:2])
    ImageDraw.Draw(image).rectangle(area, outline=OUTLINE, width=OUTLINE_PX)
    left, top, right, bottom = _crop(area, image.size)
    image = image.crop((left, top, right, bottom))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def _pixels(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
    """A box in points at a scale, as whole pixels."""
    return round(x0), round(y0), round(x1), round(y1)


def _crop(area: tuple[int, ...], size: tuple[int, int]) -> tuple[int, int, int, int]:
    """The outlined area with a margin, at least MIN_WIDTH_PX × MIN_HEIGHT_PX, inside the picture."""
    x0, y0, x1, y1 = area
    width = min(size[0], max(x1 - x0 + 2 * MARGIN_PX, MIN_WIDTH_PX))
    height = min(size[1], max(y1 - y0 + 2 * MARGIN_PX, MIN_HEIGHT_PX))
    left = min(max(0, (x0 + x1) // 2 - width // 2), size[0] - width)
    top = min(max(0, (y0 + y1) // 2 - height // 2), size[1] - height)
    return left, top, left + width, top + height

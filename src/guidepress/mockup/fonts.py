"""The handout's typeface: Noto Sans from the package's resources/fonts, registered with reportlab once.

Noto Sans covers Norwegian and Northern Sami (æ ø å, á č đ ŋ š ŧ ž). reportlab embeds
only the glyphs a document uses (subsetting); Pillow draws PNGs from the same files.
Text widths for layout come from the same metrics, so PDF and PNG agree.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..common.resources import resource_path

FAMILY = "NotoSans"
FILES = {
    "regular": "NotoSans-Regular.ttf",
    "bold": "NotoSans-Bold.ttf",
    "italic": "NotoSans-Italic.ttf",
}
NAMES = {style: f"{FAMILY}-{style.capitalize()}" for style in FILES}


def font_path(style: str) -> Path:
    return resource_path("fonts", FILES[style])


@cache
def register_fonts() -> dict[str, str]:
    """Register the family with reportlab (once per process); returns style → font name."""
    for style, name in NAMES.items():
        pdfmetrics.registerFont(TTFont(name, str(font_path(style))))
    pdfmetrics.registerFontFamily(
        FAMILY, normal=NAMES["regular"], bold=NAMES["bold"], italic=NAMES["italic"], boldItalic=NAMES["bold"]
    )
    return dict(NAMES)


def text_width(text: str, style: str, size: float) -> float:
    register_fonts()
    return pdfmetrics.stringWidth(text, NAMES[style], size)


def wrap_lines(text: str, style: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; a word longer than the width is broken between characters."""
    register_fonts()
    lines: list[str] = []
    for line in simpleSplit(text, NAMES[style], size, width) or [""]:
        if len(line) > 1 and text_width(line, style, size) > width:
            lines += _cut(line, NAMES[style], size, width)
        else:
            lines.append(line)
    return lines


def _cut(line: str, name: str, size: float, width: float) -> list[str]:
    """A line too wide for `width` cut between characters, greedily, each character measured
    once (a 100,000-character word took seconds when the rest was measured again per cut)."""
    advance: dict[str, float] = {}
    pieces: list[str] = []
    start, used = 0, 0.0
    for i, char in enumerate(line):
        w = advance.get(char)
        if w is None:
            w = advance[char] = pdfmetrics.stringWidth(char, name, size)
        if used + w > width + 1e-9 and i > start:
            pieces.append(line[start:i])
            start, used = i, 0.0
        used += w
    pieces.append(line[start:])
    return pieces


def fit_prefix(text: str, style: str, size: float, width: float) -> int:
    """How many characters from the start of `text` fit in `width` (glyph advances add up: no
    kerning, as reportlab sets text). One measurement per character, so a text of any length
    is cut in linear time, never measured again for each character it loses."""
    register_fonts()
    name = NAMES[style]
    used = 0.0
    for count, char in enumerate(text):
        used += pdfmetrics.stringWidth(char, name, size)
        if used > width + 1e-9:
            return count
    return len(text)

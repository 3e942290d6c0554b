"""Reading handouts as a user would: text, fonts, metadata and outline through pypdf."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader


def pdf_text(path: Path) -> str:
    """All the text of a PDF, with line breaks and runs of spaces folded to one space."""
    reader = PdfReader(path)
    return " ".join(re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages)


def fonts(path: Path) -> dict[str, bool]:
    """Font name → embedded, for every font any page uses."""
    found: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            name = str(font["/BaseFont"])
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[name] = embedded
    return found


def outline_titles(path: Path) -> list[str]:
    def walk(items):  # type: ignore[no-untyped-def]
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item.title

    return list(walk(PdfReader(path).outline))

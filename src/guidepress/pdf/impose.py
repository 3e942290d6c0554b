"""Booklet imposition: the handout's pages, two to a sheet side, in the order that folds.

For n pages (blank pages added at the end to reach a multiple of four), sheet k carries
on its front the pages n-2k and 2k+1 and on its back 2k+2 and n-2k-1 (numbered from 1).
Printed duplex, flipping on the short edge, the stack folds in the middle into a booklet.
Works on finished PDF bytes with pypdf: nothing here knows the guide or the layout.
"""

from __future__ import annotations

import io
from typing import cast

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import DictionaryObject, NameObject


def booklet_order(pages: int) -> list[tuple[int | None, int | None]]:
    """The (left, right) page numbers of each sheet side, front then back; None is a blank."""
    total = -(-pages // 4) * 4

    def page(number: int) -> int | None:
        return number if number <= pages else None

    sides = []
    for k in range(total // 4):
        sides.append((page(total - 2 * k), page(2 * k + 1)))
        sides.append((page(2 * k + 2), page(total - 2 * k - 1)))
    return sides


def impose_booklet(pdf: bytes, sheet: tuple[float, float]) -> bytes:
    """Two pages side by side on each landscape sheet, in booklet order; metadata kept."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    width, height = sheet
    for left, right in booklet_order(len(reader.pages)):
        side = PageObject.create_blank_page(width=width, height=height)
        for slot, number in enumerate((left, right)):
            if number is not None:
                page = reader.pages[number - 1]
                # Both pages meet at the fold, in the middle of the sheet.
                x = width / 2 - float(page.mediabox.width) if slot == 0 else width / 2
                side.merge_transformed_page(page, Transformation().translate(x, 0))
        writer.add_page(side).compress_content_streams()
    if reader.metadata:
        writer.add_metadata({k: v for k, v in reader.metadata.items()})
    catalog = cast(DictionaryObject, reader.trailer["/Root"])  # a PDF's /Root is its catalog dictionary
    lang = catalog.get("/Lang")
    if lang is not None:
        writer._root_object[NameObject("/Lang")] = lang
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

"""Stage 3, the mockups: a translated screen laid out once in points (`layout.py` with its
`frames.py`, `widgets/`, `text.py`, `icons.py` and `images.py`, which reads an SVG through
`untrusted_svg.py`'s guards around svglib; `callouts.py` adds the steps' callouts), then
only painted: `pdf.py` onto a reportlab canvas, `png.py` with Pillow.
The primitives both paint are in `shapes.py`. Reads the `Document`'s screens; knows nothing
of YAML or catalogs.
"""

"""Stage 3, the mockups: a translated screen laid out once in points (`layout.py`, `shapes.py`),
then only painted: `pdf.py` onto a reportlab canvas, `png.py` with Pillow. Reads the
`Document`'s screens; knows nothing of YAML or catalogs.
"""

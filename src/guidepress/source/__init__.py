"""Stage 1, the source: a guide's YAML loaded, checked and turned into the frozen model.

`located.py` composes YAML with node marks, `model.py` holds the guide's dataclasses (which
are also its schema), `schema.py` converts nodes into them and writes the JSON Schema,
`loader.py` loads one guide and checks its references, and `messages.py` finds every
translatable text in it. Imports nothing of guidepress but `errors`; nothing here knows a
catalog, a layout or a PDF.
"""

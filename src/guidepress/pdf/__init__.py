"""Stage 4, the PDF: a translated `Document` and its laid-out mockups → the handout's bytes.

`render.py` builds the platypus story, `flowables.py` and `pages.py` hold what it places
and the pages around it, `paper.py` turns the output choices into page geometry,
`hyphenation.py` breaks words for the reader's language and `impose.py` imposes a booklet.
Reads the `Document` and the mockups; knows nothing of YAML or catalogs.
"""

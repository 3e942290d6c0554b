"""Stage 2, localisation: a guide and a locale's catalogs → the translated `Document`.

`catalogs.py` reads PO files with Babel, `translator.py` chains a locale's catalogs with
their fallbacks, `translate.py` makes the Document, `words.py` holds the handout's own
words, and `pseudo.py` makes the pseudo-locale. For translators and their tools:
`extract.py` (the Babel extractor for guide YAML), `status.py` (`--status`) and
`checks.py` (the per-entry checks of `--strict`). Reads the source model; knows nothing of
layout or rendering.
"""

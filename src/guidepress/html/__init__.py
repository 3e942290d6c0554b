"""The HTML edition: the translated Document and its laid-out screens as one accessible, self-contained web page.

Stage 4 beside `pdf/`: it reads the `Document` and the `AnnotatedView`s (painted by
`mockup/svg.py`) and nothing upstream of them. `page.py` writes the page; `page.css` is its
style sheet, inlined. Imported only when a build asks for HTML.
"""

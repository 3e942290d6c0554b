"""The small modules every stage shares: the frozen record, atomic writes, the disk cache, the
package's own files (fonts, words, ICC profile) and a PDF's print choices (`Output`)."""

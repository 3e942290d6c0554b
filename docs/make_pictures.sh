#!/usr/bin/env bash
# Pictures of each output profile for the README (needs pdftoppm from poppler-utils), and the
# widget gallery's pictures for docs/guide-format.md (docs/make_gallery.py, made by the build).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
python make_pdf.py --out "$out" --locale en --no-png >/dev/null
python make_pdf.py --out "$out" --locale en --no-png --profile ticket >/dev/null
python make_pdf.py --out "$out" --locale nb --no-png --booklet >/dev/null
python make_pdf.py --out "$out" --locale nb --no-png --bleed >/dev/null
shot() {  # pdf page name
  pdftoppm -r 40 -f "$2" -l "$2" -png -singlefile "$1" "$out/shot"
  python -c "from PIL import Image; Image.open('$out/shot.png').quantize(64).save('docs/img/$3.png', optimize=True)"
}
shot "$out/en/bankid-visma-connect.pdf" 1 print-a4
shot "$out/en/bankid-visma-connect.ticket.pdf" 5 ticket
shot "$out/nb/bankid-visma-connect.booklet.pdf" 3 booklet-sheet
shot "$out/nb/bankid-visma-connect.bleed.pdf" 1 bleed
rm -rf "$out"
python docs/make_gallery.py

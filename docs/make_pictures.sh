#!/usr/bin/env bash
# Pictures of each output profile, of a pack and of the HTML edition for the README (needs
# pdftoppm from poppler-utils, and for the HTML edition Playwright and Debian's chromium, as the
# browser tests), and the widget gallery's pictures for docs/guide-format.md (docs/make_gallery.py,
# made by the build).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
python make_pdf.py --out "$out" --locale en --no-png >/dev/null
python make_pdf.py --out "$out/web" --no-png --html >/dev/null  # every locale: the pages link to each other
python make_pdf.py --out "$out" --locale en --no-png --profile ticket >/dev/null
python make_pdf.py --out "$out" --locale nb --no-png --booklet >/dev/null
python make_pdf.py --out "$out" --locale nb --no-png --bleed >/dev/null
python make_pdf.py --out "$out" --locale nb --no-png --tenants examples/tenants.csv --tenant fjordvik -q 2>/dev/null
shot() {  # pdf page name
  pdftoppm -r 40 -f "$2" -l "$2" -png -singlefile "$1" "$out/shot"
  python -c "from PIL import Image; Image.open('$out/shot.png').quantize(64).save('docs/img/$3.png', optimize=True)"
}
shot "$out/en/bankid-visma-connect.pdf" 1 print-a4
shot "$out/en/bankid-visma-connect.ticket.pdf" 5 ticket
shot "$out/nb/bankid-visma-connect.booklet.pdf" 3 booklet-sheet
shot "$out/nb/bankid-visma-connect.bleed.pdf" 1 bleed
shot "$out/fjordvik/nb/onboarding.pdf" 1 pack-cover
shot "$out/fjordvik/nb/onboarding.pdf" 3 pack-contents
shot "$out/fjordvik/nb/onboarding.pdf" 6 pack-guide
python docs/html_pictures.py "$out/web/en/bankid-visma-connect.html" docs/img
rm -rf "$out"
python docs/make_gallery.py

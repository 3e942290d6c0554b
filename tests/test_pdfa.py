"""PDF/A-2a: every kind of PDF guidepress writes, read as an archive's validator reads it.

Apache PDFBox Preflight (Debian's libpdfbox2-java) validates PDF/A-1b: for our PDF/A-2 files the one
finding allowed is that the XMP's part is not 1. Our own checks (tests/pdfacheck.py, pypdf and
poppler) read the XMP, the output intent, the streams' ends, the annotations and the pages; each
is shown failing on a planted defect. The workarounds they check live in pdf/pdfa.py; the tests at
the end fail when a reportlab release changes what the workarounds rely on.

Without java or the PDFBox jars the Preflight tests are skipped with the reason; with
GUIDEPRESS_PDFA_TESTS=required (as CI sets it) they fail instead.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import reportlab
from pypdf import PdfReader
from pypdf.generic import NameObject, NumberObject

from conftest import GUIDE, ROOT
from guidepress.cli.main import main
from guidepress.pdf import pdfa
from pdfacheck import (
    NS,
    PART_NOT_1,
    annotation_problems,
    output_intent_problems,
    page_problems,
    preflight,
    preflight_missing,
    preflight_problems,
    stream_eol_problems,
    unembedded_fonts,
    xmp_problems,
)

EPOCH = "1700000000"  # 2023-11-14 22:13:20 UTC

# What a user gets, one of each kind: name → (arguments, the file it writes under --out)
KINDS = {
    "handout": ([str(GUIDE), "--locale", "nb"], "nb/bankid-visma-connect.pdf"),
    "ticket": ([str(GUIDE), "--locale", "nb", "--profile", "ticket"], "nb/bankid-visma-connect.ticket.pdf"),
    "letter-bleed": (
        [str(GUIDE), "--locale", "en", "--paper", "letter", "--bleed"],
        "en/bankid-visma-connect.letter.bleed.pdf",
    ),
    "pack": (["--pack", "onboarding", "--locale", "nb"], "nb/onboarding.pdf"),
    "ticket-pack": (["--pack", "onboarding", "--locale", "en", "--profile", "ticket"], "en/onboarding.ticket.pdf"),
    "tenant-png-logo": (
        [str(GUIDE), "--tenants", str(ROOT / "examples" / "tenants.csv"), "--tenant", "lyngbo", "--locale", "nb"],
        "lyngbo/nb/bankid-visma-connect.pdf",
    ),
    "tenant-svg-logo": (
        [str(GUIDE), "--tenants", str(ROOT / "examples" / "tenants.csv"), "--tenant", "fjordvik", "--locale", "nn"],
        "fjordvik/nn/bankid-visma-connect.pdf",
    ),
    "markup-in-values": (  # XML's and PDF strings' special characters in the author (Info and XMP)
        [str(GUIDE), "--locale", "en", "--var", 'organisation=Fjord & Co <"AS"> (\\)'],
        "vars-*/en/bankid-visma-connect.pdf",
    ),
    "person-pack": (
        ["--pack", "onboarding", "--people", str(ROOT / "examples" / "new-employees.csv"), "--locale", "nb"],
        "nb/onboarding/E1042.pdf",
    ),
}


def _build(out: Path, arguments: list[str]) -> None:
    with pytest.MonkeyPatch.context() as m:
        m.setenv("SOURCE_DATE_EPOCH", EPOCH)
        assert main(["--root", str(ROOT), "--out", str(out), "--no-png", "--quiet", *arguments]) == 0


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdfa")
    for arguments, _ in KINDS.values():
        _build(out, arguments)
    found = {}
    for name, (_, pattern) in KINDS.items():
        (found[name],) = out.glob(pattern)
    return found


@pytest.fixture(scope="session")
def java_preflight() -> None:
    missing = preflight_missing()
    if missing:
        if os.environ.get("GUIDEPRESS_PDFA_TESTS") == "required":
            pytest.fail(f"PDFBox Preflight is required here, but: {missing}")
        pytest.skip(missing)


# -- Preflight -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_preflight_finds_nothing_but_the_pdfa_part(outputs: dict[str, Path], java_preflight: None, kind: str) -> None:
    assert preflight(outputs[kind]) == [PART_NOT_1]


def _planted(source: Path, target: Path, old: bytes, new: bytes, count: int = 1) -> Path:
    """A copy of `source` with `old` replaced by `new` (as long: every offset in the file still holds)."""
    assert len(old) == len(new)
    data = source.read_bytes()
    assert data.count(old) >= count, old
    target.write_bytes(data.replace(old, new, count))
    return target


def test_preflight_catches_planted_defects(outputs: dict[str, Path], java_preflight: None, tmp_path: Path) -> None:
    handout = outputs["handout"]
    no_intent = _planted(handout, tmp_path / "intent.pdf", b"/OutputIntents", b"/OutputIntentz")
    assert any("Invalid Color space" in p or "OutputIntent" in p for p in preflight_problems(no_intent))
    no_eol = _planted(handout, tmp_path / "eol.pdf", b"\nendstream\n", b"endstream\n\n")
    assert any("Expected 'EOL' before the endstream" in p for p in preflight_problems(no_eol))
    hidden = _planted(handout, tmp_path / "flags.pdf", b"/F 4", b"/F 0")
    assert any("Flags of Link annotation are invalid" in p for p in preflight_problems(hidden))
    title = b"Koble BankID til Visma-kontoen din"
    mismatch = _planted(handout, tmp_path / "xmp.pdf", b">" + title + b"<", b">" + title.upper() + b"<")
    assert any("Title" in p for p in preflight_problems(mismatch))
    ticket = outputs["ticket"]
    both = _planted(ticket, tmp_path / "appearance.pdf", b"/N <<", b"/D <<", count=8)  # the D appearance only
    assert any("Only the N Appearance" in p for p in preflight_problems(both))


# -- our own checks, through pypdf and poppler ---------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_xmp_output_intent_streams_annotations_pages_fonts(outputs: dict[str, Path], kind: str) -> None:
    path = outputs[kind]
    reader = PdfReader(path)
    assert xmp_problems(reader) == []
    assert output_intent_problems(reader) == []
    assert stream_eol_problems(path.read_bytes()) == []
    assert annotation_problems(reader) == []
    assert page_problems(reader) == []
    assert unembedded_fonts(path) == []


def test_the_xmp_claims_pdfa_2a_and_pdfua_1_in_the_handouts_language(outputs: dict[str, Path]) -> None:
    """Read by pypdf and by poppler (pdfinfo -meta prints the XMP as a viewer finds it)."""
    xmp = PdfReader(outputs["handout"]).xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": "Koble BankID til Visma-kontoen din"}
    assert xmp.dc_language == ["nb"]
    assert xmp.xmp_create_date == xmp.xmp_modify_date == dt.datetime(2023, 11, 14, 22, 13, 20)
    info = subprocess.run(["pdfinfo", str(outputs["ticket"])], capture_output=True, text=True, check=True).stdout
    assert "Metadata Stream: yes" in info and "Form:            AcroForm" in info
    meta = subprocess.run(["pdfinfo", "-meta", str(outputs["ticket"])], capture_output=True, text=True, check=True)
    root = ET.fromstring(meta.stdout.strip())
    said = {name: _xmp_values(root, name) for name in ("pdfaid:part", "pdfaid:conformance", "pdfuaid:part")}
    assert said == {"pdfaid:part": ["2"], "pdfaid:conformance": ["A"], "pdfuaid:part": ["1"]}


def _xmp_values(root: ET.Element, name: str) -> list[str | None]:
    """A simple XMP property, written as an element or as an attribute of its rdf:Description."""
    prefix, local = name.split(":")
    attribute = f"{{{NS[prefix]}}}{local}"
    found = [e.text for e in root.iterfind(f".//{name}", NS)]
    return found + [d.get(attribute) for d in root.iterfind(".//rdf:Description", NS) if attribute in d.attrib]


def test_every_link_says_where_it_goes(outputs: dict[str, Path]) -> None:
    contents = [
        str(a.get_object()["/Contents"])
        for page in PdfReader(outputs["pack"]).pages
        for a in page.get("/Annots", []) or []
        if a.get_object()["/Subtype"] == "/Link"
    ]
    assert "Koble BankID til Visma-kontoen din" in contents  # a contents entry: the guide it leads to
    assert "https://community.visma.com/t5/Visma-Connect/BankID-tilkobling" in contents  # the QR code, a link
    assert all(contents), contents


def test_the_ticket_forms_checkboxes_name_their_own_pages(outputs: dict[str, Path]) -> None:
    reader = PdfReader(outputs["ticket"])
    pages = {}
    for number, page in enumerate(reader.pages, start=1):
        for a in page.get("/Annots", []) or []:
            a = a.get_object()
            if a["/Subtype"] == "/Widget":
                pages[str(a["/T"])] = (number, reader.get_page_number(a["/P"].get_object()) + 1)
    assert len(pages) == 8 and {shown for shown, _ in pages.values()} != {1}
    assert all(shown == named for shown, named in pages.values()), pages


def test_our_checks_catch_planted_defects(outputs: dict[str, Path]) -> None:
    ticket = outputs["ticket"]
    data = ticket.read_bytes()

    reader = PdfReader(io.BytesIO(data))
    del reader.trailer["/Root"][NameObject("/OutputIntents")]
    assert output_intent_problems(reader) == ["no /OutputIntents on the catalog"]

    reader = PdfReader(io.BytesIO(data))
    intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    intent["/DestOutputProfile"].get_object()[NameObject("/N")] = NumberObject(4)
    assert output_intent_problems(reader) == ["the profile's /N is 4, not 3"]

    title = b"Koble BankID til Visma-kontoen din"
    reader = PdfReader(io.BytesIO(data.replace(b">" + title + b"<", b">" + title.upper() + b"<", 1)))
    assert [p.split(" is ")[0] for p in xmp_problems(reader)] == ["XMP dc:title"]
    reader = PdfReader(io.BytesIO(data.replace(b'pdfuaid:part="1"', b'pdfuaid:part="2"', 1)))
    assert [p.split(" is ")[0] for p in xmp_problems(reader)] == ["XMP pdfuaid:part"]

    assert len(stream_eol_problems(data.replace(b"\nendstream\n", b"endstream\n\n", 1))) == 1
    assert len(stream_eol_problems(data.replace(b"\nendstream\n", b"\n\nendstream", 1))) == 1

    reader = PdfReader(io.BytesIO(data))
    widgets = [a.get_object() for page in reader.pages for a in page.get("/Annots", []) or []]
    link = next(a for a in widgets if a["/Subtype"] == "/Link")
    link[NameObject("/F")] = NumberObject(0)
    box = next(a for a in widgets if a["/Subtype"] == "/Widget")
    box[NameObject("/P")] = reader.pages[0].indirect_reference
    link2 = [a for a in widgets if a["/Subtype"] == "/Link"][1]
    del link2["/Contents"]
    problems = annotation_problems(reader)
    assert len(problems) == 3, problems
    assert any("flags 0" in p for p in problems) and any("/P is not its page" in p for p in problems)

    reader = PdfReader(io.BytesIO(data))
    reader.pages[1][NameObject("/Trans")] = reader.pages[1]["/Resources"].__class__()
    assert page_problems(reader) == ["page 2: /Trans"]


def test_the_unembedded_font_check_sees_reportlabs_helvetica(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(tmp_path / "helvetica.pdf"))
    canvas.drawString(72, 72, "Helvetica, not embedded")
    canvas.save()
    assert unembedded_fonts(tmp_path / "helvetica.pdf") == ["Helvetica"]


def test_a_png_logos_transparency_is_laid_on_white(outputs: dict[str, Path]) -> None:
    """lyngbo.png has an alpha channel; PDF/A-1 readers refuse soft masks, so none is embedded."""
    from PIL import Image

    assert "A" in Image.open(ROOT / "assets" / "logos" / "lyngbo.png").getbands()
    reader = PdfReader(outputs["tenant-png-logo"])
    images = [x.get_object() for x in reader.pages[0]["/Resources"]["/XObject"].values()]
    assert images and not any("/SMask" in x for x in images)


# -- reproducible ---------------------------------------------------------------------------------


def test_two_builds_are_byte_identical_and_the_id_is_the_files_own(outputs: dict[str, Path], tmp_path: Path) -> None:
    for kind in ("handout", "ticket", "person-pack"):
        arguments, path = KINDS[kind]
        _build(tmp_path / kind, arguments)
        assert (tmp_path / kind / path).read_bytes() == outputs[kind].read_bytes(), kind
    assert PdfReader(outputs["markup-in-values"]).metadata["/Author"] == 'Fjord & Co <"AS"> (\\)'
    ids = {kind: PdfReader(outputs[kind]).trailer["/ID"][0] for kind in KINDS}
    assert len(set(ids.values())) == len(ids)  # reportlab's hashed the title and date: print and ticket shared one
    info = PdfReader(outputs["handout"]).metadata
    assert info is not None and info["/CreationDate"] == info["/ModDate"] == "D:20231114221320+00'00'"


# -- the reportlab internals the workarounds rely on ----------------------------------------------


def test_reportlab_is_a_version_the_workarounds_were_tested_with() -> None:
    assert ".".join(reportlab.Version.split(".")[:2]) in pdfa.TESTED_REPORTLAB, (
        f"reportlab {reportlab.Version}: check pdf/pdfa.py's workarounds (tests/test_pdfa.py) and TESTED_REPORTLAB"
    )


def test_reportlab_still_needs_and_allows_each_workaround(tmp_path: Path) -> None:
    """Each fact about reportlab that pdfa.py works around or relies on: when one changes, this says which."""
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfgen.canvas import Canvas

    document = pdfdoc.PDFDocument()
    plain = pdfa._stream_format(pdfdoc.PDFStream(content=b"x"), document)
    assert plain.endswith(b"xendstream\n"), "reportlab writes an EOL before endstream now: drop the workaround"
    assert "OutputIntents" not in pdfdoc.PDFCatalog.__NoDefault__, "the catalog writes OutputIntents itself now"
    assert "Metadata" in pdfdoc.PDFCatalog.__NoDefault__

    canvas = Canvas(str(tmp_path / "form.pdf"))
    canvas.showPage()  # the box goes on page 2
    canvas.acroForm.checkbox(name="box", x=72, y=72)
    canvas.linkURL("https://example.com/", (0, 0, 10, 10))
    canvas.linkRect("", "there", (0, 0, 10, 10))
    canvas.bookmarkPage("there")
    canvas.addOutlineEntry("There", "there")
    annotations = [document for document in canvas._doc.idToObject.values() if _is_annotation(document)]
    box = next(a for a in annotations if isinstance(a, pdfdoc.PDFDictionary) and "AP" in a.dict)
    assert sorted(box.dict["AP"].dict) == ["D", "N", "R"], "checkboxes come with other appearances than D and R"
    # /P is the page the document would make next: the numbered canvas makes its pages only in save(),
    # so every box of a handout named the first page
    assert box.dict["P"].name == "Page2", "a checkbox finds its /P another way now: check pdfa._mend_dictionary"
    assert canvas._doc.outline.destinationnamestotitles == {"there": "There"}
    canvas.showPage()
    pdfa.conform(canvas)
    canvas.save()
    reader = PdfReader(tmp_path / "form.pdf")
    assert annotation_problems(reader) == [] and page_problems(reader) == []
    assert stream_eol_problems((tmp_path / "form.pdf").read_bytes()) == []


def _is_annotation(obj: object) -> bool:
    from reportlab.pdfbase import pdfdoc

    if isinstance(obj, pdfdoc.LinkAnnotation):
        return True
    return isinstance(obj, pdfdoc.PDFDictionary) and str(obj.dict.get("Type", "")) == "/Annot"


def test_a_booklet_claims_no_conformance(tmp_path: Path) -> None:
    """The booklet's sheets are imposed by pypdf (pdf/impose.py) and are not PDF/A (the README says so):
    they carry no XMP that would claim it, only the Info and language of the handout."""
    _build(tmp_path, [str(GUIDE), "--locale", "nb", "--booklet"])
    (booklet,) = tmp_path.rglob("*.pdf")
    reader = PdfReader(booklet)
    assert "/Metadata" not in reader.trailer["/Root"] and "/OutputIntents" not in reader.trailer["/Root"]
    assert reader.metadata is not None and reader.metadata["/Title"] == "Koble BankID til Visma-kontoen din"


def test_translucent_logos_are_drawn_opaque_mixed_with_white(
    scratch: Path, java_preflight: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An SVG logo with fill-opacity, stroke-opacity and an rgba colour, and a PNG whose alpha is
    half: no ExtGState alpha and no soft mask reach the PDF, and the colours are those on white."""
    from PIL import Image

    logos = scratch / "assets" / "logos"
    (logos / "glass.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
        '<rect width="60" height="40" fill="#0000ff" fill-opacity="0.5" stroke="#ff0000" stroke-opacity="0.25"/>'
        '<rect x="60" width="60" height="40" fill="rgba(0, 128, 0, 0.5)"/></svg>',
        encoding="utf-8",
    )
    Image.new("RGBA", (40, 20), (0, 0, 0, 128)).save(logos / "glass.png")
    (scratch / "tenants.csv").write_text(
        "id,organisation,logo\nsvg,Glass AS,logos/glass.svg\npng,Glass AS,logos/glass.png\n", encoding="utf-8"
    )
    monkeypatch.chdir(scratch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert main(["--tenants", "tenants.csv", "--locale", "en", "--no-png", "--quiet"]) == 0
    for tenant in ("svg", "png"):
        path = scratch / "build" / tenant / "en" / "bankid-visma-connect.pdf"
        assert page_problems(PdfReader(path)) == [], tenant
        assert preflight(path) == [PART_NOT_1], tenant
    svg = PdfReader(scratch / "build" / "svg" / "en" / "bankid-visma-connect.pdf").pages[0]
    content = svg.get_contents().get_data()
    assert b"/gs" not in content.lower()  # no graphics state of alpha set
    for mixed in (b".5 .5 1 rg", b"1 .75 .75 RG", b".5 .75098 .5 rg"):  # blue, red, green on white
        assert mixed in content, mixed
    png = PdfReader(scratch / "build" / "png" / "en" / "bankid-visma-connect.pdf").pages[0]
    (logo,) = [x.get_object() for x in png["/Resources"]["/XObject"].values() if x.get_object()["/Width"] == 40]
    assert "/SMask" not in logo and {logo.decode_as_image().getpixel((x, y)) for x in range(40) for y in range(20)} == {
        (127, 127, 127)
    }


def test_a_link_made_as_a_plain_dictionary_says_where_it_goes(tmp_path: Path) -> None:
    """A link to a heading made as a dictionary (as a tagging hook may make one), not by linkRect."""
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(tmp_path / "link.pdf"))
    canvas.bookmarkPage("there")
    canvas.addOutlineEntry("There", "there")
    link = {"Type": pdfdoc.PDFName("Annot"), "Subtype": pdfdoc.PDFName("Link"), "Rect": pdfdoc.PDFArray([0, 0, 9, 9])}
    canvas._addAnnotation(pdfdoc.PDFDictionary({**link, "Dest": canvas._bookmarkReference("there")}))
    canvas.showPage()
    pdfa.conform(canvas)
    canvas.save()
    reader = PdfReader(tmp_path / "link.pdf")
    assert annotation_problems(reader) == []
    assert reader.pages[0]["/Annots"][0].get_object()["/Contents"] == "There"

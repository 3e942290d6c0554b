"""Every PDF guidepress writes is a tagged PDF (PDF/UA-1 structure), read as assistive technology reads it.

poppler's `pdfinfo` says whether a file is tagged and reads its structure tree as text
(`-struct-text`); pypdf reads the tree and every content stream (`pdfstruct.py`), which must
leave no painting or text operator outside tagged content or an artifact. The checker is
shown to fail on an untagged shape and on a broken tag planted in a good file.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, StreamObject

from conftest import ROOT
from guidepress.pdf import tagging
from pdfstruct import problems, structure

pytestmark = pytest.mark.skipif(
    shutil.which("pdfinfo") is None and os.environ.get("GUIDEPRESS_PDF_TOOLS") != "required",
    reason="poppler-utils (pdfinfo) is not installed (GUIDEPRESS_PDF_TOOLS=required makes this a failure)",
)
# pdf.js from npm (pdfjs-dist), in the node_modules of the folder GUIDEPRESS_PDFJS names (.ci/run installs it)
PDFJS = Path(os.environ.get("GUIDEPRESS_PDFJS", ROOT / ".ci" / "pdfjs")) / "node_modules"

GUIDE = ROOT / "guide_src" / "bankid-visma-connect.yaml"


def make_pdf(out: Path, *args: str, cwd: Path = ROOT) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "make_pdf.py"), "--no-png", "--out", str(out), "-j", "1", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The BankID handout (print, with its HTML edition) in nb, nn and en, its ticket form, the
    onboarding pack, a Letter and a --bleed build."""
    out = tmp_path_factory.mktemp("tagged")
    make_pdf(out, "--html", "--pack", "onboarding")
    make_pdf(out, str(GUIDE), "--locale", "nb", "--profile", "ticket")
    make_pdf(out, str(GUIDE), "--locale", "en", "--paper", "letter")
    make_pdf(out, str(GUIDE), "--locale", "nn", "--bleed")
    # a tenant's handouts (one with a logo) and a person's pack
    make_pdf(out, "--tenants", "examples/tenants.csv", str(GUIDE))
    make_pdf(out, "--people", "examples/new-employees.csv", "--tenants", "examples/tenants.csv", "--tenant", "fjordvik")
    return out


def pdfinfo(*args: str) -> str:
    return subprocess.run(["pdfinfo", *args], capture_output=True, text=True, check=True).stdout


TAGGED = [
    "nb/bankid-visma-connect.pdf",
    "nb/bankid-visma-connect.ticket.pdf",
    "nb/onboarding.pdf",
    "en/bankid-visma-connect.letter.pdf",
    "nn/bankid-visma-connect.bleed.pdf",
    "en/two-step-verification.pdf",
    "nn/register-absence.pdf",
    "fjordvik/nb/bankid-visma-connect.pdf",
    "lyngbo/nb/bankid-visma-connect.pdf",
    "northwind/en/bankid-visma-connect.ticket.letter.pdf",
    "fjordvik/nb/onboarding/E1042.pdf",
]


@pytest.mark.parametrize("name", TAGGED)
def test_pdfinfo_says_tagged_and_nothing_painted_is_left_untagged(outputs: Path, name: str) -> None:
    path = outputs / name
    assert re.search(r"^Tagged:\s+yes$", pdfinfo(str(path)), re.M)
    assert problems(path) == []


def _struct_text(path: Path) -> str:
    return pdfinfo("-struct-text", str(path))


@pytest.mark.parametrize("locale", ["nb", "nn", "en"])
def test_a_screen_reader_reads_the_steps_in_order_and_each_figure_by_the_html_editions_words(
    outputs: Path, locale: str
) -> None:
    path = outputs / locale / "bankid-visma-connect.pdf"
    text = _struct_text(path)
    # the step numbers, as list labels, in order 1 … 17
    labels = [int(n) for n in re.findall(r'Lbl \(block\)\n\s+"(\d+)"', text)]
    assert labels == list(range(1, 18))
    # the running header and footer are not read
    assert not re.search(r"(Side|Page) 1 (av|of)", text)
    # the figures: their Alt is the text alternative of the HTML edition, in the handout's language
    page = (outputs / locale / "bankid-visma-connect.html").read_text(encoding="utf-8")
    described = [html.unescape(t) for t in re.findall(r'<title id="step-\d+-screen">(.*?)</title>', page)]
    root = structure(path)
    assert root is not None
    figures = [e for e in root.walk() if e.role == "Figure"]
    alts = [str(f.attributes.get("/Alt", "")) for f in figures]
    screens = [a for a in alts if a.startswith(("Skjermbilete", "Skjermbilde", "Screen"))]
    assert screens == described and len(screens) == 9
    first = {"nb": "Skjermbilde:", "nn": "Skjermbilete:", "en": "Screen:"}[locale]
    assert all(a.startswith(first) for a in screens), screens
    assert all("/BBox" in f.attributes["/A"] for f in figures)
    # the QR code says where it leads
    url = "https://community.visma.com/t5/Visma-Connect/BankID-tilkobling"
    assert any(a.endswith(url) for a in alts)


def test_pdfjs_reads_the_structure_tree(outputs: Path) -> None:
    """Firefox's PDF viewer reads the same tree: the Document, the steps' list items with their
    labels, each Figure with its Alt, and every piece of marked content in a page's text."""
    if shutil.which("node") is None or not (PDFJS / "pdfjs-dist").is_dir():
        if os.environ.get("GUIDEPRESS_PDF_TOOLS") == "required":
            pytest.fail(f"node or pdfjs-dist is missing ({PDFJS})")
        pytest.skip(f"node or pdfjs-dist is missing ({PDFJS}; `npm install pdfjs-dist@4` there)")
    path = outputs / "nb" / "bankid-visma-connect.pdf"
    done = subprocess.run(
        ["node", str(ROOT / "tests" / "pdfjs_struct.mjs"), str(path)],
        capture_output=True,
        text=True,
        env={"NODE_PATH": str(PDFJS), "PATH": os.environ["PATH"]},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    pages = json.loads(done.stdout)
    roles: list[str] = []
    alts: list[str] = []
    content: set[str] = set()

    def walk(node: dict) -> None:
        if "role" in node:
            roles.append(node["role"])
            if node.get("alt"):
                alts.append(node["alt"])
        if node.get("type") == "content":
            content.add(node["id"])
        for child in node.get("children", []):
            walk(child)

    for page in pages:
        walk(page["tree"])
    assert roles[:3] == ["Root", "Document", "P"]
    assert roles.count("LI") >= 17 and roles.count("Lbl") >= 17
    screens = [a for a in alts if a.startswith("Skjermbilde:")]
    assert len(screens) == 9
    # every marked-content sequence with an MCID in the pages' text is in the tree
    marked = {m for page in pages for m in page["marked"] if m}
    assert marked and marked <= content


def test_a_figure_follows_the_step_it_shows(outputs: Path) -> None:
    root = structure(outputs / "en" / "bankid-visma-connect.pdf")
    assert root is not None
    # the steps' items in order (their labels read 1 … 17, as the test above shows)
    items = [e for e in root.walk() if e.role == "LI" and e.kids and e.kids[0].role == "Lbl"]
    body = items[2].kids[1]  # step 3
    assert body.role == "LBody"
    assert [k.role for k in body.kids] == ["P", "Figure"]  # its warning, then its picture
    assert str(body.kids[-1].attributes["/Alt"]).startswith("Screen: Account Settings. Step 3:")


def test_hyphens_of_line_breaks_are_not_read_and_lines_do_not_run_together(outputs: Path) -> None:
    text = _struct_text(outputs / "nb" / "bankid-visma-connect.pdf")
    # poppler reads each marked-content piece on a line of its own: a broken word is two pieces
    # without the hyphen ("fer" + "dig"), and no two words are glued where a line ended
    pieces = re.findall(r'^\s+"(.*)"$', text, re.M)
    joined = "".join(pieces)
    assert "ferdig utfylt" in joined and "innloggingssiden" in joined
    assert not re.search(r"\w- \w", joined)  # no "inn- loggingssiden"
    for word in ("dinfer", "påinn", "erregistrert"):
        assert word not in joined


def test_the_ticket_forms_boxes_are_form_elements_in_list_items(outputs: Path) -> None:
    path = outputs / "nb" / "bankid-visma-connect.ticket.pdf"
    root = structure(path)
    assert root is not None
    forms = [e for e in root.walk() if e.role == "Form"]
    assert len(forms) == 8
    reader = PdfReader(path)
    widgets = {
        a.idnum: n
        for n, page in enumerate(reader.pages)
        for a in page.get("/Annots", [])
        if a.get_object()["/Subtype"] == "/Widget"
    }
    assert sorted(o for f in forms for o in f.objrs) == sorted(widgets)
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    for form in forms:  # the box's border is its content, on the page its widget is on
        assert {pages[p] for p, _ in form.mcids} == {widgets[o] for o in form.objrs}
    links = [e for e in root.walk() if e.role == "Link"]
    assert links and all(link.objrs for link in links)


def test_links_say_where_they_go(outputs: Path) -> None:
    reader = PdfReader(outputs / "nb" / "onboarding.pdf")
    contents = [
        str(a.get_object().get("/Contents", ""))
        for page in reader.pages
        for a in page.get("/Annots", [])
        if a.get_object()["/Subtype"] == "/Link"
    ]
    assert len(contents) > 30 and all(contents)
    assert "Koble BankID til Visma-kontoen din" in contents  # the contents' links name the guide they lead to


def test_a_pack_is_a_part_per_guide_with_its_own_h1(outputs: Path) -> None:
    root = structure(outputs / "nb" / "onboarding.pdf")
    assert root is not None
    document = root.kids[0]
    assert document.role == "Document"
    parts = [k for k in document.kids if k.role == "Part"]
    assert len(parts) == 3
    for part in parts:
        headings = [k.role for k in part.kids if k.role.startswith("H")]
        assert headings[0] == "H1" and set(headings[1:]) == {"H2"}


def test_a_guide_the_tests_never_saw_is_tagged(tmp_path: Path) -> None:
    for name in ("locales", "assets"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "guide_src").mkdir()
    (tmp_path / "guide_src" / "reset-pin.yaml").write_text(
        """id: reset-pin
title: Reset the PIN of your badge
product: Badge Portal
summary: What to do when the badge reader refuses your PIN.
version: "2.1"
updated: 2026-03-01
introduction:
  - After three wrong PINs the badge is locked. Unlocking it takes two minutes.
checklists:
  pin:
    title: Before you leave
    items:
      - The reader shows a green light.
      - You remember the new PIN.
sections:
  - title: Unlock the badge
    steps:
      - text: Open the badge portal and sign in with your work account.
        note: Use the computer at the reception if you have none.
      - text: Choose a new PIN of at least six digits and confirm it twice.
        warning: Never write the PIN on the badge itself.
        checklist: pin
""",
        encoding="utf-8",
    )
    out = tmp_path / "build"
    make_pdf(out, "--locale", "en", cwd=tmp_path)
    path = out / "en" / "reset-pin.pdf"
    assert re.search(r"^Tagged:\s+yes$", pdfinfo(str(path)), re.M)
    assert problems(path) == []
    text = _struct_text(path)
    assert re.findall(r'Lbl \(block\)\n\s+"(\d+)"', text) == ["1", "2"]
    assert "Never write the PIN on the badge itself." in text


# -- the checker fails where it should -------------------------------------------------------------


def _with_page_content(path: Path, change: object) -> bytes:
    """The file with page 1's content stream changed by `change` (bytes → bytes)."""
    writer = PdfWriter(clone_from=PdfReader(path))
    page = writer.pages[0]
    data = page.get_contents().get_data()
    stream = StreamObject()
    stream.set_data(change(data))  # type: ignore[operator]
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_checker_finds_an_untagged_shape(outputs: Path) -> None:
    path = outputs / "nb" / "bankid-visma-connect.pdf"
    bad = _with_page_content(path, lambda data: data + b"\nq 0 0 1 rg 10 10 50 50 re f Q\n")
    assert problems(bad) == ["page 1: 1 'f' operator(s) outside tagged content or an artifact"]


def test_the_checker_finds_a_broken_tag(outputs: Path) -> None:
    path = outputs / "nb" / "bankid-visma-connect.pdf"
    bad = _with_page_content(path, lambda data: data.replace(b"<</MCID 3>>", b"<</MCID 999>>", 1))
    found = problems(bad)
    assert found[0] == "page 1: MCID 999 is not in the ParentTree"
    assert len(found) == 2 and re.fullmatch(
        r"page 1: \d+ 'Tj' operator\(s\) outside tagged content or an artifact", found[1]
    )
    # a tag whose element the structure tree does not reach
    writer = PdfWriter(clone_from=PdfReader(path))
    tree = writer._root_object["/StructTreeRoot"]
    tree[NameObject("/K")] = type(tree["/K"])()  # the tree no longer reaches any element
    out = io.BytesIO()
    writer.write(out)
    found = problems(out.getvalue())
    assert "page 1: MCID 0's parent in the ParentTree is not reachable from the StructTreeRoot" in found


def test_the_checker_finds_what_todays_untagged_files_lack() -> None:
    """A handout as reportlab writes it without structure: every operator is reported."""
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(100, 100, "Hello")
    canvas.linkURL("https://example.com", (90, 90, 200, 120))
    canvas.save()
    found = problems(out.getvalue())
    assert "catalog: no /StructTreeRoot" in found
    assert "page 1: 1 'Tj' operator(s) outside tagged content or an artifact" in found
    assert any("Link annotation" in p for p in found)


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    for run in ("a", "b"):
        make_pdf(tmp_path / run, str(GUIDE), "--locale", "nb", "--profile", "ticket")
    name = "nb/bankid-visma-connect.ticket.pdf"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


# -- the reportlab workarounds fail loudly ----------------------------------------------------------


def test_the_workarounds_know_this_reportlab() -> None:
    tagging.check_reportlab()


def test_the_workarounds_fail_loudly_when_reportlab_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.pdfbase import pdfdoc
    from reportlab.platypus import paragraph

    monkeypatch.setattr(pdfdoc.PDFCatalog, "__NoDefault__", ["Pages"])
    with pytest.raises(RuntimeError, match="StructTreeRoot"):
        tagging.check_reportlab()
    monkeypatch.undo()
    monkeypatch.delattr(paragraph, "_SplitWordHY")
    with pytest.raises(RuntimeError, match="_SplitWordHY"):
        tagging.check_reportlab()


def test_untagged_content_is_refused_while_drawing() -> None:
    """A flowable that paints without a node stops the build instead of writing an untagged PDF."""
    from reportlab.lib.styles import ParagraphStyle

    from guidepress.pdf.flowables import Para

    out = io.BytesIO()
    canvas = tagging.TaggingCanvas(out)
    canvas.tag(tagging.Node("Document"))
    para = Para("text", ParagraphStyle("x"))
    para.wrapOn(canvas, 100, 100)
    with pytest.raises(ValueError, match="untagged paragraph"):
        para.drawOn(canvas, 0, 0)


def test_a_paragraph_shown_in_another_language_says_so(tmp_path: Path) -> None:
    """nn has no usable translation of step 1 (fuzzy): the nn handout shows nb's, and its element
    says /Lang nb; the rest is the document's nn."""
    for name in ("locales", "assets"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "guide_src").mkdir()
    shutil.copy(GUIDE, tmp_path / "guide_src" / GUIDE.name)
    po = tmp_path / "locales" / "nn" / "LC_MESSAGES" / "guides.po"
    text = po.read_text(encoding="utf-8")
    msgid = 'msgid "Close your web browser completely and open it again."'
    assert msgid in text
    po.write_text(text.replace(msgid, "#, fuzzy\n" + msgid), encoding="utf-8")
    out = tmp_path / "build"
    make_pdf(out, "--locale", "nn", cwd=tmp_path)
    path = out / "nn" / "bankid-visma-connect.pdf"
    assert problems(path) == []
    root = structure(path)
    assert root is not None
    marked = [(e.role, str(e.attributes["/Lang"])) for e in root.walk() if "/Lang" in e.attributes]
    assert marked == [("P", "nb")]
    assert str(PdfReader(path).trailer["/Root"]["/Lang"]) == "nn"
    assert "Lukk nettlesaren heilt" not in _struct_text(path)
    assert "Lukk nettleseren helt, og åpne den igjen." in _struct_text(path)


def test_a_product_label_shown_in_another_language_is_a_span_with_its_language(tmp_path: Path) -> None:
    """nb has no usable translation of the button "Next" (fuzzy): step 4 quotes the English label,
    which is a Span with /Lang en inside the step's Norwegian text; the page looks as it would."""
    for name in ("locales", "assets"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "guide_src").mkdir()
    shutil.copy(GUIDE, tmp_path / "guide_src" / GUIDE.name)
    po = tmp_path / "locales" / "nb" / "LC_MESSAGES" / "guides.po"
    text = po.read_text(encoding="utf-8")
    entry = 'msgctxt "ui:Visma Connect"\nmsgid "Next"\nmsgstr "Neste"'  # the product's own context (issue 23)
    assert entry in text
    po.write_text(text.replace(entry, "#, fuzzy\n" + entry), encoding="utf-8")
    out = tmp_path / "build"
    make_pdf(out, "--locale", "nb", cwd=tmp_path)
    path = out / "nb" / "bankid-visma-connect.pdf"
    assert problems(path) == []
    root = structure(path)
    assert root is not None
    spans = [e for e in root.walk() if e.role == "Span"]
    assert spans and all(str(e.attributes["/Lang"]) == "en" for e in spans)
    struct_text = _struct_text(path)
    # the step reads on around it: "Klikk på " [Span en: "Next"] ". Innloggingssiden …"
    assert re.search(r'"Klikk på "\n\s+Span \(inline\)\n\s+"Next"\n\s+"\. Innloggingssiden', struct_text)

"""Print-shop and support-ticket outputs, read back with pypdf: paper, bleed, booklet, forms, links, size."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm

from conftest import GUIDE, GUIDE_ID, ROOT
from guidepress.build import BuildOptions, build
from guidepress.cli.main import main
from guidepress.pdf.hyphenation import hyphenator
from guidepress.pdf.impose import booklet_order
from guidepress.project import Project
from guidepress.source.loader import load_guide
from pdftext import fonts, outline_titles, pdf_text

ARTICLE = "https://help.example.org/bankid-link"
OUTPUTS = {
    "default": {},
    "letter": {"paper": "letter"},
    "ticket": {"profile": "ticket"},
    "booklet": {"booklet": True},
    "letter_booklet": {"paper": "letter", "booklet": True},
    "bleed": {"bleed": True},
}
FILES = {
    "default": f"{GUIDE_ID}.pdf",
    "letter": f"{GUIDE_ID}.letter.pdf",
    "ticket": f"{GUIDE_ID}.ticket.pdf",
    "booklet": f"{GUIDE_ID}.booklet.pdf",
    "letter_booklet": f"{GUIDE_ID}.letter.booklet.pdf",
    "bleed": f"{GUIDE_ID}.bleed.pdf",
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every output shape of the English handout, with a tenant's own article address."""
    out = tmp_path_factory.mktemp("outputs")
    paths = {}
    for name, choice in OUTPUTS.items():
        options = BuildOptions(out_dir=out, locales=("en",), png=False, variables={"article_url": ARTICLE}, **choice)
        report = build(Project(ROOT), options, [GUIDE])
        assert not report.errors, report.errors
        [paths[name]] = report.written
    return paths


def size(page) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    return round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)


def test_output_names_say_what_the_file_is(outputs: dict[str, Path]) -> None:
    assert {name: path.name for name, path in outputs.items()} == FILES


@pytest.mark.parametrize(("name", "paper"), [("default", A4), ("letter", LETTER), ("ticket", A4)])
def test_page_size_for_each_paper(outputs: dict[str, Path], name: str, paper: tuple[float, float]) -> None:
    pages = PdfReader(outputs[name]).pages
    assert {size(p) for p in pages} == {(round(paper[0], 1), round(paper[1], 1))}
    assert "/TrimBox" not in pages[0] and "/BleedBox" not in pages[0]


def test_bleed_sets_trim_and_bleed_boxes_around_an_a4_page(outputs: dict[str, Path]) -> None:
    for page in PdfReader(outputs["bleed"]).pages:
        x0, y0, x1, y1 = (float(v) for v in page.trimbox)
        assert (round(x1 - x0, 1), round(y1 - y0, 1)) == (round(A4[0], 1), round(A4[1], 1))
        bx0, by0, bx1, by1 = (float(v) for v in page.bleedbox)
        for inner, outer in ((x0, bx0), (y0, by0), (bx1, x1), (by1, y1)):
            assert inner - outer == pytest.approx(3 * mm, abs=0.01)
        # room for the crop marks outside the bleed
        assert bx0 > 0 and by0 > 0 and float(page.mediabox.width) - bx1 > 5 * mm


def test_booklet_order_folds() -> None:
    assert booklet_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert booklet_order(5) == [(None, 1), (2, None), (None, 3), (4, 5)]


@pytest.mark.parametrize(("name", "sheet"), [("booklet", A4), ("letter_booklet", LETTER)])
def test_booklet_sheets_and_page_order(outputs: dict[str, Path], name: str, sheet: tuple[float, float]) -> None:
    reader = PdfReader(outputs[name])
    landscape = (round(sheet[1], 1), round(sheet[0], 1))
    assert {size(p) for p in reader.pages} == {landscape}
    # Read each sheet side's page numbers, left half then right half, from the footers.
    sides = []
    for page in reader.pages:
        found: list[tuple[float, int]] = []

        def visit(text, cm, tm, font, font_size, found=found):  # type: ignore[no-untyped-def]
            if text.startswith("Page ") and " of " in text:
                x = cm[4] + tm[4] * cm[0]
                found.append((x, int(text.split()[1])))

        page.extract_text(visitor_text=visit)
        half = landscape[0] / 2
        left = [n for x, n in found if x < half]
        right = [n for x, n in found if x >= half]
        sides.append((left[0] if left else None, right[0] if right else None))
    total = max(n for side in sides for n in side if n)
    assert len(reader.pages) == 2 * -(-total // 4)  # sheet sides: two per sheet, four pages per sheet
    assert sides == booklet_order(total)


def test_form_fields_in_ticket_one_per_checklist_item_and_none_in_print(outputs: dict[str, Path]) -> None:
    guide = load_guide(GUIDE)
    items = len(guide.password_policy.rules) + sum(len(c.items) for c in guide.checklists.values())
    fields = PdfReader(outputs["ticket"]).get_fields() or {}
    checkboxes = [f for f in fields.values() if f.get("/FT") == "/Btn"]
    assert len(fields) == len(checkboxes) == items == 8
    for name in ("default", "letter", "booklet", "bleed"):
        assert not PdfReader(outputs[name]).get_fields(), name


def link_targets(path: Path) -> list[str]:
    targets = []
    for page in PdfReader(path).pages:
        for annot in page.get("/Annots", []) or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                targets.append(str(action["/URI"]))
    return targets


@pytest.mark.parametrize("name", ["default", "ticket"])
def test_every_address_is_a_link(outputs: dict[str, Path], name: str) -> None:
    targets = link_targets(outputs[name])
    assert targets.count(ARTICLE) == 2  # the QR code and the address printed beside it
    for address in (
        "https://accountsettings.connect.visma.com",
        "https://sokndal.vuq.visma.com/enterprise",
        "mailto:support@example.com",
    ):
        assert address in targets, address


def test_qr_code_and_its_address_on_the_first_page(outputs: dict[str, Path]) -> None:
    first = PdfReader(outputs["default"]).pages[0]
    assert "help.example.org/bankid-link" in first.extract_text().replace("\n", "")
    squares = []
    for annot in first["/Annots"]:
        annot = annot.get_object()
        if annot.get("/A", {}).get("/URI") == ARTICLE:
            x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
            squares.append(round(x1 - x0, 1) == round(y1 - y0, 1))
    assert True in squares


def test_ticket_opens_with_outline_and_language_and_title(outputs: dict[str, Path]) -> None:
    reader = PdfReader(outputs["ticket"])
    root = reader.trailer["/Root"]
    assert root["/PageMode"] == "/UseOutlines"
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title == "Link BankID to your Visma account"
    assert outline_titles(outputs["ticket"])[2:] == [
        "Open account settings",
        "Reset your password",
        "Log in with the new password",
        "Link BankID",
        "Log in to Visma Enterprise",
    ]


def test_ticket_is_small(outputs: dict[str, Path]) -> None:
    assert outputs["ticket"].stat().st_size < 150 * 1024


def test_the_booklet_keeps_every_step(outputs: dict[str, Path]) -> None:
    text = pdf_text(outputs["booklet"])
    total = int(re.search(r"Page 1 of (\d+)", text).group(1))
    assert all(f"Page {n} of {total}" in text for n in range(1, total + 1))
    assert "Link account and continue" in text and "Change password" in text


def test_booklet_builds_are_byte_identical(outputs: dict[str, Path], tmp_path: Path) -> None:
    report = build(
        Project(ROOT),
        BuildOptions(out_dir=tmp_path, locales=("en",), png=False, booklet=True, variables={"article_url": ARTICLE}),
    )
    assert report.written[0].read_bytes() == outputs["booklet"].read_bytes()


def test_the_cli_chooses_and_names_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "--root",
                str(ROOT),
                "--out",
                str(tmp_path),
                "--locale",
                "nb",
                "--no-png",
                "--profile",
                "ticket",
                "--paper",
                "letter",
            ]
        )
        == 0
    )
    assert (tmp_path / "nb" / f"{GUIDE_ID}.ticket.letter.pdf").is_file()
    with pytest.raises(SystemExit) as exit_info:
        main(["--root", str(ROOT), "--out", str(tmp_path), "--booklet", "--profile", "ticket"])
    assert exit_info.value.code == 2
    assert "a booklet is for print" in capsys.readouterr().err


def test_a_guide_chooses_its_own_output(scratch: Path) -> None:
    guide = scratch / "guide_src" / GUIDE.name
    guide.write_text(
        guide.read_text(encoding="utf-8") + "\noutput:\n  paper: letter\n  profile: ticket\n", encoding="utf-8"
    )
    report = build(Project(scratch), BuildOptions(out_dir=scratch / "out", locales=("nb",), png=False))
    assert [p.name for p in report.written] == [f"{GUIDE_ID}.ticket.letter.pdf"]
    assert size(PdfReader(report.written[0]).pages[0]) == (612.0, 792.0)
    # the command line wins over the guide
    report = build(
        Project(scratch), BuildOptions(out_dir=scratch / "out", locales=("nb",), png=False, profile="print", paper="a4")
    )
    assert [p.name for p in report.written] == [f"{GUIDE_ID}.pdf"]


def test_a_guide_asking_for_an_impossible_output_is_an_error(
    scratch: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(scratch)
    guide = scratch / "guide_src" / GUIDE.name
    lines = guide.read_text(encoding="utf-8").count("\n")
    guide.write_text(
        guide.read_text(encoding="utf-8") + "output:\n  profile: ticket\n  booklet: true\n", encoding="utf-8"
    )
    assert main(["--root", str(scratch), "--out", str(scratch / "out"), "--no-png"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        f"guide_src/{GUIDE.name}:{lines + 2}:3: output: a booklet is for print; "
        "it cannot be combined with the ticket profile"
    )
    assert not (scratch / "out").exists() or not list((scratch / "out").rglob("*.pdf"))


def test_hyphenation_for_norwegian_and_english_but_never_names() -> None:
    for locale, word in (("nb", "innloggingssiden"), ("nn", "innloggingssida"), ("en", "administration")):
        hyphenate = hyphenator(locale)
        assert hyphenate is not None and hyphenate(word), locale
    assert hyphenator("nb")("Sokndal") == [] and hyphenator("nb")("accountsettings.connect.visma.com") == []
    assert hyphenator("nb")("passord") and hyphenator("nb", frozenset({"passord"}))("passord") == []
    assert hyphenator("se") is None  # no dictionary: no hyphenation, no error


def test_a_break_leaves_three_letters_on_each_side() -> None:
    """No "la-get", "konto-en" or "ac-cess": two letters alone at a line's end or start read badly."""
    for locale, word in (("nb", "laget"), ("nb", "kontoen"), ("en", "access"), ("nb", "organisasjon")):
        for before, after in hyphenator(locale)(word):  # type: ignore[misc]
            assert len(before) >= 3 and len(after) >= 3, (word, before, after)
    assert hyphenator("nb")("laget") == [] and hyphenator("en")("access") == []


def test_words_hyphenated_once_need_no_dictionary_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A later process finds the words in the cache and never loads the patterns."""
    import pyphen

    from guidepress.pdf import hyphenation

    def fresh_process() -> None:
        for cached in (hyphenation.hyphenator, hyphenation._pyphen, hyphenation._words):
            cached.cache_clear()
        monkeypatch.setattr(pyphen, "hdcache", {})

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh_process()
    first = hyphenator("nb")("innloggingssiden")
    assert first and pyphen.hdcache  # the dictionary was needed
    hyphenation.remember_words()
    fresh_process()
    assert hyphenator("nb")("innloggingssiden") == first
    assert not pyphen.hdcache, "the patterns were loaded for a word already in the cache"
    assert hyphenator("nb")("passordet")  # a new word still gets its points
    assert pyphen.hdcache


def test_a_qr_code_is_kept_in_the_process_and_never_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A QR code's text may be a person's secret (a set-up link): it is never written to the cache."""
    from guidepress.mockup.qr import qr_modules

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    url = "https://community.visma.com/t5/Visma-Connect/BankID-tilkobling"
    qr_modules.cache_clear()
    encoded = qr_modules(url)
    side = max(r for r, _, _ in encoded) + 1
    assert side >= 21 and (side - 17) % 4 == 0  # a QR symbol of version (side - 17) / 4
    assert not list(tmp_path.rglob("*"))
    assert qr_modules(url) is encoded  # kept in the process
    qr_modules.cache_clear()
    assert qr_modules(url) == encoded
    qr_modules.cache_clear()


def test_print_colours_hold_up_in_black_and_white() -> None:
    """Callouts, muted text and the alerts' tone colours keep WCAG AA contrast on white, so they stay
    legible when printed in grey."""
    from guidepress.mockup.callouts import ACCENT as MOCKUP_ACCENT
    from guidepress.mockup.widgets.content import TONES
    from guidepress.pdf.flowables import ACCENT, INK, MUTED

    def luminance(rgb: tuple[float, float, float]) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hexes = [MOCKUP_ACCENT.lstrip("#"), *(strong.lstrip("#") for _icon, strong, _bg, _border in TONES.values())]
    colours = [tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)) for h in hexes]
    colours += [(c.red, c.green, c.blue) for c in (ACCENT, INK, MUTED)]
    for rgb in colours:
        assert 1.05 / (luminance(rgb) + 0.05) >= 4.5, rgb


def test_no_copy_of_the_shipped_build_is_touched(tmp_path: Path) -> None:
    """Building a second output leaves the default handout in place (outputs live side by side)."""
    shutil.copytree(ROOT / "guide_src", tmp_path / "guide_src")
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    for extra in ([], ["--profile", "ticket"]):
        assert main(["--root", str(tmp_path), "--out", str(tmp_path / "b"), "--locale", "en", "--no-png", *extra]) == 0
    assert sorted(p.name for p in (tmp_path / "b" / "en").glob(f"{GUIDE_ID}*.pdf")) == [
        f"{GUIDE_ID}.pdf",
        f"{GUIDE_ID}.ticket.pdf",
    ]


def test_a_step_row_that_misses_the_page_end_by_a_little_shrinks_its_mockup() -> None:
    from reportlab.pdfgen.canvas import Canvas

    from guidepress.build import make_handout
    from guidepress.l10n.translator import translator_for
    from guidepress.mockup.pdf import MockupFlowable
    from guidepress.pdf.flowables import Columns

    guide = load_guide(GUIDE)
    view = make_handout(guide, translator_for(ROOT / "locales", "en"), {}, guide.updated).views[3]
    row = Columns([(30, []), (258, [MockupFlowable(view)])], bottom=12)
    canvas = Canvas("unused.pdf")
    _, full = row.wrapOn(canvas, 288, 10_000)
    [smaller] = row.splitOn(canvas, 288, full * 0.9)
    assert full * 0.8 <= smaller.wrapOn(canvas, 288, full * 0.9)[1] <= full * 0.9
    assert row.splitOn(canvas, 288, full * 0.5) == []  # too far off: the row moves to the next page whole


@pytest.mark.parametrize("name", list(OUTPUTS))
def test_every_output_embeds_only_the_subset_noto_fonts(outputs: dict[str, Path], name: str) -> None:
    found = fonts(outputs[name])
    assert sorted(found) == ["/AAAAAA+NotoSans-Bold", "/AAAAAA+NotoSans-Regular"] and all(found.values())

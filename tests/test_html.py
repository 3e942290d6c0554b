"""The HTML edition (`--html`): what a screen reader walks, what the pictures say, what the page loads.

Read as a tree with the standard library (htmlpage.py). The same page in a real browser,
with axe-core, keyboard and screenshots, is test_browser.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import GUIDE, GUIDE_ID, LOCALES, ROOT
from guidepress.build import BuildOptions, build, handout_for
from guidepress.cli.main import main
from guidepress.html.page import compact_css, style_sheet
from guidepress.l10n.translate import look_up
from guidepress.l10n.translator import translator_for
from guidepress.mockup.shapes import Text
from guidepress.project import Project
from guidepress.source.loader import load_guide
from htmlpage import parse, text

GUIDES = sorted(path.stem for path in (ROOT / "guide_src").glob("*.yaml"))
LANGUAGE_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English"}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, project: Project) -> Path:
    """Every shipped locale's PDF and HTML edition, built once."""
    out = tmp_path_factory.mktemp("html")
    report = build(project, BuildOptions(out_dir=out, png=False, html=True))
    assert not report.errors and not report.crashes, (report.errors, report.crashes)
    return out


def page(pages: Path, locale: str) -> Path:
    return pages / locale / f"{GUIDE_ID}.html"


def handout(project: Project, locale: str):  # type: ignore[no-untyped-def]
    return handout_for(load_guide(GUIDE), locale, project, {})


# --- what a screen reader walks -------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_headings_follow_the_pdf_outline_and_the_steps_are_one_list(pages: Path, project: Project, locale: str) -> None:
    document = handout(project, locale).document
    root = parse(page(pages, locale))
    html = root.find("html")
    assert html is not None and html.get("lang") == locale
    assert [text(h) for h in root.iter("h1")] == [document.title]
    assert [text(h) for h in root.iter("h2")] == [document.words.what_this_fixes] + [s.title for s in document.sections]
    lists = root.findall(".//ol[@class='steps']")
    starts = [int(ol.get("start", "")) for ol in lists]
    assert starts == [s.steps[0].number for s in document.sections] == [1, 5, 9, 12, 16]
    steps = [li for ol in lists for li in ol.findall("li")]
    assert [li.get("id") for li in steps] == [f"step-{n}" for n in range(1, 18)]
    # every step's text, UI labels in bold, is there in order
    expected = [step.text for section in document.sections for step in section.steps]
    assert [text(li.find("div/div/p")) for li in steps] == ["".join(r.text for r in rich) for rich in expected]


def test_tips_and_warnings_are_notes_that_say_which_they_are(pages: Path) -> None:
    root = parse(page(pages, "nb"))
    notes = [(div.get("class"), text(div)) for div in root.iter("div") if div.get("role") == "note"]
    assert [kind for kind, _ in notes] == ["warning", "note", "warning"]
    assert notes[0][1].startswith("Viktig: Dette må være den samme e-postadressen")
    assert notes[1][1].startswith("Tips: Har du ikke fått e-post")
    assert root.find(".//li[@id='step-3']//div[@class='warning']/p/strong").text == "Viktig:"


@pytest.mark.parametrize("locale", LOCALES)
def test_checklists_are_real_labelled_checkboxes(pages: Path, project: Project, locale: str) -> None:
    document = handout(project, locale).document
    root = parse(page(pages, locale))
    labels = {label.get("for"): text(label) for label in root.iter("label")}
    boxes = [i for i in root.iter("input")]
    assert all(box.get("type") == "checkbox" for box in boxes)
    expected = [
        "".join(r.text for r in item)
        for section in document.sections
        for step in section.steps
        if step.checklist
        for item in step.checklist.items
    ]
    assert [labels[box.get("id")] for box in boxes] == expected and len(expected) == 8
    fieldsets = list(root.iter("fieldset"))
    assert [text(f.find("legend")) for f in fieldsets] == [
        step.checklist.title for s in document.sections for step in s.steps if step.checklist
    ]
    for fieldset in fieldsets:  # the hint "Tick each box when it is true" describes the group
        hint = root.find(f".//p[@id='{fieldset.get('aria-describedby')}']")
        assert hint is not None and text(hint) == document.words.checklist_hint


def test_the_metadata_and_the_links_with_their_real_addresses(pages: Path) -> None:
    root = parse(page(pages, "nb"))
    meta = {text(div.find("dt")): text(div.find("dd")) for div in root.find(".//dl[@class='meta']")}
    assert meta == {
        "Produkt": "Visma Connect",
        "Språk": "Norsk bokmål",
        "Versjon": "1.0",
        "Dato": "20. november 2026",
        "Organisasjon": "Sokndal kommune",
    }
    assert root.find(".//dd/time").get("datetime") == "2026-11-20"
    hrefs = {a.get("href") for a in root.iter("a")}
    assert {
        "https://accountsettings.connect.visma.com",
        "https://sokndal.vuq.visma.com/enterprise",
        "https://community.visma.com/t5/Visma-Connect/BankID-tilkobling",
        "mailto:support@example.com",
        "mailto:kari.nordmann@example.com",
        f"{GUIDE_ID}.pdf",
        "#main",
        "#intro",
        "#section-1",
    } <= hrefs
    head = root.find("html/head")
    assert text(head.find("title")) == "Koble BankID til Visma-kontoen din – Visma Connect"
    assert {m.get("name"): m.get("content") for m in head.iter("meta") if m.get("name")}["author"] == "Sokndal kommune"
    # every in-page link leads to an element that is there
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    assert {h[1:] for h in hrefs if h.startswith("#")} <= ids


@pytest.mark.parametrize("locale", LOCALES)
def test_the_language_editions_link_to_each_other(pages: Path, locale: str) -> None:
    root = parse(page(pages, locale))
    others = [other for other in LOCALES if other != locale]
    alternates = [
        (link.get("hreflang"), link.get("href")) for link in root.iter("link") if link.get("rel") == "alternate"
    ]
    assert sorted(alternates) == sorted((other, f"../{other}/{GUIDE_ID}.html") for other in others)
    nav = root.find(".//nav[@class='languages']")
    links = [(a.get("hreflang"), a.get("lang"), text(a), a.get("href")) for a in nav.iter("a")]
    assert sorted(links) == sorted((o, o, LANGUAGE_NAMES[o], f"../{o}/{GUIDE_ID}.html") for o in others)
    for _, _, _, href in links:  # the links lead to pages this build wrote
        assert (page(pages, locale).parent / href).resolve().is_file()


def test_one_locale_alone_has_no_language_links(tmp_path: Path, project: Project) -> None:
    build(project, BuildOptions(out_dir=tmp_path, locales=("nn",), png=False, html=True))
    root = parse(tmp_path / "nn" / f"{GUIDE_ID}.html")
    assert root.find(".//nav[@class='languages']") is None and not list(root.iter("link"))


# --- the pictures ---------------------------------------------------------------------------


@pytest.mark.parametrize("guide_id", GUIDES)
@pytest.mark.parametrize("locale", LOCALES)
def test_each_screen_picture_is_svg_with_the_layouts_text_and_a_text_alternative(
    pages: Path, project: Project, locale: str, guide_id: str
) -> None:
    made = handout_for(load_guide(project.guide_dir / f"{guide_id}.yaml"), locale, project, {})
    root = parse(pages / locale / f"{guide_id}.html")
    for number, view in made.views.items():
        svg = root.find(f".//li[@id='step-{number}']//figure/svg")
        assert svg is not None, number
        assert svg.get("role") == "img" and svg.get("aria-labelledby") == f"step-{number}-screen"
        title = svg.find("title")
        assert title.get("id") == f"step-{number}-screen"
        step = next(s for section in made.document.sections for s in section.steps if s.number == number)
        assert text(title) == step.view.description
        # text as text: every line the layout set, in order, callouts included
        assert [t.text for t in svg.iter("text")] == [s.text for s in view.shapes if isinstance(s, Text)]
        assert svg.get("viewbox") == f"0 0 {view.width:g} {round(view.height, 2):g}"
        callouts = svg.find("g[@class='callouts']")
        assert len(callouts) == len(view.annotations) > 0
    steps_with_pictures = [li.get("id") for li in root.iter("li") if li.find(".//svg") is not None]
    assert steps_with_pictures == [f"step-{n}" for n in made.views]
    # every image inside a picture (a logo, a screenshot) is in the page, stretched to its box
    for image in root.iter("image"):
        assert image.get("href", "").startswith(("data:image/png;base64,", "data:image/jpeg;base64,"))
        assert image.get("preserveaspectratio") == "none"


def test_steps_sharing_a_screen_show_one_picture_with_each_steps_marks(pages: Path, project: Project) -> None:
    """Register an absence, steps 5-7 on one form: the picture once, at step 5, with the callouts
    of all three and a text alternative that names each step's marks; steps 6 and 7 have their
    own text and no picture."""
    made = handout_for(load_guide(project.guide_dir / "register-absence.yaml"), "en", project, {})
    assert made.last_steps[5] == 7
    root = parse(pages / "en" / "register-absence.html")
    svg = root.find(".//li[@id='step-5']//figure/svg")
    assert text(svg.find("title")) == (
        "Screen: Register absence. Step 5: the date field “First day” and the date field “Last day” are marked. "
        "Step 6: the field “Comment to your manager (optional)” is marked. "
        "Step 7: the button “Send for approval” is marked."
    )
    badges = [t.text for t in svg.find("g[@class='callouts']").iter("text")]
    assert {"5", "6", "7"} <= set(badges)
    for number in (6, 7):
        step = root.find(f".//li[@id='step-{number}']")
        assert step.find(".//figure") is None and text(step.find("div/div/p"))
    nn = parse(pages / "nn" / "register-absence.html").find(".//li[@id='step-5']//figure/svg/title")
    assert text(nn).startswith("Skjermbilete: Registrer fråvær. Steg 5: datofeltet «Første dag» og datofeltet")
    assert "er markerte. Steg 6: feltet «Kommentar til leiaren din (valfritt)» er markert. Steg 7:" in text(nn)


def test_every_kind_of_element_has_its_own_words(pages: Path) -> None:
    """The new kinds are named as a reader knows them: a menu item, a tab, a switch, a radio button,
    a QR code, a list entry, a code field, a dialog's title for the screen."""

    def alternative(guide_id: str, locale: str, number: int) -> str:
        found = parse(pages / locale / f"{guide_id}.html").find(f".//li[@id='step-{number}']//svg/title")
        return text(found)

    assert alternative("two-step-verification", "en", 2) == (
        "Screen: Security. Step 2: the menu item “Security” is marked. "
        "Step 3: the tab “Two-step verification” and the switch “Two-step verification” are marked."
    )
    assert alternative("two-step-verification", "en", 4).endswith(
        "Step 4: the radio button “Authenticator app” and the button “Next” are marked. "
        "Do not choose the radio button “Text message”: it is crossed out."
    )
    assert alternative("two-step-verification", "nb", 5) == (
        "Skjermbilde: Sett opp autentiseringsappen. Steg 5: QR-koden er markert."
    )
    assert alternative("two-step-verification", "nn", 6).endswith("Steg 7: oppføringa «Skann ein QR-kode» er markert.")
    assert alternative("register-absence", "nb", 4).endswith("Steg 4: alternativet «Egenmelding» er markert.")
    assert alternative("register-absence", "en", 9).startswith("Screen: Your absence has been approved.")


def test_the_text_alternatives_in_three_languages_with_their_plurals(pages: Path) -> None:
    def alternative(locale: str, number: int) -> str:
        return text(parse(page(pages, locale)).find(f".//li[@id='step-{number}']//svg/title"))

    assert alternative("en", 3) == (
        "Screen: Account Settings. Step 3: the field “Email address” is marked. Step 4: the button “Next” is marked."
    )
    assert alternative("en", 6) == (
        "Screen: Account Settings. Step 6: the checkbox “I'm not a robot” and the choice “Reset password” are marked."
    )
    assert alternative("nb", 3).startswith("Skjermbilde: Account Settings. Steg 3: feltet «E-postadresse» er markert.")
    assert alternative("nn", 3).endswith("Steg 4: knappen «Neste» er markert.")
    assert alternative("nn", 10) == (
        "Skjermbilete: Account Settings. Steg 10: feltet «Passord» og knappen «Logg inn» er markerte."
    )
    assert (
        alternative("nb", 12)
        == "Skjermbilde: Konto og Elektronisk ID. Steg 12: lenken «Legg til elektronisk ID» er markert."
    )
    assert alternative("en", 17) == (
        "Screen: Sign in as. Step 17: the account “Kari Nordmann” (kari.nordmann@example.com) is marked. "
        "Do not choose the account “Account at another organisation” (kari@other-organisation.example): "
        "it is crossed out."
    )
    assert alternative("nn", 17).endswith(
        "Ikkje vel kontoen «Konto hos annan organisasjon» (kari@other-organisation.example), som er kryssa ut."
    )


def test_the_pseudo_locale_page_shows_its_words_came_through_catalogs(tmp_path: Path, project: Project) -> None:
    report = build(project, BuildOptions(out_dir=tmp_path, locales=("qps-ploc", "nb"), png=False, html=True))
    assert not report.errors
    root = parse(tmp_path / "qps-ploc" / f"{GUIDE_ID}.html")
    alternative = text(root.find(".//li[@id='step-3']//svg/title"))
    assert alternative.startswith("[") and "{" not in alternative
    # the pseudo-locale is no language a reader chooses: neither it nor nb links to the other
    assert root.find(".//nav[@class='languages']") is None
    assert parse(tmp_path / "nb" / f"{GUIDE_ID}.html").find(".//nav[@class='languages']") is None


# --- one self-contained file ----------------------------------------------------------------


@pytest.mark.parametrize("guide_id", GUIDES)
@pytest.mark.parametrize("locale", LOCALES)
def test_the_page_is_one_small_file_that_asks_nothing_of_any_other_address(
    pages: Path, locale: str, guide_id: str
) -> None:
    path = pages / locale / f"{guide_id}.html"
    assert path.stat().st_size < 200 * 1024
    source = path.read_text(encoding="utf-8")
    root = parse(source)
    assert not [e.tag for e in root.iter() if e.get("src") is not None or e.tag in ("script", "iframe", "object")]
    assert [link.get("rel") for link in root.iter("link")] == ["alternate", "alternate"]
    style = "".join(root.find("html/head/style").itertext())
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    assert not re.search(r"\s(?:src|srcset|poster|data|background)=", source)


def test_the_style_sheet_loses_every_comment_and_keeps_every_rule() -> None:
    """A comment after a rule, and a rule after a comment's end, on one line (the old stripper
    kept the first and dropped the second)."""
    css = "a{color:red} /* after a rule */\n  /* one\n  line */ b{margin:0}\n\n/* alone */\n  c{top:0}\n"
    assert compact_css(css) == "a{color:red}\nb{margin:0}\nc{top:0}"
    assert "/*" not in style_sheet() and "*/" not in style_sheet()


def test_html_builds_are_byte_identical_and_leave_the_pdf_as_it_was(tmp_path: Path, project: Project) -> None:
    with_html, again, without = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for out, html in ((with_html, True), (again, True), (without, False)):
        build(project, BuildOptions(out_dir=out, locales=("en",), png=False, html=html))
    assert (with_html / "en" / f"{GUIDE_ID}.html").read_bytes() == (again / "en" / f"{GUIDE_ID}.html").read_bytes()
    pdf = f"en/{GUIDE_ID}.pdf"
    assert (with_html / pdf).read_bytes() == (without / pdf).read_bytes()
    assert not (without / "en" / f"{GUIDE_ID}.html").exists()


# --- the command line and the guide's output: ------------------------------------------------


def test_the_command_line_writes_and_reports_the_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["--html", "--no-png", "--locale", "nb", "--out", str(tmp_path), "-j", "1"]) == 0
    html = tmp_path / "nb" / f"{GUIDE_ID}.html"
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == f"wrote {html} ({html.stat().st_size // 1024} KB)"
    pdf = tmp_path / "nb" / f"{GUIDE_ID}.pdf"
    assert lines[0] == f"wrote {pdf} ({pdf.stat().st_size // 1024} KB)"


def test_a_guide_can_ask_for_its_html_edition(scratch: Path) -> None:
    guide = scratch / "guide_src" / f"{GUIDE_ID}.yaml"
    guide.write_text(guide.read_text(encoding="utf-8") + "\noutput:\n  html: true\n", encoding="utf-8")
    project = Project(scratch)
    build(project, BuildOptions(out_dir=scratch / "build", locales=("en",), png=False))
    assert (scratch / "build" / "en" / f"{GUIDE_ID}.html").is_file()
    build(project, BuildOptions(out_dir=scratch / "off", locales=("en",), png=False, html=False))
    assert not (scratch / "off" / "en" / f"{GUIDE_ID}.html").exists()  # the command line wins


def test_a_failed_build_leaves_no_page(scratch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = Project(scratch)
    out = scratch / "build"
    build(project, BuildOptions(out_dir=out, locales=("en",), png=False, html=True))
    page_path, pdf_path = out / "en" / f"{GUIDE_ID}.html", out / "en" / f"{GUIDE_ID}.pdf"
    assert page_path.is_file() and pdf_path.is_file()

    import guidepress.html.page

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("a bug in the HTML writer")

    monkeypatch.setattr(guidepress.html.page, "render_html", broken)
    report = build(project, BuildOptions(out_dir=out, locales=("en",), png=False, html=True, force=True))
    [crash] = report.crashes
    assert "(en, HTML)" in crash and "a bug in the HTML writer" in crash
    assert not page_path.exists() and not pdf_path.exists()  # the guide-locale leaves no file at all
    monkeypatch.undo()

    build(project, BuildOptions(out_dir=out, locales=("en",), png=False, html=True))
    guide = scratch / "guide_src" / f"{GUIDE_ID}.yaml"
    guide.write_text(guide.read_text(encoding="utf-8").replace('version: "1.0"', "version: 1.0"), encoding="utf-8")
    report = build(project, BuildOptions(out_dir=out, locales=("en",), png=False, html=True))
    assert report.errors and not page_path.exists()  # a broken guide takes its earlier page along


def test_a_build_without_html_does_not_import_the_html_writer(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from guidepress.cli.main import main
        assert main(["--no-png", "--locale", "en", "-j", "1", "--out", {str(tmp_path)!r}]) == 0
        print(sorted(m for m in sys.modules if m.startswith(("guidepress.html", "guidepress.mockup.svg"))))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src")}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"


def test_text_alternative_of_notes_several_avoided_controls_and_a_kind_without_a_phrase() -> None:
    from babel import Locale

    from guidepress import document as doc
    from guidepress.l10n.describe import describe_view

    screen = doc.ScreenSpec(
        id="s",
        layout="settings",
        product="Example",
        address="example.com",
        user="",
        widgets=(
            doc.Widget(id="a", kind="section", text="Profile", items=(doc.Widget(id="b", kind="button", text="Save"),)),
            doc.Widget(id="c", kind="link", text="Delete"),
            doc.Widget(id="d", kind="link", text="Reset"),
            doc.Widget(id="e", kind="gauge", label="Storage used"),  # a kind added later, with no phrase yet
            doc.Widget(id="f", kind="image", label="Company logo"),
        ),
    )
    callouts = (
        doc.Callout("b", "4", note="Your changes"),
        doc.Callout("e", "4"),
        doc.Callout("f", "4"),
        doc.Callout("c", "4", avoid=True),
        doc.Callout("d", "4", avoid=True),
    )
    english = describe_view(
        doc.ScreenView(screen, callouts), 4, lambda s: s, lambda s, p, n: s if n == 1 else p, Locale("en")
    )
    assert english == (
        "Screen: Profile. Step 4: the button “Save” (with the note “Your changes”), “Storage used”, and the picture "
        "are marked. "
        "Do not choose the link “Delete” and the link “Reset”: they are crossed out."
    )


def test_an_unnamed_control_is_described_by_its_own_phrase_and_only_that_phrase_is_counted_shown() -> None:
    """An icon without a caption and a dialog without a title are "the icon" and "the dialog"; the
    phrase for a control named by its label alone (“{name}”) is not shown, so it is not looked up
    (each lookup counts in the handout's coverage of its language)."""
    from babel import Locale

    from guidepress import document as doc
    from guidepress.l10n.describe import describe_view

    screen = doc.ScreenSpec(
        id="s",
        layout="settings",
        product="Example",
        address="example.com",
        user="",
        widgets=(doc.Widget(id="i", kind="icon", icon="bell"), doc.Widget(id="d", kind="dialog")),
    )
    looked_up: list[str] = []

    def gettext(text: str) -> str:
        looked_up.append(text)
        return text

    text = describe_view(
        doc.ScreenView(screen, (doc.Callout("i", "2"), doc.Callout("d", "2"))),
        2,
        gettext,
        lambda s, p, n: s if n == 1 else p,
        Locale("en"),
    )
    assert "the icon and the dialog are marked" in text
    assert "“{name}”" not in looked_up


def test_text_from_the_guide_and_the_command_line_is_text_never_markup(tmp_path: Path, project: Project) -> None:
    hostile = '<script>alert("x")</script> & "Co" <b>'
    report = build(
        project,
        BuildOptions(
            out_dir=tmp_path,
            locales=("en",),
            png=False,
            html=True,
            variables={"organisation": hostile, "enterprise_url": 'https://x.example/"><img/src=x>'},
        ),
        [project.guide_dir / f"{GUIDE_ID}.yaml"],
    )
    assert not report.errors, report.errors
    [page] = [path for path in report.written if path.suffix == ".html"]  # in the values' own folder
    source = page.read_text(encoding="utf-8")
    root = parse(source)
    assert "<script" not in source and "<img" not in source
    assert not list(root.iter("script")) and not list(root.iter("img"))
    meta = {text(div.find("dt")): text(div.find("dd")) for div in root.find(".//dl[@class='meta']")}
    assert meta["Organisation"] == hostile.strip()
    # the link is the value percent-encoded (RFC 3986), as in the PDF
    assert "https://x.example/%22%3E%3Cimg/src=x%3E" in {a.get("href") for a in root.iter("a")}


# --- a pack's page --------------------------------------------------------------------------------


def pack_page(root: Path) -> ET.Element:
    page = parse(root)
    ids = [element.get("id") for element in page.iter() if element.get("id")]
    assert len(ids) == len(set(ids)), "two elements share an id"
    targets = {a.get("href")[1:] for a in page.iter("a") if a.get("href", "").startswith("#")}
    assert targets <= set(ids), f"links to nothing: {targets - set(ids)}"
    return page


def test_a_pack_has_its_page_with_every_guide(tmp_path: Path, project: Project) -> None:
    report = build(project, BuildOptions(out_dir=tmp_path, locales=("nb", "en"), png=False, html=True, packs=None))
    assert not report.errors, report.errors
    page = pack_page(tmp_path / "nb" / "onboarding.html")
    assert page.find("html").get("lang") == "nb"
    [h1] = page.iter("h1")
    title = look_up(translator_for(ROOT / "locales", "nb"), "Your first week at {organisation}").text
    assert text(h1) == title.format(organisation="Sokndal kommune")
    articles = [a for a in page.iter("article") if a.get("class") == "pack-guide"]
    pack = yaml.safe_load((ROOT / "packs" / "onboarding.yaml").read_text(encoding="utf-8"))
    assert len(articles) == len(pack["guides"])
    for n, article in enumerate(articles, start=1):
        [h2] = [h for h in article.iter("h2")]
        assert h2.get("id") == f"g{n}" and article.get("aria-labelledby") == f"g{n}"
        assert all(h.get("id", "").startswith(f"g{n}-") for h in article.iter("h3"))
        assert [ol.get("start") for ol in article.iter("ol") if ol.get("class") == "steps"][0] == "1"
    contents = [a.get("href") for a in page.find(".//nav[@class='contents']").iter("a")]
    assert contents[0] == "#g1" and "#g1-section-1" in contents
    # every part is a region named by its heading and its guide: "What this fixes" is in each guide
    names = []
    for section in page.iter("section"):
        parts = [page.find(f".//*[@id='{key}']") for key in section.get("aria-labelledby").split()]
        assert all(part is not None for part in parts)
        names.append(" ".join(text(part) for part in parts))
    assert len(names) == len(set(names)) > len(articles)
    [alternate] = [link.get("href") for link in page.iter("link") if link.get("rel") == "alternate"]
    assert alternate == "../en/onboarding.html" and (tmp_path / "en" / "onboarding.html").is_file()
    assert page.find(".//p[@class='pdf']/a").get("href") == "onboarding.pdf"


def test_a_persons_pack_page_is_named_by_their_id_and_links_their_other_pages(tmp_path: Path, project: Project) -> None:
    options = BuildOptions(
        out_dir=tmp_path,
        locales=("nb", "nn"),
        png=False,
        html=True,
        packs=None,
        people=ROOT / "examples" / "new-employees.csv",
    )
    report = build(project, options)
    assert not report.errors, report.errors
    pages = sorted(tmp_path.rglob("*.html"))
    assert pages and all(p.parent.name == "onboarding" and re.fullmatch(r"E\d+\.html", p.name) for p in pages)
    page = pack_page(pages[0])
    [alternate] = [link.get("href") for link in page.iter("link") if link.get("rel") == "alternate"]
    assert alternate.startswith("../../") and (pages[0].parent / alternate).resolve().is_file()
    cover = text(page.find(".//main/header"))
    assert "Laget for" in cover or "Laga for" in cover  # who it is for, as on the PDF's cover


def test_a_text_a_fallback_shows_in_another_language_says_its_language(tmp_path: Path) -> None:
    """WCAG 3.1.2, as the PDF's /Lang: a step the Bokmål catalog leaves untranslated shows the English
    source inside `lang="en"`, so a screen reader reads it with English rules; translated text has none."""
    import shutil

    import guidepress

    for name in ("guide_src", "locales", "packs", "assets"):
        shutil.copytree(ROOT / name, tmp_path / name)
    catalog = tmp_path / "locales" / "nb" / "LC_MESSAGES" / "guides.po"
    source = "Close your web browser completely and open it again."
    text_of = catalog.read_text(encoding="utf-8")
    assert 'msgstr "Lukk nettleseren helt, og åpne den igjen."' in text_of
    catalog.write_text(text_of.replace('msgstr "Lukk nettleseren helt, og åpne den igjen."', 'msgstr ""'), "utf-8")
    page = parse(guidepress.open_project(tmp_path).render(f"nb/{GUIDE_ID}.html").decode("utf-8"))
    marked = {element.text: element.get("lang") for element in page.iter("span") if element.get("lang")}
    assert marked == {source: "en"}

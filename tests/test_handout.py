"""The BankID handout in nb, nn and en, read back from the PDF as a reader would see it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import GUIDE, GUIDE_ID, LOCALES
from guidepress.build import BuildOptions, build
from pdftext import fonts, outline_titles, pdf_text

EXPECTED = {
    "nb": {
        "steps": [
            "Lukk nettleseren",
            "accountsettings.connect.visma.com",
            "sokndal.vuq.visma.com/enterprise",
        ],
        "ui": [
            "Glemt ditt passord?",
            "Logg inn",
            "ELLER",
            "Logg på med ADFS",
            "Jeg er ikke en robot",
            "Tilbakestill passord",
            "Engangs innloggingslenke",
            "Tilbake til innlogging",
            "Endre passord",
            "Legg til elektronisk ID",
            "Koble konto og fortsett",
            "Elektronisk ID",
            "Sign in as",
            "Konto hos annen organisasjon",
        ],
        "plurals": ["Minimum 8 tegn", "Minimum 1 store tegn", "Minimum 1 spesialtegn"],
        "dates": ["20. november 2026", "Aktivert 15. mars 2021"],
        "page": "Side 1 av",
    },
    "nn": {
        "steps": ["accountsettings.connect.visma.com", "sokndal.vuq.visma.com/enterprise"],
        "ui": ["Logg inn", "Sign in as", "Account Settings"],
        "plurals": ["Minimum 8 teikn"],
        "dates": ["20. november 2026", "15. mars 2021"],
        "page": "Side 1 av",
    },
    "en": {
        "steps": [
            "Close your web browser completely and open it again.",
            "Go to accountsettings.connect.visma.com.",
            "Click Next.",
        ],
        "ui": [
            "Forgot your password?",
            "Log in",
            "OR",
            "Log in with ADFS",
            "I'm not a robot",
            "Reset password",
            "One-time login link",
            "Back to login",
            "Change password",
            "Add electronic ID",
            "Link account and continue",
            "Sign in as",
        ],
        "plurals": ["Minimum 8 characters", "Minimum 1 uppercase character", "Minimum 1 special character"],
        "dates": ["November 20, 2026", "Activated Mar 15, 2021"],
        "page": "Page 1 of",
    },
}


def pdf(built: Path, locale: str) -> Path:
    return built / locale / f"{GUIDE_ID}.pdf"


@pytest.mark.parametrize("locale", LOCALES)
def test_text_of_steps_screens_checklists_and_dates(built: Path, locale: str) -> None:
    text = pdf_text(pdf(built, locale))
    expected = EXPECTED[locale]
    for phrase in expected["steps"] + expected["ui"] + expected["plurals"] + expected["dates"]:
        assert phrase in text, f"{locale}: {phrase!r} not in the PDF"
    assert expected["page"] in text


@pytest.mark.parametrize("locale", LOCALES)
def test_ui_labels_and_names_are_never_hyphenated(built: Path, project, locale: str) -> None:  # type: ignore[no-untyped-def]
    """The text hyphenates its prose, but never a quoted UI label or the organisation's name."""
    from guidepress.document import ui_labels
    from guidepress.l10n.translate import translate
    from guidepress.l10n.translator import translator_for
    from guidepress.source.loader import load_guide

    guide = load_guide(GUIDE)
    document = translate(guide, translator_for(project.locales_dir, locale), {}, guide.updated)
    text = pdf_text(pdf(built, locale))
    assert re.search(r"[a-zæøå]- [a-zæøå]", text), "nothing is hyphenated at all"
    words = {w.strip("?!.,:;") for label in {*ui_labels(document), document.organisation} for w in label.split()}
    assert "kommune" in words or locale == "en"
    for word in words:
        for cut in range(2, len(word) - 1):
            broken = rf"\b{re.escape(word[:cut])}- {re.escape(word[cut:])}\b"
            assert not re.search(broken, text, re.IGNORECASE), f"{locale}: {word!r} is hyphenated"


def test_a_ui_label_anywhere_in_the_text_is_kept_whole(scratch: Path) -> None:
    """Not only in steps: a label the introduction quotes is never hyphenated either."""
    from guidepress.document import ui_labels
    from guidepress.l10n.translate import translate
    from guidepress.l10n.translator import translator_for
    from guidepress.pdf.hyphenation import hyphenator, words_of
    from guidepress.source.loader import load_guide

    path = scratch / "guide_src" / f"{GUIDE_ID}.yaml"
    text = path.read_text()
    assert "\nscreens:\n" in text and "\nlabels:" not in text
    text = text.replace("\nscreens:\n", "\nlabels:\n  configurations: Show configurations\n\nscreens:\n", 1)
    text = text.replace("introduction:\n  - >-\n", "introduction:\n  - >-\n    Click {configurations}.\n", 1)
    path.write_text(text)
    guide = load_guide(path)
    document = translate(guide, translator_for(scratch / "locales", "en"), {}, guide.updated)
    assert "Show configurations" in ui_labels(document)
    assert hyphenator("en")("configurations")  # the word can be broken, but not this time:
    assert hyphenator("en", words_of(ui_labels(document)))("configurations") == []


def test_a_long_introduction_flows_onto_the_next_page(scratch: Path) -> None:
    from guidepress.project import Project

    path = scratch / "guide_src" / f"{GUIDE_ID}.yaml"
    sentence = "This sentence is long enough to fill most of a line of the handout with its words."
    paragraphs = "".join(f"  - >-\n    {sentence * 5} ({n})\n" for n in range(15))
    path.write_text(path.read_text().replace("introduction:\n", "introduction:\n" + paragraphs, 1))
    report = build(Project(scratch), BuildOptions(out_dir=scratch / "out", locales=("en",), png=False))
    assert not report.errors and not report.crashes, report.crashes
    text = pdf_text(scratch / "out" / "en" / f"{GUIDE_ID}.pdf")
    assert all(f"words. ({n})" in text for n in range(15))


@pytest.mark.parametrize("locale", LOCALES)
def test_all_seventeen_steps_are_numbered(built: Path, locale: str) -> None:
    text = pdf_text(pdf(built, locale))
    # the badge numbers come out as their own words
    numbers = {int(w) for w in text.split() if w.isdigit() and int(w) <= 17}
    assert set(range(1, 18)) <= numbers


def test_plural_forms_follow_the_count(scratch: Path, project) -> None:  # type: ignore[no-untyped-def]
    guide = scratch / "guide_src" / f"{GUIDE_ID}.yaml"
    guide.write_text(
        guide.read_text().replace(
            "count: 1\n      text: Minimum {count} uppercase", "count: 2\n      text: Minimum {count} uppercase"
        )
    )
    from guidepress.project import Project

    report = build(Project(scratch), BuildOptions(out_dir=scratch / "out", locales=("en",), png=False))
    assert not report.errors
    text = pdf_text(scratch / "out" / "en" / f"{GUIDE_ID}.pdf")
    assert "Minimum 2 uppercase characters" in text
    assert "Minimum 1 lowercase character " in text + " "


@pytest.mark.parametrize("locale", LOCALES)
def test_fonts_are_embedded_subsets_of_noto_sans(built: Path, locale: str) -> None:
    used = fonts(pdf(built, locale))
    assert used, "no fonts found"
    for name, embedded in used.items():
        assert embedded, f"{name} is not embedded"
        assert "+NotoSans" in name, f"{name} is not a Noto Sans subset"


@pytest.mark.parametrize("locale", LOCALES)
def test_metadata_and_outline(built: Path, locale: str) -> None:
    reader = PdfReader(pdf(built, locale))
    meta = reader.metadata
    assert meta.title and meta.title in pdf_text(pdf(built, locale))
    assert meta.author == "Sokndal kommune"
    assert meta.subject
    assert str(reader.trailer["/Root"]["/Lang"]).startswith(locale)
    titles = outline_titles(pdf(built, locale))
    assert len(titles) >= 7  # title, introduction and the five sections
    assert titles[0] == meta.title


def test_two_builds_are_byte_identical(tmp_path: Path, project) -> None:  # type: ignore[no-untyped-def]
    a = build(project, BuildOptions(out_dir=tmp_path / "a", locales=("nb",)))
    b = build(project, BuildOptions(out_dir=tmp_path / "b", locales=("nb",)))
    assert not a.errors and not b.errors
    for path in a.written:
        twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
        assert path.read_bytes() == twin.read_bytes(), path.name


def test_source_date_epoch_sets_the_date(tmp_path: Path, project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2030, 1, 2, tzinfo=dt.UTC).timestamp())))
    build(project, BuildOptions(out_dir=tmp_path, locales=("en",), png=False))
    path = tmp_path / "en" / f"{GUIDE_ID}.pdf"
    assert "January 2, 2030" in pdf_text(path)
    assert str(PdfReader(path).metadata["/CreationDate"]).startswith("D:20300102")


def test_size_and_page_count(built: Path) -> None:
    for locale in LOCALES:
        path = pdf(built, locale)
        assert path.stat().st_size < 120_000
        assert 3 <= len(PdfReader(path).pages) <= 10


def test_tenant_variables_override_defaults(tmp_path: Path, project) -> None:  # type: ignore[no-untyped-def]
    options = BuildOptions(
        out_dir=tmp_path,
        locales=("en",),
        png=False,
        variables={"organisation": "Acme AS", "enterprise_url": "https://acme.vuq.visma.com/enterprise"},
    )
    report = build(project, options, [project.guide_dir / f"{GUIDE_ID}.yaml"])
    assert not report.errors
    # another organisation's handout never replaces the default one: it has a folder of its own
    [path] = report.written
    assert path.parent.parent.name.startswith("vars-") and path.parent.parent.parent == tmp_path
    assert path.relative_to(path.parent.parent).as_posix() == f"en/{GUIDE_ID}.pdf"
    text = pdf_text(path)
    assert "Acme AS" in text and "acme.vuq.visma.com/enterprise" in text
    assert "sokndal" not in text.lower()
    links = [a.get_object()["/A"].get("/URI") for page in PdfReader(path).pages for a in page.get("/Annots", [])]
    assert "https://acme.vuq.visma.com/enterprise" in links


def test_translated_text_is_never_markup(scratch: Path) -> None:
    """A translation is plain text: `<` and `&` are printed as they are, and a translation with tags is not
    used at all (the source is, with a warning)."""
    po = scratch / "locales" / "en" / "LC_MESSAGES" / "guides.po"
    text = po.read_text()
    source = 'msgstr "Close your web browser completely and open it again."'
    assert source in text
    tags = 'msgstr "Do <b>not</b> <a href=\\"x\\">go</a> to {account_settings_url} again. <img src=\\"a.png\\"/>"'
    assert 'msgstr "Go to {account_settings_url} again."' in text
    text = text.replace('msgstr "Go to {account_settings_url} again."', tags)
    po.write_text(text.replace(source, 'msgstr "Close it & <open it again, 1 < 2 > 0."'))
    from guidepress.project import Project

    report = build(Project(scratch), BuildOptions(out_dir=scratch / "out", locales=("en",), png=False))
    assert not report.errors
    entry = po.read_text().splitlines().index('msgid "Go to {account_settings_url} again."') + 1
    assert [w.split(f"/en/LC_MESSAGES/guides.po:{entry}:1: warning: ")[1] for w in report.warnings] == [
        "en: translation of 'Go to {account_settings_url} again.' has markup "
        "'<b>', '</b>', '<a href=\"x\">', '</a>', '<img src=\"a.png\"/>' (translations are plain text); source used"
    ]
    out = pdf_text(scratch / "out" / "en" / f"{GUIDE_ID}.pdf")
    assert "Close it & <open it again, 1 < 2 > 0." in out
    assert "<b>" not in out and "Do not go" not in out and "Go to " in out


@pytest.mark.parametrize("locale", LOCALES)
def test_every_outline_entry_opens_the_page_of_its_heading(built: Path, locale: str) -> None:
    """The pages are made at the end (for "Page X of Y"); a destination must still name its own page."""
    path = built / locale / f"{GUIDE_ID}.pdf"
    reader = PdfReader(path)
    texts = [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]
    entries = [item for item in reader.outline if not isinstance(item, list)]
    pages = [reader.get_destination_page_number(item) for item in entries]
    assert pages == sorted(pages) and pages[-1] > 0
    for item, page in zip(entries, pages, strict=True):
        assert item.title in texts[page], (item.title, page)


def test_binding_margins_alternate_on_every_page(built: Path) -> None:
    """Odd pages are right-hand pages (binding margin on the left), even pages left-hand ones:
    text starts 25 mm from the edge on odd pages and 15 mm on even ones, all the way through."""
    reader = PdfReader(built / "en" / f"{GUIDE_ID}.pdf")
    assert len(reader.pages) >= 4
    for number, page in enumerate(reader.pages, start=1):
        starts = _text_starts(page)
        expected = 25 if number % 2 else 15
        assert round(min(starts) / 72 * 25.4) == expected, f"page {number}"


def _text_starts(page) -> list[float]:  # type: ignore[no-untyped-def]
    """The x of every piece of text on a page, in points."""
    starts: list[float] = []

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if text.strip():
            starts.append(tm[4] * cm[0] + cm[4])

    page.extract_text(visitor_text=visit)
    return starts

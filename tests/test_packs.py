"""Packs: guides bound into one PDF with a cover, contents, right-hand starts, running headers and
an outline; and one pack per person from a people file, with their personal data kept out of
file names, caches and error lines."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import GUIDE_ID, ROOT
from guidepress.cli.main import main
from guidepress.source.loader import load_guide
from pdftext import outline_titles, pdf_text

SECTIONS = [
    "Open account settings",
    "Reset your password",
    "Log in with the new password",
    "Link BankID",
    "Log in to Visma Enterprise",
]
TITLE = "Link BankID to your Visma account"
# the pack's guides in its order (packs/onboarding.yaml), by their English titles
PRODUCTS = ["VISMA CONNECT", "EXAMPLE PORTAL", "EXAMPLE HR"]
TITLES = [
    TITLE,
    "Turn on two-step verification with an authenticator app",
    "Register an absence in Example HR",
]


def pages_text(path: Path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "").strip() for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("packs")
    for extra in ([], ["--profile", "ticket"], ["--booklet"], ["--bleed"], ["--simplex"]):
        assert (
            main(["--root", str(ROOT), "--out", str(out), "--locale", "en", "--no-png", "--pack", "onboarding", *extra])
            == 0
        )
    return out


def test_cover_contents_right_hand_starts_and_page_numbers(packs: Path) -> None:
    texts = pages_text(packs / "en" / "onboarding.pdf")
    total = len(texts)
    assert texts[0].startswith("Your first week at Sokndal kommune December 1, 2026 VISMA CONNECT " + TITLE)
    assert sum(text.count("Contents") for text in texts) == 1  # the cover lists the guides without a heading
    assert "Page" not in texts[0]  # the cover has no page furniture
    assert texts[1] == ""  # its back is left blank for duplex
    assert texts[2].startswith("Welcome to Sokndal kommune!") and "Contents" in texts[2]
    assert texts[3] == ""
    assert texts[4].startswith("VISMA CONNECT " + TITLE)  # the guide starts on a right-hand page (5)
    # every contents entry names the page its heading is on (where the outline points)
    contents = texts[2][texts[2].index("Contents") :]
    reader = PdfReader(packs / "en" / "onboarding.pdf")
    outline = reader.outline
    starts = []
    for i, item in enumerate(outline):
        if isinstance(item, list):
            continue
        entries = [item, *(outline[i + 1][1:] if i + 1 < len(outline) and isinstance(outline[i + 1], list) else [])]
        for entry in entries if item.title in TITLES else []:
            number = int(re.search(re.escape(entry.title) + r" (\d+)", contents).group(1))
            assert number == reader.get_destination_page_number(entry) + 1, entry.title
            assert entry.title in texts[number - 1]
        if item.title in TITLES:
            starts.append(reader.get_destination_page_number(item) + 1)
    assert len(starts) == len(TITLES) and all(page % 2 == 1 for page in starts)  # each on a right-hand page
    for page, text in enumerate(texts, start=1):
        if text:
            assert page == 1 or f"Page {page} of {total}" in text
    # from a guide's second page on, the running header names that guide and the organisation
    for title, start, end in zip(TITLES, starts, [*starts[1:], total + 1], strict=True):
        for text in texts[start : end - 1]:
            if text:
                assert text.endswith(f"{title} Sokndal kommune") or title in text[-120:], (title, text[-120:])


def test_the_cover_names_the_organisation_once_and_lists_the_guides(packs: Path) -> None:
    """What is inside, at the foot of the cover: each guide's product, title and summary, with the
    page it begins on (the contents page's numbers); the title names the organisation, so no line
    above it repeats it. On a small page the summaries go, and in a ticket the pages are its own."""
    for name, contents in (("onboarding.pdf", 2), ("onboarding.ticket.pdf", 1)):
        texts = pages_text(packs / "en" / name)
        cover = texts[0]
        pages = [int(re.search(re.escape(title) + r" (\d+)", texts[contents]).group(1)) for title in TITLES]
        assert cover.count("Sokndal kommune") == 1 and "SOKNDAL" not in cover, name
        listed = [f"{product} {title} " for product, title in zip(PRODUCTS, TITLES, strict=True)]
        assert all(entry in cover for entry in listed), (name, cover)
        assert "Use this guide if you get an error" in cover
        listing = cover[cover.index(PRODUCTS[0]) :]  # under the title and the date
        numbers = [int(n) for n in re.findall(r" (\d+)(?= [A-Z]{2}| ?$)", listing)]
        assert numbers == pages, (name, cover)
    booklet = PdfReader(packs / "en" / "onboarding.booklet.pdf").pages[0].extract_text()
    assert all(title.split()[0] in booklet for title in TITLES) and "Use this guide" not in booklet


def test_a_cover_whose_title_does_not_name_the_organisation_names_it_above(scratch: Path) -> None:
    (scratch / "packs").mkdir()
    (scratch / "packs" / "start.yaml").write_text(
        "id: start\ntitle: Getting started\nguides:\n  - bankid-visma-connect\n", encoding="utf-8"
    )
    assert main(["--root", str(scratch), "--out", str(scratch / "out"), "--locale", "en", "--no-png"]) == 0
    cover = pages_text(scratch / "out" / "en" / "start.pdf")[0]
    assert cover.startswith("SOKNDAL KOMMUNE Getting started ")
    assert f"VISMA CONNECT {TITLE} " in cover


def test_one_outline_entry_per_guide_with_its_sections_under_it(packs: Path) -> None:
    reader = PdfReader(packs / "en" / "onboarding.pdf")
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == ["Contents", *TITLES]
    nested = [item for item in outline if isinstance(item, list)]
    assert len(nested) == len(TITLES)
    assert [item.title for item in nested[0]] == ["What this fixes", *SECTIONS]
    assert all(lists[0].title == "What this fixes" for lists in nested)
    assert reader.metadata.title == "Your first week at Sokndal kommune"
    assert outline_titles(packs / "en" / "onboarding.pdf")[:2] == ["Contents", TITLE]


def test_a_packs_metadata_describes_the_whole_pack(packs: Path) -> None:
    """The subject is the pack's title and the keywords name the products of all its guides,
    not only the first guide's."""
    for name in ("onboarding.pdf", "onboarding.ticket.pdf"):
        metadata = PdfReader(packs / "en" / name).metadata
        assert metadata.subject == "Your first week at Sokndal kommune"
        keywords = metadata["/Keywords"].split(", ")
        assert keywords == ["Visma Connect", "Example Portal", "Example HR", "onboarding", "en"], name


def test_every_guide_in_a_pack_speaks_for_the_one_organisation(packs: Path) -> None:
    """The organisation and the support contact the pack's welcome names are the same in all its
    guides (the first guide's defaults), though each guide's own default differs."""
    texts = pages_text(packs / "en" / "onboarding.pdf")
    whole = " ".join(texts)
    assert "Eksempel kommune" not in whole
    assert "Need help? Contact support@example.com." in whole
    assert "it-support@example.com" not in whole and "hr@example.com" not in whole


def test_a_packs_date_is_its_newest_guides(packs: Path) -> None:
    """The first guide is dated 20 November, the others 1 December: the pack is as new as its
    newest guide, on the cover, in the footer and in the PDF's creation date."""
    path = packs / "en" / "onboarding.pdf"
    texts = pages_text(path)
    assert "December 1, 2026" in texts[0] and "November 20, 2026" not in texts[0]
    assert f"Your first week at Sokndal kommune · December 1, 2026 Page 3 of {len(texts)}" in texts[2]
    assert str(PdfReader(path).metadata["/CreationDate"]).startswith("D:20261201")


def test_source_date_epoch_still_dates_a_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # 2030-01-01
    argv = ["--root", str(ROOT), "--out", str(tmp_path), "--locale", "en", "--no-png", "--pack", "onboarding"]
    assert main([*argv, "-j", "1"]) == 0
    path = tmp_path / "en" / "onboarding.pdf"
    assert "January 1, 2030" in pages_text(path)[0]
    assert str(PdfReader(path).metadata["/CreationDate"]).startswith("D:20300101")


def test_a_ticket_pack_has_no_blank_pages_and_a_booklet_folds(packs: Path) -> None:
    ticket = pages_text(packs / "en" / "onboarding.ticket.pdf")
    assert "" not in ticket
    assert ticket[1].startswith("Welcome") and ticket[2].startswith("VISMA CONNECT")
    plain = len(PdfReader(packs / "en" / "onboarding.pdf").pages)
    booklet = PdfReader(packs / "en" / "onboarding.booklet.pdf")
    a5_pages = len(booklet.pages) * 2
    assert a5_pages % 4 == 0 and a5_pages >= plain - 4
    width, height = (float(x) for x in booklet.pages[0].mediabox[2:])
    assert width > height  # landscape sheets


def test_a_simplex_pack_has_no_blank_pages_and_a_name_of_its_own(packs: Path) -> None:
    """--simplex, for a single-sided printer: the guides start on any page, with no blank backs,
    and the margins are not mirrored; the duplex pack beside it is left as it is."""
    duplex = pages_text(packs / "en" / "onboarding.pdf")
    simplex_path = packs / "en" / "onboarding.simplex.pdf"
    simplex = pages_text(simplex_path)
    blanks = duplex.count("")
    assert blanks >= 2 and "" not in simplex
    assert len(simplex) == len(duplex) - blanks
    assert simplex[1].startswith("Welcome") and simplex[2].startswith("VISMA CONNECT")
    # the text's left edge is where it is on page 1 on every page (duplex moves it on left-hand pages)
    lefts = []
    for page in PdfReader(simplex_path).pages[1:5]:
        xs: list[float] = []
        page.extract_text(visitor_text=lambda text, cm, tm, *_: xs.append(cm[4] + tm[4]) if text.strip() else None)
        lefts.append(round(min(xs)))
    assert len(set(lefts)) == 1, lefts


def test_simplex_is_for_print_only(capsys: pytest.CaptureFixture[str]) -> None:
    for extra in (["--profile", "ticket"], ["--booklet"]):
        with pytest.raises(SystemExit) as stop:
            main(["--root", str(ROOT), "--simplex", *extra])
        assert stop.value.code == 2
    assert "simplex" in capsys.readouterr().err


def test_every_checkbox_in_a_ticket_pack_is_a_field_of_its_own(packs: Path) -> None:
    """Two guides both have a checklist `done`: each of their boxes is still its own form field
    (a PDF viewer ticks boxes with one full name together), one per checklist item of the pack."""
    reader = PdfReader(packs / "en" / "onboarding.ticket.pdf")
    names = []
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            widget = annot.get_object()
            if widget.get("/Subtype") != "/Widget":
                continue
            parts = []
            node = widget
            while node is not None:  # the full name: the partial names of the field and its parents
                if "/T" in node:
                    parts.insert(0, str(node["/T"]))
                node = node.get("/Parent")
                node = node.get_object() if node is not None else None
            names.append(".".join(parts))
    items = 0
    for guide_id in ("bankid-visma-connect", "two-step-verification", "register-absence"):
        guide = load_guide(ROOT / "guide_src" / f"{guide_id}.yaml")
        policy = guide.password_policy
        items += (len(policy.rules) if policy else 0) + sum(len(c.items) for c in guide.checklists.values())
    assert len(names) == items == 14
    assert len(set(names)) == len(names), sorted(names)
    assert len(reader.get_fields() or {}) == items


def test_a_print_shop_pack_has_crop_marks_on_every_page_even_the_blank_ones(packs: Path) -> None:
    bleed = PdfReader(packs / "en" / "onboarding.bleed.pdf")
    plain = PdfReader(packs / "en" / "onboarding.pdf")
    assert len(bleed.pages) == len(plain.pages)
    assert b" l" not in plain.pages[1].get_contents().get_data()  # a blank back: nothing drawn
    for page in bleed.pages:
        assert page.trimbox != page.mediabox
        assert page.get_contents().get_data().count(b" l") >= 8  # four corners, two marks each


def test_a_pack_naming_an_unknown_guide_or_variable_is_a_located_error(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (scratch / "packs").mkdir()
    (scratch / "packs" / "start.yaml").write_text(
        "id: start\ntitle: Welcome to {organisaton}\nguides:\n  - bankid-visma-conect\n", encoding="utf-8"
    )
    monkeypatch.chdir(scratch)
    assert main(["--locale", "en", "--no-png"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "packs/start.yaml:4:5: no guide 'bankid-visma-conect' in guide_src/ (did you mean 'bankid-visma-connect'?)",
        "packs/start.yaml:2:8: undefined variable {organisaton} (did you mean 'organisation'?)",
    ]
    assert (scratch / "build" / "en" / f"{GUIDE_ID}.pdf").is_file()  # the guide itself still builds


# --- per-person packs -------------------------------------------------------------------------


@pytest.fixture
def people_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("guide_src", "locales", "packs", "assets", "examples"):
        shutil.copytree(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


def test_one_pack_per_person_named_by_their_id(people_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--people", "examples/new-employees.csv", "--locale", "nb", "--no-png"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("built 2 PDFs in ")
    built = sorted(
        p.relative_to(people_project / "build").as_posix() for p in (people_project / "build").rglob("*.pdf")
    )
    assert built == ["nb/onboarding/E1042.pdf", "nb/onboarding/E1043.pdf"]
    texts = pages_text(people_project / "build" / "nb" / "onboarding" / "E1042.pdf")
    cover = texts[0]
    assert "Laget for" in cover
    for value in (
        "Navn Ingrid Solheim",
        "Jobb-e-post ingrid.solheim@fjordvik.example",
        "Brukernavn isol",
        "Startdato 1. desember 2026",
        "Avdeling Helse og omsorg",
    ):
        assert value in cover, value
    assert "ingrid.solheim@fjordvik.example" in " ".join(texts[4:])  # the guide's user_email
    assert "Jonas" not in " ".join(texts)
    # personal data stays out of the caches
    cached = b"".join(p.read_bytes() for p in (people_project / "cache").rglob("*") if p.is_file())
    for secret in ("Ingrid", "Solheim", "ingrid.solheim", "Helse og omsorg", "Jonas", "jonas.berg"):
        assert secret.encode() not in cached, secret


def test_a_bad_person_row_names_the_cell_and_the_id_never_the_data(
    people_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = people_project / "people.csv"
    people.write_text(
        "employee_id,name,email,username,start_date,department\n"
        "E2001,Per Hansen,per.hansen(at)firma.example,phan,2026-12-01,Lønn\n"
        "E2002,Siri Dahl,siri.dahl@firma.example,sdah,1. desember,Lønn\n"
        "E2003,Ola Nordmann,ola@firma.example,onor,2026-12-02,Drift\n",
        encoding="utf-8",
    )
    assert main(["--people", "people.csv", "--locale", "en", "--no-png"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[:2] == [
        "people.csv:2:18: email: not an email address (employee_id E2001)",
        "people.csv:3:46: start_date: not a date (YYYY-MM-DD) (employee_id E2002)",
    ]
    assert err.splitlines()[-1].endswith("; 0 failed; 2 people not built")  # E2003's pack is built
    for secret in ("Per", "Hansen", "per.hansen", "Siri", "1. desember"):
        assert secret not in err, secret
    assert [p.name for p in (people_project / "build").rglob("*.pdf")] == ["E2003.pdf"]


def test_a_people_file_with_a_column_named_twice_or_unnamed_is_refused(
    people_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Which of two `email` columns is the person's? Neither is guessed (the second one was kept)."""
    (people_project / "people.csv").write_text(
        "employee_id,name,email,username,start_date,department,email,\n"
        "E2001,Per Hansen,per@firma.example,phan,2026-12-01,Lønn,other@firma.example,\n",
        encoding="utf-8",
    )
    assert main(["--people", "people.csv", "--locale", "en", "--no-png"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:-1] == [
        "people.csv:1:55: column 'email' is named twice",
        "people.csv:1:61: column 8 has no name",
    ]
    assert err[-1].startswith("built 0 PDFs in ") and err[-1].endswith("; 0 failed; 1 person not built")
    assert not list((people_project / "build").rglob("*.pdf"))


def test_a_persons_values_in_prose_are_never_hyphenated(
    people_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A people column may stand in the pack's prose; its words are kept whole, so none of them
    is ever handed to the hyphenator, nor remembered in its cache."""
    from guidepress.pdf import hyphenation
    from guidepress.pdf import pack as pack_pdf

    pack = people_project / "packs" / "onboarding.yaml"
    text = pack.read_text(encoding="utf-8")
    welcome = "    Welcome to {organisation}! This pack"
    assert welcome in text
    text = text.replace(welcome, "    Welcome to the {department} of {organisation}! This pack")
    text = text.replace(
        "      label: Department\n", "      label: Department\n      cover: false\n"
    )  # in the prose only
    pack.write_text(text, "utf-8")
    department = "sykehjemsetatens tjenesteutviklingsavdeling for hjemmebaserte omsorgstjenester"
    (people_project / "people.csv").write_text(
        "employee_id,name,email,username,start_date,department\n"
        f"E3001,Kari Nordmann,kari@firma.example,knor,2026-12-01,{department}\n",
        encoding="utf-8",
    )
    kept: list[frozenset[str]] = []
    real = pack_pdf.styles_for
    monkeypatch.setattr(pack_pdf, "styles_for", lambda locale, keep: kept.append(keep) or real(locale, keep))
    assert main(["--people", "people.csv", "--locale", "nb", "--no-png", "-j", "1"]) == 0
    [pdf] = (people_project / "build").rglob("E3001.pdf")
    assert "sykehjemsetatens tjenesteutviklingsavdeling" in pages_text(pdf)[2]
    long_words = [word for word in department.split() if len(word) > 12]
    assert hyphenation.hyphenator("nb")(long_words[0])  # a word pyphen would break
    for word in long_words:
        assert word in kept[-1]
        assert hyphenation.hyphenator("nb", kept[-1])(word) == []


def test_people_of_several_tenants_each_in_their_tenants_folder(
    people_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (people_project / "people.csv").write_text(
        "employee_id,name,email,username,start_date,department,tenant\n"
        "E1,Ola Berg,ola@fjordvik.example,ober,2026-12-01,IT,fjordvik\n"
        "E2,Kari Dahl,kari@lyngbo.example,kdah,2026-12-01,IT,lyngbo\n"
        "E3,Per Lie,per@x.example,plie,2026-12-01,IT,nowhere\n",
        encoding="utf-8",
    )
    args = ["--people", "people.csv", "--tenants", "examples/tenants.csv", "--no-png", "--locale", "nb"]
    assert main(args) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "people.csv:4:45: tenant 'nowhere': not in examples/tenants.csv, or its row has errors"
    )
    built = sorted(
        p.relative_to(people_project / "build").as_posix() for p in (people_project / "build").rglob("*.pdf")
    )
    assert built == ["fjordvik/nb/onboarding/E1.pdf", "lyngbo/nb/onboarding/E2.pdf"]
    assert "Fjordvik kommune" in pages_text(people_project / "build" / "fjordvik" / "nb" / "onboarding" / "E1.pdf")[0]
    assert main([*args, "--tenant", "lyngbo", "--force"]) == 0  # another tenant's people are left out
    assert "built 1 PDF for 1 tenant" in capsys.readouterr().err


def test_a_pack_in_a_language_nobody_translated_says_so_once(tmp_path: Path) -> None:
    """Each guide warns for itself; the pack once, counting a message its guides share once."""
    import subprocess
    import sys

    for name in ("guide_src", "locales", "assets", "packs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    init = ["init", "-D", "guides", "-i", "locales/guides.pot", "-d", "locales", "-l", "se"]
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *init], cwd=tmp_path, check=True, capture_output=True
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "make_pdf.py"), "--locale", "se", "--no-png"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("locales/se/")]
    # the others name the catalog's untranslated entries, a few per catalog, each once
    named = [line for line in result.stderr.splitlines() if line.startswith("locales/se/")]
    assert named and len(named) == len(set(named))
    found = {line.split(":1:1: warning: ")[0]: line.split(":1:1: warning: ")[1] for line in lines}
    assert len(lines) == len(found) == 4  # the three guides and the pack, each once
    counts = {}
    for source, sentence in found.items():
        match = re.fullmatch(
            r"se: (\d+) of \1 messages untranslated and (\d+) of \2 handout words untranslated, the handout shows nb",
            sentence,
        )
        assert match, sentence
        counts[source] = int(match.group(1))
    guides = [n for s, n in counts.items() if s.startswith("guide_src/")]
    # more than any one guide, and all three and the pack's own texts added up: each guide's labels are its
    # product's own ("Next" in two products is two messages), and its sentences its own
    assert max(guides) < counts["packs/onboarding.yaml"] <= sum(guides) + 3
    cover = pages_text(tmp_path / "build" / "se" / "onboarding.pdf")[0]
    assert "1. desember 2026" in cover and "juovla" not in cover  # dated as the Bokmål it shows


def test_a_pack_title_translated_with_a_wrong_placeholder_warns_and_shows_the_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pack's own texts are checked as a guide's are: the cover is not left silently in English."""
    for name in ("guide_src", "locales", "assets", "packs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    po = tmp_path / "locales" / "nb" / "LC_MESSAGES" / "guides.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "Din første uke i {organisation}"' in text
    po.write_text(text.replace("Din første uke i {organisation}", "Din første uke i {organisasjon}"), encoding="utf-8")
    assert main(["--root", str(tmp_path), "--locale", "nb", "--no-png", "--pack", "onboarding"]) == 0
    entry = po.read_text(encoding="utf-8").splitlines().index('msgid "Your first week at {organisation}"') + 1
    warning = (  # at the catalog's entry, as --strict says it
        f"/locales/nb/LC_MESSAGES/guides.po:{entry}:1: warning: nb: translation of 'Your first week at "
        "{organisation}' has placeholders that do not match; source used"
    )
    assert [line for line in capsys.readouterr().err.splitlines() if line.endswith(warning)]
    cover = pages_text(tmp_path / "build" / "nb" / "onboarding.pdf")[0]
    assert "Your first week at Sokndal kommune" in cover and "{organisasjon}" not in cover
    assert "Din første uke" not in cover


def test_a_guide_s_warning_is_said_once_though_a_pack_binds_the_guide(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One build, one line per problem: a translation the guide cannot use, and a label too long for
    its button, come from the guide's handout and again from the pack's; the pack's own line about
    what the whole pack leaves untranslated stays."""
    from guidepress.build import BuildOptions, build
    from guidepress.project import Project

    for name in ("guide_src", "locales", "assets", "packs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    po = tmp_path / "locales" / "nn" / "LC_MESSAGES" / "guides.po"
    text = po.read_text(encoding="utf-8")
    for old, new in [
        ('msgstr "Send til godkjenning"', 'msgstr "Send til\\ngodkjenning"'),
        (
            'msgstr "Logg på med ADFS"',
            'msgstr "Logg på med ADFS via den eigne identitetstenaren til organisasjonen din"',
        ),
    ]:
        assert text.count(old) == 1
        text = text.replace(old, new)
    po.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    options = BuildOptions(out_dir=tmp_path / "build", locales=("nn",), png=False, packs=None)
    report = build(Project(tmp_path), options)
    assert not report.errors and len(report.warnings) == len(set(report.warnings))
    assert main(["--locale", "nn", "--no-png", "--force"]) == 0
    err = capsys.readouterr().err.splitlines()
    control = [line for line in err if "has a control character U+000A (LINE FEED)" in line]
    entry = text.splitlines().index('msgid "Send for approval"') + 1
    assert [line.split(": warning: ")[0] for line in control] == [f"locales/nn/LC_MESSAGES/guides.po:{entry}:1"]
    assert len([line for line in err if "'adfs' on screen 'login' does not fit" in line]) == 1
    assert [line for line in err if line.startswith("guide_src/register-absence.yaml:1:1: warning: nn: 1 of ")]
    assert [line for line in err if line.startswith("packs/onboarding.yaml:1:1: warning: nn: 1 of ")]
    assert len(err) == 4


def test_a_pack_text_missing_from_the_template_is_a_strict_error_and_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A welcome paragraph added without re-extracting is caught as a guide's step would be."""
    for name in ("guide_src", "locales", "assets", "packs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    pack = tmp_path / "packs" / "onboarding.yaml"
    text = pack.read_text(encoding="utf-8")
    assert text.count("\n# In the order") == 1
    pack.write_text(text.replace("\n# In the order", "\n  - Ask your manager for a building pass.\n# In the order"))
    monkeypatch.chdir(tmp_path)
    assert main(["--strict", "--no-png", "--pack", "onboarding"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert [re.sub(r":\d+:\d+: (\w+): 1 of \d+ ", r":L:C: \1: 1 of N ", line) for line in err] == [
        f"packs/onboarding.yaml:L:C: {locale}: 1 of N messages untranslated, the handout shows en "
        "(is the template up to date? run: pybabel extract -F babel.cfg -c TRANSLATORS: -o locales/guides.pot . "
        "&& pybabel update --previous -D guides -i locales/guides.pot -d locales)"
        for locale in ("nb", "nn")
    ]
    assert not (tmp_path / "build").exists()
    assert main(["--locale", "nb", "--no-png", "--pack", "onboarding"]) == 0
    warnings = capsys.readouterr().err.splitlines()
    [warning] = [w for w in warnings if w.startswith("packs/onboarding.yaml:")]
    assert re.fullmatch(
        r"packs/onboarding.yaml:1:1: warning: nb: 1 of \d+ messages untranslated, the handout shows en",
        warning,
    )
    assert "Ask your manager for a building pass." in pdf_text(tmp_path / "build" / "nb" / "onboarding.pdf")

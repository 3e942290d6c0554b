"""The Python API: `guidepress.open_project(dir).render(path)` gives the bytes the command line writes
at `build/<path>`, refuses what the command line refuses with the same words, and names nothing
outside the project."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import guidepress
from conftest import GUIDE_ID, ROOT
from guidepress.errors import GuideError
from pdftext import pdf_text

EPOCH = "1767225600"
TENANTS = ROOT / "examples" / "tenants.csv"
PEOPLE = ROOT / "examples" / "new-employees.csv"


def make_pdf(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    command = [sys.executable, str(ROOT / "make_pdf.py"), "--out", str(out), "-j", "1", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def cli_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What make_pdf.py writes: a plain build with HTML, a ticket/letter one, and a tenants one."""
    out = tmp_path_factory.mktemp("cli")
    for args in (("--html",), ("--profile", "ticket", "--paper", "letter", "--no-png")):
        assert make_pdf(out, *args).returncode == 0
    tenants = ("--tenants", str(TENANTS), "--tenant", "fjordvik", "--no-png")
    assert make_pdf(out, *tenants).returncode == 0
    assert make_pdf(out, *tenants, "--people", str(PEOPLE)).returncode == 0
    return out


@pytest.fixture(scope="module")
def opened() -> guidepress.GuidesProject:
    return guidepress.open_project(ROOT)


@pytest.mark.parametrize(
    "path",
    [
        "nb/bankid-visma-connect.pdf",  # a handout
        "en/register-absence.ticket.letter.pdf",  # a ticket form on US Letter
        "nn/onboarding.pdf",  # a pack
        "en/two-step-verification.html",  # an HTML page
        "nb/onboarding.html",  # a pack's page
        "nb/bankid-visma-connect/06-reset-request.png",  # a PNG screen
        "fjordvik/nb/bankid-visma-connect.pdf",  # a tenant's handout (with its logo)
        "fjordvik/nn/onboarding/E1042.pdf",  # a person's pack
    ],
)
def test_render_gives_the_bytes_make_pdf_writes(
    path: str, cli_build: Path, opened: guidepress.GuidesProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    written = (cli_build / path).read_bytes()
    people = PEOPLE if path.count("/") == 3 else None
    assert opened.render(path, tenants=TENANTS if path.startswith("fjordvik/") else None, people=people) == written
    address = opened.resolve(path, tenants=TENANTS if path.startswith("fjordvik/") else None, people=people)
    assert address.path == path and address.cost > 0


def test_a_script_renders_through_the_package_alone(cli_build: Path, tmp_path: Path) -> None:
    """As a user's script would: `import guidepress` and nothing else of ours."""
    script = tmp_path / "script.py"
    script.write_text(
        "import sys, guidepress\n"
        "project = guidepress.open_project(sys.argv[1])\n"
        "sys.stdout.buffer.write(project.render('en/bankid-visma-connect.pdf'))\n",
        encoding="utf-8",
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, str(script), str(ROOT)], env=env, capture_output=True, check=True)
    assert done.stdout == (cli_build / "en/bankid-visma-connect.pdf").read_bytes()


def test_values_render_into_their_own_folder(opened: guidepress.GuidesProject, tmp_path: Path) -> None:
    assert make_pdf(tmp_path, "--var", "organisation=Acme AS", "--no-png", "--locale", "nb").returncode == 0
    (written,) = tmp_path.glob("vars-*/nb/bankid-visma-connect.pdf")
    path = written.relative_to(tmp_path).as_posix()
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        assert opened.render(path, values={"organisation": "Acme AS"}) == written.read_bytes()
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    with pytest.raises(guidepress.NotFound, match="the values given make their own folder"):
        opened.render("nb/bankid-visma-connect.pdf", values={"organisation": "Acme AS"})
    with pytest.raises(guidepress.NotFound, match="not the folder of the values given"):
        opened.render("vars-00000000/nb/bankid-visma-connect.pdf", values={"organisation": "Acme AS"})


def test_an_unknown_locale_is_refused_with_the_command_lines_words(
    opened: guidepress.GuidesProject, capsys: pytest.CaptureFixture[str]
) -> None:
    from guidepress.cli.main import main

    with pytest.raises(SystemExit):
        main(["--root", str(ROOT), "--locale", "de"])
    cli = capsys.readouterr().err.strip().splitlines()[-1]
    with pytest.raises(guidepress.NotFound) as refused:
        opened.render("de/bankid-visma-connect.pdf")
    assert str(refused.value) == "de/bankid-visma-connect.pdf: " + refused.value.message
    assert cli == f"guidepress: error: --locale de: {refused.value.message}"


def test_the_library_build_refuses_what_the_command_line_refuses(tmp_path: Path) -> None:
    """`build` called from Python once built three PDFs for a locale the command line refuses,
    and blamed a booklet-and-bleed conflict on each guide's `output:` line."""
    from guidepress.build import BuildOptions, build
    from guidepress.project import Project

    report = build(Project(ROOT), BuildOptions(out_dir=tmp_path, locales=("de",)))
    assert [str(e) for e in report.errors] == [
        "--locale de: no catalog locales/de/LC_MESSAGES/ (have: en, nb, nn, qps-ploc)"
    ]
    report = build(Project(ROOT), BuildOptions(out_dir=tmp_path, booklet=True, bleed=True))
    assert [str(e) for e in report.errors] == [
        "--booklet --bleed: a booklet is printed on an office printer; it cannot be combined with bleed"
    ]
    assert not list(tmp_path.rglob("*.pdf"))


@pytest.mark.parametrize(
    ("path", "kind", "message"),
    [
        ("nb/nope.pdf", "NotFound", "no guide or pack 'nope' (have: bankid-visma-connect, onboarding, "),
        ("nb/bankid-visma-connec.pdf", "NotFound", "(did you mean 'bankid-visma-connect'?)"),
        ("nb/bankid-visma-connect.foo.pdf", "NotFound", "unknown file suffix"),
        ("nb/bankid-visma-connect.bleed.ticket.pdf", "NotFound", "unknown file suffix"),  # not in the names' order
        ("nb/bankid-visma-connect.docx", "NotFound", "unknown file suffix"),
        ("nb/bankid-visma-connect.letter.ticket.html", "NotFound", "unknown file suffix"),  # a page's, likewise
        ("nb/bankid-visma-connect.ticket.simplex.pdf", "GuideError", "simplex is for print"),
        ("nb/bankid-visma-connect/99-x.png", "NotFound", "no such screen (have: 03-04-email-entry.png, "),
        ("nb/bankid-visma-connect.booklet.bleed.pdf", "GuideError", "it cannot be combined with bleed"),
        ("nb/bankid-visma-connect.ticket.booklet.pdf", "GuideError", "it cannot be combined with the ticket profile"),
        ("fjordvik/nb/bankid-visma-connect.pdf", "NotFound", "no tenants file (tenants=)"),
        ("nb", "NotFound", "not an output path"),
        ("../guide_src/bankid-visma-connect.yaml", "NotFound", "not an output path: a path with an empty, '.' or '..'"),
        ("nb//bankid-visma-connect.pdf", "NotFound", "not an output path"),
        ("/etc/passwd", "NotFound", "not an output path: an absolute path"),
        ("nb/bank\x00.pdf", "NotFound", "not an output path: a path with a control character"),
        ("nb\\bankid-visma-connect.pdf", "NotFound", "not an output path: a path with a backslash"),
    ],
)
def test_an_address_that_names_nothing_is_refused_in_one_line(
    path: str, kind: str, message: str, opened: guidepress.GuidesProject
) -> None:
    with pytest.raises(GuideError) as refused:
        opened.render(path)
    assert type(refused.value).__name__ == kind
    assert message in str(refused.value) and "\n" not in str(refused.value)
    assert "\x00" not in str(refused.value)


def test_a_tenant_and_a_person_are_looked_up_in_the_files_given(opened: guidepress.GuidesProject) -> None:
    with pytest.raises(
        guidepress.NotFound, match="no tenant 'fjordvk' in .*tenants.csv \\(did you mean 'fjordvik'\\?\\)"
    ):
        opened.resolve("fjordvk/nb/bankid-visma-connect.pdf", tenants=TENANTS)
    with pytest.raises(guidepress.NotFound, match="tenant 'fjordvik' is not built in en"):
        opened.resolve("fjordvik/en/bankid-visma-connect.pdf", tenants=TENANTS)
    with pytest.raises(guidepress.NotFound, match="no person 'E9999' in the people file"):
        opened.resolve("fjordvik/nb/onboarding/E9999.pdf", tenants=TENANTS, people=PEOPLE)
    address = opened.resolve("fjordvik/nb/onboarding/E1042.pdf", tenants=TENANTS, people=PEOPLE)
    assert (address.kind, address.tenant, address.person, address.subject) == (
        "pack",
        "fjordvik",
        "E1042",
        "onboarding",
    )


def test_a_guide_with_an_error_is_the_command_lines_located_error(
    scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from guidepress.cli.main import main

    guide = scratch / "guide_src" / "bankid-visma-connect.yaml"
    guide.write_text(guide.read_text(encoding="utf-8").replace("id: bankid-visma-connect", "id: other", 1))
    assert main(["--root", str(scratch), "--out", str(scratch / "out"), "--locale", "nb", "--no-png"]) == 1
    printed = capsys.readouterr().err.strip()
    with pytest.raises(GuideError) as refused:
        guidepress.open_project(scratch).render("nb/bankid-visma-connect.pdf")
    assert str(refused.value) == printed
    assert printed.startswith(f"{guide}:") and "must match the file name 'bankid-visma-connect'" in printed


def test_outputs_lists_what_a_build_writes(opened: guidepress.GuidesProject, cli_build: Path) -> None:
    listed = opened.outputs(html=True)
    written = sorted(
        p.relative_to(cli_build).as_posix()
        for p in cli_build.glob("*/**/*")
        if p.is_file() and p.parts[len(cli_build.parts)] in ("nb", "nn", "en") and ".ticket." not in p.name
    )
    assert listed == written


def test_a_guides_own_simplex_output_is_addressed_by_the_names_the_build_writes(
    scratch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A guide whose `output:` sets simplex (and html) is written as `<id>.simplex.pdf` and
    `<id>.simplex.html`; `render` once knew no `.simplex` and found neither."""
    guide = scratch / "guide_src" / f"{GUIDE_ID}.yaml"
    guide.write_text(guide.read_text(encoding="utf-8") + "output:\n  simplex: true\n  html: true\n", encoding="utf-8")
    out = tmp_path / "out"
    assert make_pdf(out, "--root", str(scratch), "--no-png").returncode == 0  # a page links the other locales
    written = sorted(p.relative_to(out).as_posix() for p in out.glob("nb/*.*") if p.suffix in (".pdf", ".html"))
    assert written == [f"nb/{GUIDE_ID}.simplex.html", f"nb/{GUIDE_ID}.simplex.pdf"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    opened = guidepress.open_project(scratch)
    assert set(written) <= set(opened.outputs(png=False))
    for path in written:
        assert opened.resolve(path).choices == ("simplex",)
        assert opened.render(path) == (out / path).read_bytes(), path
    for path in (f"nb/{GUIDE_ID}.pdf", f"nb/{GUIDE_ID}.html"):  # no build writes these: its own output is simplex
        with pytest.raises(guidepress.NotFound, match=f"a build writes nb/{GUIDE_ID}.simplex"):
            opened.render(path)


def test_a_ticket_page_and_a_ticket_tenants_handout_are_the_files_the_command_line_writes(
    opened: guidepress.GuidesProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page is named like the PDF it links (`<id>.ticket.html`); a tenant whose own profile is
    ticket on Letter gets `<id>.ticket.letter.pdf` from a default build, and no `<id>.pdf`."""
    assert make_pdf(tmp_path, "--profile", "ticket", "--html", "--no-png").returncode == 0
    tenant = make_pdf(tmp_path, "--tenants", str(TENANTS), "--tenant", "northwind", "--no-png")
    assert tenant.returncode == 0, tenant.stderr
    page = f"en/{GUIDE_ID}.ticket.html"
    handout = f"northwind/en/{GUIDE_ID}.ticket.letter.pdf"
    assert (tmp_path / page).is_file() and not (tmp_path / f"en/{GUIDE_ID}.html").exists()
    assert (tmp_path / handout).is_file() and not (tmp_path / f"northwind/en/{GUIDE_ID}.pdf").exists()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert opened.resolve(page).kind == "html"
    assert opened.render(page) == (tmp_path / page).read_bytes()
    assert opened.render(handout, tenants=TENANTS) == (tmp_path / handout).read_bytes()
    for plain in (f"northwind/en/{GUIDE_ID}.pdf", f"northwind/en/{GUIDE_ID}.ticket.pdf"):
        with pytest.raises(guidepress.NotFound, match=f"a build writes {handout} "):
            opened.render(plain, tenants=TENANTS)


def test_the_tenants_file_is_read_once_while_unchanged_and_again_when_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The address's tenant is looked up, and its one job planned, with the file kept by the
    project: renders of an unchanged file read it once; an edited file is read on the next render,
    and what it renders is the edited row's."""
    from guidepress.source import tenants as tenants_module

    reads: list[Path] = []
    load = tenants_module.load_tenants
    monkeypatch.setattr(tenants_module, "load_tenants", lambda path: reads.append(path) or load(path))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    tenants = tmp_path / "tenants.csv"
    text = TENANTS.read_text(encoding="utf-8")  # its logos are named inside the project's assets/
    tenants.write_text(text, encoding="utf-8")
    opened = guidepress.open_project(ROOT)
    first = opened.workspace.tenants(tenants)
    assert len(reads) == 1
    assert opened.resolve(f"lyngbo/nb/{GUIDE_ID}.pdf", tenants=tenants).tenant == "lyngbo"
    before = opened.render(f"lyngbo/nb/{GUIDE_ID}.ticket.pdf", tenants=tenants)
    assert len(reads) == 1  # neither the address's check nor the plan read it again
    assert opened.workspace.tenants(tenants) is first  # unchanged: not read again
    with pytest.raises(guidepress.NotFound, match="no tenant 'lyngbo2'"):
        opened.resolve(f"lyngbo2/nb/{GUIDE_ID}.pdf", tenants=tenants)
    row = next(line for line in text.splitlines() if line.startswith("lyngbo,"))
    edited = text.replace("Lyngbø Bygg AS", "Lyngbø Bygg og Anlegg AS")
    tenants.write_text(edited + row.replace("lyngbo,", "lyngbo2,", 1) + "\n", encoding="utf-8")
    assert opened.resolve(f"lyngbo2/nb/{GUIDE_ID}.pdf", tenants=tenants).tenant == "lyngbo2"  # the edit is seen
    assert opened.workspace.tenants(tenants) is not first
    after = opened.render(f"lyngbo/nb/{GUIDE_ID}.ticket.pdf", tenants=tenants)
    texts = []
    for name, data in (("before", before), ("after", after)):
        (tmp_path / f"{name}.pdf").write_bytes(data)
        texts.append(" ".join(pdf_text(tmp_path / f"{name}.pdf").split()))
    assert "Lyngbø Bygg AS" in texts[0] and "Lyngbø Bygg og Anlegg AS" in texts[1]


def test_the_people_file_is_read_once_while_unchanged_and_again_when_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A person's address is planned with the people file the project keeps: resolved twice, it is
    read once; an edited file (a person added) is read on the next request."""
    from guidepress.source import people as people_module

    reads: list[Path] = []
    load = people_module.load_people
    monkeypatch.setattr(people_module, "load_people", lambda path, spec: reads.append(path) or load(path, spec))
    people = tmp_path / "people.csv"
    text = PEOPLE.read_text(encoding="utf-8")
    people.write_text(text, encoding="utf-8")
    opened = guidepress.open_project(ROOT)
    for _ in range(2):
        assert opened.resolve("fjordvik/nb/onboarding/E1042.pdf", tenants=TENANTS, people=people).person == "E1042"
    assert len(reads) == 1
    with pytest.raises(guidepress.NotFound):
        opened.resolve("fjordvik/nb/onboarding/E7777.pdf", tenants=TENANTS, people=people)
    row = next(line for line in text.splitlines() if line.startswith("E1042,"))
    people.write_text(text + row.replace("E1042,", "E7777,", 1) + "\n", encoding="utf-8")
    assert opened.resolve("fjordvik/nb/onboarding/E7777.pdf", tenants=TENANTS, people=people).person == "E7777"
    assert len(reads) == 2


def test_titles_are_the_handouts_translation_of_each_guide_and_pack() -> None:
    """`titles(locale)`: what the catalogs say (read here with Babel), the source where none has it."""
    import yaml
    from babel.messages.pofile import read_po

    opened = guidepress.open_project(ROOT)
    guide_title = yaml.safe_load((ROOT / "guide_src" / f"{GUIDE_ID}.yaml").read_text(encoding="utf-8"))["title"]
    pack_title = yaml.safe_load((ROOT / "packs/onboarding.yaml").read_text(encoding="utf-8"))["title"]
    with (ROOT / "locales/nn/LC_MESSAGES/guides.po").open("rb") as handle:
        catalog = read_po(handle, locale="nn")
    nn = opened.titles("nn")
    assert nn[GUIDE_ID] == catalog[guide_title].string != guide_title
    assert nn["onboarding"] == catalog[pack_title].string.replace("{organisation}", "…")
    assert opened.titles("de")[GUIDE_ID] == guide_title  # no catalog: the source
    assert set(nn) == {p.stem for p in (ROOT / "guide_src").glob("*.yaml")} | {"onboarding"}

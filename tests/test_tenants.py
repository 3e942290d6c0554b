"""Tenants files (CSV and YAML): one organisation a row, its own folder, logo and choices; a bad
row fails that tenant only, with the cell's file:line:col."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import GUIDE_ID, ROOT
from guidepress.cli.main import main
from pdftext import fonts, pdf_text

HEADER = "id,organisation,enterprise_url,support_contact,logo,locales,profile,paper\n"
ROWS = {
    "fjordvik": "fjordvik,Fjordvik kommune,https://fjordvik.vuq.visma.com/enterprise,it@fjordvik.example,"
    "logos/fjordvik.svg,nb,,\n",
    "lyngbo": "lyngbo,Lyngbø Bygg AS,https://lyngbo.vuq.visma.com/enterprise,,logos/lyngbo.png,en,ticket,letter\n",
}


@pytest.fixture
def project(scratch: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(scratch)
    return scratch


def tenants(project: Path, *rows: str, header: str = HEADER, name: str = "tenants.csv") -> Path:
    path = project / name
    path.write_text(header + "".join(rows), encoding="utf-8")
    return path


def test_every_tenant_gets_its_folder_logo_values_and_choices(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tenants(project, *ROWS.values())
    assert main(["--tenants", "tenants.csv", "--no-png"]) == 0
    out, err = capsys.readouterr()
    assert out == ""  # a batch prints no line per file
    assert err.startswith("built 2 PDFs for 2 tenants in ") and err.endswith("; 0 up to date; 0 failed\n")
    fjordvik = project / "build" / "fjordvik" / "nb" / f"{GUIDE_ID}.pdf"
    lyngbo = project / "build" / "lyngbo" / "en" / f"{GUIDE_ID}.ticket.letter.pdf"
    assert sorted(p.relative_to(project / "build").as_posix() for p in (project / "build").rglob("*.pdf")) == [
        f"fjordvik/nb/{GUIDE_ID}.pdf",
        f"lyngbo/en/{GUIDE_ID}.ticket.letter.pdf",
    ]
    assert "Fjordvik kommune" in pdf_text(fjordvik) and "fjordvik.vuq.visma.com/enterprise" in pdf_text(fjordvik)
    assert "Lyngbø Bygg AS" in pdf_text(lyngbo)
    first = PdfReader(lyngbo).pages[0]
    assert round(float(first.mediabox.width)) == 612  # US Letter
    images = [x for x in first["/Resources"]["/XObject"].values() if x.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 1 and images[0].get_object()["/Width"] == 600  # the PNG logo
    # the SVG logo is drawn as vectors: no image, no font of its own
    assert "/XObject" not in PdfReader(fjordvik).pages[0]["/Resources"] or not [
        x
        for x in PdfReader(fjordvik).pages[0]["/Resources"]["/XObject"].values()
        if x.get_object()["/Subtype"] == "/Image"
    ]
    assert all(name.split("+")[-1].startswith("/NotoSans") or "NotoSans" in name for name in fonts(fjordvik))
    without = project / "plain"
    assert (
        main(
            [
                "--out",
                str(without),
                "--locale",
                "nb",
                "--no-png",
                "--var",
                "organisation=Fjordvik kommune",
                "--var",
                "enterprise_url=https://fjordvik.vuq.visma.com/enterprise",
                "--var",
                "support_contact=it@fjordvik.example",
            ]
        )
        == 0
    )
    [plain] = without.rglob("*.pdf")
    assert len(fjordvik.read_bytes()) > len(plain.read_bytes())  # the logo's paths


def test_a_bad_row_fails_that_tenant_only_with_the_cells_location(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = "acme,Acme AS,acme-enterprise,support(at)acme.example,,nb xx,,\n"
    tenants(project, ROWS["fjordvik"], bad)
    assert main(["--tenants", "tenants.csv", "--no-png"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:-1] == [
        "tenants.csv:3:14: enterprise_url: not a web address (https://…): 'acme-enterprise'",
        "tenants.csv:3:30: support_contact: not an email address: 'support(at)acme.example'",
        "tenants.csv:3:58: locale 'xx' has no catalog (have: en, nb, nn)",
    ]
    assert err[-1].startswith("built 1 PDF for 1 tenant")
    assert (project / "build" / "fjordvik" / "nb" / f"{GUIDE_ID}.pdf").is_file()
    assert not (project / "build" / "acme").exists()


def test_a_column_no_guide_knows_is_an_error_at_its_header_cell(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tenants(project, "acme,Acme AS,\n", "birk,Birk AS,\n", header="id,organisation,enterprise_adress\n")
    assert main(["--tenants", "tenants.csv"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        "tenants.csv:1:17: no guide defines the variable 'enterprise_adress' (did you mean 'enterprise_url'?)"
    )
    assert err[-1].startswith("built 0 PDFs in ") and err[-1].endswith("; 0 failed; 2 tenants not built")
    assert not (project / "build").exists() or not list((project / "build").rglob("*.pdf"))


def test_a_spreadsheets_csv_with_semicolons_and_a_byte_order_mark(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = '\ufeffid;organisation;locales\nsokndal;Sokndal kommune;nn\nbirk;"Birk; Berg AS";en\n'
    (project / "t.csv").write_text(text, encoding="utf-8")
    assert main(["--tenants", "t.csv", "--no-png", "--tenant", "birk"]) == 0
    [pdf] = (project / "build").rglob("*.pdf")
    assert pdf.relative_to(project / "build").as_posix() == f"birk/en/{GUIDE_ID}.pdf"
    assert "Birk; Berg AS" in pdf_text(pdf)
    with pytest.raises(SystemExit) as exc:
        main(["--tenants", "t.csv", "--tenant", "nobody"])
    assert exc.value.code == 2  # a usage error, before anything is built
    assert "--tenant nobody: no tenant with this id in t.csv" in capsys.readouterr().err


def test_a_yaml_tenants_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "tenants.yaml").write_text(
        "tenants:\n"
        "  - id: fjordvik\n"
        "    locales: [nn]\n"
        "    logo: logos/fjordvik.svg\n"
        "    variables:\n"
        "      organisation: Fjordvik kommune\n"
        "  - id: acme\n"
        "    profile: tickett\n"
        "    variables:\n"
        "      user_email: nobody\n",
        encoding="utf-8",
    )
    assert main(["--tenants", "tenants.yaml", "--no-png"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:-1] == [
        "tenants.yaml:8:14: profile: expected one of print, ticket, found the text 'tickett'",
    ]
    assert "Fjordvik kommune" in pdf_text(project / "build" / "fjordvik" / "nn" / f"{GUIDE_ID}.pdf")


def test_windows_excel_text_is_an_error_that_says_how_to_save(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "t.csv").write_bytes("id,organisation\nlyngbo,Lyngbø Bygg AS\n".encode("cp1252"))
    assert main(["--tenants", "t.csv"]) == 1
    assert (
        capsys.readouterr().err.splitlines()[0] == 't.csv:2:13: not UTF-8 text (in a spreadsheet, save as "CSV UTF-8")'
    )


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        ("../guide_src/x.png", "logo '../guide_src/x.png': '..' may not lead out of the assets/ folder"),
        (
            "/etc/passwd.png",
            "logo '/etc/passwd.png': give a path inside the project's assets/ folder, with / between folders",
        ),
        ("logos/missing.png", "logo 'logos/missing.png': no such file: assets/logos/missing.png"),
        ("logos/escape.png", "logo 'logos/escape.png': a symbolic link leads outside the assets/ folder"),
        ("logos/fake.png", "logo: not a PNG or JPEG image that can be read (UnidentifiedImageError)"),
        ("logos/huge.png", "logo: 6000 × 6000 pixels is too large for a logo (at most 25,000,000 pixels)"),
        (
            "logos/remote.svg",
            "logo: the SVG refers to 'https://tracker.example/pixel.png'; it may use only files inside assets/",
        ),
        (
            "logos/sneaky.svg",
            "logo: the SVG refers to '../../guide_src/secret.png'; it may use only files inside assets/",
        ),
        ("logos/entity.svg", "logo: an SVG may not declare XML entities"),
        ("logos/nosize.svg", "logo: the SVG has no size (give it width and height, or a viewBox)"),
        ("logos/logo.gif", "logo 'logos/logo.gif': .gif: use a PNG, JPEG or SVG file (.png, .jpg, .svg)"),
    ],
)
def test_a_logo_that_cannot_be_used_is_a_located_error_for_that_tenant(
    project: Path, capsys: pytest.CaptureFixture[str], logo: str, message: str
) -> None:
    logos = project / "assets" / "logos"
    Image.new("RGB", (10, 10)).save(project / "outside.png")
    (logos / "escape.png").symlink_to(project / "outside.png")
    (logos / "fake.png").write_bytes(b"not a picture")
    Image.new("1", (6000, 6000)).save(logos / "huge.png")
    (logos / "remote.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
        '<image xlink:href="https://tracker.example/pixel.png" width="10" height="10"/></svg>'
    )
    (logos / "sneaky.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<image href="../../guide_src/secret.png" width="10" height="10"/></svg>'
    )
    (logos / "entity.svg").write_text(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&x;</text></svg>'
    )
    (logos / "nosize.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><text>x</text></svg>')
    tenants(project, ROWS["fjordvik"], f"acme,Acme AS,,,{logo},en,,\n")
    assert main(["--tenants", "tenants.csv", "--no-png"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"tenants.csv:3:16: {message}"
    assert (project / "build" / "fjordvik" / "nb" / f"{GUIDE_ID}.pdf").is_file()
    assert not list((project / "build").glob("acme/**/*.pdf"))


def test_a_tenant_whose_row_breaks_keeps_no_stale_output_and_the_others_are_untouched(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tenants(project, *ROWS.values())
    assert main(["--tenants", "tenants.csv", "--no-png"]) == 0
    lyngbo = project / "build" / "lyngbo" / "en" / f"{GUIDE_ID}.ticket.letter.pdf"
    fjordvik = project / "build" / "fjordvik" / "nb" / f"{GUIDE_ID}.pdf"
    kept = fjordvik.read_bytes()
    tenants(project, ROWS["fjordvik"], ROWS["lyngbo"].replace("https://lyngbo", "lyngbo at "))
    capsys.readouterr()
    assert main(["--tenants", "tenants.csv", "--no-png"]) == 1
    assert capsys.readouterr().err.startswith("tenants.csv:3:23: enterprise_url: not a web address")
    assert not lyngbo.exists(), "an earlier build's handout stands beside the failed tenant"
    assert fjordvik.read_bytes() == kept


def test_a_large_logo_is_scaled_down_once_and_the_handout_stays_small(project: Path) -> None:
    import os

    noise = Image.frombytes("RGB", (2400, 900), os.urandom(2400 * 900 * 3))  # compresses as badly as a photo
    noise.save(project / "assets" / "logos" / "photo.png")
    assert (project / "assets" / "logos" / "photo.png").stat().st_size > 5_000_000
    tenants(project, "acme,Acme AS,,,logos/photo.png,en,ticket,\n")
    assert main(["--tenants", "tenants.csv", "--no-png", "-q"]) == 0
    pdf = project / "build" / "acme" / "en" / f"{GUIDE_ID}.ticket.pdf"
    [image] = [x.get_object() for x in PdfReader(pdf).pages[0]["/Resources"]["/XObject"].values()]
    assert (image["/Width"], image["/Height"]) == (1000, 375)
    # 2.2 million noisy pixels would make a 6 MB handout; 375 000 make it about 1 MB (a real logo: a few KB)
    assert pdf.stat().st_size < 1_500_000


def test_a_jpeg_logo_is_embedded_as_it_is(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Image.open(project / "assets" / "logos" / "lyngbo.png").convert("RGB").save(project / "assets" / "logos" / "l.jpg")
    tenants(project, "acme,Acme AS,,,logos/l.jpg,en,,\n")
    assert main(["--tenants", "tenants.csv", "--no-png", "--verbose"]) == 0
    pdf = project / "build" / "acme" / "en" / f"{GUIDE_ID}.pdf"
    assert capsys.readouterr().out.startswith(f"wrote build/acme/en/{GUIDE_ID}.pdf (")
    [image] = [x.get_object() for x in PdfReader(pdf).pages[0]["/Resources"]["/XObject"].values()]
    assert "/DCTDecode" in image["/Filter"] and image["/Width"] == 600  # the JPEG itself, not decoded


def test_a_narrowed_tenant_build_knows_every_guides_columns_and_keeps_the_other_guides_outputs(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """register-absence defines no enterprise_url, bankid-visma-connect does: the column is still
    known when only register-absence is built, and a tenant that fails there loses only what
    this build would have written."""
    shutil.copy(ROOT / "guide_src" / "register-absence.yaml", project / "guide_src")
    tenants(project, *ROWS.values())
    assert main(["--tenants", "tenants.csv", "--no-png"]) == 0
    lyngbo = project / "build" / "lyngbo" / "en"
    other_guide = lyngbo / f"{GUIDE_ID}.ticket.letter.pdf"
    assert other_guide.exists()
    fjordvik = project / "build" / "fjordvik" / "nb" / "register-absence.pdf"
    fjordvik.unlink()
    capsys.readouterr()
    assert main(["--tenants", "tenants.csv", "--no-png", "guide_src/register-absence.yaml"]) == 0, (
        capsys.readouterr().err
    )
    assert fjordvik.exists()
    assert "built 1 PDF for 2 tenants" in capsys.readouterr().err  # fjordvik's again; lyngbo's is up to date
    tenants(project, ROWS["fjordvik"], ROWS["lyngbo"].replace("https://lyngbo", "lyngbo at "))
    assert main(["--tenants", "tenants.csv", "--no-png", "guide_src/register-absence.yaml"]) == 1
    assert capsys.readouterr().err.startswith("tenants.csv:3:23: enterprise_url: not a web address")
    assert not (lyngbo / "register-absence.ticket.letter.pdf").exists()
    assert other_guide.exists(), "a narrowed build removed another guide's handout"


def test_a_tenants_ticket_profile_against_booklet_is_that_tenants_error_at_its_cell(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not one line per guide at the guide's id: the conflict is the tenant's choice and the command line's."""
    tenants(project, ROWS["fjordvik"], ROWS["lyngbo"])
    assert main(["--tenants", "tenants.csv", "--tenant", "lyngbo"]) == 0
    lyngbo = {p: p.read_bytes() for p in (project / "build" / "lyngbo").rglob("*") if p.is_file()}
    capsys.readouterr()
    assert main(["--tenants", "tenants.csv", "--booklet"]) == 1
    err = capsys.readouterr().err.splitlines()
    column = ROWS["lyngbo"].index("ticket") + 1
    assert err[:-1] == [
        f"tenants.csv:3:{column}: profile 'ticket' cannot be combined with --booklet (a booklet is for print)"
    ]
    assert err[-1].startswith("built 1 PDF for 1 tenant") and err[-1].endswith("; 0 failed; 1 tenant not built")
    assert (project / "build" / "fjordvik" / "nb" / f"{GUIDE_ID}.booklet.pdf").is_file()
    # its earlier outputs stay: this build would have written none of them
    assert {p: p.read_bytes() for p in (project / "build" / "lyngbo").rglob("*") if p.is_file()} == lyngbo

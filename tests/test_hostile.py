"""Hostile and careless batch inputs (issue 25): a manifest someone else wrote, personal values
near the cache, tenant ids that look like another build's folder. Each case is built through the
command line, as a user would, and the files outside the output folder are checked afterwards."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import GUIDE_ID
from guidepress.cli import main


def break_guide(scratch: Path) -> None:
    guide = scratch / "guide_src" / f"{GUIDE_ID}.yaml"
    guide.write_text(guide.read_text(encoding="utf-8") + "steps: [\n", encoding="utf-8")


def planted_manifest(scratch: Path, keys: list[str]) -> Path:
    """A first build's manifest with entries for `keys` added, each as the guide's own output."""
    manifest = scratch / "build" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    entry = next(iter(data["outputs"].values()))
    for key in keys:
        data["outputs"][key] = dict(entry, source=GUIDE_ID)
    manifest.write_text(json.dumps(data), encoding="utf-8")
    return manifest


@pytest.mark.parametrize(
    "key",
    [
        "nb/../../outside/secret.txt",
        "nb/../../../outside/secret.txt",
        "OUTSIDE_ABSOLUTE",
        "nb/link/secret.txt",
    ],
)
def test_a_manifest_entry_never_leads_a_removal_out_of_the_output_folder(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    monkeypatch.chdir(scratch)
    outside = scratch / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("keep me", encoding="utf-8")
    (outside / "other").mkdir()
    (outside / "other" / "secret.txt").write_text("keep me too", encoding="utf-8")
    assert main(["--locale", "nb", "--no-png"]) == 0
    (scratch / "build" / "nb" / "link").symlink_to(outside)
    key = key.replace("OUTSIDE_ABSOLUTE", str(secret))
    manifest = planted_manifest(scratch, [key, key.replace("secret.txt", "other/secret.txt")])
    break_guide(scratch)
    capsys.readouterr()
    assert main(["--locale", "nb", "--no-png"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert secret.read_text(encoding="utf-8") == "keep me"
    assert (outside / "other" / "secret.txt").is_file()
    warning = [line for line in err if "manifest.json" in line]
    assert len(warning) == 1, err
    assert warning[0].startswith("build/manifest.json:1:1: warning: names ")
    assert warning[0].endswith("ignored, every output is built again")
    # the build wrote a manifest of its own in its place, without the planted entries
    assert key not in json.loads(manifest.read_text(encoding="utf-8"))["outputs"]


@pytest.mark.parametrize(
    "data",
    [
        [1, 2],
        {"outputs": []},
        {"outputs": {"nb/x.pdf": ["not", "an", "entry"]}},
        {"outputs": {"nb/x.pdf": {"inputs": 1, "sha256": "", "size": 1, "source": "x"}}},
        {"outputs": {"nb/x.pdf": {"inputs": "", "sha256": "", "size": "1", "source": "x"}}},
        {"outputs": {"nb/x.pdf": {"inputs": "", "sha256": "", "size": 1, "source": None}}},
        "null",
    ],
)
def test_a_manifest_not_as_guidepress_writes_it_is_ignored_with_one_warning(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: object
) -> None:
    """Before: `AttributeError: 'list' object has no attribute 'get'` with a traceback, exit 70."""
    monkeypatch.chdir(scratch)
    assert main(["--locale", "nb", "--no-png"]) == 0
    manifest = scratch / "build" / "manifest.json"
    manifest.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    break_guide(scratch)
    capsys.readouterr()
    assert main(["--locale", "nb", "--no-png"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert "Traceback" not in "\n".join(err)
    assert len([line for line in err if line.startswith("build/manifest.json:1:1: warning: ")]) == 1, err
    assert all(line.startswith(("build/manifest.json:1:1: warning: ", "guide_src/")) for line in err), err


def test_a_manifest_that_is_not_json_is_rebuilt_with_one_warning(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(scratch)
    assert main(["--locale", "nb", "--no-png"]) == 0
    manifest = scratch / "build" / "manifest.json"
    manifest.write_bytes(b"\xff\xfe{")
    capsys.readouterr()
    assert main(["--locale", "nb", "--no-png"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "build/manifest.json:1:1: warning: cannot be read ('utf-8' codec can't decode byte 0xff in position 0: "
        "invalid start byte): ignored, every output is built again"
    ]
    assert json.loads(manifest.read_text(encoding="utf-8"))["outputs"]
    assert os.path.isfile(scratch / "build" / "nb" / f"{GUIDE_ID}.pdf")


# --- personal values never reach the cache ----------------------------------------------------

PEOPLE = {
    "E7001": {
        "name": "Vigdis Fjellheimsdatter",
        "email": "vigdis.fjellheimsdatter@fjordvik.example",
        "setup": "otpauth://totp/Fjordvik:vigdis?secret=QWERTYUIOPASDFGH&issuer=Fjordvik",
    },
    "E7002": {
        "name": "Torbjørn Kvernhusmoen",
        "email": "torbjorn.kvernhusmoen@fjordvik.example",
        "setup": "otpauth://totp/Fjordvik:torbjorn?secret=ZXCVBNMLKJHGFDSA&issuer=Fjordvik",
    },
}

OWN_WORDS = ("Vigdis", "Fjellheimsdatter", "QWERTYUIOPASDFGH", "Torbjørn", "torbjorn", "Kvernhusmoen", "ZXCVBNMLKJHGFDSA")


@pytest.fixture
def people_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The repository's guides and pack, whose people file also fills the two-step guide's
    `setup_link` (a QR code on its screen: "every account gets its own")."""
    import shutil

    from conftest import ROOT

    for name in ("guide_src", "locales", "packs", "assets", "examples"):
        shutil.copytree(ROOT / name, tmp_path / name)
    pack = tmp_path / "packs" / "onboarding.yaml"
    text = pack.read_text(encoding="utf-8")
    column = "    department:\n      label: Department\n"
    assert column in text
    pack.write_text(
        text.replace(column, column + "    setup:\n      label: Set-up link\n      variable: setup_link\n      cover: false\n"),
        encoding="utf-8",
    )
    rows = ["employee_id,name,email,username,start_date,department,setup"]
    rows += [f"{pid},{p['name']},{p['email']},u{pid},2026-12-01,IT,{p['setup']}" for pid, p in PEOPLE.items()]
    (tmp_path / "people.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


def stored_forms(value: str) -> list[bytes]:
    """The ways a value could stand in a file: as text (UTF-8, UTF-16, percent-encoded, each word
    of it), and as its QR code's modules as guidepress's cache and pickle would store them."""
    import marshal
    import pickle
    from urllib.parse import quote

    from guidepress.qr import qr_modules

    forms = [value.encode(), value.encode("utf-16-le"), quote(value, safe="").encode()]
    # the words that are the person's own (not "example", "Fjordvik" or "otpauth")
    words = value.replace("@", " ").replace(".", " ").replace("=", " ").replace("&", " ").split()
    forms += [word.encode() for word in words if any(word.lower() in w.lower() for w in OWN_WORDS)]
    runs = qr_modules(value)
    forms += [marshal.dumps(runs), pickle.dumps(runs), repr(runs).encode()]
    return forms


def test_no_value_of_a_person_is_kept_in_the_cache_or_beside_the_outputs(
    people_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import marshal

    from guidepress.qr import qr_modules

    assert main(["--people", "people.csv", "--locale", "nb", "--no-png", "-j", "1"]) == 0, capsys.readouterr().err
    pdfs = sorted(p.name for p in (people_project / "build").rglob("*.pdf"))
    assert pdfs == ["E7001.pdf", "E7002.pdf"]
    cache = people_project / "cache"
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert files, "the build kept nothing in the cache: the test would prove nothing"
    files += [p for p in (people_project / "build").rglob("*") if p.is_file() and p.suffix not in (".pdf", ".html")]
    contents = {p: p.read_bytes() for p in files}
    decoded = {}
    for path, data in contents.items():
        try:
            decoded[path] = marshal.loads(data)
        except (ValueError, EOFError, TypeError):
            pass
    for person in PEOPLE.values():
        runs = qr_modules(person["setup"])
        for value in person.values():
            for form in stored_forms(value):
                for path, data in contents.items():
                    assert form not in data, (value, form[:40], path.name)
        for path, value in decoded.items():
            assert value != runs and runs not in (value.values() if isinstance(value, dict) else ()), path.name
            assert person["setup"] not in repr(value), path.name


def test_a_qr_code_is_still_drawn_from_a_persons_value(people_project: Path) -> None:
    """The QR code in the pack is the person's own (not the guide's example), though it is not cached."""
    import pypdf

    assert main(["--people", "people.csv", "--locale", "en", "--no-png", "-j", "1"]) == 0
    for pid, person in PEOPLE.items():
        [pdf] = (people_project / "build").rglob(f"{pid}.pdf")
        text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
        assert person["name"] in text


# --- tenant ids and --var folders --------------------------------------------------------------

TENANTS_HEADER = "id,organisation,enterprise_url,support_contact,logo,locales,profile,paper\n"


def test_a_tenant_id_cannot_take_a_var_builds_folder(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`vars-<hash>` is the folder of a `--var` build: a tenant row with such an id (good or bad)
    is refused at its cell, and the `--var` build's PDF is neither overwritten nor deleted."""
    monkeypatch.chdir(scratch)
    assert main(["--var", "organisation=Acme AS", "--locale", "en", "--no-png"]) == 0
    [folder] = [p for p in (scratch / "build").iterdir() if p.name.startswith("vars-")]
    pdf = folder / "en" / f"{GUIDE_ID}.pdf"
    kept = pdf.read_bytes()
    good = f"{folder.name},Evil AS,,,,en,,\n"
    bad = f"{folder.name},Evil AS,not a url,,,en,,\n"
    for row in (good, bad):
        (scratch / "tenants.csv").write_text(TENANTS_HEADER + row + "okay,Okay AS,,,,en,,\n", encoding="utf-8")
        capsys.readouterr()
        assert main(["--tenants", "tenants.csv", "--no-png"]) == 1
        err = capsys.readouterr().err.splitlines()
        assert err[0] == (
            f"tenants.csv:2:1: id '{folder.name}': ids starting with 'vars-' are kept for the folders of --var builds"
        ), err
        assert pdf.read_bytes() == kept
        assert (scratch / "build" / "okay" / "en" / f"{GUIDE_ID}.pdf").is_file()


def test_a_tenant_id_too_long_for_a_folder_name_is_refused_at_its_row(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: exit 73, `cannot write …: File name too long`, after the row was accepted."""
    monkeypatch.chdir(scratch)
    long_id = "a" * 300
    (scratch / "tenants.csv").write_text(
        TENANTS_HEADER + f"{long_id},Long AS,,,,en,,\nokay,Okay AS,,,,en,,\n", encoding="utf-8"
    )
    assert main(["--tenants", "tenants.csv", "--no-png"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"tenants.csv:2:1: id '{'a' * 80}…': 300 characters, at most 64 (it names the tenant's output folder)"
    assert len(err) == 2 and err[1].startswith("built 1 PDF"), err
    assert (scratch / "build" / "okay" / "en" / f"{GUIDE_ID}.pdf").is_file()


# --- addresses: no hidden recipients, links percent-encoded, a URL that fits a QR code ---------


@pytest.mark.parametrize(
    "value",
    [
        "help?bcc=spy%40evil.example&subject=Urgent@acme.example",
        "help%0ABcc%3Aspy%40evil.example@acme.example",
        "help&cc=spy@acme.example",
        "help#x@acme.example",
        "he lp@acme.example",
        "help\x07@acme.example",
        "help\u2028x@acme.example",
        "{support}@acme.example",
    ],
)
def test_an_email_value_is_an_address_and_nothing_a_link_would_read(value: str) -> None:
    from guidepress.source.variables import value_problem

    assert value_problem("email", value, show=False) == "not an email address"
    assert "\n" not in (value_problem("email", value) or "") and "\u2028" not in (value_problem("email", value) or "")


@pytest.mark.parametrize("value", ["it-hjelp@fjordvik.example", "o'brien+tag@example.ie", "åse.ødegård@fjordvik.example"])
def test_ordinary_email_addresses_still_pass(value: str) -> None:
    from guidepress.source.variables import value_problem

    assert value_problem("email", value) is None


def link_uris(pdf: Path) -> list[str]:
    import pypdf

    found = []
    for page in pypdf.PdfReader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                found.append(str(action["/URI"]))
    return found


def test_every_link_in_the_pdf_and_page_is_percent_encoded(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import re

    monkeypatch.chdir(scratch)
    args = ["--locale", "en", "--no-png", "--html"]
    args += ["--var", "support_contact=åse.ødegård@fjordvik.example"]
    args += ["--var", "article_url=https://help.fjordvik.example/artikler/bankid-på-nytt?q=\"a\"<b>"]
    assert main(args) == 0, capsys.readouterr().err
    [folder] = [p for p in (scratch / "build").iterdir() if p.name.startswith("vars-")]
    uris = link_uris(folder / "en" / f"{GUIDE_ID}.pdf")
    assert "mailto:%C3%A5se.%C3%B8deg%C3%A5rd@fjordvik.example" in uris
    assert "https://help.fjordvik.example/artikler/bankid-p%C3%A5-nytt?q=%22a%22%3Cb%3E" in uris
    assert all(uri.isascii() and " " not in uri for uri in uris), uris
    page = (folder / "en" / f"{GUIDE_ID}.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert "mailto:%C3%A5se.%C3%B8deg%C3%A5rd@fjordvik.example" in hrefs
    assert "https://help.fjordvik.example/artikler/bankid-p%C3%A5-nytt?q=%22a%22%3Cb%3E" in hrefs


def test_a_hostile_email_in_a_tenants_row_fails_that_tenant_at_its_cell(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(scratch)
    (scratch / "tenants.csv").write_text(
        TENANTS_HEADER + "acme,Acme AS,,help?bcc=spy%40evil.example&subject=Urgent@acme.example,,en,,\n"
        "okay,Okay AS,,help@okay.example,,en,,\n",
        encoding="utf-8",
    )
    assert main(["--tenants", "tenants.csv", "--no-png"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        "tenants.csv:2:15: support_contact: not an email address: "
        "'help?bcc=spy%40evil.example&subject=Urgent@acme.example'"
    )
    assert not (scratch / "build" / "acme").exists()
    assert "mailto:help@okay.example" in link_uris(scratch / "build" / "okay" / "en" / f"{GUIDE_ID}.pdf")


def test_a_url_too_long_for_a_qr_code_is_a_located_error(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: exit 70, `Exception: code length overflow (32220 > 17728)` from the QR encoder."""
    monkeypatch.chdir(scratch)
    url = "https://help.example/" + "a" * 4000
    (scratch / "tenants.csv").write_text(
        "id,article_url\nlong," + url + "\nokay,https://help.example/ok\n", encoding="utf-8"
    )
    assert main(["--tenants", "tenants.csv", "--no-png", "--locale", "en"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        "tenants.csv:2:6: article_url: a web address of 4,021 characters, at most 2,000 (it must fit a QR code): "
        f"'{url[:80]}…'"
    )
    assert (scratch / "build" / "okay" / "en" / f"{GUIDE_ID}.pdf").is_file()


def test_a_persons_value_too_long_for_its_qr_code_fails_that_person_without_quoting_it(
    people_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = people_project / "people.csv"
    secret = "otpauth://totp/Fjordvik:x?secret=" + "Q" * 6000
    lines = people.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + "," + secret
    people.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["--people", "people.csv", "--locale", "en", "--no-png", "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "QQQQ" not in err
    [first] = [line for line in err.splitlines() if "QR code" in line]
    assert first.startswith("packs/onboarding.yaml:") and "a QR code cannot hold its text" in first, first
    assert first.endswith("(person E7001)")
    assert sorted(p.name for p in (people_project / "build").rglob("*.pdf")) == ["E7002.pdf"]

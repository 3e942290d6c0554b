"""A build removes only what it would itself have written, and no build replaces the outputs of
a build that differs in its variables or output choices; values are checked by their kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GUIDE_ID
from guidepress.cli.main import main
from guidepress.source.variables import value_problem

NN_PO = Path("locales/nn/LC_MESSAGES/guides.po")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def earlier_builds(scratch: Path, locale: str) -> dict[str, bytes]:
    """The plain, booklet and ticket PDFs and the PNG screens of a locale, built before."""
    assert main(["--locale", locale]) == 0
    assert main(["--locale", locale, "--booklet", "--no-png"]) == 0
    assert main(["--locale", locale, "--profile", "ticket", "--no-png"]) == 0
    files = snapshot(scratch / "build" / locale)
    assert {f"{GUIDE_ID}.pdf", f"{GUIDE_ID}.booklet.pdf", f"{GUIDE_ID}.ticket.pdf"} <= set(files)
    assert len([name for name in files if name.endswith(".png")]) == 9
    return files


def test_a_strict_check_that_fails_removes_nothing(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(scratch)
    before = earlier_builds(scratch, "nn")
    po = scratch / NN_PO
    msgid = 'msgid "Close your web browser completely and open it again."\n'
    po.write_text(po.read_text(encoding="utf-8").replace(msgid, "#, fuzzy\n" + msgid), encoding="utf-8")
    capsys.readouterr()
    assert main(["--strict", "--locale", "nn"]) == 1
    assert "fuzzy" in capsys.readouterr().err
    assert snapshot(scratch / "build" / "nn") == before


def test_a_misspelt_variable_removes_no_earlier_output(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(scratch)
    before = earlier_builds(scratch, "en")
    capsys.readouterr()
    assert main(["--var", "organisaton=X", "--locale", "en", "--no-png"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "--var organisaton: no guide being built defines this variable (did you mean 'organisation'?)"
    ]
    assert snapshot(scratch / "build" / "en") == before


def test_another_organisations_build_has_a_folder_of_its_own(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(scratch)
    assert main(["--locale", "en"]) == 0
    default = snapshot(scratch / "build" / "en")
    capsys.readouterr()
    assert main(["--locale", "en", "--var", "organisation=Acme AS"]) == 0
    out = capsys.readouterr().out
    assert snapshot(scratch / "build" / "en") == default, "the default build's files were replaced"
    [folder] = [p for p in (scratch / "build").iterdir() if p.name.startswith("vars-")]
    assert f"wrote build/{folder.name}/en/{GUIDE_ID}.pdf" in out
    assert f"wrote 9 PNG screens under build/{folder.name}/" in out.splitlines()
    assert len(list((folder / "en" / GUIDE_ID).glob("*.png"))) == 9
    # the same values name the same folder; other values another one
    assert main(["--locale", "en", "--var", "organisation=Acme AS", "--no-png"]) == 0
    assert main(["--locale", "en", "--var", "organisation=Birk AS", "--no-png"]) == 0
    assert len([p for p in (scratch / "build").iterdir() if p.name.startswith("vars-")]) == 2


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        (
            "url",
            [
                "https://acme.vuq.visma.com/enterprise",
                "http://localhost:8080/x",
                "acme.example/enterprise",
                "https://bø.kommune.no",
            ],
            [
                "not-a-url",
                "https://",
                "ftp://acme.example",
                "https://acme .example",
                "mailto:x@y.no",
                "https://user@acme.example",
            ],
        ),
        (
            "email",
            ["kari@acme.example", "it-hjelp@fjordvik.kommune.no"],
            ["x", "kari@", "@acme.example", "kari@acme", "a b@c.no"],
        ),
        ("text", ["Acme AS", "Lyngbø Bygg AS"], ["two\nlines"]),
    ],
)
def test_one_check_of_a_value_by_its_kind(kind: str, good: list[str], bad: list[str]) -> None:
    assert [v for v in good if value_problem(kind, v)] == []
    assert [v for v in bad if not value_problem(kind, v)] == []


@pytest.mark.parametrize(
    ("var", "line"),
    [
        ("user_email=x", "--var user_email: not an email address: 'x'"),
        ("enterprise_url=not-a-url", "--var enterprise_url: not a web address (https://…): 'not-a-url'"),
    ],
)
def test_a_var_of_the_wrong_kind_names_the_command_line(
    var: str, line: str, scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(scratch)
    assert main(["--locale", "en", "--no-png", "--var", var]) == 1
    assert capsys.readouterr().err.splitlines() == [line]
    assert not (scratch / "build").exists() or not list((scratch / "build").rglob("*.pdf"))


def test_a_default_of_the_wrong_kind_is_a_located_error(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = scratch / "guide_src" / f"{GUIDE_ID}.yaml"
    text = guide.read_text(encoding="utf-8")
    old = "default: kari.nordmann@example.com"
    guide.write_text(text.replace(old, "default: kari.nordmann"), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    column = len(text[: text.index(old)].rsplit("\n", 1)[1]) + len("default: ") + 1
    monkeypatch.chdir(scratch)
    assert main(["--locale", "en", "--no-png"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"guide_src/{GUIDE_ID}.yaml:{line}:{column}: variable 'user_email': default: "
        "not an email address: 'kari.nordmann'"
    ]


def test_a_guide_that_stops_loading_takes_the_outputs_its_own_choices_named(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Once the YAML is broken, its `output:` block is unknown; the manifest still says what the
    guide wrote, so no stale ticket PDF or page stays beside the error."""
    import json

    monkeypatch.chdir(scratch)
    guide = scratch / "guide_src" / f"{GUIDE_ID}.yaml"
    guide.write_text(guide.read_text(encoding="utf-8") + "output:\n  profile: ticket\n  html: true\n", encoding="utf-8")
    assert main(["--locale", "nb", "--no-png"]) == 0
    written = {f"nb/{GUIDE_ID}.ticket.pdf", f"nb/{GUIDE_ID}.ticket.html"}  # the page is named like its PDF
    assert written <= set(snapshot(scratch / "build"))
    guide.write_text(guide.read_text(encoding="utf-8") + "steps: [\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--locale", "nb", "--no-png"]) == 1
    assert capsys.readouterr().err.startswith(f"guide_src/{GUIDE_ID}.yaml:")
    assert not written & set(snapshot(scratch / "build"))
    assert not written & set(json.loads((scratch / "build" / "manifest.json").read_text())["outputs"])


def test_an_output_that_cannot_be_replaced_is_one_line_and_the_others_still_build(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder where a PDF was (or any file that cannot be deleted) is the environment's
    problem: one line, exit 73, that output counted as failed, the rest of the build made."""
    import re
    import shutil

    from conftest import ROOT

    monkeypatch.chdir(scratch)
    shutil.copy(ROOT / "guide_src" / "register-absence.yaml", scratch / "guide_src")
    assert main(["--locale", "en", "-q"]) == 0
    pdf = scratch / "build" / "en" / f"{GUIDE_ID}.pdf"
    other = scratch / "build" / "en" / "register-absence.pdf"
    pdf.unlink()
    pdf.mkdir()
    other.unlink()
    capsys.readouterr()
    assert main(["--locale", "en", "-q"]) == 73
    err = capsys.readouterr().err.splitlines()
    assert err[:-1] == [f"guidepress: cannot write build/en/{GUIDE_ID}.pdf: Is a directory"]
    assert re.fullmatch(r"built 1 PDF in [\d.]+ s \([\d.]+/s\); 0 up to date; 1 failed", err[-1]), err[-1]
    assert other.is_file() and pdf.is_dir()


def read_only_build(monkeypatch: pytest.MonkeyPatch, build_dir: Path) -> None:
    """As on a read-only mount: no file can be made or deleted under build/ (root ignores modes)."""
    import errno
    import os

    real_open, real_unlink = os.open, os.unlink

    def read_only(path: object) -> None:
        if os.path.abspath(str(path)).startswith(str(build_dir)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    def fake_open(path: str, flags: int, *args: object, **kwargs: object) -> int:
        if flags & os.O_CREAT:
            read_only(path)
        return real_open(path, flags, *args, **kwargs)

    def fake_unlink(path: str, *args: object, **kwargs: object) -> None:
        read_only(path)
        real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "unlink", fake_unlink)


def test_a_read_only_output_folder_is_one_line_per_folder_and_its_files_stay(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno
    import os

    monkeypatch.chdir(scratch)
    before = earlier_builds(scratch, "en")
    read_only_build(monkeypatch, scratch / "build")
    capsys.readouterr()
    assert main(["--locale", "en", "--force", "-j", "1"]) == 73
    err = capsys.readouterr().err.splitlines()
    reason = os.strerror(errno.EROFS)
    assert err == [f"guidepress: cannot write build/en: {reason}"]
    monkeypatch.undo()
    assert snapshot(scratch / "build" / "en") == before


def test_a_broken_guides_outputs_on_a_read_only_folder_are_one_line_per_folder(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno
    import os

    monkeypatch.chdir(scratch)
    before = earlier_builds(scratch, "en")
    guide = scratch / "guide_src" / f"{GUIDE_ID}.yaml"
    guide.write_text(guide.read_text(encoding="utf-8") + "steps: [\n", encoding="utf-8")
    read_only_build(monkeypatch, scratch / "build")
    capsys.readouterr()
    assert main(["--locale", "en", "-j", "1"]) == 73
    err = capsys.readouterr().err.splitlines()
    reason = os.strerror(errno.EROFS)
    assert err[0].startswith(f"guide_src/{GUIDE_ID}.yaml:")
    assert err[1:] == [
        f"guidepress: cannot write build/en/{GUIDE_ID}: {reason}",  # its 9 PNG screens
        f"guidepress: cannot write build/en: {reason}",  # its 3 PDFs
    ]
    monkeypatch.undo()
    assert snapshot(scratch / "build" / "en") == before


def test_screens_renumbered_by_a_new_step_replace_the_old_ones(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The manifest says which PNG screens the guide wrote: those it no longer writes go, and
    nothing it did not write (a file the user put there, another build's PDF) is touched."""
    monkeypatch.chdir(scratch)
    assert main(["--locale", "en", "-q"]) == 0
    assert main(["--locale", "en", "-q", "--profile", "ticket", "--no-png"]) == 0
    screens = scratch / "build" / "en" / GUIDE_ID
    before = sorted(p.name for p in screens.iterdir())
    assert "03-04-email-entry.png" in before
    (screens / "notes.png").write_bytes(b"mine")
    guide = scratch / "guide_src" / f"{GUIDE_ID}.yaml"
    first = "      - text: Close your web browser completely and open it again.\n"
    guide.write_text(guide.read_text(encoding="utf-8").replace(first, first * 2, 1), encoding="utf-8")
    assert main(["--locale", "en", "-q", "--force"]) == 0
    after = sorted(p.name for p in screens.iterdir())
    assert "03-04-email-entry.png" not in after and "04-05-email-entry.png" in after
    assert len(after) == len(before) + 1  # the new set, and the user's file
    assert (screens / "notes.png").read_bytes() == b"mine"
    assert (scratch / "build" / "en" / f"{GUIDE_ID}.ticket.pdf").is_file()


def test_the_screens_line_names_their_folder_and_counts_one_screen_as_one(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import re

    monkeypatch.chdir(scratch)
    guide = scratch / "guide_src" / f"{GUIDE_ID}.yaml"
    lines = guide.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.strip().startswith("screen:"))
    kept = [line for i, line in enumerate(lines) if i <= first + 1 or not re.match(r"\s{8}(screen|marks|avoid):", line)]
    guide.write_text("".join(kept), encoding="utf-8")
    assert main(["--locale", "en", "--var", "organisation=Acme AS"]) == 0
    [folder] = [p for p in (scratch / "build").iterdir() if p.name.startswith("vars-")]
    assert f"wrote 1 PNG screen under build/{folder.name}/" in capsys.readouterr().out.splitlines()


def test_another_paper_or_profile_leaves_the_png_screens_up_to_date(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(scratch)
    assert main(["--locale", "en"]) == 0
    for choice in (["--paper", "letter"], ["--profile", "ticket"], []):
        capsys.readouterr()
        assert main(["--locale", "en", *choice]) == 0
        assert "PNG" not in capsys.readouterr().out, choice

"""A language from the project alone: a project's `locales/<locale>/LC_MESSAGES/guidepress.po` translates (or
rewords) the handout's own words, its template comes from `guidepress words-template` (and `guidepress init`),
and a complete `sv` made with the standard tools passes `--strict` with no change to the package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from conftest import ROOT
from pdftext import pdf_text

GUIDE = "guide_src/register-absence.yaml"
PACKAGE_TEMPLATE = ROOT / "src" / "guidepress" / "resources" / "locales" / "guidepress.pot"


def guidepress(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "guidepress", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=180,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def pybabel(project: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *args], cwd=project, check=True, capture_output=True
    )


def fill(path: Path, words: dict[str, str] | None = None) -> None:
    """Translate every entry, as a translator finishing the catalog would (here: the source text, and `words`)."""
    with path.open("rb") as fh:
        catalog = read_po(fh)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, (tuple, list)):
            message.string = (message.id[0], *[message.id[1]] * (catalog.num_plurals - 1))
        else:
            message.string = (words or {}).get(message.id, message.id)
    with path.open("wb") as fh:
        write_po(fh, catalog)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("locales", "assets", "guide_src", "packs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "babel.cfg", tmp_path)
    return tmp_path


def test_the_words_template_comes_without_reading_the_package(project: Path, tmp_path: Path) -> None:
    result = guidepress(project, "words-template", "-o", "locales/guidepress.pot")
    assert result.returncode == 0 and result.stdout == "wrote locales/guidepress.pot\n"
    assert (project / "locales" / "guidepress.pot").read_bytes() == PACKAGE_TEMPLATE.read_bytes()
    with (project / "locales" / "guidepress.pot").open("rb") as fh:
        assert len([m for m in read_po(fh) if m.id]) >= 60
    assert guidepress(project, "words-template").stdout.encode() == PACKAGE_TEMPLATE.read_bytes()
    # and a new project has it from the start
    assert guidepress(tmp_path, "init", "new").returncode == 0
    assert (tmp_path / "new" / "locales" / "guidepress.pot").read_bytes() == PACKAGE_TEMPLATE.read_bytes()


def test_a_complete_swedish_made_in_the_project_passes_strict(project: Path) -> None:
    pybabel(project, "init", "-D", "guides", "-i", "locales/guides.pot", "-d", "locales", "-l", "sv")
    fill(project / "locales/sv/LC_MESSAGES/guides.po")
    # the guides translated, the handout words not: --strict says what to do, with the command
    result = guidepress(project, "--strict", "--locale", "sv", "--no-png")
    assert result.returncode == 1
    assert "guidepress has no sv translation of its" in result.stderr
    assert "guidepress words-template -o locales/guidepress.pot && pybabel init -D guidepress" in result.stderr
    assert guidepress(project, "words-template", "-o", "locales/guidepress.pot").returncode == 0
    pybabel(project, "init", "-D", "guidepress", "-i", "locales/guidepress.pot", "-d", "locales", "-l", "sv")
    fill(project / "locales/sv/LC_MESSAGES/guidepress.po", {"What this fixes": "Vad det här löser", "Tip:": "Obs:"})
    for po in ("guides", "guidepress"):
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", f"locales/sv/LC_MESSAGES/{po}.po"], cwd=project, check=True)
    result = guidepress(project, "--strict", "--locale", "sv", "--no-png")
    assert result.returncode == 0, result.stderr
    text = pdf_text(project / "build" / "sv" / "register-absence.pdf")
    assert "Vad det här löser" in text and "Obs:" in text
    status = guidepress(project, "--status", "--locale", "sv").stdout
    assert "handout words: locales/sv/LC_MESSAGES/guidepress.po (the project's own)" in status
    assert "untranslated:" not in status and "fuzzy:" not in status


def test_a_project_rewords_one_handout_word_and_keeps_guidepress_s_others(project: Path) -> None:
    assert guidepress(project, "words-template", "-o", "locales/guidepress.pot").returncode == 0
    pybabel(project, "init", "-D", "guidepress", "-i", "locales/guidepress.pot", "-d", "locales", "-l", "nb")
    po = project / "locales/nb/LC_MESSAGES/guidepress.po"
    text = po.read_text(encoding="utf-8")
    old = 'msgid "What this fixes"\nmsgstr ""'
    assert old in text
    po.write_text(text.replace(old, 'msgid "What this fixes"\nmsgstr "Hva du får løst"'), encoding="utf-8")
    result = guidepress(project, "--strict", "--locale", "nb", "--no-png", GUIDE)
    assert result.returncode == 0, result.stderr  # the other words: guidepress's Bokmål
    text = pdf_text(project / "build" / "nb" / "register-absence.pdf")
    assert "Hva du får løst" in text and "Hva dette løser" not in text
    assert "Tips:" in text and "Side 1 av" in text  # guidepress's own nb wording of the others


def test_a_project_s_words_catalog_makes_its_handouts_out_of_date(project: Path) -> None:
    """The manifest hashes the project's own words catalog (and its quotes file): adding one rebuilds."""
    build = ("--no-png", "-q", "--locale", "nb", GUIDE)
    assert guidepress(project, *build).stderr.endswith("0 up to date; 0 failed\n")
    assert "1 up to date" in guidepress(project, *build).stderr
    assert guidepress(project, "words-template", "-o", "locales/guidepress.pot").returncode == 0
    pybabel(project, "init", "-D", "guidepress", "-i", "locales/guidepress.pot", "-d", "locales", "-l", "nb")
    assert "0 up to date" in guidepress(project, *build).stderr
    (project / "locales" / "ui-quotes.yaml").write_text("nn:\n  Example HR: nb\n", encoding="utf-8")
    assert "0 up to date" in guidepress(project, *build).stderr

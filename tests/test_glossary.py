"""The project's glossary (`locales/glossary.tbx`): read as Weblate imports it (translate-toolkit's TBX reader,
per target language), it holds the handout's recurring terms in nb and nn; `--strict` fails on a prose
translation that leaves out the glossary's word, and holds on the shipped catalogs (and the starter's); the
translation errors found by reading are fixed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT
from guidepress.l10n.glossary import load_glossary

GLOSSARY = ROOT / "locales" / "glossary.tbx"
STARTER = ROOT / "src" / "guidepress" / "resources" / "starter"


def test_weblate_s_reader_finds_each_term_in_each_language() -> None:
    from translate.storage import tbx

    expected = {
        "step": {"nb": "steg", "nn": "steg"},
        "two-step verification": {"nb": "totrinnsbekreftelse", "nn": "totrinnsstadfesting"},
        "work email": {"nb": "jobb-e-post", "nn": "jobb-e-post"},
        "click": {"nb": "klikk på", "nn": "klikk på"},
        "your new password has": {"nb": "det nye passordet ditt må ha", "nn": "det nye passordet ditt må ha"},
    }
    for language in ("nb", "nn"):
        store = tbx.tbxfile.parsefile(str(GLOSSARY))
        store.settargetlanguage(language)
        found = {unit.source: unit.target for unit in store.units}
        assert found == {source: words[language] for source, words in expected.items()}
    ours = load_glossary(GLOSSARY)
    assert ours is not None
    assert {t.source: t.preferred for t in ours.terms} == expected
    assert ours.terms[0].deprecated == {"nb": ["trinn"], "nn": ["trinn"]}
    assert (STARTER / "locales" / "glossary.tbx").read_bytes() == GLOSSARY.read_bytes()


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, str(ROOT / "make_pdf.py"), "--jobs", "1", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_the_shipped_and_starter_catalogs_keep_to_the_glossary(tmp_path: Path) -> None:
    for name in ("locales", "assets", "guide_src", "packs"):
        shutil.copytree(ROOT / name, tmp_path / "repo" / name)
    assert run(tmp_path / "repo", "--strict", "--no-png", "-q").returncode == 0
    subprocess.run(
        [sys.executable, "-m", "guidepress", "init", "starter"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    result = run(tmp_path / "starter", "--strict", "--no-png", "-q")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("catalog", "old", "new", "problem"),
    [
        (
            "nb",
            "krysse av hvert steg",
            "krysse av hvert trinn",
            "glossary: 'step' is 'steg' in nb, not 'trinn' (locales/glossary.tbx:",
        ),
        (
            "nn",
            'msgstr "Jobb-e-post"',
            'msgstr "E-post på jobben"',
            "glossary: 'work email' is 'jobb-e-post' in nn, not 'e-post på jobben' (locales/glossary.tbx:",
        ),
        (
            "nb",
            'msgstr "Klikk på {absences.register}."',
            'msgstr "Klikk {absences.register}."',
            "glossary: 'click' is 'klikk på' in nb (locales/glossary.tbx:",
        ),
    ],
)
def test_a_translation_that_leaves_out_the_glossary_s_word_fails_strict(
    tmp_path: Path, catalog: str, old: str, new: str, problem: str
) -> None:
    for name in ("locales", "assets", "guide_src", "packs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    po = tmp_path / "locales" / catalog / "LC_MESSAGES" / "guides.po"
    text = po.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    po.write_text(text.replace(old, new), encoding="utf-8")
    subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(po)], check=True)
    result = run(tmp_path, "--strict", "--no-png", "--locale", catalog)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"locales/{catalog}/LC_MESSAGES/guides.po:") and problem in line, line


def test_two_step_verification_is_not_a_step() -> None:
    """A longer term is matched first: "two-step verification" asks for totrinnsbekreftelse, not "steg"."""
    glossary = load_glossary(GLOSSARY)
    assert glossary is not None
    assert [t.source for t in glossary.terms_in("Turn on two-step verification")] == ["two-step verification"]
    assert sorted(t.source for t in glossary.terms_in("Each step, then click Next")) == ["click", "step"]


def test_a_broken_glossary_is_one_located_line(tmp_path: Path) -> None:
    for name in ("locales", "assets", "guide_src"):
        shutil.copytree(ROOT / name, tmp_path / name)
    tbx = tmp_path / "locales" / "glossary.tbx"
    tbx.write_text(tbx.read_text(encoding="utf-8").replace("</termEntry>", "</termEntri>", 1), encoding="utf-8")
    result = run(tmp_path, "--strict", "--no-png", "--locale", "nb")
    assert result.returncode == 1
    assert result.stderr.startswith("locales/glossary.tbx:") and "not a TBX file: mismatched tag" in result.stderr


def catalog_of(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as fh:
        return read_po(fh)


def test_the_translation_errors_found_by_reading_are_fixed() -> None:
    nb, nn = (catalog_of(ROOT / f"locales/{loc}/LC_MESSAGES/guides.po") for loc in ("nb", "nn"))
    welcome = next(m for m in nn if m.id and "keep the third for the day you need it" in str(m.id))
    assert "den dagen du treng ho" in welcome.string  # "rettleiinga" is feminine
    for catalog in (nb, nn):  # the product's Norwegian screen reads "Land: Norway"
        assert catalog.get("Norway", context="ui:Visma Connect").string == "Norway"
    assert nb.get("Fill in the absence").string == "Fyll ut fraværsskjemaet"
    assert nn.get("Fill in the absence").string == "Fyll ut fråværsskjemaet"
    starter_nb, starter_nn = (catalog_of(STARTER / f"locales/{loc}/LC_MESSAGES/guides.po") for loc in ("nb", "nn"))
    opens = "Example Portal opens with your start page."
    assert starter_nb.get(opens).string == "Example Portal åpnes med startsiden din."
    assert starter_nn.get(opens).string == "Example Portal opnar seg med startsida di."
    assert starter_nb.get("Your new password has").string == "Det nye passordet ditt må ha"

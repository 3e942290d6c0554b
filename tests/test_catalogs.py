"""Catalogs through the standard tools: pybabel extract/update/compile, msgfmt -c, fallbacks."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import GUIDE_ID, LOCALES, ROOT, pybabel
from guidepress.build import BuildOptions, build
from guidepress.l10n.catalogs import EXTRACT_COMMAND
from guidepress.l10n.translate import look_up
from guidepress.l10n.translator import fallback_chain, translator_for
from guidepress.l10n.words import WORDS_EXTRACT_COMMAND
from guidepress.project import Project
from pdftext import fonts, pdf_text

PYBABEL = [sys.executable, "-m", "babel.messages.frontend"]
WORDS = ROOT / "src" / "guidepress" / "resources" / "locales"  # guidepress's own catalogs of the handout words


def messages(path: Path) -> dict:  # type: ignore[type-arg]
    with path.open("rb") as fh:
        return {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in read_po(fh) if m.id}


def extract(root: Path, out: Path) -> None:
    pybabel("extract", "-F", "babel.cfg", "-c", "TRANSLATORS:", "-o", str(out), ".", cwd=root)


def assert_same_messages(committed: dict, current: dict, command: str) -> None:  # type: ignore[type-arg]
    assert committed.keys() == current.keys(), f"run: {command}"
    for key, message in current.items():
        assert committed[key].locations == message.locations, key
        assert committed[key].auto_comments == message.auto_comments, key


def test_committed_template_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / "guides.pot"
    extract(ROOT, fresh)
    assert_same_messages(messages(ROOT / "locales" / "guides.pot"), messages(fresh), EXTRACT_COMMAND)


def test_committed_handout_words_template_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / "guidepress.pot"
    args = shlex.split(WORDS_EXTRACT_COMMAND)[1:]
    args[args.index("-o") + 1] = str(fresh)
    pybabel(*args, cwd=ROOT)
    committed, current = messages(WORDS / "guidepress.pot"), messages(fresh)
    assert_same_messages(committed, current, WORDS_EXTRACT_COMMAND)
    assert (None, "Page {page} of {pages}") in current
    assert "python-brace-format" in current[(None, "Page {page} of {pages}")].flags


def test_template_has_contexts_comments_references_and_plurals() -> None:
    pot = messages(ROOT / "locales" / "guides.pot")
    forgot = pot[("ui:Visma Connect", "Forgot your password?")]
    assert any("product's own wording" in c for c in forgot.auto_comments)
    assert forgot.locations[0][0] == f"guide_src/{GUIDE_ID}.yaml"
    rule = pot[("ui:Visma Connect", "Minimum {count} character")]
    assert rule.id == ("Minimum {count} character", "Minimum {count} characters")
    assert "python-brace-format" in rule.flags
    go = pot[(None, "Go to {account_settings_url}.")]
    assert any(c.startswith("{account_settings_url}:") for c in go.auto_comments)


@pytest.mark.parametrize("domain", ["guides", "guidepress"])
@pytest.mark.parametrize("locale", LOCALES)
def test_shipped_catalogs_are_complete_and_pass_msgfmt(locale: str, domain: str) -> None:
    """The project's catalogs, and guidepress's own of the handout words."""
    locales = ROOT / "locales" if domain == "guides" else WORDS
    po = locales / locale / "LC_MESSAGES" / f"{domain}.po"
    catalog = messages(po)
    pot = messages(locales / f"{domain}.pot")
    assert catalog.keys() == pot.keys()
    for key, m in catalog.items():
        assert not m.fuzzy, key
        assert all(m.string) if isinstance(m.string, tuple) else m.string, f"{locale}: {key} untranslated"
    result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_round_trip_extract_update_edit_build(tmp_path: Path) -> None:
    for name in ("guide_src", "locales", "assets", "babel.cfg"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, tmp_path / name)
    extract(tmp_path, tmp_path / "locales" / "guides.pot")
    pybabel("update", "-D", "guides", "-i", "locales/guides.pot", "-d", "locales", cwd=tmp_path)
    po = tmp_path / "locales" / "nb" / "LC_MESSAGES" / "guides.po"
    text = po.read_text()
    old = 'msgstr "Lukk nettleseren helt, og åpne den igjen."'
    assert old in text, "the Bokmål step 1 changed; update this test"
    po.write_text(text.replace(old, 'msgstr "Lukk nettleseren heilt og opne han att – redigert."'))
    pybabel("compile", "-D", "guides", "-d", "locales", cwd=tmp_path)
    report = build(Project(tmp_path), BuildOptions(out_dir=tmp_path / "out", locales=("nb",), png=False))
    assert not report.errors
    assert "opne han att – redigert." in pdf_text(tmp_path / "out" / "nb" / f"{GUIDE_ID}.pdf")


def test_nynorsk_falls_back_to_bokmal_before_english(tmp_path: Path) -> None:
    assert fallback_chain("nn") == ("nn", "nb")
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    po = tmp_path / "locales" / "nn" / "LC_MESSAGES" / "guides.po"
    text = po.read_text()
    start = text.index('msgid "Close your web browser completely and open it again."')
    end = text.index("\n\n", start)
    po.write_text(text[:start] + 'msgid "Close your web browser completely and open it again."\nmsgstr ""' + text[end:])
    t = translator_for(tmp_path / "locales", "nn")
    found = look_up(t, "Close your web browser completely and open it again.")
    assert found.text == "Lukk nettleseren helt, og åpne den igjen."


def test_a_new_sami_catalog_is_all_it_takes(tmp_path: Path) -> None:
    for name in ("guide_src", "locales", "assets"):
        shutil.copytree(ROOT / name, tmp_path / name)
    se = tmp_path / "locales" / "se" / "LC_MESSAGES"
    se.mkdir(parents=True)
    (se / "guides.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: se\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);\\n"\n\n'
        'msgid "Link BankID to your Visma account"\nmsgstr "Čatnat BankID du Visma-kontui – ŋ š ŧ ž đ á"\n',
        encoding="utf-8",
    )
    report = build(Project(tmp_path), BuildOptions(out_dir=tmp_path / "out", png=False))
    assert not report.errors
    pdf = tmp_path / "out" / "se" / f"{GUIDE_ID}.pdf"
    text = pdf_text(pdf)
    assert "Čatnat BankID du Visma-kontui – ŋ š ŧ ž đ á" in text
    assert "Lukk nettleseren helt" in text  # the rest falls back to Bokmål
    assert all(embedded for embedded in fonts(pdf).values())


def test_a_compiled_catalog_kept_between_runs_never_hides_an_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next build reads the edited PO, and only one compiled copy of a catalog is kept."""
    from guidepress.l10n import catalogs

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    po = tmp_path / "locales" / "nb" / "LC_MESSAGES" / "guides.po"
    source = "Close your web browser completely and open it again."

    def next_process_says() -> str:
        catalogs.forget_catalogs()
        return look_up(translator_for(tmp_path / "locales", "nb"), source).text

    before = next_process_says()
    assert before == "Lukk nettleseren helt, og åpne den igjen."
    kept = sorted((tmp_path / "cache" / "guidepress").glob("catalog-nb-*.marshal"))
    assert len(kept) == 2  # the project's catalog and guidepress's own of the handout words
    with monkeypatch.context() as no_babel:
        no_babel.setattr(catalogs, "read_catalog", lambda path: pytest.fail("parsed again"))
        assert next_process_says() == before  # from the cache, without Babel reading the PO
    po.write_text(po.read_text(encoding="utf-8").replace(before, "Lukk alle nettleservinduer."), encoding="utf-8")
    assert next_process_says() == "Lukk alle nettleservinduer."
    assert len(list((tmp_path / "cache" / "guidepress").glob("catalog-nb-*.marshal"))) == len(kept)
    catalogs.forget_catalogs()

"""A product UI label's context names its product (`ui:Visma Connect`), so "Next" in two products is two
messages; catalogs from before move to the new contexts without losing a translation (`pybabel update`
after `python -m guidepress.l10n.migrate`: none lost, none fuzzy); and a project may say that a locale
shows another's wording of one product's labels (`locales/ui-quotes.yaml`), which `--strict` accepts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from conftest import ROOT
from pdftext import pdf_text

GUIDE = "guide_src/bankid-visma-connect.yaml"
NN = "locales/nn/LC_MESSAGES/guides.po"


def catalog(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as fh:
        return read_po(fh)


def key(message) -> tuple[str | None, str]:  # type: ignore[no-untyped-def]
    return message.context, message.id if isinstance(message.id, str) else message.id[0]


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("locales", "assets", "guide_src", "packs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "babel.cfg", tmp_path)
    return tmp_path


def test_a_label_s_context_names_its_product() -> None:
    template = catalog(ROOT / "locales" / "guides.pot")
    contexts = {m.context for m in template if m.id and m.id == "Next"}
    assert contexts == {"ui:Visma Connect", "ui:Example Portal"}
    assert not [m for m in template if m.id and m.context == "ui"]
    assert {m.context for m in template if m.id and m.context} == {
        "ui:Visma Connect",
        "ui:Example Portal",
        "ui:Example HR",
    }


def as_before(path: Path) -> int:
    """The catalog as it was before labels had their product: every label under `ui`, once per text."""
    old = catalog(path)
    seen = set()
    for message in [m for m in old if m.id and m.context and m.context.startswith("ui:")]:
        text = key(message)[1]
        old.delete(message.id, context=message.context)
        if text not in seen:
            seen.add(text)
            message.context = "ui"
            old[message.id] = message
    with path.open("wb") as fh:
        write_po(fh, old, width=76)
    return len(seen)


def test_migrating_the_shipped_catalogs_loses_no_translation_and_makes_none_fuzzy(project: Path) -> None:
    shipped = {locale: catalog(ROOT / f"locales/{locale}/LC_MESSAGES/guides.po") for locale in ("nb", "nn", "en")}
    for locale in shipped:
        assert as_before(project / f"locales/{locale}/LC_MESSAGES/guides.po") > 100
    control = project.parent / "control"
    shutil.copytree(project, control)
    pos = [f"locales/{locale}/LC_MESSAGES/guides.po" for locale in shipped]
    result = run(project, sys.executable, "-m", "guidepress.l10n.migrate", "locales/guides.pot", *pos)
    assert result.returncode == 0 and "labels moved to their product's context" in result.stdout
    update = ["pybabel", "update", "--previous", "-D", "guides", "-i", "locales/guides.pot", "-d", "locales"]
    assert run(project, *update).returncode == 0
    for locale, expected in shipped.items():
        path = project / f"locales/{locale}/LC_MESSAGES/guides.po"
        subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], check=True)
        migrated = catalog(path)
        assert not [m.id for m in migrated if m.id and m.fuzzy], locale
        assert not migrated.obsolete, locale
        found = {key(m): m.string for m in migrated if m.id}
        assert found == {key(m): m.string for m in expected if m.id}, locale
    # without the migration, pybabel update would have left the labels fuzzy or without their translation
    assert run(control, *update).returncode == 0
    unmigrated = catalog(control / NN)
    lost = [m for m in unmigrated if m.id and (m.fuzzy or not m.string) and (m.context or "").startswith("ui:")]
    assert len(lost) > 50


def test_a_locale_quotes_another_s_wording_of_one_product_s_labels(project: Path) -> None:
    po = project / NN
    nn = catalog(po)
    emptied = 0
    for message in nn:
        if message.id and message.context == "ui:Visma Connect":
            message.string = ("",) * len(message.string) if isinstance(message.string, tuple) else ""
            emptied += 1
    with po.open("wb") as fh:
        write_po(fh, nn, width=76)
    assert emptied > 30
    make = [sys.executable, str(ROOT / "make_pdf.py"), "--jobs", "1", "--no-png", "--locale", "nn", GUIDE]
    assert run(project, *make, "--strict").returncode == 1  # the labels are untranslated
    (project / "locales" / "ui-quotes.yaml").write_text(
        "# Visma Connect has no Nynorsk UI: its screens read in Bokmål\nnn:\n  Visma Connect: nb\n", encoding="utf-8"
    )
    result = run(project, *make, "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # and no warning: the labels are shown as the project says
    text = pdf_text(project / "build" / "nn" / "bankid-visma-connect.pdf")
    assert "Glemt ditt passord?" in text and "Gløymt" not in text  # nb's label, as the product shows it
    assert "Bruk denne rettleiinga" in text  # the prose is still Nynorsk
    status = run(project, sys.executable, str(ROOT / "make_pdf.py"), "--status", "--locale", "nn").stdout
    assert "shows nb's wording of the labels of Visma Connect (ui-quotes.yaml)" in status
    assert "untranslated:" not in status
    # Example Portal's labels are still nn's own: quoting one product quotes only that one
    assert catalog(po).get("Next", context="ui:Example Portal").string == "Neste"


@pytest.mark.parametrize(
    ("content", "line", "column", "message"),
    [
        ("nn:\n  Visma Konnect: nb\n", 2, 3, "no guide is about the product 'Visma Konnect'"),
        ("nn:\n  Visma Connect: sv\n", 2, 18, "nn: 'sv' is not another locale with a catalog"),
        ("xx:\n  Visma Connect: nb\n", 1, 1, "'xx' has no catalog"),
    ],
)
def test_a_wrong_quotes_file_is_a_located_strict_error(
    project: Path, content: str, line: int, column: int, message: str
) -> None:
    (project / "locales" / "ui-quotes.yaml").write_text(content, encoding="utf-8")
    result = run(project, sys.executable, str(ROOT / "make_pdf.py"), "--strict", "--no-png", "--locale", "nb")
    assert result.returncode == 1
    assert f"locales/ui-quotes.yaml:{line}:{column}: {message}" in result.stderr, result.stderr

"""The README's steps for translators, run as written after a source change: extract, update with
`--previous`, the English catalog's two GNU gettext steps, status, one message translated (as Poedit would
save it), a build, and `--strict` passes. The commands are read from the README's block, so a README that
drifts from what works fails here."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from conftest import ROOT

OLD = "Close your web browser completely and open it again."
NEW = "Close your web browser completely, then open it again."
TRANSLATED = {"nb": "Lukk nettleseren helt, og åpne den igjen.", "nn": "Lukk nettlesaren heilt, og opne han att."}
EN = "locales/en/LC_MESSAGES/guides.po"


def readme_steps(readme: Path, section: str) -> list[str]:
    """The lines of the first `sh` block after the heading, without their trailing comments."""
    text = readme.read_text(encoding="utf-8")
    block = text.split(section, 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return [re.split(r"\s+# ", line, maxsplit=1)[0].strip() for line in block.splitlines()]


def translate_as_poedit_would(path: Path, msgid: str, text: str) -> None:
    """Type the translation and save: the entry is no longer fuzzy, its previous text dropped."""
    assert f'#| msgid "{OLD}"\n' in path.read_text(encoding="utf-8")  # --previous: what changed
    with path.open("rb") as fh:
        catalog = read_po(fh)
    message = catalog[msgid]
    assert message.fuzzy
    message.string = text
    message.flags.discard("fuzzy")
    message.previous_id = []
    with path.open("wb") as fh:
        write_po(fh, catalog)


def test_the_readme_workflow_passes_strict_after_a_source_change(tmp_path: Path) -> None:
    for tool in ("pybabel", "msgattrib", "msgen"):
        assert shutil.which(tool), f"{tool} is needed (Babel; GNU gettext)"
    for name in ("guide_src", "packs", "locales", "assets"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "babel.cfg", tmp_path)
    guide = tmp_path / "guide_src" / "bankid-visma-connect.yaml"
    guide.write_text(guide.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}  # pybabel finds this guidepress's extractor
    steps = readme_steps(ROOT / "README.md", "## For translators")
    assert any(step.startswith("msgattrib --clear-fuzzy --empty") for step in steps)
    starter = readme_steps(ROOT / "src/guidepress/resources/starter/README.md", "translate what is new")
    assert [s for s in steps if s.startswith("msg")] == [s for s in starter if s.startswith("msg")]
    outputs: dict[str, str] = {}
    for step in steps:
        if step.startswith("# "):  # the translator's own work
            assert "translate" in step
            for locale, text in TRANSLATED.items():
                translate_as_poedit_would(tmp_path / f"locales/{locale}/LC_MESSAGES/guides.po", NEW, text)
            continue
        command = step.replace("python make_pdf.py", f"{sys.executable} {ROOT / 'make_pdf.py'} --jobs 1")
        result = subprocess.run(command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, (step, result.stderr)
        outputs[step] = result.stdout + result.stderr
        if step.startswith("pybabel update"):
            with (tmp_path / EN).open("rb") as fh:
                guessed = read_po(fh)[NEW]
            assert guessed.fuzzy and guessed.string == OLD  # the guess the English step must not keep
    with (tmp_path / EN).open("rb") as fh:
        english = read_po(fh)
    assert not any(m.fuzzy for m in english if m.id) and english[NEW].string == NEW
    assert all(m.string for m in english if m.id)  # nothing else emptied
    status = next(out for step, out in outputs.items() if step.endswith("--status"))
    assert "en  English" in status and re.search(r"^  all messages\s+\d+\s+0\s+0\s+0$", status, re.M)
    assert "fuzzy:" in status  # nb and nn: the changed message, still to translate then
    assert (tmp_path / "build" / "nn" / "bankid-visma-connect.pdf").is_file()
    subprocess.run(["msgfmt", "-c", "-o", os.devnull, EN], cwd=tmp_path, check=True)


@pytest.mark.parametrize("readme", ["README.md", "src/guidepress/resources/starter/README.md"])
def test_the_english_step_keeps_an_english_rewording(readme: str, tmp_path: Path) -> None:
    """Only the entries pybabel update made fuzzy are emptied and refilled: a reworded English text stays."""
    po = tmp_path / "en.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Sign in"\nmsgstr "Log in"\n\n'
        f'#, fuzzy\n#| msgid "{OLD}"\nmsgid "{NEW}"\nmsgstr "{OLD}"\n\n'
        'msgid "New"\nmsgstr ""\n',
        encoding="utf-8",
    )
    steps = [
        s
        for s in readme_steps(ROOT / readme, "translate what is new" if "starter" in readme else "## For translators")
        if s.startswith("msg")
    ]
    for step in steps:
        subprocess.run(step.replace(EN, str(po)), shell=True, check=True, capture_output=True)
    with po.open("rb") as fh:
        catalog = read_po(fh)
    assert catalog["Sign in"].string == "Log in"
    assert catalog[NEW].string == NEW and not catalog[NEW].fuzzy
    assert catalog["New"].string == "New"

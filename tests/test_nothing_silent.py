"""Nothing a translator does is silent: every text a handout shows that its catalog does not translate is
named at its catalog entry, counted as `--status` counts it, and a translation whose printf placeholders
or edge whitespace differ from the source is a warning at its entry (an error with `--strict`) and not shown.

The catalogs are read back with Babel's `read_po`, and GNU `msgfmt -c` accepts every planted defect (so the
checks are ours, and each is shown to fire)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT
from pdftext import pdf_text

NB = "locales/nb/LC_MESSAGES/guides.po"
GUIDE = "guide_src/register-absence.yaml"
TITLE = "Register an absence in Example HR"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("locales", "assets", "guide_src"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def run(project: Path, *args: str) -> tuple[int, list[str], str]:
    """The real process, in the project: its exit status, its stderr lines, its stdout."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "make_pdf.py"), "--jobs", "1", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stderr.splitlines(), result.stdout


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(path: Path, msgid: str, context: str | None = None) -> int:
    with path.open("rb") as fh:
        message = read_po(fh).get(msgid, context=context)
    assert message is not None and message.lineno
    return message.lineno


def msgfmt_accepts(path: Path) -> bool:
    return subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0


def test_a_fuzzy_title_is_named_at_its_entry_and_counted_as_status_counts_it(project: Path) -> None:
    po = project / NB
    edit(po, f'msgid "{TITLE}"', f'#, fuzzy\nmsgid "{TITLE}"')
    assert msgfmt_accepts(po)
    status, err, _ = run(project, "--no-png", "--locale", "nb", GUIDE)
    assert status == 0
    line = line_of(po, TITLE)
    assert f"{NB}:{line}:1: warning: nb: fuzzy, the handout shows en: '{TITLE}'" in err
    [sentence] = [w for w in err if w.startswith(f"{GUIDE}:1:1:")]
    found = re.fullmatch(rf"{GUIDE}:1:1: warning: nb: 1 of (\d+) messages fuzzy, the handout shows en", sentence)
    assert found, sentence
    # the same figures as --status's row for the guide
    _, _, out = run(project, "--status", "--locale", "nb", GUIDE)
    row = re.search(r"^  register-absence\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$", out, re.M)
    assert row and int(found.group(1)) == sum(map(int, row.groups())) and row.group(2) == "1", out
    assert f"{NB}:{line}" in out and "fuzzy:" in out
    pdf = pdf_text(project / "build" / "nb" / "register-absence.pdf")
    assert TITLE in pdf and "Registrer fravær i Example HR" not in pdf  # the source, as the warning says


def test_an_extra_printf_placeholder_and_a_trailing_space_are_warnings_errors_and_not_shown(project: Path) -> None:
    po = project / NB
    edit(po, 'msgstr "Gå til {account_settings_url}."', 'msgstr "Gå til {account_settings_url} %s."')
    edit(
        po,
        'msgctxt "ui:Visma Connect"\nmsgid "Next"\nmsgstr "Neste"',
        'msgctxt "ui:Visma Connect"\nmsgid "Next"\nmsgstr "Neste "',
    )
    assert msgfmt_accepts(po), "msgfmt -c lets both through: the checks are guidepress's"
    guide = "guide_src/bankid-visma-connect.yaml"
    status, err, _ = run(project, "--no-png", "--locale", "nb", guide)
    assert status == 0
    go_to, following = line_of(po, "Go to {account_settings_url}."), line_of(po, "Next", "ui:Visma Connect")
    assert (
        f"{NB}:{go_to}:1: warning: nb: translation of 'Go to {{account_settings_url}}.' has a printf placeholder "
        "%s not in the source; source used"
    ) in err
    assert (
        f"{NB}:{following}:1: warning: nb: translation of 'Next' has trailing whitespace ' ' where the source has "
        "none; source used"
    ) in err
    text = pdf_text(project / "build" / "nb" / "bankid-visma-connect.pdf")
    assert "%s" not in text and "Neste ." not in text
    status, err, _ = run(project, "--no-png", "--locale", "nb", "--strict", guide)
    assert status == 1
    assert f'{NB}:{go_to}: printf placeholder %s not in the source: "Go to {{account_settings_url}}."' in err
    assert f"{NB}:{following}: trailing whitespace ' ' where the source has none: [ui:Visma Connect] \"Next\"" in err
    _, _, out = run(project, "--status", "--locale", "nb", guide)
    assert "  rejected:\n" in out and "has a printf placeholder %s not in the source" in out
    assert re.search(r"^  bankid-visma-connect\s+\d+\s+0\s+0\s+2$", out, re.M), out


def test_printf_placeholders_the_source_has_must_all_be_kept(project: Path) -> None:
    """A per cent sign is not a placeholder ("100 %" in Norwegian); a source's `%d` must stay."""
    from babel.messages.catalog import Message

    from guidepress.l10n.checkers import Plurals, check_printf, check_whitespace

    plurals = Plurals.of(2, "(n != 1)")

    def problems(source: str, translation: str) -> list[str]:
        template, message = Message(source), Message(source, translation)
        return [*check_printf(template, message, plurals), *check_whitespace(template, message, plurals)]

    assert problems("100% sure", "100 % sikker") == []
    assert problems("%(n)s files, %d%%", "%d %%, %(n)s filer") == []
    assert problems("%(n)s files", "filer") == ["printf placeholder %(n)s missing"]
    assert problems(" Next", "Neste") == ["leading whitespace none where the source has ' '"]


def test_a_build_names_a_few_messages_per_catalog_and_counts_the_rest(project: Path) -> None:
    po = project / NB
    with po.open("rb") as fh:
        catalog = read_po(fh)
    emptied = [
        m for m in catalog if m.id and isinstance(m.id, str) and any(path == GUIDE for path, _line in m.locations)
    ][:12]
    text = po.read_text(encoding="utf-8")
    for message in emptied:
        text = re.sub(r'(msgid "' + re.escape(message.id) + r'"\nmsgstr ")[^"]*(")', r"\1\2", text, count=1)
    po.write_text(text, encoding="utf-8")
    status, err, _ = run(project, "--no-png", "--locale", "nb", GUIDE)
    assert status == 0
    named = [w for w in err if w.startswith(f"{NB}:") and ": warning: nb: untranslated, the handout shows en: " in w]
    assert len(named) == 5
    lines = [int(w.split(":")[1]) for w in named]
    assert lines == sorted(lines)  # in the catalog's order
    [sentence] = [w for w in err if w.startswith(f"{GUIDE}:")]
    found = re.search(r"nb: (\d+) of \d+ messages untranslated, the handout shows en$", sentence)
    assert found and int(found.group(1)) >= 10, sentence
    rest = int(found.group(1)) - 5
    assert f"{NB}:1:1: warning: nb: {rest} more messages of this catalog not translated (--status lists them)" in err
    assert len(err) == 1 + 5 + 1

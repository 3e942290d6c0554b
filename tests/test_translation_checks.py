"""The translators' checks: `--status` and `--strict` on the shipped catalogs and on broken copies."""

from __future__ import annotations

import ast
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import GUIDE_ID, LOCALES, ROOT
from guidepress.build import BuildOptions, build
from guidepress.cli.main import main
from guidepress.cli.strict import check_strict
from guidepress.l10n.status import locale_status, read_template, read_words_template
from guidepress.project import Project
from pdftext import pdf_text

NN = "locales/nn/LC_MESSAGES/guides.po"
ERROR = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+): (?P<message>.+)$")
WARNING = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<column>\d+): warning: (?P<message>.+)$")


def template_size() -> int:
    """The messages of a handout: the project's template and guidepress's handout words."""
    return sum(1 for m in read_template(ROOT / "locales") if m.id) + WORDS


WORDS = sum(1 for m in read_words_template() if m.id)
GUIDES = sorted(p.stem for p in (ROOT / "guide_src").glob("*.yaml"))


def guide_size(guide_id: str) -> int:
    """The template's messages one guide uses (a message several guides share counts in each)."""
    return sum(
        1
        for m in read_template(ROOT / "locales")
        if m.id and any(path == f"guide_src/{guide_id}.yaml" for path, _line in m.locations)
    )


# --- the shipped catalogs -------------------------------------------------------------------


def test_status_of_the_shipped_catalogs(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["--status"]) == 0
    out = capsys.readouterr().out
    total = template_size()
    assert out.startswith(
        f"Template locales/guides.pot: {total - WORDS} messages, and guidepress's {WORDS} handout words\n"
    )
    assert out.count("  handout words: src/guidepress/resources/locales/") == 3
    for locale in LOCALES:
        assert f"\n{locale}  " in out and f"locales/{locale}/LC_MESSAGES/guides.po" in out
    rows = re.findall(r"^  (\S.*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$", out, re.M)
    assert {name for name, *_ in rows} == {*GUIDES, "pack onboarding", "handout words", "all messages"}
    assert GUIDE_ID in GUIDES and len(GUIDES) >= 3
    assert [(int(t), int(f), int(u), int(r)) for name, t, f, u, r in rows if name == "all messages"] == [
        (total, 0, 0, 0)
    ] * 3
    assert out.count("obsolete (#~): 0") == 3
    assert "untranslated:" not in out and "fuzzy:" not in out


def test_shipped_catalogs_group_their_messages_by_guide_and_handout_words() -> None:
    status = locale_status(ROOT / "locales", "nn", read_template(ROOT / "locales"), read_words_template())
    assert status.groups() == [*GUIDES, "pack onboarding", "handout words"]
    assert status.count("translated", "handout words") == WORDS
    pack = status.count("translated", "pack onboarding")
    assert pack == 8  # the pack's title, two paragraphs of welcome and five people columns
    assert status.count("translated") == template_size()
    for guide_id in GUIDES:
        assert status.count("translated", guide_id) == guide_size(guide_id)
    # each guide's labels are its product's own ("Next" in two products is two messages), and the guides'
    # own sentences are their own: the rows add up to all
    assert sum(status.count("translated", g) for g in GUIDES) + pack >= status.count("translated") - WORDS


def test_strict_passes_on_the_shipped_catalogs(project: Project) -> None:
    report = check_strict(project, [*LOCALES, "qps-ploc"])
    assert report.lines() == []


def test_strict_build_writes_the_handouts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["--strict", "--locale", "nn", "--no-png", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "nn" / f"{GUIDE_ID}.pdf").is_file()
    assert capsys.readouterr().err == ""


# --- broken catalogs ---------------------------------------------------------------------------


def replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert text.count(old) == 1, f"the Nynorsk catalog changed; update this test: {old!r}"
        return text.replace(old, new)

    return edit


def line_of(text: str, msgid_line: str) -> int:
    """The 1-based line of an entry's msgid (Babel's and msgfmt's line of an entry)."""
    return text.splitlines().index(msgid_line) + 1


BROKEN = {
    "untranslated": (
        replace('msgstr "Lukk nettlesaren heilt, og opne han igjen."', 'msgstr ""'),
        'msgid "Close your web browser completely and open it again."',
        'untranslated: "Close your web browser completely and open it again." (the handout shows nb)',
    ),
    "fuzzy": (
        replace('msgctxt "ui:Visma Connect"\nmsgid "Edit"\n', '#, fuzzy\nmsgctxt "ui:Visma Connect"\nmsgid "Edit"\n'),
        'msgid "Edit"',
        'fuzzy: [ui:Visma Connect] "Edit" (fuzzy translations are not used; the handout shows nb)',
    ),
    "misspelt placeholder": (
        replace('msgstr "Gå til {account_settings_url}."', 'msgstr "Gå til {account_setings_url}."'),
        'msgid "Go to {account_settings_url}."',
        "placeholder {account_setings_url} is misspelt, the source has {account_settings_url}: "
        '"Go to {account_settings_url}."',
    ),
    "extra placeholder": (
        replace(
            'msgstr "Gå til {enterprise_url} og logg inn på vanleg måte."',
            'msgstr "Gå til {enterprise_url} og logg inn som {user_email}."',
        ),
        'msgid "Go to {enterprise_url} and log in as you usually do."',
        "placeholder {user_email} is not in the source, which has {enterprise_url}: "
        '"Go to {enterprise_url} and log in as you usually do."',
    ),
    "markup": (
        replace(
            'msgstr "Gå til {account_settings_url} igjen."', 'msgstr "Gå til <b>{account_settings_url}</b> igjen."'
        ),
        'msgid "Go to {account_settings_url} again."',
        "markup '<b>', '</b>' (translations are plain text): \"Go to {account_settings_url} again.\"",
    ),
    "entity": (
        replace('msgstr "Tilbake"', 'msgstr "Tilbake &amp; fram"'),
        'msgid "Back"',
        "markup '&amp;' (translations are plain text): [ui:Visma Connect] \"Back\"",
    ),
    "control character": (
        replace('msgstr "Endre"', 'msgstr "En\x07dre"'),
        'msgid "Edit"',
        'control character U+0007 (BELL): [ui:Visma Connect] "Edit"',
    ),
    "plural form without {count}": (
        replace('msgstr[1] "Minimum {count} teikn"', 'msgstr[1] "Minimum teikn"'),
        'msgid "Minimum {count} character"',
        "placeholder {count} is missing in msgstr[1], which is used for more than one number (0, 2, 3 …): "
        '[ui:Visma Connect] "Minimum {count} character"',
    ),
    "empty plural form": (  # a missing one is a catalog msgfmt -c refuses (test_bad_inputs.py)
        replace(
            'msgstr[0] "Minimum {count} store teikn"\nmsgstr[1] "Minimum {count} store teikn"\n',
            'msgstr[0] "Minimum {count} store teikn"\nmsgstr[1] ""\n',
        ),
        'msgid "Minimum {count} uppercase character"',
        'plural form msgstr[1] missing or empty (nplurals=2): [ui:Visma Connect] "Minimum {count} uppercase character"',
    ),
    "label too long for its button": (
        replace(
            'msgstr "Logg på med ADFS"',
            'msgstr "Logg på med ADFS via den eigne identitetstenaren til organisasjonen din"',
        ),
        'msgid "Log in with ADFS"',
        "UI label does not fit 'adfs' on screen 'login' (needs 2 lines, the button has room for one): "
        '"Logg på med ADFS via den eigne identitetstenaren til organi…"',
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_strict_names_file_and_line_of_each_problem(
    case: str, scratch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit, msgid_line, message = BROKEN[case]
    po = scratch / NN
    text = edit(po.read_text(encoding="utf-8"))
    po.write_text(text, encoding="utf-8")
    monkeypatch.chdir(scratch)
    out = tmp_path / "out"
    assert main(["--root", str(scratch), "--strict", "--locale", "nn", "--out", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"{NN}:{line_of(text, msgid_line)}: {message}"]
    assert ERROR.match(err[0])
    assert not out.exists(), "a failed strict build writes nothing"


def test_strict_reports_every_problem_at_once_and_touches_no_output(
    scratch: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    po = scratch / NN
    text = po.read_text(encoding="utf-8")
    for edit, _line, _message in BROKEN.values():
        if edit is not BROKEN["fuzzy"][0]:  # "Edit" is also broken by the control character
            text = edit(text)
    po.write_text(text, encoding="utf-8")
    monkeypatch.chdir(scratch)
    out = scratch / "build"
    assert main(["--locale", "nn", "--no-png"]) == 0  # without --strict: built, with warnings
    assert (out / "nn" / f"{GUIDE_ID}.pdf").is_file()
    warnings = capsys.readouterr().err.splitlines()
    assert all(WARNING.match(line) for line in warnings), warnings
    guide = (scratch / "guide_src" / f"{GUIDE_ID}.yaml").read_text(encoding="utf-8")
    button = line_of(guide, "      - {id: adfs, type: button, style: secondary, text: Log in with ADFS}")
    label = line_of(text, 'msgid "Log in with ADFS"')
    # at the button's text in the guide, naming the catalog entry the text is
    assert (
        f"guide_src/{GUIDE_ID}.yaml:{button}:58: warning: nn: 'adfs' on screen 'login' does not fit: needs 2 lines, "
        f"the button has room for one (the translation of 'Log in with ADFS' at {NN}:{label})"
    ) in warnings
    at_entries = [line for line in warnings if line.startswith(f"{NN}:")]  # at the entries --strict names
    unusable = [line for line in at_entries if ": warning: nn: translation of " in line]
    assert len(unusable) == 6
    # and each message the catalog leaves untranslated, by name (nothing the handout does not use is silent)
    untranslated = [line for line in at_entries if line not in unusable]
    step1 = line_of(text, BROKEN["untranslated"][1])
    assert (
        f"{NN}:{step1}:1: warning: nn: untranslated, the handout shows nb: "
        "'Close your web browser completely and open it again.'"
    ) in untranslated
    assert len(untranslated) == 2, untranslated  # and the empty plural form
    assert any("placeholders that do not match" in line for line in unusable)
    assert main(["--strict", "--locale", "nn", "--no-png"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == len(BROKEN) - 1
    assert all(line.startswith(f"{NN}:") for line in err)
    strict_lines = {ERROR.match(line).group("line") for line in err}  # type: ignore[union-attr]
    assert {WARNING.match(line).group("line") for line in unusable} < strict_lines  # type: ignore[union-attr]
    # a strict check stops before building: it removes nothing an earlier build made
    assert (out / "nn" / f"{GUIDE_ID}.pdf").is_file(), "a failed strict check deleted an earlier build's PDF"


def test_strict_reports_a_message_missing_from_the_catalog(
    scratch: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    po = scratch / NN
    text = po.read_text(encoding="utf-8")
    start = text.index('msgctxt "ui:Visma Connect"\nmsgid "Edit"\n')
    po.write_text(text[:start] + text[text.index("\n\n", start) + 2 :], encoding="utf-8")
    monkeypatch.chdir(scratch)
    assert main(["--strict", "--locale", "nn"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f'{NN}: not in the catalog (run pybabel update): [ui:Visma Connect] "Edit" (the handout shows nb)'
    ]


def test_strict_checks_only_what_the_same_build_makes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A guide file named (and --pack) narrows --strict as it narrows the build: another guide's or
    pack's untranslated messages are not this build's problems; a catalog that does not read is."""
    for name in ("guide_src", "locales", "assets", "packs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    po = tmp_path / NN
    text = po.read_text(encoding="utf-8")
    for edit in (
        replace('msgstr "Lukk nettlesaren heilt, og opne han igjen."', 'msgstr ""'),  # BankID's only
        replace('msgstr "Den første veka di i {organisation}"', 'msgstr ""'),  # the pack's
    ):
        text = edit(text)
    po.write_text(text, encoding="utf-8")
    bankid_line = line_of(text, 'msgid "Close your web browser completely and open it again."')
    pack_line = line_of(text, 'msgid "Your first week at {organisation}"')
    bankid, pack = f"{NN}:{bankid_line}: untranslated: ", f"{NN}:{pack_line}: untranslated: "
    monkeypatch.chdir(tmp_path)
    two_step = "guide_src/two-step-verification.yaml"
    out = tmp_path / "out"

    def strict(*args: str) -> tuple[int, list[str]]:
        status = main(["--strict", "--locale", "nn", "--no-png", "--out", str(out), *args])
        return status, capsys.readouterr().err.splitlines()

    status, err = strict(two_step)
    assert (status, err) == (0, []) and (out / "nn" / "two-step-verification.pdf").is_file()
    status, err = strict(two_step, "--pack", "onboarding")  # the pack binds BankID's guide too
    assert status == 1 and len(err) == 2 and err[0].startswith(bankid) and err[1].startswith(pack)
    status, err = strict()
    assert status == 1 and len(err) == 2 and err[0].startswith(bankid) and err[1].startswith(pack)
    status, err = strict("guide_src/bankid-visma-connect.yaml")
    assert status == 1 and len(err) == 1 and err[0].startswith(bankid)
    # nn falls back to nb: an nb catalog that does not read stops nn, whatever guide is named
    nb = tmp_path / "locales/nb/LC_MESSAGES/guides.po"
    with nb.open("a", encoding="utf-8") as fh:
        fh.write('\nmsgid "unterminated\nmsgstr "x"\n')
    status, err = strict(two_step)
    assert status == 1 and len(err) == 1 and "locales/nb/LC_MESSAGES/guides.po:" in err[0]
    assert "cannot read catalog: end-of-line within string" in err[0]


def test_status_lists_untranslated_and_fuzzy_messages_with_their_lines(
    scratch: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    po = scratch / NN
    text = po.read_text(encoding="utf-8")
    for case in ("untranslated", "fuzzy", "empty plural form"):
        text = BROKEN[case][0](text)
    text += '\n#~ msgid "An old message"\n#~ msgstr "Ei gammal melding"\n'
    po.write_text(text, encoding="utf-8")
    monkeypatch.chdir(scratch)
    assert main(["--status", "--locale", "nn"]) == 0
    out = capsys.readouterr().out
    total = template_size()
    assert re.search(rf"^  {GUIDE_ID}\s+{guide_size(GUIDE_ID) - 3}\s+1\s+2\s+0$", out, re.M)
    assert re.search(rf"^  all messages\s+{total - 3}\s+1\s+2\s+0$", out, re.M)
    assert "obsolete (#~): 1" in out
    step1 = line_of(text, BROKEN["untranslated"][1])
    rule = line_of(text, BROKEN["empty plural form"][1])
    edit = line_of(text, BROKEN["fuzzy"][1])
    assert "  untranslated:\n" in out
    assert re.search(
        rf"^    guide_src/{GUIDE_ID}\.yaml:\d+  {NN}:{step1}  "
        r'"Close your web browser completely and open it again\."  \(the handout shows nb\)$',
        out,
        re.M,
    )
    assert re.search(
        rf"^    guide_src/{GUIDE_ID}\.yaml:\d+  {NN}:{rule}  "
        r'\[ui:Visma Connect\] "Minimum \{count\} uppercase character"'
        r"  \(msgstr\[1\] empty; the handout shows nb\)$",
        out,
        re.M,
    )
    fuzzy = rf'^  fuzzy:\n    guide_src/{GUIDE_ID}\.yaml:\d+  {NN}:{edit}  \[ui:Visma Connect\] "Edit"'
    assert re.search(fuzzy, out, re.M)


def test_a_broken_catalog_is_one_error_line_not_a_traceback(
    scratch: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    po = scratch / NN
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Endre"', 'msgstrr "Endre"'), encoding="utf-8")
    line = line_of(text, 'msgstr "Endre"')
    monkeypatch.chdir(scratch)
    for option in ("--status", "--strict"):
        assert main([option, "--locale", "nn", "--no-png"]) == 1
        assert capsys.readouterr().err.splitlines() == [
            f"{NN}:{line}:1: cannot read catalog: unknown keyword 'msgstrr'"
        ]


# --- fuzzy translations never reach a handout ------------------------------------------------------


def test_a_fuzzy_translation_is_not_used_in_the_pdf(scratch: Path) -> None:
    po = scratch / NN
    old = 'msgstr "Lukk nettlesaren heilt, og opne han igjen."'
    text = po.read_text(encoding="utf-8")
    msgid = 'msgid "Close your web browser completely and open it again."\n'
    assert old in text and msgid in text
    text = text.replace(msgid, "#, fuzzy\n" + msgid).replace(old, 'msgstr "UTKAST: lukk alt."')
    po.write_text(text, encoding="utf-8")
    with po.open("rb") as fh:
        assert next(m for m in read_po(fh) if m.id == msgid[7:-2]).fuzzy
    out = scratch / "out"
    report = build(Project(scratch), BuildOptions(out_dir=out, locales=("nn",), png=False))
    assert not report.errors
    shown = pdf_text(out / "nn" / f"{GUIDE_ID}.pdf")
    assert "UTKAST" not in shown
    assert "Lukk nettleseren helt, og åpne den igjen." in shown  # the Bokmål fallback


# --- translations a build cannot use ------------------------------------------------------------

REGISTER_ABSENCE = ROOT / "guide_src" / "register-absence.yaml"

# (edit of the Nynorsk catalog, the guide, the warning, text of the PDF: the fallback's (nb) …, … not the bad one)
UNUSABLE = {
    "plural form without {count}": (
        replace('msgstr[1] "Minimum {count} teikn"', 'msgstr[1] "Minimum teikn"'),
        GUIDE_ID,
        "nn: translation of 'Minimum {count} character' has placeholders that do not match; nb used",
        "Minimum 8 tegn",
        "Minimum teikn",
    ),
    "missing placeholder": (
        replace("til {organisation}, {enterprise_url}.", "til {organisation}."),
        GUIDE_ID,
        'nn: translation of "You are logged in at {organisation}\'s address, {enterprise_url}." '
        "has placeholders that do not match; nb used",
        "Du er logget inn på adressen til",
        "Du er logga inn på adressa til",
    ),
    "markup": (
        BROKEN["markup"][0],
        GUIDE_ID,
        "nn: translation of 'Go to {account_settings_url} again.' has markup '<b>', '</b>' "
        "(translations are plain text); nb used",
        "Gå til",
        "<b>",
    ),
    "line break in a UI label": (
        replace('msgstr "Send til godkjenning"', 'msgstr "Send til\\ngodkjenning"'),
        "register-absence",
        "nn: translation of 'Send for approval' has a control character U+000A (LINE FEED); nb used",
        "Send til godkjenning",
        None,
    ),
}


@pytest.mark.parametrize("case", list(UNUSABLE))
def test_a_translation_strict_rejects_is_not_used_and_the_fallback_is(
    case: str, scratch: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --strict, a translation with the wrong placeholders, markup or a control character is one
    warning, and the handout shows the next catalog's (nb) translation, not the source's nor the bad one
    (and says, as for any message, that one of its messages is not Nynorsk)."""
    edit, guide_id, warning, shown, not_shown = UNUSABLE[case]
    source = ast.literal_eval(re.match(r"nn: translation of ('.*'|\".*\") has ", warning).group(1))  # type: ignore[union-attr]
    shutil.copy(REGISTER_ABSENCE, scratch / "guide_src")
    po = scratch / NN
    po.write_text(edit(po.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.chdir(scratch)
    guide = f"guide_src/{guide_id}.yaml"
    assert main(["--locale", "nn", "--no-png", guide]) == 0
    coverage, *warnings = capsys.readouterr().err.splitlines()
    # at the catalog entry, the line --strict names (a translator needs that, not the guide)
    entry = line_of(po.read_text(encoding="utf-8"), f"msgid {json.dumps(source, ensure_ascii=False)}")
    assert warnings == [f"{NN}:{entry}:1: warning: {warning}"]
    assert re.fullmatch(rf"{guide}:1:1: warning: nn: 1 of \d+ messages rejected, the handout shows nb", coverage)
    text = pdf_text(scratch / "build" / "nn" / f"{guide_id}.pdf")
    assert shown in text
    assert not_shown is None or not_shown not in text
    assert main(["--strict", "--locale", "nn", "--no-png", guide]) == 1
    assert [line for line in capsys.readouterr().err.splitlines() if line.startswith(f"{NN}:{entry}: ")]


def test_a_plural_form_for_one_number_may_leave_out_the_count(project: Project, scratch: Path) -> None:
    """GNU msgfmt's rule: msgstr[0] of nn is used for 1 only, so "eitt teikn" is a translation of it."""
    po = scratch / NN
    po.write_text(
        replace('msgstr[0] "Minimum {count} teikn"', 'msgstr[0] "Minimum eitt teikn"')(po.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    assert check_strict(Project(scratch), ["nn"]).lines() == []


def test_a_translation_the_fallback_cannot_use_either_shows_the_source(
    scratch: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for locale in ("nn", "nb"):
        po = scratch / "locales" / locale / "LC_MESSAGES" / "guides.po"
        text = po.read_text(encoding="utf-8")
        old = '{organisation}, {enterprise_url}."\n'
        assert text.count(old) == 1
        po.write_text(text.replace(old, '{organisation}, <i>{enterprise_url}</i>."\n'), encoding="utf-8")
    monkeypatch.chdir(scratch)
    assert main(["--locale", "nn", "--no-png"]) == 0
    source = "You are logged in at {organisation}'s address, {enterprise_url}."
    reason = "has markup '<i>', '</i>' (translations are plain text)"
    coverage, *warnings = capsys.readouterr().err.splitlines()
    entries = {
        locale: f"locales/{locale}/LC_MESSAGES/guides.po:"
        + str(line_of((scratch / "locales" / locale / "LC_MESSAGES" / "guides.po").read_text(), f'msgid "{source}"'))
        for locale in ("nn", "nb")
    }
    assert warnings == [
        f"{entries[locale]}:1: warning: {locale}: translation of {source!r} {reason}; source used"
        for locale in ("nn", "nb")
    ]
    assert coverage.endswith("messages rejected, the handout shows en")
    assert "You are logged in at Sokndal kommune" in pdf_text(scratch / "build" / "nn" / f"{GUIDE_ID}.pdf")


def test_a_narrowed_strict_still_checks_messages_whose_references_it_cannot_see(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catalogs extracted with --no-location say not which guide a message is from: a narrowed
    --strict checks them all rather than none."""
    for name in ("guide_src", "locales", "assets", "packs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for path in (tmp_path / NN, tmp_path / "locales" / "guides.pot"):
        text = path.read_text(encoding="utf-8")
        path.write_text("".join(line for line in text.splitlines(True) if not line.startswith("#:")), encoding="utf-8")
    po = tmp_path / NN
    po.write_text(replace('msgstr "Lukk nettlesaren heilt, og opne han igjen."', 'msgstr ""')(po.read_text()))
    monkeypatch.chdir(tmp_path)
    status = main(["--strict", "--locale", "nn", "--no-png", "guide_src/two-step-verification.yaml"])
    err = capsys.readouterr().err.splitlines()
    assert status == 1 and any("untranslated" in line and "Close your web browser" in line for line in err), err


def test_strict_names_the_entry_whose_text_the_handout_shows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """nn's "Next" cannot be used, so nn shows nb's: when that does not fit its button, the
    problem is nb's entry, as the build's warning says, not nn's."""
    for name in ("guide_src", "locales", "assets", "packs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    nn, nb = tmp_path / NN, tmp_path / "locales" / "nb" / "LC_MESSAGES" / "guides.po"
    vc = 'msgctxt "ui:Visma Connect"\nmsgid "Next"\nmsgstr '
    nn.write_text(replace(vc + '"Neste"', vc + '"Nes\\nte"')(nn.read_text()))
    long = "Gå videre til neste side i veiviseren for å fortsette med oppsettet nå"
    nb.write_text(replace(vc + '"Neste"', vc + f'"{long}"')(nb.read_text()))
    monkeypatch.chdir(tmp_path)
    assert main(["--strict", "--locale", "nn", "--no-png", "guide_src/bankid-visma-connect.yaml"]) == 1
    err = capsys.readouterr().err.splitlines()
    nb_text = nb.read_text()
    nb_line = nb_text[: nb_text.index(vc)].count("\n") + 2  # the msgid's line, under the msgctxt
    fits = [line for line in err if "UI label does not fit" in line]
    assert fits and all(line.startswith(f"locales/nb/LC_MESSAGES/guides.po:{nb_line}: ") for line in fits), err

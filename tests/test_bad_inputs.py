"""Nothing silent, no traceback: broken catalogs, impossible values, untranslated handouts and
outputs that cannot be written each give one clear line, and the rest of the build goes on."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import GUIDE_ID, ROOT
from guidepress.cli.main import main
from guidepress.l10n.catalogs import read_catalog
from pdftext import pdf_text

NB = "locales/nb/LC_MESSAGES/guides.po"
GUIDE = f"guide_src/{GUIDE_ID}.yaml"
LOCATED = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<message>.+)$")


def run(project: Path, *args: str, jobs: str = "1", timeout: float = 60) -> tuple[int, list[str], str]:
    """The real process, in the project: its exit status, its stderr lines, its stdout."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "make_pdf.py"), "--jobs", jobs, *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stderr.splitlines(), result.stdout


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{path.name} changed; update this test: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


def msgfmt_rejects(path: Path) -> bool:
    return subprocess.run(["msgfmt", "-o", os.devnull, str(path)], capture_output=True).returncode != 0


# --- catalogs that msgfmt rejects -------------------------------------------------------------

BROKEN_PO = {
    "unterminated string": ('\nmsgid "unterminated\nmsgstr "x"\n', "end-of-line within string (no closing quote)"),
    "invalid escape": ('\nmsgid "A \\q"\nmsgstr "B"\n', "invalid escape '\\q'"),
    "plural form without msgid_plural": ('\nmsgid "One"\nmsgstr[1] "Ein"\n', "'msgstr[1]' in a message without"),
    "duplicate message": ('\nmsgid "Steps"\nmsgstr "Steg"\n\nmsgid "Steps"\nmsgstr "Steg"\n', "duplicate message"),
    "comment inside a message": ('\nmsgctxt "ui"\n#. a note\nmsgid "Edit"\nmsgstr "E"\n', "a comment inside a message"),
    "no msgstr": ('\nmsgid "Lonely"\n', "the message has no 'msgstr'"),
    "comment after a string": ('\nmsgid "Steps" # a note\nmsgstr "Steg"\n', "a comment inside a message"),
    "line breaks that differ": ('\nmsgid "Two\\n"\nmsgstr "To"\n', "do not both end with a line break"),
}


@pytest.mark.parametrize("case", list(BROKEN_PO))
def test_a_catalog_msgfmt_rejects_is_a_located_error_and_only_its_locale_stops(case: str, scratch: Path) -> None:
    tail, message = BROKEN_PO[case]
    po = scratch / NB
    lines = len(po.read_text(encoding="utf-8").splitlines())
    with po.open("a", encoding="utf-8") as fh:
        fh.write(tail)
    assert msgfmt_rejects(po), "msgfmt accepts this file; the case is not a syntax error"
    status, err, out = run(scratch, "--no-png")
    assert status == 1
    # nb stops, and nn with it (it falls back to nb's entries), which a second line says; en builds
    line, stops_nn = sorted(err, key=len)
    assert stops_nn == f"{line}; nn falls back to nb, so nn is not built either"
    found = LOCATED.match(line)
    assert found and found["path"] == NB and int(found["line"]) > lines, line
    assert "cannot read catalog: " in line and message in line, line
    assert sorted(p.parent.name for p in (scratch / "build").glob(f"*/{GUIDE_ID}.pdf")) == ["en"]


def test_nynorsk_needs_a_sound_bokmal_catalog_too(scratch: Path) -> None:
    """nn falls back to nb, so a broken nb catalog stops nn as well, in one line at nb's entry that says so;
    `--status` goes on past it: nb's block says it cannot be read and stops nn, the others are counted."""
    with (scratch / NB).open("a", encoding="utf-8") as fh:
        fh.write('\nmsgid "unterminated\nmsgstr "x"\n')
    status, err, _ = run(scratch, "--no-png", "--locale", "nn")
    assert status == 1 and len(err) == 1 and err[0].startswith(f"{NB}:")
    assert err[0].endswith("; nn falls back to nb, so nn is not built either")
    status, err, out = run(scratch, "--status")
    assert status == 1 and len(err) == 1 and err[0].startswith(f"{NB}:") and "cannot read catalog" in err[0]
    report = out
    assert f"nb  Norwegian Bokmål  unreadable\n  {err[0]}\n  this also stops nn (falls back to nb)" in report
    assert f"  not built: a catalog it falls back to cannot be read: {err[0]}" in report  # in nn's block
    assert re.search(r"^en  English  .*\n(.*\n)*  all messages\s+\d+\s+0\s+0\s+0$", report, re.M)


def msgfmt_check_rejects(path: Path) -> bool:
    """`msgfmt -c`, as Poedit and Weblate run it."""
    return subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True).returncode != 0


def drop_header(text: str) -> str:
    start = text.index('msgid ""\nmsgstr ""\n"Project-Id-Version')
    return text[:start] + text[text.index("\n\n", start) + 2 :]


# (edit of nb's catalog, the line and column of the problem in the edited text, the message)
CHECKED_PO = {
    "byte-order mark": (
        lambda text: "\ufeff" + text,
        lambda text: (1, 1),
        "byte-order mark (UTF-8) at the start of the file; save it as UTF-8 without BOM",
    ),
    "no header": (
        drop_header,
        lambda text: (1, 1),
        'no header entry (msgid ""): it gives the charset and Plural-Forms, and msgfmt -c needs it',
    ),
    "no Plural-Forms with plural messages": (
        lambda text: text.replace('"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n', ""),
        lambda text: (text.splitlines().index('msgstr[0] "Minimum {count} tegn"') + 1, 1),
        "msgstr[0]: a translated plural message, and the header has no Plural-Forms "
        "(add one, e.g. 'Plural-Forms: nplurals=2; plural=(n != 1);\\n')",
    ),
    "more forms than nplurals": (
        lambda text: text.replace("nplurals=2; plural=(n != 1);", "nplurals=1; plural=0;"),
        lambda text: (text.splitlines().index('msgstr[1] "Minimum {count} tegn"') + 1, 1),
        "msgstr[1]: the catalog's Plural-Forms has nplurals=1 (msgstr[0] only)",
    ),
    "fewer forms than nplurals": (
        lambda text: text.replace("nplurals=2; plural=(n != 1);", "nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);"),
        lambda text: (text.splitlines().index('msgstr[1] "Minimum {count} tegn"') + 1, 1),
        "msgstr[2] missing after msgstr[1]: the catalog's Plural-Forms has nplurals=3 (msgstr[0] to msgstr[2])",
    ),
    "an escape msgfmt does not know": (
        lambda text: text.replace(
            'msgstr "Koble BankID til Visma-kontoen din"', 'msgstr "Koble BankID til Visma\\\'s"'
        ),
        lambda text: (text.splitlines().index('msgstr "Koble BankID til Visma\\\'s"') + 1, 31),
        "invalid escape '\\''",
    ),
}


@pytest.mark.parametrize("case", list(CHECKED_PO))
def test_a_catalog_msgfmt_c_rejects_is_one_clear_line_at_its_place(case: str, scratch: Path) -> None:
    """What `msgfmt -c` (Poedit, Weblate) refuses is refused at its line, in our words, not Babel's."""
    edit, place, message = CHECKED_PO[case]
    po = scratch / NB
    text = edit(po.read_text(encoding="utf-8"))
    po.write_text(text, encoding="utf-8")
    assert msgfmt_check_rejects(po), "msgfmt -c accepts this file"
    status, err, _ = run(scratch, "--no-png", "--locale", "nb")
    line, column = place(text.removeprefix("\ufeff"))
    assert (status, err) == (1, [f"{NB}:{line}:{column}: cannot read catalog: {message}"])


def test_an_escape_is_read_as_gnu_reads_it_and_then_checked(scratch: Path) -> None:
    """`\\x07` and `\\007` are a BELL to GNU gettext (msgfmt -c accepts them), not four characters: the
    control-character check finds them, and the handout shows the fallback."""
    po = scratch / "locales/nn/LC_MESSAGES/guides.po"
    text = edit(po, 'msgstr "Endre"', 'msgstr "Endre\\x07"')
    assert not msgfmt_check_rejects(po)
    status, err, _ = run(scratch, "--no-png", "--locale", "nn", "--strict")
    line = text.splitlines().index('msgid "Edit"') + 1
    assert (status, err) == (
        1,
        [f'locales/nn/LC_MESSAGES/guides.po:{line}: control character U+0007 (BELL): [ui:Visma Connect] "Edit"'],
    )
    po.write_text(text.replace('msgstr "Endre"', 'msgstr "En\\007dre\\x2e\\303\\245"', 1), encoding="utf-8")
    assert read_catalog(po).get("Edit", context="ui:Visma Connect").string == "En\adre.\u00e5"  # bytes of UTF-8: å
    status, err, _ = run(scratch, "--no-png", "--locale", "nn")
    assert status == 0 and any("nn: translation of 'Edit' has a control character U+0007 (BELL)" in e for e in err)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("nplurals=2; plural=n<<100000;", "invalid plural expression 'n<<100000'"),
        ("nplurals=2; plural=-1;", "invalid plural expression '-1'"),
        ("nplurals=x; plural=n;", "Plural-Forms is not 'nplurals=N; plural=EXPRESSION;'"),
        ("nplurals=2; plural=(n;", "unbalanced parenthesis"),
        ("nplurals=2; plural=n+5;", "gives a form outside 0 to 1"),
    ],
)
def test_a_plural_forms_header_gettext_cannot_use(header: str, message: str, scratch: Path) -> None:
    po = scratch / NB
    text = edit(po, "nplurals=2; plural=(n != 1);", header)
    status, err, _ = run(scratch, "--no-png", "--locale", "nb")
    assert status == 1
    header_line = text.splitlines().index('msgid ""') + 1
    assert err == [f"{NB}:{header_line}:1: cannot read catalog: " + err[0].split("cannot read catalog: ", 1)[1]]
    assert message in err[0]


def test_charsets_gettext_knows_and_does_not(scratch: Path) -> None:
    po = scratch / NB
    text = edit(po, "charset=utf-8", "charset=utf_8_sig")  # Python's name for UTF-8 with a BOM: fine
    status, err, _ = run(scratch, "--no-png", "--locale", "nb")
    assert (status, err) == (0, [])
    po.write_text(text.replace("charset=utf-8", "charset=klingon"), encoding="utf-8")
    status, err, _ = run(scratch, "--no-png", "--locale", "nb")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "charset=utf-8" in t)
    assert (status, err) == (1, [f"{NB}:{line}:1: cannot read catalog: unknown charset 'klingon' in the header"])


def test_an_undecodable_byte_is_reported_at_its_line_and_column(scratch: Path) -> None:
    po = scratch / NB
    data = po.read_bytes().replace(b'msgstr "Endre"', b'msgstr "En\xcddre"', 1)
    po.write_bytes(data)
    line = data[: data.index(b"\xcd")].count(b"\n") + 1
    status, err, _ = run(scratch, "--no-png", "--locale", "nb")
    assert (status, err) == (1, [f"{NB}:{line}:11: cannot read catalog: byte 0xcd is not utf-8 text"])


def test_a_guide_that_is_not_utf8_is_reported_at_the_wrong_byte(scratch: Path) -> None:
    data = (scratch / GUIDE).read_bytes().replace(b"product: Visma", b"product: Vism\xe5", 1)
    (scratch / GUIDE).write_bytes(data)
    line = data[: data.index(b"\xe5")].count(b"\n") + 1
    status, err, _ = run(scratch, "--no-png", "--locale", "en")
    assert (status, err) == (1, [f"{GUIDE}:{line}:14: not UTF-8 text"])


def test_a_yaml_tenants_file_that_is_not_utf8_gets_no_spreadsheet_hint(scratch: Path) -> None:
    (scratch / "tenants.yaml").write_bytes(
        "tenants:\n  - id: lyngbo\n    variables: {organisation: Lyngbø}\n".encode("cp1252")
    )
    status, err, _ = run(scratch, "--no-png", "--tenants", "tenants.yaml")
    assert status == 1 and err[0] == "tenants.yaml:3:36: not UTF-8 text", err


def test_an_unknown_locale_folder_is_one_line_and_the_others_build(scratch: Path) -> None:
    shutil.copytree(scratch / "locales" / "nb", scratch / "locales" / "i-klingon")
    status, err, out = run(scratch, "--no-png")
    assert status == 1
    assert err == [
        "locales/i-klingon/LC_MESSAGES/guides.po:1:1: 'i-klingon' is not a locale Babel knows; "
        "name the folder locales/i-klingon by a code such as se or nb_NO"
    ]
    assert out.count("wrote build/") == 3


# --- a handout passed off as a language nobody translated ----------------------------------------


def test_a_new_sami_catalog_says_the_handout_shows_bokmal(scratch: Path) -> None:
    se = scratch / "locales" / "se" / "LC_MESSAGES"
    se.mkdir(parents=True)
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "init", "-D", "guides", "-i", "locales/guides.pot"]
        + ["-d", "locales", "-l", "se"],
        cwd=scratch,
        check=True,
        capture_output=True,
    )
    status, err, _ = run(scratch, "--no-png", "--locale", "se")
    assert status == 0
    warning, *named = err
    assert re.fullmatch(
        rf"{GUIDE}:1:1: warning: se: (\d+) of \1 messages untranslated and (\d+) of \2 handout words untranslated, "
        "the handout shows nb",
        warning,
    )
    # the first few messages by name at their entries, then how many more
    assert len(named) == 6 and all(line.startswith("locales/se/LC_MESSAGES/guides.po:") for line in named)
    assert ": warning: se: untranslated, the handout shows nb: " in named[0]
    assert re.search(r"guides.po:1:1: warning: se: \d+ more messages of this catalog not translated", named[-1])
    pdf = scratch / "build" / "se" / f"{GUIDE_ID}.pdf"
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "nb"  # what the reader gets, for a screen reader
    assert "Språk Norsk bokmål" in pdf_text(pdf) and "Davvisámegiella" not in pdf_text(pdf)
    nb = pdf_text(scratch / "build" / "se" / f"{GUIDE_ID}.pdf")
    assert "20. november 2026" in nb and "juovla" not in nb and "skábma" not in nb  # dates as Bokmål writes them
    assert "15. mars 2021" in nb  # and those in the pictures
    shutil.rmtree(scratch / "build")
    status, err, _ = run(scratch, "--no-png", "--locale", "se", "--strict")
    assert status == 1 and not (scratch / "build").exists()
    assert "locales/se/LC_MESSAGES/guides.po: guidepress has no se translation of its" in "\n".join(err)


def test_a_guide_nobody_translated_yet_says_so_and_strict_stops_it(scratch: Path) -> None:
    starter = ROOT / "src" / "guidepress" / "resources" / "starter" / "guide_src" / "first-sign-in.yaml"
    shutil.copy(starter, scratch / "guide_src")
    status, err, _ = run(scratch, "--no-png", "--locale", "nb", "guide_src/first-sign-in.yaml")
    assert status == 0
    warning, *named = err
    assert re.fullmatch(
        r"guide_src/first-sign-in.yaml:1:1: warning: nb: \d+ of \d+ messages untranslated, the handout shows en",
        warning,
    )
    # not in the catalog at all (the template is older than the guide): said at the catalog, by name
    assert named and all(line.startswith("locales/nb/LC_MESSAGES/guides.po:1:1: warning: nb: ") for line in named)
    assert "not in the catalog (run pybabel update), the handout shows en: " in named[0]
    assert PdfReader(scratch / "build" / "nb" / "first-sign-in.pdf").trailer["/Root"]["/Lang"] == "en"
    shutil.rmtree(scratch / "build")
    status, err, _ = run(scratch, "--no-png", "--locale", "nb", "--strict", "guide_src/first-sign-in.yaml")
    assert status == 1 and len(err) == 1
    assert err[0].startswith("guide_src/first-sign-in.yaml:") and "is the template up to date?" in err[0]
    assert not (scratch / "build").exists()


# --- guides with impossible values --------------------------------------------------------------

BAD_VALUES = {
    "a month 13": ("updated: 2026-11-20", "updated: 2026-13-01", "found '2026-13-01', which is not valid (month"),
    "an hour 25": ("date: 2021-03-15T11:09:00Z", "date: 2021-03-15T25:09:00Z", "which is not valid (hour must be"),
    "a tag on a text": (
        "        warning: Do not choose",
        "        warning: !!bool >-\n          Do not choose",
        "expected text, found 'Do not choose",
    ),
    "!!int on letters": ("      count: 8\n", "      count: !!int abc\n", "found 'abc', which is not valid"),
    "5,000 digits": ("      count: 8\n", "      count: " + "9" * 5000 + "\n", "Exceeds the limit"),
    "a huge count": ("      count: 8\n", "      count: 99999999999\n", "expected a whole number of at most"),
    "a label naming itself": (
        "        title: Electronic ID\n        elements:\n          - {id: bankid",
        '        title: "Electronic ID {account_settings.eid}"\n        elements:\n          - {id: bankid',
        "the label refers to itself: {account_settings.eid} → {account_settings.eid}",
    ),
    "labels naming each other": (
        "\nscreens:\n",
        '\nlabels:\n  next: "Next {continue}"\n  continue: "Continue {next}"\n\nscreens:\n',
        "the label refers to itself: {next} → {continue} → {next}",
    ),
    "a list as an element's type": (
        "{id: heading, type: heading,",
        "{id: heading, type: [heading],",
        "unknown type: a list, not a name (one of: heading, ",
    ),
    "a mapping as a screen's kind": (
        "    kind: screenshot\n",
        "    kind: {screenshot: 1}\n",
        "unknown kind: a mapping, not a name (one of: ",
    ),
}


@pytest.mark.parametrize("case", list(BAD_VALUES))
def test_an_impossible_value_is_one_located_line(case: str, scratch: Path) -> None:
    old, new, message = BAD_VALUES[case]
    edit(scratch / GUIDE, old, new)
    status, err, _ = run(scratch, "--no-png", "--locale", "en")
    assert status == 1
    [line] = err
    assert LOCATED.match(line) and line.startswith(f"{GUIDE}:") and message in line, line


@pytest.mark.parametrize(("char", "name"), [("\x00", "NULL"), ("\ufffe", "not a character"), ("\x1b", "ESCAPE")])
def test_a_control_character_in_the_yaml_is_one_line_at_its_place(char: str, name: str, scratch: Path) -> None:
    guide = scratch / GUIDE
    text = guide.read_text(encoding="utf-8")
    at = text.index("Close your web browser")
    guide.write_text(text[:at] + char + text[at:], encoding="utf-8")
    line = text[:at].count("\n") + 1
    column = at - text.rfind("\n", 0, at)
    status, err, _ = run(scratch, "--no-png", "--locale", "en")
    assert status == 1
    assert err == [f"{GUIDE}:{line}:{column}: the character U+{ord(char):04X} ({name}) is not allowed in YAML"]


def test_aliases_that_expand_a_million_fold_are_refused_at_once(scratch: Path) -> None:
    step = '{text: "Do it."}'
    sections = "".join(
        ("  - &section {title: Part, steps: [" + ", ".join([step] * 1000) + "]}\n") if i == 0 else "  - *section\n"
        for i in range(1000)
    )
    guide = scratch / "guide_src" / "bomb.yaml"
    guide.write_text(
        'id: bomb\ntitle: Bomb\nproduct: X\nversion: "1"\nupdated: 2026-01-01\nsummary: x\nsections:\n' + sections
    )
    status, err, _ = run(scratch, "--no-png", "--locale", "en", "guide_src/bomb.yaml")
    assert status == 1
    assert err == [err[0]] and err[0].startswith("guide_src/bomb.yaml:") and "too large" in err[0]


def test_a_mapping_that_merges_itself_is_one_located_line(scratch: Path) -> None:
    edit(scratch / GUIDE, "id: bankid-visma-connect\n", "id: bankid-visma-connect\noutput: &o {<<: *o}\n")
    status, err, _ = run(scratch, "--no-png", "--locale", "en")
    assert (status, err) == (1, [f"{GUIDE}:8:13: a merge key (<<) merges its own mapping"])


def test_merge_keys_that_merge_an_anchor_twice_at_each_level_are_merged_once(scratch: Path) -> None:
    """`&m1 {<<: [*m0, *m0]}`, `&m2 {<<: [*m1, *m1]}`, …: 40 levels would be 2**40 merges done naively."""
    mapping = "&m0 {profile: tickett}"
    for level in range(1, 41):
        mapping = f"&m{level} {{<<: [{mapping}, *m{level - 1}]}}"
    text = edit(scratch / GUIDE, "id: bankid-visma-connect\n", f"id: bankid-visma-connect\noutput: {mapping}\n")
    column = len("output: ") + mapping.index("tickett") + 1
    status, err, _ = run(scratch, "--no-png", "--locale", "en", timeout=20)
    assert "output:" not in text
    assert (status, err) == (
        1,
        [f"{GUIDE}:8:{column}: profile: expected one of print, ticket, found the text 'tickett'"],
    )


def test_a_tenants_file_whose_entries_share_a_huge_anchor_is_refused_at_once(scratch: Path) -> None:
    """Each of 999 tenants uses an anchored list of 20,000 locales: the limits hold for the file."""
    first = "  - {id: t0, locales: &l [" + ", ".join(["en"] * 20_000) + "]}\n"
    rest = "".join(f"  - {{id: t{i}, locales: *l}}\n" for i in range(1, 999))
    (scratch / "tenants.yaml").write_text("tenants:\n" + first + rest, encoding="utf-8")
    status, err, _ = run(scratch, "--no-png", "--tenants", "tenants.yaml", timeout=20)
    assert status == 1
    line, summary = err
    assert summary.startswith("built 0 PDFs")
    assert line.startswith("tenants.yaml:2:") and line.endswith(
        ": too large: more than 100,000 values, counting each use of an alias"
    ), line


# --- command-line values ---------------------------------------------------------------------------


@pytest.fixture
def whole_project(tmp_path: Path) -> Path:
    """A copy of the project's guides, pack, catalogs and images."""
    for name in ("guide_src", "locales", "packs", "assets"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def test_a_var_no_guide_defines_is_one_line_and_nothing_is_built(whole_project: Path) -> None:
    status, err, _ = run(whole_project, "--no-png", "--locale", "en", "--var", "nonsense=1")
    assert (status, err) == (1, ["--var nonsense: no guide being built defines this variable"])
    assert not (whole_project / "build").exists()  # no guide refused one by one, and no pack made


def test_a_var_of_a_guide_not_being_built_is_an_error_unless_a_pack_needs_that_guide(whole_project: Path) -> None:
    """A narrowed build loads only the guides it builds: manager_name is register-absence's."""
    one = f"guide_src/{GUIDE_ID}.yaml"
    status, err, _ = run(whole_project, "--no-png", "--locale", "en", one, "--var", "manager_name=Kari")
    assert status == 1 and len(err) == 1
    assert err[0].startswith("--var manager_name: no guide being built defines this variable"), err
    status, err, _ = run(
        whole_project, "--no-png", "--locale", "en", one, "--pack", "onboarding", "--var", "manager_name=Kari"
    )
    assert status == 0, err
    assert sorted(p.name for p in (whole_project / "build").rglob("*.pdf")) == [f"{GUIDE_ID}.pdf", "onboarding.pdf"]


# --- texts too long to lay out ---------------------------------------------------------------------


def test_a_huge_word_in_an_address_is_cut_with_a_warning(scratch: Path) -> None:
    edit(
        scratch / GUIDE,
        '  reset_request:\n    layout: form\n    address: "{account_settings_url}"',
        ('  reset_request:\n    layout: form\n    address: "' + "x" * 100_000 + '"'),
    )
    status, err, _ = run(scratch, "--locale", "nb")  # PDF and PNG; a quadratic cut would never end
    assert status == 0
    line = (scratch / GUIDE).read_text().splitlines().index('    address: "' + "x" * 100_000 + '"') + 1
    assert err == [  # at the address in the guide
        f"{GUIDE}:{line}:14: warning: nb: 'address' on screen 'reset_request' does not fit: "
        "cut short even at the smallest size"
    ]


def test_a_huge_word_as_a_label_is_wrapped_with_warnings(scratch: Path) -> None:
    edit(scratch / NB, 'msgstr "Logg på med ADFS"', 'msgstr "' + "W" * 10_000 + '"')
    status, err, _ = run(scratch, "--locale", "nb")
    assert status == 0
    assert len(err) == 2 and all("'adfs' on screen 'login' does not fit" in line for line in err)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_huge_word_in_prose_fails_its_locale_only(jobs: str, scratch: Path) -> None:
    """en cannot be laid out; nb and nn build in the same process after it (their hyphenation
    once crashed on en's word, a reportlab `str` subclass, in the words cache)."""
    edit(
        scratch / "locales/en/LC_MESSAGES/guides.po",
        'msgstr "Go to {account_settings_url}."',
        ('msgstr "Go to {account_settings_url}. ' + "w" * 10_000 + '"'),
    )
    status, err, out = run(scratch, "--no-png", jobs=jobs)
    assert status == 1
    assert err == [
        f"{GUIDE}:7:1: en: the handout cannot be laid out: a block 2790 pt tall is larger than a page (page 3); "
        "is a text far too long?"
    ]
    assert sorted(p.parent.name for p in (scratch / "build").glob(f"*/{GUIDE_ID}.pdf")) == ["nb", "nn"]


# --- outputs that cannot be written ---------------------------------------------------------------


def test_an_output_folder_that_cannot_be_made_is_one_line_per_folder_exit_73(scratch: Path) -> None:
    (scratch / "a-file").write_text("")
    for out, reason in (("/proc/guidepress-test", "No such file or directory"), ("a-file/out", "Not a directory")):
        status, err, stdout = run(scratch, "--out", out, "--locale", "nb", "--locale", "en")
        assert status == 73 and stdout == ""
        assert err == [f"guidepress: cannot write {out}/{locale}: {reason}" for locale in ("nb", "en")]


def test_a_full_disk_leaves_no_partial_file(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from guidepress.common import write

    out = scratch / "out"
    assert main(["--root", str(scratch), "--out", str(out), "--locale", "nb", "--no-png", "-j", "1"]) == 0
    before = (out / "nb" / f"{GUIDE_ID}.pdf").read_bytes()
    capsys.readouterr()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(write.os, "fsync", full)
    monkeypatch.chdir(scratch)
    assert main(["--out", "out", "--locale", "nb", "--no-png", "-j", "1", "--force"]) == 73
    assert capsys.readouterr().err.splitlines() == [
        f"guidepress: cannot write out/nb/{GUIDE_ID}.pdf: No space left on device"
    ]
    left = [p for p in out.rglob("*") if p.is_file() and p.name != "manifest.json"]
    assert not [p for p in left if p.name.endswith(".tmp")], "a partial file is left"
    assert all(p.read_bytes() == before for p in left), "the old handout, if kept, must be whole"


def test_help_says_which_output_choices_do_not_combine(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "(print profile only; not with --bleed)" in text and "(print profile only; not with --booklet)" in text
    assert "not with `--bleed`" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_read_only_folder_is_one_line_exit_73(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As the folder's owner sees it (root writes anywhere, so the refusal is made by hand)."""
    from guidepress.common import write

    real_open = os.open

    def read_only(path: str | os.PathLike[str], flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".tmp"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, mode)

    monkeypatch.setattr(write.os, "open", read_only)
    monkeypatch.chdir(scratch)
    assert main(["--out", "out", "--locale", "en", "-j", "1"]) == 73
    assert capsys.readouterr().err.splitlines() == ["guidepress: cannot write out/en: Permission denied"]
    assert not [p for p in (scratch / "out").rglob("*") if p.is_file()]


# --- every line a build prints ----------------------------------------------------------------------

PLACED = re.compile(r"^[^:]+:\d+:\d+: ")  # path:line:col: message


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_problem_a_build_prints_is_one_line_with_its_place(jobs: str, tmp_path: Path) -> None:
    """Broken guides, catalogs, packs and tenants, and texts that do not fit, in one project: each
    warning and error is `path:line:col: message` (or `guidepress: …`), whichever kind it is."""
    for name in ("guide_src", "locales", "assets", "packs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    starter = ROOT / "src" / "guidepress" / "resources" / "starter" / "guide_src" / "first-sign-in.yaml"
    shutil.copy(starter, tmp_path / "guide_src")  # untranslated: the handout shows English
    nn = tmp_path / "locales/nn/LC_MESSAGES/guides.po"
    edit(nn, 'msgstr "Send til godkjenning"', 'msgstr "Send til\\ngodkjenning"')  # a translation not used
    edit(nn, 'msgstr "Logg på med ADFS"', 'msgstr "' + ("Logg på med ADFS via identitetstenaren " * 3).strip() + '"')
    edit(tmp_path / "locales/en/LC_MESSAGES/guides.po", 'msgstr "Send for approval"', 'msgstr "Send for')  # unreadable
    shutil.copytree(tmp_path / "locales" / "nb", tmp_path / "locales" / "i-klingon")  # no language Babel knows
    edit(tmp_path / GUIDE, 'address: "{account_settings_url}"', 'address: "{account_settings_url}/' + "x" * 400 + '"')
    (tmp_path / "guide_src" / "syntax.yaml").write_text("id: syntax\ntitle: [unclosed\n", encoding="utf-8")
    register = (tmp_path / "guide_src" / "register-absence.yaml").read_text(encoding="utf-8")
    (tmp_path / "guide_src" / "unknown-key.yaml").write_text(
        register.replace("\nversion:", "\nversoin:", 1), encoding="utf-8"
    )
    (tmp_path / "packs" / "broken.yaml").write_text(
        "id: broken\ntitle: Broken\nguides:\n  - no-such-guide\n", encoding="utf-8"
    )
    status, err, _ = run(tmp_path, "--no-png", "--html", jobs=jobs, timeout=180)
    assert status == 1
    wrong = [line for line in err if not (PLACED.match(line) or line.startswith("guidepress: "))]
    assert not wrong, "\n".join(err)
    told = "\n".join(err)
    for kind in (
        ": warning: nn: translation of 'Send for approval' has a control character",
        ": warning: nn: 'adfs' on screen 'login' does not fit",
        ": warning: nb: 'address' on screen ",
        "guide_src/first-sign-in.yaml:1:1: warning: nb: ",
        "packs/onboarding.yaml:1:1: warning: nn: ",
        "guide_src/syntax.yaml:",
        "guide_src/unknown-key.yaml:",
        "packs/broken.yaml:",
        "locales/en/LC_MESSAGES/guides.po:",
        "locales/i-klingon/LC_MESSAGES/guides.po:1:1: ",
    ):
        assert kind in told, kind
    assert len(err) == len(set(err))  # each problem once

    (tmp_path / "tenants.csv").write_text(
        "id,organisation,enterprise_url,support_contact,logo,locales,profile\n"
        "acme,Acme AS,acme-enterprise,support(at)acme.example,../secret.png,se,tickett\n"
        "ok,OK AS,https://ok.vuq.visma.com/enterprise,it@ok.example,,nb,\n",
        encoding="utf-8",
    )
    status, err, _ = run(tmp_path, "--no-png", "--tenants", "tenants.csv", "--quiet", jobs=jobs, timeout=180)
    assert status == 1
    summary = err.pop()
    assert summary.startswith("built ")
    assert err and all(PLACED.match(line) for line in err), "\n".join(err)

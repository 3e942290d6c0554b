"""Property tests of the front door: whatever a guide or a catalog holds, guidepress answers
with its own located errors, never another exception, and a failed guide leaves no file.

Mutations of the shipped guides and a catalog (lines dropped, doubled, shifted; values replaced
by dates that do not exist, tags, braces, control characters, huge numbers and words; bytes
inserted) go through the loader, the extractor, `--strict`'s checks and a build of the guide
and the pack that binds it (each example mutates one of the shipped guides). Bounded for
CI: a fixed number of derandomized examples. `GUIDEPRESS_FUZZ=500 python -m pytest
tests/test_fuzz.py` runs 500 random examples of each, for a longer hunt.
"""

from __future__ import annotations

import gettext
import io
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import GUIDE_ID, ROOT
from guidepress.build import BuildOptions, build
from guidepress.cli.strict import check_strict
from guidepress.errors import GuideError, display_path
from guidepress.l10n.catalogs import read_catalog
from guidepress.l10n.extract import extract_guide
from guidepress.l10n.status import status_report
from guidepress.project import Project

LONG_RUN = int(os.environ.get("GUIDEPRESS_FUZZ", "0"))
FUZZ = settings(
    max_examples=LONG_RUN or 30,
    derandomize=not LONG_RUN,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
LOCATED = re.compile(r"^(?P<path>[^:\s][^:]*):(?P<line>\d+)(?::\d+)?: \S.*$")
GUIDE_TEXTS = {path.stem: path.read_text(encoding="utf-8") for path in sorted((ROOT / "guide_src").glob("*.yaml"))}
NN = "locales/nn/LC_MESSAGES/guides.po"
PO_BYTES = (ROOT / NN).read_bytes()

TRICKY = [
    "2026-13-01",
    "2021-03-15T25:09:00Z",
    "!!int abc",
    "!!bool maybe",
    "!!float x",
    "!!python/object:os.system",
    "!!binary ===",
    "9" * 5000,
    "99999999999999999999",
    "-1",
    "1e309",
    ".inf",
    "{",
    "}",
    "{}",
    "{count}",
    "{nope}",
    "{login.forgot}",
    "{account_settings.eid}",
    "{user_email!r}",
    "&anchor value",
    "*anchor",
    "*missing",
    "[]",
    "{a: b}",
    "null",
    "~",
    "''",
    '"',
    "'",
    ": x",
    "- x",
    "|",
    ">-",
    "x" * 3000,
    "W" * 200,
    "\x00",
    "\x1b[31m",
    "\ufffe",
    "\u202e",
    "Ŋŧđ ǩ 👩‍💻",
    "<b>bold</b>",
    "&amp;",
]


@pytest.fixture(autouse=True, scope="module")
def own_cache() -> Iterator[None]:
    """Random words never reach the user's cache of hyphenated words."""
    with tempfile.TemporaryDirectory() as cache:
        before = os.environ.get("XDG_CACHE_HOME")
        os.environ["XDG_CACHE_HOME"] = cache
        yield
        if before is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = before


@st.composite
def mutated_lines(draw: st.DrawFn, text: str, values: st.SearchStrategy[str]) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["value", "value", "drop", "double", "indent", "dedent", "insert", "char"]))
        line = lines[i]
        if op == "value" and ":" in line:
            key = line.split(":", 1)[0]
            lines[i] = f"{key}: {draw(values)}"
        elif op == "drop":
            del lines[i]
        elif op == "double":
            lines.insert(i, line)
        elif op == "indent":
            lines[i] = "  " + line
        elif op == "dedent":
            lines[i] = line[2:]
        elif op == "insert":
            lines.insert(i, draw(values))
        else:
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.sampled_from(['"', "'", "{", "}", "\\", "#", ":", "\t", "\x00"])) + line[at:]
        if not lines:
            lines = [""]
    return "\n".join(lines)


VALUES = st.sampled_from(TRICKY) | st.text(max_size=30)


def copy_project(root: Path) -> Project:
    for name in ("guide_src", "locales", "assets", "packs"):
        shutil.copytree(ROOT / name, root / name)
    return Project(root)


def assert_located(errors: list[GuideError], path: str | None = None) -> None:
    """Each error one line, `path:line[:col]: message`, in the file that was broken."""
    for error in errors:
        line = str(error)
        assert "\n" not in line, f"two lines: {line!r}"
        found = LOCATED.match(line)
        assert found, f"not path:line: {line!r}"
        assert path is None or found["path"] == path, line


MUTATED_GUIDE = st.sampled_from(sorted(GUIDE_TEXTS)).flatmap(
    lambda guide_id: mutated_lines(GUIDE_TEXTS[guide_id], VALUES).map(lambda text: (guide_id, text))
)


@FUZZ
@given(MUTATED_GUIDE)
def test_any_guide_text_is_built_or_refused_with_located_lines(mutated: tuple[str, str]) -> None:
    guide_id, text = mutated
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        project = copy_project(root)
        guide = project.guide_dir / f"{guide_id}.yaml"
        guide.write_text(text, encoding="utf-8")
        shown = display_path(guide)
        options = BuildOptions(out_dir=root / "out", locales=("en",), png=False, html=True, packs=("onboarding",))
        report = build(project, options, [guide])
        assert report.crashes == [], report.crashes[0]
        own = [e for e in report.errors if e.location.path == shown]
        # the pack's own line when the guide lost a variable the pack's texts name
        assert_located([e for e in report.errors if e not in own], display_path(project.packs_dir / "onboarding.yaml"))
        assert_located(own, shown)
        pdf = root / "out" / "en" / f"{guide_id}.pdf"
        assert pdf.exists() != bool(own), "a failed guide leaves its file, or a good one has none"
        assert not list((root / "out").rglob("*.tmp"))
        try:  # pybabel's view of the same file
            list(extract_guide(io.BytesIO(text.encode("utf-8")), {}, (), {}))
        except SystemExit as exc:  # pybabel prints it: one located line per problem
            assert all(LOCATED.match(line) for line in str(exc).splitlines()), exc
        strict = check_strict(project, ["en"], [guide])
        for problems in strict.problems.values():
            assert_located([p for p in problems if p.location.path == shown], shown)


@st.composite
def mutated_catalog(draw: st.DrawFn) -> bytes:
    text = draw(mutated_lines(PO_BYTES.decode("utf-8"), st.sampled_from([*TRICKY, 'msgstr "x"', 'msgid ""'])))
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    return data


@FUZZ
@given(mutated_catalog())
def test_any_catalog_is_used_or_refused_with_located_lines(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        project = copy_project(root)
        po = root / NN
        po.write_bytes(data)
        shown = display_path(po)
        report = build(project, BuildOptions(out_dir=root / "out", locales=("nn",), png=False))
        assert report.crashes == [], report.crashes[0]
        assert_located(report.errors, shown)
        assert (root / "out" / "nn" / f"{GUIDE_ID}.pdf").exists() != bool(report.errors)
        try:
            status_report(project.locales_dir, ["nn"])
        except GuideError as exc:
            assert_located([exc], shown)
        for problems in check_strict(project, ["nn"]).problems.values():
            assert_located([p for p in problems if p.location.line])


# --- differential: a catalog guidepress reads is one `msgfmt -c` accepts, read the same --------------

# What guidepress refuses and `msgfmt -c` lets pass (README, "For translators"): these make a broken
# handout or trip Babel.
STRICTER = ("is a NUL character", "are not UTF-8 text", "the catalog's Plural-Forms has", "the header has no Plural")
PO_PIECES = ["a", "Hei", "å", " ", "{count}", "x1", "\\n", "\\t", '\\"', "\\\\", "\\a", "\\x07", "\\007", "\\101"]
PO_PIECES += ["\\x41", "\\xc3\\xa5", "\\'", "\\?", "\\q", "\\x", "\\0", "\\12", "\\n\\n"]
PO_STRING = st.lists(st.sampled_from(PO_PIECES), max_size=4).map("".join)
PLURAL_RULES = {1: "0", 2: "(n != 1)", 3: "(n==1 ? 0 : n==2 ? 1 : 2)"}


PO_LAYOUTS = ["plain", "plain", "split", "joined", "comment", "tab"]


def po_lines(keyword: str, text: str, layout: str) -> list[str]:
    """`keyword "text"`; or `keyword ""` and the text on a line of its own, as msgmerge writes long ones;
    or what msgfmt reads and Babel would not: two strings on a line, a comment after the string, a tab."""
    return {
        "plain": [f'{keyword} "{text}"'],
        "split": [f'{keyword} ""', f'"{text}"'],
        "joined": [f'{keyword} "{text}" ""'],
        "comment": [f'{keyword} "{text}" # a note'],
        "tab": [f'{keyword}\t"{text}"'],
    }[layout]


@st.composite
def generated_catalog(draw: st.DrawFn) -> bytes:
    """A small PO file from the grammar, with the cases msgfmt -c and Babel read differently: a header or
    none, Plural-Forms or none, nplurals against the forms of each plural message, fuzzy and obsolete
    entries, C escapes (octal, hex, unknown ones), a byte-order mark."""
    lines: list[str] = []
    nplurals = draw(st.sampled_from([None, 1, 2, 3]))
    header = draw(st.sampled_from(["full", "full", "full", "empty", "none"]))
    if header != "none":
        if draw(st.booleans()):
            lines.append("#, fuzzy")
        lines += ['msgid ""', 'msgstr ""']
        if header == "full":
            lines.append('"Content-Type: text/plain; charset=UTF-8\\n"')
            if nplurals:
                lines.append(f'"Plural-Forms: nplurals={nplurals}; plural={PLURAL_RULES[nplurals]};\\n"')
        lines.append("")
    for number in range(draw(st.integers(0, 4))):
        entry = []
        if draw(st.integers(0, 3)) == 0:
            entry.append("#, fuzzy")
        if draw(st.booleans()):
            entry += po_lines("msgctxt", draw(PO_STRING), draw(st.sampled_from(PO_LAYOUTS)))
        msgid = draw(st.sampled_from(["", "\\n"])) + f"m{number} " + draw(PO_STRING)
        entry += po_lines("msgid", msgid, draw(st.sampled_from(PO_LAYOUTS)))
        if draw(st.booleans()):
            plural = draw(st.sampled_from([msgid, msgid + "s", "s" + msgid]))
            entry += po_lines("msgid_plural", plural, "plain")
            for form in range(draw(st.integers(1, 4))):
                entry += po_lines(f"msgstr[{form}]", draw(PO_STRING), draw(st.sampled_from(PO_LAYOUTS)))
        else:
            entry += po_lines("msgstr", draw(PO_STRING), draw(st.sampled_from(PO_LAYOUTS)))
        if draw(st.integers(0, 5)) == 0:
            entry = [f"#~ {line}" for line in entry]
        lines += [*entry, ""]
    data = "\n".join(lines).encode("utf-8")
    return b"\xef\xbb\xbf" + data if draw(st.integers(0, 9)) == 0 else data


def msgfmt_c(po: Path) -> tuple[bool, gettext.GNUTranslations | None]:
    """Whether `msgfmt -c` accepts the catalog, and what it compiles (None if that is not text)."""
    mo = po.with_suffix(".mo")
    if subprocess.run(["msgfmt", "-c", "-o", str(mo), str(po)], capture_output=True).returncode != 0:
        return False, None
    with mo.open("rb") as fh:
        try:
            return True, gettext.GNUTranslations(fh)
        except UnicodeDecodeError:  # an escape made bytes that are not UTF-8: msgfmt lets them pass
            return True, None


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext's msgfmt")
@FUZZ
@given(generated_catalog())
def test_a_catalog_is_read_as_msgfmt_c_reads_it(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        po = Path(tmp) / "guides.po"
        po.write_bytes(data)
        accepted, theirs = msgfmt_c(po)
        try:
            ours = read_catalog(po)
        except GuideError as exc:
            assert_located([exc])
            stricter = any(reason in exc.message for reason in STRICTER)
            assert not accepted or stricter, f"msgfmt -c accepts what guidepress refuses: {exc}"
            return
        assert accepted and theirs is not None, "guidepress reads a catalog msgfmt -c refuses"
        compiled = theirs._catalog  # type: ignore[attr-defined]  # gettext's own table of the .mo
        for message in ours:
            if not message.id or message.fuzzy:
                continue
            key = f"{message.context}\x04" if message.context is not None else ""
            if isinstance(message.id, str):
                if message.string:
                    assert compiled[key + message.id] == message.string
            elif message.string[0]:
                forms = [compiled[(key + message.id[0], i)] for i in range(len(message.string))]
                assert forms == list(message.string)

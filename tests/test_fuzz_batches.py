"""Property tests of the batch inputs: whatever a tenants file, a people file, a pack, a logo or
the manifest in the output folder holds, guidepress answers with its own located lines, never
another exception; it touches no file outside the output folder, starts no program, and keeps
no person's value in its cache.

Each example builds the BankID guide (and, for people, the pack) in English without PNGs, so
that CI stays quick: a fixed number of derandomized examples. `GUIDEPRESS_FUZZ=200 python -m
pytest tests/test_fuzz_batches.py` runs 200 random examples of each, for a longer hunt.
"""

from __future__ import annotations

import base64
import io
import json
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
from guidepress.build import BuildOptions, BuildReport, build
from guidepress.errors import display_path
from guidepress.project import Project
from test_fuzz import TRICKY, mutated_lines

LONG_RUN = int(os.environ.get("GUIDEPRESS_FUZZ", "0"))
FUZZ = settings(
    max_examples=LONG_RUN or 12,
    derandomize=not LONG_RUN,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
LOCATED = re.compile(r"^(?P<path>[^:\s][^:]*):(?P<line>\d+)(?::\d+)?: \S.*$")
GUIDE = ROOT / "guide_src" / f"{GUIDE_ID}.yaml"


@pytest.fixture(autouse=True, scope="module")
def own_cache() -> Iterator[None]:
    with tempfile.TemporaryDirectory() as cache:
        before = os.environ.get("XDG_CACHE_HOME")
        os.environ["XDG_CACHE_HOME"] = cache
        yield
        if before is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(autouse=True)
def no_program(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """No input may start a program (svglib's fc-match did, for a logo's fonts)."""
    started: list[object] = []

    class NoProgram:
        def __init__(self, *args: object, **kwargs: object) -> None:
            started.append(args)
            raise OSError("no program may be started")

    monkeypatch.setattr(subprocess, "Popen", NoProgram)
    yield started
    assert started == [], started


class Scratch:
    """A project with the BankID guide, its locales, assets and packs, an output folder, and a
    folder beside it holding files that must survive every build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for name in ("locales", "assets", "packs"):
            shutil.copytree(ROOT / name, root / name)
        shutil.copytree(ROOT / "guide_src", root / "guide_src")
        self.project = Project(root)
        self.out = root / "out"
        self.outside = root / "outside"
        self.outside.mkdir()
        (self.outside / "secret.txt").write_text("keep")
        (self.outside / "sub").mkdir()
        (self.outside / "sub" / "secret.txt").write_text("keep")

    def check(self, report: BuildReport, *inputs: Path) -> None:
        """No crash; each error and warning one located line, in one of the inputs or the guides;
        nothing outside the output folder touched; nothing half-written."""
        assert report.crashes == [], report.crashes[0]
        allowed = {display_path(p) for p in inputs} | {display_path(p) for p in (self.root / "guide_src").iterdir()}
        allowed |= {display_path(self.root / "packs" / "onboarding.yaml"), display_path(self.out / "manifest.json")}
        for line in [str(e) for e in report.errors] + list(report.warnings):
            assert "\n" not in line and "\r" not in line and line.isprintable(), repr(line)
            found = LOCATED.match(line)
            assert found, f"not path:line: {line!r}"
            assert found["path"] in allowed or found["path"].startswith("--"), line
            assert len(line) < 600, f"a line of {len(line)} characters"
        assert (self.outside / "secret.txt").read_text() == "keep"
        assert (self.outside / "sub" / "secret.txt").read_text() == "keep"
        assert not list(self.root.rglob("*.tmp"))


def scratch_project() -> tuple[tempfile.TemporaryDirectory[str], Scratch]:
    tmp = tempfile.TemporaryDirectory()
    return tmp, Scratch(Path(tmp.name))


def options(s: Scratch, **more: object) -> BuildOptions:
    return BuildOptions(out_dir=s.out, locales=("en",), png=False, jobs=1, **more)  # type: ignore[arg-type]


# --- tenants ----------------------------------------------------------------------------------

CELLS = st.sampled_from(
    [
        *TRICKY,
        "",
        "acme",
        "vars-0123abcd",
        "nb",
        "a" * 300,
        "../outside",
        "https://acme.example/enterprise",
        "acme.example/x",
        "help?bcc=spy%40evil.example@acme.example",
        "it@acme.example",
        "logos/fjordvik.svg",
        "logos/lyngbo.png",
        "../outside/secret.txt",
        "/etc/passwd",
        "en",
        "nb nn",
        "se",
        "ticket",
        "print",
        "letter",
        '=HYPERLINK("http://x")',
        "x" * 3000,
        "\u2028",
        '"quoted, cell"',
    ]
) | st.text(max_size=20)
COLUMNS = ["id", "organisation", "enterprise_url", "support_contact", "logo", "locales", "profile", "paper"]


def csv_cell(value: str) -> str:
    if any(c in value for c in ',"\n\r') and not (value.startswith('"') and value.endswith('"')):
        return '"' + value.replace('"', '""') + '"'
    return value


@st.composite
def tenants_csv(draw: st.DrawFn) -> str:
    header = draw(st.lists(st.sampled_from([*COLUMNS, "article_url", "nope", "id"]), min_size=1, max_size=6))
    if draw(st.booleans()) and "id" not in header:
        header = ["id", *header]
    rows = []
    for _ in range(draw(st.integers(0, 3))):
        rows.append(",".join(csv_cell(draw(CELLS)) for _ in range(draw(st.integers(1, len(header) + 1)))))
    text = "\n".join([",".join(header), *rows]) + "\n"
    if draw(st.booleans()):
        text = text.replace(",", ";")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


@FUZZ
@given(tenants_csv())
def test_any_tenants_file_builds_or_refuses_each_row_with_located_lines(text: str) -> None:
    tmp, s = scratch_project()
    with tmp:
        tenants = s.root / "tenants.csv"
        tenants.write_text(text, encoding="utf-8", errors="surrogatepass")
        report = build(s.project, options(s, tenants=tenants), [s.project.guide_dir / f"{GUIDE_ID}.yaml"])
        s.check(report, tenants)
        for folder in s.out.iterdir() if s.out.exists() else ():
            assert folder.resolve().is_relative_to(s.out.resolve())


# --- people -----------------------------------------------------------------------------------


@st.composite
def people_csv(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A people file for the onboarding pack, each row with a token of its own in its name (to look
    for in the cache afterwards)."""
    header = ["employee_id", "name", "email", "username", "start_date", "department"]
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    rows, tokens = [], []
    for n in range(draw(st.integers(1, 2))):
        token = f"Zqx{n}{draw(st.integers(10_000, 99_999))}"
        tokens.append(token)
        cells = {
            "employee_id": draw(st.sampled_from([f"E{n}", "", "../x", "a" * 80, "E 1", "vars-1"])),
            "name": f"{token} {draw(CELLS)}",
            "email": draw(st.sampled_from(["a@b.example", "x", "a?b@c.example", ""])),
            "username": draw(CELLS),
            "start_date": draw(st.sampled_from(["2026-12-01", "2026-13-01", "", "x"])),
            "department": draw(CELLS),
        }
        rows.append(",".join(csv_cell(cells[h]) for h in header))
    return "\n".join([",".join(header), *rows]) + "\n", tokens


@FUZZ
@given(people_csv())
def test_any_people_file_builds_or_refuses_each_person_and_keeps_nothing_of_them(
    generated: tuple[str, list[str]],
) -> None:
    text, tokens = generated
    tmp, s = scratch_project()
    with tmp, tempfile.TemporaryDirectory() as cache:
        before = os.environ["XDG_CACHE_HOME"]
        os.environ["XDG_CACHE_HOME"] = cache
        try:
            people = s.root / "people.csv"
            people.write_text(text, encoding="utf-8")
            report = build(s.project, options(s, people=people, packs=("onboarding",)))
        finally:
            os.environ["XDG_CACHE_HOME"] = before
        s.check(report, people)
        for line in [str(e) for e in report.errors] + report.warnings:
            assert not any(token in line for token in tokens), f"a person's value in an error line: {line}"
        kept = b"".join(p.read_bytes() for p in Path(cache).rglob("*") if p.is_file())
        kept += b"".join(p.read_bytes() for p in s.out.rglob("*") if p.is_file() and p.suffix not in (".pdf", ".html"))
        for token in tokens:
            assert token.encode() not in kept, "a person's value in the cache or the manifest"


# --- packs ------------------------------------------------------------------------------------

PACK_TEXT = (ROOT / "packs" / "onboarding.yaml").read_text(encoding="utf-8")


@FUZZ
@given(mutated_lines(PACK_TEXT, st.sampled_from(TRICKY) | st.text(max_size=30)))
def test_any_pack_is_built_or_refused_with_located_lines(text: str) -> None:
    tmp, s = scratch_project()
    with tmp:
        pack = s.root / "packs" / "onboarding.yaml"
        pack.write_text(text, encoding="utf-8", errors="surrogatepass")
        report = build(s.project, options(s, packs=("onboarding",)), [s.project.guide_dir / f"{GUIDE_ID}.yaml"])
        s.check(report, pack)
        pdf = s.out / "en" / "onboarding.pdf"
        assert pdf.exists() == (not [e for e in report.errors if e.location.path == display_path(pack)])


# --- logos ------------------------------------------------------------------------------------


def png(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 200)).save(out, "PNG")
    return out.getvalue()


def png_header(width: int, height: int) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


SMALL_PNG = "data:image/png;base64," + base64.b64encode(png(12, 6)).decode()
BOMB_PNG = "data:image/png;base64," + base64.b64encode(png_header(20_000, 20_000)).decode()
SVG_PIECES = [
    '<rect width="40" height="20" fill="#c33"/>',
    '<rect width="40" height="20" fill="url(#g)"/><defs><linearGradient id="g"/></defs>',
    '<rect width="40" height="20" fill="url(http://127.0.0.1:9/x)"/>',
    "<rect width='40' height='20' style='fill:url(../../outside/secret.txt)'/>",
    "<style>@import url(http://x.example/a.css);</style>",
    '<text x="2" y="12" font-family="Comic Sans MS, Family One, serif">Acme</text>',
    '<text x="2" y="12" font-weight="bold" font-family="' + ", ".join(f"F{n}" for n in range(50)) + '">B</text>',
    f'<image width="20" height="10" href="{SMALL_PNG}"/>',
    f'<image width="20" height="10" xlink:href="{SMALL_PNG}"/>',
    f'<image width="20" height="10" href="{BOMB_PNG}"/>',
    '<image width="20" height="10" href="data:image/png;base64,!!!"/>',
    '<image width="20" height="10" href="fjordvik.svg"/>',
    '<image width="20" height="10" href="../../outside/secret.txt"/>',
    '<image width="20" height="10" href="file:///etc/passwd"/>',
    '<use href="#a"/><g id="a"><circle r="3"/></g>',
    '<use href="fjordvik.svg#x"/>',
    "<foreignObject><p>x</p></foreignObject>",
    '<text x="2" y="12">&amp; \u202e x</text>',
]


@st.composite
def logo_file(draw: st.DrawFn) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["svg", "svg", "svg", "png", "bytes"]))
    if kind == "svg":
        size = draw(st.sampled_from(['width="80" height="40"', 'viewBox="0 0 80 40"', "", 'width="0" height="0"']))
        body = "".join(draw(st.lists(st.sampled_from(SVG_PIECES), max_size=4)))
        head = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        return "logo.svg", f"{head}{size}>{body}</svg>".encode()
    if kind == "png":
        return "logo.png", draw(st.sampled_from([png(30, 10), png_header(12_000, 12_000), png(1, 1)]))
    return draw(st.sampled_from(["logo.png", "logo.svg", "logo.jpg"])), draw(st.binary(max_size=64))


@pytest.mark.filterwarnings("error::RuntimeWarning")  # Pillow's DecompressionBombWarning reached stderr
@FUZZ
@given(logo_file())
def test_any_logo_is_drawn_or_refused_at_its_cell_and_starts_no_program(logo: tuple[str, bytes]) -> None:
    name, data = logo
    tmp, s = scratch_project()
    with tmp:
        (s.root / "assets" / "logos" / name).write_bytes(data)
        tenants = s.root / "tenants.csv"
        tenants.write_text(f"id,logo\nacme,logos/{name}\nokay,\n", encoding="utf-8")
        report = build(s.project, options(s, tenants=tenants), [s.project.guide_dir / f"{GUIDE_ID}.yaml"])
        s.check(report, tenants)
        assert all(str(e).endswith(tuple()) or ":2:6: logo" in str(e) for e in report.errors), [
            str(e) for e in report.errors
        ]
        assert (s.out / "okay" / "en" / f"{GUIDE_ID}.pdf").is_file()
        assert (s.out / "acme" / "en" / f"{GUIDE_ID}.pdf").is_file() != bool(report.errors)


# --- the manifest -------------------------------------------------------------------------------

KEYS = st.sampled_from(
    [
        f"en/{GUIDE_ID}.pdf",
        "en/../../outside/secret.txt",
        "en/../../outside/sub/secret.txt",
        "en/link/secret.txt",
        "en/./x.pdf",
        "en//x.pdf",
        "",
        ".",
        "..",
        "en\\..\\..\\outside\\secret.txt",
        "c:/x",
        "en/\u2028.pdf",
    ]
) | st.text(max_size=12)
JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10)
JSON = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def manifest(draw: st.DrawFn) -> str:
    shape = draw(st.sampled_from(["entries", "entries", "json", "text"]))
    if shape == "text":
        return draw(st.text(max_size=40))
    if shape == "json":
        return json.dumps(draw(JSON))
    entry = (
        st.fixed_dictionaries(
            {
                "inputs": st.text(max_size=4),
                "sha256": st.text(max_size=4),
                "size": st.integers(0, 9),
                "source": st.sampled_from([GUIDE_ID, "x"]),
            }
        )
        | JSON
    )
    outputs = draw(st.dictionaries(KEYS, entry, max_size=4))
    return json.dumps({"guidepress": "x", "outputs": outputs})


@FUZZ
@given(manifest(), st.booleans())
def test_any_manifest_is_used_or_ignored_with_one_warning_and_nothing_outside_goes(text: str, broken: bool) -> None:
    tmp, s = scratch_project()
    with tmp:
        guide = s.project.guide_dir / f"{GUIDE_ID}.yaml"
        (s.out / "en").mkdir(parents=True)
        (s.out / "en" / "link").symlink_to(s.outside)
        (s.out / "manifest.json").write_text(text, encoding="utf-8", errors="surrogatepass")
        if broken:  # its files are removed as the manifest lists them
            guide.write_text(guide.read_text(encoding="utf-8") + "steps: [\n", encoding="utf-8")
        report = build(s.project, options(s), [guide])
        s.check(report, guide)
        assert len([w for w in report.warnings if "manifest.json" in w]) <= 1
        assert (s.out / "en" / f"{GUIDE_ID}.pdf").is_file() != broken

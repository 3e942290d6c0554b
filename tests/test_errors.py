"""Broken guides: one `path:line:col: message` line each, exit status 1, no PDF, others still build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import GUIDE_ID
from guidepress.cli.main import main

LINE = re.compile(r"^(?P<path>[^:\s]+\.yaml):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")

BREAKAGES = {
    # name: (original text, broken text, expected line, words in the message)
    "syntax": ("- text: Close your web browser", "- text: [Close your web browser", None, "YAML syntax error"),
    "unknown key": ("\nsections:\n", "\nstpes:\n", None, "unknown key 'stpes'"),
    "wrong type": ("      count: 8\n", "      count: eight\n", None, "expected a whole number"),
    "unknown screen": ("screen: reset_request\n", "screen: reset_requst\n", None, "unknown screen 'reset_requst'"),
    "unknown control": ("marks: [forgot]", "marks: [forgott]", None, "has no control 'forgott'"),
    "undefined variable": (
        "Go to {enterprise_url}",
        "Go to {enterprise_adress}",
        None,
        "undefined variable {enterprise_adress}",
    ),
    "an element with no text": (
        "Go to {enterprise_url}",
        "Go to {account_settings.rows}",
        None,
        "{account_settings.rows}: element 'rows' on screen 'account_settings' has no title, label or text to show",
    ),
    "unknown element type": (
        "type: choice_card\n        icon: lock",
        "type: choise_card\n        icon: lock",
        None,
        "unknown type 'choise_card'",
    ),
    "unknown screen kind": ("kind: window", "kind: windw", None, "unknown kind 'windw' (did you mean 'window'?)"),
    "image outside assets": (
        "image: screens/visma-connect-bankid-error.png",
        "image: ../guide_src/bankid-visma-connect.png",
        None,
        "'..' may not lead out of the assets/ folder",
    ),
    "unknown control on a dialog's window": ("marks: [link]", "marks: [lnk]", None, "has no control 'lnk'"),
}


def break_guide(scratch: Path, old: str, new: str) -> Path:
    guide = scratch / "guide_src" / f"{GUIDE_ID}.yaml"
    text = guide.read_text()
    assert old in text, old
    guide.write_text(text.replace(old, new, 1))
    expected_line = text[: text.index(old)].count("\n") + 1 + old[: len(old) - len(old.lstrip("\n"))].count("\n")
    return guide, expected_line  # type: ignore[return-value]


@pytest.mark.parametrize("name", BREAKAGES)
def test_broken_guide_gives_one_located_line_and_no_pdf(name: str, scratch: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    old, new, _line, words = BREAKAGES[name]
    guide, expected_line = break_guide(scratch, old, new)
    # a second, good guide must still build
    good = scratch / "guide_src" / "good-copy.yaml"
    good.write_text(
        (Path(__file__).parents[1] / "guide_src" / f"{GUIDE_ID}.yaml")
        .read_text()
        .replace(f"id: {GUIDE_ID}", "id: good-copy")
    )
    monkeypatch.chdir(scratch)
    status = main(["--locale", "en", "--no-png"])
    out, err = capsys.readouterr()
    assert status == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    match = LINE.match(lines[0])
    assert match, lines[0]
    assert match["path"] == f"guide_src/{GUIDE_ID}.yaml"
    assert words in match["message"]
    assert abs(int(match["line"]) - expected_line) <= 1, (lines[0], expected_line)
    assert "Traceback" not in err
    assert not (scratch / "build" / "en" / f"{GUIDE_ID}.pdf").exists()
    assert (scratch / "build" / "en" / "good-copy.pdf").exists()
    assert "good-copy.pdf" in out


def test_loading_a_guide_needs_neither_reportlab_nor_pillow() -> None:
    """The loader reads YAML and checks image files by their headers: the renderers stay out of it."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from guidepress.source.loader import load_guide; "
        "[load_guide(p) for p in sorted(Path('guide_src').glob('*.yaml'))]; "
        "print(sorted(m for m in ('reportlab', 'PIL', 'svglib') if m in sys.modules))"
    )
    root = Path(__file__).parents[1]
    env = {"PYTHONPATH": str(root / "src"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_usage_error_exits_2(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exc:
        main(["--locale", "xx"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("guidepress: error: --locale xx: no catalog") and err.count("\n") == 1, err


def test_no_half_written_files_after_a_failure(scratch: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(scratch)
    assert main(["--locale", "en"]) == 0
    leftovers = [p for p in (scratch / "build").rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]
    assert leftovers == []


def test_failed_rebuild_leaves_no_stale_output(scratch: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(scratch)
    assert main(["--locale", "en"]) == 0
    pdf = scratch / "build" / "en" / f"{GUIDE_ID}.pdf"
    assert pdf.exists()
    break_guide(scratch, "\nsections:\n", "\nstpes:\n")
    assert main(["--locale", "en"]) == 1
    assert not pdf.exists(), "a PDF from an earlier build is left beside a failed one"
    assert not (scratch / "build" / "en" / GUIDE_ID).exists()

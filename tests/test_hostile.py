"""Hostile and careless batch inputs (issue 25): a manifest someone else wrote, personal values
near the cache, tenant ids that look like another build's folder. Each case is built through the
command line, as a user would, and the files outside the output folder are checked afterwards."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import GUIDE_ID
from guidepress.cli import main


def break_guide(scratch: Path) -> None:
    guide = scratch / "guide_src" / f"{GUIDE_ID}.yaml"
    guide.write_text(guide.read_text(encoding="utf-8") + "steps: [\n", encoding="utf-8")


def planted_manifest(scratch: Path, keys: list[str]) -> Path:
    """A first build's manifest with entries for `keys` added, each as the guide's own output."""
    manifest = scratch / "build" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    entry = next(iter(data["outputs"].values()))
    for key in keys:
        data["outputs"][key] = dict(entry, source=GUIDE_ID)
    manifest.write_text(json.dumps(data), encoding="utf-8")
    return manifest


@pytest.mark.parametrize(
    "key",
    [
        "nb/../../outside/secret.txt",
        "nb/../../../outside/secret.txt",
        "OUTSIDE_ABSOLUTE",
        "nb/link/secret.txt",
    ],
)
def test_a_manifest_entry_never_leads_a_removal_out_of_the_output_folder(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    monkeypatch.chdir(scratch)
    outside = scratch / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("keep me", encoding="utf-8")
    (outside / "other").mkdir()
    (outside / "other" / "secret.txt").write_text("keep me too", encoding="utf-8")
    assert main(["--locale", "nb", "--no-png"]) == 0
    (scratch / "build" / "nb" / "link").symlink_to(outside)
    key = key.replace("OUTSIDE_ABSOLUTE", str(secret))
    manifest = planted_manifest(scratch, [key, key.replace("secret.txt", "other/secret.txt")])
    break_guide(scratch)
    capsys.readouterr()
    assert main(["--locale", "nb", "--no-png"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert secret.read_text(encoding="utf-8") == "keep me"
    assert (outside / "other" / "secret.txt").is_file()
    warning = [line for line in err if "manifest.json" in line]
    assert len(warning) == 1, err
    assert warning[0].startswith("build/manifest.json:1:1: warning: names ")
    assert warning[0].endswith("ignored, every output is built again")
    # the build wrote a manifest of its own in its place, without the planted entries
    assert key not in json.loads(manifest.read_text(encoding="utf-8"))["outputs"]


@pytest.mark.parametrize(
    "data",
    [
        [1, 2],
        {"outputs": []},
        {"outputs": {"nb/x.pdf": ["not", "an", "entry"]}},
        {"outputs": {"nb/x.pdf": {"inputs": 1, "sha256": "", "size": 1, "source": "x"}}},
        {"outputs": {"nb/x.pdf": {"inputs": "", "sha256": "", "size": "1", "source": "x"}}},
        {"outputs": {"nb/x.pdf": {"inputs": "", "sha256": "", "size": 1, "source": None}}},
        "null",
    ],
)
def test_a_manifest_not_as_guidepress_writes_it_is_ignored_with_one_warning(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: object
) -> None:
    """Before: `AttributeError: 'list' object has no attribute 'get'` with a traceback, exit 70."""
    monkeypatch.chdir(scratch)
    assert main(["--locale", "nb", "--no-png"]) == 0
    manifest = scratch / "build" / "manifest.json"
    manifest.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    break_guide(scratch)
    capsys.readouterr()
    assert main(["--locale", "nb", "--no-png"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert "Traceback" not in "\n".join(err)
    assert len([line for line in err if line.startswith("build/manifest.json:1:1: warning: ")]) == 1, err
    assert all(line.startswith(("build/manifest.json:1:1: warning: ", "guide_src/")) for line in err), err


def test_a_manifest_that_is_not_json_is_rebuilt_with_one_warning(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(scratch)
    assert main(["--locale", "nb", "--no-png"]) == 0
    manifest = scratch / "build" / "manifest.json"
    manifest.write_bytes(b"\xff\xfe{")
    capsys.readouterr()
    assert main(["--locale", "nb", "--no-png"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "build/manifest.json:1:1: warning: cannot be read ('utf-8' codec can't decode byte 0xff in position 0: "
        "invalid start byte): ignored, every output is built again"
    ]
    assert json.loads(manifest.read_text(encoding="utf-8"))["outputs"]
    assert os.path.isfile(scratch / "build" / "nb" / f"{GUIDE_ID}.pdf")

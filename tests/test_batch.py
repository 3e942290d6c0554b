"""Batches at scale: the manifest (a rebuild skips what has not changed, rebuilds what has),
shards that split the job list, and what a person watching sees (progress bar or one line)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import GUIDE_ID, ROOT
from guidepress.batch.progress import ProgressBar, wants_bar
from guidepress.batch.shard import parse_shard
from guidepress.build import BuildOptions, build
from guidepress.cli.main import main
from guidepress.options import Shard
from guidepress.project import Project

TENANTS = (
    "id,organisation,enterprise_url,locales\n"
    "fjordvik,Fjordvik kommune,https://fjordvik.vuq.visma.com/enterprise,nb nn\n"
    "lyngbo,Lyngbø Bygg AS,https://lyngbo.vuq.visma.com/enterprise,nb en\n"
    "birk,Birk AS,https://birk.vuq.visma.com/enterprise,en\n"
)


@pytest.fixture
def batch(scratch: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (scratch / "tenants.csv").write_text(TENANTS, encoding="utf-8")
    monkeypatch.chdir(scratch)
    return scratch


def options(project: Path, **more: object) -> BuildOptions:
    more = {"out_dir": project / "build", **more}
    return BuildOptions(tenants=project / "tenants.csv", **more)  # type: ignore[arg-type]


def test_a_rebuild_builds_only_what_changed(batch: Path) -> None:
    project = Project(batch)
    first = build(project, options(batch))
    assert not first.errors and first.built == 5 and first.up_to_date == 0
    assert len([p for p in first.written if p.suffix == ".png"]) == 5 * 9
    manifest = json.loads((batch / "build" / "manifest.json").read_text())
    assert len(manifest["outputs"]) == 5 * 10  # each PDF and its 9 PNG screens
    entry = manifest["outputs"][f"fjordvik/nb/{GUIDE_ID}.pdf"]
    assert set(entry) == {"inputs", "sha256", "size", "source"} and entry["source"] == GUIDE_ID

    again = build(project, options(batch))
    assert (again.built, again.up_to_date, again.written) == (0, 5, [])

    po = batch / "locales" / "en" / "LC_MESSAGES" / "guides.po"  # one catalog edited: its locale's outputs
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Edit"', 'msgstr "Edit it"', 1), encoding="utf-8")
    edited = build(project, options(batch))
    assert edited.built == 2 and edited.up_to_date == 3
    assert sorted({p.parent.as_posix() for p in edited.written if p.suffix == ".pdf"}) == [
        (batch / "build" / "birk" / "en").as_posix(),
        (batch / "build" / "lyngbo" / "en").as_posix(),
    ]

    gone = batch / "build" / "fjordvik" / "nn" / f"{GUIDE_ID}.pdf"  # a deleted output is built again
    gone.unlink()
    png = batch / "build" / "lyngbo" / "nb" / GUIDE_ID / "06-reset-request.png"  # an edited one too
    png.write_bytes(png.read_bytes()[:-1] + b"\0")
    repaired = build(project, options(batch))
    assert sorted(p.relative_to(batch / "build").as_posix() for p in repaired.written) == [
        f"fjordvik/nn/{GUIDE_ID}.pdf",
        *sorted(f"lyngbo/nb/{GUIDE_ID}/{p.name}" for p in png.parent.iterdir()),
    ]
    assert gone.is_file()

    rows = TENANTS.replace("Birk AS", "Birk Bygg AS")  # a tenant's row changed: that tenant only
    (batch / "tenants.csv").write_text(rows, encoding="utf-8")
    changed = build(project, options(batch, png=False))
    assert [p.relative_to(batch / "build").as_posix() for p in changed.written] == [f"birk/en/{GUIDE_ID}.pdf"]

    forced = build(project, options(batch, png=False, force=True))
    assert forced.built == 5 and forced.up_to_date == 0


def test_the_manifest_is_the_same_for_the_same_inputs(batch: Path) -> None:
    for out in ("one", "two"):
        assert not build(Project(batch), options(batch, png=False, out_dir=batch / out)).errors
    one, two = (batch / "one" / "manifest.json").read_bytes(), (batch / "two" / "manifest.json").read_bytes()
    assert one == two
    assert list(json.loads(one)["outputs"]) == sorted(json.loads(one)["outputs"])


def test_shards_split_the_job_list_and_their_manifests_list_every_output_once(batch: Path) -> None:
    whole = build(Project(batch), options(batch, out_dir=batch / "whole"))
    everything = {p.relative_to(batch / "whole").as_posix() for p in whole.written}
    seen: list[str] = []
    for k in (1, 2, 3):
        out = batch / "sharded"
        assert not build(Project(batch), options(batch, out_dir=out, shard=Shard(k, 3))).errors
        manifest = json.loads((out / f"manifest.shard-{k}-of-3.json").read_text())
        seen += manifest["outputs"]
    assert sorted(seen) == sorted(everything)  # every output once, in exactly one shard's manifest
    assert not (batch / "sharded" / "manifest.json").exists()
    sharded = {p.relative_to(batch / "sharded").as_posix() for p in (batch / "sharded").rglob("*.p*")}
    assert sharded == everything
    for name in everything:
        assert (batch / "sharded" / name).read_bytes() == (batch / "whole" / name).read_bytes()


def test_a_shard_from_the_command_line_or_a_kubernetes_index(
    batch: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert parse_shard("2/5") == Shard(2, 5)
    assert parse_shard("index/4", {"JOB_COMPLETION_INDEX": "3"}) == Shard(4, 4)
    for bad in ("0/3", "4/3", "2", "a/b", "index/3"):
        with pytest.raises(ValueError):
            parse_shard(bad, {})
    monkeypatch.setenv("JOB_COMPLETION_INDEX", "0")
    assert main(["--tenants", "tenants.csv", "--shard", "index/2", "--no-png", "-q"]) == 0
    assert "(shard 1/2)" in capsys.readouterr().err
    assert (batch / "build" / "manifest.shard-1-of-2.json").is_file()
    with pytest.raises(SystemExit) as exc:
        main(["--tenants", "tenants.csv", "--shard", "3/2"])
    assert exc.value.code == 2
    assert "K must be between 1 and 2" in capsys.readouterr().err


def test_a_progress_bar_on_a_terminal_and_one_line_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    assert wants_bar(Terminal(), quiet=False)
    assert not wants_bar(Terminal(), quiet=True)
    assert not wants_bar(io.StringIO(), quiet=False)
    monkeypatch.setenv("CI", "true")
    assert not wants_bar(Terminal(), quiet=False)
    stream = Terminal()
    bar = ProgressBar(stream)
    bar(0, 600)
    bar.shown = 0.0
    bar.start -= 10  # ten seconds in
    bar(300, 600)
    bar(600, 600)
    bar.finish()
    drawn = stream.getvalue().split("\r")
    assert drawn[2].startswith("[##############..............] 300/600  30.0/s  0:10 left")
    assert drawn[3].startswith("[############################] 600/600")
    assert drawn[-1] == "\x1b[K"  # wiped at the end


def test_a_batch_reports_a_summary_line_not_a_line_per_file(batch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--tenants", "tenants.csv", "--no-png", "--tenant", "birk", "--tenant", "lyngbo"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith("built 3 PDFs for 2 tenants in ") and line.endswith("; 0 up to date; 0 failed")
    assert main(["--tenants", "tenants.csv", "--no-png", "--tenant", "birk"]) == 0
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("built 0 PDFs for 1 tenant in ") and line.endswith(" s; 1 up to date; 0 failed")


def test_the_manifest_lists_the_shared_pictures_the_build_writes(tmp_path: Path, project: Project) -> None:
    """Consecutive steps on one screen make one PNG named by their range, and the manifest, planned
    before anything is built, names exactly the files written; replacing an image a guide shows
    makes its outputs out of date."""
    out = tmp_path / "out"
    report = build(project, BuildOptions(out_dir=out, locales=("nb",)))
    assert not report.errors and not report.crashes
    manifest = json.loads((out / "manifest.json").read_text())
    listed = {name for name in manifest["outputs"] if name.endswith(".png")}
    written = {p.relative_to(out).as_posix() for p in out.rglob("*.png")}
    assert listed == written
    assert {"nb/register-absence/05-07-absence-form.png", "nb/two-step-verification/06-07-app-add.png"} <= written
    assert "nb/register-absence/06-absence-form.png" not in written


def test_an_image_the_guide_shows_is_an_input_of_its_outputs(batch: Path) -> None:
    project = Project(batch)
    shutil.copytree(ROOT / "guide_src", batch / "guide_src", dirs_exist_ok=True)
    options = BuildOptions(out_dir=batch / "out", locales=("en",), png=False)
    guide = [batch / "guide_src" / "register-absence.yaml"]
    assert build(project, options, guide).built == 1
    assert build(project, options, guide).up_to_date == 1
    logo = batch / "assets" / "logos" / "example-hr.svg"
    logo.write_text(logo.read_text(encoding="utf-8").replace("</svg>", "<!-- new --></svg>"), encoding="utf-8")
    assert build(project, options, guide).built == 1


def test_a_tenant_pack_or_shard_that_names_nothing_is_a_usage_error_before_building(
    batch: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for args, line in (
        (
            ["--tenants", "tenants.csv", "--tenant", "lyngbø"],
            "guidepress: error: --tenant lyngbø: no tenant with this id in tenants.csv (did you mean 'lyngbo'?)",
        ),
        (["--pack", "onbording"], "guidepress: error: --pack onbording: no packs/onbording.yaml (have: none)"),
        (
            ["--tenants", "tenants.csv", "--shard", "index/2"],
            "guidepress: error: argument --shard: --shard index/2: JOB_COMPLETION_INDEX is 5; "
            "for 2 shards it is 0 to 1",
        ),
    ):
        monkeypatch.setenv("JOB_COMPLETION_INDEX", "5")
        with pytest.raises(SystemExit) as exc:
            main([*args, "--no-png"])
        assert exc.value.code == 2
        assert capsys.readouterr().err.splitlines()[-1] == line
        assert not (batch / "build").exists()
    (batch / "packs").mkdir()
    shutil.copy(ROOT / "packs" / "onboarding.yaml", batch / "packs")
    with pytest.raises(SystemExit) as exc:
        main(["--pack", "onbording"])
    assert capsys.readouterr().err.splitlines()[-1] == (
        "guidepress: error: --pack onbording: no packs/onbording.yaml (did you mean 'onboarding'?) (have: onboarding)"
    )


def test_the_manifest_knows_what_a_guide_no_longer_writes_as_files_come_and_go(tmp_path: Path) -> None:
    """`replaced` answers from an index kept up to date by `record` and `forget` (a batch asks
    for every PNG and HTML job; reading every entry each time made 1,200 jobs take half a minute)."""
    import hashlib

    from guidepress.batch.manifest import Manifest

    manifest = Manifest(tmp_path / "manifest.json")
    folder = tmp_path / "nb" / "guide"
    folder.mkdir(parents=True)

    def write(*names: str, source: str = "guide") -> list[Path]:
        files = {}
        for name in names:
            (folder / name).write_bytes(name.encode())
            files[folder / name] = (hashlib.sha256(name.encode()).hexdigest(), len(name))
        manifest.record(files, "inputs", source)
        return list(files)

    old = write("01-a.png", "02-b.png", "03-c.png")
    write("other.png", source="another guide")
    assert manifest.replaced(old[:2], "guide") == {old[2]}
    new = write("04-d.png")  # recorded after the index was made
    assert manifest.replaced(old[:2], "guide") == {old[2], new[0]}
    manifest.forget([old[2]])
    (folder / "04-d.png").write_bytes(b"changed by hand")  # no longer as written: kept
    assert manifest.replaced(old[:2], "guide") == set()
    assert manifest.replaced([folder / "other.png"], "another guide") == set()

"""Building side by side (`--jobs`): the same files and report as one by one, and failures stay local."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from conftest import GUIDE, GUIDE_ID, LOCALES
from guidepress.build import BuildOptions, build
from guidepress.cli.main import main
from guidepress.errors import GuideError, GuideErrors, Location
from guidepress.project import Project

NN_PO = Path("locales/nn/LC_MESSAGES/guides.po")


def test_two_workers_write_the_same_bytes_and_report_as_one(tmp_path: Path, project: Project) -> None:
    serial = build(project, BuildOptions(out_dir=tmp_path / "serial", jobs=1))
    parallel = build(project, BuildOptions(out_dir=tmp_path / "parallel", jobs=2))
    assert not serial.errors and not parallel.errors
    names = [p.relative_to(tmp_path / "serial") for p in serial.written]
    assert names == [p.relative_to(tmp_path / "parallel") for p in parallel.written]
    assert len([n for n in names if n.suffix == ".pdf"]) == len(LOCALES) * len(project.guides())
    assert serial.warnings == parallel.warnings
    for name in names:
        assert (tmp_path / "serial" / name).read_bytes() == (tmp_path / "parallel" / name).read_bytes(), name


def test_a_broken_catalog_stops_only_its_locale(
    scratch: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(scratch)
    assert main(["--jobs", "2"]) == 0
    capsys.readouterr()
    po = scratch / NN_PO
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Endre"', 'msgstrr "Endre"'), encoding="utf-8")
    line = text[: text.index('msgstr "Endre"')].count("\n") + 1

    assert main(["--jobs", "2"]) == 1
    out, err = capsys.readouterr()
    # the PDF and the PNG jobs both met the broken file; it is reported once
    problem = "cannot read catalog: unknown keyword 'msgstrr'"
    assert err.splitlines() == [f"{NN_PO}:{line}:1: {problem}"]
    assert "Traceback" not in err
    build_dir = scratch / "build"
    assert not (build_dir / "nn" / f"{GUIDE_ID}.pdf").exists()
    assert not (build_dir / "nn" / GUIDE_ID).exists(), "PNG screens of the failed locale are left behind"
    for locale in ("nb", "en"):  # unchanged inputs: kept as they were, not built again
        assert (build_dir / locale / f"{GUIDE_ID}.pdf").exists()
        assert len(list((build_dir / locale / GUIDE_ID).glob("*.png"))) == 9
    assert out.splitlines() == ["2 up to date under build/ (--force rebuilds them)"]


def test_input_errors_survive_the_way_back_from_a_worker() -> None:
    one = GuideError(Location("guide_src/x.yaml", 3, 7), "unknown key 'stpes'")
    two = GuideError(Location("locales/nn/LC_MESSAGES/guides.po", 12), "cannot read catalog")
    for error in (one, GuideErrors([one, two])):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert str(copy) == str(error)
    assert pickle.loads(pickle.dumps(one)).location == one.location


def test_outputs_get_the_usual_file_mode(tmp_path: Path, project: Project) -> None:
    """Written through a temporary file, but readable like any file the user creates (not 0600)."""
    report = build(project, BuildOptions(out_dir=tmp_path, locales=("en",)))
    umask = os.umask(0o022)
    os.umask(umask)
    assert {path.stat().st_mode & 0o777 for path in report.written} == {0o666 & ~umask}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bug_in_one_handout_spares_the_others_and_leaves_no_file(
    tmp_path: Path, project: Project, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    import guidepress.build

    real = guidepress.build.build_pngs

    def buggy(guide, locale, *args):  # type: ignore[no-untyped-def]
        if locale == "nb":
            raise ValueError("a bug in the PNG painter")
        return real(guide, locale, *args)

    monkeypatch.setattr(guidepress.build, "build_pngs", buggy)
    report = build(project, BuildOptions(out_dir=tmp_path, jobs=jobs), [GUIDE])
    assert not report.errors
    [crash] = report.crashes
    assert "(nb, PNG):" in crash.splitlines()[0]
    assert "ValueError: a bug in the PNG painter" in crash
    assert not list((tmp_path / "nb").rglob("*.*")), "the nb PDF stands beside a failed build"
    assert sorted(p.parent.name for p in report.written if p.suffix == ".pdf") == ["en", "nn"]
    assert len([p for p in report.written if p.suffix == ".png"]) == 18


def test_a_worker_that_dies_is_reported_not_a_traceback(
    tmp_path: Path, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signal

    import guidepress.build

    real = guidepress.build.build_pdf

    def killed(guide, locale, *args):  # type: ignore[no-untyped-def]
        if locale == "nn":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(guide, locale, *args)

    monkeypatch.setattr(guidepress.build, "build_pdf", killed)
    report = build(project, BuildOptions(out_dir=tmp_path, jobs=2, png=False))
    assert any("(nn, PDF): its worker process died" in crash for crash in report.crashes)
    assert not (tmp_path / "nn" / f"{GUIDE_ID}.pdf").exists()


def test_a_bug_exits_70_with_its_traceback(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import guidepress.build

    def broken(*args):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    monkeypatch.setattr(guidepress.build, "build_pdf", broken)
    monkeypatch.chdir(scratch)
    assert main(["--locale", "en", "--no-png"]) == 70
    err = capsys.readouterr().err
    assert "guidepress: internal error" in err and "RuntimeError: boom" in err and "Traceback" in err

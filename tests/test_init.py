"""`guidepress init`: a new guides project that builds, translates and checks as it stands."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import pybabel
from guidepress.build import BuildOptions, build
from guidepress.cli.main import main
from guidepress.cli.scaffold import starter_files
from guidepress.cli.strict import check_strict
from guidepress.project import Project
from guidepress.source.model import guide_json_schema
from pdftext import pdf_text


def test_init_writes_a_project_that_builds_in_every_locale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "guides"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "next: cd guides && guidepress"
    assert "wrote guides/guide_src/first-sign-in.yaml" in out
    root = tmp_path / "guides"
    assert (root / ".gitignore").read_text() == "build/\n*.mo\n"
    assert (root / "schema" / "guide.schema.json").read_text() == guide_json_schema()
    project = Project(root)
    assert project.locales() == ["en", "nb", "nn"]
    assert check_strict(project).lines() == []  # every message translated, every label fits
    report = build(project, BuildOptions(out_dir=root / "build"))
    assert not report.errors and not report.warnings
    nb = pdf_text(root / "build" / "nb" / "first-sign-in.pdf")
    assert "Logg inn i Example Portal for første gang" in nb
    assert "Side 1 av 2" in nb  # the handout words come with guidepress
    assert "Minst 12 tegn" in nb and "Minst 1 siffer" in nb  # plural forms
    assert "Logg inn i Example Portal for første gong" in pdf_text(root / "build" / "nn" / "first-sign-in.pdf")
    assert sorted(p.name for p in (root / "build" / "en" / "first-sign-in").iterdir()) == [
        "02-sign-in.png",
        "03-new-password.png",
    ]


def test_the_starter_template_is_what_pybabel_extracts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    fresh = tmp_path / "fresh.pot"
    pybabel("extract", "-F", "babel.cfg", "-c", "TRANSLATORS:", "-o", str(fresh), ".", cwd=tmp_path)

    def entries(text: str) -> list[str]:
        return text.split("\n\n")[1:]  # everything after the header

    assert entries(fresh.read_text()) == entries((tmp_path / "locales" / "guides.pot").read_text())


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("our own readme\n")
    assert main(["init", str(tmp_path)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.endswith("README.md: already exists; guidepress init writes only new files (nothing was written)")
    assert readme.read_text() == "our own readme\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


def test_init_into_a_folder_it_cannot_write_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["init", str(blocker / "guides")]) == 73
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("guidepress: cannot write ") and "Traceback" not in line


def test_a_build_outside_a_project_points_at_init(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stop:
        main(["--locale", "nb"])  # no guide_src/ and no locales/: the missing project is the news
    assert stop.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "guidepress: error: no guides in guide_src/ (is this a guides project? `guidepress init DIR` starts one)"
    )


def test_the_pack_in_the_starter_readme_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    example = (tmp_path / "README.md").read_text().split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "onboarding.yaml").write_text(example)
    assert main(["--locale", "en", "--no-png", "-q"]) == 0
    assert "These guides help you through your first day." in pdf_text(tmp_path / "build" / "en" / "onboarding.pdf")


def test_the_starter_carries_no_stray_files() -> None:
    assert list(starter_files()) == [
        ".gitignore",
        "README.md",
        "babel.cfg",
        "guide_src/first-sign-in.yaml",
        "locales/en/LC_MESSAGES/guides.po",
        "locales/glossary.tbx",
        "locales/guidepress.pot",
        "locales/guides.pot",
        "locales/nb/LC_MESSAGES/guides.po",
        "locales/nn/LC_MESSAGES/guides.po",
        "schema/guide.schema.json",
        "schema/pack.schema.json",
        "schema/tenants.schema.json",
        "tenants.csv",  # the README's `guidepress --tenants tenants.csv`
    ]

"""Shared fixtures: the repository, a built set of handouts, and a scratch project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guidepress.build import BuildOptions, build
from guidepress.project import Project

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "guide_src" / "bankid-visma-connect.yaml"
GUIDE_ID = "bankid-visma-connect"
LOCALES = ("nb", "nn", "en")


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, project: Project) -> Path:
    """Every shipped locale built once into a temporary folder (PDF and PNG)."""
    out = tmp_path_factory.mktemp("build")
    report = build(project, BuildOptions(out_dir=out))
    assert not report.errors, report.errors
    return out


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A copy of the project's inputs to break on purpose."""
    for name in ("guide_src", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path

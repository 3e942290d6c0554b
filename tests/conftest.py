"""Shared fixtures: the repository, a built set of handouts, and a scratch project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from guidepress.build import BuildOptions, build
from guidepress.project import Project

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "guide_src" / "bankid-visma-connect.yaml"
GUIDE_ID = "bankid-visma-connect"
LOCALES = ("nb", "nn", "en")


def pybabel(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Babel's command line, with this checkout's guidepress as its `guidepress` extraction method
    (the entry point names a module; PYTHONPATH makes it this checkout's, whatever is installed)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    return subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True, text=True)


@pytest.fixture(scope="session", autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The run's cache between builds is its own (the builds in the tests and the processes they
    start), never the user's `~/.cache/guidepress`: every scratch project would leave entries there."""
    cache = tmp_path_factory.mktemp("cache")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(cache)
    yield cache
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


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
    """A copy of the project's inputs to break on purpose, with the BankID guide as its only guide."""
    for name in ("locales", "assets"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "guide_src").mkdir()
    shutil.copy(GUIDE, tmp_path / "guide_src" / GUIDE.name)
    return tmp_path

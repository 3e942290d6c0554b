"""guidepress as an installed tool: its wheel in a fresh virtual environment, used from empty folders.

Slower than the other tests (a venv and a pip install, about 10 s with pip's cache warm):
it is the only one that sees what a user of the wheel sees, with no checkout beside it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GUIDE_ID, ROOT
from pdftext import fonts, pdf_text


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv (no system site-packages) with the wheel of this checkout installed."""
    root = tmp_path_factory.mktemp("install")
    quiet = ["--quiet", "--disable-pip-version-check"]
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", *quiet, "--no-deps", "-w", str(root / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = (root / "dist").glob("guidepress-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True)
    pip = [str(root / "venv" / "bin" / "python"), "-m", "pip", "install", *quiet, str(wheel)]
    subprocess.run(pip, check=True, capture_output=True)
    return root / "venv"


def run(venv: Path, *command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_the_installed_package_is_the_wheel_not_this_checkout(venv: Path, tmp_path: Path) -> None:
    result = run(venv, "python", "-c", "import guidepress; print(guidepress.__file__)", cwd=tmp_path)
    assert result.stdout.startswith(str(venv)), result.stdout + result.stderr


def test_init_build_and_extract_with_the_installed_tool(venv: Path, tmp_path: Path) -> None:
    made = run(venv, "guidepress", "init", "guides", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    project = tmp_path / "guides"
    built = run(venv, "guidepress", cwd=project)
    assert built.returncode == 0, built.stderr
    pdfs = [project / "build" / locale / "first-sign-in.pdf" for locale in ("en", "nb", "nn")]
    wrote = [f"wrote {pdf.relative_to(project)} ({pdf.stat().st_size // 1024} KB)" for pdf in pdfs]
    assert built.stdout.splitlines() == [*wrote, "wrote 6 PNG screens under build/"]
    pdf = project / "build" / "nb" / "first-sign-in.pdf"
    assert "Side 1 av 2" in pdf_text(pdf)  # the handout words' catalogs came with the wheel
    assert fonts(pdf) and all(fonts(pdf).values())  # and the fonts, embedded
    pot = project / "locales" / "fresh.pot"
    extracted = run(
        venv, "pybabel", "extract", "-F", "babel.cfg", "-c", "TRANSLATORS:", "-o", str(pot), ".", cwd=project
    )
    assert extracted.returncode == 0, extracted.stderr  # the `guidepress` extraction method, by its entry point
    assert 'msgid "Sign in to Example Portal for the first time"' in pot.read_text()
    assert 'msgctxt "ui:Example Portal"\nmsgid "Save and sign in"' in pot.read_text()
    strict = run(venv, "guidepress", "--strict", "--no-png", cwd=project)
    assert strict.returncode == 0, strict.stderr


def test_the_bankid_guide_builds_from_an_empty_folder(venv: Path, tmp_path: Path) -> None:
    """What failed before the fonts travelled with the package: guide_src/, locales/ and assets/ alone."""
    for name in ("guide_src", "locales", "assets"):
        shutil.copytree(ROOT / name, tmp_path / name)
    result = run(venv, "guidepress", "--locale", "nb", "--no-png", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Side 1 av" in pdf_text(tmp_path / "build" / "nb" / f"{GUIDE_ID}.pdf")
    module = run(venv, "python", "-m", "guidepress", "--locale", "en", "--no-png", cwd=tmp_path)
    assert module.returncode == 0, module.stderr


def test_the_installed_tool_writes_the_html_edition_with_its_style_sheet(venv: Path, tmp_path: Path) -> None:
    """The page's style sheet is a file of the package (html/page.css): the wheel must carry it."""
    assert run(venv, "guidepress", "init", "guides", cwd=tmp_path).returncode == 0
    built = run(venv, "guidepress", "--html", "--no-png", cwd=tmp_path / "guides")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "guides" / "build" / "nn" / "first-sign-in.html").read_text(encoding="utf-8")
    assert '<html lang="nn">' in page and ":root{--page:#FFFFFF;" in page and "@media print" in page
    assert 'hreflang="en"' in page and 'hreflang="nb"' in page


def test_the_wheel_carries_the_live_and_print_previews_scripts_and_pdfjs_with_its_licence(venv: Path) -> None:
    """`serve --watch` and the print preview send these from the package itself (no other address)."""
    code = (
        "from guidepress.common.resources import resource_path as r\n"
        "for parts in (('pdfjs', 'pdf.min.mjs'), ('pdfjs', 'pdf.worker.min.mjs'), ('pdfjs', 'LICENSE'),"
        " ('live', 'live.js'), ('live', 'live.css'), ('live', 'print.js')):\n"
        "    print(r(*parts).stat().st_size, *parts)\n"
        "print('Apache License' in r('pdfjs', 'LICENSE').read_text())\n"
    )
    result = run(venv, "python", "-c", code, cwd=venv)
    assert result.returncode == 0, result.stderr
    sizes = {line.split(" ", 1)[1]: int(line.split(" ", 1)[0]) for line in result.stdout.splitlines()[:-1]}
    assert sizes["pdfjs pdf.worker.min.mjs"] > 1_000_000 and sizes["pdfjs pdf.min.mjs"] > 300_000
    assert all(size > 0 for size in sizes.values()) and len(sizes) == 6
    assert result.stdout.splitlines()[-1] == "True"

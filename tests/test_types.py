"""The type hints are checked on the whole package, and few checks are switched off.

mypy runs in CI (`.ci/run`) on what pyproject.toml's [tool.mypy] lists; these tests hold that
list to the whole package with every function typed, and count the `# type: ignore` comments
in src/: at most 15, each naming the error it silences and saying why, after it, on its line.
"""

from __future__ import annotations

import io
import re
import tokenize
import tomllib
from pathlib import Path

from conftest import ROOT

SOURCE = ROOT / "src"
MAX_IGNORES = 15
# `# type: ignore[code, …]  # the reason`: the codes mypy names, then a reason of a few words
EXPLAINED = re.compile(r"#\s*type:\s*ignore\[[a-z-]+(?:,\s*[a-z-]+)*\]\s+#\s*\S.{8,}")


def ignores(root: Path) -> list[tuple[str, int, str]]:
    """Every `type: ignore` comment under `root` (a comment, not a string that mentions one):
    the file relative to `root`, the line, the comment."""
    found = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT and re.search(r"type:\s*ignore", token.string):
                found.append((path.relative_to(root).as_posix(), token.start[0], token.string))
    return found


def problems(root: Path, limit: int = MAX_IGNORES) -> list[str]:
    """What is wrong with the ignores under `root`: too many, or one without its code and reason."""
    found = ignores(root)
    wrong = [
        f"{path}:{line}: {comment!r}: name the error code and say why, e.g. "
        "`# type: ignore[attr-defined]  # reportlab's Canvas has no stubs for _doc`"
        for path, line, comment in found
        if not EXPLAINED.search(comment)
    ]
    if len(found) > limit:
        wrong.insert(0, f"{len(found)} type: ignore comments in src/, at most {limit}: make the hints true instead")
    return wrong


def test_few_type_ignores_each_with_its_code_and_reason() -> None:
    assert problems(SOURCE) == []


def test_the_count_catches_a_bare_ignore_a_missing_reason_and_too_many(tmp_path: Path) -> None:
    package = tmp_path / "guidepress"
    package.mkdir()
    (package / "fine.py").write_text(
        'x = 1  # type: ignore[assignment]  # the reason, in a few words\ns = "# type: ignore in a string"\n'
    )
    assert problems(tmp_path) == []
    (package / "bare.py").write_text("y = 2  # type: ignore\n")
    (package / "unexplained.py").write_text("z = 3  # type: ignore[attr-defined]\n")
    (package / "terse.py").write_text("w = 4  # type: ignore[misc]  # why\n")
    found = problems(tmp_path)
    assert len(found) == 3
    assert [line.split(":")[0] for line in found] == [
        "guidepress/bare.py",
        "guidepress/terse.py",
        "guidepress/unexplained.py",
    ]
    assert problems(tmp_path, limit=3)[0].startswith("4 type: ignore comments in src/, at most 3")


def test_mypy_checks_the_whole_package_strictly() -> None:
    """What CI's mypy reads: the whole package, every function typed and its body checked, and an
    ignore that no longer silences anything reported (so that the count above stays honest)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["files"] == ["src/guidepress"]
    assert config["check_untyped_defs"] and config["disallow_untyped_defs"] and config["warn_unused_ignores"]
    assert "follow_imports" not in config and "exclude" not in config and "ignore_errors" not in config
    overrides = config.get("overrides", [])
    assert all(set(o) <= {"module", "ignore_missing_imports"} for o in overrides), overrides
    assert all(not str(m).startswith("guidepress") for o in overrides for m in o["module"])

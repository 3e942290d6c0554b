"""The package's folders are the pipeline's stages, and imports point one way through them.

A newcomer opening a folder should know what it owns and what it may import; this test
holds the code to what the folders and the README's "How it works" promise.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "guidepress"

# common/: the small modules every stage shares (records, atomic writes, the disk cache, the package's
# files, a PDF's print choices); the document and the error type sit beside the stages at the top.
# What each stage may import besides itself and the standard library.
ALLOWED = {
    "common": {"errors"},
    "errors": set(),
    "document": {"errors", "common"},
    # common: records, the frozen dataclass every model is made of; disk_cache, which texts the
    # pure-Python YAML loader accepted, by hash (source/located.py)
    "source": {"errors", "common"},
    "l10n": {"source", "document", "errors", "common"},
    # the mockups own the drawing's shared parts (fonts, palette, QR codes) and keep an SVG's shapes
    # between runs (common/disk_cache)
    "mockup": {"document", "common"},
    # common/resources: the ICC profile of the PDF/A output intent (pdf/pdfa.py)
    "pdf": {"document", "mockup", "common"},
    # the HTML edition, beside pdf/: the Document and the laid-out screens (painted by mockup/svg.py)
    "html": {"document", "mockup"},
    # batch/ is the job list of a build for many tenants and people (plan, manifest, shards,
    # progress, the worker processes): it reads the inputs and the catalogs' paths, and knows no PDF
    # or mockup, which build.py makes; and the registry of output kinds (kinds/), whose modules it
    # loads only when it lists them
    "batch": {"source", "l10n", "errors", "options", "common", "project", "kinds"},
    # serve/ answers output paths over HTTP through the public API (api.py and its errors); the one
    # module that needs more (backend.py) is held to its list by the test below
    # (and l10n for a locale's fallback chain: which live previews a catalog's edit changes)
    "serve": {"api", "errors", "common", "batch", "options", "source", "l10n"},
}
# cli/, build, api, workspace, options, project and __main__: the orchestration may use every stage.


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")


def imports(path: Path) -> set[str]:
    """Every guidepress module the file imports, at the top or inside a function."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.split(".")[0] != "guidepress":
                continue
            for alias in node.names:  # `from . import document` imports a module
                candidate = f"{target}.{alias.name}"
                found.add(candidate if _exists(candidate) else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "guidepress"}
    return found - {name}


def _exists(module: str) -> bool:
    relative = Path(*module.split(".")[1:])
    return (PACKAGE / relative).with_suffix(".py").is_file() or (PACKAGE / relative / "__init__.py").is_file()


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def unit(module: str) -> str:
    """The stage folder or shared module a module belongs to: guidepress.l10n.status → l10n."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "guidepress"


def violations(imports_of: dict[str, set[str]]) -> list[str]:
    wrong = []
    for module, targets in imports_of.items():
        allowed = ALLOWED.get(unit(module))
        if allowed is None:
            continue
        for target in sorted(targets):
            if unit(target) != unit(module) and unit(target) not in allowed:
                wrong.append(f"{module} imports {target}")
    return wrong


def cycles(imports_of: dict[str, set[str]]) -> list[str]:
    found = []
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(imports_of.get(module, ())):
            if state.get(target) == "open":
                found.append(" → ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = "done"

    for module in imports_of:
        if module not in state:
            visit(module, [module])
    return found


def test_each_stage_imports_only_what_comes_before_it() -> None:
    assert violations(graph()) == []


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_the_checks_catch_a_renderer_reading_yaml_and_a_cycle() -> None:
    """Both rules can fail: the PDF story importing the loader, the HTML page the catalogs, catalogs and
    the pseudo-locale importing each other."""
    imports_of = graph()
    imports_of["guidepress.pdf.render"].add("guidepress.source.loader")
    imports_of["guidepress.html.page"].add("guidepress.l10n.catalogs")
    imports_of["guidepress.l10n.catalogs"].add("guidepress.l10n.pseudo")
    assert violations(imports_of) == [
        "guidepress.html.page imports guidepress.l10n.catalogs",
        "guidepress.pdf.render imports guidepress.source.loader",
    ]
    assert any(
        "guidepress.l10n.catalogs" in cycle and "guidepress.l10n.pseudo" in cycle for cycle in cycles(imports_of)
    )


# serve/ uses the public API; only its backend.py reaches further (the vars-<hash>/ folder, the
# project's folders, the agent page's lists), so a change inside guidepress touches that one module.
SERVE_PUBLIC = {"api", "errors", "common", "serve"}


def serve_reaching_past_the_api(imports_of: dict[str, set[str]]) -> list[str]:
    return [
        f"{module} imports {target}"
        for module, targets in imports_of.items()
        if unit(module) == "serve" and module != "guidepress.serve.backend"
        for target in sorted(targets)
        if unit(target) not in SERVE_PUBLIC
    ]


def test_the_server_uses_the_public_api_outside_its_backend() -> None:
    imports_of = graph()
    assert serve_reaching_past_the_api(imports_of) == []
    imports_of["guidepress.serve.app"].add("guidepress.build")  # a planted defect is caught
    assert serve_reaching_past_the_api(imports_of) == ["guidepress.serve.app imports guidepress.build"]


def test_every_folder_and_module_says_what_it_owns() -> None:
    silent = [
        module_name(p)
        for p in PACKAGE.rglob("*.py")
        if p.name != "__main__.py" and not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))
    ]
    assert silent == []
    stages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert stages == ["batch", "cli", "common", "html", "kinds", "l10n", "mockup", "pdf", "serve", "source"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for stage in stages:
        assert f"{stage}/" in readme, f"README's 'How it works' does not show {stage}/"


def top_level_modules(package: Path) -> list[str]:
    return sorted(p.name for p in package.glob("*.py"))


def test_a_newcomer_finds_few_modules_at_the_top(tmp_path: Path) -> None:
    """At most 12 modules beside the stage folders; the small shared ones live in common/, cli/ and
    the stage that owns them. The count is shown to fail on a planted thirteenth module."""
    assert len(top_level_modules(PACKAGE)) <= 12, top_level_modules(PACKAGE)
    for index in range(13):
        (tmp_path / f"m{index}.py").write_text('"""A module."""\n', encoding="utf-8")
    assert len(top_level_modules(tmp_path)) == 13

"""`guidepress init DIR`: a new guides project, copied from the starter the package carries.

The starter (`resources/starter/`) is a short guide in a fictional product with its
template and nb, nn and en catalogs, the template of the handout's own words
(`locales/guidepress.pot`, for a language guidepress lacks), `babel.cfg` for `pybabel extract`, a
README with the commands, the example `tenants.csv` its README runs, and the JSON Schemas of a
guide, a pack and a YAML tenants file as this version of guidepress defines it.
Nothing is ever overwritten: if any of those files exists, nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from ..common.resources import resource_path
from ..common.write import write_atomic
from ..errors import GuideError, Location, display_path
from ..l10n.words import PROJECT_WORDS_TEMPLATE, words_template_text
from ..source.model import guide_json_schema
from ..source.packs import pack_json_schema
from ..source.tenants import tenants_json_schema

RENAMED = {"gitignore": ".gitignore"}  # a dotfile would not travel in the package's data


def starter_files() -> dict[str, bytes]:
    """The new project's files by path (relative, with /), in order."""
    root = resource_path("starter")
    files = {
        RENAMED.get(rel, rel): path.read_bytes()
        for path in root.rglob("*")  # in order below
        if path.is_file() and "__pycache__" not in (rel := path.relative_to(root).as_posix())
    }
    files[PROJECT_WORDS_TEMPLATE] = words_template_text()  # a project translates the handout words from it
    for name, schema in (("guide", guide_json_schema), ("pack", pack_json_schema), ("tenants", tenants_json_schema)):
        files[f"schema/{name}.schema.json"] = schema().encode("utf-8")
    return dict(sorted(files.items()))


def init_project(target: Path) -> list[Path]:
    """Write the starter into `target` (made if need be); a `GuideError` if any file is there already.

    An `OSError` (a read-only folder, a full disk) is left to the caller; files written
    before it stay whole (each is written atomically)."""
    files = starter_files()
    clash = next((target / rel for rel in files if (target / rel).exists()), None)
    if clash is not None:
        raise GuideError(
            Location(display_path(clash)), "already exists; guidepress init writes only new files (nothing was written)"
        )
    written = []
    for rel, data in files.items():
        write_atomic(target / rel, data)
        written.append(target / rel)
    return written

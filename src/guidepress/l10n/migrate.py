"""Move a catalog's product UI labels from the old context `ui` to their product's, `ui:<product>`.

    pybabel extract -F babel.cfg -c TRANSLATORS: -o locales/guides.pot .   # the new contexts
    python -m guidepress.l10n.migrate locales/guides.pot locales/*/LC_MESSAGES/guides.po
    pybabel update --previous -D guides -i locales/guides.pot -d locales     # as usual

Each translated `msgctxt "ui"` entry is copied to every context the template now has for the same
text (a "Next" two products share becomes two entries with the same translation) and the old
entry is dropped, so that `pybabel update` finds each message where it was translated, loses no
translation and makes none fuzzy. A catalog already migrated is left as it is.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from .products import UI_PREFIX

OLD_CONTEXT = "ui"


def _key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def migrate_catalog(catalog: Catalog, template: Catalog) -> int:
    """Copy each `ui` entry to the template's product contexts for its text; returns how many it moved."""
    contexts: dict[str, list[str]] = {}
    for message in template:
        if message.id and message.context and message.context.startswith(UI_PREFIX):
            contexts.setdefault(_key(message), []).append(message.context)
    moved = 0
    for message in [m for m in catalog if m.id and m.context == OLD_CONTEXT]:
        new = contexts.get(_key(message), [])
        if not new:
            continue  # the template no longer has it under any product: pybabel update makes it obsolete
        for context in new:
            if catalog.get(message.id, context=context) is None:
                copied = copy.copy(message)
                copied.context = context
                catalog[message.id] = copied  # keyed by the copy's own context
                moved += 1
        catalog.delete(message.id, context=OLD_CONTEXT)
    return moved


def migrate(template_path: Path, catalog_paths: list[Path]) -> dict[Path, int]:
    with template_path.open("rb") as fh:
        template = read_po(fh)
    counts = {}
    for path in catalog_paths:
        with path.open("rb") as fh:
            catalog = read_po(fh)
        counts[path] = migrate_catalog(catalog, template)
        if counts[path]:
            with path.open("wb") as fh:
                write_po(fh, catalog, width=76)
    return counts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        print("usage: python -m guidepress.l10n.migrate TEMPLATE.pot CATALOG.po …", file=sys.stderr)
        return 2
    for path, moved in migrate(Path(args[0]), [Path(a) for a in args[1:]]).items():
        print(f"{path}: {moved} labels moved to their product's context")
    return 0


if __name__ == "__main__":
    sys.exit(main())

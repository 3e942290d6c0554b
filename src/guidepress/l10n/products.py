"""Product UI labels per product: their message context, and the locales that quote another's wording.

A label's context names the product its guide is about, `ui:Visma Connect`, so that "Next" in
Example Portal and "Next" in Visma Connect are two messages: a language whose products word a
button differently can say so. (Before, every label had the context `ui`; `migrate.py` moves a
catalog's translations to the new contexts.)

Some products have no UI in every language: Visma Connect shows Bokmål to a Nynorsk reader. A
project says so in `locales/ui-quotes.yaml`,

    nn:
      Visma Connect: nb

and a Nynorsk handout then shows nb's wording of Visma Connect's labels, as the screen reads;
the nn catalog may leave them empty, and `--strict` accepts that. The file is checked: each
locale and quoted locale must have a catalog, and each product must be one a guide is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import GuideError, Location, display_path
from ..source.located import compose, read_text

UI_PREFIX = "ui:"
QUOTES_FILE = "ui-quotes.yaml"


def ui_context(product: str) -> str:
    """The message context of a product's UI labels: `ui:Visma Connect` (`ui` for a guide without a product)."""
    return f"{UI_PREFIX}{product}" if product else "ui"


def product_of(context: str | None) -> str | None:
    """The product a label's context names; None for prose."""
    if context is None:
        return None
    if context == "ui":
        return ""
    return context[len(UI_PREFIX) :] if context.startswith(UI_PREFIX) else None


@dataclass(frozen=True)
class Quotes:
    """Which locale's wording each locale shows for a product's labels, from `locales/ui-quotes.yaml`."""

    by_locale: dict[str, dict[str, str]]  # locale → product → the locale whose wording it shows
    path: str = ""

    def quoted(self, locale: str, context: str | None) -> str | None:
        """The locale whose wording `locale` shows for a label of this context (None: its own)."""
        product = product_of(context)
        if product is None:
            return None
        return self.by_locale.get(locale, {}).get(product)

    def contexts(self, locale: str) -> dict[str, str]:
        """The contexts `locale` quotes, with the locale each quotes."""
        return {ui_context(product): other for product, other in self.by_locale.get(locale, {}).items()}


NO_QUOTES = Quotes({})


def load_quotes(locales_dir: Path, locales: list[str], products: set[str] | None = None) -> Quotes:
    """The project's quotes (none without the file); a `GuideError` at its place for a wrong entry: a
    locale or quoted locale without a catalog, a product no guide is about (when `products` is given)."""
    path = locales_dir / QUOTES_FILE
    if not path.is_file():
        return NO_QUOTES
    shown = display_path(path)
    node = compose(read_text(path), shown)
    if node is None:
        return Quotes({}, shown)

    def where(n: yaml.Node) -> Location:
        return Location(shown, n.start_mark.line + 1, n.start_mark.column + 1)

    if not isinstance(node, yaml.MappingNode):
        raise GuideError(where(node), "expected a mapping: a locale, then each product with the locale it quotes")
    found: dict[str, dict[str, str]] = {}
    for key, value in node.value:
        locale = str(key.value)
        if not isinstance(key, yaml.ScalarNode) or locale not in locales:
            raise GuideError(where(key), f"{locale!r} has no catalog (have: {', '.join(locales)})")
        if not isinstance(value, yaml.MappingNode):
            raise GuideError(where(value), f"{locale}: expected a mapping of products to the locale each quotes")
        for product_node, other_node in value.value:
            product, other = str(product_node.value), str(other_node.value)
            if not isinstance(other_node, yaml.ScalarNode) or other not in locales or other == locale:
                raise GuideError(where(other_node), f"{locale}: {other!r} is not another locale with a catalog")
            if products is not None and product not in products:
                known = ", ".join(sorted(products)) or "none"
                raise GuideError(where(product_node), f"no guide is about the product {product!r} (guides: {known})")
            found.setdefault(locale, {})[product] = other
    return Quotes(found, shown)

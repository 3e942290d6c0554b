"""The pseudo-locale `qps-ploc`: every message of the template, accented, longer and bracketed.

Built in memory from `locales/guides.pot` and the handout words' template whenever it is
asked for (`--locale qps-ploc`); no PO file is written. A handout in the pseudo-locale shows at a glance what does not
go through a catalog (plain text without brackets), what is cut or overflows (a missing
closing bracket) and which characters the font lacks. Dates and numbers use the English
locale data, and the plural rules are English.

The name follows the Windows convention for an accented pseudo-locale (`qps-ploc`).
"""

from __future__ import annotations

import math
import string
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog

from ..errors import GuideError, Location, display_path
from .catalogs import DOMAIN, EXTRACT_COMMAND, LoadedCatalog, compile_catalog, read_catalog, template_path
from .words import WORDS_DOMAIN, words_locales_dir

PSEUDO_LOCALE = "qps-ploc"
FORMAT_LOCALE = "en"
EXPANSION = 0.4  # translations run up to about 40% longer than English
PAD = "~"

# Every ASCII letter has an accented look-alike, so a plain ASCII letter in a pseudo-locale
# handout is text that did not come through a catalog. All are in Noto Sans.
_PLAIN = string.ascii_lowercase + string.ascii_uppercase
_ACCENTED = "áƀçðéƒĝĥíĵķļḿñöþǫŕšţûṽŵẋýž" + "ÁƁÇÐÉƑĜĤÎĴĶĿṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"
ACCENTS = str.maketrans(_PLAIN, _ACCENTED)
ACCENTED_LETTERS = frozenset(_ACCENTED)

_FORMATTER = string.Formatter()


def accent(text: str) -> str:
    """Every ASCII letter replaced by an accented look-alike."""
    return text.translate(ACCENTS)


def padding(length: int) -> str:
    """`length` characters of padding in short words, so that padded text still wraps."""
    groups = " ".join(PAD * 5 for _ in range(length // 6 + 1))
    return groups[: max(1, length)].rstrip()


def pseudo_text(text: str, expansion: float = EXPANSION) -> str:
    """`[Ŀöñĝ ţéxţ ~~~~]`: accented, padded by `expansion` of its length, `{placeholders}` kept."""
    try:
        parts = list(_FORMATTER.parse(text))
    except ValueError:  # a stray brace: nothing to keep
        return f"[{accent(text)} {padding(math.ceil(len(text) * expansion))}]"
    out: list[str] = []
    visible = 0
    for literal, name, spec, conversion in parts:
        visible += len(literal)
        out.append(accent(literal).replace("{", "{{").replace("}", "}}"))
        if name is not None:
            out.append("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return f"[{''.join(out)} {padding(math.ceil(visible * expansion))}]"


def pseudo_catalog(template: Catalog) -> Catalog:
    """A catalog translating every message of the template into the pseudo-locale."""
    catalog = Catalog(locale=FORMAT_LOCALE, domain=template.domain, fuzzy=False)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, (tuple, list)):
            forms = list(message.id)  # English has two forms: singular, plural
            translation: str | tuple[str, ...] = tuple(
                pseudo_text(forms[min(i, len(forms) - 1)]) for i in range(catalog.num_plurals)
            )
        else:
            translation = pseudo_text(message.id)
        catalog.add(message.id, translation, context=message.context)
    return catalog


@lru_cache(maxsize=8)  # by the template's path and time: an edited template is read again
def _pseudo_loaded(path: Path, mtime_ns: int) -> LoadedCatalog:
    return compile_catalog(pseudo_catalog(read_catalog(path)), PSEUDO_LOCALE, path)


def pseudo_catalogs(locales_dir: Path, domain: str = DOMAIN) -> list[LoadedCatalog]:
    """The pseudo-locale's catalogs, from the project's template and the handout words' template as they are now."""
    path = template_path(locales_dir, domain)
    if not path.is_file():
        raise GuideError(Location(display_path(path)), f"no template for the pseudo-locale; run: {EXTRACT_COMMAND}")
    words = template_path(words_locales_dir(), WORDS_DOMAIN)
    return [_pseudo_loaded(p.resolve(), p.stat().st_mtime_ns) for p in (path, words)]

"""translate_pack: a pack's own texts (title, welcome, the person's column labels) in a locale.

The texts go through the same catalogs as the guides' (they are extracted from
`packs/*.yaml` by the same extractor); placeholders are filled with the tenant's and the
person's values after translation, addresses become links, and dates are formatted for the
reader's locale. A translation that cannot be used falls back as a guide's does (`look_up`),
and what the texts are shown in counts in the pack's coverage like a guide's messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from babel import Locale
from babel.dates import format_date

from .. import document as doc
from ..errors import BuildWarning
from ..source.messages import is_message
from ..source.packs import Pack
from .translate import (
    SOURCE_LOCALE,
    URL_KINDS,
    _key,
    _split,
    _tidy,
    display_address,
    look_up,
    not_translated,
    untranslated_warnings,
)
from .translator import Translator
from .words import handout_words


def translate_pack(
    pack: Pack,
    translator: Translator,
    values: Mapping[str, str],
    kinds: Mapping[str, str],
    person: Mapping[str, str] | None,
    when: dt.date,
) -> tuple[doc.PackCover, list[BuildWarning]]:
    """The pack's cover and welcome, and the warnings their translation gave; `values` fill
    placeholders (`kinds` says which are addresses), `person` is the person's values by people
    column, or None for a pack for everyone."""
    locale = Locale.parse(translator.format_locale.replace("-", "_"))
    warnings: list[BuildWarning] = []
    shown_in: dict[tuple[str | None, str], str] = {}  # (context, source) → the locale it is shown in

    def gettext(text: str) -> str:
        if not is_message(text):
            return text
        found = look_up(translator, text)
        shown_in[(None, text)] = found.locale
        warnings.extend(w for w in found.warnings if w not in warnings)
        return found.text

    def word(text: str) -> str:  # the handout's own words: checked, but not the pack's texts
        return look_up(translator, text).text if is_message(text) else text

    def rich(template: str) -> doc.Rich:
        runs = []
        for literal, name in _split(template):
            if literal:
                runs.append(doc.Run(literal))
            if name is None:
                continue
            value = values.get(name, "")
            if kinds.get(name) in URL_KINDS and value:
                shown, href = display_address(value, kinds[name])
                runs.append(doc.Run(shown, "link", href))
            else:
                runs.append(doc.Run(value))
        return _tidy(runs)

    person_rows: list[tuple[str, str]] = []
    if person is not None and pack.people is not None:
        for name, column in pack.people.columns.items():
            value = person.get(name, "")
            if not column.cover or not value:
                continue
            if column.kind == "date":
                value = format_date(dt.date.fromisoformat(value), "long", locale=locale)
            person_rows.append((gettext(column.label), value))
    cover = doc.PackCover(
        pack_id=pack.id,
        title=doc.plain(rich(gettext(pack.title))),
        welcome=tuple(rich(gettext(p)) for p in pack.welcome),
        organisation=values.get("organisation", ""),
        person=tuple(person_rows),
        date_text=format_date(when, "long", locale=locale),
        words=handout_words(word),
        coverage=pack_coverage(translator, shown_in),
    )
    if cover.coverage is not None and cover.coverage.untranslated:
        warnings[:0] = untranslated_warnings(translator, shown_in, set())
    return cover, warnings


def pack_texts(pack: Pack) -> list[str]:
    """Every text of the pack a catalog translates: its title, welcome and the labels of its people columns."""
    labels = [column.label for column in pack.people.columns.values()] if pack.people is not None else []
    return [text for text in (pack.title, *pack.welcome, *labels) if is_message(text)]


def pack_text_coverage(pack: Pack, translator: Translator) -> doc.Coverage:
    """What every text of the pack is shown in (`--strict`: a text no catalog has, not yet extracted)."""
    return pack_coverage(translator, {(None, text): look_up(translator, text).locale for text in pack_texts(pack)})


def pack_coverage(translator: Translator, shown_in: Mapping[tuple[str | None, str], str]) -> doc.Coverage:
    states = {
        _key(key): "untranslated" if state == "missing" else state
        for key, (_catalog, state) in not_translated(translator, shown_in, set()).items()
    }
    return doc.Coverage.of(translator.locale, {_key(k): v for k, v in shown_in.items()}, SOURCE_LOCALE, states)

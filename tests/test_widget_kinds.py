"""Every kind of screen element is translated by its own function, laid out by its own function,
named by its describe phrase, and that phrase is in guidepress's own words in every shipped locale."""

from __future__ import annotations

import dataclasses
import types
import typing

import pytest
from babel.messages.pofile import read_po

from guidepress.l10n.describe import PHRASE_OF_KIND
from guidepress.l10n.widgets import TRANSLATIONS, WIDGET_KINDS, Texts, translate_widget
from guidepress.l10n.words import WORDS_DOMAIN, control_phrases, words_locales_dir
from guidepress.mockup.widgets import WIDGETS
from guidepress.source import controls, elements


def element_kinds() -> set[str]:
    """The `type:` of every element the guide format has (source/elements.py and controls.py)."""
    found: set[str] = set()
    for module in (elements, controls):
        for value in vars(module).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value):
                kind = typing.get_type_hints(value).get("type")
                if typing.get_origin(kind) is typing.Literal:
                    found |= set(typing.get_args(kind))
    return found


def test_every_element_kind_is_translated_laid_out_and_described() -> None:
    kinds = element_kinds()
    assert len(kinds) > 25
    assert kinds == set(WIDGET_KINDS)
    framed = {"dialog"}  # laid out over the page as the screen's frame (mockup/layout.py), not as a widget
    assert kinds - framed <= set(WIDGETS), sorted(kinds - framed - set(WIDGETS))
    assert kinds <= set(PHRASE_OF_KIND), sorted(kinds - set(PHRASE_OF_KIND))


def test_every_describe_phrase_has_its_words_in_every_shipped_locale() -> None:
    phrases = control_phrases(lambda text: text)
    assert set(PHRASE_OF_KIND.values()) <= set(phrases), sorted(set(PHRASE_OF_KIND.values()) - set(phrases))
    folders = sorted(words_locales_dir().glob(f"*/LC_MESSAGES/{WORDS_DOMAIN}.po"))
    assert {p.parent.parent.name for p in folders} >= {"nb", "nn", "en"}
    for po in folders:
        with po.open("rb") as f:
            catalog = read_po(f)
        for phrase in set(PHRASE_OF_KIND.values()):
            message = catalog.get(phrases[phrase])
            assert message is not None and message.string and not message.fuzzy, (po, phrase)


def test_every_element_class_has_its_own_translation_function() -> None:
    classes = {
        value
        for module in (elements, controls)
        for value in vars(module).values()
        if isinstance(value, type) and dataclasses.is_dataclass(value) and "type" in typing.get_type_hints(value)
    }
    assert classes == set(TRANSLATIONS), sorted(c.__name__ for c in classes ^ set(TRANSLATIONS))
    functions = list(TRANSLATIONS.values())
    assert len(set(functions)) == len(functions)  # one function per kind, not one branchy one


def test_an_element_kind_without_a_translation_is_an_error_not_a_silent_default() -> None:
    sparkle = types.SimpleNamespace(type="sparkle", id="s1", text="Shiny")
    texts = Texts(gt=None, picture=lambda name: None, policy_rules=())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="no translation for element kind 'sparkle'"):
        translate_widget(texts, sparkle)

"""The pseudo-locale qps-ploc: made from the template in memory, every text of its handout bracketed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import GUIDE_ID, ROOT
from guidepress.build import BuildOptions, build, document_date, make_handout
from guidepress.cli.main import main
from guidepress.l10n.pseudo import ACCENTED_LETTERS, PSEUDO_LOCALE, pseudo_catalog, pseudo_text
from guidepress.l10n.status import read_template
from guidepress.l10n.translate import GuideTranslator, display_address, look_up
from guidepress.l10n.translator import translator_for
from guidepress.project import Project
from guidepress.source.elements import walk_elements
from guidepress.source.loader import load_guide
from pdftext import fonts, pdf_text


def test_pseudo_text_is_accented_longer_bracketed_and_keeps_placeholders() -> None:
    assert pseudo_text("Long text") == "[Ŀöñĝ ţéẋţ ~~~~]"
    text = "Go to {account_settings_url} and log in as {user_name}."
    pseudo = pseudo_text(text)
    assert pseudo.startswith("[Ĝö ţö {account_settings_url} áñð ļöĝ íñ áš {user_name}.") and pseudo.endswith("]")
    literal = len(text) - len("{account_settings_url}{user_name}")
    assert len(pseudo) - len("{account_settings_url}{user_name}") >= 1.4 * literal
    assert pseudo_text("Braces {{as such}}") == "[Ɓŕáçéš {{áš šûçĥ}} ~~~~~ ~]"
    pangram = "The quick brown fox jumps over the lazy dog"
    assert not re.search("[A-Za-z]", pseudo_text(f"{pangram} {pangram.upper()}"))


def test_the_pseudo_catalog_translates_every_message_of_the_template() -> None:
    template = read_template(ROOT / "locales")
    catalog = pseudo_catalog(template)
    assert catalog.num_plurals == 2
    for source in template:
        if not source.id:
            continue
        message = catalog.get(source.id, context=source.context)
        assert message is not None and not message.fuzzy, source.id
        if source.pluralizable:
            assert message.string == (pseudo_text(source.id[0]), pseudo_text(source.id[1]))
        else:
            assert message.string == pseudo_text(source.id)
    t = translator_for(ROOT / "locales", PSEUDO_LOCALE)
    rule = ("Minimum {count} character", "Minimum {count} characters")
    assert look_up(t, rule[0], "ui:Visma Connect", rule[1], 1).text == "[Ṁíñíḿûḿ {count} çĥáŕáçţéŕ ~~~~~ ~~]"
    assert look_up(t, rule[0], "ui:Visma Connect", rule[1], 8).text == "[Ṁíñíḿûḿ {count} çĥáŕáçţéŕš ~~~~~ ~~]"


def test_the_pseudo_locale_is_built_only_when_asked_for(built: Path, project: Project) -> None:
    assert PSEUDO_LOCALE not in project.locales()
    assert sorted(p.name for p in built.iterdir() if p.is_dir()) == ["en", "nb", "nn"]
    assert not list((ROOT / "locales").glob(f"{PSEUDO_LOCALE}*")), "no catalog is written for the pseudo-locale"


def known_values(guide) -> list[str]:  # type: ignore[no-untyped-def]
    """What a pseudo-locale handout may show unbracketed: names, addresses, dates and numbers."""
    translator = translator_for(ROOT / "locales", PSEUDO_LOCALE)
    when, _created = document_date(guide)
    gt = GuideTranslator(guide, translator, {}, when)
    values = []
    for var in guide.variables.values():
        values.append(display_address(var.default, var.kind)[0] if var.kind in ("url", "email") else var.default)
    # product names are proper names, the same in every language (the guide's and its screens' product)
    products = {guide.product, *(getattr(screen, "product", "") for screen in guide.screens.values())}
    values += [*filter(None, products), guide.product.upper(), guide.version]
    for screen in guide.screens.values():  # addresses, and an email's sender (a name and an address)
        values += [gt.text(getattr(screen, name, "")) for name in ("address", "sender", "sender_address")]
        values.append(gt.text(getattr(screen, "sender", ""))[:1])  # the sender's initial beside the name
        if getattr(screen, "date", None):
            values.append(gt.format_datetime(screen.date))
        for element in walk_elements(getattr(screen, "elements", ())):
            if getattr(element, "type", "") == "status_card" and element.date:
                values.append(gt.format_datetime(element.date))  # inside "[Áçţíṽáţéð {date} ~~]"
    values.append(gt.document().date_text)
    if "user_name" in guide.variables:
        values.append("".join(part[0] for part in guide.variables["user_name"].default.split()))
    folded = [re.sub(r"\s+", " ", v) for v in values if v]  # as pdf_text folds spaces (Babel's times hold U+202F)
    return sorted(folded, key=len, reverse=True)


@pytest.mark.parametrize("path", sorted((ROOT / "guide_src").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_text_of_the_pseudo_handout_came_through_a_catalog(tmp_path: Path, path: Path) -> None:
    report = build(Project(ROOT), BuildOptions(out_dir=tmp_path, locales=(PSEUDO_LOCALE,), png=False), [path])
    assert not report.errors and not report.warnings
    pdf = tmp_path / PSEUDO_LOCALE / f"{path.stem}.pdf"
    text = pdf_text(pdf)
    for value in known_values(load_guide(path)):
        text = text.replace(value, " ")
    # what is left: pseudo text (accented, in brackets, possibly nested), numbers and symbols
    assert text.count("[") == text.count("]")
    outside = text
    while re.search(r"\[[^\[\]]*\]", outside):
        outside = re.sub(r"\[[^\[\]]*\]", " ", outside)
    words = outside.split()
    leftover = [w for w in words if re.search(r"[^\W\d_]", w) and not set(w) <= ACCENTED_LETTERS]
    assert leftover == [], f"text that did not come through a catalog: {leftover}"
    assert not re.search("[A-Za-z]", text), "a plain ASCII letter inside pseudo text: a value not from a catalog"
    assert all(embedded for embedded in fonts(pdf).values())


@pytest.mark.parametrize("path", sorted((ROOT / "guide_src").glob("*.yaml")), ids=lambda p: p.stem)
def test_the_pseudo_handout_lays_out_without_overflow(path: Path) -> None:
    guide = load_guide(path)
    handout = make_handout(guide, translator_for(ROOT / "locales", PSEUDO_LOCALE), {}, guide.updated)
    assert handout.warnings == ()
    assert handout.views
    for layout in handout.layouts():
        assert layout.overflows == ()


def test_the_cli_builds_the_pseudo_locale_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["--locale", PSEUDO_LOCALE, "--no-png", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json", PSEUDO_LOCALE]
    assert capsys.readouterr().out.startswith(f"wrote {tmp_path / PSEUDO_LOCALE / GUIDE_ID}.pdf")

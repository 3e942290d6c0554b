"""The translator view: a guide's HTML edition with each text's catalog entry, read as a translator would.

`GuidesProject.translator_view` is read as a tree (tests/htmlpage.py): every tooltip's `file:line`
is looked up in that file through Babel, which must find the very msgctxt and msgid the tooltip
names there (the checker is shown to catch a line off by one); an entry emptied, one marked fuzzy
and a label too long for its button in a copy of the nn catalog are marked on the page; the
pseudo-locale's texts are accented, and what is not is outlined as coming through no catalog;
the page is the HTML edition's text and pictures, and the edition's own bytes do not change.

Then `guidepress serve` (a subprocess on 127.0.0.1, as tests/test_serve.py starts it) answers
`/_translate/<locale>/<guide>.html`, and chromium (marked `browser`, as tests/test_browser.py)
shows the entry on hover and on keyboard focus, hides it with Escape, finds no axe violation
and sends no request anywhere else.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

import guidepress
from conftest import GUIDE_ID, ROOT
from guidepress.build import BuildOptions, build
from guidepress.common.resources import resource_path
from guidepress.document import MARK_END, MARK_SEP, MARK_START
from guidepress.errors import display_path
from guidepress.l10n.pseudo import ACCENTED_LETTERS
from guidepress.project import Project
from htmlpage import parse, text
from test_browser import axe_violations, browser, confined_page, shots  # noqa: F401  (browser, shots: fixtures)

if TYPE_CHECKING:
    from test_serve import Server

UNTRANSLATED = "Close your web browser completely and open it again."  # step 1
FUZZY = "Reset your password"  # a section's title
TOO_LONG = "Log in with ADFS"  # a button on the login screen
FORGED = "Link BankID"  # a section's title
MISSING = "No email after a few minutes? Look in your junk mail folder before you try again."  # a tip
LONG_LABEL = "Logg på med ADFS via den eigne identitetstenaren til organisasjonen din"


def nn_catalog(root: Path) -> Path:
    return root / "locales" / "nn" / "LC_MESSAGES" / "guides.po"


def read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose nn catalog has work left: an entry emptied, one fuzzy, a label too long for its button."""
    root = tmp_path_factory.mktemp("translating") / "project"
    for name in ("guide_src", "locales", "packs", "assets", "examples"):
        shutil.copytree(ROOT / name, root / name)
    catalog = read(nn_catalog(root))
    catalog.get(UNTRANSLATED).string = ""
    catalog.get(FUZZY).flags.add("fuzzy")
    catalog.get(TOO_LONG, context="ui:Visma Connect").string = LONG_LABEL
    catalog.delete(MISSING)
    # a translation that tries to pass for the view's marks (another key, a stray end): shown as text
    forged = f"{MARK_START}00000000{0}{MARK_SEP}Kople til BankID{MARK_END}{MARK_END}00000000{MARK_SEP}"
    catalog.get(FORGED).string = forged
    with nn_catalog(root).open("wb") as handle:
        write_po(handle, catalog, width=76)
    return root


@pytest.fixture(scope="module")
def shipped() -> guidepress.GuidesProject:
    return guidepress.open_project(ROOT)


def view(project: guidepress.GuidesProject, locale: str, language: str = "en") -> ET.Element:
    return parse(project.translator_view(locale, GUIDE_ID, language=language).decode("utf-8"))


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def marked(tree: ET.Element) -> list[ET.Element]:
    """Every element the view annotates: texts of the page, links and boxes over the pictures' texts."""
    return [e for e in tree.iter() if classes(e) & {"tv-t", "tv-box", "tv-link"}]


def tip(element: ET.Element) -> ET.Element:
    """The element's tooltip: the one its aria-describedby names, inside it."""
    found = [e for e in element.iter("span") if e.get("id") == element.get("aria-describedby")]
    assert len(found) == 1 and found[0].get("role") == "tooltip", element.get("id")
    return found[0]


def own_text(element: ET.Element) -> str:
    """The element's text without its tooltip (what the page shows)."""

    def walk(e: ET.Element) -> list[str]:
        parts = [e.text or ""]
        for child in e:
            if "tv-tip" not in classes(child):
                parts += walk(child)
            parts.append(child.tail or "")
        return parts

    return " ".join("".join(walk(element)).split())


ENTRY = re.compile(r"^(?P<path>\S+\.pot?)(:(?P<line>\d+))?$")  # no line: not in that catalog


def entries(tooltip: ET.Element) -> list[tuple[str, int, str | None, str]]:
    """(file, line, msgctxt, msgid) of each entry a tooltip names: its own, then its labels'."""
    found: list[tuple[str, int, str | None, str]] = []
    place: tuple[str, int] | None = None
    context: str | None = None
    for code in tooltip.iter("code"):
        value = code.text or ""
        if ENTRY.match(value):
            place = (ENTRY.match(value)["path"], int(ENTRY.match(value)["line"] or 0))  # type: ignore[index]
            context = None
        elif value.startswith("msgctxt "):
            context = unquote(value.removeprefix("msgctxt "))
        elif value.startswith("msgid ") and place is not None:
            found.append((*place, context, unquote(value.removeprefix("msgid "))))
            place = None
    return found


def unquote(quoted: str) -> str:
    assert quoted.startswith('"') and quoted.endswith('"'), quoted
    return re.sub(r"\\(.)", lambda m: {"n": "\n"}.get(m.group(1), m.group(1)), quoted[1:-1])


# the view names guidepress's own words catalogs by their place in the package, not where it is installed
PACKAGE_WORDS = "guidepress:locales/"


def entry_problems(tree: ET.Element, root: Path) -> list[str]:
    """Each tooltip entry whose file, read by Babel, has no entry with that msgctxt and msgid at that line."""
    catalogs: dict[Path, dict[int, tuple[str | None, str]]] = {}
    problems = []
    for element in marked(tree):
        for path, line, context, msgid in entries(tip(element)):
            if path.startswith(PACKAGE_WORDS):  # guidepress's own catalogs of the handout words
                file = resource_path("locales", *path.removeprefix(PACKAGE_WORDS).split("/"))
            else:
                file = Path(path) if Path(path).is_absolute() else root / path
            if file not in catalogs:
                catalogs[file] = {
                    m.lineno: (m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read(file) if m.id
                }
            if line == 0:  # the entry is not in the catalog (run pybabel update)
                if (context, msgid) in catalogs[file].values():
                    problems.append(f"{path}: Babel has {(context, msgid)}, the tooltip says it has not")
            elif catalogs[file].get(line) != (context, msgid):
                problems.append(f"{path}:{line}: Babel has {catalogs[file].get(line)}, the tooltip {(context, msgid)}")
    return problems


# --- the page, read as a tree ----------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["nn", "nb", "en", "qps-ploc"])
def test_every_tooltip_names_the_entry_babel_finds_at_that_line(shipped: guidepress.GuidesProject, locale: str) -> None:
    tree = view(shipped, locale)
    annotated = marked(tree)
    named = [e for element in annotated for e in entries(tip(element))]
    assert len(named) > 80  # the title, every step, tip and heading, the handout's words, the pictures' labels
    assert entry_problems(tree, ROOT) == []
    files = {path for path, *_ in named}
    if locale == "qps-ploc":  # no PO file: the template's entries, and the words' template
        assert files == {"locales/guides.pot", f"{PACKAGE_WORDS}guidepress.pot"}
    else:
        assert files == {
            f"locales/{locale}/LC_MESSAGES/guides.po",
            f"{PACKAGE_WORDS}{locale}/LC_MESSAGES/guidepress.po",
        }


def test_the_checker_catches_a_line_that_is_off_by_one(shipped: guidepress.GuidesProject) -> None:
    page = shipped.translator_view("nn", GUIDE_ID).decode("utf-8")
    catalog = read(nn_catalog(ROOT))
    line = catalog.get(UNTRANSLATED).lineno
    planted = page.replace(f"guides.po:{line}<", f"guides.po:{line + 1}<", 1)
    assert planted != page
    assert len(entry_problems(parse(planted), ROOT)) == 1


def test_step_texts_handout_words_and_screen_labels_each_have_their_entry(shipped: guidepress.GuidesProject) -> None:
    tree = view(shipped, "nn")
    nn = read(nn_catalog(ROOT))
    by_text = {own_text(e): entries(tip(e)) for e in marked(tree) if "tv-t" in classes(e)}
    step = nn.get(UNTRANSLATED)
    assert by_text[step.string] == [("locales/nn/LC_MESSAGES/guides.po", step.lineno, None, UNTRANSLATED)]
    words = read(ROOT / "src/guidepress/resources/locales/nn/LC_MESSAGES/guidepress.po").get("Tip:")
    assert (f"{PACKAGE_WORDS}nn/LC_MESSAGES/guidepress.po", words.lineno, None, "Tip:") in [
        entry for found in by_text.values() for entry in found
    ]
    # a link's text: the link names its entry (the PDF's link is one of the handout's words)
    pdf = next(e for e in tree.iter("a") if e.get("type") == "application/pdf")
    assert "tv-link" in classes(pdf) and [m for *_, m in entries(tip(pdf))] == ["The handout as PDF, for printing"]
    # a step that names a label: its own entry, then the label's
    click = next(found for shown, found in by_text.items() if shown.startswith("Klikk på Neste"))
    assert [msgid for *_, msgid in click] == [
        "Click {email_entry.next}. The login page opens with your email address filled in.",
        "Next",
    ]
    # the pictures: a box over the button "Logg inn" names the label's entry
    boxes = [e for e in marked(tree) if "tv-box" in classes(e)]
    login = nn.get("Log in", context="ui:Visma Connect")
    assert any(
        entries(tip(box)) == [("locales/nn/LC_MESSAGES/guides.po", login.lineno, "ui:Visma Connect", "Log in")]
        for box in boxes
    )
    assert all(classes(e) & {"tv-translated", "tv-raw"} for e in marked(tree))  # nn is complete


def test_untranslated_fuzzy_and_overflowing_texts_are_marked(copy: Path) -> None:
    tree = view(guidepress.open_project(copy), "nn", language="nn")
    nn = read(nn_catalog(copy))
    annotated = marked(tree)

    def of(msgid: str) -> list[ET.Element]:
        return [e for e in annotated if any(found[3] == msgid for found in entries(tip(e))[:1])]

    untranslated = of(UNTRANSLATED)
    assert len(untranslated) == 1 and "tv-untranslated" in classes(untranslated[0])
    said = text(tip(untranslated[0]))
    nb_line = read(ROOT / "locales/nb/LC_MESSAGES/guides.po").get(UNTRANSLATED).lineno
    assert said.startswith("Ikkje omsett")
    assert f"Sida viser: nb ({display_path(copy / 'locales/nb/LC_MESSAGES/guides.po')}:{nb_line})" in said
    assert own_text(untranslated[0]) == read(ROOT / "locales/nb/LC_MESSAGES/guides.po").get(UNTRANSLATED).string
    assert entry_problems(tree, copy) == []  # the nn entry's line in the edited file
    assert entries(tip(untranslated[0]))[0][:2] == (display_path(nn_catalog(copy)), nn.get(UNTRANSLATED).lineno)

    fuzzy = [e for e in of(FUZZY) if "tv-t" in classes(e)]
    assert fuzzy and all("tv-fuzzy" in classes(e) for e in fuzzy)  # the heading (and the contents' link: unmarked)
    assert text(tip(fuzzy[0])).startswith("Uklar (fuzzy)")

    missing = of(MISSING)
    assert len(missing) == 1 and "tv-missing" in classes(missing[0])
    said = text(tip(missing[0]))
    assert said.startswith("Ikkje i katalogen: køyr pybabel update") and "Sida viser: nb" in said
    assert f"{display_path(nn_catalog(copy))} msgid" in said  # the catalog to add it to, without a line

    overflowing = [e for e in annotated if "tv-overflow" in classes(e)]
    assert overflowing and all(entries(tip(e))[0][3] == TOO_LONG for e in overflowing)
    assert "Får ikkje plass i elementet: needs 2 lines" in text(tip(overflowing[0]))

    bar = next(e for e in tree.iter("aside") if "tv-bar" in classes(e))
    todo = text(next(e for e in bar.iter("details") if "tv-todo" in classes(e)))
    assert UNTRANSLATED in todo and FUZZY in todo and MISSING[:40] in todo and TOO_LONG in todo
    assert "Omsetjarvising" in text(bar)

    # the forged marks are no marks: the title is one text of its own entry, shown without them
    forged = [e for e in of(FORGED) if "tv-t" in classes(e)]
    assert forged and own_text(forged[0]) == "000000000Kople til BankID00000000"


def test_a_label_quoted_from_another_locale_names_that_locales_entry(tmp_path: Path) -> None:
    """nn quotes nb's wording of Visma Connect's labels (locales/ui-quotes.yaml): a label is nb's entry, said so."""
    for name in ("guide_src", "locales", "assets"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "locales" / "ui-quotes.yaml").write_text("nn:\n  Visma Connect: nb\n")
    tree = view(guidepress.open_project(tmp_path), "nn")
    nb = read(ROOT / "locales/nb/LC_MESSAGES/guides.po").get("Log in", context="ui:Visma Connect")
    login = [e for e in marked(tree) if "tv-box" in classes(e) and own_text(e) == nb.string]
    assert login and all("tv-quoted" in classes(e) for e in login)
    assert entries(tip(login[0])) == [
        (display_path(tmp_path / "locales/nb/LC_MESSAGES/guides.po"), nb.lineno, "ui:Visma Connect", "Log in")
    ]
    assert "The page shows: nb" in text(tip(login[0]))
    assert entry_problems(tree, tmp_path) == []


def test_the_pseudo_locale_view_shows_what_came_through_no_catalog(shipped: guidepress.GuidesProject) -> None:
    tree = view(shipped, "qps-ploc")
    texts = [own_text(e) for e in marked(tree) if "tv-t" in classes(e)]
    assert texts and all(ACCENTED_LETTERS & set(t) and "[" in t for t in texts)
    raw = [text(e) for e in tree.iter("span") if "tv-raw" in classes(e)]
    # what is not from a catalog: the product, the version, the date, the organisation, an address
    assert "Visma Connect" in raw and "Sokndal kommune" in raw
    plain = [t for t in raw if not ACCENTED_LETTERS & set(t)]
    assert len(plain) >= len(raw) - 1  # all plain ASCII but the pseudo-locale's own name, made by guidepress
    boxes = [e for e in marked(tree) if "tv-box" in classes(e)]
    for box in boxes:  # each picture's accented texts have their entry; its plain ones are names and addresses
        shown = own_text(box)
        assert ("tv-raw" in classes(box)) == (not ACCENTED_LETTERS & set(shown)), shown


def test_the_view_is_the_html_edition_and_leaves_its_bytes_alone(
    shipped: guidepress.GuidesProject, project: Project, tmp_path: Path
) -> None:
    before = shipped.render(f"nn/{GUIDE_ID}.html")
    page = shipped.translator_view("nn", GUIDE_ID)
    after = shipped.render(f"nn/{GUIDE_ID}.html")
    options = BuildOptions(out_dir=tmp_path, png=False, html=True, packs=())
    report = build(project, options, [ROOT / "guide_src" / f"{GUIDE_ID}.yaml"])
    assert not report.errors
    assert before == after == (tmp_path / "nn" / f"{GUIDE_ID}.html").read_bytes()
    edition = before.decode("utf-8")
    assert "tv-" not in edition and not {MARK_START, MARK_SEP, MARK_END} & set(edition)
    assert not {MARK_START, MARK_SEP, MARK_END} & set(page.decode("utf-8"))
    assert shipped.translator_view("nn", GUIDE_ID) == page  # reproducible: the marks' key never reaches it

    # the view's page, its marks taken away, reads as the edition: the same text, the same pictures
    annotated = parse(page.decode("utf-8"))
    for parent in list(annotated.iter()):
        for child in list(parent):
            if classes(child) & {"tv-tip", "tv-boxes", "tv-bar", "tv-sr"} or child.tag in ("script", "style"):
                parent.remove(child)
    plain = parse(edition)
    for parent in list(plain.iter()):
        for child in list(parent):
            if child.tag == "style":
                parent.remove(child)
    assert text(annotated.find(".//main")) == text(plain.find(".//main"))  # type: ignore[arg-type]
    svgs = [ET.tostring(s) for s in annotated.iter("svg")]
    assert len(svgs) == len(list(plain.iter("svg"))) > 3
    assert all(s.get("style") is None for s in annotated.iter("svg"))  # its width moved to the box around it


def test_an_unknown_locale_or_guide_is_not_found(shipped: guidepress.GuidesProject) -> None:
    with pytest.raises(guidepress.NotFound, match="nn/nope.html: no guide 'nope'"):
        shipped.translator_view("nn", "nope")
    with pytest.raises(guidepress.NotFound, match=r"^xx/bankid-visma-connect.html: "):
        shipped.translator_view("xx", GUIDE_ID)
    with pytest.raises(guidepress.NotFound):
        shipped.translator_view("nn", "../guide_src/bankid-visma-connect")


# --- served, in chromium ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    pytest.importorskip("starlette", reason="guidepress serve's parts: pip install '.[serve]'")
    from test_serve import start  # (here: the tests above need no server)

    log = tmp_path_factory.mktemp("log") / "serve.log"
    running = start(copy, log, "--workers", "1")
    try:
        yield running
    finally:
        assert running.stop() == 0


def test_the_route_answers_the_view_and_one_line_when_it_cannot(server: Server) -> None:
    status, headers, body = server.get(f"/_translate/nn/{GUIDE_ID}.html?lang=nb")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert headers["content-language"] == "nb" and "default-src 'none'" in headers["content-security-policy"]
    assert b"Oversetterens visning" in body and b'<html lang="nn">' in body
    assert server.get(f"/_translate/qps-ploc/{GUIDE_ID}.html")[0] == 200
    status, _, body = server.get("/_translate/xx/bankid-visma-connect.html")
    assert status == 404 and body.decode().count("\n") == 1 and body.startswith(b"xx/bankid-visma-connect.html: ")
    status, _, body = server.get("/_translate/nn/nope.html")
    assert status == 404 and body.startswith(b"nn/nope.html: no guide 'nope' (have: bankid-visma-connect, ")
    assert server.get("/_translate/nn/%2e%2e.html")[0] == 400  # an encoded dot: refused before anything opens
    # the page as readers get it is served as before
    status, _, page = server.get(f"/nn/{GUIDE_ID}.html")
    assert status == 200 and b"tv-" not in page


def open_view(chromium, server: Server, locale: str, width: int = 1280, **options):  # type: ignore[no-untyped-def]
    return confined_page(chromium, server.base, f"/_translate/{locale}/{GUIDE_ID}.html?lang=en", width, **options)


@pytest.mark.browser
def test_hover_and_keyboard_focus_show_the_entry(browser, server: Server, copy: Path, shots: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page = open_view(browser, server, "nn")
    nn = read(nn_catalog(copy))
    step = nn.get("Enter the email address that you want to link to BankID.")
    where = f"locales/nn/LC_MESSAGES/guides.po:{step.lineno}"
    target = page.locator(".tv-t", has_text=step.string).first
    tooltip = target.locator("> .tv-tip")
    assert not tooltip.is_visible()
    target.hover()
    assert tooltip.is_visible() and where in tooltip.inner_text()
    page.mouse.move(0, 0)
    assert not tooltip.is_visible()

    # the keyboard: Tab from the top reaches the text, and its entry shows while it has the focus
    page.keyboard.press("Tab")
    for _ in range(200):
        if page.evaluate("document.activeElement.id") == target.get_attribute("id"):
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("the keyboard never reached the step's text")
    assert tooltip.is_visible() and where in tooltip.inner_text()
    described = page.evaluate("document.getElementById(document.activeElement.getAttribute('aria-describedby')).id")
    assert described == tooltip.get_attribute("id")
    page.keyboard.press("Escape")
    assert not tooltip.is_visible()
    page.keyboard.press("Tab")  # the next text: tooltips show again

    # a label on a screen picture, reached with the keyboard too
    login = nn.get("Log in", context="ui:Visma Connect")
    box = page.locator(".tv-box", has=page.locator(".tv-sr", has_text=re.compile(r"^Logg inn$"))).first
    box.focus()
    box_tip = box.locator("> .tv-tip")
    assert box_tip.is_visible() and f"guides.po:{login.lineno}" in box_tip.inner_text()
    page.screenshot(path=str(shots / "translator-view-box.png"))

    # the untranslated step is marked, in words too, and says which catalog the page shows
    untranslated = page.locator(".tv-untranslated.tv-t").first
    untranslated.hover()
    said = untranslated.locator("> .tv-tip").inner_text()
    page.screenshot(path=str(shots / "translator-view-untranslated.png"))
    assert "Untranslated" in said and f"guides.po:{nn.get(UNTRANSLATED).lineno}" in said and "shows: nb" in said
    assert page.outside == [] and page.errors == []
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("locale", "width", "scheme"), [("nn", 1280, "light"), ("nn", 390, "dark"), ("qps-ploc", 1280, "light")]
)
def test_the_view_is_axe_clean_and_asks_for_nothing_else(  # type: ignore[no-untyped-def]
    browser,  # noqa: F811
    server: Server,
    locale: str,
    width: int,
    scheme: str,
    shots: Path,  # noqa: F811
) -> None:
    page = open_view(browser, server, locale, width, color_scheme=scheme)
    assert axe_violations(page) == [], (locale, width, scheme)
    first = page.locator(".tv-t").nth(3)
    first.focus()  # with a tooltip open too
    assert first.locator("> .tv-tip").is_visible()
    assert axe_violations(page) == [], (locale, width, scheme, "tooltip")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if locale == "qps-ploc":
        heading = page.inner_text("h1")
        assert heading.startswith("[") and ACCENTED_LETTERS & set(heading)
    page.screenshot(path=str(shots / f"translator-view-{locale}-{width}-{scheme}.png"), full_page=True)
    assert page.outside == [] and page.errors == []
    page.context.close()

"""`guidepress serve --watch` in chromium: a page open on the server shows each save, or the build's
problems over the last good page.

One server with --watch on a copy of the repository's project (the files are edited as an author
edits them: written in place, or written to a temporary file renamed over the guide as vim does);
the pages are read through Playwright as a reader and a screen reader would (the text shown, the
alert region, the links' text and targets, axe). Rebuilds are counted on /metrics. One server
without --watch shows that nothing is added there. The browser tests are marked `browser`
(tests/test_browser.py); which open outputs a changed file makes again, and a problem's link, are
checked without one.
Bounded: each wait is at most `WAIT` seconds.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import GUIDE_ID, ROOT
from test_browser import WCAG_21_AA, axe_script, browser, confined_page  # noqa: F401  (browser: chromium, a fixture)
from test_serve import Server, make_pdf, project_copy, start

pytest.importorskip("watchfiles", reason="guidepress serve --watch's part: pip install '.[serve]'")

WAIT = 15.0
PAGE = f"nb/{GUIDE_ID}.html"
ORGANISATION = "default: Sokndal kommune"  # the guide's variable the page shows in its header
STEP_NB = 'msgstr "Lukk nettleseren helt, og åpne den igjen."'  # step 1 in Bokmål
BROKEN = "{id: next, type: button"  # an element whose type an author may mistype
REBUILDS = "guidepress_watch_rebuilds_total"
RENDERS = 'guidepress_watch_renders_total{outcome="built"}'


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("watched") / "project"
    folder.mkdir()
    project_copy(folder)
    (folder / "build" / "nb").mkdir(parents=True)  # an earlier build's output folder, which is not watched
    return folder


@pytest.fixture(scope="module")
def server(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("log") / "serve.log"
    running = start(project, log, "--watch", "--workers", "2")
    try:
        yield running
    finally:
        status = running.stop()
    assert status == 0, running.log.read_text()


@pytest.fixture
def guide(project: Path) -> Iterator[Path]:
    """The guide's file, as it was again after the test."""
    path = project / "guide_src" / f"{GUIDE_ID}.yaml"
    before = path.read_bytes()
    yield path
    path.write_bytes(before)


@pytest.fixture
def catalog(project: Path) -> Iterator[Path]:
    path = project / "locales" / "nb" / "LC_MESSAGES" / "guides.po"
    before = path.read_bytes()
    yield path
    path.write_bytes(before)


def metric(server: Server, name: str) -> float:
    _, _, body = server.get("/metrics")
    found = re.search(rf"^{re.escape(name)} ([0-9.e+]+)$", body.decode(), re.MULTILINE)
    return float(found.group(1)) if found else 0.0


def wait_for(condition: Callable[[], object], seconds: float = WAIT) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def open_page(chromium, server: Server, path: str = PAGE, locale: str = "nb-NO"):  # type: ignore[no-untyped-def]
    """A page at `path`, live (its event stream open); a request to another host is refused and recorded."""
    page = confined_page(chromium, server.base, f"/{path}", wait_until="domcontentloaded", locale=locale)
    page.wait_for_function("document.querySelector('guidepress-live') !== null", timeout=WAIT * 1000)
    return page


def body_text(page) -> str:  # type: ignore[no-untyped-def]
    try:
        return page.inner_text("main")  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001  the page is reloading
        return ""


def alert_text(page) -> str:  # type: ignore[no-untyped-def]
    """What the overlay's alert region holds (a screen reader announces it)."""
    try:
        return page.evaluate(  # type: ignore[no-any-return]
            "() => { const h = document.querySelector('guidepress-live');"
            " return h ? h.shadowRoot.querySelector('[role=alert]').innerText : ''; }"
        )
    except Exception:  # noqa: BLE001  the page is reloading
        return ""


def shown_in(page, text: str) -> Callable[[], bool]:  # type: ignore[no-untyped-def]
    return lambda: text in body_text(page)


@pytest.mark.browser
def test_a_guide_edit_reloads_the_open_page(browser, server: Server, guide: Path) -> None:  # noqa: F811
    page = open_page(browser, server)
    assert "Sokndal kommune" in body_text(page)
    started = time.monotonic()
    guide.write_text(guide.read_text().replace(ORGANISATION, "default: Testvik kommune"))
    wait_for(shown_in(page, "Testvik kommune"))
    print(f"guide edit shown in the page after {time.monotonic() - started:.2f} s")
    assert page.outside == []
    page.context.close()


@pytest.mark.browser
def test_a_catalog_edit_reloads_the_open_page(browser, server: Server, catalog: Path) -> None:  # noqa: F811
    page = open_page(browser, server)
    assert "Lukk nettleseren helt, og åpne den igjen." in body_text(page)
    catalog.write_text(catalog.read_text().replace(STEP_NB, 'msgstr "Lukk nettleseren – endret i katalogen."'))
    wait_for(shown_in(page, "Lukk nettleseren – endret i katalogen."))
    page.context.close()


@pytest.mark.browser
def test_the_translator_view_reloads_after_a_catalog_edit(browser, server: Server, catalog: Path) -> None:  # noqa: F811
    """The translator view (/_translate/…) follows the page it annotates: a translator's save shows."""
    page = open_page(browser, server, f"_translate/{PAGE}")
    assert "Lukk nettleseren helt, og åpne den igjen." in body_text(page)
    catalog.write_text(catalog.read_text().replace(STEP_NB, 'msgstr "Lukk nettleseren – endret av oversetteren."'))
    wait_for(shown_in(page, "Lukk nettleseren – endret av oversetteren."))
    page.context.close()


@pytest.mark.browser
def test_a_translator_view_opened_on_a_broken_guide_shows_why_and_appears_when_fixed(
    browser,  # noqa: F811
    server: Server,
    guide: Path,
) -> None:
    good = guide.read_text()
    guide.write_text(good.replace("{id: next, type: button", "{id: next, type: buton", 1))
    page = open_page(browser, server, f"_translate/{PAGE}")
    wait_for(lambda: "buton" in alert_text(page))
    guide.write_text(good)
    wait_for(shown_in(page, "Lukk nettleseren helt, og åpne den igjen."))
    page.context.close()


@pytest.mark.browser
def test_a_broken_edit_shows_the_located_lines_over_the_last_good_page_and_the_fix_removes_them(
    browser,  # noqa: F811
    server: Server,
    guide: Path,
    project: Path,
) -> None:
    page = open_page(browser, server)
    text = guide.read_text()
    line = text[: text.index(BROKEN)].count("\n") + 1
    column = len(text[: text.index(BROKEN)].rsplit("\n", 1)[-1]) + len("{id: next, type: ") + 1
    guide.write_text(text.replace(BROKEN, "{id: next, type: buton"))
    wait_for(lambda: "buton" in alert_text(page))
    shown = alert_text(page)
    where = f"guide_src/{GUIDE_ID}.yaml:{line}:{column}"
    assert f"{where}: elements item 3: unknown type 'buton' (did you mean 'button'?)" in shown, shown
    assert "Bygget feilet" in shown
    assert "Sokndal kommune" in body_text(page)  # the last good page, under the overlay
    link = page.locator("guidepress-live a.where").first
    assert link.inner_text() == where
    absolute = (project / "guide_src" / f"{GUIDE_ID}.yaml").resolve().as_posix()
    assert link.get_attribute("href") == f"vscode://file{absolute}:{line}:{column}"
    # keyboard: the focus is in the panel while it covers the page; Tab walks its button and links,
    # Escape hides it
    focused = "document.activeElement.tagName + ' ' + document.activeElement.shadowRoot?.activeElement?.className"
    assert page.evaluate(focused) == "GUIDEPRESS-LIVE panel"
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "GUIDEPRESS-LIVE hide"
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "GUIDEPRESS-LIVE where"
    page.keyboard.press("Escape")
    assert "buton" not in alert_text(page)
    assert "Bygget feilet" in page.locator("guidepress-live .pill").inner_text()
    guide.write_text(text)
    wait_for(lambda: page.locator("guidepress-live .pill").count() == 0 and not alert_text(page))
    assert "Sokndal kommune" in body_text(page)
    page.context.close()


def shown_lines(page, kind: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The overlay's lines of one kind ("error" or "warning"), as the page shows them."""
    return page.evaluate(  # type: ignore[no-any-return]
        "kind => [...document.querySelector('guidepress-live').shadowRoot.querySelectorAll('li.' + kind)]"
        ".map(li => li.innerText)",
        kind,
    )


BREAKS = {
    "a mistyped element type": ("guide_src", BROKEN, "{id: next, type: buton"),
    "a catalog that does not parse": (
        "nb",
        'msgstr "Det nye passordet ditt må ha"',
        'msgstr "Det nye passordet ditt må ha',
    ),
    "a placeholder and a label too long (warnings)": (
        "nb",
        'msgstr "Logg inn"\n',
        'msgstr "Logg inn med en veldig lang tekst som ikke passer i knappen"\n',
    ),
}


@pytest.mark.browser
@pytest.mark.parametrize("what", list(BREAKS))
def test_the_overlay_shows_the_lines_the_command_line_prints(
    browser,  # noqa: F811
    server: Server,
    guide: Path,
    catalog: Path,
    project: Path,
    tmp_path: Path,
    what: str,
) -> None:
    where, old, new = BREAKS[what]
    edited = guide if where == "guide_src" else catalog
    text = edited.read_text()
    assert old in text, "the repository's guide or catalog changed: update this test"
    page = open_page(browser, server)
    edited.write_text(text.replace(old, new, 1))
    printed = make_pdf(project, tmp_path / "out", f"guide_src/{GUIDE_ID}.yaml", "--locale", "nb", "--html", "--no-png")
    lines = printed.stderr.splitlines()
    assert lines, printed
    errors = [line for line in lines if ": warning: " not in line]
    warnings = [line for line in lines if ": warning: " in line]
    if errors:
        wait_for(lambda: shown_lines(page, "error") == errors)
    else:
        wait_for(lambda: page.locator("guidepress-live .warn-pill").count() == 1)
        page.locator("guidepress-live .warn-pill").click()
        assert page.get_attribute("guidepress-live .warn-pill", "aria-expanded") == "true"
        assert shown_lines(page, "warning") == warnings
        assert not alert_text(page)
    page.context.close()


@pytest.mark.browser
def test_a_save_by_rename_is_seen(browser, server: Server, guide: Path) -> None:  # noqa: F811
    """As vim writes: a new file beside the guide, renamed over it (the guide's inode changes)."""
    page = open_page(browser, server)
    temporary = guide.with_name(f".{guide.name}.tmp")
    temporary.write_text(guide.read_text().replace(ORGANISATION, "default: Omdøypt kommune"))
    inode = guide.stat().st_ino
    os.replace(temporary, guide)
    assert guide.stat().st_ino != inode
    wait_for(shown_in(page, "Omdøypt kommune"))
    page.context.close()


@pytest.mark.browser
def test_a_burst_of_ten_saves_is_at_most_two_rebuilds(browser, server: Server, guide: Path) -> None:  # noqa: F811
    page = open_page(browser, server)
    text = guide.read_text()
    time.sleep(0.5)  # the restore of the test before has been rebuilt
    before = metric(server, REBUILDS)
    for number in range(10):
        guide.write_text(text.replace(ORGANISATION, f"default: Lagring {number} kommune"))
        time.sleep(0.01)
    wait_for(shown_in(page, "Lagring 9 kommune"))
    time.sleep(0.5)
    rebuilds = metric(server, REBUILDS) - before
    assert 1 <= rebuilds <= 2, rebuilds
    page.context.close()


@pytest.mark.browser
def test_a_file_written_under_the_output_folder_starts_nothing(browser, server: Server, project: Path) -> None:  # noqa: F811
    page = open_page(browser, server)
    page.evaluate("window.stillHere = true")  # a reload would lose it
    time.sleep(0.3)
    before = metric(server, REBUILDS), metric(server, RENDERS)
    out = project / "build" / "nb"
    (out / f"{GUIDE_ID}.html").write_text("<p>an older build</p>")
    (out / "notes.yaml").write_text("id: x\n")
    shutil.copy(project / "guide_src" / f"{GUIDE_ID}.yaml", out / f"{GUIDE_ID}.yaml")
    time.sleep(1.0)
    after = metric(server, REBUILDS), metric(server, RENDERS)
    assert after == before
    assert page.evaluate("window.stillHere") is True
    page.context.close()


@pytest.mark.browser
def test_another_locales_catalog_renders_nothing_open(browser, server: Server, project: Path) -> None:  # noqa: F811
    """The Bokmål page is open; the English catalog is no input of it (nb falls back to no locale)."""
    page = open_page(browser, server)
    page.evaluate("window.stillHere = true")
    english = project / "locales" / "en" / "LC_MESSAGES" / "guides.po"
    before = metric(server, REBUILDS), metric(server, RENDERS)
    text = english.read_text()
    try:
        english.write_text(text + "\n")
        wait_for(lambda: metric(server, REBUILDS) == before[0] + 1)
        time.sleep(0.3)
        assert metric(server, RENDERS) == before[1]
        assert page.evaluate("window.stillHere") is True
    finally:
        english.write_text(text)
    page.context.close()


@pytest.mark.browser
def test_a_page_that_never_built_shows_why_and_appears_when_fixed(browser, server: Server, guide: Path) -> None:  # noqa: F811
    text = guide.read_text()
    guide.write_text(text.replace(BROKEN, "{id: next, type: buton"))
    path = f"nn/{GUIDE_ID}.ticket.html"  # no other test opens it: this server has never built it
    wait_for(lambda: server.get(f"/{path}")[0] == 422)
    page = open_page(browser, server, path, locale="nn-NO")
    assert page.inner_text("h1") == "Ikkje bygd enno"
    wait_for(lambda: "buton" in alert_text(page))
    guide.write_text(text)
    wait_for(shown_in(page, "Sokndal kommune"))
    assert not alert_text(page)
    page.context.close()


@pytest.mark.browser
def test_the_agent_pages_preview_reloads(browser, server: Server, guide: Path) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{server.base}/?lang=en", wait_until="domcontentloaded")
    frame = page.frame_locator("#frame")

    def in_preview(text: str) -> Callable[[], bool]:
        def shown() -> bool:
            try:
                return text in frame.locator("main").inner_text(timeout=500)
            except Exception:  # noqa: BLE001  loading, or reloading
                return False

        return shown

    wait_for(in_preview("Sokndal kommune"))
    assert page.get_attribute("#print-preview", "href") == f"/_print/en/{GUIDE_ID}.pdf"
    guide.write_text(guide.read_text().replace(ORGANISATION, "default: Forhåndsvist kommune"))
    wait_for(in_preview("Forhåndsvist kommune"))
    context.close()


@pytest.mark.browser
def test_the_print_preview_draws_the_pdfs_pages_and_redraws_them(browser, server: Server, guide: Path) -> None:  # noqa: F811
    page = open_page(browser, server, f"_print/nb/{GUIDE_ID}.pdf")
    wait_for(lambda: page.locator("#pages canvas").count() > 0 and page.get_attribute("#pages", "aria-busy") == "false")
    from io import BytesIO

    from pypdf import PdfReader

    status, _, pdf = server.get(f"/nb/{GUIDE_ID}.pdf")
    assert status == 200
    pages = len(PdfReader(BytesIO(pdf)).pages)
    assert page.locator("#pages canvas").count() == pages
    assert page.locator("figcaption").first.inner_text().startswith(f"Side 1 av {pages} · Papir: A4, 210 × 297 mm")
    drawn = page.get_attribute("#pages", "data-etag")
    painted = page.evaluate(  # the first page is drawn, not blank: some of its pixels are dark
        "() => { const c = document.querySelector('#pages canvas'); const d = c.getContext('2d')"
        ".getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 0; i < d.length; i += 4)"
        " if (d[i] < 100) n++; return n; }"
    )
    assert painted > 1000
    page.evaluate(axe_script())
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    assert [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]] == []
    guide.write_text(guide.read_text().replace(ORGANISATION, "default: Utskrift kommune"))
    wait_for(lambda: page.get_attribute("#pages", "data-etag") not in (drawn, None))
    assert page.inner_text("#print-status") == "Oppdatert."
    assert page.outside == []
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("locale", "title"), [("nb-NO", "Bygget feilet"), ("nn-NO", "Bygget feila"), ("en-GB", "The build failed")]
)
def test_the_overlay_speaks_the_authors_language_and_is_axe_clean(
    browser,  # noqa: F811
    server: Server,
    guide: Path,
    locale: str,
    title: str,
) -> None:
    page = open_page(browser, server, locale=locale)
    guide.write_text(guide.read_text().replace(BROKEN, "{id: next, type: buton"))
    wait_for(lambda: "buton" in alert_text(page))
    assert title in alert_text(page)
    assert page.get_attribute("guidepress-live", "data-errors") == ""
    page.evaluate(axe_script())
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    assert [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]] == []
    page.context.close()


def test_without_watch_no_page_gets_a_script(project: Path, tmp_path: Path) -> None:
    plain = start(project, tmp_path / "serve.log", "--workers", "1")
    try:
        status, _, body = plain.get(f"/{PAGE}")
        assert status == 200 and b"/_live/" not in body and b"<script" not in body
        assert plain.get(f"/_live/events?path={PAGE}")[0] == 404
    finally:
        assert plain.stop() == 0


# --- what a changed file makes again, a problem's link (no server) --------------------------------


def test_a_changed_file_makes_again_only_the_open_outputs_made_from_it(tmp_path: Path) -> None:
    from guidepress.serve.backend import changes_output, input_layout

    root = project_copy(tmp_path)
    layout = input_layout(root)
    open_now = [
        f"nb/{GUIDE_ID}.html",
        f"nn/{GUIDE_ID}.html",
        f"en/{GUIDE_ID}.pdf",
        "nb/register-absence.html",
        f"nb/{GUIDE_ID}/06-reset-request.png",
        f"fjordvik/nb/{GUIDE_ID}.ticket.pdf",
        "nb/onboarding.pdf",
        f"qps-ploc/{GUIDE_ID}.html",
    ]
    tenants = root / "examples" / "tenants.csv"

    def made_again(changed: Path) -> set[str]:
        return {path for path in open_now if changes_output(changed, path, layout, tenants)}

    guide = root / "guide_src" / f"{GUIDE_ID}.yaml"
    assert made_again(guide) == {p for p in open_now if GUIDE_ID in p} | {"nb/onboarding.pdf"}
    nb, en = (root / "locales" / loc / "LC_MESSAGES" / "guides.po" for loc in ("nb", "en"))
    # nn falls back to nb; the pseudo-locale is made from the template
    assert made_again(nb) == {p for p in open_now if p.split("/")[0] in ("nb", "nn") or p.startswith("fjordvik/nb")}
    assert made_again(en) == {f"en/{GUIDE_ID}.pdf"}
    assert made_again(root / "locales" / "guides.pot") == set(open_now)
    assert made_again(root / "packs" / "onboarding.yaml") == {"nb/onboarding.pdf"}
    assert made_again(root / "assets" / "logos" / "fjordvik.svg") == set(open_now)
    assert made_again(tenants) == {f"fjordvik/nb/{GUIDE_ID}.ticket.pdf"}
    for editors_own in (guide.with_name(f".{guide.name}.swp"), guide.with_name("4913"), guide.with_suffix(".tmp")):
        assert made_again(editors_own) == set()


def test_a_problems_link_names_its_file_and_line_in_the_editor() -> None:
    from guidepress.serve.live import DEFAULT_EDITOR_URL, LiveBoard

    board = LiveBoard(None, DEFAULT_EDITOR_URL)  # type: ignore[arg-type]  # no service: links only
    here = Path.cwd().as_posix()
    found = board.problem("guide_src/x.yaml:12:5: unknown element type 'buton' (did you mean 'button'?)")
    assert found == {
        "text": "guide_src/x.yaml:12:5: unknown element type 'buton' (did you mean 'button'?)",
        "where": "guide_src/x.yaml:12:5",
        "message": "unknown element type 'buton' (did you mean 'button'?)",
        "href": f"vscode://file{here}/guide_src/x.yaml:12:5",
    }
    po = board.problem("locales/nb/LC_MESSAGES/guides.po:78: nb: a placeholder does not match")
    assert (po["where"], po["href"]) == (
        "locales/nb/LC_MESSAGES/guides.po:78",
        f"vscode://file{here}/locales/nb/LC_MESSAGES/guides.po:78:1",
    )
    assert board.problem("guidepress: cannot write build/x.pdf: disk full")["href"] == ""
    files = LiveBoard(None, "file://{path}").problem("/srv/my guides/x.yaml:3:1: bad")  # type: ignore[arg-type]
    assert files["href"] == "file:///srv/my%20guides/x.yaml"


def test_the_live_script_goes_before_the_pages_end_and_names_its_bytes() -> None:
    from guidepress.serve.live import inject

    page = b"<!doctype html><html><body><p>x</p></body></html>"
    made = inject(page, "nb/a&b.html", '"0123"')
    assert made.startswith(b'<!doctype html><html><body><p>x</p><script src="/_live/live.js"')
    assert b'data-path="nb/a&amp;b.html" data-etag="&quot;0123&quot;"' in made
    assert made.endswith(b"</script>\n</body></html>")


def test_a_hostile_event_stream_is_refused_and_a_long_name_stops_no_watch(server: Server) -> None:
    """`/_live/events` takes only an output's path of plain names (a name longer than a file's, an
    encoded separator or a control character is 400), and a changed file is matched to open outputs
    by name, never by looking for a file named after a page's path (a name the file system refuses
    raised OSError there and ended the watch for good)."""
    for path in ("nb/" + "x" * 300 + ".pdf", "nb/a%0Ab.pdf", "nb/..%2fx.pdf", "nb/a\\b.pdf"):
        status, _, _ = server.get(f"/_live/events?path={path}")
        assert status == 400, path
    from guidepress.serve.backend import changes_output, input_layout

    layout = input_layout(ROOT)
    guide = layout.guides / f"{GUIDE_ID}.yaml"
    assert not changes_output(guide, "nb/" + "x" * 300 + ".pdf", layout)
    assert changes_output(guide, "nb/onboarding.pdf", layout)  # a pack is made of any guide
    assert changes_output(guide, f"nb/{GUIDE_ID}.html", layout)

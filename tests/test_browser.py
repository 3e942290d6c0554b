"""The HTML edition in a real browser: Debian's `chromium`, headless, driven by Playwright.

axe-core (the copy the `axe-playwright-python` package ships, or the file GUIDEPRESS_AXE_JS
names) checks each locale's page at WCAG 2.1 AA and its best practices, in light and dark,
at 1280 and 390 CSS pixels. The keyboard walks the page; screenshots at both widths are
kept (GUIDEPRESS_SCREENSHOTS names the folder, else pytest's temporary one) and checked for
a page that fits a phone and callouts that survive dark mode and forced colours.

Marked `browser` (`pytest -m browser` runs these alone). Without chromium or Playwright they
are skipped with the reason; with GUIDEPRESS_BROWSER_TESTS=required (as CI sets it) they fail
instead, so that CI cannot pass without running them.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from conftest import GUIDE_ID, LOCALES, ROOT
from guidepress.batch.jobs import screens_shown
from guidepress.build import BuildOptions, build
from guidepress.mockup.palette import ACCENT
from guidepress.project import Project
from guidepress.source.loader import load_guide
from guidepress.source.model import Screenshot

pytestmark = pytest.mark.browser

# As root, chromium needs --no-sandbox; the rest keep it from calling home on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
WIDTHS = (1280, 390)
GUIDES = sorted(path.stem for path in (ROOT / "guide_src").glob("*.yaml"))
# every shipped guide in every locale
PAGES = [pytest.param(guide, locale, id=f"{guide}-{locale}") for guide in GUIDES for locale in LOCALES]


def pictures_shown(guide_id: str, locale: str) -> int:
    """How many screen pictures the guide's page has: one per block of steps sharing a screen,
    and the one under the introduction (as the PNG export counts them, see batch/jobs.py)."""
    guide = load_guide(ROOT / "guide_src" / f"{guide_id}.yaml", ROOT / "assets")
    intro = guide.screens.get(guide.introduction_screen)
    shown = intro is not None and not (isinstance(intro, Screenshot) and guide.assets[intro.image].source is None)
    return len(screens_shown(guide, locale)) + shown


def _missing() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install '.[test]')"
    if not chromium_path():
        return "no chromium (Debian: apt-get install chromium; or set GUIDEPRESS_CHROMIUM)"
    try:
        axe_script()
    except (ImportError, OSError):
        return "no axe-core (pip install axe-playwright-python, or set GUIDEPRESS_AXE_JS to axe.min.js)"
    return ""


def chromium_path() -> str | None:
    return os.environ.get("GUIDEPRESS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@functools.cache
def axe_script() -> str:
    named = os.environ.get("GUIDEPRESS_AXE_JS")
    if named:
        return Path(named).read_text(encoding="utf-8")
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    missing = _missing()
    if missing:
        if os.environ.get("GUIDEPRESS_BROWSER_TESTS") == "required":
            pytest.fail(f"browser tests are required here, but: {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    requested: list[str]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        self.requested.append(self.path)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, project: Project) -> Iterator[tuple[str, list[str]]]:
    """Every locale's HTML edition, served on the loopback address; yields its base URL and the paths asked for."""
    out = tmp_path_factory.mktemp("site")
    report = build(project, BuildOptions(out_dir=out, png=False, html=True, packs=None))  # the guides and the pack
    assert not report.errors and not report.crashes
    requested: list[str] = []
    handler = type("Handler", (_Quiet,), {"requested": requested})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", requested
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("GUIDEPRESS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("screenshots")


def confined_page(chromium, base: str, address: str, width: int = 1280, wait_until: str = "networkidle", **options):  # type: ignore[no-untyped-def]
    """A fresh page at the width, opened at `base` + `address`; every request that leaves the loopback
    server is refused and recorded (`page.outside`), and the console's errors are kept (`page.errors`)."""
    context = chromium.new_context(viewport={"width": width, "height": 900}, **options)
    outside: list[str] = []

    def route(request_route) -> None:  # type: ignore[no-untyped-def]
        if request_route.request.url.startswith(base + "/"):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(base + address, wait_until=wait_until)
    page.outside, page.errors = outside, errors  # type: ignore[attr-defined]
    return page


def open_page(browser, site, locale: str, width: int = 1280, name: str = GUIDE_ID, **options):  # type: ignore[no-untyped-def]
    """The HTML edition of `name` in `locale`, served from the build's folder (`confined_page`)."""
    return confined_page(browser, site[0], f"/{locale}/{name}.html", width, **options)


def axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    page.evaluate(axe_script())
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


# --- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize(("guide", "locale"), PAGES)
def test_axe_finds_no_violation_at_wcag_21_aa(browser, site, guide: str, locale: str) -> None:  # type: ignore[no-untyped-def]
    for width, scheme in ((1280, "light"), (390, "dark")):
        page = open_page(browser, site, locale, width, name=guide, color_scheme=scheme)
        assert axe_violations(page) == [], (guide, locale, width, scheme)
        page.context.close()


@pytest.mark.parametrize("locale", ["nb", "en"])
def test_axe_finds_no_violation_in_a_packs_page(browser, site, shots: Path, locale: str) -> None:  # type: ignore[no-untyped-def]
    """The pack's page: its cover, the contents of every guide, each guide an article under an h2."""
    for width, scheme in ((1280, "light"), (390, "dark")):
        page = open_page(browser, site, locale, width, name="onboarding", color_scheme=scheme)
        assert axe_violations(page) == [], (locale, width, scheme)
        assert page.outside == [] and page.errors == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(shots / f"pack-{locale}-{width}.png"), full_page=True)
        page.context.close()


@pytest.mark.parametrize(("guide", "locale"), PAGES)
def test_the_page_asks_for_nothing_but_itself(browser, site, guide: str, locale: str) -> None:  # type: ignore[no-untyped-def]
    _, requested = site
    requested.clear()
    page = open_page(browser, site, locale, name=guide)
    assert page.outside == [] and page.errors == []
    assert requested == [f"/{locale}/{guide}.html"]  # what the server saw: the page, and nothing after it
    # and it is whole without them: every picture drawn, with its text (a phone is narrower than a page)
    sizes = page.eval_on_selector_all("figure svg", "svgs => svgs.map(s => s.getBBox().width)")
    assert len(sizes) == pictures_shown(guide, locale) and min(sizes) > 150, sizes
    # the images inside the pictures (a logo, a screenshot) are decoded from the page itself
    images = page.eval_on_selector_all(
        "figure svg image", "all => all.map(i => [i.href.baseVal.slice(0, 22), i.getBBox().width])"
    )
    assert all(href.startswith("data:image/") and width > 0 for href, width in images), images
    page.context.close()


@pytest.mark.parametrize(("guide", "locale"), PAGES)
def test_screenshots_at_desktop_and_phone_width(browser, site, shots: Path, guide: str, locale: str) -> None:  # type: ignore[no-untyped-def]
    for width in WIDTHS:
        page = open_page(browser, site, locale, width, name=guide)
        fits = page.evaluate(
            """() => [document.documentElement.scrollWidth, innerWidth,
                Math.max(...[...document.querySelectorAll('main *')].map(e => e.getBoundingClientRect().right))]"""
        )
        scroll_width, inner_width, rightmost = fits
        assert scroll_width <= inner_width and rightmost <= inner_width, (width, fits)  # no horizontal scrolling
        path = shots / f"{guide}-{locale}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        image = Image.open(path)
        assert image.width == width and image.height > 3 * 900
        for figure in [f.bounding_box() for f in page.query_selector_all("ol.steps figure")]:
            if width == 390:  # on a phone the picture takes the width under the text, scaled down
                assert figure["width"] < 373 and figure["x"] + figure["width"] <= width
            else:  # beside the text on a desktop
                assert figure["x"] > 500 and figure["x"] + figure["width"] <= width
        # a picture several steps share: on a desktop the next steps' text runs beside it, as in the PDF
        beside = page.evaluate(
            """() => [...document.querySelectorAll('li.beside')].map(li => {
                let first = li.previousElementSibling;
                while (first.classList.contains('beside')) first = first.previousElementSibling;
                const picture = first.querySelector('figure').getBoundingClientRect();
                const text = li.querySelector('.step-text').getBoundingClientRect();
                return [li.id, text.right <= picture.left, text.top < picture.bottom];
            })"""
        )
        if width == 1280:
            assert all(left and level for _id, left, level in beside), beside
            # and the picture stands level with the first of them, not below its text
            starts = page.evaluate(
                """() => [...document.querySelectorAll('li.shared')].map(li => [li.id,
                    li.querySelector('figure').getBoundingClientRect().top - li.getBoundingClientRect().top])"""
            )
            assert starts and all(abs(offset) < 8 for _id, offset in starts), starts
        page.context.close()


@pytest.mark.parametrize(("guide", "locale"), PAGES)
def test_keyboard_focus_reaches_every_link_and_checkbox_in_order(browser, site, guide: str, locale: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, site, locale, name=guide)
    expected = page.eval_on_selector_all(
        "a[href], input", "all => all.map(e => e.id || e.getAttribute('href') + '|' + e.textContent)"
    )
    reached = []
    for _ in range(len(expected) + 1):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate("(e => e.id || e.getAttribute('href') + '|' + e.textContent)(document.activeElement)")
        )
    assert reached[: len(expected)] == expected and len(expected) > 10
    # focus is visible where it lands, and a checkbox ticks with the space bar
    box = page.get_attribute("input[type=checkbox]", "id")
    assert box, "every shipped guide has a checklist"
    page.focus(f"#{box}")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Space")
    assert page.is_checked(f"#{box}")
    # the skip link is the first stop and leads into the guide
    page.reload()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.context.close()


def _accent_pixels(png: bytes) -> int:
    """How many pixels have about the callouts' colour."""
    channels = Image.open(io.BytesIO(png)).convert("RGB").split()
    target = (int(ACCENT[i : i + 2], 16) for i in (1, 3, 5))
    masks = [c.point(lambda v, t=t: 255 if abs(v - t) < 40 else 0) for c, t in zip(channels, target, strict=True)]
    return ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2]).histogram()[255]


@pytest.mark.parametrize("step", [6, 17])
def test_callouts_survive_dark_mode_and_forced_colours(browser, site, shots: Path, step: int) -> None:  # type: ignore[no-untyped-def]
    counts = {}
    for mode, options in {
        "light": {"color_scheme": "light"},
        "dark": {"color_scheme": "dark"},
        "forced": {"color_scheme": "dark", "forced_colors": "active"},
    }.items():
        page = open_page(browser, site, "nb", 1280, **options)
        png = page.query_selector(f"#step-{step} figure").screenshot()
        (shots / f"nb-step-{step}-{mode}.png").write_bytes(png)
        counts[mode] = _accent_pixels(png)
        page.context.close()
    assert counts["light"] > 400
    for mode in ("dark", "forced"):  # the picture keeps its own colours (give or take an edge pixel)
        assert abs(counts[mode] - counts["light"]) <= counts["light"] * 0.01, counts


def test_the_printed_page_has_no_navigation_and_keeps_steps_whole(browser, site) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, site, "en")
    page.emulate_media(media="print")
    hidden = page.eval_on_selector_all(".skip, nav, .pdf", "all => all.map(e => !e.checkVisibility())")
    assert hidden and all(hidden)
    breaks = page.eval_on_selector_all("ol.steps > li, figure", "all => all.map(e => getComputedStyle(e).breakInside)")
    assert set(breaks) == {"avoid"}
    pdf = page.pdf(format="A4")
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert 3 <= len(reader.pages) <= 12 and "Link BankID to your Visma account" in text
    assert "Other languages" not in text and "Contents" not in text
    page.context.close()


def test_the_language_links_lead_to_the_other_editions(browser, site) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, site, "nb")
    page.click("nav.languages a[hreflang=en]")
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "en"
    page.click("nav.languages a[hreflang=nn]")
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "nn"
    assert page.outside == []
    page.context.close()


@pytest.mark.parametrize(("guide", "locale"), PAGES)
def test_no_heading_is_cut_at_320_px_with_text_at_200_percent(browser, site, guide: str, locale: str) -> None:  # type: ignore[no-untyped-def]
    """WCAG 1.4.4 and 1.4.10: at 320 CSS pixels with the text twice as large, a long compound in a
    heading ("kontoinnstillingene", "totrinnsbekreftelse") breaks (hyphenated where the browser
    can, else wrapped anywhere) instead of running past the screen's edge."""
    page = open_page(browser, site, locale, 320, name=guide)
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    cut = page.evaluate(
        """() => [...document.querySelectorAll('h1, h2, h3, .kicker, .summary, .step-text, th, td')]
            .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > innerWidth + 0.5)
            .map(e => e.tagName + ': ' + e.textContent.trim().slice(0, 60))"""
    )
    assert not cut, cut
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    page.context.close()

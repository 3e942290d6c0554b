"""The README's pictures of the HTML edition, at desktop and phone width (run by make_pictures.sh).

Needs Playwright and Debian's chromium (the browser tests' tools). Usage: html_pictures.py PAGE.html OUT_DIR
"""

from __future__ import annotations

import argparse
import io
import shutil
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def save(png: bytes, path: Path, scale: float = 1.0) -> None:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if scale != 1.0:
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
    image.quantize(128).save(path, optimize=True)


def main(page_path: Path, out: Path) -> None:
    url = Path(page_path).resolve().as_uri()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        desktop = browser.new_page(viewport={"width": 1280, "height": 1500})
        desktop.goto(url)
        bottom = desktop.eval_on_selector("#step-3 figure", "e => e.getBoundingClientRect().bottom")
        shot = desktop.screenshot(clip={"x": 0, "y": 0, "width": 1280, "height": bottom + 24}, full_page=True)
        save(shot, Path(out) / "html-desktop.png", 0.5)
        phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
        phone.goto(url)
        top = phone.eval_on_selector("#section-1", "e => e.getBoundingClientRect().top + scrollY") - 16
        bottom = phone.eval_on_selector("#step-3 figure", "e => e.getBoundingClientRect().bottom + scrollY") + 16
        shot = phone.screenshot(clip={"x": 0, "y": top, "width": 390, "height": bottom - top}, full_page=True)
        save(shot, Path(out) / "html-phone.png")
        browser.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("page", type=Path, help="an HTML edition's page")
    parser.add_argument("out", type=Path, help="the folder for html-desktop.png and html-phone.png")
    arguments = parser.parse_args()
    main(arguments.page, arguments.out)

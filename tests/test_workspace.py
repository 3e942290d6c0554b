"""One opened project renders for a long time: each edit of a guide, a catalog or a logo shows in the
next render, and memory stays flat (the process's state is the project's `Workspace`, bounded and
keyed by what each thing was made from)."""

from __future__ import annotations

import gc
import io
import shutil
import threading
import tracemalloc
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

import guidepress
from conftest import GUIDE_ID, ROOT
from guidepress.workspace import Memo, Versions

TENANTS = "id,organisation,logo,locales\nacme,Acme AS,logos/acme.png,nb en\n"


def logo(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 40), colour).save(out, "PNG")
    return out.getvalue()


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def logo_colour(data: bytes) -> tuple[int, ...]:
    """The colour of the logo in the PDF's first page (the only raster image there)."""
    images = PdfReader(io.BytesIO(data)).pages[0].images
    picture = Image.open(io.BytesIO(images[0].data)).convert("RGB")
    return picture.getpixel((picture.width // 2, picture.height // 2))  # type: ignore[return-value]


@pytest.fixture
def long_lived(scratch: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    (scratch / "assets" / "logos" / "acme.png").write_bytes(logo((200, 30, 30)))
    (scratch / "tenants.csv").write_text(TENANTS, encoding="utf-8")
    return scratch


def test_a_long_running_process_sees_every_edit_and_keeps_its_memory(long_lived: Path) -> None:
    project = guidepress.open_project(long_lived)
    guide = long_lived / "guide_src" / f"{GUIDE_ID}.yaml"
    catalog = long_lived / "locales" / "nb" / "LC_MESSAGES" / "guides.po"
    tenants = long_lived / "tenants.csv"
    handout, tenant_pdf = f"en/{GUIDE_ID}.pdf", f"acme/nb/{GUIDE_ID}.pdf"
    paths = [f"en/{GUIDE_ID}.html", f"nb/{GUIDE_ID}.html", f"nb/{GUIDE_ID}/06-reset-request.png", handout]

    def one_round(n: int) -> None:
        for path in paths:
            project.render(path)
        project.render(tenant_pdf, tenants=tenants)
        project.render(f"acme/en/{GUIDE_ID}.ticket.pdf", tenants=tenants)
        assert n >= 0

    for n in range(5):  # warm: imports, fonts, Babel's locale data, the caches filled
        one_round(n)
    gc.collect()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        renders = 0
        for n in range(1, 41):  # 40 rounds of 6 renders, an edit every 4th round
            if n % 4 == 0:
                edit = n // 4
                title = f"Link BankID, edition {edit}"
                text = guide.read_text(encoding="utf-8")
                guide.write_text(_retitled(text, title), encoding="utf-8")
                assert title in pdf_text(project.render(handout))  # the guide's new English text shows
                word = f"Lesdette{edit}"
                catalog.write_text(_retranslated(catalog.read_text(encoding="utf-8"), word), encoding="utf-8")
                assert word in pdf_text(project.render(tenant_pdf, tenants=tenants))  # the catalog's new word
                colour = (20 * edit % 256, 200, 40)
                (long_lived / "assets" / "logos" / "acme.png").write_bytes(logo(colour))
                assert logo_colour(project.render(tenant_pdf, tenants=tenants)) == colour  # the new logo
                renders += 3
            one_round(n)
            renders += 6
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    assert renders == 270
    assert grown < 4 * 2**20, f"{grown / 2**20:.1f} MB more after {renders} renders"
    assert len(project.workspace.handouts) <= 8 and len(project.workspace.guides) <= 1


def _retitled(text: str, title: str) -> str:
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("title:"):
            lines[i] = f"title: {title}\n"
            return "".join(lines)
    raise AssertionError("the guide has no title line")


def _retranslated(text: str, word: str) -> str:
    """The nb catalog with the first word of the summary's translation (on the first page) replaced."""
    marker = '"Bruk denne veiledningen'
    start = text.index(marker) + 1 if marker in text else text.index('msgstr ""\n"', text.index("Use this guide")) + 12
    end = text.index(" ", start)
    return text[:start] + word + text[end:]


def test_memos_are_bounded_and_keep_one_version_per_source() -> None:
    memo: Memo[int, int] = Memo(3)
    for n in range(10):
        assert memo.get(n, lambda n=n: n * n) == n * n
    assert len(memo) == 3 and memo.get(9, lambda: -1) == 81 and memo.get(0, lambda: -1) == -1
    versions: Versions[str, str] = Versions(4)
    assert versions.get("guide", 1, lambda: "first") == "first"
    assert versions.get("guide", 1, lambda: "again") == "first"
    assert versions.get("guide", 2, lambda: "edited") == "edited" and len(versions) == 1


def test_threads_render_one_project_alike(long_lived: Path) -> None:
    """A threaded server calls render concurrently: every thread gets the bytes a lone call gets."""
    project = guidepress.open_project(long_lived)
    paths = [f"nb/{GUIDE_ID}.pdf", f"en/{GUIDE_ID}.html", f"nn/{GUIDE_ID}/06-reset-request.png"]
    alone = {path: guidepress.open_project(long_lived).render(path) for path in paths}
    got: list[tuple[str, bytes]] = []
    failures: list[BaseException] = []

    def work(path: str) -> None:
        try:
            got.append((path, project.render(path)))
        except BaseException as exc:  # noqa: BLE001 (reported below, in the test's thread)
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(paths[n % 3],)) for n in range(9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures and len(got) == 9
    assert all(data == alone[path] for path, data in got)


def test_the_scratch_project_is_a_copy(long_lived: Path) -> None:
    assert (long_lived / "guide_src").is_dir() and long_lived != ROOT
    shutil.rmtree(long_lived / "assets" / "logos")
    with pytest.raises(guidepress.GuideError, match="logo"):
        guidepress.open_project(long_lived).render(f"acme/nb/{GUIDE_ID}.pdf", tenants=long_lived / "tenants.csv")


def test_a_build_in_a_servers_thread_forks_no_workers() -> None:
    """Forking a threaded process copies locks other threads hold: from a thread, jobs run in it."""
    import os

    from guidepress.batch.parallel import run_jobs

    pids: list[list[int]] = []
    thread = threading.Thread(target=lambda: pids.append(run_jobs(lambda _: os.getpid(), [1, 2, 3], 2, lost=int)))
    thread.start()
    thread.join()
    assert pids == [[os.getpid()] * 3]
    forked = run_jobs(lambda _: os.getpid(), [1, 2, 3], 2, lost=int)  # from the main thread, workers
    assert os.getpid() not in forked

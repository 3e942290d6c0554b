"""`guidepress serve` over real HTTP on the loopback address, started as a subprocess as a user starts it.

The served bytes are compared with what make_pdf.py writes for each kind of path; hostile paths,
unsigned, tampered and expired links, the token and a bad email are refused as promised; a burst
larger than the queue is answered 429; SIGTERM in the middle of renders lets them finish and exits 0;
an edited guide is served fresh. The agent page is checked in chromium (axe, keyboard, download),
marked `browser` like tests/test_browser.py. Bounded: two servers, a few dozen requests.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

import guidepress
from conftest import GUIDE_ID, ROOT
from test_browser import WCAG_21_AA, axe_script, browser, confined_page  # noqa: F401  (browser: chromium, a fixture)

EPOCH = "1767225600"
TOKEN = "agent-token-for-tests"
SECRET = "a-secret-of-at-least-32-characters-for-the-tests"
EMAIL = "kari.nordmann@fjordvik.example"
pytest.importorskip("starlette", reason="guidepress serve's parts: pip install '.[serve]'")


@dataclass
class Server:
    process: subprocess.Popen[str]
    base: str
    log: Path

    @property
    def port(self) -> int:
        return int(self.base.rsplit(":", 1)[1])

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        """A request with the path sent exactly as given (no client-side clean-up of `..` or `%2e`)."""
        return request(self.port, "GET", path, headers=headers)

    def post(self, path: str, body: object, token: str | None = TOKEN) -> tuple[int, dict[str, object]]:
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        status, _, answer = request(self.port, "POST", path, json.dumps(body).encode(), headers)
        return status, json.loads(answer)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


def request(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in {**(headers or {}), "Content-Length": str(len(body or b""))}.items():
            connection.putheader(name, value)
        connection.endheaders(body)
        answer = connection.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    finally:
        connection.close()


def project_copy(folder: Path) -> Path:
    """A guides project of its own (its guide may be edited): the repository's inputs, copied."""
    for name in ("guide_src", "locales", "packs", "assets", "examples"):
        shutil.copytree(ROOT / name, folder / name)
    return folder


def start(project: Path, log: Path, *args: str) -> Server:
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": EPOCH,
        "GUIDEPRESS_API_TOKENS": f"another-token, {TOKEN}",
        "GUIDEPRESS_SECRET": SECRET,
        "PYTHONPATH": str(ROOT / "src"),
    }
    command = [sys.executable, "-m", "guidepress", "serve", "--port", "0", *args]
    with log.open("w") as stderr:
        process = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True)
    assert process.stdout is not None
    first = process.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:\d+", first)
    assert found, (first, log.read_text())
    server = Server(process, found.group(0), log)
    deadline = time.monotonic() + 90
    try:
        while time.monotonic() < deadline:
            try:
                if server.get("/readyz")[0] == 200:
                    return server
            except ConnectionError:
                pass
            assert process.poll() is None, log.read_text()
            time.sleep(0.2)
        raise AssertionError("not ready within 90 s: " + log.read_text())
    except BaseException:
        process.kill()  # no server left behind by a failed start
        raise


def workers_of(pid: int) -> list[int]:
    """The server's render processes (its spawned children, not multiprocessing's resource tracker)."""
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(c) for c in (task / "children").read_text().split()]
    return [c for c in children if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text()]


def make_pdf(project: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    command = [sys.executable, str(ROOT / "make_pdf.py"), "--out", str(out), "-j", "1", *args]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)


def make_pdf_started(project: Path, out: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    command = [sys.executable, str(ROOT / "make_pdf.py"), "--out", str(out), "-j", "1", *args]
    return subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("served") / "project"
    folder.mkdir()
    (folder.parent / "outside.pdf").write_text("SECRET-OUTSIDE-THE-PROJECT")  # what a hostile path would reach
    return project_copy(folder)


BAD_TENANT_ROWS = (
    "vars-deadbeef,Folder Thief AS,https://thief.vuq.visma.com/enterprise,it@thief.example,,nb,,\n"
    "badmail,Bad Mail AS,https://badmail.vuq.visma.com/enterprise,helpdesk-without-at,,nb,,\n"
)


@pytest.fixture(scope="module")
def server(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tenants = project / "served-tenants.csv"  # the example's rows and two with a problem each
    tenants.write_text((project / "examples/tenants.csv").read_text() + BAD_TENANT_ROWS)
    log = tmp_path_factory.mktemp("log") / "serve.log"
    running = start(project, log, "--tenants", tenants.name, "--people", "examples/new-employees.csv")
    try:
        yield running
    finally:
        status = running.stop()
    assert status == 0


@pytest.fixture(scope="module")
def cli(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What make_pdf.py writes for the paths the tests ask the server for."""
    out = tmp_path_factory.mktemp("cli")
    guide = f"guide_src/{GUIDE_ID}.yaml"
    runs = []
    for args in (
        (guide, "--locale", "nb"),
        (guide, "--html", "--no-png"),  # every locale: a page links to its other languages
        (guide, "--locale", "nn", "--profile", "ticket", "--paper", "letter", "--no-png"),
        (
            guide,
            "--locale",
            "nn",
            "--profile",
            "ticket",
            "--no-png",
            "--tenants",
            "examples/tenants.csv",
            "--tenant",
            "fjordvik",
        ),
        ("--locale", "en", "--pack", "onboarding", "--no-png"),
        (guide, "--locale", "nb", "--profile", "ticket", "--no-png", "--var", f"user_email={EMAIL}"),
        ("--locale", "nb", "--pack", "onboarding", "--no-png", "--people", "examples/new-employees.csv"),
    ):
        runs.append(make_pdf_started(project, out / f"run{len(runs)}", *args))
    for number, run in enumerate(runs):  # side by side (each is mostly the interpreter starting), each its own folder
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
        shutil.copytree(out / f"run{number}", out / "all", dirs_exist_ok=True)
    return out / "all"


# --- the URL is the output path -------------------------------------------------------------------

KINDS = {
    f"nb/{GUIDE_ID}.pdf": ("application/pdf", "nb-bankid-visma-connect.pdf"),
    f"nn/{GUIDE_ID}.ticket.letter.pdf": ("application/pdf", "nn-bankid-visma-connect.ticket.letter.pdf"),
    f"fjordvik/nn/{GUIDE_ID}.ticket.pdf": ("application/pdf", "fjordvik-nn-bankid-visma-connect.ticket.pdf"),
    f"nb/{GUIDE_ID}.html": ("text/html; charset=utf-8", "nb-bankid-visma-connect.html"),
    f"nb/{GUIDE_ID}/06-reset-request.png": ("image/png", "nb-bankid-visma-connect-06-reset-request.png"),
    "en/onboarding.pdf": ("application/pdf", "en-onboarding.pdf"),
}


@pytest.mark.parametrize("path", list(KINDS))
def test_each_kind_of_path_answers_the_bytes_make_pdf_writes(server: Server, cli: Path, path: str) -> None:
    status, headers, body = server.get(f"/{path}")
    assert status == 200, body[:200]
    assert body == (cli / path).read_bytes()
    media_type, name = KINDS[path]
    assert headers["content-type"] == media_type
    assert headers["content-disposition"] == f'inline; filename="{name}"'
    assert headers["cache-control"] == "no-cache"
    assert re.fullmatch(r'"[0-9a-f]{32}"', headers["etag"])


def test_an_unchanged_output_is_304_and_answered_from_the_cache(server: Server) -> None:
    path = f"/nb/{GUIDE_ID}.pdf"
    status, headers, _ = server.get(path)
    assert status == 200
    status, again, body = server.get(path, {"If-None-Match": headers["etag"]})
    assert (status, body, again["etag"]) == (304, b"", headers["etag"])
    assert server.get(path, {"If-None-Match": '"not-it"'})[0] == 200
    _, _, metrics = server.get("/metrics")
    hits = re.search(rb'guidepress_cache_hits_total\{kind="pdf"\} (\d+)', metrics)
    assert hits and int(hits.group(1)) >= 2


@pytest.mark.parametrize(
    ("path", "says"),
    [
        (f"/nb/{GUIDE_ID}-typo.pdf", "no guide or pack 'bankid-visma-connect-typo' (did you mean"),
        (f"/xx/{GUIDE_ID}.pdf", "xx"),
        (f"/nowhere/nb/{GUIDE_ID}.pdf", "no tenant 'nowhere'"),
        (f"/nb/{GUIDE_ID}.docx", "unknown file suffix"),
        (f"/nb/{GUIDE_ID}/99-no-such-screen.png", "no such screen"),
    ],
)
def test_what_names_nothing_is_404_in_one_line(server: Server, path: str, says: str) -> None:
    status, headers, body = server.get(path)
    assert status == 404
    assert headers["content-type"].startswith("text/plain")
    text = body.decode()
    assert text.count("\n") == 1 and says in text, text


@pytest.mark.parametrize(
    ("asked", "canonical"),
    [
        (f"/fjordvik/nn-NO/{GUIDE_ID}.ticket.pdf", f"/fjordvik/nn/{GUIDE_ID}.ticket.pdf"),
        (f"/no/{GUIDE_ID}.pdf?download", f"/nb/{GUIDE_ID}.pdf?download"),
        (f"/en_GB/{GUIDE_ID}.html", f"/en/{GUIDE_ID}.html"),
    ],
)
def test_a_help_desks_language_code_is_redirected_to_the_locale(server: Server, asked: str, canonical: str) -> None:
    status, headers, _ = server.get(asked)
    assert (status, headers["location"]) == (308, canonical)


@pytest.mark.parametrize(
    ("asked", "canonical"),
    [
        (f"/de-DE/{GUIDE_ID}.ticket.pdf?fallback=en", f"/en/{GUIDE_ID}.ticket.pdf"),
        (f"/fjordvik/fr/{GUIDE_ID}.pdf?download&fallback=nn", f"/fjordvik/nn/{GUIDE_ID}.pdf?download"),
        (f"/nn-NO/{GUIDE_ID}.pdf?fallback=en", f"/nn/{GUIDE_ID}.pdf"),  # a language we have wins
        (f"/fr/{GUIDE_ID}.pdf?fallback=nb-NO", f"/nb/{GUIDE_ID}.pdf"),  # the fallback in a desk's code too
        (f"/de/{GUIDE_ID}/05-login.png?fallback=en", f"/en/{GUIDE_ID}/05-login.png"),
    ],
)
def test_a_language_the_project_lacks_goes_to_the_links_fallback(server: Server, asked: str, canonical: str) -> None:
    status, headers, _ = server.get(asked)
    assert (status, headers["location"]) == (308, canonical)


def test_a_fallback_that_is_no_locale_is_refused_and_a_known_locale_needs_none(server: Server) -> None:
    status, _, body = server.get(f"/de/{GUIDE_ID}.pdf?fallback=xx")
    assert status == 404 and body.decode().startswith("?fallback='xx': no such locale (have: en, nb, nn")
    status, _, body = server.get(f"/nb/{GUIDE_ID}.pdf?fallback=en")
    assert status == 200 and body.startswith(b"%PDF")
    status, _, _ = server.get(f"/de/{GUIDE_ID}.pdf")  # without a fallback, a locale we lack is not found
    assert status == 404
    # an unknown tenant before a language stays not found: the fallback replaces a locale's place only
    status, _, body = server.get(f"/xx/de/{GUIDE_ID}.pdf?fallback=en")
    assert status == 404 and b"xx" in body


def test_a_name_too_long_for_a_file_is_not_found() -> None:
    """A name longer than the file system allows is an address that names nothing, not an OSError."""
    project = guidepress.open_project(ROOT)
    for address in (f"nb/{'a' * 300}.pdf", f"nb/{'a' * 300}.html", f"{'a' * 300}/nb/{GUIDE_ID}.pdf"):
        with pytest.raises(guidepress.NotFound):
            project.render(address)


HOSTILE = [
    "/../outside.pdf",
    "/%2e%2e/outside.pdf",
    "/%2E%2E%2Foutside.pdf",
    "/nb/..%2f..%2foutside.pdf",
    "/nb/%2e%2e/%2e%2e/outside.pdf",
    "//etc/passwd",
    "/nb/../../../../etc/passwd",
    "/nb/bankid%00.pdf",
    "/nb%5c..%5coutside.pdf",
    "/./nb/bankid-visma-connect.pdf",
]


@pytest.mark.parametrize("path", HOSTILE)
def test_a_path_that_tries_to_leave_the_project_is_refused(server: Server, path: str) -> None:
    status, _, body = server.get(path)
    assert status in (400, 404), (path, status)
    assert b"SECRET" not in body and b"root:" not in body
    assert body.decode().count("\n") == 1


def test_health_readiness_and_metrics(server: Server) -> None:
    assert server.get("/healthz")[:1] == (200,)
    assert server.get("/readyz")[2] == b"ready\n"
    status, headers, body = server.get("/metrics")
    assert status == 200 and headers["content-type"].startswith("text/plain")
    for name in (
        "guidepress_requests_total",
        "guidepress_request_seconds_bucket",
        "guidepress_renders_total",
        "guidepress_queue_depth",
        "guidepress_workers_busy",
        "guidepress_cache_bytes",
    ):
        assert name.encode() in body, name


# --- personal values: only through signed, expiring links ---------------------------------------------


def test_a_query_that_sets_a_variable_is_refused_on_an_unsigned_url(server: Server) -> None:
    status, _, body = server.get(f"/nb/{GUIDE_ID}.ticket.pdf?user_email={EMAIL}")
    assert status == 403
    assert b"signed link" in body and EMAIL.encode() not in body


def test_the_links_api_wants_a_valid_token(server: Server) -> None:
    asked = {"path": f"nb/{GUIDE_ID}.ticket.pdf", "values": {"user_email": EMAIL}}
    assert server.post("/api/links", asked, token=None)[0] == 401
    assert server.post("/api/links", asked, token="agent-token-for-test")[0] == 401
    assert server.post("/api/links", asked, token=TOKEN + "x")[0] == 401


def test_a_bad_email_is_422_with_the_command_lines_message(server: Server, project: Path, tmp_path: Path) -> None:
    status, answer = server.post("/api/links", {"path": f"nb/{GUIDE_ID}.ticket.pdf", "values": {"user_email": "x"}})
    said = make_pdf(project, tmp_path, f"guide_src/{GUIDE_ID}.yaml", "--locale", "nb", "--var", "user_email=x")
    assert said.returncode == 1
    assert status == 422 and answer["error"] == said.stderr.strip().splitlines()[0]


def test_a_signed_link_serves_the_persons_pdf_until_it_expires(server: Server, cli: Path) -> None:
    path = f"nb/{GUIDE_ID}.ticket.pdf"
    status, answer = server.post("/api/links", {"path": path, "values": {"user_email": EMAIL}, "expires_in": 2})
    assert status == 200, answer
    url = urlsplit(str(answer["url"]))
    assert url.path == f"/{path}" and EMAIL not in str(answer["url"]) and "kari" not in str(answer["url"])
    link = f"{url.path}?{url.query}"
    status, headers, body = server.get(link)
    assert status == 200
    written = next((cli).glob(f"vars-*/{path}"))
    assert body == written.read_bytes()  # the bytes `make_pdf.py --var user_email=…` writes
    assert EMAIL in "".join(page.extract_text() for page in PdfReader(written).pages)
    assert headers["cache-control"] == "private, no-store"
    tampered = link.replace("sig=", "sig=A")
    other_path = link.replace(".ticket.pdf", ".pdf")  # the signature is for one path only
    longer = re.sub(r"exp=(\d+)", lambda m: f"exp={int(m.group(1)) + 3600}", link)
    for refused in (tampered, other_path, longer):
        status, _, body = server.get(refused)
        assert status == 403 and b"not signed by this server" in body, refused
    time.sleep(2.2)
    status, _, body = server.get(link)
    assert status == 403 and b"expired" in body


# --- a person's pack: personal, whatever the URL -------------------------------------------------------

PERSON = "E1043"
PERSON_VALUES = (b"Jonas", b"Berg", b"jonas.berg", b"jber", b"Teknisk", b"E1042", b"Ingrid", b"isol")


@pytest.mark.parametrize(
    "path",
    [f"/nb/onboarding/{PERSON}.pdf", f"/en/onboarding/{PERSON}.ticket.pdf", f"/fjordvik/nb/onboarding/{PERSON}.pdf"],
)
def test_a_persons_pack_is_refused_on_an_unsigned_url(server: Server, path: str) -> None:
    status, headers, body = server.get(path)
    assert status == 403, body[:200]
    assert body == b"a person's document is served only through a signed link from POST /api/links\n"
    assert not any(value in body for value in PERSON_VALUES)
    assert "etag" not in headers and headers["cache-control"] == "no-store"


def test_an_unknown_person_is_refused_and_no_id_is_suggested(server: Server) -> None:
    status, _, body = server.get("/nb/onboarding/E1044.pdf")  # one digit from two people's ids
    assert status == 403 and b"E104" not in body.replace(b"E1044", b"") and b"did you mean" not in body
    status, answer = server.post("/api/links", {"path": "nb/onboarding/E1044.pdf"})
    assert status == 404, answer
    assert answer["error"] == "not found: no person's document at this address"


def test_a_signed_link_serves_a_persons_pack_as_make_pdf_writes_it_never_cached(server: Server, cli: Path) -> None:
    path = f"nb/onboarding/{PERSON}.pdf"
    status, answer = server.post("/api/links", {"path": path})
    assert status == 200, answer
    url = urlsplit(str(answer["url"]))
    assert url.path == f"/{path}" and "jonas" not in str(answer["url"]).lower()
    before = re.search(rb"guidepress_cache_bytes (\S+)", server.get("/metrics")[2])
    for _ in range(2):
        status, headers, body = server.get(f"{url.path}?{url.query}")
        assert status == 200, body[:200]
        assert body == (cli / path).read_bytes()
        assert headers["cache-control"] == "private, no-store"
        assert not {"etag", "last-modified", "expires"} & set(headers)
    after = re.search(rb"guidepress_cache_bytes (\S+)", server.get("/metrics")[2])
    assert before and after and before.group(1) == after.group(1)  # not kept in the shared cache
    assert "Jonas Berg" in "".join(page.extract_text() for page in PdfReader(cli / path).pages)
    assert server.get(f"/{path}")[0] == 403  # the same path without the link: still refused


def test_a_signed_link_to_a_persons_pack_with_values_is_made(server: Server) -> None:
    asked = {"path": f"nb/onboarding/{PERSON}.pdf", "values": {"user_email": EMAIL}}
    status, answer = server.post("/api/links", asked)
    assert status == 200, answer
    url = urlsplit(str(answer["url"]))
    status, headers, body = server.get(f"{url.path}?{url.query}")
    assert status == 200 and body.startswith(b"%PDF") and headers["cache-control"] == "private, no-store"


def test_a_signature_that_is_not_ascii_is_refused_as_tampered(server: Server) -> None:
    status, _, body = server.get(f"/nb/{GUIDE_ID}.pdf?exp=1&v=a&sig=%C3%A9")
    assert status == 403 and body == b"this link is not signed by this server, or was altered\n"


@pytest.mark.parametrize("path", ["//nb-NO/onboarding.pdf", "//evil.example/nb/onboarding.pdf", "/nb//onboarding.pdf"])
def test_a_path_with_an_empty_segment_is_not_redirected(server: Server, path: str) -> None:
    status, headers, body = server.get(path)  # sent as is, as curl --path-as-is does
    assert status in (400, 404) and "location" not in headers
    assert body.decode().count("\n") == 1


def test_values_with_a_tenants_path_are_422_naming_no_internal_folder(server: Server) -> None:
    asked = {"path": f"fjordvik/nb/{GUIDE_ID}.pdf", "values": {"user_email": "a@b.example"}}
    status, answer = server.post("/api/links", asked)
    assert (status, answer) == (422, {"error": "values and tenants: put the values in the tenants file"})


def test_bad_tenant_rows_are_printed_at_start_and_not_served(server: Server, project: Path, tmp_path: Path) -> None:
    said = make_pdf(project, tmp_path, f"guide_src/{GUIDE_ID}.yaml", "--no-png", "--tenants", "served-tenants.csv")
    expected = [line for line in said.stderr.splitlines() if line.startswith("served-tenants.csv:")]
    assert len(expected) >= 2, said.stderr
    log = server.log.read_text().splitlines()
    assert all(line in log for line in expected), (expected, log)
    for tenant in ("vars-deadbeef", "badmail"):
        status, _, body = server.get(f"/{tenant}/nb/{GUIDE_ID}.pdf")
        assert status in (400, 404) and not body.startswith(b"%PDF"), body[:200]
    _, _, page = server.get("/")
    assert b"badmail" not in page and b"vars-deadbeef" not in page and b'"fjordvik"' in page
    assert server.get(f"/badmail/nb/{GUIDE_ID}.pdf")[0] == 404


def test_no_personal_value_reaches_the_log_or_the_metrics(server: Server) -> None:
    status, answer = server.post("/api/links", {"path": f"nb/{GUIDE_ID}.ticket.pdf", "values": {"user_email": EMAIL}})
    url = urlsplit(str(answer["url"]))
    assert server.get(f"{url.path}?{url.query}")[0] == 200
    server.post("/api/links", {"path": f"nb/{GUIDE_ID}.ticket.pdf", "values": {"user_email": "not-an-email"}})
    metrics = server.get("/metrics")[2].decode()
    log = server.log.read_text()
    assert re.search(rf"^GET /nb/{GUIDE_ID}\.ticket\.pdf 200 [\d.]+ ms$", log, re.MULTILINE), log[-500:]
    for secret in (EMAIL, "kari", "not-an-email", url.query, "v=", SECRET, TOKEN):
        assert secret not in log and secret not in metrics, secret


# --- the guide edited while the server runs -----------------------------------------------------------


def test_an_edited_guide_is_served_fresh(server: Server, project: Path) -> None:
    path = "/en/two-step-verification.html"
    status, _, before = server.get(path)
    assert status == 200
    guide = project / "guide_src" / "two-step-verification.yaml"
    text = guide.read_text(encoding="utf-8")
    title = re.search(r"^title: (.+)$", text, re.MULTILINE)
    assert title
    guide.write_text(text.replace(title.group(0), "title: Edited while served"), encoding="utf-8")
    status, _, after = server.get(path)
    assert status == 200 and after != before and b"Edited while served" in after


# --- load: a full queue, and a stop in the middle of renders ------------------------------------------


def test_a_burst_larger_than_the_queue_is_429_and_sigterm_lets_renders_finish(project: Path, tmp_path: Path) -> None:
    small = start(project, tmp_path / "serve.log", "--workers", "1", "--queue", "1")
    try:
        burst_then_stop(small)
    finally:
        if small.process.poll() is None:
            small.process.kill()


def test_a_request_past_its_deadline_queue_included_is_503_with_retry_after(project: Path, tmp_path: Path) -> None:
    """Over HTTP: with one worker and a deadline of 0.2 s, requests queued behind slow renders (the
    onboarding pack, three locales and two forms, uncached) are answered 503 once their time is up,
    queue time included, each with Retry-After; none waits for its render."""
    tight = start(project, tmp_path / "serve.log", "--workers", "1", "--queue", "16", "--deadline", "0.2")
    try:
        paths = [f"/{locale}/onboarding.{form}pdf" for locale in ("nb", "nn", "en") for form in ("", "ticket.")]
        answers: dict[str, tuple[float, tuple[int, dict[str, str], bytes]]] = {}

        def ask(path: str) -> None:
            began = time.monotonic()
            answer = tight.get(path)
            answers[path] = (time.monotonic() - began, answer)

        burst = [threading.Thread(target=ask, args=(p,)) for p in paths]
        for thread in burst:
            thread.start()
        for thread in burst:
            thread.join()
        late = [(took, answer) for took, answer in answers.values() if answer[0] == 503]
        assert late, sorted(answer[0] for _, answer in answers.values())
        for took, (_, headers, body) in late:
            assert headers.get("retry-after") and body.decode().startswith("busy: not rendered within 0.2 s")
            assert took < 2.0  # answered when its time was up, not after the renders ahead of it
        assert {answer[0] for _, answer in answers.values()} <= {200, 503}
    finally:
        tight.process.send_signal(signal.SIGTERM)
        assert tight.process.wait(timeout=15) == 0


def burst_then_stop(small: Server) -> None:
    paths = [
        f"/{locale}/{guide}.{form}pdf"
        for locale in ("nb", "nn", "en")
        for guide in (GUIDE_ID, "register-absence")
        for form in ("", "ticket.")
    ]
    answers: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def ask(path: str) -> None:
        answers[path] = small.get(path)

    burst = [threading.Thread(target=ask, args=(p,)) for p in paths]
    for thread in burst:
        thread.start()
    for thread in burst:
        thread.join()
    statuses = sorted(status for status, _, _ in answers.values())
    assert set(statuses) == {200, 429}, statuses
    assert statuses.count(200) >= 2  # the one rendering and the one queued
    assert all(h.get("retry-after") for s, h, _ in answers.values() if s == 429)
    # a worker killed in the middle of a render (the kernel's OOM killer, say): 503, and the next is served
    lost: list[tuple[int, dict[str, str], bytes]] = []
    for locale in ("en", "nb", "nn"):  # a render may end before the kill lands: try another
        asking = threading.Thread(target=lambda p=f"/{locale}/onboarding.letter.pdf": lost.append(small.get(p)))
        asking.start()
        deadline = time.monotonic() + 10
        while b"guidepress_workers_busy 1.0" not in small.get("/metrics")[2] and time.monotonic() < deadline:
            time.sleep(0.02)
        for worker in workers_of(small.process.pid):
            os.kill(worker, signal.SIGKILL)
        asking.join()
        if lost[-1][0] == 503:
            break
    assert lost[-1][0] == 503 and b"worker stopped" in lost[-1][2], [status for status, _, _ in lost]
    assert small.get("/nb/onboarding.pdf")[0] == 200
    # SIGTERM while two renders are in hand: both answered whole, then exit 0
    slow = [f"/{locale}/onboarding.pdf" for locale in ("nb", "nn")]
    late: dict[str, tuple[int, dict[str, str], bytes]] = {}
    threads = [threading.Thread(target=lambda p=p: late.__setitem__(p, small.get(p))) for p in slow]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    stopped = time.monotonic()
    small.process.send_signal(signal.SIGTERM)
    for thread in threads:
        thread.join()
    assert small.process.wait(timeout=15) == 0
    assert time.monotonic() - stopped < 10
    for path in slow:
        status, headers, body = late[path]
        assert status == 200 and int(headers["content-length"]) == len(body) and body.rstrip().endswith(b"%%EOF")
    assert "stopped" in small.log.read_text()


# --- the agent page in chromium ----------------------------------------------------------------------


def agent_page(chromium, server: Server, locale: str, width: int = 1280, **options):  # type: ignore[no-untyped-def]
    """The agent page at this width; a request to any other host is refused and recorded."""
    return confined_page(chromium, server.base, f"/?lang={locale}", width, accept_downloads=True, **options)


def wait_until(condition, seconds: float = 30) -> None:  # type: ignore[no-untyped-def]
    """Poll (the page's policy forbids the evaluated strings of Playwright's wait_for_function)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    page.evaluate(axe_script())
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("locale", "heading"),
    [("nb", "Veiledninger for kundestøtte"), ("nn", "Rettleiingar for kundestøtte"), ("en", "Handouts for support")],
)
def test_the_agent_page_is_axe_clean_in_its_three_languages(
    browser,  # noqa: F811
    server: Server,
    locale: str,
    heading: str,
) -> None:  # type: ignore[no-untyped-def]
    for width, scheme in ((1280, "light"), (390, "dark")) if locale == "nb" else ((1280, "light"),):
        page = agent_page(browser, server, locale, width, color_scheme=scheme)
        assert page.inner_text("h1") == heading
        assert page.get_attribute("html", "lang") == locale
        assert axe_violations(page) == [], (locale, width, scheme)
        assert page.outside == [] and page.errors == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.context.close()


@pytest.mark.browser
def test_an_agent_picks_downloads_and_mints_a_link_with_the_keyboard(
    browser,  # noqa: F811
    server: Server,
    cli: Path,
) -> None:  # type: ignore[no-untyped-def]
    page = agent_page(browser, server, "en")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.base)

    def tab_to(element_id: str) -> None:
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id || document.activeElement.name") == element_id:
                return
        raise AssertionError(f"Tab never reached #{element_id}")

    tab_to("tenant")
    page.keyboard.press("ArrowDown")  # the first organisation: Fjordvik kommune
    assert page.input_value("#tenant") == "fjordvik"
    tab_to("locale")
    for _ in range(5):
        if page.input_value("#locale") == "nn":
            break
        page.keyboard.press("ArrowDown")
    assert page.input_value("#locale") == "nn"
    tab_to("profile")
    page.keyboard.press("ArrowRight")  # print → ticket
    tab_to("download")
    with page.expect_download() as downloading:
        page.keyboard.press("Enter")
    download = downloading.value
    assert download.suggested_filename == f"fjordvik-nn-{GUIDE_ID}.ticket.pdf"
    assert Path(download.path()).read_bytes() == (cli / f"fjordvik/nn/{GUIDE_ID}.ticket.pdf").read_bytes()
    page.keyboard.press("Tab")  # the copy button
    page.keyboard.press("Enter")
    assert page.evaluate("navigator.clipboard.readText()") == f"{server.base}/fjordvik/nn/{GUIDE_ID}.ticket.pdf"
    # a screen's picture, copied as a PNG for a reply
    page.select_option("#tenant", "")
    page.locator("#screen-list button").first.click()
    wait_until(lambda: page.inner_text("#png-status") != "")
    assert page.inner_text("#png-status") == "Picture copied: paste it into the reply."
    kinds = page.evaluate("navigator.clipboard.read().then(items => items.flatMap(i => i.types))")
    assert "image/png" in kinds
    # a signed link with the person's email
    page.fill("#value-user_email", EMAIL)
    page.fill("#token", TOKEN)
    page.click("#make-link")
    wait_until(lambda: page.input_value("#signed") != "" or page.inner_text("#personal-status") != "")
    signed = page.input_value("#signed")
    assert signed.startswith(f"{server.base}/nn/{GUIDE_ID}.ticket.pdf?"), page.inner_text("#personal-status")
    status, _, body = server.get(signed.removeprefix(server.base))
    assert status == 200 and body.startswith(b"%PDF")
    assert page.outside == [] and page.errors == []
    page.context.close()


def catalog_text(po: Path, locale: str, source: str) -> str:
    """A message's translation as Babel reads it from a catalog (the source where it has none)."""
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        message = read_po(handle, locale=locale).get(source)
    return message.string if message is not None and message.string else source


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["nn", "nb", "en"])
def test_the_agent_page_shows_titles_and_its_messages_in_its_language(
    browser,  # noqa: F811
    server: Server,
    project: Path,
    locale: str,
) -> None:  # type: ignore[no-untyped-def]
    """The guides' and pack's titles as the project's catalogs translate them (the handouts' own
    translation), and what the page says when an organisation is chosen or a link is refused, in
    the page's language through the handout words' catalogs."""
    import yaml

    from guidepress.serve.words import agent_words

    guides_po = project / "locales" / locale / "LC_MESSAGES" / "guides.po"
    words_po = ROOT / "src/guidepress/resources/locales" / locale / "LC_MESSAGES/guidepress.po"
    source_words = agent_words(lambda text: text)

    def word(name: str) -> str:
        return catalog_text(words_po, locale, source_words[name])

    guide_title = yaml.safe_load((project / "guide_src" / f"{GUIDE_ID}.yaml").read_text(encoding="utf-8"))["title"]
    pack_title = yaml.safe_load((project / "packs/onboarding.yaml").read_text(encoding="utf-8"))["title"]
    shown_guide = catalog_text(guides_po, locale, guide_title)
    shown_pack = catalog_text(guides_po, locale, pack_title).replace("{organisation}", "…")
    if locale != "en":  # the catalog translates them: the source title would be a defect
        assert shown_guide != guide_title and shown_pack != pack_title.replace("{organisation}", "…")
    page = agent_page(browser, server, locale)
    assert page.inner_text(f'#subject option[value="{GUIDE_ID}"]') == f"{shown_guide} ({GUIDE_ID})"
    assert page.inner_text('#subject option[value="onboarding"]') == f"{shown_pack} (onboarding)"
    page.select_option("#tenant", "fjordvik")  # an organisation's values are its row's: the page says so
    assert page.inner_text("#values-tenant") == word("values_and_tenants")
    page.select_option("#tenant", "")
    page.fill("#value-user_email", EMAIL)
    page.fill("#token", "not-a-token")
    page.click("#make-link")
    wait_until(lambda: page.inner_text("#personal-status") != "")
    assert page.inner_text("#personal-status") == word("token_refused")
    # an address the browser's own check lets through, refused as --var refuses it: the server's line follows
    page.fill("#value-user_email", "kari@fjordvik")
    page.fill("#token", TOKEN)
    page.click("#make-link")
    wait_until(lambda: page.inner_text("#personal-status").startswith(word("value_refused")))
    assert "not an email address" in page.inner_text("#personal-status [lang=en]")
    assert page.input_value("#signed") == ""
    assert axe_violations(page) == []
    refused = [f"status of {code} " for code in (401, 422)]  # chromium logs each refused fetch; no other error
    assert page.outside == [] and [e for e in page.errors if not any(r in e for r in refused)] == []
    page.context.close()


def test_the_pool_refuses_beyond_its_queue_and_gives_up_at_the_deadline() -> None:
    """The pool alone, in-process, with one worker and no queue: a second job is Busy at once, a job
    slower than its deadline is Late, and the slot is freed only when the worker is done."""
    import asyncio

    from guidepress.serve.backend import Setup
    from guidepress.serve.metrics import Metrics
    from guidepress.serve.pool import Busy, Late, RenderPool

    async def scenario() -> list[str]:
        pool = RenderPool(Setup(ROOT), workers=1, queue=0, metrics=Metrics())
        seen = []
        try:
            await pool.warm_up()
            slow = asyncio.ensure_future(pool.run("", time.monotonic() + 0.3, time.sleep, 1.5))
            await asyncio.sleep(0.05)
            try:
                await pool.run("", time.monotonic() + 5, time.sleep, 0)
            except Busy:
                seen.append("busy")
            try:
                await slow
            except Late:
                seen.append("late")
            try:  # the worker still sleeps: its slot is not free yet
                await pool.run("", time.monotonic() + 5, time.sleep, 0)
            except Busy:
                seen.append("still busy")
            await asyncio.sleep(2)
            await pool.run("", time.monotonic() + 5, time.sleep, 0)
            seen.append("free")
        finally:
            pool.close()
        return seen

    # in a thread of its own: Playwright's sync API (the browser tests) keeps a loop running in this one
    seen: list[list[str]] = []
    thread = threading.Thread(target=lambda: seen.append(asyncio.run(scenario())))
    thread.start()
    thread.join(timeout=120)
    assert seen == [["busy", "late", "still busy", "free"]]


@pytest.mark.parametrize(
    ("path", "status", "says"),
    [
        (f"/_print/nb/{GUIDE_ID}.pdf", 200, "<!doctype html>"),
        ("/_print/nb/nope.pdf", 404, "no guide or pack 'nope'"),
        (f"/_print/de/{GUIDE_ID}.pdf", 404, "'de': not a locale"),
        (f"/_print/nowhere/nb/{GUIDE_ID}.pdf", 404, "no tenant 'nowhere' served"),
        ("/_print/nb/..%2f..%2fetc%2fpasswd.pdf", 400, "not an output path"),
        (f"/_translate/nb/{GUIDE_ID}.html?user_email=a%40b.no", 403, "takes no values"),
    ],
)
def test_the_print_preview_and_translator_view_answer_only_what_exists(
    server: Server, path: str, status: int, says: str
) -> None:
    got, _, body = server.get(path)
    assert got == status and says in body.decode(), (got, body[:200])


def test_a_title_that_looks_like_markup_stays_text_in_the_agent_pages_data() -> None:
    """`<!--<script` in a guide's title or an organisation's name would swallow the page's own script
    if it stood as it is inside the page's JSON block; every `<` there is written `\\u003c`."""
    from guidepress.serve.agent import agent_page

    title = "Sign in <!--<script x </script> to the portal"
    choices = {
        "guides": {"g": {"title": title, "variables": {}}},
        "packs": [],
        "locales": ["en"],
        "tenants": [{"id": "acme", "name": "Acme <!--<script AS", "locales": ["en"]}],
        "screens": [],
        "titles": {"en": {"g": title}},
    }
    page = agent_page("en", choices, "nonce")  # type: ignore[arg-type]
    data = page[page.index('type="application/json"') :]
    data = data[data.index(">") + 1 : data.index("</script>")]
    read = json.loads(data)
    assert (
        "<" not in data and read["guides"]["g"]["title"] == title and read["tenants"][0]["name"].startswith("Acme <!--")
    )

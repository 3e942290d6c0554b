"""Upload the translator pictures to a Weblate component and link each to its strings.

    python -m guidepress.l10n.weblate --url https://weblate.example.org/api/ --project guides \\
        --component guides --pictures build [--template locales/guides.pot] [--source-language en]

(the token from the environment, `WEBLATE_TOKEN`). It reads the template's `#. picture:` comments
(`pictures.py`), asks Weblate for the component's source strings, uploads each picture that
`--translator-pictures` wrote under the pictures folder as a screenshot named by its path
(replacing the image of one already there) and links it to the strings whose comment names it.
Weblate's REST API: `GET translations/<project>/<component>/<language>/units/`, `GET screenshots/`,
`POST screenshots/` (image, name, project_slug, component_slug, language_code),
`POST screenshots/<id>/file/` and `POST screenshots/<id>/units/` (unit_id). Only the standard library
and Babel; tested against a stand-in server on 127.0.0.1, not a real Weblate.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

PICTURE = re.compile(r"(?:^|\s)picture:\s+(\S+\.png)")


def template_pictures(template: Path) -> dict[str, list[tuple[str, str]]]:
    """Each picture's path → the (context, source) of the messages whose comment names it. A comment the
    tools wrapped onto two `#.` lines is read as one."""
    with template.open("rb") as fh:
        catalog = read_po(fh)
    found: dict[str, list[tuple[str, str]]] = {}
    for message in catalog:
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        for path in PICTURE.findall(" ".join(message.auto_comments)):
            found.setdefault(path, []).append((message.context or "", source))
    return found


@dataclass
class Weblate:
    """The few calls of Weblate's REST API this needs."""

    url: str  # the API root, ending in /api/
    token: str
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path) of each call, in order

    def call(self, method: str, path: str, body: bytes | None = None, content_type: str = "") -> Any:
        address = path if path.startswith("http") else self.url.rstrip("/") + "/" + path.lstrip("/")
        request = urllib.request.Request(address, data=body, method=method)
        request.add_header("Authorization", f"Token {self.token}")
        request.add_header("Accept", "application/json")
        if content_type:
            request.add_header("Content-Type", content_type)
        self.requests.append((method, address))
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (the user's own Weblate)
            data = response.read()
        return json.loads(data) if data else None

    def pages(self, path: str) -> Iterator[dict[str, Any]]:
        """Every result of a paginated list, following `next`."""
        page: str | None = path
        while page:
            data = self.call("GET", page)
            yield from data.get("results", [])
            page = data.get("next")

    def form(self, path: str, fields: dict[str, str], image: tuple[str, bytes] | None = None) -> Any:
        boundary = f"guidepress-{secrets.token_hex(8)}"
        parts = []
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        if image is not None:
            filename, data = image
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="image"; filename="{filename}"\r\n'
                "Content-Type: image/png\r\n\r\n"
            )
            parts.append(head.encode() + data + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.call("POST", path, body, f"multipart/form-data; boundary={boundary}")


def upload(
    api: Weblate, project: str, component: str, language: str, pictures_dir: Path, template: Path
) -> tuple[int, int, list[str]]:
    """Upload every picture the template names and link it to its strings: (pictures, links, problems)."""
    wanted = template_pictures(template)
    units = {
        (unit.get("context") or "", (unit.get("source") or [""])[0]): unit["id"]
        for unit in api.pages(f"translations/{project}/{component}/{language}/units/")
    }
    existing = {shot["name"]: shot["id"] for shot in api.pages("screenshots/")}
    uploaded = linked = 0
    problems = []
    for name, messages in sorted(wanted.items()):
        path = pictures_dir / name
        if not path.is_file():
            problems.append(f"{path}: missing (run: guidepress --translator-pictures --out {pictures_dir})")
            continue
        image = (path.name, path.read_bytes())
        if name in existing:
            shot = existing[name]
            api.form(f"screenshots/{shot}/file/", {}, image)
        else:
            fields = {"name": name, "project_slug": project, "component_slug": component, "language_code": language}
            shot = api.form("screenshots/", fields, image)["id"]
        uploaded += 1
        for key in messages:
            if key not in units:
                problems.append(f"{name}: Weblate has no source string {key[1]!r} (context {key[0]!r}) yet")
                continue
            api.form(f"screenshots/{shot}/units/", {"unit_id": str(units[key])})
            linked += 1
    return uploaded, linked, problems


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m guidepress.l10n.weblate", description=__doc__.split("\n\n")[0])
    p.add_argument("--url", required=True, help="Weblate's API root, e.g. https://hosted.weblate.org/api/")
    p.add_argument("--project", required=True, help="the Weblate project's slug")
    p.add_argument("--component", required=True, help="the component's slug (the guides.po files)")
    p.add_argument("--pictures", type=Path, default=Path("build"), help="the --out folder of --translator-pictures")
    p.add_argument("--template", type=Path, default=Path("locales/guides.pot"))
    p.add_argument("--source-language", default="en")
    args = p.parse_args(argv)
    token = os.environ.get("WEBLATE_TOKEN", "")
    if not token:
        p.error("set WEBLATE_TOKEN to your Weblate API key")
    api = Weblate(args.url, token)
    uploaded, linked, problems = upload(
        api, args.project, args.component, args.source_language, args.pictures, args.template
    )
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"uploaded {uploaded} pictures, linked {linked} strings")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

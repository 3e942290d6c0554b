"""One check of a variable's value by its kind, wherever a value comes from.

A guide's YAML default, `--var NAME=VALUE` on the command line, a cell of a tenants file
and a cell of a people file are all checked here, so `kind: url` and `kind: email` mean
the same everywhere. Each caller says where the value stood; the message is the same.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..errors import GuideError, Location, did_you_mean, quoted

URL_LIMIT = 2000  # characters: what browsers and a QR code (about 2,300 bytes) take

# A host name: labels of letters (any script), digits and inner hyphens, with a dot; or localhost; or IPv4.
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_HOST = re.compile(rf"^(?:localhost|(?:{_LABEL}\.)+{_LABEL}|\d{{1,3}}(?:\.\d{{1,3}}){{3}})(?::\d{{1,5}})?$")
# An address: a local part of letters, digits and RFC 5322's atom characters, less those a link
# would read as its own ("?", "&", "%", "#": a mailto: link's headers, escapes, fragment) and "{}"
_EMAIL = re.compile(rf"^[\w.!$'*+/=^`|~-]+@(?:{_LABEL}\.)+{_LABEL}$")


def value_problem(kind: str, value: str, show: bool = True) -> str | None:
    """Why `value` is not a good value of this kind, or None. `show=False` leaves the value out
    of the message (personal data never goes into an error line)."""
    shown = f": {quoted(value)}" if show else ""
    if kind == "url":
        if len(address_link(value, kind)) > URL_LIMIT:
            size = len(address_link(value, kind))
            return f"a web address of {size:,} characters, at most {URL_LIMIT:,} (it must fit a QR code){shown}"
        return None if _is_web_address(value) else f"not a web address (https://…){shown}"
    if kind == "email":
        return None if _EMAIL.fullmatch(value) else f"not an email address{shown}"
    if kind == "date":
        return None if _is_date(value) else f"not a date (YYYY-MM-DD){shown}"
    if any(ord(ch) < 32 for ch in value):
        return f"a line break or control character in a one-line value{shown}"
    return None


# what a link may keep as it is: a URL's reserved characters and its percent escapes (RFC 3986);
# in a mailto: address, only what RFC 6068 lets an addr-spec keep ("?", "&", "%" and "#" never)
URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"
MAILTO_SAFE = "@!$'()*+,;=~-._"


def address_link(value: str, kind: str) -> str:
    """The link an address variable's value points to, percent-encoded as its scheme requires:
    `mailto:` for an email address, else the web address (`https://` added when it has none)."""
    from urllib.parse import quote

    if kind == "email":
        return "mailto:" + quote(value, safe=MAILTO_SAFE)
    return quote(value if "://" in value else f"https://{value}", safe=URL_SAFE)


def _is_date(value: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _is_web_address(value: str) -> bool:
    """http(s)://host/… or host/… (the handout links it with https://); nothing else, no spaces."""
    if not value or any(ch.isspace() or not ch.isprintable() for ch in value):
        return False
    scheme, sep, rest = value.partition("://")
    if not sep:
        rest = value
    elif scheme.lower() not in ("http", "https"):
        return False
    host = re.split(r"[/?#]", rest, maxsplit=1)[0]
    return "@" not in host and bool(_HOST.match(host))


def command_line_values(values: Mapping[str, str], kinds: Mapping[str, str]) -> list[GuideError]:
    """Problems of `--var` values (`kinds`: the variables of the guides being built), each named as
    on the command line: a name none of them defines, a typo (`--var organisaton: no guide being
    built defines this variable (did you mean 'organisation'?)`), and a value that does not suit
    its kind (`--var user_email: not an email address: 'x'`)."""
    problems = []
    for name, value in values.items():
        if name in kinds:
            problem = value_problem(kinds[name], value)
        else:
            problem = f"no guide being built defines this variable{did_you_mean(name, kinds)}"
        if problem:
            problems.append(GuideError(Location(f"--var {name}"), problem))
    return problems

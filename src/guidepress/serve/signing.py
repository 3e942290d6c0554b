"""Signed, expiring links: the only way personal values reach a served document.

A link is the output's plain path with three query parameters:

    /nb/bankid-visma-connect.ticket.pdf?exp=1767229200&v=<values>&sig=<signature>

`v` is the values, encrypted with AES-256-GCM (so they stand in no log, proxy or browser history
in the clear); `sig` is HMAC-SHA256 over the path, the expiry and `v`. Both keys are derived from
one server secret: `GUIDEPRESS_SECRET` (at least 32 characters; the same on every replica), or,
when it is not set, random bytes drawn at start (links then die with the process and are refused
by other replicas). A link whose signature does not match is refused before anything is
decrypted; one past its expiry is refused too.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SECRET_VARIABLE = "GUIDEPRESS_SECRET"
LINK_PARAMETERS = frozenset({"exp", "v", "sig"})
MAX_EXPIRES_IN = 7 * 24 * 3600


class LinkRefused(Exception):
    """A link that is not (or no longer) good: its one-line reason, never its values."""


@dataclass(frozen=True)
class Link:
    path: str
    values: dict[str, str]
    expires: int


class Signer:
    """Makes and checks links with one secret."""

    def __init__(self, secret: bytes) -> None:
        self._mac_key = hmac.new(secret, b"guidepress link signature", hashlib.sha256).digest()
        self._box = AESGCM(hmac.new(secret, b"guidepress link values", hashlib.sha256).digest())

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> tuple[Signer, bool]:
        """The signer of `GUIDEPRESS_SECRET`, or of a random secret (then False: links last as long as this process)."""
        given = environ.get(SECRET_VARIABLE, "")
        if given:
            if len(given) < 32:
                raise ValueError(
                    f"{SECRET_VARIABLE} is too short: use at least 32 characters (e.g. openssl rand -hex 32)"
                )
            return cls(given.encode()), True
        return cls(secrets.token_bytes(32)), False

    def sign(self, path: str, values: Mapping[str, str], expires_in: int, now: float | None = None) -> dict[str, str]:
        """The query parameters of a link to `path` with `values`, good for `expires_in` seconds."""
        expires = int(now if now is not None else time.time()) + expires_in
        nonce = secrets.token_bytes(12)
        plain = json.dumps(dict(values), sort_keys=True, ensure_ascii=False).encode()
        sealed = _b64(nonce + self._box.encrypt(nonce, plain, _bound(path, expires)))
        return {"exp": str(expires), "v": sealed, "sig": self._signature(path, str(expires), sealed)}

    def check(self, path: str, query: Mapping[str, str], now: float | None = None) -> Link:
        """The link's values, or `LinkRefused` saying why not."""
        exp, sealed, sig = (query.get(name, "") for name in ("exp", "v", "sig"))
        if not (exp and sealed and sig):
            raise LinkRefused("an incomplete signed link (it needs exp, v and sig)")
        if not sig.isascii() or not hmac.compare_digest(self._signature(path, exp, sealed).encode(), sig.encode()):
            raise LinkRefused("this link is not signed by this server, or was altered")
        expires = int(exp)  # signed: a number we wrote
        if (now if now is not None else time.time()) >= expires:
            stamp = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(expires))
            raise LinkRefused(f"this link expired at {stamp}: ask for a new one")
        try:
            raw = _unb64(sealed)
            plain = self._box.decrypt(raw[:12], raw[12:], _bound(path, expires))
            values = json.loads(plain)
        except (InvalidTag, ValueError, binascii.Error):
            raise LinkRefused("this link is not signed by this server, or was altered") from None
        return Link(path, {str(k): str(v) for k, v in values.items()}, expires)

    def _signature(self, path: str, exp: str, sealed: str) -> str:
        message = "\n".join((path, exp, sealed)).encode()
        return _b64(hmac.new(self._mac_key, message, hashlib.sha256).digest())


def _bound(path: str, expires: int) -> bytes:
    """What the encrypted values are tied to: moved to another path or expiry, they do not open."""
    return f"{path}\n{expires}".encode()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def token_matches(given: str, tokens: list[str]) -> bool:
    """Is `given` one of the API tokens? Each is compared in constant time, and all are compared."""
    found = False
    for token in tokens:
        found |= hmac.compare_digest(given.encode(), token.encode())
    return found

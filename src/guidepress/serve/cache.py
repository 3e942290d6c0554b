"""Rendered bytes kept in memory, bounded by their total size, least recently used first out.

The key is a digest of the project's input fingerprint (`backend.fingerprint`) and the output's
path, so an edited guide, catalog, image or tenants file makes a new key and is never served stale
(old entries age out). Outputs with personal values are never kept: each signed link renders anew.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    body: bytes
    etag: str


def entry(body: bytes) -> Entry:
    """The bytes and their ETag (the content's SHA-256, quoted as HTTP wants it)."""
    return Entry(body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')


def cache_key(inputs: str, path: str) -> str:
    return hashlib.sha256(f"{inputs}\0{path}".encode()).hexdigest()


class RenderCache:
    """An LRU map of key → Entry holding at most `max_bytes` of bodies; safe between threads."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: str, value: Entry) -> None:
        if len(value.body) > self.max_bytes // 4:  # one huge output would push out everything else
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= len(old.body)
            self._entries[key] = value
            self.size += len(value.body)
            while self.size > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self.size -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._entries)

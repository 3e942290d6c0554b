"""Sharding: a deterministic K-th of N parts of the job list, for a CI matrix or a job array.

A group of jobs (one audience, locale and guide or pack: its PDF and its PNGs share one
translated handout) goes to shard `1 + hash(group) mod N`, so the split does not depend on
the order or number of other jobs: adding a tenant moves no other tenant's outputs to
another shard, and each shard's manifest stays valid. Kubernetes Indexed Jobs give each pod
`JOB_COMPLETION_INDEX` (0-based); `--shard index/N` reads it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from typing import TypeVar

from ..options import Shard

T = TypeVar("T")
INDEX_VARIABLE = "JOB_COMPLETION_INDEX"


def parse_shard(text: str, environ: dict[str, str] | None = None) -> Shard:
    """`K/N` (1 ≤ K ≤ N), or `index/N` for K = JOB_COMPLETION_INDEX + 1; ValueError says what is wrong."""
    environ = dict(os.environ) if environ is None else environ
    k, sep, n = text.partition("/")
    if not sep or not n.isdigit() or int(n) < 1:
        raise ValueError(f"expected K/N with N a whole number of at least 1, e.g. 2/8, got {text!r}")
    count = int(n)
    if k == "index":
        value = environ.get(INDEX_VARIABLE, "")
        if not value.strip().isdigit():
            raise ValueError(f"--shard index/{n}: {INDEX_VARIABLE} is not set to a number (got {value!r})")
        index = int(value) + 1
        if index > count:
            raise ValueError(
                f"--shard index/{n}: {INDEX_VARIABLE} is {value.strip()}; for {count} shards it is 0 to {count - 1}"
            )
    elif k.isdigit():
        index = int(k)
    else:
        raise ValueError(f"expected K/N or index/N, got {text!r}")
    if not 1 <= index <= count:
        raise ValueError(f"shard {index} of {count}: K must be between 1 and {count}")
    return Shard(index, count)


def shard_of(group: str, count: int) -> int:
    """The shard (1-based) a group of jobs belongs to."""
    return 1 + int.from_bytes(hashlib.sha1(group.encode()).digest()[:8], "big") % count


def select(items: Sequence[T], groups: Sequence[str], shard: Shard | None) -> list[T]:
    """The items of this shard (all of them without one)."""
    if shard is None:
        return list(items)
    return [item for item, group in zip(items, groups, strict=True) if shard_of(group, shard.count) == shard.index]

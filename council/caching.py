"""Expensive reads cached per council, all dropped at once whenever anything of that council changes.

Each council has a generation number in the shared cache and every cached read's key carries it.
A write to any of the council's rows bumps the number (`council_changed`), so every earlier entry
becomes unreachable and simply expires. Readers take the generation before they read the
database, so a read that races a write is stored under the old generation and never served after it.
Saves and deletes reach `council_changed` through the signal receivers below; the few queryset
`update()` and bulk writes call it themselves. Entries also expire after `TIMEOUT`, which bounds
the staleness of what no council row records (a user renaming themselves).
"""

import hashlib
import time

from asgiref.local import Local
from django.core.cache import cache
from django.core.cache.backends import redis
from django.core.signals import request_finished, request_started
from django.db import transaction

TIMEOUT = 600
_MISSING = object()
APPS = {"council", "meetings", "departments", "elections", "portal"}
_NOT_COUNCIL_DATA = {"User", "Invitation"}


def _generation_key(council_id: int) -> str:
    return f"council-generation:{council_id}"


# The generations a request has read, so that a page asks the shared cache once per council, not once per
# cached read. Only inside a request: a worker's long task reads the shared cache every time.
_request = Local()
request_started.connect(lambda **kwargs: setattr(_request, "generations", {}), weak=False)
request_finished.connect(lambda **kwargs: setattr(_request, "generations", None), weak=False)


def generation(council_id: int) -> int:
    seen = getattr(_request, "generations", None)
    if seen is not None and council_id in seen:
        return seen[council_id]
    # A missing number (never set, or evicted) starts from the clock, above every number handed out before, so
    # entries stored under an earlier number can never be reached again.
    number = cache.get_or_set(_generation_key(council_id), time.time_ns, timeout=None)
    if seen is not None:
        seen[council_id] = number
    return number


def council_changed(council_id: int | None) -> None:
    """Every cached read of this council is stale: now, for the rest of this transaction, and again once it
    commits, for whatever another request read and cached while the transaction was still open."""
    if council_id is not None:
        _bump(council_id)
        transaction.on_commit(lambda: _bump(council_id))


def _bump(council_id: int) -> None:
    if seen := getattr(_request, "generations", None):
        seen.pop(council_id, None)
    key = _generation_key(council_id)
    try:
        cache.incr(key)
    except ValueError:  # no generation yet (or evicted): any new number is fresh
        cache.set(key, generation(council_id) + 1, timeout=None)


def cached(council_id: int, name: str, compute, *parts):
    """`compute()`, cached under the council's current generation and `parts` (which must identify the read)."""
    # The parts may be long or hold anything a visitor typed, so the key carries their digest.
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    key = f"council-read:{council_id}:{generation(council_id)}:{name}:{digest}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:  # not `None`: a read that found nothing is cached too
        value = compute()
        cache.set(key, value, timeout=TIMEOUT)
    return value


class RedisCache(redis.RedisCache):
    """Django's Redis cache, keeping one client per connection pool. Django builds a new `redis.Redis` (with its
    table of reply parsers) for every call, about 0.2 ms each: a tenth of a cached page that reads the cache ten
    times. The client holds no connection itself and is safe to share."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ClientPerPool


class _ClientPerPool(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]


def council_id_of(instance, depth: int = 4) -> int | None:
    """The council a row belongs to, following its foreign keys (a decision → its council, an answer →
    its attestation → its department → its council)."""
    from council.models import Council

    if isinstance(instance, Council):
        return instance.pk
    if getattr(instance, "council_id", None):
        return instance.council_id
    if depth == 0:
        return None
    for field in instance._meta.concrete_fields:
        related = field.related_model
        if not field.many_to_one or related._meta.app_label not in APPS or related.__name__ in _NOT_COUNCIL_DATA:
            continue
        parent = getattr(instance, field.name, None)
        found = council_id_of(parent, depth - 1) if parent is not None else None
        if found:
            return found
    return None


def row_changed(sender, instance, **kwargs):
    """Signal receiver: a row of one of the apps was saved, deleted or had its many-to-many links changed."""
    if sender._meta.app_label in APPS and not sender.__name__.startswith("Historical"):
        council_changed(council_id_of(instance))

"""Expensive reads cached per council, all dropped at once whenever anything of that council changes.

The one cache layer of the product:
- A cached read is a selector function marked `@cached_read(name, council=…, key=…)`: its council and the
  other parts of its key are declared there, once. Views and templates call it like any selector and never
  know it is cached.
- Each model whose rows a council's pages show declares its path to the council, `council_path`
  ("council_id", "meeting.council_id", …). `watch_models()` connects, for each such model alone, the
  receivers that drop the council's cached reads when a row is saved, deleted or (un)linked. Models that
  declare nothing keep Django's fast delete and cost nothing.
- Each council has a generation number in the shared cache and every cached read's key carries it. A write
  to any of the council's rows bumps it (`council_changed`), so every earlier entry becomes unreachable and
  simply expires. Readers take the generation before they read the database, so a read that races a write is
  stored under the old generation and never served after it. The few queryset `update()` and bulk writes call
  `council_changed` themselves. Entries also expire after `TIMEOUT`, which bounds the staleness of what no
  council row records (a user renaming themselves).
"""

import functools
import hashlib
import time

from asgiref.local import Local
from django.core.cache import cache
from django.core.cache.backends import redis
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

TIMEOUT = 600
_MISSING = object()


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


def council_of(instance) -> int | None:
    """The id of the council a row belongs to, along its model's `council_path` ("item.meeting.council_id")."""
    value = instance
    for name in type(instance).council_path.split("."):
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


def _row_changed(sender, instance, **kwargs):
    if getattr(type(instance), "council_path", None):
        council_changed(council_of(instance))


def watch_models(models) -> None:
    """Connect the receivers, per model, for every model that declares its `council_path`."""
    for model in models:
        if not getattr(model, "council_path", None):
            continue
        label = model._meta.label
        post_save.connect(_row_changed, sender=model, dispatch_uid=f"council-cache-save:{label}")
        post_delete.connect(_row_changed, sender=model, dispatch_uid=f"council-cache-delete:{label}")
        for field in model._meta.local_many_to_many:  # either side of the link may be the instance
            m2m_changed.connect(
                _row_changed, sender=field.remote_field.through, dispatch_uid=f"council-cache-m2m:{label}"
            )


CACHED_READS: set[str] = set()  # the name of every cached read, for the tests that walk them all


def cached_read(name: str, *, council, key=lambda *args, **kwargs: ()):
    """Mark a selector as cached with its council's generation: `council(*args)` gives the council's id,
    `key(*args)` the other parts that identify the read (declared here, once)."""
    CACHED_READS.add(name)

    def decorate(read):
        @functools.wraps(read)
        def cached_selector(*args, **kwargs):
            compute = functools.partial(read, *args, **kwargs)
            return cached(council(*args, **kwargs), name, compute, *key(*args, **kwargs))

        cached_selector.uncached = read
        return cached_selector

    return decorate

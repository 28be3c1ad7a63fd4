"""Expensive reads cached per council, each dropped when the data it shows changes (and only then).

The one cache layer of the product:
- A cached read is a selector function marked `@cached_read(name, council=…, scopes=…, key=…)`: its council,
  the *scopes* whose data it shows and the other parts of its key are declared there, once. Views and
  templates call it like any selector and never know it is cached.
- A scope is a topic and an id: ("meeting", 12) is one meeting's page; ("follow-up", 3), ("meetings", 3),
  ("submissions", 3), ("elections", 3) are council-wide lists; ("replies", 7) is one membership's unanswered
  invitations; ("council", 3) is everything of council 3. Every cached read depends on its council's
  ("council", id) besides the scopes it declares, so a change to the council itself, its departments, its
  members or their names drops all its reads.
- Each model declares, once, which scopes a change of its rows touches: `cache_scopes = {"meeting":
  "meeting_id", "replies": "membership_id"}`, topic → path from a row to the scope's id (a path may cross a
  reverse relation: a user's "memberships.council_id"). `watch_models()` connects, for each model that touches
  a scope, the receivers that bump those scopes when a row is saved, deleted or (un)linked; a model that shows
  on no cached read declares `{}` and keeps Django's fast delete. Saves that only write a model's
  `cache_ignored_fields` (a user's `last_login`) touch nothing.
- Each scope has a generation number in the shared cache, and every cached read's key carries the numbers
  of all its scopes, fetched in one round trip (and remembered for the rest of the request). A write bumps its
  rows' scopes at once and again when its transaction commits, so an entry read before or while the write was
  open becomes unreachable and simply expires. Readers take the generations before they read the database,
  so a read that races a write is stored under the old numbers and never served after it. Rows do not move
  between scopes (no view changes a row's meeting or council). Queryset `update()` and bulk writes send no
  signal: their callers say which rows changed with `rows_changed` (or `council_changed`). Entries also
  expire after `TIMEOUT`.
"""

import functools
import hashlib
import time
from collections.abc import Iterable

from asgiref.local import Local
from django.core.cache import cache
from django.core.cache.backends import redis
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import Manager
from django.db.models.signals import m2m_changed, post_delete, post_save

TIMEOUT = 600
_MISSING = object()

# Topic → what its id names. A model or a read naming another topic is refused when the receivers connect.
TOPICS = {
    "council": "a council: everything shown of it",
    "meeting": "a meeting: its page and its printed documents",
    "meetings": "a council: which meetings it has and their state, date and proposals",
    "replies": "a membership: its unanswered invitations",
    "follow-up": "a council: its action items, their decisions and progress",
    "submissions": "a council: its survey rounds and activity periods, and the departments' answers",
    "elections": "a council: its election periods, checklists, attestations and alerts",
    "acts": "a council: its register of acts and their printed copies",
    "requests": "a council: its requests for public documents and the law it answers them under",
}

Scope = tuple[str, int]


def _generation_key(scope: Scope) -> str:
    return f"cache-generation:{scope[0]}:{scope[1]}"


# The generations a request has read, so that a page asks the shared cache once per scope, not once per
# cached read. Only inside a request: a worker's long task reads the shared cache every time.
_request = Local()
request_started.connect(lambda **kwargs: setattr(_request, "generations", {}), weak=False)
request_finished.connect(lambda **kwargs: setattr(_request, "generations", None), weak=False)


def generations(scopes: list[Scope]) -> list[int]:
    """The scopes' current numbers: those this request has not read yet come in one round trip."""
    seen = getattr(_request, "generations", None)
    known = dict(seen) if seen is not None else {}
    wanted = {_generation_key(scope): scope for scope in scopes if scope not in known}
    if wanted:
        found = cache.get_many(list(wanted))
        for key, scope in wanted.items():
            number = found.get(key)
            if number is None:
                # A missing number (never set, or evicted) starts from the clock, above every number handed out
                # before, so entries stored under an earlier number can never be reached again. `get_or_set`
                # adds it only if no other process did meanwhile.
                number = cache.get_or_set(key, time.time_ns, timeout=None)
            known[scope] = number
        if seen is not None:
            seen.update((scope, known[scope]) for scope in wanted.values())
    return [known[scope] for scope in scopes]


def generation(scope: Scope) -> int:
    return generations([scope])[0]


def scopes_changed(scopes: Iterable[Scope]) -> None:
    """Every cached read showing one of these scopes is stale: now, for the rest of this transaction, and again
    once it commits, for whatever another request read and cached while the transaction was still open."""
    scopes = {scope for scope in scopes if scope[1] is not None}
    if scopes:
        _bump(scopes)
        transaction.on_commit(lambda: _bump(scopes))


def council_changed(council_id: int | None) -> None:
    """Every cached read of this council is stale (its `("council", id)` scope changed)."""
    scopes_changed([("council", council_id)])


def rows_changed(rows: Iterable) -> None:
    """These rows were written without signals (a queryset `update()`, a bulk write): bump the scopes their
    models declare. For an `update()`, an unsaved row with the same links says which scopes it touched."""
    scopes_changed(scope for row in rows for scope in scopes_of(row))


def _bump(scopes: set[Scope]) -> None:
    if seen := getattr(_request, "generations", None):
        for scope in scopes:
            seen.pop(scope, None)
    # A new number from the clock, not incr(): the database cache's incr() is a read then a write, so two
    # processes bumping at once could both write the same next number and one bump would be lost.
    number = time.time_ns()
    cache.set_many({_generation_key(scope): number for scope in scopes}, timeout=None)


def cached(council_id: int, name: str, compute, *parts, scopes: Iterable[Scope] = ()):
    """`compute()`, cached under the current generations of the council and of `scopes`, and `parts` (which
    must identify the read)."""
    scopes = [("council", council_id), *scopes]
    numbers = ".".join(map(str, generations(scopes)))
    # The parts may be long or hold anything a visitor typed, so the key carries their digest.
    digest = hashlib.sha256("\x1f".join(map(str, [*scopes, *parts])).encode()).hexdigest()
    key = f"cached-read:{council_id}:{name}:{numbers}:{digest}"
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


def _follow(value, path: list[str]) -> list:
    """The values at the end of a path ("item.meeting_id", "memberships.council_id"); a reverse relation on the way
    gives one value per related row, a missing link none."""
    if not path:
        return [] if value is None else [value]
    value = getattr(value, path[0], None)  # a link to a row deleted meanwhile is missing (AttributeError)
    if isinstance(value, Manager):
        return [found for row in value.all() for found in _follow(row, path[1:])]
    return _follow(value, path[1:])


def scopes_of(instance) -> set[Scope]:
    """The scopes a change of this row touches, along its model's `cache_scopes`."""
    return {
        (topic, found)
        for topic, path in type(instance).cache_scopes.items()
        for found in _follow(instance, path.split("."))
    }


def council_of(instance) -> int | None:
    """The council whose reads a change of this row drops entirely, if its model touches the council scope."""
    return next((found for topic, found in scopes_of(instance) if topic == "council"), None)


def _row_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields and update_fields <= getattr(sender, "cache_ignored_fields", frozenset()):
        return
    scopes_changed(scopes_of(instance))


def _row_deleted(sender, instance, **kwargs):
    scopes_changed(scopes_of(instance))


def _link_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and getattr(type(instance), "cache_scopes", None):
        scopes_changed(scopes_of(instance))


def watch_models(models) -> None:
    """Connect the receivers, per model, for every model that declares the scopes a change of its rows touches."""
    for model in models:
        declared = getattr(model, "cache_scopes", None)
        if not declared:
            continue
        if unknown := set(declared) - set(TOPICS):
            raise ImproperlyConfigured(f"{model._meta.label}.cache_scopes names unknown topics {sorted(unknown)}")
        label = model._meta.label
        post_save.connect(_row_saved, sender=model, dispatch_uid=f"cache-save:{label}")
        post_delete.connect(_row_deleted, sender=model, dispatch_uid=f"cache-delete:{label}")
        for field in model._meta.local_many_to_many:  # either side of the link may be the instance
            m2m_changed.connect(_link_changed, sender=field.remote_field.through, dispatch_uid=f"cache-m2m:{label}")


CACHED_READS: dict[str, object] = {}  # every cached read by name, for the tests that walk them all


def cached_read(name: str, *, council, scopes=lambda *args, **kwargs: (), key=lambda *args, **kwargs: ()):
    """Mark a selector as cached: `council(*args)` gives the council's id, `scopes(*args)` the scopes whose data
    it shows besides the council's own ((topic, id) pairs), `key(*args)` the other parts that identify the read
    (declared here, once)."""

    def decorate(read):
        @functools.wraps(read)
        def cached_selector(*args, **kwargs):
            compute = functools.partial(read, *args, **kwargs)
            shown = list(scopes(*args, **kwargs))
            if unknown := {topic for topic, _id in shown} - set(TOPICS):
                raise ImproperlyConfigured(f"the cached read {name} names unknown topics {sorted(unknown)}")
            return cached(council(*args, **kwargs), name, compute, *key(*args, **kwargs), scopes=shown)

        cached_selector.uncached = read
        cached_selector.council, cached_selector.scopes = council, scopes
        CACHED_READS[name] = cached_selector
        return cached_selector

    return decorate

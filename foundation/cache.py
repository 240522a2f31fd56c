"""The cache, best-effort: it makes the site faster but no answer depends on it.

Every cache call in the project goes through `attempt` (or the small wrappers below). When the
cache server is down or slow, the call logs once and returns a fallback, so pages render
uncached and writes succeed. After a failure the cache is not tried again for
`RETRY_SECONDS`, so a dead Redis costs one short timeout, not one per call. Callers that must
know whether the call happened (invalidation) compare the result with `UNAVAILABLE`.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, transaction

log = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
UNAVAILABLE = object()

# What a cache backend raises when its server is away (OSError covers socket errors).
try:
    from redis.exceptions import RedisError

    _CACHE_ERRORS: tuple[type[BaseException], ...] = (RedisError, DatabaseError, OSError)
except ImportError:  # pragma: no cover - redis is a dependency, but the cache need not be Redis
    _CACHE_ERRORS = (DatabaseError, OSError)

# Per configured cache (backend + location): monotonic time until which it is not tried.
_skip_until: dict[str, float] = {}


def _cache_id() -> str:
    config = settings.CACHES["default"]
    return f"{config['BACKEND']}:{config.get('LOCATION', '')}"


def is_resting() -> bool:
    """True while the cache failed moments ago and is left alone."""
    return _skip_until.get(_cache_id(), 0.0) > time.monotonic()


def attempt(method: str, *args, **kwargs):
    """Call `cache.<method>(*args, **kwargs)`; UNAVAILABLE when the cache cannot answer."""
    cache_id = _cache_id()
    if _skip_until.get(cache_id, 0.0) > time.monotonic():
        return UNAVAILABLE
    try:
        if isinstance(cache, DatabaseCache):
            # A failing cache query must not abort the caller's transaction (PostgreSQL).
            with transaction.atomic():
                return getattr(cache, method)(*args, **kwargs)
        return getattr(cache, method)(*args, **kwargs)
    except _CACHE_ERRORS as exc:
        _skip_until[cache_id] = time.monotonic() + RETRY_SECONDS
        log.warning("cache unavailable (%s: %s); going on without it for %ss", type(exc).__name__, exc, RETRY_SECONDS)
        return UNAVAILABLE


def get(key: str, default=None):
    value = attempt("get", key, default)
    return default if value is UNAVAILABLE else value


def set(key: str, value, timeout) -> bool:  # noqa: A001 - mirrors the cache API
    return attempt("set", key, value, timeout) is not UNAVAILABLE


def delete(key: str) -> bool:
    return attempt("delete", key) is not UNAVAILABLE


def state() -> str:
    """For /healthz: "ok", or "error: <exception>" when the cache does not answer now."""
    try:
        cache.get("healthz:cache-probe")
    except _CACHE_ERRORS as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok"

"""Anonymous rate limit of the API: a fixed-window counter per client address.

One atomic increment per request (DRF's own throttles rewrite a list of timestamps), and
best-effort (foundation/cache.py): when the shared cache (Redis) is down the count goes on in
this process's memory, so the API keeps answering and still limits each client per worker.
"""

import math
import time

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.throttling import BaseThrottle

from foundation import cache as best_effort

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_local_cache = LocMemCache("api-throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def parse_rate(rate: str) -> tuple[int, int]:
    """'120/minute' -> (120, 60)."""
    number, period = rate.split("/")
    return int(number), PERIODS[period.strip()[0]]


def _count_locally(key: str, timeout: int) -> int:
    _local_cache.add(key, 0, timeout=timeout)
    try:
        return _local_cache.incr(key)
    except ValueError:  # expired between add and incr
        _local_cache.set(key, 1, timeout=timeout)
        return 1


def _count(key: str, timeout: int) -> int:
    """This window's requests of one client, counted in the shared cache when it answers."""
    try:
        if best_effort.attempt("add", key, 0, timeout=timeout) is not best_effort.UNAVAILABLE:
            count = best_effort.attempt("incr", key)
            if count is not best_effort.UNAVAILABLE:
                return count
    except ValueError:  # expired between add and incr: a new window has begun
        return 1
    return _count_locally(key, timeout)


class AnonymousRateThrottle(BaseThrottle):
    """settings.API_THROTTLE_RATE requests per client address ('120/minute')."""

    def allow_request(self, request, view):
        limit, period = parse_rate(settings.API_THROTTLE_RATE)
        now = time.time()
        window = int(now // period)
        key = f"api-throttle:{self.get_ident(request)}:{period}:{window}"
        count = _count(key, period + 1)
        self.retry_after = max(1, math.ceil((window + 1) * period - now))
        return count <= limit

    def wait(self):
        return self.retry_after

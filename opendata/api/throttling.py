"""Anonymous rate limit of the API: a fixed-window counter per client address.

One atomic increment per request (DRF's own throttles rewrite a list of timestamps), and
best-effort: when the shared cache (Redis) is down the count goes on in this process's memory,
so the API keeps answering and still limits each client per worker.
"""

import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.throttling import BaseThrottle

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_local_cache = LocMemCache("api-throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def parse_rate(rate: str) -> tuple[int, int]:
    """'120/minute' -> (120, 60)."""
    number, period = rate.split("/")
    return int(number), PERIODS[period.strip()[0]]


def _count(store, key: str, timeout: int) -> int:
    store.add(key, 0, timeout=timeout)
    try:
        return store.incr(key)
    except ValueError:  # expired between add and incr
        store.set(key, 1, timeout=timeout)
        return 1


class AnonymousRateThrottle(BaseThrottle):
    """settings.API_THROTTLE_RATE requests per client address ('120/minute')."""

    def allow_request(self, request, view):
        limit, period = parse_rate(settings.API_THROTTLE_RATE)
        now = time.time()
        window = int(now // period)
        key = f"api-throttle:{self.get_ident(request)}:{period}:{window}"
        try:
            count = _count(cache, key, period + 1)
        except Exception:
            logger.warning("cache unavailable: the API rate limit counts in this process only", exc_info=True)
            count = _count(_local_cache, key, period + 1)
        self.retry_after = max(1, math.ceil((window + 1) * period - now))
        return count <= limit

    def wait(self):
        return self.retry_after

"""How many proposals there are per tour, region, direction, status and visibility: counted once,
kept in the cache, refreshed by a worker after every change.

Counting 100,000 proposals on every request (the home figures, statistics, the tracker's
total, the staff dashboard) costs tens to hundreds of milliseconds per page; this table of
at most a few thousand counts answers every one of those questions in Python.

Freshness: a write to proposals calls `proposals_changed`. With a worker (REDIS_URL set) it
queues `refresh_proposal_counts` once the transaction commits; until the worker has counted
again (about 0.1-0.3 s at 100,000 proposals, plus the wait in the queue) pages show the
previous counts, then the refresh bumps the public page cache so no page keeps them.
Without a worker (development, tests) the counts are dropped at once and the next reader
counts afresh. A missing entry (first request, evicted, Redis down) is counted on the spot.
MAX_AGE bounds any staleness a write path that forgets to call `proposals_changed` would cause.

This app does not import proposals: the model is reached through the reverse relation.
"""

import logging
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count

from consultations.models import Tour
from foundation.public_cache import bump_content_version

logger = logging.getLogger(__name__)

KEY = "proposal-counts:v1"
PENDING_KEY = "proposal-counts:refresh-pending"
MAX_AGE = 600  # seconds
PENDING_MAX_AGE = 60
FIELDS = ("tour", "region", "direction", "status", "is_public")
DUPLICATE = "duplicate"  # a proposal status, kept as a string like every status this app reads


@dataclass(frozen=True)
class ProposalCounts:
    """Counts keyed by (tour id, region id, direction, status, is public)."""

    rows: dict

    def count(self, *, statuses=None, exclude_status=None, **filters) -> int:
        """Proposals matching every filter (tour, region, direction, status, is_public; ids or
        values; None or "" means any), with a status among `statuses` and not `exclude_status`."""
        return sum(n for key, n in self._matching(statuses, exclude_status, filters))

    def by(self, field: str, *, statuses=None, exclude_status=None, **filters) -> dict:
        """Counts of the matching proposals per value of `field` (one of FIELDS)."""
        index = FIELDS.index(field)
        totals = Counter()
        for key, n in self._matching(statuses, exclude_status, filters):
            totals[key[index]] += n
        return dict(totals)

    def _matching(self, statuses, exclude_status, filters):
        wanted = [
            (FIELDS.index(name), getattr(value, "pk", value))
            for name, value in filters.items()
            if value is not None and value != ""
        ]
        for key, n in self.rows.items():
            if statuses is not None and key[3] not in statuses:
                continue
            if exclude_status is not None and key[3] == exclude_status:
                continue
            if all(key[i] == value for i, value in wanted):
                yield key, n


def count_now() -> ProposalCounts:
    """Count every proposal, grouped (one query over the whole table)."""
    proposals = Tour.proposals.rel.related_model.objects
    rows = proposals.order_by().values_list(*FIELDS).annotate(n=Count("id"))
    return ProposalCounts({tuple(row[:-1]): row[-1] for row in rows})


def proposal_counts() -> ProposalCounts:
    """The counts from the cache; counted on the spot when missing."""
    try:
        counts = cache.get(KEY)
    except Exception:  # the cache is best-effort: count without it
        logger.warning("proposal counts: cache unavailable", exc_info=True)
        return count_now()
    if counts is None:
        counts = count_now()
        try:
            cache.add(KEY, counts, MAX_AGE)
        except Exception:
            logger.warning("proposal counts: cache unavailable", exc_info=True)
    return counts


def refresh() -> bool:
    """Count again and store the result; True when a count changed (the worker's task)."""
    try:
        cache.delete(PENDING_KEY)  # a write from now on queues another refresh
        old = cache.get(KEY)
    except Exception:
        logger.warning("proposal counts: cache unavailable", exc_info=True)
        return True
    counts = count_now()
    cache.set(KEY, counts, MAX_AGE)
    if old is None or old.rows != counts.rows:
        # Pages rendered between the write and now show the old counts: let them go.
        bump_content_version()
        return True
    return False


def _forget() -> None:
    try:
        cache.delete(KEY)
    except Exception:
        logger.warning("proposal counts: cache unavailable", exc_info=True)


def _queue_refresh() -> None:
    from consultations.tasks.counts import refresh_proposal_counts

    try:
        # One refresh waiting in the queue counts every write made before it starts.
        first = cache.add(PENDING_KEY, 1, PENDING_MAX_AGE)
    except Exception:
        first = True
    if not first:
        return
    try:
        refresh_proposal_counts.delay()
    except Exception:
        logger.warning("proposal counts: cannot queue a refresh; counting on the next read", exc_info=True)
        _forget()


def proposals_changed(**kwargs) -> None:
    """Proposals were created, changed or deleted: a signal receiver, also called after bulk writes.

    Bumps the public page cache and renews the counts (see the module's docstring).
    """
    bump_content_version()
    transaction.on_commit(bump_content_version)  # a page rendered before the commit may be cached
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # No worker: drop the counts now (this transaction reads its own writes) and again
        # after the commit (another request may have counted in between).
        _forget()
        transaction.on_commit(_forget)
    else:
        transaction.on_commit(_queue_refresh)

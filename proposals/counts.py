"""How many proposals there are per tour, region, direction, status and visibility: counted once,
kept in the cache, refreshed by a worker after every change.

Counting 100,000 proposals on every request (the home figures, statistics, the tracker's
total, the staff dashboard) costs tens to hundreds of milliseconds per page; this table of
at most a few thousand counts answers each of those questions in Python. The sets counted
are those of `ProposalQuerySet` (public, counted, answered, awaiting an answer), with the
same constants; tests/proposals/test_counts.py checks both agree on every set.

Freshness: a write to proposals calls `proposals_changed`. With a worker (REDIS_URL set) it
queues `refresh_proposal_counts` once the transaction commits; until the worker has counted
again (about 0.1-0.3 s at 100,000 proposals, plus the wait in the queue) pages show the
previous counts, then the refresh bumps the public page cache so no page keeps them.
Without a worker (development, tests) the counts are dropped at once and the next reader
counts afresh. A missing entry (first request, evicted, Redis down) is counted on the spot.
MAX_AGE bounds the staleness a write path that forgot to call `proposals_changed` would cause.
"""

import logging
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import Count

from foundation import cache as best_effort
from foundation.public_cache import bump_content_version
from proposals.models import Proposal

logger = logging.getLogger(__name__)

KEY = "proposal-counts:v1"
PENDING_KEY = "proposal-counts:refresh-pending"
MAX_AGE = 600  # seconds
PENDING_MAX_AGE = 60


class Key(NamedTuple):
    tour: int
    region: int
    direction: str
    status: str
    is_public: bool


# The sets of ProposalQuerySet, as predicates on a group of proposals.
SETS = {
    "all": lambda key: True,
    "public": lambda key: key.is_public,
    "counted": lambda key: key.is_public and key.status != Proposal.Status.DUPLICATE,
}


@dataclass(frozen=True)
class ProposalCounts:
    """Proposals counted per Key."""

    rows: dict

    def count(self, which: str = "all", *, statuses=None, **filters) -> int:
        """How many of the set `which` (see SETS) match: `statuses` (any of them) and each
        filter on a Key field (an object, its id or a value; None or "" means any)."""
        return sum(n for key, n in self._matching(which, statuses, filters))

    def by(self, field: str, which: str = "all", *, statuses=None, **filters) -> dict:
        """The same, per value of the Key field `field`."""
        totals = Counter()
        for key, n in self._matching(which, statuses, filters):
            totals[getattr(key, field)] += n
        return dict(totals)

    def _matching(self, which, statuses, filters):
        in_set = SETS[which]
        wanted = [(name, getattr(value, "pk", value)) for name, value in filters.items() if value not in (None, "")]
        for key, n in self.rows.items():
            if not in_set(key) or (statuses is not None and key.status not in statuses):
                continue
            if all(getattr(key, name) == value for name, value in wanted):
                yield key, n


def count_now() -> ProposalCounts:
    """Count every proposal, grouped by Key (one query over the whole table)."""
    rows = Proposal.objects.order_by().values_list(*Key._fields).annotate(n=Count("id"))
    return ProposalCounts({Key(*row[:-1]): row[-1] for row in rows})


def proposal_counts() -> ProposalCounts:
    """The counts from the cache; counted on the spot when missing (or the cache is down)."""
    counts = best_effort.get(KEY)
    if counts is None:
        counts = count_now()
        best_effort.attempt("add", KEY, counts, MAX_AGE)
    return counts


def refresh() -> bool:
    """Count again and store the result; True when a count changed (the worker's task)."""
    best_effort.delete(PENDING_KEY)  # a write from now on queues another refresh
    old = best_effort.get(KEY)
    counts = count_now()
    best_effort.set(KEY, counts, MAX_AGE)
    if old is None or old.rows != counts.rows:
        # Pages rendered between the write and now show the old counts: let them go.
        bump_content_version()
        return True
    return False


def _forget() -> None:
    best_effort.delete(KEY)


def _queue_refresh() -> None:
    from proposals.tasks import refresh_proposal_counts

    # One refresh waiting in the queue counts every write committed before it starts.
    if best_effort.attempt("add", PENDING_KEY, 1, PENDING_MAX_AGE) is False:
        return
    # Straight to the broker, not through the outbox: a refresh that is lost costs nothing but
    # counting on the next read, which is what happens when the broker refuses it here.
    try:
        refresh_proposal_counts.apply_async(retry=False)
    except Exception:  # the broker is best-effort too: then the next reader counts
        logger.warning("proposal counts: cannot queue a refresh; counting on the next read", exc_info=True)
        _forget()


def proposals_changed(**kwargs) -> None:
    """Proposals were created, changed or deleted: a signal receiver, also called after bulk writes.

    Bumps the public page cache and renews the counts (see the module's docstring).
    """
    bump_content_version()  # again on commit, by itself: a page rendered before the commit may be cached
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # No worker: drop the counts now (this transaction reads its own writes) and again
        # after the commit (another request may have counted in between).
        _forget()
        transaction.on_commit(_forget)
    else:
        transaction.on_commit(_queue_refresh)

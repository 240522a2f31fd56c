"""The proposal counts kept in the cache: they agree with the querysets that define each set,
and they follow every write (at once without a worker, after the worker's refresh with one)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from foundation import public_cache
from programs.models import Direction
from proposals import counts, services
from proposals.counts import proposal_counts
from proposals.models import Proposal
from tests import factories

S = Proposal.Status


@pytest.fixture
def proposals(db, tour, astana, almaty):
    """One proposal per status in Astana (one hidden), two in Almaty, one in another tour."""
    made = {}
    for status in S.values:
        if status == S.DUPLICATE:
            continue
        made[status] = factories.ProposalFactory(tour=tour, region=astana, status=status)
    factories.ProposalFactory(
        tour=tour, region=astana, status=S.DUPLICATE, duplicate_of=made[S.ACCEPTED], direction=Direction.SPORT
    )
    factories.ProposalFactory(tour=tour, region=astana, status=S.RECEIVED, is_public=False)
    factories.ProposalFactory(tour=tour, region=almaty, status=S.DECLINED)
    factories.ProposalFactory(tour=tour, region=almaty, status=S.UNDER_REVIEW, direction=Direction.SPORT)
    factories.ProposalFactory(tour=factories.TourFactory(), region=almaty, status=S.RECEIVED)
    return made


class TestTheCounts:
    def test_they_are_the_querysets_counts_written_out(self, proposals, tour, astana, almaty):
        c = proposal_counts()
        # 6 statuses + a duplicate + a hidden one in Astana, 2 in Almaty; 1 in another tour.
        assert c.count() == 11
        assert c.count(tour=tour) == 10
        assert c.count("public", tour=tour) == 9
        assert c.count("counted", tour=tour) == 8
        assert c.count("counted", tour=tour, statuses=Proposal.ANSWERED) == 5  # 4 in Astana, declined in Almaty
        assert c.count(tour=tour, statuses=Proposal.AWAITING_ANSWER) == 4  # hidden one included
        assert c.count("public", region=astana) == 7
        assert c.count("public", region=almaty.pk, direction=Direction.SPORT) == 1
        assert c.by("region", "counted", tour=tour) == {astana.pk: 6, almaty.pk: 2}
        assert c.by("direction", "public", region="") == {Direction.REHABILITATION: 8, Direction.SPORT: 2}

    @pytest.mark.parametrize("which", ["all", "public", "counted"])
    @pytest.mark.parametrize("statuses", [None, Proposal.ANSWERED, Proposal.AWAITING_ANSWER, [S.DUPLICATE]])
    def test_every_set_agrees_with_its_queryset(self, proposals, tour, astana, which, statuses):
        queryset = {"all": Proposal.objects.all(), "public": Proposal.objects.public(), "counted": None}[which]
        queryset = Proposal.objects.counted() if queryset is None else queryset
        if statuses is not None:
            queryset = queryset.filter(status__in=statuses)
        c = proposal_counts()
        assert c.count(which, statuses=statuses) == queryset.count()
        assert (
            c.count(which, statuses=statuses, tour=tour, region=astana)
            == queryset.filter(tour=tour, region=astana).count()
        )

    def test_they_are_counted_in_one_query_then_read_from_the_cache(self, proposals):
        with CaptureQueriesContext(connection) as first:
            proposal_counts()
        with CaptureQueriesContext(connection) as second:
            proposal_counts()
        assert (len(first), len(second)) == (1, 0)


class TestWithoutAWorker:
    """Development and tests: no broker, tasks eager. A write drops the counts at once."""

    def test_a_new_proposal_is_counted_by_the_next_reader(self, proposals, tour, astana):
        assert proposal_counts().count(tour=tour) == 10
        factories.ProposalFactory(tour=tour, region=astana)
        assert proposal_counts().count(tour=tour) == 11

    def test_a_bulk_update_is_counted(self, proposals, tour, staff_user):
        assert proposal_counts().count(tour=tour, direction=Direction.SPORT) == 2
        ids = [proposals[S.UNDER_REVIEW].pk, proposals[S.RECEIVED].pk]
        services.proposals_bulk_refile(ids=ids, direction=Direction.SPORT, changed_by=staff_user)  # update()
        assert proposal_counts().count(tour=tour, direction=Direction.SPORT) == 4

    def test_a_deleted_proposal_is_no_longer_counted(self, proposals, tour):
        assert proposal_counts().count(tour=tour, statuses=[S.DECLINED]) == 2
        proposals[S.DECLINED].delete()
        assert proposal_counts().count(tour=tour, statuses=[S.DECLINED]) == 1


class TestWithAWorker:
    """Production: the counts stay until the worker's refresh replaces them (then pages go too)."""

    @pytest.fixture
    def with_broker(self, settings):
        settings.CELERY_TASK_ALWAYS_EAGER = False  # proposals_changed queues instead of dropping
        yield
        cache.delete(counts.PENDING_KEY)

    def test_the_refresh_queued_after_the_commit_counts_the_write(
        self, proposals, tour, astana, with_broker, settings, django_capture_on_commit_callbacks
    ):
        assert proposal_counts().count(tour=tour) == 10
        with django_capture_on_commit_callbacks() as callbacks:
            factories.ProposalFactory(tour=tour, region=astana)
            # Until the worker has counted, readers see the previous counts.
            assert proposal_counts().count(tour=tour) == 10
        version = public_cache.content_version()
        assert callbacks, "nothing queued after the commit"
        settings.CELERY_TASK_ALWAYS_EAGER = True  # the test is the worker: queued tasks run here
        for callback in callbacks:  # the commit
            callback()
        assert proposal_counts().count(tour=tour) == 11
        assert public_cache.content_version() != version, "pages rendered with the old counts must go"

    def test_one_refresh_waits_in_the_queue_for_many_writes(self, proposals, tour, astana, with_broker):
        proposal_counts()
        cache.set(counts.PENDING_KEY, 1)  # a refresh is queued and has not started yet
        factories.ProposalFactory(tour=tour, region=astana)
        counts._queue_refresh()  # a second write's commit: nothing more is queued
        assert proposal_counts().count(tour=tour) == 10
        assert counts.refresh() is True  # the queued refresh runs and counts both
        assert proposal_counts().count(tour=tour) == 11
        assert cache.get(counts.PENDING_KEY) is None  # the next write queues again

    def test_a_refresh_that_finds_nothing_new_leaves_the_pages_alone(self, proposals, with_broker):
        proposal_counts()
        version = public_cache.content_version()
        assert counts.refresh() is False
        assert public_cache.content_version() == version

    def test_counts_never_stored_are_counted_on_the_spot(self, proposals, tour, with_broker):
        cache.delete(counts.KEY)
        assert proposal_counts().count(tour=tour) == 10

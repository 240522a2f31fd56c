"""Reads across apps for the pages of this layer. Each figure comes from the one queryset
that defines it in its own app (Proposal.objects.counted(), Commitment.objects.public(), ...)."""

from dataclasses import dataclass

from django.db.models import Count, Q

from consultations.models import Commitment, Meeting, Region
from proposals.counts import proposal_counts
from proposals.models import Proposal

COMMITMENTS_DUE_WITHIN_DAYS = 14


@dataclass(frozen=True)
class TourProgress:
    regions_total: int
    regions_visited: int
    meetings_held: int
    online_conferences_held: int
    proposals_received: int
    proposals_answered: int
    commitments_total: int
    commitments_done: int


def tour_progress(tour) -> TourProgress:
    """Headline counts of one tour (all zero when there is no tour yet). Three queries.

    Proposals as the statistics page counts them (public, a duplicate once); commitments of
    public memoranda only: a draft's commitments bind nobody yet.
    """
    regions_total = Region.objects.count()
    if tour is None:
        return TourProgress(regions_total, 0, 0, 0, 0, 0, 0, 0)
    meetings = tour.meetings.filter(status__in=Meeting.HELD_STATUSES).aggregate(
        held=Count("id"),
        # Visited: an event held there in person; an online conference visits nobody.
        regions=Count("region", distinct=True, filter=~Q(attendance=Meeting.Attendance.ONLINE)),
        online=Count("id", filter=Q(kind=Meeting.Kind.ONLINE_CONFERENCE)),
    )
    proposals = proposal_counts()  # kept in the cache: counting 100,000 proposals per request is slow
    commitments = (
        Commitment.objects.public()
        .filter(memorandum__tour=tour)
        .aggregate(total=Count("id"), done=Count("id", filter=Q(status=Commitment.Status.DONE)))
    )
    return TourProgress(
        regions_total=regions_total,
        regions_visited=meetings["regions"],
        meetings_held=meetings["held"],
        online_conferences_held=meetings["online"],
        proposals_received=proposals.count("counted", tour=tour),
        proposals_answered=proposals.count("counted", tour=tour, statuses=Proposal.ANSWERED),
        commitments_total=commitments["total"],
        commitments_done=commitments["done"],
    )

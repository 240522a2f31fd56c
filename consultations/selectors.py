"""Reads of the tour that several pages reuse."""

from dataclasses import dataclass

from django.db.models import Count, Q

from consultations.models import Commitment, Meeting, Region

HELD = [Meeting.Status.HELD, Meeting.Status.MINUTES_PUBLISHED]
# Proposal statuses that count as answered; kept as strings so this app need not import
# proposals (dependencies run one way: proposals -> consultations).
ANSWERED_PROPOSAL_STATUSES = ["accepted", "partly_accepted", "declined", "already_done"]


@dataclass(frozen=True)
class TourProgress:
    regions_total: int
    regions_visited: int
    meetings_held: int
    proposals_received: int
    proposals_answered: int
    commitments_total: int
    commitments_done: int


def tour_progress(tour) -> TourProgress:
    """Headline counts of one tour (all zero when there is no tour yet). Four queries."""
    regions_total = Region.objects.count()
    if tour is None:
        return TourProgress(regions_total, 0, 0, 0, 0, 0, 0)
    meetings = tour.meetings.filter(status__in=HELD).aggregate(held=Count("id"), regions=Count("region", distinct=True))
    proposals = tour.proposals.aggregate(
        received=Count("id"), answered=Count("id", filter=Q(status__in=ANSWERED_PROPOSAL_STATUSES))
    )
    commitments = Commitment.objects.filter(memorandum__tour=tour).aggregate(
        total=Count("id"), done=Count("id", filter=Q(status=Commitment.Status.DONE))
    )
    return TourProgress(
        regions_total=regions_total,
        regions_visited=meetings["regions"],
        meetings_held=meetings["held"],
        proposals_received=proposals["received"],
        proposals_answered=proposals["answered"],
        commitments_total=commitments["total"],
        commitments_done=commitments["done"],
    )

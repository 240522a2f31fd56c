"""Reads of the tour that several pages reuse.

This app must not import proposals: proposals are read through reverse relations
(`tour.proposals`, `region.proposals`, `meeting.proposals`) with their statuses as strings.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery, TextChoices
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from consultations.models import Commitment, Meeting, MeetingAttachment, Memorandum, Region
from consultations.proposal_counts import proposal_counts

HELD = [Meeting.Status.HELD, Meeting.Status.MINUTES_PUBLISHED]
# Proposal statuses that count as answered; kept as strings so this app need not import
# proposals (dependencies run one way: proposals -> consultations).
ANSWERED_PROPOSAL_STATUSES = ["accepted", "partly_accepted", "declined", "already_done"]
# How many proposals a region or meeting page lists before pointing to the tracker.
PROPOSAL_TEASERS = 10


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
    """Headline counts of one tour (all zero when there is no tour yet). Three queries; the
    proposals are counted from `proposal_counts` (kept in the cache, refreshed on change)."""
    regions_total = Region.objects.count()
    if tour is None:
        return TourProgress(regions_total, 0, 0, 0, 0, 0, 0)
    meetings = tour.meetings.filter(status__in=HELD).aggregate(held=Count("id"), regions=Count("region", distinct=True))
    counts = proposal_counts()
    commitments = Commitment.objects.filter(memorandum__tour=tour).aggregate(
        total=Count("id"), done=Count("id", filter=Q(status=Commitment.Status.DONE))
    )
    return TourProgress(
        regions_total=regions_total,
        regions_visited=meetings["regions"],
        meetings_held=meetings["held"],
        proposals_received=counts.count(tour=tour),
        proposals_answered=counts.count(tour=tour, statuses=ANSWERED_PROPOSAL_STATUSES),
        commitments_total=commitments["total"],
        commitments_done=commitments["done"],
    )


class RegionProgress(TextChoices):
    """How far the tour has got in a region, in the order the tile map's legend shows."""

    NOT_VISITED = "not_visited", _("Not visited yet")
    PLANNED = "planned", _("Meeting planned")
    HELD = "held", _("Meeting held")
    SIGNED = "signed", _("Memorandum signed")


def _count(queryset) -> Subquery:
    """A correlated COUNT(*) subquery: counting in a subquery keeps several counts on one
    row from multiplying each other, as joins would."""
    counted = queryset.order_by().values("region").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def regions_with_progress(tour):
    """All 20 regions, each with `progress` (a RegionProgress) and its meeting counts. One query.

    With no tour yet every region is not visited.
    """
    if tour is None:
        regions = Region.objects.order_by("name")
        for region in regions:
            region.meetings_held = region.meetings_planned = 0
            region.progress = RegionProgress.NOT_VISITED
        return list(regions)
    meetings = Meeting.objects.filter(region=OuterRef("pk"), tour=tour)
    regions = Region.objects.annotate(
        meetings_held=_count(meetings.filter(status__in=HELD)),
        meetings_planned=_count(meetings.filter(status=Meeting.Status.PLANNED)),
        has_signed_memorandum=Exists(
            Memorandum.objects.filter(region=OuterRef("pk"), tour=tour, status=Memorandum.Status.SIGNED)
        ),
    ).order_by("name")
    regions = list(regions)
    for region in regions:
        if region.has_signed_memorandum:
            region.progress = RegionProgress.SIGNED
        elif region.meetings_held:
            region.progress = RegionProgress.HELD
        elif region.meetings_planned:
            region.progress = RegionProgress.PLANNED
        else:
            region.progress = RegionProgress.NOT_VISITED
    return regions


def latest_meetings(limit: int = 6):
    return Meeting.objects.filter(status__in=HELD).select_related("region").order_by("-starts_at")[:limit]


def signed_memoranda_with_commitment_counts(region):
    """The region's signed memoranda, each with counts of its commitments by state. One query.

    Per memorandum, where the `region_commitments` tag gives the region's totals.
    """
    return (
        region.memoranda.filter(status=Memorandum.Status.SIGNED)
        .annotate(**{f"commitments_{k}": v for k, v in Commitment.state_counts("commitments__").items()})
        .order_by("-signed_on")
    )


def public_proposals_of(owner):
    """Public proposals reached through `owner.proposals` (a region, meeting or tour), newest first."""
    return owner.proposals.filter(is_public=True).order_by("-created_at", "-id")


def region_page(region) -> dict:
    """Everything the public region page shows; a fixed number of queries whatever the data size."""
    proposals = public_proposals_of(region)
    return {
        "meetings": region.meetings.select_related("tour").order_by("-starts_at"),
        "memoranda": signed_memoranda_with_commitment_counts(region),
        "programs": region.programs.all(),
        "proposals": proposals[:PROPOSAL_TEASERS],
        "proposals_count": proposal_counts().count(region=region, is_public=True),
    }


def public_meeting(pk: int) -> Meeting:
    """A meeting with what its public page needs prefetched; raises Meeting.DoesNotExist."""
    return (
        Meeting.objects.select_related("region", "tour")
        .prefetch_related(
            "participations",
            Prefetch(
                "attachments",
                queryset=MeetingAttachment.objects.public_photos(),
                to_attr="public_photos",
            ),
            Prefetch(
                "memoranda",
                queryset=Memorandum.objects.filter(status__in=Memorandum.PUBLIC_STATUSES),
                to_attr="public_memoranda",
            ),
        )
        .get(pk=pk)
    )


def meeting_page(meeting) -> dict:
    proposals = public_proposals_of(meeting) if meeting.status in HELD else meeting.proposals.none()
    participations = list(meeting.participations.all())
    return {
        "participations": participations,
        "participants_total": sum(p.count for p in participations),
        "proposals": proposals[:PROPOSAL_TEASERS],
        "proposals_count": proposals.count(),
    }

"""Reads of the tour that several pages reuse.

This app must not import proposals: proposals are read through reverse relations
(`region.proposals.public()`, `meeting.proposals.public()`), whose querysets proposals defines.
"""

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Subquery, TextChoices
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from consultations.models import Commitment, Meeting, MeetingAttachment, Memorandum, Region

# How many proposals a region or meeting page lists before pointing to the tracker.
PROPOSAL_TEASERS = 10


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
        meetings_held=_count(meetings.filter(status__in=Meeting.HELD_STATUSES)),
        meetings_planned=_count(meetings.filter(status=Meeting.Status.PLANNED)),
        has_signed_memorandum=Exists(Memorandum.objects.public().filter(region=OuterRef("pk"), tour=tour)),
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
    return (
        Meeting.objects.filter(status__in=Meeting.HELD_STATUSES)
        .select_related("region")
        .prefetch_related("regions")
        .order_by("-starts_at")[:limit]
    )


def region_commitment_counts(region, *, for_officials: bool = False) -> dict:
    """Commitments of a region's memoranda by state (Commitment.state_counts): those of public
    memoranda, or for the region's officials those of every memorandum sent to them."""
    commitments = Commitment.objects.filter(memorandum__region=region)
    commitments = commitments.sent() if for_officials else commitments.public()
    return commitments.aggregate(**Commitment.state_counts())


def public_memoranda_with_commitment_counts(region):
    """The region's public memoranda, each with counts of its commitments by state. One query.

    Per memorandum, where the `region_commitments` tag gives the region's totals.
    """
    return (
        region.memoranda.public()
        .annotate(**{f"commitments_{k}": v for k, v in Commitment.state_counts("commitments__").items()})
        .order_by("-signed_on")
    )


def public_proposals_of(owner):
    """Public proposals reached through `owner.proposals` (a region, meeting or tour), newest first."""
    return owner.proposals.public().order_by("-created_at", "-id")


def region_page(region) -> dict:
    """Everything the public region page shows; a fixed number of queries whatever the data size."""
    proposals = public_proposals_of(region)
    return {
        "meetings": Meeting.objects.concerning(region)
        .select_related("tour", "region")
        .prefetch_related("regions")
        .order_by("-starts_at"),
        "memoranda": public_memoranda_with_commitment_counts(region),
        "programs": region.programs.all(),
        "proposals": proposals[:PROPOSAL_TEASERS],
        "proposals_count": proposals.count(),
    }


def public_meeting(pk: int) -> Meeting:
    """A meeting with what its public page needs prefetched; raises Meeting.DoesNotExist."""
    return (
        Meeting.objects.select_related("region", "tour")
        .prefetch_related(
            "regions",
            "participations",
            Prefetch(
                "attachments",
                queryset=MeetingAttachment.objects.public_photos(),
                to_attr="public_photos",
            ),
            Prefetch(
                "memoranda",
                queryset=Memorandum.objects.public(),
                to_attr="public_memoranda",
            ),
        )
        .get(pk=pk)
    )


def meeting_page(meeting) -> dict:
    proposals = public_proposals_of(meeting) if meeting.status in Meeting.HELD_STATUSES else meeting.proposals.none()
    participations = list(meeting.participations.all())
    return {
        "participations": participations,
        "participants_total": sum(p.count for p in participations),
        "proposals": proposals[:PROPOSAL_TEASERS],
        "proposals_count": proposals.count(),
    }

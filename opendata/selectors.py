"""What the public may read of each dataset: one definition used by the API, the open-data
package and the feeds, built on the apps' own public querysets.

Never here: contacts, names or organisations without consent, hidden proposals, memoranda
that are not public (drafts, reviews), minutes that are not published, staff notes. Themes
and the concept do not exist yet (issue 12): they will join here when they do.
"""

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from consultations.models import Commitment, Meeting, Memorandum, Participation, Region, Tour
from programs.models import Program
from proposals.models import Proposal, ProposalStatusChange


def regions() -> QuerySet:
    return Region.objects.order_by("slug")


def tours() -> QuerySet:
    return Tour.objects.order_by("starts_on", "id")


def meetings() -> QuerySet:
    """Every meeting is public (planned ones too); what each shows depends on its status:
    see `meeting_has_taken_place` and `Meeting.minutes_are_public`."""
    return Meeting.objects.select_related("region", "tour").prefetch_related("participations")


def meeting_has_taken_place(meeting: Meeting) -> bool:
    """Summary, outcomes and participation are public once the meeting was held, as on its page."""
    return meeting.status in Meeting.HELD_STATUSES


def participations() -> QuerySet:
    return Participation.objects.filter(meeting__status__in=Meeting.HELD_STATUSES).select_related("meeting")


def memoranda() -> QuerySet:
    return (
        Memorandum.objects.public()
        .select_related("region", "tour")
        .prefetch_related(Prefetch("commitments", queryset=Commitment.objects.select_related("program")))
    )


def commitments() -> QuerySet:
    """Commitments of public memoranda only (a draft's commitments are drafts too)."""
    return Commitment.objects.public().select_related("memorandum__region", "program")


def commitment_state(commitment: Commitment) -> str:
    """done / cancelled / overdue / in_progress / not_started: the status with overdue derived."""
    if commitment.is_overdue:
        return "overdue"
    return commitment.status


def programs() -> QuerySet:
    return Program.objects.prefetch_related(Prefetch("regions", queryset=Region.objects.order_by("slug")))


def proposals() -> QuerySet:
    """Public proposals with what the API and the package show. `public_duplicate_of` is the
    original's code only when the original is public too (a hidden one is never named)."""
    originals = Proposal.objects.public().filter(pk=OuterRef("duplicate_of_id")).values("code")[:1]
    return (
        Proposal.objects.public()
        .select_related("region", "tour", "program")
        .annotate(public_duplicate_of=Subquery(originals))
    )


def answered_proposals() -> QuerySet:
    return proposals().answered()


def published_minutes() -> QuerySet:
    return meetings().filter(status=Meeting.Status.MINUTES_PUBLISHED)


def status_changes() -> QuerySet:
    """The status history of public proposals, without who made each change."""
    return (
        ProposalStatusChange.objects.filter(proposal__in=Proposal.objects.public())
        .select_related("proposal")
        .only("from_status", "to_status", "changed_at", "proposal__code")
    )

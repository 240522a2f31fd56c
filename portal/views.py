"""The public home and the staff dashboard: the two pages that show every app at once."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from consultations import selectors as tour_selectors
from consultations import tilemap
from consultations.models import Commitment, Meeting, Tour
from consultations.views.access import staff_required
from foundation.public_cache import public_page
from outbox import services as outbox
from portal import selectors
from programs.models import Program
from proposals.counts import proposal_counts
from proposals.models import Proposal

FEATURED_PROGRAMS = 6
LISTED = 10


@public_page
def home(request):
    tour = Tour.objects.current()
    regions = tour_selectors.regions_with_progress(tour)
    context = {
        "tour": tour,
        "progress": selectors.tour_progress(tour),
        "regions": regions,
        "latest_meetings": tour_selectors.latest_meetings(),
        "featured_programs": Program.objects.filter(featured=True)[:FEATURED_PROGRAMS],
        **tilemap.tile_map_context(regions),
    }
    return render(request, "portal/home.html", context)


@staff_required
@require_GET
def dashboard(request):
    """What needs doing now, each item a link straight to the work."""
    tour = Tour.objects.current()
    now = timezone.now()
    meetings = Meeting.objects.select_related("region").prefetch_related("regions").order_by("starts_at")
    if tour is not None:
        meetings = meetings.filter(tour=tour)
    without_minutes = meetings.filter(status=Meeting.Status.HELD)
    # Planned meetings whose time has passed were probably held and wait to be marked so.
    past_planned = meetings.filter(status=Meeting.Status.PLANNED, starts_at__lt=now)
    upcoming = meetings.filter(status=Meeting.Status.PLANNED, starts_at__gte=now)
    commitments = (
        Commitment.objects.due_within(selectors.COMMITMENTS_DUE_WITHIN_DAYS)
        .select_related("memorandum__region")
        .order_by("due_on", "id")
    )
    awaiting = proposal_counts().count(tour=tour, statuses=Proposal.AWAITING_ANSWER) if tour else 0
    context = {
        "tour": tour,
        "without_minutes": list(without_minutes[:LISTED]),
        "without_minutes_count": without_minutes.count(),
        "past_planned": list(past_planned[:LISTED]),
        "upcoming": list(upcoming[:5]),
        "unanswered_count": awaiting,
        "commitments": list(commitments[:LISTED]),
        "commitments_count": commitments.count(),
        "due_within_days": selectors.COMMITMENTS_DUE_WITHIN_DAYS,
        "today": timezone.localdate(),
        "outbox": outbox.backlog(),
    }
    return render(request, "portal/dashboard.html", context)

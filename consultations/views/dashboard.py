"""The staff dashboard: what needs doing now, each item a link straight to the work."""

import datetime

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from consultations.models import Commitment, Meeting, Tour
from consultations.proposal_counts import proposal_counts
from consultations.views.access import staff_required

# Kept as strings: consultations does not import the proposals app.
UNANSWERED_PROPOSAL_STATUSES = ["received", "under_review"]
COMMITMENTS_DUE_WITHIN_DAYS = 14
LISTED = 10


@staff_required
@require_GET
def dashboard(request):
    tour = Tour.objects.current()
    now = timezone.now()
    today = timezone.localdate()
    meetings = Meeting.objects.select_related("region").order_by("starts_at")
    without_minutes = meetings.filter(status=Meeting.Status.HELD)
    # Planned meetings whose time has passed were probably held and wait to be marked so.
    past_planned = meetings.filter(status=Meeting.Status.PLANNED, starts_at__lt=now)
    upcoming = meetings.filter(status=Meeting.Status.PLANNED, starts_at__gte=now)
    commitments = (
        Commitment.objects.exclude(status__in=Commitment.CLOSED)
        .filter(due_on__isnull=False, due_on__lte=today + datetime.timedelta(days=COMMITMENTS_DUE_WITHIN_DAYS))
        .select_related("memorandum__region")
        .order_by("due_on", "id")
    )
    if tour is not None:
        without_minutes = without_minutes.filter(tour=tour)
        past_planned = past_planned.filter(tour=tour)
        upcoming = upcoming.filter(tour=tour)
    unanswered = proposal_counts().count(tour=tour, statuses=UNANSWERED_PROPOSAL_STATUSES) if tour else 0
    context = {
        "tour": tour,
        "without_minutes": list(without_minutes[:LISTED]),
        "without_minutes_count": without_minutes.count(),
        "past_planned": list(past_planned[:LISTED]),
        "upcoming": list(upcoming[:5]),
        "unanswered_count": unanswered,
        "commitments": list(commitments[:LISTED]),
        "commitments_count": commitments.count(),
        "due_within_days": COMMITMENTS_DUE_WITHIN_DAYS,
        "today": today,
    }
    return render(request, "consultations/staff/dashboard.html", context)

"""Public statistics: proposals by direction, by region, the status funnel, meetings by month.

Charts are SVG drawn on the server (foundation/charts.py), each with a data table.
"""

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _

from consultations.models import Meeting, Region, Tour
from foundation.charts import bar_chart
from foundation.public_cache import public_page
from programs.models import Direction
from proposals.counts import proposal_counts
from proposals.models import Proposal

REVIEWED = [s for s in Proposal.Status.values if s not in (Proposal.Status.RECEIVED, Proposal.Status.DUPLICATE)]


def _proposals(tour) -> dict:
    """Which proposals the charts count: Proposal.objects.counted() of the tour (public, a
    duplicate once, under its original), as arguments of ProposalCounts.by()."""
    return {"which": "counted", "tour": tour}


def _by_direction(proposals):
    counts = proposal_counts().by("direction", **proposals)
    return bar_chart(
        slug="direction",
        title=_("Proposals by direction"),
        description=_("How many proposals concern each direction of the foundation's work."),
        label_heading=_("Direction"),
        value_heading=_("Proposals"),
        rows=[(label, counts.get(value, 0)) for value, label in Direction.choices],
    )


def _by_region(proposals):
    counts = proposal_counts().by("region", **proposals)
    return bar_chart(
        slug="region",
        title=_("Proposals by region"),
        description=_("How many proposals came from each of the 20 regions."),
        label_heading=_("Region"),
        value_heading=_("Proposals"),
        rows=[(region.name, counts.get(region.pk, 0)) for region in Region.objects.order_by("name")],
    )


def _funnel(proposals):
    counts = proposal_counts().by("status", **proposals)
    received = sum(counts.values())
    reviewed = sum(counts.get(s, 0) for s in REVIEWED)
    answered = sum(counts.get(s, 0) for s in Proposal.ANSWERED)
    taken_up = sum(counts.get(s, 0) for s in Proposal.TAKEN_UP)
    funnel = bar_chart(
        slug="funnel",
        title=_("From proposal to answer"),
        description=_(
            "Of all proposals received: how many have been reviewed, how many answered, "
            "and how many were accepted, in full or in part, or found already done."
        ),
        label_heading=_("Stage"),
        value_heading=_("Proposals"),
        rows=[
            (_("Received"), received),
            (_("Reviewed"), reviewed),
            (_("Answered"), answered),
            (_("Accepted or already done"), taken_up),
        ],
        percent_of=received,
    )
    statuses = bar_chart(
        slug="status",
        title=_("Proposals by status"),
        description=_("How many proposals are in each status now."),
        label_heading=_("Status"),
        value_heading=_("Proposals"),
        rows=[
            (label, counts.get(value, 0))
            for value, label in Proposal.Status.choices
            if value != Proposal.Status.DUPLICATE
        ],
    )
    return funnel, statuses


def _meetings_by_month(tour):
    meetings = Meeting.objects.exclude(status=Meeting.Status.CANCELLED)
    if tour is not None:
        meetings = meetings.filter(tour=tour)
    months = (
        meetings.annotate(month=TruncMonth("starts_at")).order_by("month").values_list("month").annotate(n=Count("id"))
    )
    return bar_chart(
        slug="months",
        title=_("Meetings by month"),
        description=_("How many meetings were held or planned in each month of the tour."),
        label_heading=_("Month"),
        value_heading=_("Meetings"),
        rows=[(formats.date_format(month, "YEAR_MONTH_FORMAT"), n) for month, n in months],
    )


@public_page
def statistics(request):
    tour = Tour.objects.current()
    proposals = _proposals(tour)
    funnel, statuses = _funnel(proposals)
    context = {
        "tour": tour,
        "total": funnel.bars[0].value,
        "charts": [funnel, statuses, _by_direction(proposals), _by_region(proposals), _meetings_by_month(tour)],
    }
    return render(request, "proposals/statistics.html", context)

"""Public pages of the tour: home, regions, meetings, signed memoranda."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from consultations.models import Meeting, Region, Tour
from consultations.selectors import tour_progress


def home(request):
    tour = Tour.objects.current()
    context = {
        "tour": tour,
        "progress": tour_progress(tour),
        "latest_meetings": Meeting.objects.filter(status__in=[Meeting.Status.HELD, Meeting.Status.MINUTES_PUBLISHED])
        .select_related("region")
        .order_by("-starts_at")[:6],
    }
    return render(request, "consultations/home.html", context)


def region_list(request):
    regions = Region.objects.annotate(
        meetings_held=Count(
            "meetings", filter=Q(meetings__status__in=[Meeting.Status.HELD, Meeting.Status.MINUTES_PUBLISHED])
        )
    ).order_by("name")
    return render(request, "consultations/region_list.html", {"regions": regions})


def region_detail(request, slug):
    region = get_object_or_404(Region, slug=slug)
    meetings = region.meetings.exclude(status=Meeting.Status.CANCELLED).order_by("-starts_at")
    return render(request, "consultations/region_detail.html", {"region": region, "meetings": meetings})


def meeting_detail(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("region", "tour"), pk=pk)
    return render(request, "consultations/meeting_detail.html", {"meeting": meeting})

"""Public pages of the tour: home, regions, meetings. Cached for anonymous visitors."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from consultations import selectors, tilemap
from consultations.models import Meeting, MeetingAttachment, Region, Tour
from foundation.files import file_response
from foundation.public_cache import public_page
from programs.models import Program

FEATURED_PROGRAMS = 6


def _tile_map_context(regions) -> dict:
    return {
        "tiles": tilemap.tiles(regions),
        "tile_view_box": tilemap.view_box(),
        "tile_width": tilemap.TILE_WIDTH,
        "tile_height": tilemap.TILE_HEIGHT,
        "progress_choices": selectors.RegionProgress.choices,
    }


@public_page
def home(request):
    tour = Tour.objects.current()
    regions = selectors.regions_with_progress(tour)
    context = {
        "tour": tour,
        "progress": selectors.tour_progress(tour),
        "regions": regions,
        "latest_meetings": selectors.latest_meetings(),
        "featured_programs": Program.objects.filter(featured=True)[:FEATURED_PROGRAMS],
        **_tile_map_context(regions),
    }
    return render(request, "consultations/home.html", context)


@public_page
def region_list(request):
    regions = selectors.regions_with_progress(Tour.objects.current())
    return render(request, "consultations/region_list.html", {"regions": regions, **_tile_map_context(regions)})


@public_page
def region_detail(request, slug):
    region = get_object_or_404(Region, slug=slug)
    context = {"region": region, **selectors.region_page(region)}
    return render(request, "consultations/region_detail.html", context)


@public_page
def meeting_detail(request, pk):
    try:
        meeting = selectors.public_meeting(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    return render(request, "consultations/meeting_detail.html", {"meeting": meeting, **selectors.meeting_page(meeting)})


def meeting_photo(request, pk, attachment_pk, thumbnail=False):
    """A public photo of a meeting (or its thumbnail); anything else is a 404."""
    photo = get_object_or_404(MeetingAttachment.objects.public_photos(), pk=attachment_pk, meeting_id=pk)
    if thumbnail and photo.thumbnail:
        return file_response(photo.thumbnail, inline=True)
    return file_response(photo.file, inline=True)

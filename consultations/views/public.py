"""Public pages of the tour: regions, meetings. Cached for anonymous visitors. (The home page,
which shows every app, is in portal/.)"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from consultations import selectors, tilemap
from consultations.models import Meeting, MeetingAttachment, Region, Tour
from foundation.files import file_response
from foundation.public_cache import public_page


@public_page
def region_list(request):
    regions = selectors.regions_with_progress(Tour.objects.current())
    return render(request, "consultations/region_list.html", {"regions": regions, **tilemap.tile_map_context(regions)})


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
    response = render(
        request, "consultations/meeting_detail.html", {"meeting": meeting, **selectors.meeting_page(meeting)}
    )
    now = timezone.now()
    changes_at = meeting.public_page_changes_at(now)
    if changes_at is not None:
        response.public_cache_seconds = max((changes_at - now).total_seconds(), 0)
    return response


def meeting_photo(request, pk, attachment_pk, thumbnail=False):
    """A public photo of a meeting (or its thumbnail); anything else is a 404."""
    photo = get_object_or_404(MeetingAttachment.objects.public_photos(), pk=attachment_pk, meeting_id=pk)
    if thumbnail and photo.thumbnail:
        return file_response(photo.thumbnail, inline=True)
    return file_response(photo.file, inline=True)

"""Public pages of events: the calendar, calendar files and feeds, registration and cancelling."""

import datetime

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from consultations.models import Meeting, Region
from events import ics, selectors, services
from events.forms import CalendarFilterForm, RegistrationForm
from events.models import Registration
from foundation import cache as best_effort
from foundation.clients import client_key
from foundation.public_cache import content_version, public_page

PAGE_SIZE = 20
RATE_LIMIT = 10  # registrations per address per hour
RATE_WINDOW = datetime.timedelta(hours=1)
FEED_CACHE_SECONDS = 900  # how often calendar clients may usefully refetch


@public_page
@require_GET
def calendar(request):
    form = CalendarFilterForm(request.GET or None)
    filters = form.values()
    page = Paginator(selectors.calendar_events(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    regions = Region.objects.order_by("name")
    context = {"form": form, "filters": filters, "page": page, "events": page.object_list, "regions": regions}
    return render(request, "events/calendar.html", context)


def _calendar_response(content: bytes, filename: str, *, cache_seconds: int = 0) -> HttpResponse:
    response = HttpResponse(content, content_type=ics.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    if cache_seconds:
        response["Cache-Control"] = f"public, max-age={cache_seconds}"
    return response


@require_GET
def event_ics(request, pk):
    """ "Add to calendar": one event as an .ics file."""
    meeting = get_object_or_404(Meeting.objects.select_related("region").prefetch_related("regions"), pk=pk)
    return _calendar_response(ics.calendar_bytes([meeting], name=meeting.title), f"event-{meeting.pk}.ics")


@require_GET
def feed(request, slug=None):
    """The iCalendar feed of every event, or of the events concerning one region."""
    region = get_object_or_404(Region, slug=slug) if slug else None
    if region is None:
        name = _("Events of the regional tour")
        filename = "events.ics"
    else:
        name = _("Events of the regional tour: %(region)s") % {"region": region.name}
        filename = f"events-{region.slug}.ics"
    content = _cached_feed(
        f"{translation.get_language()}:{slug or ''}", lambda: ics.calendar_bytes(ics.feed_meetings(region), name=name)
    )
    return _calendar_response(content, filename, cache_seconds=FEED_CACHE_SECONDS)


def _cached_feed(key: str, build) -> bytes:
    """A feed's bytes, kept in the cache under the public content version: calendar clients
    poll feeds, and a thousand events take most of a second to write. Any change to public
    content makes a new version; the cache being down only means building every time."""
    version = content_version()
    if version is None:
        return build()
    key = f"events-feed:{version}:{key}"
    content = best_effort.get(key)
    if content is None:
        content = build()
        best_effort.set(key, content, FEED_CACHE_SECONDS)
    return content


def _over_rate_limit(sender: str) -> bool:
    since = timezone.now() - RATE_WINDOW
    return Registration.objects.filter(submitted_from=sender, created_at__gte=since).count() >= RATE_LIMIT


@require_http_methods(["GET", "POST"])
def register(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("region").prefetch_related("regions"), pk=pk)
    if not meeting.registration_open or meeting.status == Meeting.Status.CANCELLED:
        raise Http404("No registration for this event")
    is_open = services.registration_is_open(meeting)
    form = RegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST" and is_open and form.is_valid():
        if form.is_spam:
            return redirect("events:registered_spam", pk=meeting.pk)
        sender = client_key(request, "events.register.sender")
        if _over_rate_limit(sender):
            form.add_error(
                None, _("Too many registrations from your address in the last hour. Please try again later.")
            )
            status = 429
        else:
            data = {k: form.cleaned_data[k] for k in ("name", "organisation", "group", "email")}
            try:
                registration = services.registration_create(
                    meeting=meeting, language=translation.get_language(), submitted_from=sender, **data
                )
            except services.RegistrationRefused as exc:
                form.add_error("email" if exc.code == "twice" else None, exc.messages[0])
                status = 409
            else:
                return redirect(registration)
    elif request.method == "POST":
        status = 400
    confirmed = meeting.registrations.confirmed().count()
    context = {
        "meeting": meeting,
        "form": form,
        "is_open": is_open,
        "places_left": services.places_left(meeting, confirmed),
    }
    return render(request, "events/register.html", context, status=status)


@require_GET
def registered_spam(request, pk):
    """What a bot that filled the honeypot sees: a thank-you, and nothing saved."""
    meeting = get_object_or_404(Meeting, pk=pk)
    return render(request, "events/registration.html", {"meeting": meeting, "registration": None})


@require_http_methods(["GET", "POST"])
def registration(request, token):
    """A registration's own page, reached by the secret link: its status, and cancelling (POST
    only: mail scanners that open links must not cancel anyone)."""
    registration = get_object_or_404(Registration.objects.select_related("meeting", "meeting__region"), token=token)
    if request.method == "POST":
        registration = services.registration_cancel(registration=registration)
    response = render(
        request,
        "events/registration.html",
        {"meeting": registration.meeting, "registration": registration, "cancelled_now": request.method == "POST"},
    )
    # The token is in the URL: never send it to another site, never index the page.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response

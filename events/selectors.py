"""Reads for the calendar and the event panel."""

from django.utils import timezone

from consultations.models import Meeting
from events.forms import CalendarFilterForm
from events.services import places_left, registration_is_open


def calendar_events(filters: dict, now=None):
    """Events for the public calendar: upcoming (soonest first) or past (latest first)."""
    now = now or timezone.now()
    meetings = Meeting.objects.public_listed().select_related("region").prefetch_related("regions")
    if filters["when"] == CalendarFilterForm.WHEN_PAST:
        meetings = meetings.filter(starts_at__lt=now).order_by("-starts_at", "-pk")
    else:
        meetings = meetings.filter(starts_at__gte=now).order_by("starts_at", "pk")
    if filters["region"] is not None:
        meetings = meetings.concerning(filters["region"])
    if filters["kind"]:
        meetings = meetings.filter(kind=filters["kind"])
    if filters["online"]:
        meetings = meetings.online()
    return meetings


def event_panel(meeting: Meeting, now=None) -> dict:
    """What the public event page shows besides the meeting: online access, registration,
    press coverage. Two queries."""
    now = now or timezone.now()
    is_open = registration_is_open(meeting, now)
    confirmed = meeting.registrations.confirmed().count() if meeting.registration_open else 0
    return {
        "meeting": meeting,
        "join_url": meeting.public_join_url(now),
        "recording_url": meeting.public_recording_url(now),
        "join_opens_at": meeting.join_opens_at(),
        "online_access": meeting.online_is_public and meeting.is_online and meeting.status != Meeting.Status.CANCELLED,
        "is_upcoming": meeting.status == Meeting.Status.PLANNED and meeting.starts_at > now,
        "registration_open": is_open,
        "registration_closed": meeting.registration_open and not is_open,
        "places_left": places_left(meeting, confirmed) if is_open else None,
        "press_coverage": list(meeting.press_coverage.all()),
    }


def registrants(meeting: Meeting):
    return meeting.registrations.order_by("status", "created_at", "pk")

"""iCalendar (RFC 5545) for events: one event's file, and the feeds calendar clients subscribe to.

Times are written in Asia/Almaty (the site's TIME_ZONE) with its VTIMEZONE, so clients show the
local time wherever they are. UIDs are stable (the event's id and the site's host), and
SEQUENCE follows the meeting's version, so a changed event updates in subscribed calendars.
"""

import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import Meeting
from foundation.links import absolute

PRODID = "-//Qazaqstan Halqyna//Regional tour events//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# How far back and ahead a feed reaches: enough for a season, small enough to fetch often.
FEED_PAST = datetime.timedelta(days=366)


def _uid(meeting: Meeting) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"event-{meeting.pk}@{host}"


def _description(meeting: Meeting) -> str:
    parts = [meeting.get_kind_display(), meeting.place_label, meeting.get_attendance_display()]
    if meeting.summary and meeting.status in Meeting.HELD_STATUSES:
        parts.append(meeting.summary)
    parts.append(absolute(meeting.get_absolute_url()))
    return "\n".join(str(p) for p in parts if p)


def _location(meeting: Meeting) -> str:
    if meeting.venue:
        return meeting.venue
    return str(_("Online")) if meeting.is_online else ""


def event_component(meeting: Meeting) -> icalendar.Event:
    tz = ZoneInfo(settings.TIME_ZONE)
    event = icalendar.Event()
    event.add("uid", _uid(meeting))
    event.add("dtstamp", (meeting.updated_at or timezone.now()).astimezone(datetime.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(tz))
    event.add("dtend", meeting.ends_at_or_default.astimezone(tz))
    event.add("summary", meeting.title)
    event.add("description", _description(meeting))
    location = _location(meeting)
    if location:
        event.add("location", location)
    event.add("url", absolute(meeting.get_absolute_url()))
    event.add("sequence", max(meeting.version - 1, 0))
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    event.add("categories", [meeting.get_kind_display()])
    return event


def calendar_bytes(meetings, *, name: str) -> bytes:
    """A VCALENDAR holding `meetings`, with the VTIMEZONE of every time zone it uses."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    first = None
    for meeting in meetings:
        calendar.add_component(event_component(meeting))
        day = meeting.starts_at.date()
        first = day if first is None or day < first else first
    calendar.add_missing_timezones(first_date=first or timezone.localdate())
    if not calendar.walk("VTIMEZONE"):
        # An empty feed still names its zone, so a client shows later events right.
        calendar.add_component(icalendar.Timezone.from_tzid(settings.TIME_ZONE, first_date=timezone.localdate()))
    return calendar.to_ical()


def feed_meetings(region=None):
    """What a feed lists: every event not cancelled from a year back on, of one region or all."""
    meetings = Meeting.objects.public_listed().filter(starts_at__gte=timezone.now() - FEED_PAST)
    if region is not None:
        meetings = meetings.concerning(region)
    return meetings.select_related("region").prefetch_related("regions").order_by("starts_at", "pk")

import datetime

import pytest
from django.utils import timezone

from consultations.models import Meeting
from tests import factories

ZOOM = "https://us02web.zoom.us/j/81234567890"


def online_conference(tour, *, region=None, starts_in=datetime.timedelta(days=10), **kwargs):
    values = {
        "tour": tour,
        "region": region,
        "kind": Meeting.Kind.ONLINE_CONFERENCE,
        "attendance": Meeting.Attendance.ONLINE,
        "title": "Онлайн-конференция: инклюзивті білім беру",
        "venue": "",
        "online_url": ZOOM,
        "online_is_public": True,
        "registration_open": True,
        "status": Meeting.Status.PLANNED,
        "starts_at": timezone.now() + starts_in,
    }
    return factories.MeetingFactory(**(values | kwargs))


@pytest.fixture
def event_tour(db):
    # Wide enough for events relative to today.
    return factories.TourFactory(
        is_current=True, starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2035, 12, 31)
    )


@pytest.fixture
def conference(event_tour):
    return online_conference(event_tour, capacity=2)

"""The public calendar: upcoming and past events, filters by region, kind and online."""

import datetime

import pytest
from django.utils import timezone

from consultations.models import Meeting
from tests import factories
from tests.events.conftest import online_conference


@pytest.fixture
def events(event_tour, astana, almaty):
    now = timezone.now()
    soon = online_conference(event_tour, title="Жақында: онлайн", starts_at=now + datetime.timedelta(days=2))
    later = factories.MeetingFactory(
        tour=event_tour,
        region=astana,
        title="Кейін: Астана",
        status=Meeting.Status.PLANNED,
        starts_at=now + datetime.timedelta(days=9),
    )
    past = factories.MeetingFactory(
        tour=event_tour, region=almaty, title="Өткен: Алматы", starts_at=now - datetime.timedelta(days=9)
    )
    old_online = online_conference(
        event_tour,
        title="Өткен: онлайн",
        starts_at=now - datetime.timedelta(days=20),
        status=Meeting.Status.HELD,
        region=almaty,
    )
    cancelled = factories.MeetingFactory(
        tour=event_tour,
        region=astana,
        title="Болмайды",
        status=Meeting.Status.CANCELLED,
        starts_at=now + datetime.timedelta(days=3),
    )
    return soon, later, past, old_online, cancelled


def titles(client, query="", lang="en"):
    response = client.get(f"/{lang}/events/{query}")
    assert response.status_code == 200
    return [m.title for m in response.context["events"]]


@pytest.mark.django_db
class TestCalendar:
    def test_upcoming_soonest_first_without_the_cancelled(self, client, events):
        assert titles(client) == ["Жақында: онлайн", "Кейін: Астана"]

    def test_past_latest_first(self, client, events):
        assert titles(client, "?when=past") == ["Өткен: Алматы", "Өткен: онлайн"]

    def test_filters(self, client, events, almaty, astana):
        assert titles(client, f"?region={astana.slug}") == ["Кейін: Астана"]
        assert titles(client, f"?when=past&region={almaty.slug}") == ["Өткен: Алматы", "Өткен: онлайн"]
        assert titles(client, "?when=past&online=1") == ["Өткен: онлайн"]
        assert titles(client, "?kind=online_conference") == ["Жақында: онлайн"]

    def test_garbage_parameters_are_ignored(self, client, events):
        assert titles(client, "?when=%00&region=atlantis&kind=<script>&page=-3") == [
            "Жақында: онлайн",
            "Кейін: Астана",
        ]

    def test_each_upcoming_event_can_be_added_to_a_calendar(self, client, events):
        html = client.get("/kk/events/").content.decode()
        assert f'href="/kk/events/{events[0].pk}/calendar.ics"' in html
        assert f'href="/kk/events/{events[0].pk}/register/"' in html
        assert 'href="/kk/events/feed.ics"' in html

    def test_it_is_in_the_navigation_and_the_sitemap(self, client, events):
        assert 'href="/ru/events/"' in client.get("/ru/").content.decode()
        assert "/kk/events/" in client.get("/sitemap-pages.xml").content.decode()

    def test_queries_do_not_grow_with_events(self, client, event_tour, django_assert_max_num_queries):
        for n in range(25):
            online_conference(event_tour, title=f"Онлайн {n}").regions.add(factories.region("KZ-75"))
        with django_assert_max_num_queries(5):
            assert len(titles(client)) == 20

"""iCalendar: one event's file and the feeds (all, per region), read back with a real parser."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from consultations.models import Meeting
from tests import factories
from tests.events.conftest import online_conference

ALMATY = ZoneInfo("Asia/Almaty")


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    raw = response.content
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # RFC 5545: CRLF lines
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded at 75 octets
    return icalendar.Calendar.from_ical(raw)


def summaries(calendar) -> set[str]:
    return {str(e["summary"]) for e in calendar.walk("VEVENT")}


@pytest.fixture
def events(event_tour, astana, almaty):
    starts = datetime.datetime(2026, 12, 10, 15, 0, tzinfo=ALMATY)
    national = online_conference(event_tour, title="Ұлттық онлайн-конференция", starts_at=starts)
    in_astana = factories.MeetingFactory(
        tour=event_tour,
        region=astana,
        title="Астанадағы кездесу",
        venue="Астана қаласының әкімдігі",
        status=Meeting.Status.PLANNED,
        starts_at=starts + datetime.timedelta(days=1),
    )
    covering = online_conference(
        event_tour, region=None, title="Алматы мен Астана онлайн", starts_at=starts + datetime.timedelta(days=2)
    )
    covering.regions.add(almaty, astana)
    cancelled = factories.MeetingFactory(
        tour=event_tour,
        region=almaty,
        title="Кейінге қалдырылды",
        status=Meeting.Status.CANCELLED,
        starts_at=starts + datetime.timedelta(days=3),
    )
    return national, in_astana, covering, cancelled


@pytest.mark.django_db
class TestFeeds:
    def test_the_feed_of_all_events_holds_every_event_not_cancelled(self, client, events):
        calendar = parse(client.get("/kk/events/feed.ics"))
        assert summaries(calendar) == {"Ұлттық онлайн-конференция", "Астанадағы кездесу", "Алматы мен Астана онлайн"}
        assert str(calendar["version"]) == "2.0"
        assert str(calendar["prodid"]).startswith("-//")

    def test_times_are_in_almaty_with_its_vtimezone(self, client, events):
        national = events[0]
        calendar = parse(client.get("/en/events/feed.ics"))
        (zone,) = calendar.walk("VTIMEZONE")
        assert str(zone["tzid"]) == "Asia/Almaty"
        event = next(e for e in calendar.walk("VEVENT") if str(e["summary"]) == national.title)
        assert event["dtstart"].params["TZID"] == "Asia/Almaty"
        assert event.decoded("dtstart") == datetime.datetime(2026, 12, 10, 15, 0, tzinfo=ALMATY)
        assert event.decoded("dtstart").utcoffset() == datetime.timedelta(hours=5)
        assert event.decoded("dtend") == datetime.datetime(2026, 12, 10, 17, 0, tzinfo=ALMATY)
        assert str(event["uid"]) == f"event-{national.pk}@127.0.0.1"
        assert str(event["url"]).endswith(f"/en/meetings/{national.pk}/")
        assert event["dtstamp"].dt.tzinfo is not None

    def test_a_region_feed_holds_the_events_that_concern_the_region(self, client, events, almaty, astana):
        assert summaries(parse(client.get(f"/ru/events/feed/{almaty.slug}.ics"))) == {"Алматы мен Астана онлайн"}
        assert summaries(parse(client.get(f"/ru/events/feed/{astana.slug}.ics"))) == {
            "Астанадағы кездесу",
            "Алматы мен Астана онлайн",
        }

    def test_an_unknown_region_is_a_404(self, client, db):
        assert client.get("/en/events/feed/atlantis.ics").status_code == 404

    def test_an_empty_feed_is_still_valid(self, client, db):
        calendar = parse(client.get("/en/events/feed.ics"))
        assert calendar.walk("VEVENT") == []
        assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["Asia/Almaty"]

    def test_the_feed_runs_a_fixed_number_of_queries(self, client, event_tour, django_assert_max_num_queries):
        for n in range(30):
            online_conference(event_tour, title=f"Онлайн-конференция {n}").regions.add(factories.region("KZ-75"))
        with django_assert_max_num_queries(3):
            calendar = parse(client.get("/en/events/feed.ics"))
        assert len(calendar.walk("VEVENT")) == 30


@pytest.mark.django_db
class TestOneEvent:
    def test_add_to_calendar_gives_the_one_event_as_an_attachment(self, client, events):
        in_astana = events[1]
        response = client.get(f"/kk/events/{in_astana.pk}/calendar.ics")
        assert response["Content-Disposition"] == f'attachment; filename="event-{in_astana.pk}.ics"'
        (event,) = parse(response).walk("VEVENT")
        assert str(event["summary"]) == "Астанадағы кездесу"
        assert str(event["location"]) == "Астана қаласының әкімдігі"
        assert str(event["status"]) == "CONFIRMED"

    def test_a_changed_event_has_a_higher_sequence(self, client, events):
        national = events[0]
        Meeting.objects.filter(pk=national.pk).update(version=3, updated_at=timezone.now())
        (event,) = parse(client.get(f"/en/events/{national.pk}/calendar.ics")).walk("VEVENT")
        assert int(event["sequence"]) == 2

    def test_a_cancelled_event_says_so(self, client, events):
        (event,) = parse(client.get(f"/en/events/{events[3].pk}/calendar.ics")).walk("VEVENT")
        assert str(event["status"]) == "CANCELLED"


@pytest.mark.django_db
class TestFeedCache:
    @pytest.fixture(autouse=True)
    def cache_on(self):
        from django.core.cache import cache

        cache.clear()
        yield
        cache.clear()

    def test_a_feed_is_built_once_until_public_content_changes(self, client, event_tour, django_assert_num_queries):
        meeting = online_conference(event_tour, title="Бірінші")
        assert summaries(parse(client.get("/en/events/feed.ics"))) == {"Бірінші"}
        with django_assert_num_queries(0):
            assert summaries(parse(client.get("/en/events/feed.ics"))) == {"Бірінші"}
        meeting.title = "Өзгертілген"
        meeting.save()  # bumps the public content version
        assert summaries(parse(client.get("/en/events/feed.ics"))) == {"Өзгертілген"}

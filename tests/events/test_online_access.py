"""Public online access: the join link from a set time before the start, the recording after."""

import datetime
import time

import pytest
from django.core.cache import cache
from django.utils import timezone

from consultations.models import Meeting
from tests.events.conftest import ZOOM, online_conference

RECORDING = "https://www.youtube.com/watch?v=kh2026"


def page(client, meeting, lang="en"):
    response = client.get(f"/{lang}/meetings/{meeting.pk}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
class TestJoinLink:
    def test_it_is_absent_before_the_set_time(self, client, event_tour):
        meeting = online_conference(event_tour, starts_in=datetime.timedelta(minutes=31), join_opens_minutes=30)
        html = page(client, meeting)
        assert ZOOM not in html
        assert 'data-testid="join-link-later"' in html
        assert "The link to join appears here from" in html

    def test_it_is_present_from_the_set_time(self, client, event_tour):
        meeting = online_conference(event_tour, starts_in=datetime.timedelta(minutes=29), join_opens_minutes=30)
        html = page(client, meeting)
        assert f'href="{ZOOM}"' in html
        assert 'data-testid="join-link"' in html

    def test_it_is_present_while_the_event_runs(self, client, event_tour):
        meeting = online_conference(event_tour, starts_in=-datetime.timedelta(minutes=30))
        assert f'href="{ZOOM}"' in page(client, meeting)

    def test_it_is_never_shown_for_an_event_without_public_access(self, client, event_tour):
        meeting = online_conference(event_tour, starts_in=datetime.timedelta(minutes=5), online_is_public=False)
        html = page(client, meeting)
        assert ZOOM not in html
        assert "join-link" not in html

    def test_it_is_never_shown_for_a_cancelled_event(self, client, event_tour):
        meeting = online_conference(
            event_tour, starts_in=datetime.timedelta(minutes=5), status=Meeting.Status.CANCELLED
        )
        assert ZOOM not in page(client, meeting)

    def test_no_third_party_frame_or_script_is_loaded(self, client, event_tour):
        meeting = online_conference(event_tour, starts_in=datetime.timedelta(minutes=5))
        response = client.get(f"/en/meetings/{meeting.pk}/")
        html = response.content.decode()
        assert "<iframe" not in html
        assert "zoom.us/" not in "".join(part for part in html.split('href="') if part.startswith("<"))
        csp = response["Content-Security-Policy"]
        assert "zoom.us" not in csp and "youtube" not in csp


@pytest.mark.django_db
class TestRecording:
    def test_it_appears_after_the_end_and_the_join_link_goes(self, client, event_tour):
        meeting = online_conference(
            event_tour,
            starts_in=-datetime.timedelta(hours=3),
            recording_url=RECORDING,
            status=Meeting.Status.HELD,
        )
        html = page(client, meeting)
        assert f'href="{RECORDING}"' in html
        assert ZOOM not in html

    def test_it_is_hidden_before_the_end(self, client, event_tour):
        meeting = online_conference(
            event_tour,
            starts_in=-datetime.timedelta(minutes=10),
            ends_at=timezone.now() + datetime.timedelta(minutes=50),
            recording_url=RECORDING,
        )
        assert RECORDING not in page(client, meeting)


@pytest.mark.django_db
class TestCachedPage:
    @pytest.fixture(autouse=True)
    def page_cache(self, settings):
        settings.PUBLIC_PAGE_CACHE_SECONDS = 300
        cache.clear()
        yield
        cache.clear()

    def test_a_cached_page_does_not_outlive_the_moment_the_link_appears(self, client, event_tour):
        meeting = online_conference(
            event_tour, starts_in=datetime.timedelta(minutes=30, seconds=2), join_opens_minutes=30
        )
        first = client.get(f"/en/meetings/{meeting.pk}/")
        assert first["X-Public-Cache"] == "miss"
        assert ZOOM not in first.content.decode()
        time.sleep(2.2)
        second = client.get(f"/en/meetings/{meeting.pk}/")
        assert second["X-Public-Cache"] != "hit"
        assert f'href="{ZOOM}"' in second.content.decode()

    def test_a_page_that_will_not_change_by_itself_is_cached_as_usual(self, client, event_tour):
        meeting = online_conference(event_tour, starts_in=-datetime.timedelta(days=3), status=Meeting.Status.HELD)
        assert client.get(f"/en/meetings/{meeting.pk}/")["X-Public-Cache"] == "miss"
        assert client.get(f"/en/meetings/{meeting.pk}/")["X-Public-Cache"] == "hit"


def test_the_page_changes_when_the_link_opens_at_the_start_and_at_the_end():
    starts = datetime.datetime(2026, 12, 10, 10, 0, tzinfo=datetime.UTC)
    meeting = Meeting(starts_at=starts, join_opens_minutes=15)
    assert meeting.public_page_changes_at(starts - datetime.timedelta(hours=1)) == starts - datetime.timedelta(
        minutes=15
    )
    assert meeting.public_page_changes_at(starts - datetime.timedelta(minutes=5)) == starts
    assert meeting.public_page_changes_at(starts) == starts + datetime.timedelta(hours=2)
    assert meeting.public_page_changes_at(starts + datetime.timedelta(hours=3)) is None

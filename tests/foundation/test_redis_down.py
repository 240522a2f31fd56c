"""The site with Redis configured but down: pages render uncached, every write succeeds.

REDIS_URL and the Redis cache point at a port that refuses connections (nothing listens on
port 1), with the page cache on as in production.
"""

import time

import pytest
from django.test import Client

from consultations.models import Meeting
from foundation import cache as best_effort
from foundation import public_cache
from proposals.models import Proposal
from tests import factories, public_data
from tests.consultations.staff_data import plan_post

DOWN = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    settings.REDIS_URL = DOWN
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": DOWN,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    yield
    best_effort._skip_until.clear()
    public_cache._bump_pending = False


@pytest.fixture
def site(db):
    return public_data.build()


@pytest.mark.django_db
class TestRedisDown:
    def test_public_pages_render_uncached(self, redis_down, site, client):
        meeting = site.meetings[0]
        program = site.programs[0]
        urls = [
            "/kk/",
            "/ru/regions/",
            f"/en/regions/{meeting.region.slug}/",
            meeting.get_absolute_url(),
            "/kk/programs/",
            program.get_absolute_url(),
            "/ru/proposals/statistics/",
            "/en/proposals/",
            "/en/proposals/submit/",
        ]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert "X-Public-Cache" not in response, url

    def test_a_dead_redis_is_tried_once_then_left_alone_for_a_while(self, redis_down, site, client):
        started = time.monotonic()
        for _ in range(10):
            assert client.get("/kk/").status_code == 200
        assert best_effort.is_resting()
        assert time.monotonic() - started < 5  # ten pages, not ten connection timeouts each

    def test_login_works(self, redis_down, staff_user):
        staff_user.set_password("a-long-enough-password")
        staff_user.save()
        response = Client().post("/en/accounts/login/", {"username": "staff", "password": "a-long-enough-password"})
        assert response.status_code == 302

    def test_a_proposal_is_received_and_the_hourly_limit_still_holds(self, redis_down, tour, astana, client):
        for i in range(5):
            response = client.post(
                "/kk/proposals/submit/",
                {"text": f"Ауылға спорт алаңы керек, {i}", "direction": "sport", "region": astana.pk},
            )
            assert response.status_code == 302
        assert Proposal.objects.count() == 5
        sixth = client.post(
            "/kk/proposals/submit/", {"text": "Алтыншы ұсыныс", "direction": "sport", "region": astana.pk}
        )
        assert sixth.status_code == 429
        assert Proposal.objects.count() == 5

    def test_staff_writes_succeed(self, redis_down, staff_client, tour, astana):
        meeting = factories.MeetingFactory(tour=tour, region=astana)
        response = staff_client.post(f"/en/staff/meetings/{meeting.pk}/edit/", plan_post(meeting, venue="Жаңа орын"))
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.venue == "Жаңа орын"
        response = staff_client.post(f"/en/staff/meetings/{meeting.pk}/status/", {"status": Meeting.Status.HELD})
        assert response.status_code == 302
        proposal = factories.ProposalFactory(tour=tour, region=astana)
        response = staff_client.post(
            f"/en/proposals/staff/{proposal.pk}/",
            {"status": "accepted", "answer_kk": "Қабылданды", "answer_ru": "", "answer_en": ""},
        )
        assert response.status_code == 302
        proposal.refresh_from_db()
        assert proposal.status == "accepted"

    def test_healthz_names_the_parts_that_are_down(self, redis_down, client):
        response = client.get("/healthz")
        body = response.json()
        assert body["database"] == "ok"
        assert body["cache"].startswith("error")
        assert body["broker"].startswith("error")
        assert body["status"] == "degraded"
        assert response.status_code == 200  # the site still serves: a load balancer keeps it


@pytest.mark.django_db
class TestInvalidationFailsSafe:
    """A change saved while Redis was unreachable must not leave stale pages once it is back."""

    def test_a_bump_that_could_not_be_written_is_written_before_the_next_read(self, settings, site, client):
        settings.PUBLIC_PAGE_CACHE_SECONDS = 600
        local = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        assert client.get("/en/").status_code == 200
        assert client.get("/en/")["X-Public-Cache"] == "hit"
        # Redis goes away while a meeting is edited...
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": DOWN}}
        try:
            meeting = site.meetings[0]
            meeting.venue = "Changed while the cache was down"
            meeting.save()
            assert public_cache._bump_pending is True
            # ...and comes back with the pages cached before the edit still in it.
            settings.CACHES = local
            response = client.get("/en/")
            assert response["X-Public-Cache"] == "miss"
            assert public_cache._bump_pending is False
        finally:
            best_effort._skip_until.clear()
            public_cache._bump_pending = False


@pytest.mark.django_db(transaction=True)
def test_a_change_bumps_the_version_again_when_its_transaction_commits():
    from django.db import connection, transaction

    meeting = factories.MeetingFactory()
    with transaction.atomic():
        meeting.venue = "Жаңа орын"
        meeting.save()
        meeting.save()
        during = public_cache.content_version()  # another process may cache old data under this one
        after_commit = [f for _sids, f, _robust in connection.run_on_commit if f is public_cache._bump_after_commit]
        assert len(after_commit) == 1  # once per transaction, however many saves
    assert public_cache.content_version() != during

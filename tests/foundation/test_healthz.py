import datetime
import time

import pytest
from django.core.cache import cache
from django.utils import timezone

from outbox.models import OutboxItem


@pytest.mark.django_db
class TestHealthz:
    def test_it_reports_database_and_broker(self, client):
        response = client.get("/healthz")
        assert response.status_code == 200
        body = response.json()
        assert body["database"] == "ok"
        assert body["broker"] in ("ok", "eager")
        assert body["status"] == "ok"

    def test_it_reports_a_broker_that_is_down_and_keeps_the_node_in_service(self, client, settings):
        settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
        response = client.get("/healthz")
        assert response.status_code == 200  # the site serves without the broker (outbox)
        assert response.json()["broker"].startswith("error")
        assert response.json()["status"] == "degraded"


@pytest.mark.django_db
class TestWorkerAndOutbox:
    def test_without_a_broker_no_worker_is_needed(self, client):
        body = client.get("/healthz").json()
        assert body["worker"] == "eager"
        assert body["outbox"] == {"state": "ok", "unsent": 0, "oldest_unsent_seconds": 0, "failed": 0}

    def test_it_says_when_no_worker_has_ever_beaten(self, client, settings):
        settings.REDIS_URL = "redis://127.0.0.1:1/0"
        cache.delete("celery:worker-heartbeat")
        body = client.get("/healthz").json()
        assert body["worker"] == "error: no worker heartbeat"
        assert body["status"] == "degraded"

    def test_it_says_when_the_worker_stopped_beating(self, client, settings):
        settings.REDIS_URL = "redis://127.0.0.1:1/0"
        cache.set("celery:worker-heartbeat", time.time() - 200, None)
        worker = client.get("/healthz").json()["worker"]
        assert worker["state"].startswith("error: no worker heartbeat for 2")
        assert 200 <= worker["last_heartbeat_seconds"] < 210

    def test_a_recent_heartbeat_is_ok(self, client, settings):
        settings.REDIS_URL = "redis://127.0.0.1:1/0"
        cache.set("celery:worker-heartbeat", time.time() - 5, None)
        assert client.get("/healthz").json()["worker"]["state"] == "ok"

    def test_it_reports_the_oldest_unsent_item(self, client):
        old = OutboxItem.objects.create(kind="email", subject="x", recipients=["a@example.kz"], description="x")
        OutboxItem.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=20))
        OutboxItem.objects.create(kind="email", subject="y", recipients=["a@example.kz"], description="y")
        OutboxItem.objects.create(kind="job", task="t", status="failed", description="z")
        OutboxItem.objects.create(kind="job", task="t", status="sent", description="z")
        response = client.get("/healthz")
        outbox = response.json()["outbox"]
        assert (outbox["unsent"], outbox["failed"]) == (2, 1)
        assert 1200 <= outbox["oldest_unsent_seconds"] < 1230
        assert outbox["state"].startswith("error: unsent for 12")
        assert response.json()["status"] == "degraded" and response.status_code == 200

import pytest


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

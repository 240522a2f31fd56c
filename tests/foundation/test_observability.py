"""Request ids, JSON logs, Sentry only when configured, metrics only for the scraper."""

import json
import logging
import os
import subprocess
import sys

import pytest
from django.test import Client

from foundation.observability import JsonFormatter, RequestIdFilter

PROMETHEUS_MIDDLEWARE = (
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
)


def _python(code: str, **env) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | env
    full_env["DJANGO_SETTINGS_MODULE"] = "foundation.settings"
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )


@pytest.fixture
def request_ids(settings):
    settings.MIDDLEWARE = ["foundation.observability.RequestIdMiddleware", *settings.MIDDLEWARE]


@pytest.fixture
def json_records():
    """Lines written by Django's request logger, formatted as production's JSON handler does."""
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(self.format(record)))

    handler = Collect()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)


@pytest.mark.django_db
class TestRequestId:
    def test_each_response_carries_a_fresh_id(self, request_ids):
        first = Client().get("/healthz")["X-Request-ID"]
        second = Client().get("/healthz")["X-Request-ID"]
        assert len(first) == 32 and len(second) == 32 and first != second

    def test_it_keeps_the_proxys_id_and_replaces_garbage(self, request_ids):
        assert Client().get("/healthz", HTTP_X_REQUEST_ID="lb-42.a_b")["X-Request-ID"] == "lb-42.a_b"
        replaced = Client().get("/healthz", HTTP_X_REQUEST_ID="<script>\n")["X-Request-ID"]
        assert replaced != "<script>\n" and len(replaced) == 32

    def test_log_lines_of_the_request_carry_its_id(self, request_ids, json_records):
        response = Client().get("/en/no-such-page/", HTTP_X_REQUEST_ID="req-1")
        assert response.status_code == 404
        assert [(r["level"], r["message"], r["request_id"]) for r in json_records] == [
            ("WARNING", "Not Found: /en/no-such-page/", "req-1")
        ]

    def test_without_the_option_no_header_is_added(self):
        assert "X-Request-ID" not in Client().get("/healthz")


class TestJsonLogs:
    def test_settings_write_one_json_object_a_line(self):
        result = _python("import logging; logging.getLogger('tour').warning('Сәлем, %s', 'әлем')", LOG_FORMAT="json")
        assert result.returncode == 0, result.stderr
        entry = json.loads(result.stderr.strip().splitlines()[-1])
        assert entry["message"] == "Сәлем, әлем"
        assert (entry["level"], entry["logger"], entry["request_id"]) == ("WARNING", "tour", "-")

    def test_a_bad_format_stops_startup(self):
        result = _python("pass", LOG_FORMAT="xml")
        assert result.returncode != 0
        assert "LOG_FORMAT" in result.stderr


class TestSentry:
    code = "import sentry_sdk; print(sentry_sdk.get_client().is_active())"

    def test_it_is_off_without_a_dsn(self):
        result = _python(self.code, SENTRY_DSN="")
        assert result.stdout.strip() == "False", result.stderr

    def test_it_reports_when_a_dsn_is_set(self):
        result = _python(self.code, SENTRY_DSN="http://public@127.0.0.1:1/1")
        assert result.stdout.strip() == "True", result.stderr


@pytest.mark.django_db
class TestMetrics:
    @pytest.fixture
    def metrics_on(self, settings):
        settings.PROMETHEUS_METRICS = True
        settings.METRICS_TOKEN = "scrape-token-123"
        settings.MIDDLEWARE = [PROMETHEUS_MIDDLEWARE[0], *settings.MIDDLEWARE, PROMETHEUS_MIDDLEWARE[1]]

    def test_they_are_off_by_default(self, client):
        assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404

    def test_the_scraper_gets_them_with_its_token(self, metrics_on):
        Client().get("/healthz")
        response = Client().get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-token-123")
        assert response.status_code == 200
        assert "django_http_responses_total_by_status_total" in response.content.decode()

    @pytest.mark.parametrize("header", [None, "Bearer wrong", "scrape-token-123"])
    def test_anyone_else_gets_a_404(self, metrics_on, admin_user, header):
        client = Client()
        client.force_login(admin_user)
        extra = {"HTTP_AUTHORIZATION": header} if header else {}
        assert client.get("/metrics", **extra).status_code == 404

    def test_turning_them_on_without_a_token_stops_startup(self):
        result = _python("pass", PROMETHEUS_METRICS="1", METRICS_TOKEN="")
        assert result.returncode != 0
        assert "METRICS_TOKEN" in result.stderr

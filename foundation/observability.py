"""Logs, request ids, error reports and metrics for running the site on several machines."""

import contextvars
import hmac
import json
import logging
import re
import uuid

from django.conf import settings
from django.core.signals import request_finished
from django.http import Http404

REQUEST_ID_HEADER = "X-Request-ID"
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_request_id = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    """Give each request an id: the proxy's X-Request-ID when it is sane, else a fresh one.

    Every log line written while the request runs carries it, and so does the response, so a
    complaint ("error ref. 5f0c...") leads to the lines of that request on whichever node.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the response is closed (request_finished), not reset on the way out: Django
        # logs "Not Found" and server errors after the middleware has returned.
        _request_id.set(request_id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response


def _forget_request_id(**kwargs) -> None:
    _request_id.set("-")


request_finished.connect(_forget_request_id, dispatch_uid="foundation.observability.request_id")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request id, and the traceback if any."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def init_sentry(dsn: str) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    from foundation.env import envstr

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        environment=envstr("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,  # contacts of proposal authors never leave the site
        traces_sample_rate=0.0,
    )


def metrics(request):
    """Prometheus metrics for a scraper holding METRICS_TOKEN; a 404 for everyone else."""
    if not settings.PROMETHEUS_METRICS:
        raise Http404
    expected = f"Bearer {settings.METRICS_TOKEN}"
    if not hmac.compare_digest(request.headers.get("Authorization", "").encode(), expected.encode()):
        raise Http404
    from django_prometheus.exports import ExportToDjangoView

    return ExportToDjangoView(request)

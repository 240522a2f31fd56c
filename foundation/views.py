import sys
import time
import uuid

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache

from foundation import cache as best_effort
from foundation import health


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # report, don't crash: this is the health endpoint
        return f"error: {exc.__class__.__name__}"
    return "ok"


def _broker_state() -> str:
    if not settings.REDIS_URL:
        return "eager"  # no broker configured: tasks run in the web process
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
    except Exception as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok"


def _worker_state() -> str | dict:
    """A Celery worker consuming the queue: its heartbeat (foundation/celery.py) is recent."""
    from foundation.celery import HEARTBEAT_KEY, HEARTBEAT_STALE_SECONDS

    if not settings.REDIS_URL:
        return "eager"  # no broker: tasks run in the web process, no worker needed
    beat = best_effort.get(HEARTBEAT_KEY)
    if beat is None:
        return "error: no worker heartbeat"
    age = max(int(time.time() - beat), 0)
    state = "ok" if age < HEARTBEAT_STALE_SECONDS else f"error: no worker heartbeat for {age} s"
    return {"state": state, "last_heartbeat_seconds": age}


health.register("broker", _broker_state)
health.register("worker", _worker_state)
health.register("cache", best_effort.state)


@never_cache
def healthz(request):
    """Each part's state as JSON.

    "ok": all is well. "degraded" (still 200): something behind the site is down (cache, broker,
    worker, a backlog of unsent e-mail) and the site serves without it, so a load balancer must
    keep this node. "error" (503): the database is down and the node cannot serve.
    """
    state = {"database": _database_state(), **health.report(), "id": uuid.uuid4().hex[:8]}
    if state["database"] != "ok":
        state["status"] = "error"
    elif all(health.state_of(state[name]) in ("ok", "eager") for name in state if name not in ("database", "id")):
        state["status"] = "ok"
    else:
        state["status"] = "degraded"
    return JsonResponse(state, status=503 if state["status"] == "error" else 200)


# --- error pages ------------------------------------------------------------------------

RETRY_AFTER_SECONDS = 30  # what a 503 asks clients (and crawlers) to wait


def _bare_error_page(request, template: str, status: int) -> HttpResponse:
    """An error page in the site's layout and the visitor's language that never reads the database.

    No context processors (the user, messages and the session may be what failed): the
    template gets only the request, for the language links.
    """
    html = loader.get_template(template).render({"request": request, "SITE_URL": settings.SITE_URL})
    return HttpResponse(html, status=status)


def service_unavailable(request) -> HttpResponse:
    response = _bare_error_page(request, "503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request) -> HttpResponse:
    """handler500. Django calls it while handling the exception, so sys.exc_info() names it:
    a database that cannot be reached is an outage to wait out (503), not a bug (500)."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return service_unavailable(request)
    return _bare_error_page(request, "500.html", 500)

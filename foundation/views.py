import uuid

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
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


health.register("broker", _broker_state)
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

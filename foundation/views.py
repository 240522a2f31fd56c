import uuid

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


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
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()
    except Exception as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok"


@never_cache
def healthz(request):
    """Database and broker state as JSON; 503 when either is down."""
    state = {"database": _database_state(), "broker": _broker_state(), "id": uuid.uuid4().hex[:8]}
    healthy = state["database"] == "ok" and state["broker"] in ("ok", "eager")
    state["status"] = "ok" if healthy else "error"
    return JsonResponse(state, status=200 if healthy else 503)

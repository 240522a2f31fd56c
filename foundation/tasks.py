from celery import shared_task
from django.core.cache import cache


@shared_task
def ping(token: str) -> str:
    """A no-op round trip used by /healthz callers and the worker integration test."""
    cache.set(f"ping:{token}", "pong", 300)
    return f"pong:{token}"

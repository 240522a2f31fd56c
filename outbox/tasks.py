"""Thin tasks: the outbox's work is in outbox/services.py."""

from celery import shared_task

from outbox import services


@shared_task(ignore_result=True, acks_late=True)
def deliver(item_id: int) -> str:
    """Send or run one outbox item. No Celery-level retry: a failed attempt is put back on the
    row with its backoff, and the sweep hands it out again when due (this survives restarts)."""
    return services.deliver(item_id)


@shared_task(ignore_result=True)
def sweep() -> int:
    """Celery beat, every minute: hand out what is due and recover what is stuck."""
    return len(services.sweep())

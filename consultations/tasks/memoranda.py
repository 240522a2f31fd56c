"""Memoranda e-mail and the daily commitments job. Thin: ids in, services do the work."""

from smtplib import SMTPException

from celery import shared_task

from consultations.services import memoranda as services


@shared_task(
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=8,
)
def send_notification(kind: str, object_id: int, key: str) -> bool:
    """One notification event; the service's claim row keeps a retry from sending it twice."""
    return services.notification_send(kind=kind, object_id=object_id, key=key)


@shared_task
def commitments_daily() -> int:
    """Celery beat, once a day: remind owners of commitments due soon and flag the overdue."""
    events = services.commitments_remind()
    for kind, commitment_id, key in events:
        send_notification.delay(kind, commitment_id, key)
    return len(events)

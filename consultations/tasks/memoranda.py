"""The daily commitments job and the public PDF. Thin: the services do the work; the outbox sends the e-mails."""

from celery import shared_task

from consultations.services import memoranda as services


@shared_task
def commitments_daily() -> int:
    """Celery beat, once a day: remind owners of commitments due soon and flag the overdue.

    Each event is claimed once in the Notification table and its e-mail queued in the outbox in
    the same transaction; returns how many were queued now (a second run the same day: none).
    """
    return sum(
        services.notification_queue(kind=kind, object_id=commitment_id, key=key)
        for kind, commitment_id, key in services.commitments_remind()
    )


@shared_task
def render_public_pdfs(memorandum_id: int) -> int:
    """Queued (through the outbox) when a memorandum is signed."""
    return services.memorandum_public_pdfs_render(memorandum_id=memorandum_id)

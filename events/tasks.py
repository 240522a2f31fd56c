"""Background work on registrations: thin tasks that re-fetch by id and call a service.

The e-mail tasks run as outbox jobs (queued by events.services in the transaction of the
change), never with .delay() from a request, so a broker outage cannot lose them.
"""

from celery import shared_task

from events import services


@shared_task
def send_confirmation(registration_id: int) -> bool:
    return services.send_confirmation(registration_id=registration_id)


@shared_task
def send_promotion(registration_id: int) -> bool:
    return services.send_promotion(registration_id=registration_id)


@shared_task
def send_reminder(registration_id: int) -> bool:
    return services.send_reminder(registration_id=registration_id)


@shared_task
def remind_tomorrows_events() -> int:
    """Daily (beat): queue the reminders for tomorrow's events, each once."""
    return services.remind_tomorrows_events()


@shared_task
def purge_old_registrations() -> int:
    """Daily (beat): registrants' data go a year after their event, as the consent says."""
    return services.registrations_purge()

"""Background work on the proposal counts the public pages and the dashboard read."""

from celery import shared_task

from consultations import proposal_counts

__all__ = ["refresh_proposal_counts"]


@shared_task(acks_late=True)
def refresh_proposal_counts() -> bool:
    return proposal_counts.refresh()

"""Background work on proposals: thin tasks that re-fetch by id and call a service.

They are queued through the outbox (outbox.services.enqueue_job), never with .delay() from a
request, so a broker outage cannot lose them. The one exception, refresh_proposal_counts, may be
lost: proposals.counts then drops the counts and the next reader counts afresh.
"""

from celery import shared_task

from proposals import counts, imports


@shared_task
def run_import(job_id: int) -> int:
    return imports.import_job_run(job_id=job_id)


@shared_task(acks_late=True)
def refresh_proposal_counts() -> bool:
    """Count the proposals again for the pages that read proposals.counts (queued after each change)."""
    return counts.refresh()


@shared_task
def recover_imports() -> list[int]:
    """Celery beat, every minute: fail imports whose worker died, so none stays "importing"."""
    return imports.import_jobs_recover()

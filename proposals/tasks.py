"""Background work on proposals: thin tasks that re-fetch by id and call a service."""

import smtplib

from celery import shared_task

from proposals import imports, services


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def send_answer_email(proposal_id: int) -> bool:
    return services.proposal_send_answer_email(proposal_id=proposal_id)


@shared_task
def run_import(job_id: int) -> int:
    return imports.import_job_run(job_id=job_id)


@shared_task
def recover_imports() -> list[int]:
    """Celery beat, every minute: fail imports whose worker died, so none stays "importing"."""
    return imports.import_jobs_recover()

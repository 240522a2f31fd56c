"""The transactional outbox: e-mails and background jobs that survive a mail server or broker outage.

- `enqueue_email` / `enqueue_job` write an OutboxItem in the caller's transaction, so the work
  exists exactly when the change behind it was committed. After the commit the item is handed
  to the broker at once (best-effort: if the broker is down, the sweep does it later).
- `deliver` (the Celery task outbox.tasks.deliver) claims the item with a conditional UPDATE,
  so two deliveries of one item never both send it, then sends or runs it. A temporary failure
  (mail server or network down) puts it back with an exponential backoff; a permanent one (a
  malformed header, a refused address, a bug in a job) is recorded once as failed.
- `sweep` (Celery beat, every minute; or `manage.py outbox_sweep` from cron without a broker)
  hands out what is due and not already handed out, each item once, and gives back items whose
  worker died mid-attempt.
A user's request never fails because of the outbox: it only writes a row.
"""

import contextlib
import datetime
import logging
import smtplib

from django.core.mail import EmailMessage
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone

from outbox.models import OutboxItem

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10  # then the item is failed: about 8.5 hours of retrying
BACKOFF_FIRST = datetime.timedelta(minutes=1)  # doubled after each failure...
BACKOFF_MAX = datetime.timedelta(hours=1)  # ...up to this
DISPATCH_LEASE = datetime.timedelta(minutes=5)  # a handed-out item is not handed out again before
STUCK_AFTER = datetime.timedelta(minutes=15)  # an attempt running this long lost its worker
SWEEP_BATCH = 500
BACKLOG_WARNING = datetime.timedelta(minutes=15)  # /healthz: unsent for longer is "degraded"


def _one_line(text: str, limit: int) -> str:
    # A header cannot hold a newline (BadHeaderError); texts typed by people often do.
    return " ".join(text.split())[:limit]


def enqueue_email(*, subject: str, body: str, recipients, description: str = "") -> OutboxItem | None:
    """Record an e-mail in the current transaction; None when there is nobody to send it to."""
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return None
    subject = _one_line(subject, 300)
    item = OutboxItem.objects.create(
        kind=OutboxItem.Kind.EMAIL,
        subject=subject,
        body=body,
        recipients=recipients,
        description=_one_line(description or subject, 300),
    )
    transaction.on_commit(lambda: dispatch(item.pk))
    return item


def enqueue_job(task: str, *args, description: str) -> OutboxItem:
    """Record a run of the Celery task `task` (its registered name) with JSON-able `args`."""
    item = OutboxItem.objects.create(
        kind=OutboxItem.Kind.JOB, task=task, args=list(args), description=_one_line(description, 300)
    )
    transaction.on_commit(lambda: dispatch(item.pk))
    return item


def dispatch(item_id: int, *, mark: bool = True) -> bool:
    """Hand an item to the broker; False (and nothing raised) when the broker cannot take it.

    `mark` records the hand-out, so the sweep leaves the item alone for DISPATCH_LEASE (the
    sweep marks its own batch in one statement).
    """
    from outbox.tasks import deliver

    pending = OutboxItem.objects.filter(pk=item_id, status=OutboxItem.Status.PENDING)
    try:
        if mark:
            pending.update(dispatched_at=timezone.now())
        deliver.apply_async((item_id,), retry=False)
    except Exception as exc:  # the broker (or, eager, the database) is down: the sweep hands it out later
        log.warning("outbox item %s stays for the sweep: %s: %s", item_id, type(exc).__name__, exc)
        with contextlib.suppress(DatabaseError):  # if not, the lease runs out by itself
            pending.update(dispatched_at=None)
        return False
    return True


# --- delivering -------------------------------------------------------------------------


def is_retryable(exc: BaseException) -> bool:
    """Worth trying again later: the server or the network was away, not the message wrong."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return False
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500  # 4xx: try later; 5xx: refused for good
    return isinstance(exc, OSError | DatabaseError)  # SMTPServerDisconnected, refused, timeouts


def backoff(attempts: int) -> datetime.timedelta:
    """The wait before the next attempt after `attempts` failures: 1, 2, 4, ... minutes, at most 1 hour."""
    return min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX)


def _perform(item: OutboxItem) -> None:
    if item.kind == OutboxItem.Kind.EMAIL:
        EmailMessage(item.subject, item.body, None, item.recipients).send()
        return
    from celery import current_app

    if item.task not in current_app.tasks:
        current_app.loader.import_default_modules()  # every app's tasks module (autodiscovery)
    try:
        task = current_app.tasks[item.task]
    except KeyError:
        raise LookupError(f"no task named {item.task}") from None
    task(*item.args)  # runs here, in this worker: the item is done when the job is


def deliver(item_id: int) -> str:
    """Send or run one item at most once at a time; returns what happened (for logs and tests)."""
    now = timezone.now()
    claimed = OutboxItem.objects.filter(pk=item_id, status=OutboxItem.Status.PENDING, next_attempt_at__lte=now).update(
        status=OutboxItem.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return "not due"  # done, failed, being done, or waiting for its next attempt
    item = OutboxItem.objects.get(pk=item_id)
    try:
        _perform(item)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
        if is_retryable(exc) and item.attempts < MAX_ATTEMPTS:
            OutboxItem.objects.filter(pk=item_id).update(
                status=OutboxItem.Status.PENDING,
                next_attempt_at=timezone.now() + backoff(item.attempts),
                dispatched_at=None,
                claimed_at=None,
                last_error=error,
            )
            log.warning("outbox item %s (%s) will be retried: %s", item_id, item.description, error)
            return "retry"
        OutboxItem.objects.filter(pk=item_id).update(
            status=OutboxItem.Status.FAILED, finished_at=timezone.now(), claimed_at=None, last_error=error
        )
        log.error("outbox item %s (%s) failed for good: %s", item_id, item.description, error)
        return "failed"
    OutboxItem.objects.filter(pk=item_id).update(
        status=OutboxItem.Status.SENT, finished_at=timezone.now(), claimed_at=None
    )
    return "sent"


# --- the sweep --------------------------------------------------------------------------


def _due(now) -> Q:
    return Q(status=OutboxItem.Status.PENDING, next_attempt_at__lte=now) & (
        Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=now - DISPATCH_LEASE)
    )


def _claim_due(now) -> list[int]:
    """Mark due items as handed out and return them; concurrent sweeps never get the same item."""
    due = OutboxItem.objects.filter(_due(now)).order_by("next_attempt_at", "id")
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            # PostgreSQL: rows another sweep holds are skipped rather than waited for.
            ids = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True)[:SWEEP_BATCH])
            OutboxItem.objects.filter(pk__in=ids).update(dispatched_at=now)
            return ids
        # SQLite: one conditional UPDATE per row; the loser of a race updates nothing.
        return [
            pk
            for pk in due.values_list("pk", flat=True)[:SWEEP_BATCH]
            if OutboxItem.objects.filter(_due(now), pk=pk).update(dispatched_at=now)
        ]


def sweep(*, now=None) -> list[int]:
    """Give back attempts whose worker died, then hand out everything due; returns the ids."""
    now = now or timezone.now()
    OutboxItem.objects.filter(status=OutboxItem.Status.SENDING, claimed_at__lt=now - STUCK_AFTER).update(
        status=OutboxItem.Status.PENDING, claimed_at=None, dispatched_at=None
    )
    ids = _claim_due(now)
    for pk in ids:
        dispatch(pk, mark=False)
    return ids


def retry_now(*, item: OutboxItem) -> bool:
    """Staff: try a failed or waiting item again at once (a fixed address, a server back up)."""
    updated = OutboxItem.objects.filter(
        pk=item.pk, status__in=[OutboxItem.Status.FAILED, OutboxItem.Status.PENDING]
    ).update(status=OutboxItem.Status.PENDING, next_attempt_at=timezone.now(), dispatched_at=None, finished_at=None)
    if updated:
        transaction.on_commit(lambda: dispatch(item.pk))
    return bool(updated)


# --- what staff and /healthz see ----------------------------------------------------------


def unsent():
    return OutboxItem.objects.filter(status__in=[OutboxItem.Status.PENDING, OutboxItem.Status.SENDING])


def backlog() -> dict:
    """What waits and what failed, in one query: unsent, failed, oldest_unsent_seconds."""
    unsent_q = Q(status__in=[OutboxItem.Status.PENDING, OutboxItem.Status.SENDING])
    figures = OutboxItem.objects.aggregate(
        unsent=Count("pk", filter=unsent_q),
        failed=Count("pk", filter=Q(status=OutboxItem.Status.FAILED)),
        oldest=Min("created_at", filter=unsent_q),
    )
    oldest = figures.pop("oldest")
    figures["oldest_unsent_seconds"] = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    return figures


def health() -> dict:
    """The backlog for /healthz; an error when something waited longer than BACKLOG_WARNING."""
    figures = backlog()
    age = figures["oldest_unsent_seconds"]
    state = "ok" if age < BACKLOG_WARNING.total_seconds() else f"error: unsent for {age} s"
    return {"state": state, **figures}

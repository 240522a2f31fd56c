from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxItem(models.Model):
    """An e-mail to send or a job to run, written in the same transaction as the change behind it.

    Nothing is lost when the mail server or the broker is down at that moment: the row stays
    until a worker has done the work (outbox/services.py).
    """

    class Kind(models.TextChoices):
        EMAIL = "email", _("E-mail")
        JOB = "job", _("Background job")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("In progress")
        SENT = "sent", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    description = models.CharField(_("what"), max_length=300)
    # E-mail
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    # Job: a Celery task's name and its arguments, run by the worker that delivers the item.
    task = models.CharField(_("task"), max_length=200, blank=True)
    args = models.JSONField(default=list, blank=True)

    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    dispatched_at = models.DateTimeField(null=True, blank=True)  # last handed to the broker
    claimed_at = models.DateTimeField(null=True, blank=True)  # the current attempt started
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outbox item")
        verbose_name_plural = _("outbox items")
        indexes = [
            # The sweep's query: what is due, oldest first; and the staff page's backlog.
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind="email") | ~Q(task=""), name="outbox_job_has_a_task"),
        ]

    def __str__(self):
        return self.description

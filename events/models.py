"""Registrations for events (meetings of the tour) and press coverage of them.

Events are consultations' meetings; this app adds what the public does with them. It depends
on consultations; consultations reaches it only through reverse relations and templates.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.links import validate_https
from consultations.models import Meeting, Participation


def new_token() -> str:
    return secrets.token_urlsafe(24)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        """The waiting list, first come first served."""
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")


class Registration(models.Model):
    """One person's sign-up for an event, without an account."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Place confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    group = models.CharField(_("group"), max_length=30, choices=Participation.Group.choices, blank=True)
    # Stored lower-cased, so one address registers once per event whatever its case.
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=8, default="kk")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED)
    # The secret in the cancel link: whoever holds the e-mail may cancel, nobody else.
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    consent_version = models.CharField(_("consent version"), max_length=60)
    consent_text = models.TextField(_("consent text as shown"))
    consented_at = models.DateTimeField(_("consent given at"))
    attended = models.BooleanField(_("attended"), default=False)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Each e-mail goes once: claimed by a conditional UPDATE on these columns.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    promotion_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # A keyed hash of the sender's address, for the rate limit (never the address itself).
    submitted_from = models.CharField(max_length=64, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email"],
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_email",
            ),
        ]
        indexes = [
            # Places taken and the waiting list of one event.
            models.Index(fields=["meeting", "status", "created_at"]),
            # The rate limit counts recent sign-ups from one address.
            models.Index(fields=["submitted_from", "created_at"]),
        ]

    def __str__(self):
        return f"{self.name} — {self.meeting}"

    def get_absolute_url(self):
        return reverse("events:registration", kwargs={"token": self.token})

    @property
    def participation_group(self) -> str:
        """The group this person counts in on the minutes: citizens when they named none."""
        return self.group or Participation.Group.CITIZENS


class PressCoverage(models.Model):
    """A news report about an event, linked from its public page."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="press_coverage", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=300)
    outlet = models.CharField(_("outlet"), max_length=120)
    published_on = models.DateField(_("published on"))
    url = models.URLField(_("link"), max_length=500, validators=[validate_https])

    class Meta:
        ordering = ["-published_on", "pk"]
        verbose_name = _("press coverage")
        verbose_name_plural = _("press coverage")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "url"], name="press_coverage_one_link_per_event"),
            models.CheckConstraint(condition=Q(url__startswith="https://"), name="press_coverage_https"),
        ]

    def __str__(self):
        return f"{self.outlet}: {self.title}"

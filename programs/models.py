from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from foundation.texts import ANSWER_MAX, NOTE_MAX, text_validators


class Direction(models.TextChoices):
    """The directions of the foundation's work; proposals and programs share them."""

    EDUCATION = "education", _("Education")
    HEALTHCARE = "healthcare", _("Healthcare")
    REHABILITATION = "rehabilitation", _("Rehabilitation and inclusion")
    SPORT = "sport", _("Sport")
    SOCIAL_SUPPORT = "social_support", _("Social support")
    CULTURE = "culture", _("Culture")
    OTHER = "other", _("Other")


class Program(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    # title, summary and body are trilingual: see programs/translation.py
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for lists."), validators=text_validators(NOTE_MAX)
    )
    body = models.TextField(
        _("description"), blank=True, help_text=_("Markdown."), validators=text_validators(ANSWER_MAX)
    )
    target_group = models.CharField(_("for whom"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    beneficiaries = models.PositiveIntegerField(_("beneficiaries"), default=0)
    featured = models.BooleanField(_("featured on the home page"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("charity program")
        verbose_name_plural = _("charity programs")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programs:detail", kwargs={"slug": self.slug})

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A signed-in person. The role decides what they may do; see foundation/roles.py.

    Administrators are superusers. An akimat official is bound to exactly one region.
    """

    class Role(models.TextChoices):
        PUBLIC = "public", _("Member of the public")
        STAFF = "foundation_staff", _("Foundation staff")
        AKIMAT = "akimat_official", _("Akimat official")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PUBLIC)
    region = models.ForeignKey(
        "consultations.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
        verbose_name=_("region"),
        help_text=_("For akimat officials: the only region whose memoranda they see."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="akimat_official") | Q(region__isnull=False),
                name="user_akimat_official_has_region",
                violation_error_message=_("An akimat official must be bound to a region."),
            ),
        ]

    @property
    def is_foundation_staff(self) -> bool:
        return self.is_active and (self.role == self.Role.STAFF or self.is_superuser)

    @property
    def is_akimat_official(self) -> bool:
        return self.is_active and self.role == self.Role.AKIMAT and self.region_id is not None

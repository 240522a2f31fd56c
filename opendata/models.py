from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PackageQuerySet(models.QuerySet):
    def latest_ready(self):
        """The newest package the public can download, or None."""
        return self.filter(status=Package.Status.DONE).exclude(file="").order_by("-snapshot_at", "-id").first()


class Package(models.Model):
    """One build of the open-data ZIP (nightly, or asked for by staff). The file is kept in the
    default storage (local disk or object storage); old builds are pruned after a new one."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Building")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(_("file"), upload_to="open-data/", blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    # The moment the data was read; what the README calls the date of the snapshot.
    snapshot_at = models.DateTimeField(_("snapshot taken at"), null=True, blank=True)
    row_counts = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = PackageQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("open-data package")
        verbose_name_plural = _("open-data packages")

    def __str__(self):
        return f"{self.get_status_display()} {self.snapshot_at or self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "outbox"
    verbose_name = _("Outbox")

    def ready(self):
        from foundation import health
        from outbox import services

        health.register("outbox", services.health)

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save

# The public event page shows press coverage and the places left.
PUBLIC_MODELS = ("Registration", "PressCoverage")


def _meeting_saved(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    from events import services

    services.waiting_list_move_up(meeting=instance)


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = "events"

    def ready(self):
        # Registers the e-mail jobs in every process: the outbox looks tasks up by name, and a
        # thread whose current Celery app is not the project's finds only imported tasks.
        from events import tasks  # noqa: F401
        from foundation.public_cache import bump_content_version

        # Staff raising an event's places (consultations' plan form) moves the waiting list up.
        post_save.connect(
            _meeting_saved, sender="consultations.Meeting", dispatch_uid="events-waiting-list-after-meeting-save"
        )
        for name in PUBLIC_MODELS:
            model = self.get_model(name)
            for signal in (post_save, post_delete):
                signal.connect(bump_content_version, sender=model, dispatch_uid=f"public-cache-{signal}-events-{name}")

from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save

# What the public pages show of this app; a change to any of them invalidates the page cache.
PUBLIC_MODELS = (
    "Region",
    "Tour",
    "Meeting",
    "Participation",
    "MeetingAttachment",
    "Memorandum",
    "Commitment",
    "CommitmentProgress",
)


class ConsultationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consultations"

    def ready(self):
        from foundation.public_cache import bump_content_version

        for name in PUBLIC_MODELS:
            model = self.get_model(name)
            for signal in (post_save, post_delete):
                signal.connect(bump_content_version, sender=model, dispatch_uid=f"public-cache-{signal}-{name}")
        region = self.get_model("Region")
        for signal in (post_save, post_delete):
            signal.connect(region.forget_former_names, sender=region, dispatch_uid=f"former-names-{signal}")
        m2m_changed.connect(
            bump_content_version, sender=self.get_model("Region").programs.through, dispatch_uid="public-cache-programs"
        )

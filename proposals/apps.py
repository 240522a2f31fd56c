from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ProposalsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "proposals"

    def ready(self):
        from foundation.public_cache import bump_content_version

        # Public pages (home counts, region and meeting pages, statistics) show proposals:
        # a change invalidates the page cache. Bulk update() sends no signal; callers that
        # use it call bump_content_version() themselves.
        for name in ("Proposal", "ProposalStatusChange"):
            model = self.get_model(name)
            post_save.connect(bump_content_version, sender=model, dispatch_uid=f"public-cache-save-{name}")
            post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"public-cache-delete-{name}")

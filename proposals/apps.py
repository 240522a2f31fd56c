from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ProposalsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "proposals"

    def ready(self):
        from foundation.public_cache import bump_content_version
        from proposals.counts import proposals_changed

        # Public pages (home counts, region and meeting pages, statistics) show proposals:
        # a change invalidates the page cache and renews the proposal counts. Bulk writes
        # (update(), bulk_create()) send no signal; their callers call proposals_changed().
        proposal, change = self.get_model("Proposal"), self.get_model("ProposalStatusChange")
        post_save.connect(proposals_changed, sender=proposal, dispatch_uid="proposal-counts-save")
        post_delete.connect(proposals_changed, sender=proposal, dispatch_uid="proposal-counts-delete")
        post_save.connect(bump_content_version, sender=change, dispatch_uid="public-cache-save-status-change")
        post_delete.connect(bump_content_version, sender=change, dispatch_uid="public-cache-delete-status-change")

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ProgramsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programs"

    def ready(self):
        from foundation.public_cache import bump_content_version

        program = self.get_model("Program")
        # Public pages show programs: a change invalidates the page cache.
        post_save.connect(bump_content_version, sender=program, dispatch_uid="public-cache-save-program")
        post_delete.connect(bump_content_version, sender=program, dispatch_uid="public-cache-delete-program")

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for trying the site: `manage.py seed_demo`. Imports every other app, like URL config."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = "Demo data"

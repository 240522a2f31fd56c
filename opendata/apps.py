from django.apps import AppConfig


class OpendataConfig(AppConfig):
    """Open data: the read API, the open-data package and the Atom feeds.

    A top layer: it reads every app (through `opendata.selectors`); no app imports it.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "opendata"
    verbose_name = "Open data"

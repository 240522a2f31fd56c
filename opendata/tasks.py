"""Background work of the open data: a thin task that calls the package builder."""

from celery import shared_task

from opendata import package


@shared_task
def build_package(package_id: int | None = None) -> int | None:
    """Build the open-data ZIP: nightly (beat, no id) or one that staff asked for."""
    built = package.build(package_id)
    return built.pk if built else None

"""Absolute addresses on the public site, for e-mails, feeds, the API and the open-data package."""

from django.conf import settings


def absolute(path: str) -> str:
    """SITE_URL + a path (from reverse() or get_absolute_url())."""
    return settings.SITE_URL.rstrip("/") + path

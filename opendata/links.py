from django.conf import settings


def absolute(path: str) -> str:
    """An absolute address on the public site (API, package and feeds link to the site's pages)."""
    return settings.SITE_URL.rstrip("/") + path

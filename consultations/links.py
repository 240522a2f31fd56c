"""Links to online events (join and recording): https only, to hosts the foundation allows.

The hosts come from the EVENT_LINK_HOSTS setting; a host matches itself and its subdomains
(`zoom.us` allows `us02web.zoom.us`).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def host_allowed(host: str, allowed=None) -> bool:
    host = (host or "").lower().rstrip(".")
    allowed = settings.EVENT_LINK_HOSTS if allowed is None else allowed
    return any(host == a or host.endswith("." + a) for a in (h.lower().strip() for h in allowed) if a)


def validate_event_link(value: str) -> None:
    if not value:
        return
    try:
        parts = urlsplit(value)
    except ValueError:
        raise ValidationError(_("Enter a valid link."), code="invalid") from None
    if parts.scheme != "https":
        raise ValidationError(_("The link must start with https://."), code="scheme")
    if parts.username or parts.password:
        raise ValidationError(_("The link must not contain a user name or password."), code="credentials")
    if not host_allowed(parts.hostname or ""):
        raise ValidationError(
            _("Links to %(host)s are not allowed. Allowed: %(allowed)s.")
            % {"host": parts.hostname or "?", "allowed": ", ".join(settings.EVENT_LINK_HOSTS)},
            code="host",
        )


def validate_https(value: str) -> None:
    """Any https link (press reports live on many sites); nothing else."""
    if value and urlsplit(value).scheme != "https":
        raise ValidationError(_("The link must start with https://."), code="scheme")

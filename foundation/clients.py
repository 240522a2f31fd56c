"""Who is asking: the client's address as the rate limits see it."""

from django.conf import settings
from django.utils.crypto import salted_hmac


def client_ip(request) -> str:
    """The client's address for rate limiting.

    With TRUSTED_PROXY_COUNT = 0 (no reverse proxy) only REMOTE_ADDR counts: a forwarded header
    would be the client's own word. Behind N proxies, the address the outermost of ours saw is
    the N-th entry from the right of X-Forwarded-For; entries left of it could be forged.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_key(request, purpose: str) -> str:
    """A keyed hash of the client's address: enough to count, useless to anyone who reads it."""
    return salted_hmac(purpose, client_ip(request)).hexdigest()[:32]

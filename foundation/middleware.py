from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404

from foundation.params import MAX_INT

# No inline script anywhere: scripts are static files. Styles likewise come from files.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Browser features no page of the site uses are switched off for it and for anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The admin ships inline scripts of its own; it is staff-only and keeps its defaults.
        if not request.path.startswith(f"/{settings.ADMIN_URL_PREFIX}"):
            response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class BadInputMiddleware:
    """Input no view should have to guard against gets a 4xx before any view sees it.

    - A NUL in the path is a 400: PostgreSQL cannot store or compare text holding NUL, so
      `/en/proposals/%00/` would fail deep in a query. (Query parameters go through forms or
      foundation.params, which refuse NUL themselves with a message on the parameter.)
    - A number in the path beyond the integer columns (`/meetings/99999999999999999999/`) is
      a 404: no row has that id, and the databases refuse to compare with it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise BadRequest("NUL character in the path")
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if any(isinstance(value, int) and not 0 <= value <= MAX_INT for value in (*view_args, *view_kwargs.values())):
            raise Http404
        return None

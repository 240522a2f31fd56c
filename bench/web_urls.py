"""The site's URLs plus the floor: a bare Django view through the same middleware."""

from django.http import HttpResponse
from django.urls import path

from foundation import urls as site

# The site's own error page, as in production (Django's default where the site has none).
handler500 = getattr(site, "handler500", "django.views.defaults.server_error")


def hello(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("bench-hello/", hello), *site.urlpatterns]

"""The site's URLs plus the floor: a bare Django view through the same middleware."""

from django.http import HttpResponse
from django.urls import path

from foundation.urls import handler500  # noqa: F401 - the site's error page, as in production
from foundation.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("bench-hello/", hello), *site_urlpatterns]

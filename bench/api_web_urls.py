"""The site's URLs plus /floor, a bare Django view: the ceiling any page can reach here."""

from django.http import HttpResponse
from django.urls import path

from foundation.urls import urlpatterns as site_urlpatterns


def floor(request):
    return HttpResponse(b"hello", content_type="text/plain")


urlpatterns = [path("floor", floor), *site_urlpatterns]

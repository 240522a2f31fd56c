"""Root URLs. Public and staff pages live under /kk/, /ru/ and /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from consultations.views import public as consultations_public
from foundation import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL_PREFIX, admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", consultations_public.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("programs/", include("programs.urls")),
    path("proposals/", include("proposals.urls")),
    path("", include("consultations.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += [path(settings.MEDIA_URL.lstrip("/") + "<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

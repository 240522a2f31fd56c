"""Root URLs. Public and staff pages live under /kk/, /ru/ and /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView

from consultations import urls as consultations_urls
from consultations.sitemaps import MeetingSitemap, MemorandumSitemap, RegionSitemap
from foundation import observability, views
from foundation.public_cache import public_page
from foundation.sitemaps import PublicPagesSitemap
from portal import views as portal
from programs.sitemaps import ProgramSitemap
from proposals.sitemaps import ProposalSitemap

handler500 = "foundation.views.server_error"

sitemaps = {
    "pages": PublicPagesSitemap,
    "programs": ProgramSitemap,
    "regions": RegionSitemap,
    "meetings": MeetingSitemap,
    "memoranda": MemorandumSitemap,
    "proposals": ProposalSitemap,
}

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("api/v1/", include("opendata.api.urls")),
    path("metrics", observability.metrics, name="metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL_PREFIX, admin.site.urls),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": sitemaps}, name="sitemap_section"),
    path(
        "robots.txt",
        TemplateView.as_view(
            template_name="pages/robots.txt",
            content_type="text/plain",
            extra_context={"admin_prefix": settings.ADMIN_URL_PREFIX},
        ),
        name="robots",
    ),
]

urlpatterns += i18n_patterns(
    path("", portal.home, name="home"),
    path(
        "accessibility/",
        public_page(TemplateView.as_view(template_name="pages/accessibility.html")),
        name="accessibility",
    ),
    path("accounts/", include("accounts.urls")),
    path("programs/", include("programs.urls")),
    path("proposals/", include("proposals.urls")),
    path("staff/outbox/", include("outbox.urls")),
    path("", include("events.urls")),
    # The staff dashboard is portal's (it shows every app) but keeps its name in this namespace.
    path(
        "",
        include(
            (
                [path("staff/", portal.dashboard, name="staff_dashboard"), *consultations_urls.urlpatterns],
                consultations_urls.app_name,
            )
        ),
    ),
    path("", include("opendata.urls")),
    prefix_default_language=True,
)

# No route serves MEDIA_ROOT, even in development: every stored file goes out through a view
# that checks access and foundation.files.file_response.

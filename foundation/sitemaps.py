"""The sitemap of the pages that are not objects (lists, statistics, statements)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PublicPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return [
            "home",
            "programs:list",
            "consultations:region_list",
            "events:calendar",
            "proposals:list",
            "proposals:statistics",
            "opendata:index",
            "accessibility",
        ]

    def location(self, item):
        return reverse(item)

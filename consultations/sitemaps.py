from django.contrib.sitemaps import Sitemap

from consultations.models import Meeting, Memorandum, Region


class RegionSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Region.objects.order_by("pk")


class MeetingSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Meeting.objects.order_by("pk")

    def lastmod(self, meeting):
        return meeting.updated_at


class MemorandumSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Memorandum.objects.public().order_by("pk")

    def lastmod(self, memorandum):
        return memorandum.updated_at

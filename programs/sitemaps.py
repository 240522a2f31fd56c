from django.contrib.sitemaps import Sitemap

from programs.models import Program


class ProgramSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Program.objects.order_by("pk")

    def lastmod(self, program):
        return program.updated_at

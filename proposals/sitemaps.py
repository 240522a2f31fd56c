from django.contrib.sitemaps import Sitemap

from proposals.models import Proposal


class ProposalSitemap(Sitemap):
    """Public proposals, so a citizen can find theirs by searching the web."""

    i18n = True
    alternates = True
    x_default = True
    limit = 5000  # x 3 languages: within the 50,000 URLs a sitemap file may hold

    def items(self):
        return Proposal.objects.public().only("code", "updated_at").order_by("pk")

    def lastmod(self, proposal):
        return proposal.updated_at

"""Atom feeds of answered proposals and of published minutes, for the whole tour or one region.

Items come from `opendata.selectors`, so a feed shows exactly what the public pages show.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from consultations.models import Region
from opendata import selectors

ITEMS = 50


class RegionalFeed(Feed):
    feed_type = Atom1Feed
    all_url_name = ""
    region_url_name = ""

    def get_object(self, request, slug=None):
        return get_object_or_404(Region, slug=slug) if slug else None

    def link(self, region):
        return region.get_absolute_url() if region else reverse("opendata:index")

    def feed_url(self, region):
        if region:
            return reverse(self.region_url_name, kwargs={"slug": region.slug})
        return reverse(self.all_url_name)

    def items_of(self, queryset, region):
        return queryset.filter(region=region) if region else queryset

    def item_link(self, item):
        return item.get_absolute_url()


class AnsweredProposalsFeed(RegionalFeed):
    all_url_name = "opendata:feed_answered"
    region_url_name = "opendata:feed_answered_region"

    def title(self, region):
        if region:
            return _("Answered proposals: %(region)s") % {"region": region.name}
        return _("Answered proposals")

    def subtitle(self, region):
        return _("The foundation's official answers to proposals, newest first.")

    def items(self, region):
        answered = self.items_of(selectors.answered_proposals(), region)
        return answered.order_by("-answered_at", "-id")[:ITEMS]

    def item_title(self, proposal):
        return _("%(code)s: %(status)s") % {"code": proposal.code, "status": proposal.get_status_display()}

    def item_description(self, proposal):
        # Feed readers render the description as HTML: escape what people typed.
        parts = [proposal.text]
        if proposal.answer:
            parts.append(f"{_('Official answer')}: {proposal.answer}")
        return linebreaks("\n\n".join(parts), autoescape=True)

    def item_pubdate(self, proposal):
        return proposal.answered_at or proposal.updated_at

    def item_updateddate(self, proposal):
        return proposal.updated_at

    def item_categories(self, proposal):
        return [proposal.region.name, proposal.get_direction_display()]


class PublishedMinutesFeed(RegionalFeed):
    all_url_name = "opendata:feed_minutes"
    region_url_name = "opendata:feed_minutes_region"

    def title(self, region):
        if region:
            return _("Published minutes: %(region)s") % {"region": region.name}
        return _("Published minutes")

    def subtitle(self, region):
        return _("Minutes of the tour's meetings once published, newest meeting first.")

    def items(self, region):
        return self.items_of(selectors.published_minutes(), region).order_by("-starts_at", "-id")[:ITEMS]

    def item_title(self, meeting):
        return meeting.title

    def item_description(self, meeting):
        return linebreaks(meeting.summary or meeting.minutes, autoescape=True)

    def item_pubdate(self, meeting):
        return meeting.starts_at

    def item_updateddate(self, meeting):
        return meeting.updated_at

    def item_categories(self, meeting):
        place = meeting.region.name if meeting.region_id else _("National event")  # a national event has none
        return [str(place), meeting.get_kind_display()]

from django import template

from consultations.models import Memorandum
from consultations.selectors import region_commitment_counts

register = template.Library()


@register.inclusion_tag("consultations/includes/region_commitments.html")
def region_commitments(region):
    """Done / in progress / overdue commitments of the region's public memoranda."""
    memoranda = Memorandum.objects.public().filter(region=region).only("pk", "title")
    return {"counts": region_commitment_counts(region), "memoranda": memoranda}

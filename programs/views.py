"""Public pages of the charity programs. Regions and proposals are read through reverse
relations (`program.regions`, `program.proposals`): this app imports no other app."""

from itertools import groupby

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from foundation.public_cache import public_page
from programs.models import Direction, Program

PROPOSALS_SHOWN = 20


@public_page
def program_list(request):
    programs = Program.objects.annotate(regions_count=Count("regions"))
    # Directions in their declared order (education first), not alphabetically by code.
    order = {value: index for index, value in enumerate(Direction.values)}
    programs = sorted(programs, key=lambda p: (order.get(p.direction, len(order)), p.order, p.id))
    directions = [
        (Direction(direction).label, list(items)) for direction, items in groupby(programs, key=lambda p: p.direction)
    ]
    return render(request, "programs/program_list.html", {"directions": directions})


@public_page
def program_detail(request, slug):
    program = get_object_or_404(Program, slug=slug)
    # proposals.public() through the reverse relation: this app does not import proposals.
    proposals = program.proposals.public()
    context = {
        "program": program,
        "regions": program.regions.order_by("name"),
        "proposals": proposals.select_related("region").order_by("-created_at")[:PROPOSALS_SHOWN],
        "public_proposals_count": proposals.count(),
    }
    return render(request, "programs/program_detail.html", context)

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from proposals.models import Proposal


def proposal_list(request):
    proposals = Proposal.objects.filter(is_public=True).select_related("region")
    page = Paginator(proposals, 25).get_page(request.GET.get("page"))
    return render(request, "proposals/proposal_list.html", {"page_obj": page})


def proposal_detail(request, code):
    proposal = get_object_or_404(Proposal.objects.select_related("region", "program"), code=code, is_public=True)
    return render(request, "proposals/proposal_detail.html", {"proposal": proposal})

"""The public tracker: every public proposal, its status history and official answer."""

from django.shortcuts import get_object_or_404, render

from foundation.pagination import CountedPaginator
from proposals import exports, selectors
from proposals.forms import PublicFilterForm
from proposals.models import Proposal

PAGE_SIZE = 25


def proposal_list(request):
    form = PublicFilterForm(request.GET or None)
    proposals = selectors.public_proposals().select_related("region")
    data = form.cleaned_data if form.is_valid() else {}
    proposals = selectors.filter_proposals(proposals, data)
    count = selectors.known_count("public", data)
    page = CountedPaginator(proposals, PAGE_SIZE, count=count).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "proposals/proposal_list.html",
        {"page_obj": page, "form": form, "query_string": query.urlencode()},
    )


def proposal_detail(request, code):
    proposal = get_object_or_404(
        Proposal.objects.public().select_related("region", "program", "duplicate_of", "meeting"), code=code
    )
    context = {
        "proposal": proposal,
        "history": proposal.status_changes.all(),
        "people_asking": selectors.people_asking(proposal),
    }
    return render(request, "proposals/proposal_detail.html", context)


def open_data(request):
    return exports.csv_response(exports.open_data_queryset(), exports.OPEN_DATA_COLUMNS, "proposals-open-data.csv")

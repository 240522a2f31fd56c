"""Staff triage: the filtered list, bulk actions, exports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from foundation.pagination import CountedPaginator
from foundation.params import int_param
from proposals import exports, selectors, services
from proposals.forms import BulkActionForm, TriageFilterForm
from proposals.views.access import perm_required

PAGE_SIZES = (25, 50, 100, 200)


def _filtered(request):
    form = TriageFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, data, selectors.filter_proposals(selectors.triage_proposals(), data)


@perm_required("proposals.triage_proposal")
def triage(request):
    form, data, proposals = _filtered(request)
    per_page = int_param(request.GET.get("per_page"))
    per_page = per_page if per_page in PAGE_SIZES else 50
    count = selectors.known_count("all", data)
    page = CountedPaginator(proposals, per_page, count=count).get_page(request.GET.get("page"))
    page.object_list = selectors.with_duplicate_counts(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "proposals/staff/triage.html",
        {
            "form": form,
            "page_obj": page,
            "bulk_form": BulkActionForm(),
            "query_string": query.urlencode(),
            "total": page.paginator.count,
            "page_sizes": PAGE_SIZES,
            "per_page": per_page,
        },
    )


@require_POST
@perm_required("proposals.triage_proposal")
def bulk_action(request):
    form = BulkActionForm(request.POST)
    back = request.POST.get("next", "")
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""  # only a path of this site; anything else would be read as a view name
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back or "proposals:triage")
    data = form.cleaned_data
    ids = [p.pk for p in data["ids"]]
    if not request.user.has_perm("proposals.answer_proposal"):
        raise PermissionDenied
    try:
        if data["action"] == BulkActionForm.Action.SET_STATUS:
            count = services.proposals_bulk_set_status(ids=ids, status=data["status"], changed_by=request.user)
        elif data["action"] == BulkActionForm.Action.SET_DIRECTION:
            count = services.proposals_bulk_refile(ids=ids, direction=data["direction"], changed_by=request.user)
        elif data["action"] == BulkActionForm.Action.SET_REGION:
            count = services.proposals_bulk_refile(ids=ids, region=data["region"], changed_by=request.user)
        elif data["action"] == BulkActionForm.Action.ASSIGN_PROGRAM:
            count = services.proposals_bulk_assign_program(ids=ids, program=data["program"], changed_by=request.user)
        else:
            count = services.proposals_bulk_answer(ids=ids, template=data["template"], answered_by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            ngettext("%(count)d proposal changed.", "%(count)d proposals changed.", count) % {"count": count},
        )
    return redirect(back or "proposals:triage")


@perm_required("proposals.export_proposals")
def export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _form, _data, proposals = _filtered(request)
    if fmt == "xlsx":
        return exports.xlsx_response(proposals, exports.STAFF_COLUMNS, "proposals.xlsx")
    return exports.csv_response(proposals, exports.STAFF_COLUMNS, "proposals.csv")

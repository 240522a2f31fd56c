"""Staff page of one proposal: read it, answer it, merge it with a duplicate."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from proposals import selectors, services
from proposals.forms import AnswerForm, MergeForm, VisibilityForm
from proposals.views.access import _get_proposal_for_user, perm_required


def _initial(proposal):
    return {
        "status": proposal.status if proposal.status != proposal.Status.DUPLICATE else proposal.Status.UNDER_REVIEW,
        "answer_kk": proposal.answer_kk or "",
        "answer_ru": proposal.answer_ru or "",
        "answer_en": proposal.answer_en or "",
        "program": proposal.program_id,
    }


@perm_required("proposals.triage_proposal")
def proposal_staff_detail(request, pk):
    proposal = _get_proposal_for_user(request, pk)
    form = AnswerForm(request.POST or None, initial=_initial(proposal))
    if request.method == "POST":
        if not request.user.has_perm("proposals.answer_proposal", proposal):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.proposal_answer(
                    proposal=proposal,
                    status=data["status"],
                    answers={lang: data[f"answer_{lang}"] for lang in ("kk", "ru", "en")},
                    program=data["program"],
                    answered_by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The answer is saved and public."))
                return redirect("proposals:staff_detail", pk=proposal.pk)
    context = {
        "proposal": proposal,
        "form": form,
        "visibility_form": VisibilityForm(initial={"is_public": "0" if proposal.is_public else "1"}),
        "history": selectors.proposal_history(proposal),
        "similar": selectors.similar_proposals(proposal),
        "duplicates": proposal.duplicates.select_related("region"),
        "people_asking": selectors.people_asking(proposal),
    }
    return render(request, "proposals/staff/proposal.html", context, status=400 if form.errors else 200)


@require_POST
@perm_required("proposals.triage_proposal")
def merge(request, pk):
    duplicate = _get_proposal_for_user(request, pk, "proposals.change_proposal")
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the proposal to merge with."))
        return redirect("proposals:staff_detail", pk=pk)
    original = _get_proposal_for_user(request, form.cleaned_data["original"].pk, "proposals.change_proposal")
    try:
        services.proposal_merge(duplicate=duplicate, original=original, merged_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(dup)s is now a duplicate of %(orig)s.") % {"dup": duplicate.code, "orig": original.code},
        )
    return redirect("proposals:staff_detail", pk=pk)


@require_POST
@perm_required("proposals.triage_proposal")
def unmerge(request, pk):
    duplicate = _get_proposal_for_user(request, pk, "proposals.change_proposal")
    if duplicate.duplicate_of_id:
        services.proposal_unmerge(duplicate=duplicate, changed_by=request.user)
        messages.success(request, _("The proposal is no longer marked as a duplicate."))
    return redirect("proposals:staff_detail", pk=pk)


@require_POST
@perm_required("proposals.moderate_proposal")
def set_visibility(request, pk):
    """Hide a proposal from the public (spam, abuse) or show it again, with a reason."""
    proposal = _get_proposal_for_user(request, pk, "proposals.moderate_proposal")
    form = VisibilityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why, for the proposal's history."))
        return redirect("proposals:staff_detail", pk=pk)
    is_public = form.cleaned_data["is_public"]
    services.proposal_set_visibility(
        proposal=proposal, is_public=is_public, reason=form.cleaned_data["reason"], user=request.user
    )
    if is_public:
        messages.success(request, _("The proposal is public again."))
    else:
        messages.success(request, _("The proposal is hidden from the public."))
    return redirect("proposals:staff_detail", pk=pk)

"""The akimat officials' area: their region's memoranda, review, commitment progress.

Every object is looked up within the official's own region: another region's memorandum or
commitment is a 404, as if it did not exist.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultations import selectors
from consultations.forms.memoranda import ReviewForm
from consultations.models import Commitment, Memorandum
from consultations.services import memoranda as services
from consultations.views.access import official_required
from consultations.views.memoranda import commitment_page
from foundation.workflow import TransitionNotAllowed


def _get_memorandum_for_user(request, pk) -> Memorandum:
    memorandum = get_object_or_404(Memorandum.objects.select_related("region", "meeting"), pk=pk)
    if not request.user.has_perm("consultations.view_memorandum_as_official", memorandum):
        raise Http404  # another region's, or a draft not yet sent: it does not exist for this akimat
    return memorandum


def _get_commitment_for_user(request, pk) -> Commitment:
    commitment = get_object_or_404(Commitment.objects.select_related("memorandum__region", "program"), pk=pk)
    if not request.user.has_perm("consultations.view_commitment", commitment):
        raise Http404
    return commitment


@official_required
def akimat_home(request):
    region = request.user.region
    memoranda = Memorandum.objects.sent().filter(region=region).order_by("-updated_at")
    commitments = (
        Commitment.objects.sent()
        .filter(memorandum__region=region)
        .select_related("memorandum", "program")
        .order_by("due_on", "pk")
    )
    context = {
        "region": region,
        "memoranda": memoranda,
        "commitments": commitments,
        "counts": selectors.region_commitment_counts(region, for_officials=True),
    }
    return render(request, "consultations/akimat/home.html", context)


@official_required
def akimat_memorandum_detail(request, pk):
    memorandum = _get_memorandum_for_user(request, pk)
    can_review = request.user.has_perm("consultations.review_memorandum", memorandum)
    context = {
        "memorandum": memorandum,
        "commitments": memorandum.commitments.select_related("program"),
        "comments": memorandum.comments.select_related("author"),
        "versions": memorandum.versions.order_by("revision"),
        "can_review": can_review,
        "form": ReviewForm(initial={"decision": "comment"}) if can_review else None,
    }
    return render(request, "consultations/akimat/memorandum_detail.html", context)


@official_required
@require_POST
def akimat_memorandum_review(request, pk):
    memorandum = _get_memorandum_for_user(request, pk)
    if not request.user.has_perm("consultations.review_memorandum", memorandum):
        messages.error(request, _("This memorandum is not waiting for your review."))
        return redirect("consultations:akimat_memorandum_detail", pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.memorandum_review(memorandum=memorandum, user=request.user, **form.cleaned_data)
        except (TransitionNotAllowed, services.StaleEdit):
            messages.error(request, _("The memorandum changed meanwhile; look at it again."))
        else:
            messages.success(request, _("Thank you: your review is recorded."))
        return redirect("consultations:akimat_memorandum_detail", pk=pk)
    context = {
        "memorandum": memorandum,
        "commitments": memorandum.commitments.select_related("program"),
        "comments": memorandum.comments.select_related("author"),
        "versions": memorandum.versions.order_by("revision"),
        "can_review": True,
        "form": form,
    }
    return render(request, "consultations/akimat/memorandum_detail.html", context, status=400)


@official_required
def akimat_commitment_detail(request, pk):
    commitment = _get_commitment_for_user(request, pk)
    return commitment_page(
        request,
        commitment,
        template="consultations/akimat/commitment_detail.html",
    )

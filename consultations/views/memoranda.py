"""Memoranda: the public page of a signed memorandum, the staff area (drafting, sending for
review, signing, commitments, XLSX round trip) and the documents every reader may fetch
(PDF, signed scan, evidence, the diff of two revisions), each through one access helper."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from consultations.forms.memoranda import (
    CommitmentFormSet,
    ImportForm,
    MemorandumForm,
    ProgressForm,
    SignForm,
    StaffCommentForm,
)
from consultations.models import Commitment, CommitmentProgress, Memorandum, Region, ReviewComment
from consultations.rules import memorandum_actor
from consultations.services import memoranda as services
from consultations.views.access import staff_required
from foundation import spreadsheets
from foundation.collation import sort_by_name
from foundation.decorators import perm_required
from foundation.files import file_response
from foundation.params import int_param
from foundation.workflow import TransitionNotAllowed

# --- access helpers: the one place that decides who gets which object ----------------------


def _get_memorandum_for_user(request, pk) -> Memorandum:
    """Any reader: staff, the officials of its region once sent, everyone once signed.

    Others get 404, never 403, so a guessed URL tells nothing about another region.
    """
    memorandum = get_object_or_404(Memorandum.objects.select_related("region", "meeting", "tour"), pk=pk)
    if not request.user.has_perm("consultations.view_memorandum", memorandum):
        raise Http404
    return memorandum


def _get_staff_memorandum_for_user(request, pk) -> Memorandum:
    memorandum = get_object_or_404(Memorandum.objects.select_related("region", "meeting", "tour"), pk=pk)
    if not request.user.has_perm("consultations.change_memorandum", memorandum):
        raise PermissionDenied
    return memorandum


def _get_commitment_for_user(request, pk) -> Commitment:
    commitment = get_object_or_404(Commitment.objects.select_related("memorandum__region", "program"), pk=pk)
    if not request.user.has_perm("consultations.view_commitment", commitment):
        raise Http404
    return commitment


def _get_progress_for_user(request, pk) -> CommitmentProgress:
    entry = get_object_or_404(CommitmentProgress.objects.select_related("commitment__memorandum"), pk=pk)
    if not request.user.has_perm("consultations.view_commitment", entry.commitment):
        raise Http404
    return entry


# --- public -------------------------------------------------------------------------------


def memorandum_public_detail(request, pk):
    memorandum = get_object_or_404(Memorandum.objects.public().select_related("region"), pk=pk)
    commitments = memorandum.commitments.select_related("program")
    return render(
        request, "consultations/memorandum_detail.html", {"memorandum": memorandum, "commitments": commitments}
    )


# --- documents any allowed reader may fetch -----------------------------------------------


def memorandum_scan(request, pk):
    memorandum = _get_memorandum_for_user(request, pk)
    return file_response(memorandum.signed_scan, download_name=f"memorandum-{memorandum.pk}-signed", inline=True)


def progress_evidence(request, pk):
    entry = _get_progress_for_user(request, pk)
    return file_response(entry.evidence, inline=True)


def memorandum_pdf(request, pk):
    """A public memorandum's PDF is a stored file (rendered once per content and language);
    a draft's, seen only by the parties while it changes, is rendered for each request."""
    memorandum = _get_memorandum_for_user(request, pk)
    name = slugify(memorandum.number or f"memorandum-{memorandum.pk}") or f"memorandum-{memorandum.pk}"
    language = translation.get_language()
    if memorandum.is_public:
        pdf = services.memorandum_public_pdf(memorandum=memorandum, language=language)
        return file_response(pdf.file, download_name=f"{name}.pdf", inline=True)
    response = HttpResponse(
        services.memorandum_pdf_render(memorandum=memorandum, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


def memorandum_diff(request, pk):
    """What changed between two revisions (?a=1&b=2), in Kazakh and in Russian."""
    memorandum = _get_memorandum_for_user(request, pk)
    if not request.user.has_perm("consultations.view_memorandum_review", memorandum):
        raise Http404
    versions = list(memorandum.versions.order_by("revision"))
    if len(versions) < 2:
        raise Http404
    by_revision = {v.revision: v for v in versions}
    a = by_revision.get(int_param(request.GET.get("a", str(versions[-2].revision))))
    b = by_revision.get(int_param(request.GET.get("b", str(versions[-1].revision))))
    if a is None or b is None:
        raise Http404
    context = {
        "memorandum": memorandum,
        "versions": versions,
        "a": a,
        "b": b,
        "diff_kk": services.versions_diff(a, b, "text_kk"),
        "diff_ru": services.versions_diff(a, b, "text_ru"),
        "title_changed": a.title != b.title,
        "back_url": _detail_url_for(request.user, memorandum),
    }
    return render(request, "consultations/memoranda/diff.html", context)


def _detail_url_for(user, memorandum):
    """The memorandum's page this user works on: staff's, the akimat's, or the public one."""
    if user.has_perm("consultations.change_memorandum", memorandum):
        return reverse("consultations:staff_memorandum_detail", kwargs={"pk": memorandum.pk})
    if user.has_perm("consultations.view_memorandum_as_official", memorandum):
        return reverse("consultations:akimat_memorandum_detail", kwargs={"pk": memorandum.pk})
    return memorandum.get_absolute_url()


# --- staff area -----------------------------------------------------------------------------


@staff_required
def staff_memorandum_list(request):
    memoranda = (
        Memorandum.objects.select_related("region")
        .annotate(
            commitment_count=Count("commitments", distinct=True),
            open_comments=Count(
                "comments", filter=~Q(comments__decision=ReviewComment.Decision.COMMENT), distinct=True
            ),
        )
        .order_by("-created_at")
    )
    status = request.GET.get("status", "")
    if status in Memorandum.Status.values:
        memoranda = memoranda.filter(status=status)
    return render(
        request,
        "consultations/memoranda/staff_list.html",
        {
            "memoranda": sort_by_name(memoranda, key=lambda m: m.region.name),
            "statuses": Memorandum.Status.choices,
            "current_status": status,
        },
    )


def _edit(request, memorandum: Memorandum | None):
    is_new = memorandum is None
    memorandum = memorandum or Memorandum()
    if not is_new and not memorandum.is_editable:
        messages.error(request, _("This memorandum can no longer be edited."))
        return redirect("consultations:staff_memorandum_detail", pk=memorandum.pk)
    form = MemorandumForm(request.POST or None, instance=memorandum)
    formset = CommitmentFormSet(request.POST or None, instance=memorandum, prefix="commitments")
    status = 200
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = [f for f in formset.forms if f.has_changed() or f.instance.pk]
        try:
            memorandum = services.memorandum_save(
                memorandum=form.save(commit=False),
                commitments=[
                    {"id": f.instance.pk, **{name: f.cleaned_data.get(name) for name in services.COMMITMENT_FIELDS}}
                    for f in rows
                    if not formset._should_delete_form(f)
                ],
                removed=[f.instance.pk for f in rows if formset._should_delete_form(f) and f.instance.pk],
                expected_version=form.cleaned_data.get("version"),
                user=request.user,
            )
        except services.StaleEdit:
            status = 409
            form.add_error(
                None,
                _(
                    "Someone else saved this memorandum after you opened it. Your text is below; "
                    "open the memorandum again in another tab to compare, then save."
                ),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            status = 400
        else:
            messages.success(request, _("Memorandum saved."))
            return redirect("consultations:staff_memorandum_detail", pk=memorandum.pk)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "consultations/memoranda/staff_form.html",
        {"form": form, "formset": formset, "memorandum": None if is_new else memorandum},
        status=status,
    )


@staff_required
def staff_memorandum_create(request):
    return _edit(request, None)


@staff_required
def staff_memorandum_edit(request, pk):
    return _edit(request, _get_staff_memorandum_for_user(request, pk))


@staff_required
def staff_memorandum_detail(request, pk):
    memorandum = _get_staff_memorandum_for_user(request, pk)
    commitments = memorandum.commitments.select_related("program")
    targets = memorandum.status_targets(memorandum_actor(request.user, memorandum))
    context = {
        "memorandum": memorandum,
        "commitments": commitments,
        "comments": memorandum.comments.select_related("author"),
        "versions": memorandum.versions.select_related("created_by").order_by("revision"),
        "comment_form": StaffCommentForm(),
        "can_send": Memorandum.Status.IN_REVIEW in targets,
        "can_sign": Memorandum.Status.SIGNED in targets,
        "status_targets": [
            (target, Memorandum.Status(target).label) for target in targets if target in SIMPLE_STAFF_TARGETS
        ],
    }
    return render(request, "consultations/memoranda/staff_detail.html", context)


def _transition_or_message(request, func, **kwargs):
    try:
        func(**kwargs)
    except TransitionNotAllowed as exc:
        messages.error(request, exc.messages[0])
        return False
    except services.StaleEdit:
        messages.error(request, _("The memorandum changed meanwhile; look at it again."))
        return False
    return True


@staff_required
@require_POST
def staff_memorandum_send(request, pk):
    memorandum = _get_staff_memorandum_for_user(request, pk)
    if _transition_or_message(request, services.memorandum_send_for_review, memorandum=memorandum, user=request.user):
        messages.success(request, _("Sent to the akimat for review."))
    return redirect("consultations:staff_memorandum_detail", pk=pk)


# Status changes that need no form of their own; sending (mail) and signing (scan) have views.
SIMPLE_STAFF_TARGETS = (Memorandum.Status.CHANGES_REQUESTED, Memorandum.Status.EXPIRED, Memorandum.Status.TERMINATED)


@staff_required
@require_POST
def staff_memorandum_status(request, pk):
    """Reopen an approved memorandum for changes, or mark a signed one expired or terminated."""
    memorandum = _get_staff_memorandum_for_user(request, pk)
    target = request.POST.get("target")
    if target not in SIMPLE_STAFF_TARGETS:
        raise Http404
    if _transition_or_message(
        request, services.memorandum_change_status, memorandum=memorandum, status=target, user=request.user
    ):
        messages.success(request, _("Status changed."))
    return redirect("consultations:staff_memorandum_detail", pk=pk)


@staff_required
@require_POST
def staff_memorandum_comment(request, pk):
    memorandum = _get_staff_memorandum_for_user(request, pk)
    form = StaffCommentForm(request.POST)
    if form.is_valid():
        services.memorandum_review(
            memorandum=memorandum,
            user=request.user,
            decision=ReviewComment.Decision.COMMENT,
            body=form.cleaned_data["body"],
        )
        messages.success(request, _("Comment added."))
    else:
        messages.error(request, _("Write a comment first."))
    return redirect("consultations:staff_memorandum_detail", pk=pk)


@staff_required
def staff_memorandum_sign(request, pk):
    memorandum = _get_staff_memorandum_for_user(request, pk)
    if not memorandum.can_change_status(Memorandum.Status.SIGNED, memorandum_actor(request.user, memorandum)):
        messages.error(request, _("Only an approved memorandum can be signed."))
        return redirect("consultations:staff_memorandum_detail", pk=pk)
    initial = {"signed_on": timezone.localdate()}
    if memorandum.meeting:
        initial["signed_place"] = memorandum.meeting.venue
    form = SignForm(request.POST or None, request.FILES or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _transition_or_message(
            request, services.memorandum_sign, memorandum=memorandum, user=request.user, **form.cleaned_data
        )
    ):
        messages.success(request, _("Signing recorded; the memorandum is now public."))
        return redirect("consultations:staff_memorandum_detail", pk=pk)
    return render(request, "consultations/memoranda/staff_sign.html", {"memorandum": memorandum, "form": form})


@staff_required
def staff_commitments_xlsx(request, pk):
    memorandum = _get_staff_memorandum_for_user(request, pk)
    response = HttpResponse(
        services.commitments_to_xlsx(memorandum=memorandum),
        content_type=spreadsheets.XLSX_CONTENT_TYPE,
    )
    response["Content-Disposition"] = f'attachment; filename="commitments-{memorandum.pk}.xlsx"'
    return response


@perm_required("consultations.import_commitments")
def staff_commitments_import(request, pk):
    memorandum = _get_staff_memorandum_for_user(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        result = services.commitments_import_xlsx(
            memorandum=memorandum, file=form.cleaned_data["file"], user=request.user
        )
        if not result.errors:
            messages.success(
                request,
                ngettext("%(count)s commitment updated.", "%(count)s commitments updated.", result.updated)
                % {"count": result.updated},
            )
            return redirect("consultations:staff_memorandum_detail", pk=pk)
        errors = result.errors
    return render(
        request,
        "consultations/memoranda/staff_import.html",
        {"memorandum": memorandum, "form": form, "row_errors": errors},
    )


@staff_required
def staff_commitment_list(request):
    commitments = Commitment.objects.select_related("memorandum__region", "program").order_by("due_on", "pk")
    show = request.GET.get("show", "open")
    if show == "open":
        commitments = commitments.open()
    elif show == "overdue":
        commitments = commitments.binding().overdue()
    region = request.GET.get("region", "")
    if region_id := int_param(region):
        commitments = commitments.filter(memorandum__region_id=region_id)
    return render(
        request,
        "consultations/memoranda/staff_commitment_list.html",
        {
            "commitments": commitments,
            "show": show,
            "regions": sort_by_name(Region.objects.all()),
            "current_region": region,
        },
    )


def commitment_page(request, commitment, *, template):
    """Shared by staff and officials: the timeline and, when allowed, the progress form."""
    can_update = request.user.has_perm("consultations.update_commitment_progress", commitment)
    form = None
    if can_update:
        form = ProgressForm(request.POST or None, request.FILES or None, initial={"status": commitment.status})
        if request.method == "POST" and form.is_valid():
            services.commitment_add_progress(commitment=commitment, user=request.user, **form.cleaned_data)
            messages.success(request, _("Progress recorded."))
            return redirect(request.path)
    elif request.method == "POST":
        raise PermissionDenied
    context = {
        "commitment": commitment,
        "memorandum": commitment.memorandum,
        "timeline": commitment.progress_notes.select_related("author"),
        "form": form,
        "memorandum_url": _detail_url_for(request.user, commitment.memorandum),
    }
    return render(request, template, context)


@staff_required
def staff_commitment_detail(request, pk):
    commitment = _get_commitment_for_user(request, pk)
    return commitment_page(
        request,
        commitment,
        template="consultations/memoranda/commitment_detail.html",
    )

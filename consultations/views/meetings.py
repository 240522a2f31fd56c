"""Staff pages for meetings: list, calendar, plan, minutes and outcomes, attachments, PDF."""

import calendar
import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from consultations.forms.meetings import (
    AttachmentForm,
    MeetingFilter,
    MeetingForm,
    MinutesForm,
    ParticipationFormSet,
    StatusForm,
)
from consultations.models import Meeting, MeetingAttachment, Memorandum, MinutesPdf, Tour
from consultations.rules import meeting_actor
from consultations.services.meetings import (
    MeetingConflict,
    attachment_add,
    attachment_delete,
    meeting_change_status,
    meeting_diff,
    meeting_minutes_save,
    meeting_save,
    minutes_document_context,
    minutes_pdf_request,
)
from consultations.views.access import staff_required
from foundation.files import file_response
from foundation.markdown import render_markdown
from foundation.params import month_param
from foundation.workflow import TransitionNotAllowed

PAGE_SIZE = 25
HISTORY_SHOWN = 30

# The status buttons of the minutes page: (from, to) -> (label, style). Moving forward is the
# page's main action; going back or cancelling is not.
STATUS_BUTTONS = {
    (Meeting.Status.PLANNED, Meeting.Status.HELD): (gettext_lazy("Mark as held"), "btn-success"),
    (Meeting.Status.PLANNED, Meeting.Status.CANCELLED): (gettext_lazy("Cancel the meeting"), "btn-outline-danger"),
    (Meeting.Status.HELD, Meeting.Status.MINUTES_PUBLISHED): (gettext_lazy("Publish the minutes"), "btn-success"),
    (Meeting.Status.MINUTES_PUBLISHED, Meeting.Status.HELD): (
        gettext_lazy("Unpublish the minutes to correct them"),
        "btn-outline-secondary",
    ),
    (Meeting.Status.CANCELLED, Meeting.Status.PLANNED): (gettext_lazy("Plan again"), "btn-outline-secondary"),
}


def _status_buttons(request, meeting: Meeting) -> list[tuple[str, str, str]]:
    """(target, label, style) for every move this user may make from the meeting's status."""
    return [
        (target, *STATUS_BUTTONS[(meeting.status, target)])
        for target in meeting.status_targets(meeting_actor(request.user, meeting))
    ]


def _get_meeting_for_user(request, pk, perm="consultations.change_meeting") -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("region", "tour"), pk=pk)
    if not request.user.has_perm(perm, meeting):
        raise PermissionDenied
    return meeting


def _get_attachment_for_user(request, meeting_pk, pk) -> MeetingAttachment:
    attachment = get_object_or_404(MeetingAttachment.objects.select_related("meeting"), pk=pk, meeting_id=meeting_pk)
    if not request.user.has_perm("consultations.view_meeting_admin", attachment.meeting):
        raise PermissionDenied
    return attachment


def _get_pdf_for_user(request, meeting_pk, pk) -> MinutesPdf:
    pdf = get_object_or_404(MinutesPdf.objects.select_related("meeting"), pk=pk, meeting_id=meeting_pk)
    if not request.user.has_perm("consultations.view_meeting_admin", pdf.meeting):
        raise PermissionDenied
    return pdf


# List and calendar ----------------------------------------------------------------------


@staff_required
@require_GET
def meeting_list(request):
    queryset = (
        Meeting.objects.select_related("region", "tour")
        .prefetch_related("regions")
        .annotate(proposal_count=Count("proposals"))
    )
    meeting_filter = MeetingFilter(request.GET or None, queryset=queryset)
    meetings = meeting_filter.qs if meeting_filter.is_bound else queryset
    if meeting_filter.is_bound and not meeting_filter.is_valid():
        meetings = queryset.none()
    page = Paginator(meetings.order_by("-starts_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "consultations/staff/meeting_list.html",
        {"filter": meeting_filter, "page": page, "query": query.urlencode()},
    )


def _month_from(request, tour) -> datetime.date:
    month = month_param(request.GET.get("month"))
    if month:
        return month
    today = timezone.localdate()
    if tour and not (tour.starts_on <= today <= tour.ends_on):
        return tour.starts_on.replace(day=1)
    return today.replace(day=1)


@staff_required
@require_GET
def meeting_calendar(request):
    tours = list(Tour.objects.order_by("-is_current", "-starts_on"))
    tour = next((t for t in tours if str(t.pk) == request.GET.get("tour")), tours[0] if tours else None)
    month = _month_from(request, tour)
    meetings = (
        Meeting.objects.filter(tour=tour, starts_at__year=month.year, starts_at__month=month.month)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("region")
        .prefetch_related("regions")
        .order_by("starts_at")
    )
    by_day: dict[int, list[Meeting]] = {}
    for meeting in meetings:
        by_day.setdefault(timezone.localtime(meeting.starts_at).day, []).append(meeting)
    weeks = [
        [(day, by_day.get(day, [])) for day in week]
        for week in calendar.Calendar().monthdayscalendar(month.year, month.month)
    ]
    previous = (month - datetime.timedelta(days=1)).replace(day=1)
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    weekdays = [datetime.date(2024, 1, d) for d in range(1, 8)]  # 1 Jan 2024 was a Monday
    return render(
        request,
        "consultations/staff/meeting_calendar.html",
        {
            "tours": tours,
            "tour": tour,
            "month": month,
            "weeks": weeks,
            "weekdays": weekdays,
            "previous": previous,
            "following": following,
            "meeting_count": len(meetings),
        },
    )


# Plan: create and edit ------------------------------------------------------------------


def _conflict_message(request, conflict: MeetingConflict) -> None:
    who = conflict.changed_by.get_username() if conflict.changed_by else _("someone")
    messages.error(
        request,
        _(
            "%(who)s saved this meeting while you were editing it. Nothing was saved from your form: "
            "compare their changes below with yours, then save again to keep your version."
        )
        % {"who": who},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    if not request.user.has_perm("consultations.add_meeting"):
        raise PermissionDenied
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = meeting_save(meeting=form.save(commit=False), expected_version=None, user=request.user)
        form.save_m2m()
        messages.success(request, _("The meeting is planned. Log its minutes here after it is held."))
        return redirect("consultations:staff_meeting_detail", pk=meeting.pk)
    return render(
        request,
        "consultations/staff/meeting_form.html",
        {"form": form, "meeting": None},
        status=400 if form.errors else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            meeting_save(
                meeting=form.save(commit=False),
                expected_version=form.cleaned_data["version"],
                user=request.user,
                reason=_("Plan edited"),
            )
        except MeetingConflict as exc:
            conflict = exc
            _conflict_message(request, exc)
            form = _rebind_with_version(MeetingForm, request.POST, exc.current)
        else:
            form.save_m2m()
            messages.success(request, _("The meeting is saved."))
            return redirect("consultations:staff_meeting_detail", pk=meeting.pk)
    return render(
        request,
        "consultations/staff/meeting_form.html",
        {"form": form, "meeting": meeting, "conflict": conflict},
        status=409 if conflict else (400 if form.errors else 200),
    )


def _rebind_with_version(form_class, data, current: Meeting, **kwargs):
    """The user's typed data again, now carrying the current version.

    Saving it again is then a deliberate choice made after seeing the other person's changes.
    """
    data = data.copy()
    data["version"] = str(current.version)
    form = form_class(data, instance=current, **kwargs)
    form.is_valid()
    return form


# Minutes and outcomes --------------------------------------------------------------------


def _history(meeting: Meeting) -> list[dict]:
    records = list(
        meeting.history.select_related("history_user").order_by("-history_date", "-history_id")[: HISTORY_SHOWN + 1]
    )
    rows = []
    for record, previous in zip(records, [*records[1:], None], strict=False):
        if len(rows) == HISTORY_SHOWN:
            break
        rows.append(
            {
                "record": record,
                "changes": meeting_diff(previous, record) if previous else [],
                "created": record.history_type == "+",
            }
        )
    return rows


def _region_memoranda(meeting: Meeting):
    return Memorandum.objects.filter(region_id=meeting.region_id).order_by("-signed_on", "-created_at")


def _render_meeting_page(
    request,
    meeting,
    *,
    minutes_form=None,
    participations=None,
    attachment_form=None,
    conflict=None,
    preview=False,
    status=200,
):
    memoranda = _region_memoranda(meeting)
    if minutes_form is None:
        minutes_form = MinutesForm(instance=meeting, memoranda=memoranda)
    if participations is None:
        participations = ParticipationFormSet(instance=meeting, prefix="participation")
    context = {
        "meeting": meeting,
        "minutes_form": minutes_form,
        "participations": participations,
        "attachment_form": attachment_form or AttachmentForm(),
        "attachments": list(meeting.attachments.select_related("uploaded_by")),
        "proposals": list(meeting.proposals.order_by("created_at", "id")[:200]),
        "proposal_count": meeting.proposals.count(),
        "signed_memoranda": [m for m in minutes_form.fields["memorandum"].queryset if m.meeting_id == meeting.pk],
        "status_buttons": _status_buttons(request, meeting),
        "history": _history(meeting),
        "pdf": meeting.pdfs.first(),
        "conflict": conflict,
        "preview": preview,
        "max_upload_mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024),
    }
    if preview and minutes_form.is_bound:
        context["minutes_preview"] = render_markdown(minutes_form.data.get("minutes", ""))
        # The outcomes in the first language they were typed in (kk, ru, en).
        typed = [minutes_form.data.get(f"outcomes_{lang}", "") for lang in ("kk", "ru", "en")]
        context["outcomes_preview"] = render_markdown(next((text for text in typed if text.strip()), ""))
    return render(request, "consultations/staff/meeting_detail.html", context, status=status)


@staff_required
@require_http_methods(["GET", "POST"])
def meeting_detail(request, pk):
    """The meeting's working page: minutes, participation, outcomes, memorandum, proposals."""
    meeting = _get_meeting_for_user(request, pk)
    if request.method == "GET":
        return _render_meeting_page(request, meeting)
    memoranda = _region_memoranda(meeting)
    form = MinutesForm(request.POST, instance=meeting, memoranda=memoranda)
    participations = ParticipationFormSet(request.POST, instance=meeting, prefix="participation")
    if "preview" in request.POST:
        # Preview never saves; the typed text comes back in the form untouched.
        form.is_valid()
        participations.is_valid()
        return _render_meeting_page(request, meeting, minutes_form=form, participations=participations, preview=True)
    # A status button of this page submits this form too: the typed text is saved with it.
    transition = request.POST.get("transition") or None
    if form.is_valid() and participations.is_valid():
        rows = [
            {key: row.cleaned_data[key] for key in ("group", "count", "organisations")}
            for row in participations.forms
            if row.cleaned_data and not participations._should_delete_form(row)
        ]
        try:
            saved = meeting_minutes_save(
                meeting=form.save(commit=False),
                expected_version=form.cleaned_data["version"],
                user=request.user,
                participations=rows,
                memorandum=form.cleaned_data["memorandum"],
                memoranda=list(memoranda),
                status=transition,
            )
        except TransitionNotAllowed as exc:
            form.add_error(None, exc)
            meeting.refresh_from_db()
            return _render_meeting_page(request, meeting, minutes_form=form, participations=participations, status=400)
        except MeetingConflict as exc:
            current = exc.current
            _conflict_message(request, exc)
            form = _rebind_with_version(MinutesForm, request.POST, current, memoranda=_region_memoranda(current))
            participations = ParticipationFormSet(request.POST, instance=current, prefix="participation")
            participations.is_valid()
            return _render_meeting_page(
                request, current, minutes_form=form, participations=participations, conflict=exc, status=409
            )
        if transition:
            messages.success(request, _("The meeting is now “%(status)s”.") % {"status": saved.get_status_display()})
        else:
            messages.success(request, _("The minutes are saved."))
        return redirect("consultations:staff_meeting_detail", pk=meeting.pk)
    meeting.refresh_from_db()
    return _render_meeting_page(request, meeting, minutes_form=form, participations=participations, status=400)


@staff_required
@require_POST
def meeting_status(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the status buttons."))
        return redirect("consultations:staff_meeting_detail", pk=meeting.pk)
    try:
        meeting_change_status(
            meeting=meeting,
            status=form.cleaned_data["status"],
            user=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except TransitionNotAllowed as exc:
        messages.error(request, exc.messages[0])
    except MeetingConflict as exc:
        _conflict_message(request, exc)
    else:
        messages.success(request, _("The meeting is now “%(status)s”.") % {"status": meeting.get_status_display()})
    return redirect("consultations:staff_meeting_detail", pk=meeting.pk)


# Attachments ----------------------------------------------------------------------------


@staff_required
@require_POST
def attachment_upload(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_meeting_page(request, meeting, attachment_form=form, status=400)
    try:
        attachment_add(
            meeting=meeting,
            uploaded=form.cleaned_data["file"],
            caption=form.cleaned_data["caption"],
            is_public=form.cleaned_data["is_public"],
            user=request.user,
        )
    except ValidationError as exc:
        form.add_error("file", exc)
        return _render_meeting_page(request, meeting, attachment_form=form, status=400)
    messages.success(request, _("The file is attached."))
    return redirect(reverse("consultations:staff_meeting_detail", kwargs={"pk": meeting.pk}) + "#attachments")


@staff_required
@require_GET
def attachment_file(request, pk, attachment_pk):
    attachment = _get_attachment_for_user(request, pk, attachment_pk)
    return file_response(attachment.file, inline=True)


@staff_required
@require_GET
def attachment_thumbnail(request, pk, attachment_pk):
    attachment = _get_attachment_for_user(request, pk, attachment_pk)
    return file_response(attachment.thumbnail, inline=True)


@staff_required
@require_POST
def attachment_remove(request, pk, attachment_pk):
    attachment = _get_attachment_for_user(request, pk, attachment_pk)
    if not request.user.has_perm("consultations.change_meeting", attachment.meeting):
        raise PermissionDenied
    attachment_delete(attachment=attachment, user=request.user)
    messages.success(request, _("The attachment is removed."))
    return redirect(reverse("consultations:staff_meeting_detail", kwargs={"pk": pk}) + "#attachments")


# Printing -------------------------------------------------------------------------------


@staff_required
@require_GET
def meeting_print(request, pk):
    meeting = _get_meeting_for_user(request, pk, perm="consultations.view_meeting_admin")
    return render(request, "consultations/staff/meeting_print.html", minutes_document_context(meeting))


@staff_required
@require_POST
def meeting_pdf_request(request, pk):
    meeting = _get_meeting_for_user(request, pk, perm="consultations.view_meeting_admin")
    minutes_pdf_request(meeting=meeting, user=request.user)
    messages.info(request, _("The PDF is being generated; this page shows its progress."))
    return redirect(reverse("consultations:staff_meeting_detail", kwargs={"pk": meeting.pk}) + "#pdf")


@staff_required
@require_GET
def meeting_pdf_status(request, pk, pdf_pk):
    pdf = _get_pdf_for_user(request, pk, pdf_pk)
    return JsonResponse(
        {
            "status": pdf.status,
            "label": pdf.get_status_display(),
            "percent": pdf.progress,
            "finished": pdf.is_finished,
            "url": reverse("consultations:staff_meeting_pdf_download", kwargs={"pk": pk, "pdf_pk": pdf.pk})
            if pdf.status == MinutesPdf.Status.DONE
            else "",
        }
    )


@staff_required
@require_GET
def meeting_pdf_download(request, pk, pdf_pk):
    pdf = _get_pdf_for_user(request, pk, pdf_pk)
    if pdf.status != MinutesPdf.Status.DONE:
        raise Http404
    return file_response(pdf.file)

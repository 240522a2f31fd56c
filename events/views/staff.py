"""Staff pages of an event: who registered, attendance, export, press coverage."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from consultations.models import Meeting
from events import exports, selectors, services
from events.forms import PressCoverageForm
from events.models import PressCoverage, Registration
from foundation.decorators import perm_required


def _get_meeting_for_user(request, pk, perm="events.view_registration") -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("region", "tour"), pk=pk)
    if not request.user.has_perm(perm):
        raise PermissionDenied
    return meeting


@perm_required("events.view_registration")
@require_GET
def registrations(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    rows = list(selectors.registrants(meeting))
    counts = meeting.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
        cancelled=Count("pk", filter=Q(status=Registration.Status.CANCELLED)),
        attended=Count("pk", filter=Q(attended=True) & ~Q(status=Registration.Status.CANCELLED)),
    )
    context = {
        "meeting": meeting,
        "registrations": rows,
        "counts": counts,
        "places_left": services.places_left(meeting, counts["confirmed"]),
        "by_group": services.attendance_by_group(meeting),
        "press_coverage": list(meeting.press_coverage.all()),
        "press_form": PressCoverageForm(),
    }
    return render(request, "events/staff/registrations.html", context)


@perm_required("events.view_registration")
@require_GET
def registrations_export(request, pk, fmt):
    meeting = _get_meeting_for_user(request, pk)
    return exports.registrations_response(meeting, fmt)


@perm_required("events.change_registration")
@require_POST
def attendance(request, pk):
    meeting = _get_meeting_for_user(request, pk, "events.change_registration")
    ids = [value for value in request.POST.getlist("attended") if value.isdigit()]
    count = services.registration_set_attendance(meeting=meeting, attended_ids=ids)
    messages.success(
        request,
        ngettext("%(count)d person marked as attended.", "%(count)d people marked as attended.", count)
        % {"count": count},
    )
    return redirect("events:staff_registrations", pk=meeting.pk)


@perm_required("events.change_registration")
@require_POST
def attendance_to_participation(request, pk):
    meeting = _get_meeting_for_user(request, pk, "events.change_registration")
    if not request.user.has_perm("consultations.change_meeting", meeting):
        raise PermissionDenied
    changed = services.attendance_to_participation(meeting=meeting, user=request.user)
    if changed:
        messages.success(request, _("The minutes' participation now counts those who attended."))
    else:
        messages.info(request, _("The participation already counts everyone who attended."))
    return redirect("events:staff_registrations", pk=meeting.pk)


@perm_required("events.add_presscoverage")
@require_http_methods(["POST"])
def press_add(request, pk):
    meeting = _get_meeting_for_user(request, pk, "events.add_presscoverage")
    form = PressCoverageForm(request.POST)
    if form.is_valid():
        coverage = form.save(commit=False)
        coverage.meeting = meeting
        if PressCoverage.objects.filter(meeting=meeting, url=coverage.url).exists():
            form.add_error("url", _("This report is already linked."))
        else:
            coverage.save()
            messages.success(request, _("The report is linked on the event's public page."))
            return redirect("events:staff_registrations", pk=meeting.pk)
    rows = list(selectors.registrants(meeting))
    context = {
        "meeting": meeting,
        "registrations": rows,
        "counts": None,
        "by_group": services.attendance_by_group(meeting),
        "press_coverage": list(meeting.press_coverage.all()),
        "press_form": form,
    }
    return render(request, "events/staff/registrations.html", context, status=400)


@perm_required("events.delete_presscoverage")
@require_POST
def press_delete(request, pk, coverage_pk):
    meeting = _get_meeting_for_user(request, pk, "events.delete_presscoverage")
    get_object_or_404(PressCoverage, pk=coverage_pk, meeting=meeting).delete()
    messages.success(request, _("The report is no longer linked."))
    return redirect("events:staff_registrations", pk=meeting.pk)

"""Registrants of an event as CSV or XLSX for staff. Every cell that a spreadsheet would read
as a formula is neutralised (a registrant types their own name)."""

import csv
import io

from django.http import Http404, HttpResponse

from events.models import Registration
from foundation.spreadsheets import safe_cell

COLUMNS = [
    ("registered_at", lambda r: r.created_at.isoformat(timespec="seconds")),
    ("status", lambda r: r.get_status_display()),
    ("name", lambda r: r.name),
    ("organisation", lambda r: r.organisation),
    ("group", lambda r: r.get_group_display()),
    ("email", lambda r: r.email),
    ("language", lambda r: r.language),
    ("attended", lambda r: "yes" if r.attended else "no"),
    ("consent_version", lambda r: r.consent_version),
    ("consented_at", lambda r: r.consented_at.isoformat(timespec="seconds")),
]


def _rows(meeting):
    yield [name for name, _ in COLUMNS]
    for registration in Registration.objects.filter(meeting=meeting).order_by("created_at", "pk"):
        yield [safe_cell(get(registration)) for _, get in COLUMNS]


def registrations_response(meeting, fmt: str) -> HttpResponse:
    filename = f"registrations-event-{meeting.pk}.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # Excel reads the Kazakh letters right with a BOM
        csv.writer(buffer).writerows(_rows(meeting))
        response = HttpResponse(buffer.getvalue().encode(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("registrations")
        for row in _rows(meeting):
            sheet.append(row)
        out = io.BytesIO()
        workbook.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        raise Http404("Unknown format")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

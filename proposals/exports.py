"""CSV and XLSX of proposals: the staff export (everything) and the public open data (no personal data)."""

import itertools

from django.http import HttpResponse, StreamingHttpResponse

from foundation import spreadsheets
from proposals.models import Proposal

STAFF_COLUMNS = [
    ("code", lambda p: p.code),
    ("received_at", lambda p: p.created_at.isoformat(timespec="seconds")),
    ("tour", lambda p: p.tour.name),
    ("region", lambda p: p.region.name),
    ("direction", lambda p: p.get_direction_display()),
    ("channel", lambda p: p.get_channel_display()),
    ("status", lambda p: p.get_status_display()),
    ("text", lambda p: p.text),
    ("author_name", lambda p: p.author_name),
    ("author_organisation", lambda p: p.author_organisation),
    ("publish_name", lambda p: "yes" if p.publish_name else "no"),
    ("contact_email", lambda p: p.contact_email),
    ("contact_phone", lambda p: p.contact_phone),
    ("duplicate_of", lambda p: p.duplicate_of.code if p.duplicate_of_id else ""),
    ("answer_kk", lambda p: p.answer_kk or ""),
    ("answer_ru", lambda p: p.answer_ru or ""),
    ("answer_en", lambda p: p.answer_en or ""),
    ("program", lambda p: p.program.title if p.program_id else ""),
]

# Open data: no contacts ever, names and organisations only with the author's consent.
OPEN_DATA_COLUMNS = [
    ("code", lambda p: p.code),
    ("received_on", lambda p: p.created_at.date().isoformat()),
    ("region_iso", lambda p: p.region.code_iso),
    ("region", lambda p: p.region.name),
    ("direction", lambda p: p.direction),
    ("channel", lambda p: p.channel),
    ("status", lambda p: p.status),
    ("duplicate_of", lambda p: p.duplicate_of.code if p.duplicate_of_id else ""),
    ("text", lambda p: p.text),
    ("author_name", lambda p: p.public_author_name),
    ("author_organisation", lambda p: p.public_organisation),
    ("answer_kk", lambda p: p.answer_kk or ""),
    ("answer_ru", lambda p: p.answer_ru or ""),
    ("answer_en", lambda p: p.answer_en or ""),
    ("program", lambda p: p.program.slug if p.program_id else ""),
]


def _rows(queryset, columns):
    yield [name for name, _ in columns]
    for proposal in queryset.iterator(chunk_size=2000):
        yield [get(proposal) for _, get in columns]


def _prepare(queryset):
    return queryset.select_related("tour", "region", "program", "duplicate_of")


def csv_response(queryset, columns, filename: str) -> StreamingHttpResponse:
    """A streamed, formula-safe UTF-8 CSV with a BOM, so Excel shows Kazakh letters correctly.

    The query runs (and the first row is read) before the response is returned: when the
    database fails, the client gets an error page, not a 200 cut short.
    """
    rows = _rows(_prepare(queryset), columns)
    first = list(itertools.islice(rows, 2))  # the header and the first row: runs the query
    response = StreamingHttpResponse(
        spreadsheets.csv_lines(itertools.chain(first, rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(queryset, columns, filename: str) -> HttpResponse:
    data = spreadsheets.xlsx_bytes({"proposals": _rows(_prepare(queryset), columns)})
    response = HttpResponse(data, content_type=spreadsheets.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def open_data_queryset():
    return Proposal.objects.public().order_by("created_at", "id")

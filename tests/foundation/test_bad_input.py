"""The inputs that gave a 500 on the old code (issue 9, item 5), each answered with a 4xx or a page."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from consultations.models import Memorandum
from foundation.params import int_param, month_param
from proposals.models import ImportJob
from tests.consultations.conftest_memoranda import make_memorandum
from tests.proposals.test_imports import upload


class TestParams:
    @pytest.mark.parametrize(
        "raw, expected", [("12", 12), ("²", None), ("٣", None), ("-1", None), ("0", None), ("9" * 20, None), ("", None)]
    )
    def test_int_param(self, raw, expected):
        assert int_param(raw) == expected

    @pytest.mark.parametrize("raw", ["9999-12", "1-1", "2026-13", "2026-00", "2026-²", "2026", "2026-06-01", None])
    def test_month_param_refuses_what_date_arithmetic_cannot_take(self, raw):
        assert month_param(raw) is None

    def test_month_param_reads_a_month(self):
        assert str(month_param("2026-06")) == "2026-06-01"


def _broken_xlsx() -> bytes:
    """A ZIP laid out like a workbook whose sheet is not XML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/></Types>',
        )
        archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet")
        archive.writestr("xl/worksheets/sheet1.xml", "\x00\x01 not xml")
    return buffer.getvalue()


@pytest.mark.django_db
class TestNoServerError:
    def test_nul_in_the_path_is_a_400(self, client):
        assert client.get("/en/proposals/%00/").status_code == 400

    def test_an_id_beyond_any_column_is_a_404(self, client):
        assert client.get("/en/meetings/99999999999999999999/").status_code == 404
        assert client.get("/en/meetings/99999999999999999999/photos/1/").status_code == 404

    @pytest.mark.parametrize("month", ["9999-12", "1-1", "0-0", "²-1"])
    def test_the_calendar_ignores_an_impossible_month(self, staff_client, tour, month):
        assert staff_client.get("/en/staff/meetings/calendar/", {"month": month}).status_code == 200

    @pytest.mark.parametrize("region", ["²", "٣", "99999999999999999999"])
    def test_the_commitments_list_ignores_a_strange_region(self, staff_client, region):
        assert staff_client.get("/en/staff/commitments/", {"region": region}).status_code == 200

    @pytest.mark.parametrize("body", [_broken_xlsx(), b"PK\x03\x04 truncated"])
    def test_a_malformed_xlsx_is_refused_with_a_message(self, staff_client, tour, settings, tmp_path, body):
        settings.MEDIA_ROOT = tmp_path
        upload(staff_client, tour, SimpleUploadedFile("conference.xlsx", body))
        assert ImportJob.objects.get().file_errors == [
            "This file is not an XLSX spreadsheet. Upload a CSV or XLSX file."
        ]

    def test_a_malformed_commitments_sheet_is_refused_with_a_message(self, staff_client, astana):
        memorandum = make_memorandum(astana, Memorandum.Status.SIGNED)
        response = staff_client.post(
            f"/en/staff/memoranda/{memorandum.pk}/commitments/import/",
            {"file": SimpleUploadedFile("commitments.xlsx", _broken_xlsx())},
            follow=True,
        )
        assert response.status_code in (200, 400)
        assert "The file is not an XLSX workbook." in response.content.decode()

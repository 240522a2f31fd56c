"""Import of CSV/XLSX files: preview with row errors, all-or-nothing, idempotent, true authors."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from openpyxl import Workbook

from proposals.models import ImportJob, Proposal

HEADER = "text,region,direction,author_name,author_organisation,contact_email,publish_name\n"
GOOD = HEADER + (
    "Инклюзивті мектептер санын көбейту,KZ-71,education,Әлия Сәрсенова,«Үміт» ҚБ,aliya@example.kz,yes\n"
    "Перинаталдық орталықты жабдықтау,Астана,healthcare,Марат Қасымов,,,no\n"
    "Оңалту орталығын ашу,almaty,Rehabilitation and inclusion,,,,\n"
)


def csv_file(text: str, name: str = "conference.csv", encoding: str = "utf-8-sig") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows, name="conference.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, tour, file):
    url = reverse("proposals:import")
    return client.post(f"/en{url[3:]}", {"tour": tour.pk, "channel": "online_conference", "file": file})


def confirm(client, job):
    # The import is queued on commit; run the callbacks as a real commit would.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("proposals:import_confirm", args=[job.pk]))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db
class TestImportUpload:
    def test_it_previews_every_row_before_saving_anything(self, staff_client, tour):
        response = upload(staff_client, tour, csv_file(GOOD))
        job = ImportJob.objects.get()
        assert response.status_code == 302
        assert job.status == ImportJob.Status.PREVIEW
        assert job.total == 3
        assert Proposal.objects.count() == 0
        page = staff_client.get(f"/en/proposals/staff/import/{job.pk}/")
        text = page.content.decode()
        assert "Инклюзивті мектептер санын көбейту" in text
        assert "Import 3 proposals" in text

    def test_it_imports_all_rows_keeping_the_true_author(self, staff_client, staff_user, tour):
        upload(staff_client, tour, csv_file(GOOD))
        job = ImportJob.objects.get()
        confirm(staff_client, job)
        job.refresh_from_db()
        assert job.status == ImportJob.Status.DONE
        assert job.created_count == 3
        first = Proposal.objects.get(author_name="Әлия Сәрсенова")
        assert first.created_by == staff_user
        assert first.channel == Proposal.Channel.ONLINE_CONFERENCE
        assert first.region.code_iso == "KZ-71"
        assert first.publish_name is True
        assert first.status_changes.count() == 1
        assert "инклюзивті" in first.search_text
        rehab = Proposal.objects.get(text="Оңалту орталығын ашу")
        assert rehab.direction == "rehabilitation"
        assert rehab.region.code_iso == "KZ-75"

    def test_it_creates_nothing_when_the_same_file_is_imported_twice(self, staff_client, tour):
        upload(staff_client, tour, csv_file(GOOD))
        confirm(staff_client, ImportJob.objects.get())
        upload(staff_client, tour, csv_file(GOOD, name="again.csv"))
        second = ImportJob.objects.get(original_name="again.csv")
        assert second.new_rows == 0
        assert all(row["exists"] for row in second.rows)
        confirm(staff_client, second)
        second.refresh_from_db()
        assert second.created_count == 0
        assert second.skipped_count == 3
        assert Proposal.objects.count() == 3

    def test_it_imports_an_xlsx_file(self, staff_client, tour):
        rows = [["text", "region", "direction"], ["Экзоскелеттер сатып алу", "KZ-71", "healthcare"], [None, None, None]]
        upload(staff_client, tour, xlsx_file(rows))
        job = ImportJob.objects.get()
        assert job.total == 1
        confirm(staff_client, job)
        assert Proposal.objects.get().text == "Экзоскелеттер сатып алу"

    def test_it_refuses_a_file_with_a_missing_column(self, staff_client, tour):
        upload(staff_client, tour, csv_file("text,direction\nМектеп салу,education\n"))
        job = ImportJob.objects.get()
        assert job.status == ImportJob.Status.INVALID
        assert "Missing column: region" in job.file_errors[0]
        assert confirm(staff_client, job).status_code == 302
        assert Proposal.objects.count() == 0

    def test_it_shows_row_errors_and_imports_nothing(self, staff_client, tour):
        bad = (
            HEADER
            + "Мектеп салу,KZ-71,education,,,,\n,KZ-71,education,,,,\nСпорт клубы,Атлантида,sport,,,not-an-email,maybe\n"
        )
        upload(staff_client, tour, csv_file(bad))
        job = ImportJob.objects.get()
        assert job.status == ImportJob.Status.INVALID
        errors = {row["line"]: row["errors"] for row in job.rows}
        assert errors[2] == []
        assert errors[3] == ["The proposal text is empty."]
        assert any("Unknown region" in e for e in errors[4])
        assert any("e-mail" in e for e in errors[4])
        assert any("yes or no" in e for e in errors[4])
        page = staff_client.get(f"/en/proposals/staff/import/{job.pk}/?errors=1").content.decode()
        assert "Unknown region “Атлантида”" in page
        confirm(staff_client, job)
        assert Proposal.objects.count() == 0

    def test_it_reports_a_wrong_encoding_instead_of_garbling(self, staff_client, tour):
        upload(staff_client, tour, csv_file("text,region\nПредложение по школам,KZ-71\n", encoding="cp1251"))
        job = ImportJob.objects.get()
        assert job.status == ImportJob.Status.INVALID
        assert "UTF-8" in job.file_errors[0]

    @pytest.mark.parametrize("name", ["photo.xlsx", "photo.csv"])
    def test_it_refuses_a_file_that_is_not_a_spreadsheet(self, staff_client, tour, name):
        upload(staff_client, tour, SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)))
        job = ImportJob.objects.get()
        assert job.status == ImportJob.Status.INVALID
        assert "not" in job.file_errors[0]

    def test_it_refuses_an_unknown_extension_in_the_form(self, staff_client, tour):
        response = upload(staff_client, tour, SimpleUploadedFile("notes.pdf", b"%PDF-1.4"))
        assert response.status_code == 400
        assert ImportJob.objects.count() == 0

    def test_rows_imported_meanwhile_by_another_job_are_skipped(self, staff_client, tour):
        upload(staff_client, tour, csv_file(GOOD))
        first = ImportJob.objects.get()
        upload(staff_client, tour, csv_file(GOOD, name="same.csv"))
        second = ImportJob.objects.get(original_name="same.csv")
        confirm(staff_client, first)
        confirm(staff_client, second)  # its preview predates the first import
        second.refresh_from_db()
        assert second.created_count == 0
        assert Proposal.objects.count() == 3

    def test_a_database_error_mid_import_leaves_nothing(self, staff_client, tour, monkeypatch):
        from proposals import imports

        rows = HEADER + "".join(f"Мектеп №{i} салу,KZ-71,education,,,,\n" for i in range(12))
        upload(staff_client, tour, csv_file(rows))
        job = ImportJob.objects.get()
        monkeypatch.setattr(imports, "BATCH", 5)
        original = imports._import_batch
        calls = []

        def failing(job, batch):
            calls.append(1)
            if len(calls) == 2:
                from django.db import IntegrityError

                raise IntegrityError("simulated clash")
            return original(job, batch)

        monkeypatch.setattr(imports, "_import_batch", failing)
        confirm(staff_client, job)
        job.refresh_from_db()
        assert job.status == ImportJob.Status.FAILED
        assert Proposal.objects.count() == 0


@pytest.mark.django_db
class TestImportProgress:
    def test_it_reports_progress_as_json(self, staff_client, tour):
        upload(staff_client, tour, csv_file(GOOD))
        job = ImportJob.objects.get()
        confirm(staff_client, job)
        data = staff_client.get(reverse("proposals:import_progress", args=[job.pk])).json()
        assert data == {
            "status": "done",
            "label": "Imported",
            "total": 3,
            "processed": 3,
            "percent": 100,
            "created": 3,
            "skipped": 0,
            "finished": True,
            "error": "",
        }

    def test_the_preview_page_shows_an_accessible_progress_bar(self, staff_client, tour):
        upload(staff_client, tour, csv_file(GOOD))
        job = ImportJob.objects.get()
        confirm(staff_client, job)
        page = staff_client.get(f"/en/proposals/staff/import/{job.pk}/").content.decode()
        assert 'role="progressbar"' in page
        assert 'aria-valuenow="100" data-percent="100"' in page  # 3 of 3 rows, in per cent like the PDF's

    def test_confirm_is_post_only(self, staff_client, tour):
        upload(staff_client, tour, csv_file(GOOD))
        job = ImportJob.objects.get()
        assert staff_client.get(reverse("proposals:import_confirm", args=[job.pk])).status_code == 405


@pytest.mark.django_db
class TestImportTemplate:
    @pytest.mark.parametrize("fmt", ["csv", "xlsx"])
    def test_it_downloads_a_template_that_imports_cleanly(self, staff_client, tour, fmt):
        response = staff_client.get(reverse("proposals:import_template", args=[fmt]))
        assert response.status_code == 200
        upload(staff_client, tour, SimpleUploadedFile(f"template.{fmt}", response.content))
        job = ImportJob.objects.get()
        assert job.is_valid, (job.file_errors, job.error_rows)
        assert job.total == 2


@pytest.mark.django_db
class TestImportIsSeenByThePublicPages:
    def test_an_import_renews_the_counts_and_the_page_cache(self, staff_client, tour):
        """bulk_create sends no signal: the import tells the counts and the page cache itself."""
        from foundation import public_cache
        from proposals.counts import proposal_counts

        assert proposal_counts().count(tour=tour) == 0
        version = public_cache.content_version()
        upload(staff_client, tour, csv_file(GOOD))
        confirm(staff_client, ImportJob.objects.get())
        assert proposal_counts().count(tour=tour) == 3
        assert public_cache.content_version() != version

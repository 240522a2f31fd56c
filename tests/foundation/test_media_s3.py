"""Media on S3-compatible storage (MEDIA_STORAGE=s3): every upload kind goes to the bucket and
comes back through the app's views, objects are private, and the local disk is not used.

Runs against moto's S3 server on loopback, started by the tests (tests/s3.py).
"""

import hashlib
import subprocess
import sys

import pytest
import requests
from django.test import Client, TestCase

from consultations.models import CommitmentProgress, MeetingAttachment, Memorandum, MinutesPdf
from proposals.models import ImportJob, Proposal
from tests import factories
from tests.consultations.conftest_memoranda import client_for, make_memorandum
from tests.consultations.staff_data import PDF_BYTES, png_bytes, upload

CSV = (
    "text,region,direction,author_name,author_organisation,contact_email,publish_name\n"
    "Инклюзивті мектептер санын көбейту,KZ-71,education,Әлия Сәрсенова,«Үміт» ҚБ,aliya@example.kz,yes\n"
    "Перинаталдық орталықты жабдықтау,Астана,healthcare,Марат Қасымов,,,no\n"
).encode("utf-8-sig")


def body(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def meeting(tour, astana):
    return factories.MeetingFactory(tour=tour, region=astana, title="Астана: әкіммен кездесу")


@pytest.mark.django_db
class TestEveryUploadKindRoundTrips:
    def test_meeting_photo_and_its_thumbnail(self, s3_media, staff_client, client, meeting):
        photo = png_bytes((800, 600))
        staff_client.post(
            f"/en/staff/meetings/{meeting.pk}/attachments/",
            {"file": upload("кездесу.png", photo), "caption": "Әкімдік залы", "is_public": "on"},
        )
        attachment = MeetingAttachment.objects.get()
        assert s3_media.names() == sorted([attachment.file.name, attachment.thumbnail.name])
        assert attachment.file.name.startswith(f"meetings/{meeting.pk}/")
        assert sha(s3_media.read(attachment.file.name)) == sha(photo)

        staff_url = f"/en/staff/meetings/{meeting.pk}/attachments/{attachment.pk}/"
        assert body(staff_client.get(staff_url)) == photo
        assert body(client.get(f"/en/meetings/{meeting.pk}/photos/{attachment.pk}/")) == photo
        thumbnail = body(client.get(f"/en/meetings/{meeting.pk}/photos/{attachment.pk}/thumbnail/"))
        assert thumbnail == s3_media.read(attachment.thumbnail.name)
        assert thumbnail.startswith(b"\xff\xd8")  # JPEG made from the photo read back from the bucket

    def test_private_meeting_document(self, s3_media, staff_client, client, meeting):
        staff_client.post(
            f"/en/staff/meetings/{meeting.pk}/attachments/",
            {"file": upload("хаттама.pdf", PDF_BYTES), "caption": "Хаттама", "is_public": ""},
        )
        attachment = MeetingAttachment.objects.get()
        assert s3_media.names() == [attachment.file.name]
        assert body(staff_client.get(f"/en/staff/meetings/{meeting.pk}/attachments/{attachment.pk}/")) == PDF_BYTES
        # Not a public photo: the public view refuses it, whatever is in the bucket.
        assert client.get(f"/en/meetings/{meeting.pk}/photos/{attachment.pk}/").status_code == 404

    def test_minutes_pdf_written_by_the_task(self, s3_media, staff_client, meeting):
        meeting.minutes = "Қор төрағасы мен әкімнің кездесуі"
        meeting.save()
        with TestCase.captureOnCommitCallbacks(execute=True):
            staff_client.post(f"/en/staff/meetings/{meeting.pk}/pdf/")
        pdf = MinutesPdf.objects.get()
        assert pdf.status == MinutesPdf.Status.DONE
        assert s3_media.names() == [pdf.file.name]
        download = body(staff_client.get(f"/en/staff/meetings/{meeting.pk}/pdf/{pdf.pk}/download/"))
        assert download.startswith(b"%PDF-")
        assert download == s3_media.read(pdf.file.name)

    def test_signed_memorandum_scan(self, s3_media, staff_client, client, astana):
        memorandum = make_memorandum(astana, Memorandum.Status.APPROVED)
        scan = PDF_BYTES + "Қол қойылған нұсқа".encode()
        response = staff_client.post(
            f"/en/staff/memoranda/{memorandum.pk}/sign/",
            {"signed_on": "2026-08-02", "signed_place": "Астана", "signed_scan": upload("scan.pdf", scan)},
        )
        assert response.status_code == 302
        memorandum.refresh_from_db()
        assert s3_media.names() == [memorandum.signed_scan.name]
        assert body(client.get(f"/en/memoranda/{memorandum.pk}/scan/")) == scan

    def test_commitment_evidence(self, s3_media, astana, official_astana, official_almaty):
        memorandum = make_memorandum(astana, Memorandum.Status.SIGNED)
        commitment = memorandum.commitments.get(party="akimat")
        evidence = png_bytes((40, 30), colour=(200, 10, 10))
        client_for(official_astana).post(
            f"/en/akimat/commitments/{commitment.pk}/",
            {"status": "in_progress", "note": "Ғимарат іріктелді", "evidence": upload("evidence.png", evidence)},
        )
        entry = CommitmentProgress.objects.get()
        assert entry.evidence.name in s3_media.names()
        url = f"/en/commitments/progress/{entry.pk}/evidence/"
        assert body(client_for(official_astana).get(url)) == evidence
        assert client_for(official_almaty).get(url).status_code == 404  # another region's official

    def test_proposals_import_file(self, s3_media, staff_client, tour, astana):
        response = staff_client.post(
            "/en/proposals/staff/import/",
            {"tour": tour.pk, "channel": "online_conference", "file": upload("conference.csv", CSV)},
        )
        assert response.status_code == 302
        job = ImportJob.objects.get()
        assert s3_media.names() == [job.file.name]
        assert s3_media.read(job.file.name) == CSV
        with job.file.open("rb") as handle:
            assert handle.read() == CSV
        with TestCase.captureOnCommitCallbacks(execute=True):
            staff_client.post(f"/en/proposals/staff/import/{job.pk}/confirm/")
        assert Proposal.objects.count() == 2

    def test_open_data_package_built_by_the_site(self, s3_media, client, tour):
        from opendata import package as packages

        built = packages.build()
        assert s3_media.names() == [built.file.name]
        stored = s3_media.read(built.file.name)
        assert sha(stored) == built.sha256
        assert stored.startswith(b"PK")  # a ZIP
        assert body(client.get("/en/open-data/package.zip")) == stored


@pytest.mark.django_db
class TestBucketIsPrivate:
    def test_no_object_can_be_read_without_credentials(self, s3_media, staff_client, meeting, astana):
        staff_client.post(
            f"/en/staff/meetings/{meeting.pk}/attachments/",
            {"file": upload("photo.png", png_bytes()), "caption": "Залы", "is_public": "on"},
        )
        make_memorandum(astana, Memorandum.Status.SIGNED)
        keys = s3_media.names()
        assert len(keys) == 3  # photo, thumbnail, signed scan
        for key in keys:
            grants = s3_media.client.get_object_acl(Bucket=s3_media.name, Key=key)["Grants"]
            assert [g["Grantee"].get("URI") for g in grants if g["Grantee"]["Type"] == "Group"] == []
            anonymous = requests.get(f"{s3_media.endpoint}/{s3_media.name}/{key}", timeout=10)
            assert anonymous.status_code == 403

    def test_pages_link_the_apps_views_never_the_bucket(self, s3_media, staff_client, meeting):
        staff_client.post(
            f"/en/staff/meetings/{meeting.pk}/attachments/",
            {"file": upload("photo.png", png_bytes()), "caption": "Залы", "is_public": "on"},
        )
        for page in (f"/en/staff/meetings/{meeting.pk}/", f"/en/meetings/{meeting.pk}/"):
            html = (staff_client if "staff" in page else Client()).get(page).content.decode()
            assert "/photos/" in html or "/attachments/" in html
            assert s3_media.endpoint not in html
            assert s3_media.name not in html

    def test_a_file_gone_from_the_bucket_is_a_404(self, s3_media, staff_client, meeting):
        staff_client.post(f"/en/staff/meetings/{meeting.pk}/attachments/", {"file": upload("a.pdf", PDF_BYTES)})
        attachment = MeetingAttachment.objects.get()
        s3_media.client.delete_object(Bucket=s3_media.name, Key=attachment.file.name)
        response = staff_client.get(f"/en/staff/meetings/{meeting.pk}/attachments/{attachment.pk}/")
        assert response.status_code == 404

    def test_the_local_disk_is_not_used(self, s3_media, staff_client, meeting, settings):
        staff_client.post(f"/en/staff/meetings/{meeting.pk}/attachments/", {"file": upload("a.pdf", PDF_BYTES)})
        assert len(s3_media.names()) == 1
        assert not settings.MEDIA_ROOT.exists()

    def test_a_removed_attachment_leaves_the_bucket(
        self, s3_media, staff_client, meeting, django_capture_on_commit_callbacks
    ):
        staff_client.post(f"/en/staff/meetings/{meeting.pk}/attachments/", {"file": upload("a.png", png_bytes())})
        attachment = MeetingAttachment.objects.get()
        with django_capture_on_commit_callbacks(execute=True):
            staff_client.post(f"/en/staff/meetings/{meeting.pk}/attachments/{attachment.pk}/delete/")
        assert s3_media.names() == []


def _check(**env):
    import os

    full_env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | env
    return subprocess.run(
        [sys.executable, "manage.py", "check"], capture_output=True, text=True, env=full_env, timeout=120
    )


class TestConfiguration:
    def test_s3_without_a_bucket_stops_startup_naming_the_variable(self):
        result = _check(MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="")
        assert result.returncode != 0
        assert "AWS_STORAGE_BUCKET_NAME" in result.stderr

    def test_an_unknown_storage_stops_startup(self):
        result = _check(MEDIA_STORAGE="ftp")
        assert result.returncode != 0
        assert "MEDIA_STORAGE must be local or s3" in result.stderr

    def test_local_disk_is_the_default(self, settings):
        assert settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"

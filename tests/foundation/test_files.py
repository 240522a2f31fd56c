"""Stored files reach the browser only as what their bytes are: no script from an upload.

The attack these tests replay: an official uploads, as commitment evidence, a GIF/JavaScript
polyglot named `chart.js`, then a file starting `%PDF-1.4` followed by a `<script src=chart.js>`
named `report.html`. Both pass the content check; neither may be stored or served as script or
HTML.
"""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from consultations.models import CommitmentProgress, MeetingAttachment, Memorandum
from foundation.files import file_response, safe_filename, sniff_bytes
from tests import factories
from tests.consultations.conftest_memoranda import client_for, make_memorandum

# A valid GIF (Pillow opens and verifies it) that is also valid JavaScript: `GIF89a=...;alert(1)//`.
GIF_JS_POLYGLOT = (
    b"GIF89a/*\x01\x00\x01\x00\x00\xff\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x00;*/"
    b"=1;fetch('/en/proposals/staff/export.csv').then(r=>r.text()).then(alert);//"
)
PDF_WITH_SCRIPT = b"%PDF-1.4\n<html><script src=/en/commitments/progress/1/evidence/></script></html>\n%%EOF\n"
FILE_CSP = "default-src 'none'; sandbox"


def _png(size=(4, 4)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "red").save(out, format="PNG")
    return out.getvalue()


def _assert_safe(response, content_type, disposition):
    """`disposition` as expected, but the storage may add `_abc1234` to a name already taken."""
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == FILE_CSP
    stem, extension = disposition.rsplit(".", 1)
    assert re.fullmatch(
        re.escape(stem) + r"(_[A-Za-z0-9]{7})?\." + re.escape(extension), response["Content-Disposition"]
    )


class TestSniff:
    @pytest.mark.parametrize(
        "head, expected",
        [
            (b"%PDF-1.7\n", "application/pdf"),
            (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
            (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
            (b"GIF87a\x01\x00", "image/gif"),
            (b"GIF89a/*", "image/gif"),
            (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"),
            (b"RIFF\x24\x00\x00\x00WAVEfmt ", "application/octet-stream"),
            (b"<html><script>", "application/octet-stream"),
            (b"alert(1)", "application/octet-stream"),
            (b"PK\x03\x04", "application/octet-stream"),
            (b"", "application/octet-stream"),
        ],
    )
    def test_it_reads_the_type_from_the_bytes(self, head, expected):
        assert sniff_bytes(head) == expected

    @pytest.mark.parametrize(
        "name, content_type, expected",
        [
            ("chart.js", "image/gif", "chart.gif"),
            ("report.html", "application/pdf", "report.pdf"),
            ("../../etc/Отчёт 1.HTML", "image/png", "отчёт-1.png"),
            ("C:\\Users\\a\\scan.pdf.exe", "application/pdf", "scanpdf.pdf"),
            (".htaccess", "application/octet-stream", "htaccess.bin"),
            ("", "image/jpeg", "file.jpg"),
            ("<script>.svg", "application/octet-stream", "script.bin"),
        ],
    )
    def test_it_makes_a_safe_name_with_the_sniffed_extension(self, name, content_type, expected):
        assert safe_filename(name, content_type) == expected


@pytest.mark.django_db
class TestEvidenceAttack:
    def _upload(self, official, commitment, name, body):
        response = client_for(official).post(
            f"/en/akimat/commitments/{commitment.pk}/",
            {"status": "in_progress", "note": "Дәлел", "evidence": SimpleUploadedFile(name, body)},
        )
        assert response.status_code == 302
        return CommitmentProgress.objects.latest("pk")

    def test_the_polyglot_and_the_pdf_with_a_script_are_stored_and_served_as_what_they_are(
        self, astana, official_astana, staff_client
    ):
        commitment = make_memorandum(astana, Memorandum.Status.SIGNED).commitments.get(party="akimat")
        polyglot = self._upload(official_astana, commitment, "chart.js", GIF_JS_POLYGLOT)
        html = self._upload(official_astana, commitment, "report.html", PDF_WITH_SCRIPT)

        assert polyglot.evidence.name.startswith("commitments/chart")
        assert polyglot.evidence.name.endswith(".gif")
        assert html.evidence.name.startswith("commitments/report")
        assert html.evidence.name.endswith(".pdf")

        response = staff_client.get(f"/en/commitments/progress/{polyglot.pk}/evidence/")
        _assert_safe(response, "image/gif", 'inline; filename="chart.gif"')
        assert b"".join(response.streaming_content) == GIF_JS_POLYGLOT
        response = staff_client.get(f"/en/commitments/progress/{html.pk}/evidence/")
        _assert_safe(response, "application/pdf", 'inline; filename="report.pdf"')

    def test_a_file_stored_under_a_script_name_is_still_served_by_its_bytes(
        self, astana, official_astana, staff_client
    ):
        # A file that reached storage before names were checked (or through another channel).
        commitment = make_memorandum(astana, Memorandum.Status.SIGNED).commitments.get(party="akimat")
        entry = factories.CommitmentProgressFactory(commitment=commitment, author=official_astana)
        storage = CommitmentProgress._meta.get_field("evidence").storage
        entry.evidence.name = storage.save("commitments/legacy.html", ContentFile(b"<script>alert(1)</script>"))
        entry.save()
        response = staff_client.get(f"/en/commitments/progress/{entry.pk}/evidence/")
        _assert_safe(response, "application/octet-stream", 'attachment; filename="legacy.bin"')


@pytest.mark.django_db
class TestEveryFileView:
    """Each view that serves a stored file answers through file_response."""

    def test_meeting_attachments_photos_and_thumbnails(self, client, staff_client, tour):
        meeting = factories.MeetingFactory(tour=tour)
        response = staff_client.post(
            f"/en/staff/meetings/{meeting.pk}/attachments/",
            {"file": SimpleUploadedFile("photo.js", _png((40, 30))), "caption": "Кездесу", "is_public": "on"},
        )
        assert response.status_code == 302
        photo = MeetingAttachment.objects.get()
        assert re.search(r"/photo(_\w{7})?\.png$", photo.file.name)
        assert re.search(r"/photo(_\w{7})?\.jpg$", photo.thumbnail.name)
        base = f"/en/staff/meetings/{meeting.pk}/attachments/{photo.pk}/"
        _assert_safe(staff_client.get(base), "image/png", 'inline; filename="photo.png"')
        _assert_safe(staff_client.get(f"{base}thumbnail/"), "image/jpeg", 'inline; filename="photo.jpg"')
        public = f"/en/meetings/{meeting.pk}/photos/{photo.pk}/"
        _assert_safe(client.get(public), "image/png", 'inline; filename="photo.png"')
        _assert_safe(client.get(f"{public}thumbnail/"), "image/jpeg", 'inline; filename="photo.jpg"')

    def test_the_signed_scan(self, client, astana):
        memorandum = make_memorandum(astana, Memorandum.Status.SIGNED)
        assert memorandum.signed_scan.name.endswith(".pdf")
        _assert_safe(
            client.get(f"/en/memoranda/{memorandum.pk}/scan/"),
            "application/pdf",
            f'inline; filename="memorandum-{memorandum.pk}-signed.pdf"',
        )

    def test_only_images_and_pdfs_open_inline(self, db, tour):
        meeting = factories.MeetingFactory(tour=tour)
        attachment = MeetingAttachment(meeting=meeting, kind="document")
        attachment.file.save("notes.txt", ContentFile(b"plain text"), save=True)
        assert re.search(r"/notes(_\w{7})?\.bin$", attachment.file.name)
        response = file_response(attachment.file, inline=True)
        _assert_safe(response, "application/octet-stream", 'attachment; filename="notes.bin"')
        response.close()

    def test_a_file_gone_from_storage_is_a_404(self, client, tour):
        meeting = factories.MeetingFactory(tour=tour)
        photo = MeetingAttachment(meeting=meeting, kind="photo", is_public=True)
        photo.file.name = "meetings/none/missing.png"
        photo.save()
        assert client.get(f"/en/meetings/{meeting.pk}/photos/{photo.pk}/").status_code == 404

    def test_no_url_serves_the_media_folder(self, client, tour):
        meeting = factories.MeetingFactory(tour=tour)
        attachment = MeetingAttachment(meeting=meeting, kind="document", is_public=False)
        attachment.file.save("private.pdf", ContentFile(b"%PDF-1.4 private"), save=True)
        assert client.get(f"/media/{attachment.file.name}").status_code == 404


def png_header_only(width: int, height: int) -> bytes:
    """A PNG announcing width x height pixels: a decompression bomb needs no more to be refused."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    )


@pytest.mark.django_db
class TestImageBombs:
    @pytest.mark.parametrize("width, height", [(20000, 20000), (13000, 13000), (8000, 7000)])
    def test_an_image_over_50_megapixels_is_refused_with_a_message(self, staff_client, tour, width, height):
        meeting = factories.MeetingFactory(tour=tour)
        response = staff_client.post(
            f"/en/staff/meetings/{meeting.pk}/attachments/",
            {"file": SimpleUploadedFile("bomb.png", png_header_only(width, height)), "caption": ""},
        )
        assert response.status_code == 400
        assert "The image is too large: at most 50 megapixels." in response.content.decode()
        assert not MeetingAttachment.objects.exists()

    def test_evidence_bombs_are_refused_too(self, astana, official_astana):
        commitment = make_memorandum(astana, Memorandum.Status.SIGNED).commitments.get(party="akimat")
        response = client_for(official_astana).post(
            f"/en/akimat/commitments/{commitment.pk}/",
            {"status": "done", "note": "x", "evidence": SimpleUploadedFile("b.png", png_header_only(20000, 20000))},
        )
        assert response.status_code in (200, 400)
        assert "The image is too large" in response.content.decode()
        assert not CommitmentProgress.objects.exists()

    def test_a_large_photo_under_the_limit_gets_a_small_thumbnail(self, staff_client, tour):
        meeting = factories.MeetingFactory(tour=tour)
        response = staff_client.post(
            f"/en/staff/meetings/{meeting.pk}/attachments/",
            {"file": SimpleUploadedFile("wide.png", _png((4000, 3000))), "caption": ""},
        )
        assert response.status_code == 302
        with Image.open(MeetingAttachment.objects.get().thumbnail.open("rb")) as thumbnail:
            assert thumbnail.size == (320, 240)

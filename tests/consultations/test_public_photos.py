import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from consultations.models import MeetingAttachment
from tests import factories


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (11, 83, 148)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def meeting(db, tour):
    return factories.MeetingFactory(tour=tour)


def _attach(meeting, **fields):
    defaults = {"kind": MeetingAttachment.Kind.PHOTO, "is_public": True, "content_type": "image/jpeg"}
    return MeetingAttachment.objects.create(
        meeting=meeting, file=SimpleUploadedFile("кездесу.jpg", _jpeg()), **(defaults | fields)
    )


@pytest.mark.django_db
class TestMeetingPhoto:
    def test_it_serves_a_public_photo_and_links_it_from_the_meeting_page(self, client, meeting):
        photo = _attach(meeting, caption="Әкімдіктегі кездесу")
        page = client.get(f"/en/meetings/{meeting.pk}/").content.decode()
        url = f"/en/meetings/{meeting.pk}/photos/{photo.pk}/"
        assert url in page
        assert f"{url}thumbnail/" in page  # no thumbnail stored: the view falls back to the photo
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert b"".join(response.streaming_content) == photo.file.open("rb").read()
        assert client.get(f"{url}thumbnail/").status_code == 200

    def test_a_private_photo_is_a_404(self, client, meeting):
        photo = _attach(meeting, is_public=False)
        assert client.get(f"/en/meetings/{meeting.pk}/photos/{photo.pk}/").status_code == 404

    def test_a_scanned_document_is_never_served_publicly(self, client, meeting):
        scan = _attach(meeting, kind=MeetingAttachment.Kind.DOCUMENT)
        assert client.get(f"/en/meetings/{meeting.pk}/photos/{scan.pk}/").status_code == 404

    def test_a_photo_of_another_meeting_is_a_404(self, client, meeting, tour):
        other = factories.MeetingFactory(tour=tour)
        photo = _attach(other)
        assert client.get(f"/en/meetings/{meeting.pk}/photos/{photo.pk}/").status_code == 404

"""Permission matrix: every persona against every staff URL of the meetings area."""

import pytest
from django.urls import reverse

from consultations.models import MinutesPdf
from consultations.services.meetings import attachment_add
from tests import factories
from tests.consultations.staff_data import png_bytes, upload

PERSONAS = ["anonymous", "public_user", "staff_user", "official_astana", "admin_user"]
ALLOWED = {"anonymous": False, "public_user": False, "staff_user": True, "official_astana": False, "admin_user": True}


@pytest.fixture
def objects(db, tour, astana, staff_user):
    meeting = factories.MeetingFactory(tour=tour, region=astana)
    attachment = attachment_add(meeting=meeting, uploaded=upload("a.png", png_bytes()), user=staff_user)
    pdf = MinutesPdf.objects.create(meeting=meeting)
    return {"pk": meeting.pk, "attachment_pk": attachment.pk, "pdf_pk": pdf.pk}


# (URL name, which kwargs it takes) for pages read with GET.
GET_URLS = [
    ("consultations:staff_dashboard", ()),
    ("consultations:staff_meeting_list", ()),
    ("consultations:staff_meeting_create", ()),
    ("consultations:staff_meeting_calendar", ()),
    ("consultations:staff_meeting_detail", ("pk",)),
    ("consultations:staff_meeting_edit", ("pk",)),
    ("consultations:staff_meeting_print", ("pk",)),
    ("consultations:staff_attachment_file", ("pk", "attachment_pk")),
    ("consultations:staff_attachment_thumbnail", ("pk", "attachment_pk")),
    ("consultations:staff_meeting_pdf_status", ("pk", "pdf_pk")),
    ("proposals:quick_entry", ("meeting_pk",)),
]
# Views that change data: POST only.
POST_URLS = [
    ("consultations:staff_meeting_status", ("pk",)),
    ("consultations:staff_attachment_upload", ("pk",)),
    ("consultations:staff_attachment_delete", ("pk", "attachment_pk")),
    ("consultations:staff_meeting_pdf", ("pk",)),
]


def _url(name, keys, objects):
    kwargs = {k: objects["pk" if k == "meeting_pk" else k] for k in keys}
    return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
class TestStaffUrlMatrix:
    @pytest.mark.parametrize("persona", PERSONAS)
    @pytest.mark.parametrize("name,keys", GET_URLS)
    def test_it_lets_only_staff_and_admins_read(self, persona_client, objects, persona, name, keys):
        _, client = persona_client(persona)
        url = _url(name, keys, objects)
        response = client.get(url)
        if persona == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login"))
        elif ALLOWED[persona]:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, url

    @pytest.mark.parametrize("persona", [p for p in PERSONAS if not ALLOWED[p]])
    @pytest.mark.parametrize("name,keys", POST_URLS)
    def test_it_refuses_writes_to_everyone_but_staff(self, persona_client, objects, persona, name, keys):
        # What allowed writes do is tested per view in test_staff_meetings.py.
        _, client = persona_client(persona)
        response = client.post(_url(name, keys, objects), {"status": "minutes_published", "version": "1"})
        assert response.status_code == (302 if persona == "anonymous" else 403)
        if persona == "anonymous":
            assert response["Location"].startswith(reverse("login"))

    @pytest.mark.parametrize("name,keys", POST_URLS)
    def test_its_write_views_refuse_get(self, staff_client, objects, name, keys):
        assert staff_client.get(_url(name, keys, objects)).status_code == 405

    def test_it_refuses_an_inactive_staff_member(self, client, objects):
        user = factories.StaffFactory(username="former", is_active=False)
        client.force_login(user)
        response = client.get(reverse("consultations:staff_dashboard"))
        assert response.status_code == 302  # an inactive user is signed out: to the login page
        assert response["Location"].startswith(reverse("login"))

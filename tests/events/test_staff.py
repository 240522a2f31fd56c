"""Staff: registrants, export, attendance into the minutes' participation, press coverage."""

import csv
import io

import pytest
from django.utils import timezone

from consultations.models import Participation
from events.models import PressCoverage, Registration
from tests.events.conftest import online_conference


def registered(meeting, name, email, *, group="", organisation="", status=Registration.Status.CONFIRMED):
    return Registration.objects.create(
        meeting=meeting,
        name=name,
        email=email,
        group=group,
        organisation=organisation,
        status=status,
        consent_version="v1",
        consent_text="…",
        consented_at=timezone.now(),
    )


@pytest.fixture
def conference(event_tour):
    return online_conference(event_tour, capacity=10)


@pytest.mark.django_db
class TestAccess:
    @pytest.mark.parametrize("suffix", ["registrations/", "registrations.csv", "registrations.xlsx"])
    def test_only_staff_see_registrants(self, client, official_client, staff_client, conference, suffix):
        url = f"/en/staff/events/{conference.pk}/{suffix}"
        assert client.get(url).status_code == 302  # to the login page
        assert official_client.get(url).status_code == 403
        assert staff_client.get(url).status_code == 200

    @pytest.mark.parametrize("suffix", ["attendance/", "attendance/participation/", "press/"])
    def test_changes_are_post_only_and_staff_only(self, official_client, staff_client, conference, suffix):
        url = f"/en/staff/events/{conference.pk}/{suffix}"
        assert official_client.post(url).status_code == 403
        assert staff_client.get(url).status_code == 405


@pytest.mark.django_db
class TestRegistrants:
    def test_the_list_shows_everyone_with_their_status(self, staff_client, conference):
        registered(conference, "Әсел Нұрланқызы", "asel@example.kz", group="ngos")
        registered(conference, "Иван Петров", "ivan@example.kz", status=Registration.Status.WAITING)
        html = staff_client.get(f"/en/staff/events/{conference.pk}/registrations/").content.decode()
        assert "Әсел Нұрланқызы" in html and "asel@example.kz" in html
        assert "Confirmed: 1. Waiting list: 1. Cancelled: 0. Attended: 0." in html

    def test_the_export_is_formula_safe(self, staff_client, conference):
        registered(conference, '=HYPERLINK("http://x")', "a@example.kz", organisation="+ҮЕҰ")
        response = staff_client.get(f"/en/staff/events/{conference.pk}/registrations.csv")
        assert response["Content-Disposition"] == f'attachment; filename="registrations-event-{conference.pk}.csv"'
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0][:6] == ["registered_at", "status", "name", "organisation", "group", "email"]
        assert rows[1][2] == '\'=HYPERLINK("http://x")'
        assert rows[1][3] == "'+ҮЕҰ"

    def test_the_xlsx_export_opens(self, staff_client, conference):
        from openpyxl import load_workbook

        registered(conference, "Әсел", "asel@example.kz")
        response = staff_client.get(f"/en/staff/events/{conference.pk}/registrations.xlsx")
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.cell(row=2, column=3).value == "Әсел"

    def test_an_unknown_format_is_a_404(self, staff_client, conference):
        assert staff_client.get(f"/en/staff/events/{conference.pk}/registrations.exe").status_code == 404


@pytest.mark.django_db
class TestAttendance:
    def test_marking_attendance_and_counting_it_in_the_minutes(self, staff_client, conference):
        a = registered(conference, "Әсел", "a@example.kz", group="ngos", organisation="«Үміт» ҚБ")
        b = registered(conference, "Болат", "b@example.kz", group="ngos", organisation="«Жарық» ҚҚ")
        c = registered(conference, "Сәуле", "c@example.kz")  # no group: a citizen
        registered(conference, "Дәулет", "d@example.kz", group="ngos")  # did not come
        Participation.objects.create(meeting=conference, group="ngos", count=1, organisations="«Үміт» ҚБ")
        Participation.objects.create(meeting=conference, group="media", count=4)
        version = conference.version

        response = staff_client.post(
            f"/en/staff/events/{conference.pk}/attendance/", {"attended": [a.pk, b.pk, c.pk, "junk"]}
        )
        assert response.status_code == 302
        assert set(Registration.objects.filter(attended=True).values_list("pk", flat=True)) == {a.pk, b.pk, c.pk}

        staff_client.post(f"/en/staff/events/{conference.pk}/attendance/participation/")
        rows = {p.group: (p.count, p.organisations) for p in conference.participations.all()}
        assert rows == {
            "ngos": (2, "«Үміт» ҚБ\n«Жарық» ҚҚ"),
            "citizens": (1, ""),
            "media": (4, ""),
        }
        conference.refresh_from_db()
        assert conference.version == version + 1  # a minutes form opened before is now refused
        assert conference.history.first().history_change_reason == "Participation updated from attendance"

        # Unticking someone and saving again never lowers a count staff may have typed by hand.
        staff_client.post(f"/en/staff/events/{conference.pk}/attendance/", {"attended": [a.pk]})
        staff_client.post(f"/en/staff/events/{conference.pk}/attendance/participation/")
        assert conference.participations.get(group="ngos").count == 2


@pytest.mark.django_db
class TestPressCoverage:
    def test_staff_link_a_report_and_the_public_page_shows_it(self, client, staff_client, conference):
        response = staff_client.post(
            f"/en/staff/events/{conference.pk}/press/",
            {
                "title": "Елорда әкімдігінде кездесу өтті",
                "outlet": "El.kz",
                "published_on": "2026-09-01",
                "url": "https://el.kz/news/astana-kezdesu",
            },
        )
        assert response.status_code == 302
        html = client.get(f"/kk/meetings/{conference.pk}/").content.decode()
        assert 'href="https://el.kz/news/astana-kezdesu"' in html
        assert "Елорда әкімдігінде кездесу өтті" in html and "El.kz" in html

    def test_only_https_links(self, staff_client, conference):
        response = staff_client.post(
            f"/en/staff/events/{conference.pk}/press/",
            {"title": "x", "outlet": "y", "published_on": "2026-09-01", "url": "http://el.kz/x"},
        )
        assert response.status_code == 400
        assert not PressCoverage.objects.exists()

    def test_removing_a_report(self, staff_client, conference):
        item = PressCoverage.objects.create(
            meeting=conference, title="x", outlet="y", published_on="2026-09-01", url="https://el.kz/x"
        )
        staff_client.post(f"/en/staff/events/{conference.pk}/press/{item.pk}/delete/")
        assert not PressCoverage.objects.exists()

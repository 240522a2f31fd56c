"""Views of proposals/quick_entry.py: typing many proposals voiced at a meeting in one sitting."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from proposals.models import Proposal, ProposalStatusChange
from tests import factories

PROPOSALS = [
    ("Инклюзивті мектептер санын кеңейту", "education", "Әлия Сәрсенова", "«Үміт» ҚБ"),
    ("Перинаталды орталықтарды жабдықтау", "healthcare", "", "Ана мен бала орталығы"),
    ("Оңалту орталықтарын жабдықтау", "rehabilitation", "Ерлан Қасымов", ""),
    ("Манас көшесіндегі онкологиялық орталықты жабдықтау", "healthcare", "", ""),
    ("Мүмкіндігі шектеулі балаларға спорт үйірмелері", "sport", "Гүлнұр Әбілқызы", "«Тұсау кесер»"),
    ("Шала туған нәрестелерге офтальмологиялық скрининг", "healthcare", "", ""),
    ("Білім гранттарын көбейту", "education", "", "ЕҰУ"),
    ("Экзоскелеттермен қамтамасыз ету", "rehabilitation", "", ""),
    ("Бионикалық протездер", "rehabilitation", "", ""),
    ("Ерікті жастарға қолдау", "social_support", "", ""),
]


def post_data(rows, total=10):
    data = {
        "proposal-TOTAL_FORMS": str(total),
        "proposal-INITIAL_FORMS": "0",
        "proposal-MIN_NUM_FORMS": "0",
        "proposal-MAX_NUM_FORMS": "1000",
    }
    for i, (text, direction, name, org) in enumerate(rows):
        data |= {
            f"proposal-{i}-text": text,
            f"proposal-{i}-direction": direction,
            f"proposal-{i}-author_name": name,
            f"proposal-{i}-author_organisation": org,
        }
    return data


@pytest.fixture
def meeting(tour, astana):
    return factories.MeetingFactory(tour=tour, region=astana)


@pytest.mark.django_db
class TestQuickEntry:
    def url(self, meeting):
        return f"/en/proposals/staff/meetings/{meeting.pk}/"

    def test_it_offers_ten_empty_rows(self, staff_client, meeting):
        html = staff_client.get(self.url(meeting)).content.decode()
        assert html.count('data-testid="proposal-row"') == 10 + 1  # ten rows and the <template> for more
        assert 'id="id_proposal-9-text"' in html

    def test_it_saves_ten_proposals_in_one_go_with_the_meetings_tour_region_and_channel(
        self, staff_client, staff_user, meeting
    ):
        response = staff_client.post(self.url(meeting), post_data(PROPOSALS))
        assert response.status_code == 302
        assert response["Location"] == self.url(meeting)
        proposals = list(meeting.proposals.order_by("id"))
        assert [p.text for p in proposals] == [row[0] for row in PROPOSALS]
        first = proposals[0]
        assert (first.tour, first.region, first.meeting) == (meeting.tour, meeting.region, meeting)
        assert first.channel == Proposal.Channel.MEETING
        assert first.created_by == staff_user
        assert (first.author_name, first.author_organisation) == ("Әлия Сәрсенова", "«Үміт» ҚБ")
        assert first.public_author_name == ""  # published only with consent
        assert ProposalStatusChange.objects.filter(proposal__meeting=meeting, to_status="received").count() == 10
        page = staff_client.get(self.url(meeting)).content.decode()
        assert "10 proposals saved." in page
        assert 'data-testid="saved-count">10<' in page

    def test_at_an_online_conference_the_channel_is_online_conference(self, staff_client, tour, astana):
        # Bug 4: quick entry stored "meeting" whatever the kind; statistics undercounted conferences.
        conference = factories.MeetingFactory(
            tour=tour, region=astana, kind="online_conference", online_url="https://zoom.example/j/1"
        )
        response = staff_client.post(self.url(conference), post_data(PROPOSALS[:2], total=2))
        assert response.status_code == 302
        assert list(conference.proposals.values_list("channel", flat=True)) == ["online_conference"] * 2

    def test_the_import_takes_the_channel_from_the_chosen_meeting(self, tour, astana):
        from proposals.forms import ImportForm

        conference = factories.MeetingFactory(tour=tour, region=astana, kind="online_conference")
        upload = SimpleUploadedFile("p.csv", "text,region\nМектеп салу керек,KZ-71\n".encode())
        form = ImportForm({"tour": tour.pk, "channel": "meeting", "meeting": conference.pk}, {"file": upload})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["channel"] == "online_conference"

    def test_it_accepts_more_rows_than_offered(self, staff_client, meeting):
        rows = [(f"Ұсыныс №{i}", "other", "", "") for i in range(25)]
        assert staff_client.post(self.url(meeting), post_data(rows, total=25)).status_code == 302
        assert meeting.proposals.count() == 25

    def test_it_ignores_empty_rows_and_refuses_a_row_without_direction_keeping_everything(self, staff_client, meeting):
        rows = [PROPOSALS[0], ("Бағыты жоқ ұсыныс", "", "Аты", "")]
        response = staff_client.post(self.url(meeting), post_data(rows))
        html = response.content.decode()
        assert response.status_code == 400
        assert 'href="#id_proposal-1-direction"' in html
        assert "Бағыты жоқ ұсыныс" in html and PROPOSALS[0][0] in html
        assert not meeting.proposals.exists()  # all or nothing

    def test_it_asks_for_at_least_one_proposal(self, staff_client, meeting):
        response = staff_client.post(self.url(meeting), post_data([]))
        assert response.status_code == 400
        assert "Type at least one proposal." in response.content.decode()

    def test_it_publishes_the_name_only_when_ticked(self, staff_client, meeting):
        data = post_data([PROPOSALS[0]])
        data["proposal-0-publish_name"] = "on"
        staff_client.post(self.url(meeting), data)
        assert meeting.proposals.get().public_author_name == "Әлия Сәрсенова"

    def test_its_query_count_does_not_grow_with_proposals(self, staff_client, meeting, django_assert_max_num_queries):
        factories.ProposalFactory.create_batch(40, tour=meeting.tour, meeting=meeting)
        with django_assert_max_num_queries(8):
            staff_client.get(self.url(meeting))

    def test_it_is_404_for_a_missing_meeting(self, staff_client):
        assert staff_client.get("/en/proposals/staff/meetings/999999/").status_code == 404

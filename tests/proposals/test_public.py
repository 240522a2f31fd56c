"""Public tracker, proposal page and open data."""

import pytest

from proposals import services
from tests import factories
from tests.proposals.conftest import make_proposal


@pytest.mark.django_db
class TestProposalList:
    def test_it_filters_and_searches_russian_text_in_any_case(self, client, tour, astana, almaty):
        make_proposal(tour=tour, region=astana, text="ОСНАСТИТЬ перинатальный Центр")
        make_proposal(tour=tour, region=almaty, text="Построить стадион")
        page = client.get("/en/proposals/", {"q": "центр оснастить"}).content.decode()
        assert "ОСНАСТИТЬ перинатальный Центр" in page and "Построить стадион" not in page
        page = client.get("/en/proposals/", {"region": almaty.pk}).content.decode()
        assert "Построить стадион" in page and "ОСНАСТИТЬ" not in page

    def test_it_hides_non_public_proposals(self, client, tour):
        make_proposal(tour=tour, text="Спам хабарлама", is_public=False)
        assert "Спам хабарлама" not in client.get("/en/proposals/").content.decode()

    def test_it_paginates_with_few_queries(self, client, tour, django_assert_max_num_queries):
        for i in range(30):
            make_proposal(tour=tour, text=f"Ұсыныс нөмірі {i}")
        with django_assert_max_num_queries(6):
            response = client.get("/en/proposals/")
        assert len(response.context["page_obj"]) == 25
        assert client.get("/en/proposals/", {"page": 2}).status_code == 200


@pytest.mark.django_db
class TestProposalDetail:
    def test_it_shows_the_answer_in_the_current_language_with_fallback(self, client, tour, staff_user):
        proposal = make_proposal(tour=tour)
        services.proposal_answer(
            proposal=proposal, status="accepted", answers={"kk": "Қабылданды", "ru": "Принято"}, answered_by=staff_user
        )
        assert "Принято" in client.get(f"/ru/proposals/{proposal.code}/").content.decode()
        assert "Қабылданды" in client.get(f"/en/proposals/{proposal.code}/").content.decode()

    def test_it_shows_the_name_only_with_consent(self, client, tour):
        hidden = make_proposal(tour=tour, author_name="Жасырын Адам", publish_name=False)
        shown = make_proposal(tour=tour, author_name="Ашық Адам", publish_name=True)
        assert "Жасырын Адам" not in client.get(f"/en/proposals/{hidden.code}/").content.decode()
        assert "Ашық Адам" in client.get(f"/en/proposals/{shown.code}/").content.decode()

    def test_it_shows_the_status_history_and_the_program(self, client, tour, staff_user):
        proposal = make_proposal(tour=tour)
        program = factories.ProgramFactory(title_en="Exoskeletons")
        services.proposal_answer(
            proposal=proposal, status="accepted", answers={"en": "Yes"}, program=program, answered_by=staff_user
        )
        page = client.get(f"/en/proposals/{proposal.code}/").content.decode()
        assert "Exoskeletons" in page and "Received" in page and "Accepted" in page


@pytest.mark.django_db
class TestOpenData:
    def test_it_never_contains_contacts_or_names_without_consent(self, client, tour):
        make_proposal(
            tour=tour,
            author_name="Жасырын",
            author_organisation="Құпия ҰЙЫМ",
            contact_email="secret@example.kz",
            contact_phone="+77001112233",
            publish_name=False,
        )
        make_proposal(tour=tour, author_name="Ашық Есім", publish_name=True, contact_email="open@example.kz")
        body = b"".join(client.get("/en/proposals/open-data.csv").streaming_content).decode()
        assert "Жасырын" not in body and "Құпия" not in body
        assert "example.kz" not in body and "+7700" not in body
        assert "Ашық Есім" in body

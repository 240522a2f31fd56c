"""The public list of regions and each region's page."""

import datetime

import pytest
from django.utils.translation import override

from consultations.models import Commitment, Meeting, Memorandum
from proposals.models import Proposal
from tests import factories


def en_url(obj) -> str:
    with override("en"):
        return obj.get_absolute_url()


@pytest.mark.django_db
class TestRegionList:
    def test_it_lists_the_20_regions_with_their_progress(self, client, tour):
        factories.MeetingFactory.create_batch(2, tour=tour, region=factories.region("KZ-75"), status="held")
        html = client.get("/en/regions/").content.decode()
        region_list = html[html.index('data-testid="region-list"') : html.index("</ul>", html.index("region-list"))]
        assert region_list.count("<li ") == 20
        assert "Almaty</a>" in region_list
        assert "2 meetings held" in region_list

    def test_it_shows_the_map_too(self, client, tour):
        html = client.get("/en/regions/").content.decode()
        assert 'data-testid="tile-map"' in html

    def test_it_names_regions_in_the_page_language(self, client, tour):
        assert "Түркістан облысы" in client.get("/kk/regions/").content.decode()
        assert "Туркестанская область" in client.get("/ru/regions/").content.decode()


@pytest.mark.django_db
class TestRegionDetail:
    def test_it_lists_the_regions_meetings_with_status(self, client, tour, astana):
        factories.MeetingFactory(tour=tour, region=astana, title="Кездесу Астанада", status="minutes_published")
        factories.MeetingFactory(tour=tour, region=astana, title="Жоспарланған кездесу", status="planned")
        factories.MeetingFactory(tour=tour, region=factories.region("KZ-75"), title="Алматыдағы кездесу")
        html = client.get(en_url(astana)).content.decode()
        assert "Кездесу Астанада" in html
        assert "Minutes published" in html
        assert "Жоспарланған кездесу" in html and "Planned" in html
        assert "Алматыдағы кездесу" not in html

    def test_it_shows_the_signed_memorandum_and_commitment_progress(self, client, tour, astana):
        memorandum = factories.MemorandumFactory(
            region=astana, tour=tour, status=Memorandum.Status.SIGNED, signed_on=datetime.date(2026, 7, 1)
        )
        factories.CommitmentFactory(memorandum=memorandum, status=Commitment.Status.DONE)
        factories.CommitmentFactory(memorandum=memorandum, status=Commitment.Status.IN_PROGRESS)
        factories.CommitmentFactory(
            memorandum=memorandum, status=Commitment.Status.NOT_STARTED, due_on=datetime.date(2020, 1, 1)
        )
        factories.MemorandumFactory(region=astana, tour=tour, title="Жоба: әлі қол қойылмаған")
        html = client.get("/en/regions/astana/").content.decode()
        assert en_url(memorandum) in html
        assert "Commitments done: 1 of 3" in html
        assert "in progress: 1" in html
        assert "overdue: 1" in html
        assert "әлі қол қойылмаған" not in html

    def test_it_says_when_no_memorandum_is_signed(self, client, astana):
        html = client.get("/en/regions/astana/").content.decode()
        assert "No memorandum has been signed" in html

    def test_it_lists_the_programs_in_the_region(self, client, astana):
        program = factories.ProgramFactory(title_en="Sport clubs for children with disabilities")
        astana.programs.add(program)
        html = client.get("/en/regions/astana/").content.decode()
        assert "Sport clubs for children with disabilities" in html

    def test_it_lists_public_proposals_with_names_only_by_consent(self, client, tour, astana):
        factories.ProposalFactory(tour=tour, region=astana, text="Инклюзивті мектеп ашу", publish_name=True)
        factories.ProposalFactory(
            tour=tour, region=astana, text="Онкология орталығы", author_name="Жасырын Адам", publish_name=False
        )
        factories.ProposalFactory(tour=tour, region=astana, text="Спам мәтіні", is_public=False)
        html = client.get("/en/regions/astana/").content.decode()
        assert "Инклюзивті мектеп ашу" in html
        assert "Әлия Сәрсенова" in html
        assert "Онкология орталығы" in html
        assert "Жасырын Адам" not in html
        assert "Спам мәтіні" not in html
        proposal = Proposal.objects.get(text="Инклюзивті мектеп ашу")
        assert en_url(proposal) in html

    def test_it_links_to_the_tracker_for_the_region(self, client, tour, astana):
        factories.ProposalFactory(tour=tour, region=astana)
        html = client.get("/en/regions/astana/").content.decode()
        assert f'href="/en/proposals/?region={astana.pk}"' in html

    def test_an_unknown_region_is_404(self, client, db):
        assert client.get("/en/regions/atlantis/").status_code == 404

    def test_it_hides_cancelled_summaries(self, client, tour, astana):
        factories.MeetingFactory(tour=tour, region=astana, status=Meeting.Status.CANCELLED, summary="Жасырын түйіндеме")
        html = client.get("/en/regions/astana/").content.decode()
        assert "Cancelled" in html
        assert "Жасырын түйіндеме" not in html

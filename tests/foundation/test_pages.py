import pytest

from consultations.models import Meeting
from proposals.models import Proposal
from tests import factories


@pytest.mark.django_db
class TestHomePage:
    def test_it_redirects_the_root_to_kazakh(self, client):
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"] == "/kk/"

    @pytest.mark.parametrize("lang", ["kk", "ru", "en"])
    def test_it_shows_live_counts_in_every_language(self, client, tour, lang):
        factories.MeetingFactory(tour=tour, region=factories.region("KZ-71"), status=Meeting.Status.HELD)
        factories.MeetingFactory(tour=tour, region=factories.region("KZ-75"), status=Meeting.Status.MINUTES_PUBLISHED)
        factories.MeetingFactory(tour=tour, region=factories.region("KZ-79"), status=Meeting.Status.PLANNED)
        factories.ProposalFactory.create_batch(3, tour=tour)
        factories.ProposalFactory(tour=tour, status=Proposal.Status.ACCEPTED, answer_kk="Қабылданды")
        response = client.get(f"/{lang}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html
        assert 'data-testid="regions-visited">2 / 20<' in html
        assert 'data-testid="meetings-held">2<' in html
        assert 'data-testid="proposals-received">4<' in html
        assert 'data-testid="proposals-answered">1<' in html

    def test_it_sends_a_content_security_policy_without_inline_script(self, client):
        response = client.get("/kk/")
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "<script>" not in response.content.decode()

    @pytest.mark.parametrize("url", ["/kk/", "/healthz", "/en/accounts/login/", "/robots.txt"])
    def test_it_switches_off_browser_features_no_page_uses(self, client, url):
        policy = client.get(url)["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in policy.split(", ")

    def test_it_links_the_three_languages(self, client):
        html = client.get("/ru/").content.decode()
        for lang in ("kk", "ru", "en"):
            assert f'hreflang="{lang}"' in html

    def test_its_query_count_does_not_grow_with_data(self, client, tour, django_assert_max_num_queries):
        for code in ("KZ-71", "KZ-75", "KZ-79", "KZ-10", "KZ-11", "KZ-15"):
            factories.MeetingFactory.create_batch(3, tour=tour, region=factories.region(code))
        factories.ProposalFactory.create_batch(30, tour=tour)
        with django_assert_max_num_queries(9):
            client.get("/kk/")

"""Site-wide public features: the page cache and its invalidation, the sitemap, robots.txt,
the accessibility statement."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from consultations.models import Meeting
from tests import factories


@pytest.fixture
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def meetings_held(client, url="/en/") -> str:
    response = client.get(url)
    return re.search(r'data-testid="meetings-held">(\d+)<', response.content.decode()).group(1), response


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache")
class TestPublicPageCache:
    def test_it_serves_anonymous_visitors_from_the_cache_without_queries(self, client, tour, django_assert_num_queries):
        assert client.get("/en/")["X-Public-Cache"] == "miss"
        with django_assert_num_queries(0):
            response = client.get("/en/")
        assert response["X-Public-Cache"] == "hit"
        assert "Content-Security-Policy" in response

    def test_it_keeps_one_copy_per_language(self, client, tour):
        client.get("/en/")
        response = client.get("/ru/")
        assert response["X-Public-Cache"] == "miss"
        assert '<html lang="ru">' in response.content.decode()

    @pytest.mark.parametrize("change", ["meeting", "proposal", "program", "commitment", "region_programs"])
    def test_a_change_to_public_content_invalidates_it(self, client, tour, change):
        meeting = factories.MeetingFactory(tour=tour, status=Meeting.Status.HELD)
        program = factories.ProgramFactory()
        assert meetings_held(client)[0] == "1"
        assert client.get("/en/")["X-Public-Cache"] == "hit"
        if change == "meeting":
            meeting.status = Meeting.Status.PLANNED
            meeting.save()
        elif change == "proposal":
            factories.ProposalFactory(tour=tour)
        elif change == "program":
            program.beneficiaries = 5
            program.save()
        elif change == "commitment":
            factories.CommitmentFactory()
        else:
            meeting.region.programs.add(program)
        count, response = meetings_held(client)
        assert response["X-Public-Cache"] == "miss"
        if change == "meeting":
            assert count == "0"

    def test_it_never_caches_for_signed_in_users(self, client, tour, staff_user):
        client.get("/en/")
        signed_in = Client()
        signed_in.force_login(staff_user)
        response = signed_in.get("/en/")
        assert "X-Public-Cache" not in response
        assert 'data-testid="current-user">staff<' in response.content.decode()
        # ...and what they saw is not served to the next anonymous visitor.
        assert 'data-testid="current-user"' not in Client().get("/en/").content.decode()

    def test_it_never_caches_a_404(self, client, db):
        client.get("/en/regions/atlantis/")
        assert "X-Public-Cache" not in client.get("/en/regions/atlantis/")

    @pytest.mark.parametrize(
        "url",
        ["/en/regions/", "/en/regions/astana/", "/en/programs/", "/en/proposals/statistics/", "/en/accessibility/"],
    )
    def test_it_caches_every_public_page(self, client, tour, url):
        client.get(url)
        assert client.get(url)["X-Public-Cache"] == "hit"


@pytest.mark.django_db
class TestSitemap:
    def test_it_lists_pages_regions_meetings_programs_and_proposals_in_three_languages(self, client, tour):
        meeting = factories.MeetingFactory(tour=tour)
        program = factories.ProgramFactory(slug="eye-screening")
        proposal = factories.ProposalFactory(tour=tour)
        hidden = factories.ProposalFactory(tour=tour, is_public=False)
        index = client.get("/sitemap.xml").content.decode()
        sections = re.findall(r"<loc>http://testserver(/sitemap-[a-z]+\.xml)</loc>", index)
        assert len(sections) == 6
        text = "".join(client.get(section).content.decode() for section in sections)
        for lang in ("kk", "ru", "en"):
            assert f"http://testserver/{lang}/</loc>" in text
            assert f"http://testserver/{lang}/regions/astana/</loc>" in text
            assert f"http://testserver/{lang}/meetings/{meeting.pk}/</loc>" in text
            assert f"http://testserver/{lang}/programs/{program.slug}/</loc>" in text
            assert f"http://testserver/{lang}/proposals/{proposal.code}/</loc>" in text
            assert f"http://testserver/{lang}/accessibility/</loc>" in text
        assert hidden.code not in text
        assert 'hreflang="x-default"' in text


@pytest.mark.django_db
class TestRobots:
    def test_it_points_to_the_sitemap_and_keeps_crawlers_out_of_staff_pages(self, client):
        response = client.get("/robots.txt")
        assert response["Content-Type"].startswith("text/plain")
        text = response.content.decode()
        assert "Sitemap: http://testserver/sitemap.xml" in text
        for lang in ("kk", "ru", "en"):
            assert f"Disallow: /{lang}/staff/" in text


@pytest.mark.django_db
class TestAccessibilityStatement:
    @pytest.mark.parametrize("lang", ["kk", "ru", "en"])
    def test_it_is_published_in_every_language_and_linked_from_every_page(self, client, lang):
        assert client.get(f"/{lang}/accessibility/").status_code == 200
        assert f'href="/{lang}/accessibility/"' in client.get(f"/{lang}/").content.decode()

    def test_it_names_the_standard(self, client, db):
        assert "WCAG" in client.get("/en/accessibility/").content.decode()

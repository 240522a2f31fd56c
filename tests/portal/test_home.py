"""The public home page (portal/views.py): tour progress, the tile map, latest meetings, featured programs."""

import re

import pytest

from consultations import tilemap
from consultations.models import Meeting, Memorandum, Region
from proposals.models import Proposal
from tests import factories


def tile(html: str, code: str) -> str:
    match = re.search(rf'<a [^>]*data-testid="tile-{code}"[^>]*>', html)
    assert match, f"no tile for {code}"
    return match.group(0)


@pytest.mark.django_db
class TestHome:
    def test_it_draws_one_linked_tile_per_region(self, client, tour):
        html = client.get("/en/").content.decode()
        tiles = re.findall(r'<a href="(/en/regions/[^"]+/)" class="tile ', html)
        assert len(tiles) == 20
        assert len(set(tiles)) == 20
        assert "<svg" in html and 'role="group"' in html

    def test_it_colours_and_names_each_tile_by_progress(self, client, tour):
        astana, almaty, shymkent = factories.region("KZ-71"), factories.region("KZ-75"), factories.region("KZ-79")
        factories.MeetingFactory(tour=tour, region=astana, status=Meeting.Status.MINUTES_PUBLISHED)
        factories.MemorandumFactory(tour=tour, region=astana, status=Memorandum.Status.SIGNED, signed_on="2026-07-01")
        factories.MeetingFactory(tour=tour, region=almaty, status=Meeting.Status.HELD)
        factories.MeetingFactory(tour=tour, region=shymkent, status=Meeting.Status.PLANNED)
        html = client.get("/en/").content.decode()
        assert 'class="tile tile-signed" aria-label="Astana: Memorandum signed"' in tile(html, "KZ-71")
        assert 'class="tile tile-held" aria-label="Almaty: Meeting held"' in tile(html, "KZ-75")
        assert 'class="tile tile-planned" aria-label="Shymkent: Meeting planned"' in tile(html, "KZ-79")
        assert 'class="tile tile-not_visited" aria-label="Abai Region: Not visited yet"' in tile(html, "KZ-10")

    def test_it_ignores_meetings_of_other_tours(self, client, tour):
        factories.MeetingFactory(region=factories.region("KZ-71"), status=Meeting.Status.HELD)  # another tour
        html = client.get("/en/").content.decode()
        assert "tile-not_visited" in tile(html, "KZ-71")

    def test_it_has_a_legend_and_a_list_alternative_to_the_map(self, client, tour):
        factories.MeetingFactory(tour=tour, region=factories.region("KZ-75"), status=Meeting.Status.HELD)
        html = client.get("/en/").content.decode()
        for label in ("Not visited yet", "Meeting planned", "Meeting held", "Memorandum signed"):
            assert label in html
        region_list = html[html.index('data-testid="region-list"') :]
        assert "Almaty</a>" in region_list
        assert "Meeting held, 1 meeting held" in region_list

    def test_it_draws_no_inline_style(self, client, tour):
        html = client.get("/en/").content.decode()
        assert "style=" not in html
        assert "<style" not in html

    def test_it_shows_the_tour_progress_counts(self, client, tour):
        memorandum = factories.MemorandumFactory(tour=tour, status=Memorandum.Status.SIGNED, signed_on="2026-07-01")
        factories.CommitmentFactory(memorandum=memorandum, status="done")
        factories.CommitmentFactory(memorandum=memorandum, status="in_progress")
        html = client.get("/en/").content.decode()
        assert 'data-testid="commitments-done">1 / 2<' in html

    def test_it_counts_no_commitment_of_a_draft_memorandum(self, client, tour):
        # Bug 1: the home said "0 / 2" with only a draft memorandum.
        draft = factories.MemorandumFactory(tour=tour, status=Memorandum.Status.DRAFT)
        factories.CommitmentFactory.create_batch(2, memorandum=draft)
        in_review = factories.MemorandumFactory(tour=tour, status=Memorandum.Status.IN_REVIEW)
        factories.CommitmentFactory(memorandum=in_review, status="done")
        html = client.get("/en/").content.decode()
        assert 'data-testid="commitments-done">0 / 0<' in html

    def test_it_counts_proposals_as_the_statistics_page_does(self, client, tour):
        # Bug 10: home said 354 received, statistics 338 public proposals.
        original = factories.ProposalFactory(tour=tour, status=Proposal.Status.ACCEPTED, answer_kk="Иә")
        factories.ProposalFactory(tour=tour)
        factories.ProposalFactory(tour=tour, status=Proposal.Status.DUPLICATE, duplicate_of=original)
        factories.ProposalFactory(tour=tour, is_public=False)  # hidden by staff
        factories.ProposalFactory(tour=factories.TourFactory(is_current=False))  # another tour
        home = client.get("/en/").content.decode()
        assert 'data-testid="proposals-received">2<' in home
        assert 'data-testid="proposals-answered">1<' in home
        statistics = client.get("/en/proposals/statistics/").content.decode()
        assert 'data-testid="statistics-total">2<' in statistics

    def test_it_lists_held_meetings_only_as_latest(self, client, tour):
        factories.MeetingFactory(tour=tour, title="Held in Kostanay", status=Meeting.Status.HELD)
        factories.MeetingFactory(tour=tour, title="Only planned", status=Meeting.Status.PLANNED)
        html = client.get("/en/").content.decode()
        latest = html[html.index('data-testid="latest-meetings"') :]
        assert "Held in Kostanay" in latest
        assert "Only planned" not in latest

    def test_it_features_featured_programs(self, client, tour):
        factories.ProgramFactory(title_en="Eye screening for premature babies", featured=True)
        factories.ProgramFactory(title_en="Not on the front page", featured=False)
        html = client.get("/en/").content.decode()
        assert "Eye screening for premature babies" in html
        assert "Not on the front page" not in html

    def test_it_works_before_any_tour_exists(self, client, db):
        response = client.get("/en/")
        assert response.status_code == 200
        assert 'data-testid="regions-visited">0 / 20<' in response.content.decode()

    @pytest.mark.parametrize("lang", ["kk", "ru", "en"])
    def test_it_has_a_title_description_and_hreflang_links(self, client, tour, lang):
        html = client.get(f"/{lang}/").content.decode()
        assert re.search(r"<title>[^<]+</title>", html)
        assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
        for code in ("kk", "ru", "en", "x-default"):
            assert f'hreflang="{code}"' in html


class TestTileLabels:
    @pytest.mark.parametrize(
        "name, lines",
        [
            ("Astana", ("Astana",)),
            ("Северо-Казахстанская область", ("Северо-", "Казахстанская ", "область")),
            ("Солтүстік Қазақстан облысы", ("Солтүстік ", "Қазақстан ", "облысы")),
            ("область Абай", ("область Абай",)),
        ],
    )
    def test_it_wraps_names_without_cutting_them(self, name, lines):
        assert tilemap.label_lines(name) == lines

    @pytest.mark.django_db
    def test_every_region_name_fits_its_tile_whole(self):
        for region in Region.objects.all():
            for lang in ("kk", "ru", "en"):
                name = getattr(region, f"name_{lang}")
                lines = tilemap.label_lines(name)
                assert "".join(lines) == name
                assert len(lines) <= 3
                assert max(len(line.strip()) for line in lines) <= tilemap.LINE_CHARS

"""The public statistics page: charts as server-made SVG, each with a data table."""

import datetime
import re

import pytest
from django.utils import timezone

from consultations.models import Meeting
from programs.models import Direction
from proposals.models import Proposal
from tests import factories


def table_row(html: str, chart: str, label: str) -> str:
    section = html[html.index(f'data-testid="chart-{chart}"') :]
    section = section[: section.index("</table>")]
    match = re.search(
        rf'<th scope="row" class="fw-normal">{re.escape(label)}</th><td class="text-end">(\d+)</td>', section
    )
    assert match, f"no row {label!r} in chart {chart}"
    return match.group(1)


@pytest.mark.django_db
class TestStatistics:
    def test_it_counts_proposals_by_direction_and_region(self, client, tour):
        factories.ProposalFactory.create_batch(
            3, tour=tour, direction=Direction.EDUCATION, region=factories.region("KZ-71")
        )
        factories.ProposalFactory(tour=tour, direction=Direction.SPORT, region=factories.region("KZ-75"))
        factories.ProposalFactory(tour=tour, direction=Direction.SPORT, is_public=False)
        html = client.get("/en/proposals/statistics/").content.decode()
        assert table_row(html, "direction", "Education") == "3"
        assert table_row(html, "direction", "Sport") == "1"
        assert table_row(html, "direction", "Culture") == "0"
        assert table_row(html, "region", "Astana") == "3"
        assert table_row(html, "region", "Almaty") == "1"

    def test_it_draws_the_status_funnel(self, client, tour):
        for status in ("received", "under_review", "accepted", "partly_accepted", "declined", "already_done"):
            factories.ProposalFactory(tour=tour, status=status, answer_en="Answer")
        original = Proposal.objects.first()
        factories.ProposalFactory(tour=tour, status="duplicate", duplicate_of=original)
        html = client.get("/en/proposals/statistics/").content.decode()
        assert table_row(html, "funnel", "Received") == "6"
        assert table_row(html, "funnel", "Reviewed") == "5"
        assert table_row(html, "funnel", "Answered") == "4"
        assert table_row(html, "funnel", "Accepted or already done") == "3"
        assert table_row(html, "status", "Declined") == "1"

    def test_it_counts_meetings_by_month(self, client, tour):
        july = timezone.make_aware(datetime.datetime(2026, 7, 15, 11))
        factories.MeetingFactory.create_batch(2, tour=tour, starts_at=july)
        factories.MeetingFactory(tour=tour, starts_at=july + datetime.timedelta(days=31))
        factories.MeetingFactory(tour=tour, starts_at=july, status=Meeting.Status.CANCELLED)
        html = client.get("/en/proposals/statistics/").content.decode()
        assert table_row(html, "months", "July 2026") == "2"
        assert table_row(html, "months", "August 2026") == "1"

    def test_every_chart_is_an_svg_image_with_title_description_and_table(self, client, tour):
        factories.ProposalFactory(tour=tour)
        factories.MeetingFactory(tour=tour)
        html = client.get("/en/proposals/statistics/").content.decode()
        charts = re.findall(r'data-testid="chart-([a-z]+)"', html)
        assert charts == ["funnel", "status", "direction", "region", "months"]
        assert html.count('role="img"') == 5
        assert html.count("<title id=") == 5
        assert html.count("<desc id=") == 5
        assert html.count("<table") == 5
        assert "style=" not in html

    def test_it_links_the_open_data_download(self, client, db):
        html = client.get("/en/proposals/statistics/").content.decode()
        assert 'href="/en/proposals/open-data.csv"' in html

    def test_it_names_months_in_kazakh(self, client, tour):
        factories.MeetingFactory(tour=tour, starts_at=timezone.make_aware(datetime.datetime(2026, 9, 1, 11)))
        html = client.get("/kk/proposals/statistics/").content.decode()
        assert 'class="bar-label">Қыркүйек 2026' in html

    def test_it_works_before_any_data_exists(self, client, db):
        response = client.get("/en/proposals/statistics/")
        assert response.status_code == 200
        html = response.content.decode()
        assert '<span data-testid="statistics-total">0</span> proposals received so far' in html
        assert "No data yet." in html  # no meeting: no month to chart

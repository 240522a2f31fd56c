"""Views of consultations/views/dashboard.py: what needs doing, each a link to the work."""

import datetime

import pytest
from django.utils import timezone

from consultations.models import Commitment
from proposals.models import Proposal
from tests import factories

URL = "/en/staff/"


@pytest.mark.django_db
class TestDashboard:
    def test_it_lists_held_meetings_without_published_minutes(self, staff_client, tour, astana, almaty):
        held = factories.MeetingFactory(tour=tour, region=astana, status="held", title="Астана өтті")
        factories.MeetingFactory(tour=tour, region=almaty, status="minutes_published", title="Алматы жарияланды")
        overdue_plan = factories.MeetingFactory(
            tour=tour,
            region=almaty,
            status="planned",
            title="Өтіп кеткен жоспар",
            starts_at=timezone.now() - datetime.timedelta(days=1),
        )
        html = staff_client.get(URL).content.decode()
        assert 'data-testid="count-without-minutes">1<' in html
        assert f'href="/en/staff/meetings/{held.pk}/"' in html
        assert "Алматы жарияланды" not in html
        assert f'href="/en/staff/meetings/{overdue_plan.pk}/"' in html

    def test_it_counts_unanswered_proposals_of_the_current_tour_and_links_to_triage(self, staff_client, tour):
        factories.ProposalFactory.create_batch(2, tour=tour)
        factories.ProposalFactory(tour=tour, status=Proposal.Status.UNDER_REVIEW)
        factories.ProposalFactory(tour=tour, status=Proposal.Status.ACCEPTED, answer_kk="Иә")
        factories.ProposalFactory(tour=factories.TourFactory())  # another tour's
        html = staff_client.get(URL).content.decode()
        assert 'data-testid="count-unanswered">3<' in html
        assert 'href="/en/proposals/staff/?status=received"' in html

    def test_it_lists_commitments_due_in_14_days_or_overdue(self, staff_client, tour):
        today = timezone.localdate()
        overdue = factories.CommitmentFactory(
            description="Мерзімі өткен міндет", due_on=today - datetime.timedelta(days=2)
        )
        factories.CommitmentFactory(description="Жақында", due_on=today + datetime.timedelta(days=14))
        factories.CommitmentFactory(description="Алыста", due_on=today + datetime.timedelta(days=15))
        factories.CommitmentFactory(description="Орындалған", due_on=today, status=Commitment.Status.DONE)
        html = staff_client.get(URL).content.decode()
        assert 'data-testid="count-commitments">2<' in html
        assert "Мерзімі өткен міндет" in html and "Жақында" in html
        assert "Алыста" not in html and "Орындалған" not in html
        assert "Overdue:" in html  # said in words, not by colour alone
        assert f'href="/en/staff/commitments/{overdue.pk}/"' in html  # straight to the work
        assert 'href="/en/staff/commitments/?show=overdue"' in html
        assert overdue.is_overdue

    def test_it_works_before_any_tour_exists(self, staff_client):
        assert staff_client.get(URL).status_code == 200

    def test_its_query_count_does_not_grow(self, staff_client, tour, astana, django_assert_max_num_queries):
        factories.MeetingFactory.create_batch(20, tour=tour, region=astana, status="held")
        factories.ProposalFactory.create_batch(20, tour=tour)
        factories.CommitmentFactory.create_batch(20, due_on=timezone.localdate())
        with django_assert_max_num_queries(12):
            staff_client.get(URL)

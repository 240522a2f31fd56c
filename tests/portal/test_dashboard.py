"""The staff dashboard (portal/views.py): what needs doing, each a link to the work."""

import datetime
import re

import pytest
from django.utils import timezone

from consultations.models import Commitment, Memorandum
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

    def test_it_counts_unanswered_proposals_of_the_current_tour_and_links_to_exactly_them(self, staff_client, tour):
        factories.ProposalFactory.create_batch(2, tour=tour)
        factories.ProposalFactory(tour=tour, status=Proposal.Status.UNDER_REVIEW)
        factories.ProposalFactory(tour=tour, status=Proposal.Status.ACCEPTED, answer_kk="Иә")
        factories.ProposalFactory(tour=factories.TourFactory())  # another tour's
        html = staff_client.get(URL).content.decode()
        assert 'data-testid="count-unanswered">3<' in html
        # Bug 3: the link filtered status=received (2 of the 3 here).
        link = re.search(r'<a href="([^"]+)" data-testid="answer-link">', html).group(1).replace("&amp;", "&")
        assert link == f"/en/proposals/staff/?status=awaiting_answer&tour={tour.pk}"
        triage = staff_client.get(link)
        assert triage.status_code == 200
        assert triage.context["total"] == 3

    def test_it_lists_commitments_due_in_14_days_or_overdue_of_signed_memoranda_only(self, staff_client, tour):
        today = timezone.localdate()
        signed = factories.MemorandumFactory(status=Memorandum.Status.SIGNED, signed_on=today)
        overdue = factories.CommitmentFactory(
            memorandum=signed, description="Мерзімі өткен міндет", due_on=today - datetime.timedelta(days=2)
        )
        factories.CommitmentFactory(
            memorandum=signed, description="Жақында", due_on=today + datetime.timedelta(days=14)
        )
        factories.CommitmentFactory(memorandum=signed, description="Алыста", due_on=today + datetime.timedelta(days=15))
        factories.CommitmentFactory(
            memorandum=signed, description="Орындалған", due_on=today, status=Commitment.Status.DONE
        )
        # Bug 1: a draft's commitments bind nobody; they were listed as due.
        factories.CommitmentFactory(description="Нобайдағы міндет", due_on=today - datetime.timedelta(days=1))
        html = staff_client.get(URL).content.decode()
        assert 'data-testid="count-commitments">2<' in html
        assert "Мерзімі өткен міндет" in html and "Жақында" in html
        assert "Алыста" not in html and "Орындалған" not in html
        assert "Нобайдағы міндет" not in html
        assert "Overdue:" in html  # said in words, not by colour alone
        assert f'href="/en/staff/commitments/{overdue.pk}/"' in html  # straight to the work
        assert 'href="/en/staff/commitments/?show=overdue"' in html
        assert overdue.is_overdue
        overdue_list = staff_client.get("/en/staff/commitments/?show=overdue").content.decode()
        assert "Мерзімі өткен міндет" in overdue_list and "Нобайдағы міндет" not in overdue_list

    def test_it_works_before_any_tour_exists(self, staff_client):
        assert staff_client.get(URL).status_code == 200

    def test_its_query_count_does_not_grow(self, staff_client, tour, astana, django_assert_max_num_queries):
        factories.MeetingFactory.create_batch(20, tour=tour, region=astana, status="held")
        factories.ProposalFactory.create_batch(20, tour=tour)
        signed = factories.MemorandumFactory(status=Memorandum.Status.SIGNED, signed_on=timezone.localdate())
        factories.CommitmentFactory.create_batch(20, memorandum=signed, due_on=timezone.localdate())
        with django_assert_max_num_queries(12):
            staff_client.get(URL)


@pytest.mark.django_db
class TestDashboardOutbox:
    def test_it_shows_what_waits_and_what_failed_with_a_link(self, staff_client):
        from outbox.models import OutboxItem

        for status in ("pending", "pending", "sending", "failed", "sent"):
            OutboxItem.objects.create(kind="email", subject="x", recipients=["a@example.kz"], status=status)
        html = staff_client.get(URL).content.decode()
        assert 'data-testid="count-outbox-failed">1<' in html
        assert "3 items waiting · 1 item failed" in html
        assert 'href="/en/staff/outbox/"' in html

    def test_nothing_waiting_says_so(self, staff_client):
        assert "None waiting: every e-mail and job has been sent." in staff_client.get(URL).content.decode()

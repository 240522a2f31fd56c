"""The meeting workflow: every status pair for every persona against a table written by hand,
the same shape as the memoranda's and the proposals' tables."""

import pytest

from consultations.models import Meeting
from consultations.services.meetings import meeting_change_status
from foundation.public_cache import content_version
from foundation.workflow import TransitionNotAllowed
from tests import factories
from tests.workflow_tables import in_english, moves, status_pairs

S = Meeting.Status
ALL_PAIRS = status_pairs(S)
PERSONAS = ["staff_user", "admin_user", "official_astana", "public_user"]

# from → to, who may: staff (admins act as staff). Everything else is refused.
EXPECTED = """
planned            held               staff
planned            cancelled          staff
held               minutes_published  staff
minutes_published  held               staff
cancelled          planned            staff
"""
ALLOWED = moves(EXPECTED)
WHO = {"staff_user": "staff", "admin_user": "staff"}


@pytest.fixture(autouse=True)
def english():
    with in_english():
        yield


@pytest.mark.django_db
class TestTransitions:
    @pytest.mark.parametrize("source,target", ALL_PAIRS)
    @pytest.mark.parametrize("persona", PERSONAS)
    def test_it_allows_only_the_expected_moves(self, request, tour, astana, persona, source, target):
        user = request.getfixturevalue(persona)
        meeting = factories.MeetingFactory(tour=tour, region=astana, status=source, minutes="Хаттама")
        if (source, target, WHO.get(persona)) in ALLOWED:
            meeting_change_status(meeting=meeting, status=target, user=user)
            meeting.refresh_from_db()
            assert meeting.status == target
        else:
            with pytest.raises(TransitionNotAllowed):
                meeting_change_status(meeting=meeting, status=target, user=user)
            meeting.refresh_from_db()
            assert meeting.status == source

    def test_a_move_records_who_and_when_and_refreshes_the_public_pages(self, tour, astana, staff_user):
        meeting = factories.MeetingFactory(tour=tour, region=astana, status=S.HELD, minutes="Хаттама")
        before = content_version()
        meeting_change_status(meeting=meeting, status=S.MINUTES_PUBLISHED, user=staff_user)
        record = meeting.history.order_by("-history_date", "-history_id").first()
        assert (record.status, record.history_user) == (S.MINUTES_PUBLISHED, staff_user)
        assert record.history_change_reason == "Status: Held → Minutes published"
        assert content_version() != before

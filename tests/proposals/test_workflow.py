"""The proposal workflow: a table written by hand of who may make each move, enforced in
proposals/services.py, the same shape as the meetings' and memoranda's."""

import pytest

from foundation.public_cache import content_version
from foundation.workflow import TransitionNotAllowed
from proposals import services
from proposals.models import Proposal
from tests.proposals.conftest import make_proposal
from tests.workflow_tables import in_english, moves, status_pairs

S = Proposal.Status
DECISIONS = ["accepted", "partly_accepted", "declined", "already_done"]

# from → to that staff may make (nobody else may make any). Duplicates are marked by merging
# (never by a plain status change) and leave that status only to go back to review.
EXPECTED = """
received      under_review
received      accepted
received      partly_accepted
received      declined
received      already_done
received      duplicate
under_review  received
under_review  accepted
under_review  partly_accepted
under_review  declined
under_review  already_done
under_review  duplicate
duplicate     under_review
"""
ALLOWED = moves(EXPECTED)
# A decision can be changed for another, reopened for review, or found a duplicate.
ALLOWED |= {(d, other) for d in DECISIONS for other in DECISIONS if other != d}
ALLOWED |= {(d, "under_review") for d in DECISIONS} | {(d, "duplicate") for d in DECISIONS}
ALL_PAIRS = status_pairs(S)


def _proposal(tour, status):
    proposal = make_proposal(tour=tour, answer_kk="Жауап")
    if status == S.DUPLICATE:
        proposal.duplicate_of = make_proposal(tour=tour)
    proposal.status = status
    proposal.save()
    return proposal


def test_the_table_has_33_moves():
    assert len(ALLOWED) == 33
    assert {(a, b) for a, b, _who in Proposal.TRANSITIONS.moves()} == ALLOWED


@pytest.fixture(autouse=True)
def english():
    with in_english():
        yield


@pytest.mark.django_db
class TestTransitions:
    @pytest.mark.parametrize("source,target", [p for p in ALL_PAIRS if p[1] != "duplicate"])
    def test_staff_make_exactly_the_expected_moves(self, tour, staff_user, source, target):
        proposal = _proposal(tour, source)
        if (source, target) in ALLOWED:
            assert services.proposal_change_status(proposal=proposal, status=target, user=staff_user)
            proposal.refresh_from_db()
            assert proposal.status == target
        else:
            with pytest.raises(TransitionNotAllowed):
                services.proposal_change_status(proposal=proposal, status=target, user=staff_user)

    @pytest.mark.parametrize("persona", ["official_astana", "public_user"])
    def test_nobody_else_moves_a_proposal(self, request, tour, persona):
        proposal = _proposal(tour, S.RECEIVED)
        with pytest.raises(TransitionNotAllowed):
            services.proposal_change_status(
                proposal=proposal, status=S.UNDER_REVIEW, user=request.getfixturevalue(persona)
            )
        proposal.refresh_from_db()
        assert proposal.status == S.RECEIVED

    @pytest.mark.parametrize("decision", DECISIONS)
    def test_a_decision_needs_an_answer_first(self, tour, staff_user, decision):
        # Bug 7: received → declined was accepted with no answer.
        proposal = make_proposal(tour=tour)
        with pytest.raises(TransitionNotAllowed, match="Write the answer in at least one language"):
            services.proposal_change_status(proposal=proposal, status=decision, user=staff_user)
        proposal.refresh_from_db()
        assert proposal.status == S.RECEIVED
        assert list(proposal.status_changes.values_list("to_status", flat=True)) == ["received"]

    def test_a_duplicate_is_marked_by_merging_only(self, tour, staff_user):
        proposal = make_proposal(tour=tour)
        with pytest.raises(TransitionNotAllowed, match="Merge the proposal"):
            services.proposal_change_status(proposal=proposal, status=S.DUPLICATE, user=staff_user)

    def test_a_move_records_who_and_when_and_refreshes_the_public_pages(self, tour, staff_user):
        proposal = make_proposal(tour=tour)
        before = content_version()
        services.proposal_change_status(proposal=proposal, status=S.UNDER_REVIEW, user=staff_user, note="Қаралуда")
        change = proposal.status_changes.last()
        assert (change.from_status, change.to_status, change.changed_by, change.note) == (
            "received",
            "under_review",
            staff_user,
            "Қаралуда",
        )
        assert change.changed_at is not None
        assert content_version() != before

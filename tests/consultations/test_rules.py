"""Permission matrix: every role against the objects' states, for each verb."""

import pytest

from consultations.models import Commitment, Memorandum
from tests import factories

ROLES = ["anonymous", "public_user", "staff_user", "official_astana", "official_almaty", "admin_user"]


def _user(request, role):
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


@pytest.mark.django_db
class TestStaffArea:
    @pytest.mark.parametrize(
        "role,allowed",
        [
            ("anonymous", False),
            ("public_user", False),
            ("staff_user", True),
            ("official_astana", False),
            ("official_almaty", False),
            ("admin_user", True),
        ],
    )
    def test_access_staff_area(self, request, role, allowed):
        user = _user(request, role)
        assert user.has_perm("consultations.access_staff_area") is allowed
        assert user.has_perm("consultations.change_meeting") is allowed


@pytest.mark.django_db
class TestMemorandumVisibility:
    @pytest.mark.parametrize(
        "role,status,allowed",
        [
            ("anonymous", Memorandum.Status.DRAFT, False),
            ("anonymous", Memorandum.Status.SIGNED, True),
            ("public_user", Memorandum.Status.IN_REVIEW, False),
            ("staff_user", Memorandum.Status.DRAFT, True),
            ("official_astana", Memorandum.Status.IN_REVIEW, True),
            ("official_astana", Memorandum.Status.DRAFT, False),  # not sent for review yet
            ("official_almaty", Memorandum.Status.IN_REVIEW, False),
            ("official_almaty", Memorandum.Status.SIGNED, True),  # signed ones are public
            ("admin_user", Memorandum.Status.DRAFT, True),
        ],
    )
    def test_view_memorandum(self, request, astana, role, status, allowed):
        memo = factories.MemorandumFactory(
            region=astana, status=status, signed_on="2026-08-01" if status == Memorandum.Status.SIGNED else None
        )
        assert _user(request, role).has_perm("consultations.view_memorandum", memo) is allowed

    @pytest.mark.parametrize(
        "role,status,allowed",
        [
            ("official_astana", Memorandum.Status.IN_REVIEW, True),
            ("official_astana", Memorandum.Status.DRAFT, False),
            ("official_almaty", Memorandum.Status.IN_REVIEW, False),
            ("staff_user", Memorandum.Status.IN_REVIEW, False),
            ("anonymous", Memorandum.Status.IN_REVIEW, False),
            ("public_user", Memorandum.Status.IN_REVIEW, False),
        ],
    )
    def test_review_memorandum(self, request, astana, role, status, allowed):
        memo = factories.MemorandumFactory(region=astana, status=status)
        assert _user(request, role).has_perm("consultations.review_memorandum", memo) is allowed


@pytest.mark.django_db
class TestCommitmentProgress:
    @pytest.mark.parametrize(
        "role,party,allowed",
        [
            ("official_astana", Commitment.Party.AKIMAT, True),
            ("official_astana", Commitment.Party.JOINT, True),
            ("official_astana", Commitment.Party.FOUNDATION, False),
            ("official_almaty", Commitment.Party.AKIMAT, False),
            ("staff_user", Commitment.Party.FOUNDATION, True),
            ("staff_user", Commitment.Party.JOINT, True),
            ("staff_user", Commitment.Party.AKIMAT, False),
            ("admin_user", Commitment.Party.AKIMAT, True),
            ("public_user", Commitment.Party.AKIMAT, False),
            ("anonymous", Commitment.Party.JOINT, False),
        ],
    )
    def test_update_commitment_progress(self, request, astana, role, party, allowed):
        commitment = factories.CommitmentFactory(memorandum__region=astana, party=party)
        assert _user(request, role).has_perm("consultations.update_commitment_progress", commitment) is allowed


@pytest.mark.django_db
class TestProposalRules:
    @pytest.mark.parametrize(
        "role,allowed",
        [
            ("anonymous", False),
            ("public_user", False),
            ("staff_user", True),
            ("official_astana", False),
            ("admin_user", True),
        ],
    )
    def test_triage_and_answer(self, request, role, allowed):
        user = _user(request, role)
        assert user.has_perm("proposals.triage_proposal") is allowed
        assert user.has_perm("proposals.answer_proposal") is allowed
        assert user.has_perm("proposals.import_proposals") is allowed

    @pytest.mark.parametrize("role", ROLES)
    def test_anyone_may_submit_a_proposal(self, request, role):
        assert _user(request, role).has_perm("proposals.add_proposal")

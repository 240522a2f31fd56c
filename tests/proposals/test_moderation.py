"""Bug 11: staff hide spam or abuse and show it again, with a reason in the proposal's history;
the public form says plainly that a proposal is published at once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from proposals import services
from proposals.models import Proposal
from tests.proposals.conftest import make_proposal


def url(proposal, suffix=""):
    return f"/en/proposals/staff/{proposal.pk}/{suffix}"


@pytest.mark.django_db
class TestModeration:
    def test_staff_hide_a_proposal_with_a_reason_and_the_public_no_longer_sees_it(
        self, client, staff_client, staff_user, tour
    ):
        proposal = make_proposal(tour=tour, text="Жарнама: арзан несие алыңыз")
        assert client.get(f"/en/proposals/{proposal.code}/").status_code == 200
        response = staff_client.post(url(proposal, "visibility/"), {"is_public": "0", "reason": "Спам"})
        assert response.status_code == 302
        proposal.refresh_from_db()
        assert proposal.is_public is False
        assert client.get(f"/en/proposals/{proposal.code}/").status_code == 404
        assert proposal.code not in client.get("/en/proposals/").content.decode()
        assert proposal.code not in b"".join(client.get("/en/proposals/open-data.csv").streaming_content).decode()
        page = staff_client.get(url(proposal)).content.decode()
        assert "Hidden from the public" in page
        assert "<td>Public</td><td>Hidden</td><td>Спам</td>" in page

    def test_staff_show_it_again_and_both_moves_stay_in_the_history(self, staff_client, staff_user, tour):
        proposal = make_proposal(tour=tour)
        services.proposal_set_visibility(proposal=proposal, is_public=False, reason="Қорлау", user=staff_user)
        staff_client.post(url(proposal, "visibility/"), {"is_public": "1", "reason": "Қате жасырылған"})
        proposal.refresh_from_db()
        assert proposal.is_public is True
        moves = list(proposal.moderations.values_list("is_public", "reason", "changed_by"))
        assert moves == [(False, "Қорлау", staff_user.pk), (True, "Қате жасырылған", staff_user.pk)]

    def test_a_reason_is_required(self, staff_client, staff_user, tour):
        proposal = make_proposal(tour=tour)
        response = staff_client.post(url(proposal, "visibility/"), {"is_public": "0", "reason": "  "}, follow=True)
        assert "Say why, for the proposal&#x27;s history." in response.content.decode()
        proposal.refresh_from_db()
        assert proposal.is_public is True
        with pytest.raises(ValidationError):
            services.proposal_set_visibility(proposal=proposal, is_public=False, reason="", user=staff_user)

    @pytest.mark.parametrize("persona", ["official_astana", "public_user"])
    def test_only_staff_moderate(self, request, tour, persona):
        from django.test import Client

        proposal = make_proposal(tour=tour)
        user = request.getfixturevalue(persona)
        other = Client()
        other.force_login(user)
        assert other.post(url(proposal, "visibility/"), {"is_public": "0", "reason": "x"}).status_code == 403
        with pytest.raises(PermissionDenied):
            services.proposal_set_visibility(proposal=proposal, is_public=False, reason="x", user=user)
        assert Proposal.objects.get(pk=proposal.pk).is_public is True

    def test_moderation_is_post_only(self, staff_client, tour):
        assert staff_client.get(url(make_proposal(tour=tour), "visibility/")).status_code == 405

    def test_the_public_form_says_a_proposal_is_published_at_once(self, client, tour):
        html = client.get("/en/proposals/submit/").content.decode()
        assert "Your proposal is published on this site as soon as you send it" in html
        assert "published with its official answer" not in html

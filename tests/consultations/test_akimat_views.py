"""The officials' area (consultations/views/akimat.py): home, memorandum review, commitments."""

import pytest

from consultations.models import Memorandum, ReviewComment
from tests.consultations.conftest_memoranda import client_for, make_memorandum

S = Memorandum.Status


@pytest.mark.django_db
class TestHome:
    def test_it_shows_the_regions_memoranda_and_commitment_counts(self, astana, official_astana):
        memorandum = make_memorandum(astana, S.IN_REVIEW)
        html = client_for(official_astana).get("/en/akimat/").content.decode()
        assert memorandum.title in html
        assert "Awaiting your review" in html
        # Bug 10: both commitments are "not started" (one overdue); the page said "in progress: 1".
        assert 'data-testid="commitments-done">0<' in html
        assert 'data-testid="commitments-in-progress">0<' in html
        assert 'data-testid="commitments-not-started">1<' in html
        assert 'data-testid="commitments-overdue">1<' in html

    def test_it_has_no_n_plus_one(self, astana, official_astana, django_assert_max_num_queries):
        for _ in range(10):
            make_memorandum(astana, S.SIGNED)
        client = client_for(official_astana)
        with django_assert_max_num_queries(8):
            response = client.get("/en/akimat/")
        assert response.content.decode().count("/akimat/commitments/") == 20

    def test_staff_are_not_officials(self, staff_client):
        assert staff_client.get("/en/akimat/").status_code == 403


@pytest.mark.django_db
class TestReview:
    def _review(self, user, memorandum, decision, body=""):
        return client_for(user).post(
            f"/en/akimat/memoranda/{memorandum.pk}/review/", {"decision": decision, "body": body}
        )

    def test_it_requests_changes_with_a_comment(self, astana, official_astana):
        memorandum = make_memorandum(astana, S.IN_REVIEW)
        response = self._review(official_astana, memorandum, "request_changes", "3-тармақты өзгертіңіз")
        assert response.status_code == 302
        memorandum.refresh_from_db()
        assert memorandum.status == S.CHANGES_REQUESTED
        comment = memorandum.comments.get()
        assert (comment.decision, comment.body, comment.author) == (
            ReviewComment.Decision.REQUEST_CHANGES,
            "3-тармақты өзгертіңіз",
            official_astana,
        )

    def test_a_request_for_changes_needs_a_comment(self, astana, official_astana):
        memorandum = make_memorandum(astana, S.IN_REVIEW)
        response = self._review(official_astana, memorandum, "request_changes")
        assert response.status_code == 400
        assert 'href="#id_body"' in response.content.decode()
        memorandum.refresh_from_db()
        assert memorandum.status == S.IN_REVIEW

    def test_it_approves(self, astana, official_astana):
        memorandum = make_memorandum(astana, S.IN_REVIEW)
        self._review(official_astana, memorandum, "approve")
        memorandum.refresh_from_db()
        assert memorandum.status == S.APPROVED

    @pytest.mark.parametrize("status", [S.CHANGES_REQUESTED, S.APPROVED, S.SIGNED])
    def test_it_reviews_only_what_is_in_review(self, astana, official_astana, status):
        memorandum = make_memorandum(astana, status)
        response = self._review(official_astana, memorandum, "approve")
        assert response.status_code == 302
        memorandum.refresh_from_db()
        assert memorandum.status == status
        assert not memorandum.comments.exists()

    def test_the_review_form_shows_only_in_review(self, astana, official_astana):
        client = client_for(official_astana)
        in_review = make_memorandum(astana, S.IN_REVIEW)
        approved = make_memorandum(astana, S.APPROVED)
        assert 'data-testid="review-form"' in client.get(f"/en/akimat/memoranda/{in_review.pk}/").content.decode()
        assert 'data-testid="review-form"' not in client.get(f"/en/akimat/memoranda/{approved.pk}/").content.decode()

    def test_the_detail_page_has_no_n_plus_one(self, astana, official_astana, django_assert_max_num_queries):
        memorandum = make_memorandum(astana, S.IN_REVIEW)
        for _ in range(10):
            ReviewComment.objects.create(memorandum=memorandum, author=official_astana, body="Сұрақ", revision=1)
        client = client_for(official_astana)
        with django_assert_max_num_queries(10):
            assert client.get(f"/en/akimat/memoranda/{memorandum.pk}/").status_code == 200


@pytest.mark.django_db
class TestCommitmentPage:
    def test_the_memorandum_title_links_to_the_memorandum_for_each_reader(self, astana, official_astana, staff_user):
        # Bug 12: the title linked to the official's home instead of the memorandum.
        memorandum = make_memorandum(astana, S.SIGNED)
        commitment = memorandum.commitments.first()
        official_page = client_for(official_astana).get(f"/en/akimat/commitments/{commitment.pk}/")
        assert official_page.status_code == 200
        html = official_page.content.decode()
        assert f'<a href="/en/akimat/memoranda/{memorandum.pk}/" data-testid="memorandum-link">' in html
        staff_page = client_for(staff_user).get(f"/en/staff/commitments/{commitment.pk}/").content.decode()
        assert f'<a href="/en/staff/memoranda/{memorandum.pk}/" data-testid="memorandum-link">' in staff_page

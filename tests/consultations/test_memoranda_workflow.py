"""The memorandum workflow: every status pair for every persona against a table written by hand."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from consultations.models import Memorandum, Notification, ReviewComment
from consultations.services import memoranda as services
from foundation.public_cache import content_version
from foundation.workflow import TransitionNotAllowed
from outbox import services as outbox
from outbox.models import OutboxItem
from tests.consultations.conftest_memoranda import make_memorandum
from tests.workflow_tables import in_english, moves, status_pairs

S = Memorandum.Status
ALL_PAIRS = status_pairs(S)
PERSONAS = ["staff_user", "official_astana", "official_almaty", "public_user"]

# The workflow as the product describes it, written out by hand (not read from the code):
# from → to, and who may make the move. Every other (from, to, persona) cell must be refused.
#   staff = foundation staff; astana = an official of the memorandum's region (Astana).
EXPECTED = """
draft              in_review          staff
in_review          changes_requested  astana
in_review          approved           astana
changes_requested  in_review          staff
approved           signed             staff
approved           changes_requested  staff
signed             expired            staff
signed             terminated         staff
"""
ALLOWED = moves(EXPECTED)
WHO = {"staff_user": "staff", "official_astana": "astana"}


def test_the_expected_table_has_eight_moves():
    assert len(ALLOWED) == 8
    assert len(ALL_PAIRS) * len(PERSONAS) == 168


@pytest.fixture(autouse=True)
def english():
    with in_english():
        yield


@pytest.mark.django_db
class TestTransitions:
    @pytest.mark.parametrize("source,target", ALL_PAIRS)
    @pytest.mark.parametrize("persona", PERSONAS)
    def test_it_allows_only_the_expected_moves(self, request, astana, persona, source, target):
        user = request.getfixturevalue(persona)
        memorandum = make_memorandum(astana, source)
        allowed = (source, target, WHO.get(persona)) in ALLOWED
        signing = {"signed_on": datetime.date(2026, 8, 1)} if target == S.SIGNED else {}
        if allowed:
            services.memorandum_change_status(memorandum=memorandum, status=target, user=user, **signing)
            memorandum.refresh_from_db()
            assert memorandum.status == target
        else:
            with pytest.raises(TransitionNotAllowed):
                services.memorandum_change_status(memorandum=memorandum, status=target, user=user, **signing)
            memorandum.refresh_from_db()
            assert memorandum.status == source

    def test_every_move_records_who_and_when_and_refreshes_the_public_pages(self, astana, staff_user):
        # Bug 2: signing, terminating... used update(): no history row, a stale public page.
        memorandum = make_memorandum(astana, S.SIGNED)
        before = content_version()
        history = memorandum.history.count()
        services.memorandum_change_status(memorandum=memorandum, status=S.TERMINATED, user=staff_user)
        assert memorandum.history.count() == history + 1
        record = memorandum.history.order_by("-history_date", "-history_id").first()
        assert record.status == S.TERMINATED
        assert record.history_user == staff_user
        assert record.history_change_reason == "Status: Signed → Terminated"
        assert content_version() != before

    def test_the_database_refuses_a_signed_memorandum_without_a_date(self, astana, staff_user):
        from django.db import IntegrityError

        memorandum = make_memorandum(astana, S.APPROVED)
        with pytest.raises(IntegrityError):
            services.memorandum_change_status(memorandum=memorandum, status=S.SIGNED, user=staff_user)

    def test_it_records_the_signing_with_its_scan(self, astana, staff_user):
        from tests.consultations.conftest_memoranda import pdf_upload

        memorandum = make_memorandum(astana, S.APPROVED)
        services.memorandum_sign(
            memorandum=memorandum,
            user=staff_user,
            signed_on=datetime.date(2026, 8, 2),
            signed_place="Астана, әкімдік",
            signed_scan=pdf_upload(),
        )
        memorandum.refresh_from_db()
        assert memorandum.status == S.SIGNED and memorandum.is_public
        assert memorandum.signed_place == "Астана, әкімдік"
        assert memorandum.signed_scan.read(5) == b"%PDF-"

    def test_it_refuses_a_transition_from_a_stale_state(self, astana, staff_user):
        memorandum = make_memorandum(astana, S.DRAFT)
        Memorandum.objects.filter(pk=memorandum.pk).update(status=S.IN_REVIEW)  # someone else sent it
        with pytest.raises(services.StaleEdit):
            services.memorandum_change_status(memorandum=memorandum, status=S.IN_REVIEW, user=staff_user)


@pytest.mark.django_db
class TestReviewCycle:
    def test_it_keeps_a_version_per_revision_and_diffs_them(self, astana, staff_user, official_astana):
        memorandum = make_memorandum(astana, S.DRAFT)
        services.memorandum_send_for_review(memorandum=memorandum, user=staff_user)
        memorandum.refresh_from_db()
        assert (memorandum.status, memorandum.revision) == (S.IN_REVIEW, 1)

        services.memorandum_review(
            memorandum=memorandum, user=official_astana, decision="request_changes", body="Мерзімін нақтылаңыз"
        )
        memorandum.refresh_from_db()
        assert memorandum.status == S.CHANGES_REQUESTED

        memorandum.text_kk = memorandum.text_kk.replace("көбейтеді", "екі есе көбейтеді")
        memorandum.save()
        services.memorandum_send_for_review(memorandum=memorandum, user=staff_user)
        memorandum.refresh_from_db()
        assert memorandum.revision == 2
        assert list(memorandum.versions.values_list("revision", flat=True)) == [1, 2]

        old, new = memorandum.versions.order_by("revision")
        diff = services.versions_diff(old, new, "text_kk")
        assert [d.kind for d in diff if d.kind != "same"] == ["removed", "added"]
        assert "екі есе көбейтеді" in [d.text for d in diff if d.kind == "added"][0]
        assert services.versions_diff(old, new, "text_ru") == []

        services.memorandum_review(memorandum=memorandum, user=official_astana, decision="approve", body="")
        memorandum.refresh_from_db()
        assert memorandum.status == S.APPROVED
        assert list(memorandum.comments.values_list("decision", "revision")) == [
            (ReviewComment.Decision.REQUEST_CHANGES, 1),
            (ReviewComment.Decision.APPROVE, 2),
        ]

    def test_it_sends_no_new_revision_when_the_text_did_not_change(self, astana, staff_user, official_astana):
        memorandum = make_memorandum(astana, S.DRAFT)
        memorandum = services.memorandum_send_for_review(memorandum=memorandum, user=staff_user)
        services.memorandum_review(memorandum=memorandum, user=official_astana, decision="request_changes", body="x")
        memorandum.refresh_from_db()
        services.memorandum_send_for_review(memorandum=memorandum, user=staff_user)
        memorandum.refresh_from_db()
        assert memorandum.revision == 1
        assert memorandum.versions.count() == 1

    def test_it_refuses_a_decision_from_staff(self, astana, staff_user):
        memorandum = make_memorandum(astana, S.IN_REVIEW)
        with pytest.raises(TransitionNotAllowed):
            services.memorandum_review(memorandum=memorandum, user=staff_user, decision="approve", body="")
        assert not memorandum.comments.exists()


@pytest.mark.django_db
class TestNotifications:
    def test_it_mails_the_regions_officials_when_sent_for_review(
        self, astana, staff_user, official_astana, official_almaty, django_capture_on_commit_callbacks
    ):
        memorandum = make_memorandum(astana, S.DRAFT)
        with django_capture_on_commit_callbacks(execute=True):
            services.memorandum_send_for_review(memorandum=memorandum, user=staff_user)
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == [official_astana.email]
        assert memorandum.title in mail.outbox[0].subject or "memorandum" in mail.outbox[0].subject.lower()
        assert Notification.objects.filter(kind=Notification.Kind.REVIEW_REQUESTED, key="r1").count() == 1

    def test_it_mails_staff_when_the_akimat_decides(
        self, astana, staff_user, official_astana, django_capture_on_commit_callbacks
    ):
        memorandum = make_memorandum(astana, S.IN_REVIEW)
        with django_capture_on_commit_callbacks(execute=True):
            services.memorandum_review(
                memorandum=memorandum, user=official_astana, decision="approve", body="Келісеміз"
            )
        assert [m.to for m in mail.outbox] == [[staff_user.email]]
        assert "Келісеміз" in mail.outbox[0].body

    def test_a_comment_sends_no_mail(self, astana, staff_user, official_astana, django_capture_on_commit_callbacks):
        memorandum = make_memorandum(astana, S.IN_REVIEW)
        with django_capture_on_commit_callbacks(execute=True):
            services.memorandum_review(memorandum=memorandum, user=official_astana, decision="comment", body="Сұрақ")
        assert mail.outbox == []

    def test_it_queues_an_event_once_however_often_it_is_asked(
        self, astana, staff_user, official_astana, django_capture_on_commit_callbacks
    ):
        memorandum = make_memorandum(astana, S.IN_REVIEW)
        with django_capture_on_commit_callbacks(execute=True):
            queued = [
                services.notification_queue(kind=Notification.Kind.REVIEW_REQUESTED, object_id=memorandum.pk, key="r1")
                for _ in range(3)
            ]
        assert queued == [True, False, False]
        assert OutboxItem.objects.count() == 1
        assert len(mail.outbox) == 1

    def test_a_failed_send_stays_in_the_outbox_and_goes_out_once_later(
        self, astana, staff_user, official_astana, settings, django_capture_on_commit_callbacks
    ):
        memorandum = make_memorandum(astana, S.DRAFT)
        settings.EMAIL_BACKEND = "tests.consultations.test_memoranda_workflow.FailingBackend"
        with django_capture_on_commit_callbacks(execute=True):
            services.memorandum_send_for_review(memorandum=memorandum, user=staff_user)  # does not raise
        item = OutboxItem.objects.get()
        assert (item.status, item.attempts) == ("pending", 1)
        assert "ConnectionError" in item.last_error
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        assert outbox.sweep() == []  # not before its backoff
        OutboxItem.objects.filter(pk=item.pk).update(next_attempt_at=timezone.now())  # the backoff passed
        assert outbox.sweep() == [item.pk]
        assert outbox.sweep() == []
        item.refresh_from_db()
        assert item.status == "sent"
        assert [m.to for m in mail.outbox] == [[official_astana.email]]


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("SMTP server down")

"""Commitments: progress by the owning party, evidence, overdue, the daily reminders, the region include."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from consultations import selectors
from consultations.models import Commitment, CommitmentProgress, Memorandum, Notification
from consultations.services import memoranda as services
from consultations.tasks.memoranda import commitments_daily
from tests import factories
from tests.consultations.conftest_memoranda import client_for, fake_pdf_upload, make_memorandum, png_upload

S = Memorandum.Status


def _akimat_commitment(memorandum):
    return memorandum.commitments.get(party=Commitment.Party.AKIMAT)


def _foundation_commitment(memorandum):
    return memorandum.commitments.get(party=Commitment.Party.FOUNDATION)


@pytest.mark.django_db
class TestProgress:
    def test_the_official_records_progress_with_evidence(self, astana, official_astana):
        commitment = _akimat_commitment(make_memorandum(astana, S.SIGNED))
        url = f"/en/akimat/commitments/{commitment.pk}/"
        response = client_for(official_astana).post(
            url, {"status": "in_progress", "note": "Ғимарат іріктелді", "evidence": png_upload()}
        )
        assert response.status_code == 302
        commitment.refresh_from_db()
        assert commitment.status == "in_progress"
        entry = CommitmentProgress.objects.get()
        assert (entry.note, entry.author) == ("Ғимарат іріктелді", official_astana)
        page = client_for(official_astana).get(url).content.decode()
        assert "Ғимарат іріктелді" in page
        evidence = client_for(official_astana).get(f"/en/commitments/progress/{entry.pk}/evidence/")
        assert evidence.status_code == 200
        assert b"".join(evidence.streaming_content).startswith(b"\x89PNG")

    def test_it_checks_evidence_by_content(self, astana, official_astana):
        commitment = _akimat_commitment(make_memorandum(astana, S.SIGNED))
        response = client_for(official_astana).post(
            f"/en/akimat/commitments/{commitment.pk}/",
            {"status": "done", "note": "Аяқталды", "evidence": fake_pdf_upload()},
        )
        assert response.status_code == 200
        assert "Evidence must be a PDF document or an image" in response.content.decode()
        assert "Аяқталды" in response.content.decode()
        assert not CommitmentProgress.objects.exists()

    @override_settings(ATTACHMENT_MAX_BYTES=10)
    def test_it_refuses_evidence_over_the_size_limit(self, astana, official_astana):
        commitment = _akimat_commitment(make_memorandum(astana, S.SIGNED))
        response = client_for(official_astana).post(
            f"/en/akimat/commitments/{commitment.pk}/", {"status": "done", "note": "x", "evidence": png_upload()}
        )
        assert "the limit is 10" in response.content.decode()
        assert not CommitmentProgress.objects.exists()

    def test_the_official_cannot_update_the_foundations_commitment(self, astana, official_astana):
        commitment = _foundation_commitment(make_memorandum(astana, S.SIGNED))
        url = f"/en/akimat/commitments/{commitment.pk}/"
        assert "Record progress" not in client_for(official_astana).get(url).content.decode()
        assert client_for(official_astana).post(url, {"status": "done", "note": "x"}).status_code == 403
        assert not CommitmentProgress.objects.exists()

    def test_staff_update_the_foundations_commitment_not_the_akimats(self, astana, staff_client):
        memorandum = make_memorandum(astana, S.SIGNED)
        ours, theirs = _foundation_commitment(memorandum), _akimat_commitment(memorandum)
        assert (
            staff_client.post(
                f"/en/staff/commitments/{ours.pk}/", {"status": "done", "note": "Сатып алынды"}
            ).status_code
            == 302
        )
        assert (
            staff_client.post(f"/en/staff/commitments/{theirs.pk}/", {"status": "done", "note": "x"}).status_code == 403
        )
        assert list(CommitmentProgress.objects.values_list("commitment_id", flat=True)) == [ours.pk]

    def test_the_timeline_page_has_no_n_plus_one(self, astana, official_astana, django_assert_max_num_queries):
        commitment = _akimat_commitment(make_memorandum(astana, S.SIGNED))
        for n in range(10):
            factories.CommitmentProgressFactory(commitment=commitment, author=official_astana, note=f"Қадам {n}")
        client = client_for(official_astana)
        with django_assert_max_num_queries(8):
            assert client.get(f"/en/akimat/commitments/{commitment.pk}/").status_code == 200


@pytest.mark.django_db
class TestOverdue:
    def test_overdue_is_derived_from_the_due_date(self, astana):
        today = timezone.localdate()
        commitment = factories.CommitmentFactory(due_on=today - datetime.timedelta(days=1))
        assert commitment.is_overdue
        commitment.status = Commitment.Status.DONE
        assert not commitment.is_overdue
        assert not factories.CommitmentFactory(due_on=today).is_overdue
        assert not factories.CommitmentFactory(due_on=None).is_overdue


@pytest.mark.django_db
class TestDailyJob:
    def test_it_reminds_owners_once_and_flags_the_overdue(
        self, astana, staff_user, official_astana, official_almaty, django_capture_on_commit_callbacks
    ):
        memorandum = make_memorandum(astana, S.SIGNED)  # akimat's due in 10 days, foundation's 3 days late
        factories.CommitmentFactory(memorandum=memorandum, due_on=timezone.localdate() + datetime.timedelta(days=40))
        make_memorandum(astana, S.DRAFT)  # a draft's commitments remind nobody

        with django_capture_on_commit_callbacks(execute=True):
            assert commitments_daily.delay().get() == 2
        by_subject = {m.subject: m.to for m in mail.outbox}
        assert len(mail.outbox) == 2
        assert [official_astana.email] in by_subject.values()  # the akimat's commitment, due soon
        assert [staff_user.email] in by_subject.values()  # the foundation's, overdue
        # E-mails go out in the site's default language, Kazakh.
        with translation.override(settings.LANGUAGE_CODE):
            overdue_prefix = gettext("Commitment overdue: %(what)s").split("%")[0]
        assert any(s.startswith(overdue_prefix) for s in by_subject)
        assert set(Notification.objects.values_list("kind", flat=True)) == {"due_soon", "overdue"}

        with django_capture_on_commit_callbacks(execute=True):
            assert commitments_daily.delay().get() == 0  # the next run (or a retry) sends nothing new
        assert len(mail.outbox) == 2

    def test_a_moved_deadline_brings_a_new_reminder(self, astana, official_astana, django_capture_on_commit_callbacks):
        memorandum = make_memorandum(astana, S.SIGNED)
        Commitment.objects.filter(party=Commitment.Party.FOUNDATION).update(status=Commitment.Status.DONE)
        with django_capture_on_commit_callbacks(execute=True):
            commitments_daily.delay()
        assert len(mail.outbox) == 1
        _akimat_commitment(memorandum).__class__.objects.filter(party="akimat").update(
            due_on=timezone.localdate() + datetime.timedelta(days=12)
        )
        with django_capture_on_commit_callbacks(execute=True):
            commitments_daily.delay()
        assert len(mail.outbox) == 2

    def test_it_is_scheduled_daily(self, settings):
        entry = settings.CELERY_BEAT_SCHEDULE["commitments-daily"]
        assert entry["task"] == "consultations.tasks.memoranda.commitments_daily"


@pytest.mark.django_db
class TestRegionInclude:
    def test_it_counts_done_in_progress_not_started_and_overdue_of_public_memoranda(self, astana, almaty):
        memorandum = make_memorandum(astana, S.SIGNED)
        factories.CommitmentFactory(memorandum=memorandum, status=Commitment.Status.DONE)
        make_memorandum(astana, S.IN_REVIEW)  # not public: not counted
        make_memorandum(almaty, S.SIGNED)  # another region
        counts = selectors.region_commitment_counts(astana)
        assert counts == {"done": 1, "in_progress": 0, "not_started": 1, "overdue": 1, "total": 3}
        html = Template("{% load memoranda_tags %}{% region_commitments region %}").render(Context({"region": astana}))
        assert 'data-testid="commitments-done">1<' in html
        assert 'data-testid="commitments-overdue">1<' in html
        assert memorandum.get_absolute_url() in html

    def test_it_shows_nothing_without_commitments(self, almaty):
        html = Template("{% load memoranda_tags %}{% region_commitments region %}").render(Context({"region": almaty}))
        assert html.strip() == ""


@pytest.mark.django_db
def test_reminders_concern_binding_commitments_only(astana):
    # Bug 1: one definition of binding commitments, used by the reminders too.
    make_memorandum(astana, S.DRAFT)  # one due in 10 days, one overdue: binds nobody yet
    make_memorandum(astana, S.APPROVED)  # approved but not signed
    assert services.commitments_remind() == []
    signed = make_memorandum(astana, S.SIGNED)
    events = sorted(kind for kind, commitment_id, _key in services.commitments_remind())
    assert events == ["due_soon", "overdue"]
    assert {c for _k, c, _key in services.commitments_remind()} == set(signed.commitments.values_list("pk", flat=True))

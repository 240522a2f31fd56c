"""The transactional outbox: nothing lost when mail or the broker is down, nothing sent twice."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.mail import BadHeaderError
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations.models import Commitment, Memorandum, MinutesPdf
from consultations.tasks.memoranda import commitments_daily
from foundation.celery import app
from outbox import services
from outbox.models import OutboxItem
from proposals.models import ImportJob, Proposal
from tests import factories
from tests.consultations.conftest_memoranda import make_memorandum
from tests.proposals.test_imports import GOOD, csv_file, upload

DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def broker_down():
    """Celery publishing to a broker that refuses connections, as in production with Redis down."""
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    _reset_pool()
    app.conf.update(task_always_eager=False, broker_url=DOWN)
    yield
    app.conf.update(saved)
    _reset_pool()


def _reset_pool():
    """Celery keeps a producer pool for the broker it first connected to: look the pool up again."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1


def time_passes(item, minutes=61):
    """What the clock does between attempts (the backoff is at most an hour)."""
    OutboxItem.objects.filter(pk=item.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1),
        dispatched_at=None,
    )


def email_item(**fields) -> OutboxItem:
    values = {"kind": "email", "subject": "Хабарлама", "body": "Мәтін", "recipients": ["a@example.kz"]}
    return OutboxItem.objects.create(**{"description": "test", **values, **fields})


@pytest.mark.django_db
class TestDelivery:
    def test_it_sends_an_email_once(self):
        item = email_item()
        assert services.deliver(item.pk) == "sent"
        assert services.deliver(item.pk) == "not due"
        item.refresh_from_db()
        assert (item.status, item.attempts) == ("sent", 1)
        assert [(m.subject, m.to) for m in mail.outbox] == [("Хабарлама", ["a@example.kz"])]

    def test_a_server_that_is_down_means_a_later_attempt_with_a_growing_wait(self, smtp_down):
        item = email_item()
        waits = []
        for _ in range(3):
            before = timezone.now()
            assert services.deliver(item.pk) == "retry"
            item.refresh_from_db()
            waits.append(round((item.next_attempt_at - before).total_seconds() / 60))
            time_passes(item)
        assert waits == [1, 2, 4]
        assert (item.status, item.attempts) == ("pending", 3)
        assert item.last_error.startswith("ConnectionRefusedError")

    def test_the_backoff_is_capped_and_the_attempts_end(self, smtp_down):
        assert services.backoff(1) == datetime.timedelta(minutes=1)
        assert services.backoff(7) == datetime.timedelta(hours=1)
        assert services.backoff(30) == datetime.timedelta(hours=1)
        item = email_item(attempts=services.MAX_ATTEMPTS - 1)
        assert services.deliver(item.pk) == "failed"
        item.refresh_from_db()
        assert item.status == "failed" and item.finished_at is not None

    def test_a_newline_in_a_subject_is_recorded_once_as_failed_not_retried(self):
        item = email_item(subject="Міндеттеме мерзімі:\nпандус")
        assert services.deliver(item.pk) == "failed"
        time_passes(item)
        assert services.sweep() == []  # failed items are not handed out again
        item.refresh_from_db()
        assert (item.status, item.attempts) == ("failed", 1)
        assert item.last_error.startswith("BadHeaderError")
        assert mail.outbox == []

    @pytest.mark.parametrize(
        "error,retry",
        [
            (smtplib.SMTPServerDisconnected("bye"), True),
            (ConnectionRefusedError(111, "refused"), True),
            (TimeoutError(), True),
            (smtplib.SMTPResponseException(451, b"try later"), True),
            (OperationalError("database is away"), True),
            (smtplib.SMTPResponseException(550, b"no such mailbox"), False),
            (smtplib.SMTPRecipientsRefused({"a@example.kz": (550, b"no")}), False),
            (BadHeaderError("newline"), False),
            (LookupError("no task"), False),
        ],
    )
    def test_it_tells_a_passing_outage_from_a_lasting_fault(self, error, retry):
        assert services.is_retryable(error) is retry

    def test_an_unknown_job_fails_once(self):
        item = OutboxItem.objects.create(kind="job", task="no.such.task", description="test")
        assert services.deliver(item.pk) == "failed"
        item.refresh_from_db()
        assert item.last_error == "LookupError: no task named no.such.task"

    def test_enqueued_subjects_and_descriptions_are_one_line(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            item = services.enqueue_email(subject="Бірінші\nекінші  жол", body="x", recipients=["a@example.kz", ""])
        item.refresh_from_db()
        assert item.subject == "Бірінші екінші жол" and item.recipients == ["a@example.kz"]
        assert item.status == "sent" and mail.outbox[0].subject == "Бірінші екінші жол"

    def test_nobody_to_write_to_means_no_item(self):
        assert services.enqueue_email(subject="x", body="y", recipients=["", ""]) is None
        assert not OutboxItem.objects.exists()


@pytest.mark.django_db
class TestSweep:
    def test_it_hands_out_each_due_item_once(self, broker_down):
        due, later = email_item(), email_item(next_attempt_at=timezone.now() + datetime.timedelta(minutes=5))
        # The broker is down: handed out, refused, left for the next sweep.
        assert services.sweep() == [due.pk]
        assert services.sweep() == [due.pk]
        later.refresh_from_db()
        assert later.dispatched_at is None

    def test_an_item_handed_out_is_not_handed_out_again_within_its_lease(self):
        item = email_item()
        OutboxItem.objects.filter(pk=item.pk).update(dispatched_at=timezone.now())  # in the broker's queue
        assert services.sweep() == []
        later = timezone.now() + services.DISPATCH_LEASE + datetime.timedelta(seconds=1)
        assert services.sweep(now=later) == [item.pk]  # the message was lost: hand it out again

    def test_two_sweeps_at_once_never_claim_the_same_item(self):
        items = [email_item() for _ in range(4)]
        now = timezone.now()
        first = services._claim_due(now)
        second = services._claim_due(now)
        assert sorted(first) == sorted(i.pk for i in items)
        assert second == []

    def test_an_attempt_whose_worker_died_is_given_back(self):
        item = email_item(status="sending", attempts=1, claimed_at=timezone.now() - datetime.timedelta(minutes=20))
        assert services.sweep() == [item.pk]
        item.refresh_from_db()
        assert (item.status, item.attempts) == ("sent", 2)
        assert len(mail.outbox) == 1

    def test_an_attempt_in_progress_is_left_alone(self):
        item = email_item(status="sending", attempts=1, claimed_at=timezone.now() - datetime.timedelta(minutes=1))
        assert services.sweep() == []
        item.refresh_from_db()
        assert item.status == "sending"

    def test_it_is_scheduled_every_minute(self, settings):
        entry = settings.CELERY_BEAT_SCHEDULE["outbox-sweep"]
        assert (entry["task"], entry["schedule"]) == ("outbox.tasks.sweep", 60.0)


@pytest.mark.django_db
class TestRequestsNeverFailOnMailOrBroker:
    def test_answering_with_the_broker_down(self, staff_client, tour, astana, broker_down):
        proposal = factories.ProposalFactory(
            tour=tour, region=astana, contact_email="author@example.kz", notify_by_email=True
        )
        with django_capture():
            response = staff_client.post(
                f"/en/proposals/staff/{proposal.pk}/",
                {"status": "accepted", "answer_kk": "Қабылданды", "answer_ru": "", "answer_en": ""},
            )
        assert response.status_code == 302
        item = OutboxItem.objects.get()
        assert item.status == "pending" and item.dispatched_at is None

    def test_a_confirmed_import_waits_in_the_outbox_then_runs(self, staff_client, tour, broker_down):
        upload(staff_client, tour, csv_file(GOOD))
        job = ImportJob.objects.get()
        with django_capture():
            response = staff_client.post(reverse("proposals:import_confirm", args=[job.pk]))
        assert response.status_code == 302
        job.refresh_from_db()
        assert job.status == ImportJob.Status.QUEUED
        item = OutboxItem.objects.get()
        assert (item.kind, item.task, item.args) == ("job", "proposals.tasks.run_import", [job.pk])

        app.conf.task_always_eager = True  # the broker is back (here: the worker runs in-process)
        assert services.sweep() == [item.pk]
        job.refresh_from_db()
        item.refresh_from_db()
        assert job.status == ImportJob.Status.DONE and Proposal.objects.count() == 3
        assert item.status == "sent"

    def test_a_minutes_pdf_request_with_the_broker_down(self, staff_client, tour, astana, broker_down):
        meeting = factories.MeetingFactory(tour=tour, region=astana)
        with django_capture():
            response = staff_client.post(f"/en/staff/meetings/{meeting.pk}/pdf/")
        assert response.status_code == 302
        assert MinutesPdf.objects.get().status == MinutesPdf.Status.PENDING
        assert OutboxItem.objects.get().task == "consultations.tasks.meetings.generate_minutes_pdf"

    def test_sending_for_review_with_the_mail_server_down(self, staff_client, astana, official_astana, smtp_down):
        memorandum = make_memorandum(astana, Memorandum.Status.DRAFT)
        with django_capture():
            response = staff_client.post(f"/en/staff/memoranda/{memorandum.pk}/send/")
        assert response.status_code == 302
        memorandum.refresh_from_db()
        assert memorandum.status == Memorandum.Status.IN_REVIEW
        item = OutboxItem.objects.get()
        assert (item.status, item.recipients) == ("pending", [official_astana.email])


@pytest.mark.django_db
def test_a_reminder_about_a_commitment_with_a_line_break_goes_out(
    astana, official_astana, django_capture_on_commit_callbacks
):
    memorandum = make_memorandum(astana, Memorandum.Status.SIGNED)
    Commitment.objects.filter(memorandum=memorandum).update(description="Пандус салу\nжәне жөндеу")
    Commitment.objects.filter(memorandum=memorandum, party="foundation").delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert commitments_daily() == 1
    assert len(mail.outbox) == 1
    assert "\n" not in mail.outbox[0].subject and "Пандус салу және жөндеу" in mail.outbox[0].subject


@pytest.mark.django_db
class TestStaffPage:
    url = "/en/staff/outbox/"

    def test_staff_see_what_waits_and_what_failed(self, staff_client, django_assert_max_num_queries):
        for i in range(30):
            email_item(description=f"Хат {i}")
        email_item(description="Сынған хат", status="failed", last_error="BadHeaderError: newline", attempts=1)
        with django_assert_max_num_queries(10):
            response = staff_client.get(self.url)
        page = response.content.decode()
        assert response.status_code == 200
        assert "Хат 0" in page and "Сынған хат" in page and "BadHeaderError: newline" in page
        assert "30 items waiting" in page and "1 item failed" in page

    @pytest.mark.parametrize("persona,status", [("public_user", 403), ("official_astana", 403), ("admin_user", 200)])
    def test_only_staff_may_look(self, persona_client, persona, status):
        _user, client = persona_client(persona)
        assert client.get(self.url).status_code == status

    def test_anonymous_visitors_are_sent_to_log_in(self):
        assert Client().get(self.url).status_code == 302

    def test_a_failed_item_can_be_tried_again(self, staff_client, django_capture_on_commit_callbacks):
        item = email_item(status="failed", attempts=10, last_error="SMTPServerDisconnected")
        with django_capture_on_commit_callbacks(execute=True):
            response = staff_client.post(f"{self.url}{item.pk}/retry/")
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.status == "sent" and len(mail.outbox) == 1

    def test_retry_is_post_only(self, staff_client):
        item = email_item(status="failed")
        assert staff_client.get(f"{self.url}{item.pk}/retry/").status_code == 405

    def test_the_admin_lists_items_read_only(self, admin_user):
        email_item(description="Админ көреді")
        client = Client()
        client.force_login(admin_user)
        page = client.get("/admin/outbox/outboxitem/").content.decode()
        assert "Админ көреді" in page
        assert client.get("/admin/outbox/outboxitem/add/").status_code == 403


def django_capture():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_sweep_skips_the_rows_another_sweep_holds_without_waiting():
    import threading

    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("SELECT … FOR UPDATE SKIP LOCKED is PostgreSQL's; SQLite sweeps claim row by row")
    items = [email_item() for _ in range(3)]
    holding, release = threading.Event(), threading.Event()

    def other_sweep():
        with transaction.atomic():
            list(OutboxItem.objects.filter(pk__in=[items[0].pk, items[1].pk]).select_for_update())
            holding.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=other_sweep)
    thread.start()
    try:
        assert holding.wait(10)
        started = timezone.now()
        assert services._claim_due(timezone.now()) == [items[2].pk]
        assert (timezone.now() - started).total_seconds() < 5  # it did not wait for the other
    finally:
        release.set()
        thread.join()

"""The mail server down for an hour, then back: every e-mail the site queued meanwhile goes
out after, each exactly once (answers to proposals, a memorandum sent for review, reminders).

A real SMTP conversation with a server on loopback (tests/smtp.py); "down" is its port closed.
The hour passes as the outbox's clock sees it: each attempt's wait is run out, then beat's sweep.
"""

from collections import Counter

import pytest
from django.utils import timezone

from consultations.models import Memorandum
from consultations.tasks.memoranda import commitments_daily
from outbox import services
from outbox.models import OutboxItem
from tests import factories
from tests.consultations.conftest_memoranda import make_memorandum
from tests.s3 import free_port
from tests.smtp import SMTPServer


@pytest.fixture
def smtp_port(settings):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS = False
    return port


def an_attempt_is_due() -> None:
    """The clock runs to the next attempt of everything waiting (the longest wait is an hour)."""
    OutboxItem.objects.filter(status=OutboxItem.Status.PENDING).update(
        next_attempt_at=timezone.now(), dispatched_at=None
    )


@pytest.mark.django_db
def test_mail_queued_while_the_server_is_down_goes_out_once_when_it_is_back(
    smtp_port, staff_client, staff_user, tour, astana, official_astana, django_capture_on_commit_callbacks
):
    authors = [f"author{n}@example.kz" for n in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        for address in authors:
            proposal = factories.ProposalFactory(tour=tour, region=astana, contact_email=address, notify_by_email=True)
            response = staff_client.post(
                f"/en/proposals/staff/{proposal.pk}/",
                {"status": "accepted", "answer_kk": "Ұсынысыңыз қабылданды", "answer_ru": "", "answer_en": ""},
            )
            assert response.status_code == 302
        draft = make_memorandum(astana, Memorandum.Status.DRAFT)
        assert staff_client.post(f"/en/staff/memoranda/{draft.pk}/send/").status_code == 302
        make_memorandum(astana, Memorandum.Status.SIGNED)
        reminders = commitments_daily()
    items = list(OutboxItem.objects.order_by("pk"))
    assert reminders == 2  # the signed memorandum's two commitments: one due within 14 days, one overdue
    assert len(items) == 3 + 1 + 2
    assert {i.status for i in OutboxItem.objects.all()} == {"pending"}  # tried at once, server down

    # An hour with the server down: the attempts come 1, 2, 4, 8, 16, 32 minutes apart.
    for _ in range(6):
        an_attempt_is_due()
        with django_capture_on_commit_callbacks(execute=True):
            assert sorted(services.sweep()) == [i.pk for i in items]
    waiting = OutboxItem.objects.all()
    assert {(i.status, i.attempts) for i in waiting} == {("pending", 7)}
    assert all(i.last_error.startswith("ConnectionRefusedError") for i in waiting)

    with SMTPServer(smtp_port) as server:
        an_attempt_is_due()
        with django_capture_on_commit_callbacks(execute=True):
            services.sweep()
        # Beat keeps sweeping, minute after minute: nothing goes out twice.
        for _ in range(3):
            an_attempt_is_due()
            with django_capture_on_commit_callbacks(execute=True):
                assert services.sweep() == []

    assert {(i.status, i.attempts) for i in OutboxItem.objects.all()} == {("sent", 8)}
    arrived = Counter((tuple(rcpts), " ".join(message["Subject"].split())) for _s, rcpts, message in server.messages)
    expected = Counter((tuple(i.recipients), i.subject) for i in items)
    assert arrived == expected
    assert set(arrived.values()) == {1}
    received_by = sorted(r for _sender, rcpts, _m in server.messages for r in rcpts)
    assert sorted(authors) == [r for r in received_by if r.startswith("author")]
    assert official_astana.email in received_by  # the review request and the akimat's reminder
    assert staff_user.email in received_by  # the foundation's overdue commitment

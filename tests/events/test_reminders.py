"""The reminder the day before: sent once per registration, by the daily beat job."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from consultations.models import Meeting
from events import services, tasks
from events.models import Registration
from outbox import services as outbox_services
from outbox.models import OutboxItem
from tests.events.conftest import online_conference


def registered(meeting, email, **kwargs):
    return Registration.objects.create(
        meeting=meeting,
        name="Ерлан Сейітов",
        email=email,
        language=kwargs.pop("language", "ru"),
        consent_version="v",
        consent_text="…",
        consented_at=timezone.now(),
        **kwargs,
    )


def tomorrow_at(hour):
    day = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@pytest.mark.django_db
class TestReminders:
    def test_the_beat_job_is_scheduled_daily(self):
        entry = settings.CELERY_BEAT_SCHEDULE["events-reminders"]
        assert entry["task"] == "events.tasks.remind_tomorrows_events"

    def test_it_reminds_those_registered_for_tomorrow_once(self, event_tour, django_capture_on_commit_callbacks):
        tomorrow = online_conference(event_tour, starts_at=tomorrow_at(15))
        later = online_conference(event_tour, starts_at=tomorrow_at(15) + datetime.timedelta(days=1))
        registered(tomorrow, "a@example.kz")
        registered(tomorrow, "b@example.kz", status=Registration.Status.WAITING)
        registered(tomorrow, "c@example.kz", status=Registration.Status.CANCELLED)
        registered(later, "d@example.kz")

        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.remind_tomorrows_events.delay().get() == 1
        assert [m.to for m in mail.outbox] == [["a@example.kz"]]
        assert mail.outbox[0].subject == f"Завтра: {tomorrow.title}"
        assert mail.outbox[0].attachments[0][0] == f"event-{tomorrow.pk}.ics"

        # A second run (or a second beat) sends nothing again.
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.remind_tomorrows_events.delay().get() == 0
        assert len(mail.outbox) == 1
        assert OutboxItem.objects.filter(task="events.tasks.send_reminder").count() == 1

    def test_a_cancelled_event_sends_no_reminder(self, event_tour, django_capture_on_commit_callbacks):
        meeting = online_conference(event_tour, starts_at=tomorrow_at(11))
        registered(meeting, "a@example.kz")
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.remind_tomorrows_events.delay().get() == 0
        assert not mail.outbox

    def test_a_registration_cancelled_after_queueing_gets_no_reminder(self, event_tour):
        meeting = online_conference(event_tour, starts_at=tomorrow_at(11))
        reg = registered(meeting, "a@example.kz")
        assert services.remind_tomorrows_events() == 1
        Registration.objects.filter(pk=reg.pk).update(status=Registration.Status.CANCELLED)
        assert services.send_reminder(registration_id=reg.pk) is False
        assert not mail.outbox

    def test_with_the_mail_server_down_the_reminder_waits_in_the_outbox(
        self, event_tour, settings, django_capture_on_commit_callbacks
    ):
        meeting = online_conference(event_tour, starts_at=tomorrow_at(11))
        registered(meeting, "a@example.kz")
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # refuses connections
        with django_capture_on_commit_callbacks(execute=True):
            assert services.remind_tomorrows_events() == 1
        item = OutboxItem.objects.get(task="events.tasks.send_reminder")
        assert item.status == OutboxItem.Status.PENDING
        assert item.attempts == 1 and "Connection" in item.last_error
        assert services.remind_tomorrows_events() == 0  # queued once, retried by the outbox

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        OutboxItem.objects.filter(pk=item.pk).update(next_attempt_at=timezone.now())
        assert outbox_services.deliver(item.pk) == "sent"
        assert [m.to for m in mail.outbox] == [["a@example.kz"]]


@pytest.mark.django_db
def test_registrations_go_a_year_after_their_event_as_the_consent_says(event_tour):
    assert settings.CELERY_BEAT_SCHEDULE["events-purge-registrations"]["task"] == "events.tasks.purge_old_registrations"
    old = online_conference(event_tour, starts_at=timezone.now() - datetime.timedelta(days=366))
    recent = online_conference(event_tour, starts_at=timezone.now() - datetime.timedelta(days=300))
    registered(old, "old@example.kz", attended=True)
    registered(recent, "recent@example.kz")
    assert tasks.purge_old_registrations.delay().get() == 1
    assert list(Registration.objects.values_list("email", flat=True)) == ["recent@example.kz"]

"""Registering for an event without an account: places, waiting list, e-mails, cancelling."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from consultations.models import Meeting
from events import services
from events.consent import CONSENT_VERSION
from events.models import Registration
from outbox.models import OutboxItem
from tests.events.conftest import ZOOM, online_conference

KAZAKH_NAME = "Әйгерім Құрманғазықызы"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what is queued on commit (the e-mails), as a real commit would: tests run inside a
    transaction that never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def register(client, committed):
    def post(meeting, lang="kk", **overrides):
        data = {
            "name": KAZAKH_NAME,
            "email": "Aigerim@Example.kz",
            "organisation": "«Үміт» ҚБ",
            "group": "ngos",
            "consent": "on",
            "website": "",
        } | overrides
        with committed():
            return client.post(f"/{lang}/events/{meeting.pk}/register/", data)

    return post


@pytest.mark.django_db
class TestRegister:
    def test_it_registers_without_an_account_and_records_the_consent(self, client, register, conference):
        response = register(conference)
        registration = Registration.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/kk/events/registration/{registration.token}/"
        assert registration.name == KAZAKH_NAME
        assert registration.email == "aigerim@example.kz"
        assert registration.status == Registration.Status.CONFIRMED
        assert registration.language == "kk"
        assert registration.consent_version == CONSENT_VERSION
        assert "келісемін" in registration.consent_text  # the text as shown, in Kazakh
        assert registration.consented_at is not None

    def test_the_confirmation_email_carries_the_calendar_file_and_the_cancel_link(self, client, register, conference):
        register(conference)
        registration = Registration.objects.get()
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["aigerim@example.kz"]
        assert conference.title in message.subject
        assert f"Құрметті {KAZAKH_NAME}!" in message.body
        assert f"/kk/events/registration/{registration.token}/" in message.body
        assert ZOOM not in message.body  # the join link is shown on the page from its time only
        ((filename, content, mimetype),) = message.attachments
        assert (filename, mimetype) == (f"event-{conference.pk}.ics", "text/calendar")
        event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
        assert str(event["summary"]) == conference.title
        assert event.decoded("dtstart") == conference.starts_at.replace(microsecond=0)

    def test_it_queues_the_confirmation_once_through_the_outbox(self, client, register, conference):
        register(conference)
        register(conference)  # the same address again: refused, nothing more queued
        assert OutboxItem.objects.filter(task="events.tasks.send_confirmation").count() == 1
        assert OutboxItem.objects.get().status == OutboxItem.Status.SENT
        assert len(mail.outbox) == 1

    def test_it_refuses_without_consent(self, client, register, conference):
        response = register(conference, consent="")
        assert response.status_code == 400
        assert not Registration.objects.exists()

    def test_an_address_registers_once_per_event(self, client, register, conference):
        register(conference)
        response = register(conference, email="aigerim@EXAMPLE.kz", lang="en")
        assert response.status_code == 409
        assert "This e-mail address is already registered for this event." in response.content.decode()
        assert Registration.objects.count() == 1

    def test_beyond_the_places_people_join_the_waiting_list(self, client, register, conference):
        for n in range(3):
            register(conference, email=f"p{n}@example.kz")
        statuses = list(Registration.objects.order_by("created_at", "pk").values_list("status", flat=True))
        assert statuses == ["confirmed", "confirmed", "waiting"]
        assert "күту тізімі" in mail.outbox[-1].subject

    def test_cancelling_frees_the_place_for_the_first_waiting(self, client, register, committed, conference):
        for n in range(4):
            register(conference, email=f"p{n}@example.kz")
        first = Registration.objects.get(email="p0@example.kz")
        mail.outbox.clear()
        response = client.get(f"/kk/events/registration/{first.token}/")
        assert response.status_code == 200
        first.refresh_from_db()
        assert first.status == Registration.Status.CONFIRMED  # opening the link cancels nothing
        with committed():
            response = client.post(f"/kk/events/registration/{first.token}/")
        assert response.status_code == 200
        assert response["Referrer-Policy"] == "no-referrer"
        statuses = dict(Registration.objects.values_list("email", "status"))
        assert statuses == {
            "p0@example.kz": "cancelled",
            "p1@example.kz": "confirmed",
            "p2@example.kz": "confirmed",
            "p3@example.kz": "waiting",
        }
        assert [m.to for m in mail.outbox] == [["p2@example.kz"]]
        # Cancelling twice changes nothing more.
        client.post(f"/kk/events/registration/{first.token}/")
        assert Registration.objects.confirmed().count() == 2

    def test_a_cancelled_address_may_register_again(self, client, register, conference):
        register(conference)
        services.registration_cancel(registration=Registration.objects.get())
        assert register(conference).status_code == 302
        assert Registration.objects.active().count() == 1

    def test_registration_closes_at_the_start(self, client, register, event_tour):
        started = online_conference(event_tour, starts_in=-datetime.timedelta(minutes=5))
        response = register(started, lang="en")
        assert response.status_code == 400
        assert "Registration for this event is closed." in response.content.decode()
        assert not Registration.objects.exists()

    def test_an_event_without_registration_has_no_form(self, client, register, event_tour):
        closed = online_conference(event_tour, registration_open=False)
        assert client.get(f"/kk/events/{closed.pk}/register/").status_code == 404

    def test_a_bot_filling_the_honeypot_saves_nothing(self, client, register, conference):
        response = register(conference, website="http://spam.example")
        assert response.status_code == 302
        assert not Registration.objects.exists()
        assert not mail.outbox

    def test_one_address_may_register_ten_times_an_hour(self, client, register, conference):
        conference.capacity = None
        conference.save()
        for n in range(10):
            assert register(conference, email=f"p{n}@example.kz").status_code == 302
        response = register(conference, email="p10@example.kz")
        assert response.status_code == 429
        assert Registration.objects.count() == 10

    def test_garbage_in_the_form_is_a_form_error(self, client, register, conference):
        response = register(conference, name=" ", email="not-an-address", group="nonsense")
        assert response.status_code == 400
        assert not Registration.objects.exists()

    def test_invisible_or_too_long_texts_are_refused(self, client, register, conference):
        assert register(conference, name="\u200b\u200d\ufeff").status_code == 400
        assert register(conference, organisation="\u2060\u200b").status_code == 400
        assert register(conference, name="Ә" * 201).status_code == 400
        assert not Registration.objects.exists()

    def test_raising_the_capacity_moves_the_waiting_list_up(self, register, committed, conference):
        for n in range(4):
            register(conference, email=f"p{n}@example.kz")
        conference.capacity = 3
        with committed():
            conference.save()  # as the plan form does
        assert Registration.objects.confirmed().count() == 3
        assert list(Registration.objects.waiting().values_list("email", flat=True)) == ["p3@example.kz"]


@pytest.mark.django_db
class TestEventPageRegistration:
    def test_the_event_page_shows_the_places_left_and_the_register_link(self, client, register, conference):
        register(conference, email="p0@example.kz")
        html = client.get(f"/en/meetings/{conference.pk}/").content.decode()
        assert "Registration is open: 1 place left." in html
        assert f'href="/en/events/{conference.pk}/register/"' in html

    def test_a_full_event_offers_the_waiting_list(self, client, register, conference):
        for n in range(2):
            register(conference, email=f"p{n}@example.kz")
        html = client.get(f"/en/meetings/{conference.pk}/").content.decode()
        assert "All places are taken; you can join the waiting list." in html

    def test_a_held_event_has_no_registration(self, client, register, conference):
        conference.status = Meeting.Status.HELD
        conference.starts_at = timezone.now() - datetime.timedelta(days=1)
        conference.save()
        html = client.get(f"/en/meetings/{conference.pk}/").content.decode()
        assert 'data-testid="register-link"' not in html
        assert 'data-testid="add-to-calendar"' not in html

"""Simultaneous sign-ups for the last places: never more confirmed than places (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from events import services
from events.models import Registration
from tests.events.conftest import online_conference

PLACES = 5
PEOPLE = 12


@pytest.fixture(autouse=True)
def _celery_join_flag():
    """Eager tasks in several threads at once race on Celery's process-wide "join would block"
    flag (allow_join_result/denied_join_result save and restore it without a lock), which can be
    left set and break later .get() calls in this process. Put it back as it was."""
    from celery import _state

    before = _state.task_join_will_block()
    yield
    _state._set_task_join_will_block(before)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL")
class TestConcurrentSignUps:
    def run_together(self, meeting, emails):
        barrier = threading.Barrier(len(emails))
        errors = []

        def sign_up(email):
            try:
                barrier.wait()
                services.registration_create(meeting=meeting, name="Қатысушы", email=email)
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=sign_up, args=(email,)) for email in emails]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return errors

    def test_no_overbooking_and_the_rest_wait(self, event_tour):
        meeting = online_conference(event_tour, capacity=PLACES)
        errors = self.run_together(meeting, [f"p{n}@example.kz" for n in range(PEOPLE)])
        assert errors == []
        assert Registration.objects.confirmed().count() == PLACES
        assert Registration.objects.waiting().count() == PEOPLE - PLACES
        # The waiting list is in the order people got in.
        waiting = list(Registration.objects.waiting())
        confirmed_last = Registration.objects.confirmed().order_by("-created_at").first()
        assert all(w.created_at >= confirmed_last.created_at for w in waiting)

    def test_the_same_address_twice_at_once_registers_once(self, event_tour):
        meeting = online_conference(event_tour, capacity=PLACES)
        errors = self.run_together(meeting, ["same@example.kz"] * 4)
        assert Registration.objects.count() == 1
        assert len(errors) == 3
        assert all(isinstance(e, services.RegistrationRefused) for e in errors)

"""The lost-update case: two staff members save the same meeting from the same version."""

import threading

import pytest
from django.db import connection

from consultations.models import Meeting
from consultations.services.meetings import MeetingConflict, meeting_save
from tests import factories
from tests.consultations.staff_data import minutes_post


@pytest.mark.django_db
class TestLostUpdate:
    def test_the_second_save_from_the_same_version_is_refused(self, tour, astana, staff_user, admin_user):
        meeting = factories.MeetingFactory(tour=tour, region=astana)
        first = Meeting.objects.get(pk=meeting.pk)
        second = Meeting.objects.get(pk=meeting.pk)
        first.minutes = "Бірінші"
        meeting_save(meeting=first, expected_version=1, user=staff_user)
        second.minutes = "Екінші"
        with pytest.raises(MeetingConflict) as refused:
            meeting_save(meeting=second, expected_version=1, user=admin_user)
        assert [c.field for c in refused.value.changes] == ["minutes"]
        assert refused.value.changes[0].new == "Бірінші"
        assert refused.value.changed_by == staff_user
        meeting.refresh_from_db()
        assert (meeting.minutes, meeting.version) == ("Бірінші", 2)

    def test_two_browsers_on_the_minutes_page(self, client, staff_client, admin_user, tour, astana):
        meeting = factories.MeetingFactory(tour=tour, region=astana)
        factories.ParticipationFactory(meeting=meeting, group="ngos", count=10)
        client.force_login(admin_user)
        both_loaded = minutes_post(meeting)  # version 1, as both pages were rendered
        mine = dict(both_loaded, minutes="Менікі")
        theirs = dict(both_loaded, minutes="Олардікі", **{"participation-0-count": "40"})
        assert client.post(f"/en/staff/meetings/{meeting.pk}/", theirs).status_code == 302
        response = staff_client.post(f"/en/staff/meetings/{meeting.pk}/", mine)
        assert response.status_code == 409
        assert "Minutes page saved (participation: NGOs and public organisations 40)" in response.content.decode()
        meeting.refresh_from_db()
        assert meeting.minutes == "Олардікі"
        assert meeting.participations.get().count == 40  # the participation rows were not overwritten either
        # The refused form now carries the current version: saving again is a deliberate choice.
        assert response.context["minutes_form"]["version"].value() == "2"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL")
class TestConcurrentSaves:
    def test_of_many_simultaneous_saves_from_one_version_exactly_one_wins(self, tour, astana, staff_user):
        meeting = factories.MeetingFactory(tour=tour, region=astana)
        barrier = threading.Barrier(6)
        outcomes = []

        def save(n):
            from django.db import connections

            try:
                copy = Meeting.objects.get(pk=meeting.pk)
                copy.minutes = f"нұсқа {n}"
                barrier.wait()
                meeting_save(meeting=copy, expected_version=1, user=staff_user)
                outcomes.append("saved")
            except MeetingConflict:
                outcomes.append("refused")
            finally:
                connections.close_all()

        threads = [threading.Thread(target=save, args=(n,)) for n in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["refused"] * 5 + ["saved"]
        meeting.refresh_from_db()
        assert meeting.version == 2
        assert meeting.history.count() == 2

"""A citizen finds the next online conference in Kazakh, registers, gets the e-mail with the
calendar file, and joins when it starts. Axe on every page."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from consultations.models import Meeting
from events.models import Registration
from tests import factories
from tests.e2e.conftest import run_axe, save_screenshot

ZOOM = "https://us02web.zoom.us/j/82026120100"


@pytest.mark.usefixtures("e2e_db")
def test_a_citizen_registers_for_an_online_conference_in_kazakh(page, live_server):
    tour = factories.TourFactory(
        is_current=True, starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2035, 12, 31)
    )
    conference = factories.MeetingFactory(
        tour=tour,
        region=None,
        kind=Meeting.Kind.ONLINE_CONFERENCE,
        attendance=Meeting.Attendance.ONLINE,
        title="Онлайн-конференция: инклюзивті білім беру",
        venue="",
        online_url=ZOOM,
        online_is_public=True,
        registration_open=True,
        capacity=100,
        status=Meeting.Status.PLANNED,
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    mail.outbox.clear()

    page.goto(f"{live_server.url}/kk/")
    page.get_by_role("link", name="Іс-шаралар", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Іс-шаралар")
    assert run_axe(page) == []
    page.get_by_role("link", name=conference.title, exact=True).click()

    expect(page.get_by_test_id("join-link-later")).to_contain_text("Қосылу сілтемесі мұнда")
    assert ZOOM not in page.content()
    save_screenshot(page, "event-before")
    assert run_axe(page) == []

    page.get_by_test_id("register-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Іс-шараға тіркелу")
    assert run_axe(page) == []
    page.get_by_role("button", name="Тіркелу").click()  # nothing filled: errors, nothing lost
    expect(page.get_by_test_id("error-summary")).to_be_visible()
    assert run_axe(page) == []
    page.get_by_label("Атыңыз").fill("Гүлнәр Әбішқызы")
    page.get_by_label("Электрондық хат").fill("gulnar@example.kz")
    page.get_by_label("Ұйым", exact=True).fill("«Мейірім» қоғамдық бірлестігі")
    page.get_by_label("Кімнің атынан қатысасыз").select_option("ngos")
    page.get_by_label("Қордың мені осы іс-шараға тіркеу").check()
    page.get_by_role("button", name="Тіркелу").click()

    expect(page.get_by_test_id("registration-status")).to_have_text(
        "Орныңыз расталды. Сізге толық мәліметтер мен күнтізбе файлы бар электрондық хат жібердік."
    )
    save_screenshot(page, "event-registered")
    assert run_axe(page) == []

    registration = Registration.objects.get()
    assert (registration.name, registration.language) == ("Гүлнәр Әбішқызы", "kk")
    (message,) = mail.outbox
    assert message.to == ["gulnar@example.kz"]
    assert "Құрметті Гүлнәр Әбішқызы!" in message.body
    assert f"/kk/events/registration/{registration.token}/" in message.body
    (filename, content, _mimetype) = message.attachments[0]
    (event,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(event["summary"]) == conference.title

    # Ten minutes before the start the join link is there.
    Meeting.objects.filter(pk=conference.pk).update(starts_at=timezone.now() + datetime.timedelta(minutes=10))
    page.goto(f"{live_server.url}/kk/meetings/{conference.pk}/")
    link = page.get_by_test_id("join-link").get_by_role("link")
    expect(link).to_have_attribute("href", ZOOM)
    save_screenshot(page, "event-join")
    assert run_axe(page) == []

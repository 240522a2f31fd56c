"""A staff member logs in and reads the home page in Kazakh, Russian and English."""

import pytest
from playwright.sync_api import expect

from consultations.models import Meeting
from tests import factories
from tests.e2e.conftest import login, run_axe, save_screenshot

HEADINGS = {"kk": "Өңірлерді аралау барысы", "ru": "Ход региональных встреч", "en": "Tour progress"}


@pytest.mark.usefixtures("e2e_db")
def test_staff_logs_in_and_sees_home_in_three_languages(page, live_server):
    tour = factories.TourFactory(is_current=True, name_kk="Өңірлік кездесулер", name_en="Regional meetings")
    factories.MeetingFactory(tour=tour, region=factories.region("KZ-71"), status=Meeting.Status.HELD)
    factories.ProposalFactory.create_batch(2, tour=tour)
    factories.StaffFactory(username="staff")

    login(page, live_server, "staff", factories.PASSWORD)
    expect(page.get_by_test_id("current-user")).to_have_text("staff")

    for lang in ("kk", "ru", "en"):
        page.goto(f"{live_server.url}/{lang}/")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.get_by_role("heading", name=HEADINGS[lang])).to_be_visible()
        expect(page.get_by_test_id("meetings-held")).to_have_text("1")
        expect(page.get_by_test_id("proposals-received")).to_have_text("2")
        save_screenshot(page, f"home-{lang}")
        assert run_axe(page) == []


@pytest.mark.usefixtures("e2e_db")
def test_a_wrong_password_shows_an_error(page, live_server):
    factories.StaffFactory(username="staff")
    login(page, live_server, "staff", "not-the-password", lang="en")
    expect(page.locator(".alert-danger, .invalid-feedback, .errorlist").first).to_be_visible()

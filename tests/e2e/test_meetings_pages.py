"""Staff meeting pages in Chromium: attachments, PDF, list, calendar, print; axe and keyboard."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations.models import Meeting
from tests import factories
from tests.consultations.staff_data import png_bytes
from tests.e2e.conftest import login, run_axe, save_screenshot


@pytest.fixture
def logged_meeting(e2e_db, page, live_server):
    tour = factories.TourFactory(is_current=True)
    factories.StaffFactory(username="staff")
    meeting = factories.MeetingFactory(
        tour=tour,
        region=factories.region("KZ-71"),
        title="Астана: әкіммен кездесу",
        minutes="## Хаттама\n\nҚатысушылар ұсыныстарын айтты: ә ғ қ ң ө ұ ү һ і.",
        starts_at=timezone.now() - datetime.timedelta(days=1),
    )
    factories.ParticipationFactory(meeting=meeting, group="ngos", count=25, organisations="«Үміт»")
    factories.ProposalFactory.create_batch(3, tour=tour, meeting=meeting)
    factories.MeetingFactory(tour=tour, region=factories.region("KZ-75"), status=Meeting.Status.PLANNED)
    login(page, live_server, "staff", factories.PASSWORD, lang="en")
    return meeting


def test_staff_attaches_a_photo_and_prints_the_minutes(page, live_server, logged_meeting, tmp_path):
    meeting = logged_meeting
    base = f"{live_server.url}/en/staff/meetings/{meeting.pk}"
    page.goto(f"{base}/")

    photo = tmp_path / "кездесу.png"
    photo.write_bytes(png_bytes((1200, 800)))
    page.set_input_files("#id_file", str(photo))
    page.fill("#id_caption", "Әкімдік залындағы кездесу")
    page.get_by_role("button", name="Upload").click()
    thumbnail = page.get_by_role("img", name="Әкімдік залындағы кездесу")
    expect(thumbnail).to_be_visible()
    thumbnail.scroll_into_view_if_needed()  # it loads lazily
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle())
    assert page.evaluate("(img) => img.naturalWidth", thumbnail.element_handle()) == 320

    # A file that only pretends to be a photo is refused with the reason, by content.
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"<script>alert(1)</script>")
    page.set_input_files("#id_file", str(fake))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("Its content was checked, not its name.")

    page.goto(f"{base}/")
    page.get_by_role("button", name="Generate the PDF").click()
    expect(page.get_by_test_id("pdf-status")).to_have_text("Ready")
    with page.expect_download() as download:
        page.get_by_test_id("pdf-download").click()
    assert download.value.suggested_filename.endswith(".pdf")
    save_screenshot(page, "meetings-attachments-pdf")
    assert run_axe(page) == []

    page.goto(f"{base}/print/")
    expect(page.locator("main")).to_contain_text("Қатысушылар ұсыныстарын айтты")
    page.emulate_media(media="print")
    expect(page.locator("nav.navbar")).to_be_hidden()
    page.emulate_media(media="screen")
    assert run_axe(page) == []


def test_the_list_and_calendar_are_accessible_and_keyboard_usable(page, live_server, logged_meeting):
    base = f"{live_server.url}/en/staff/meetings"
    page.goto(f"{base}/")
    expect(page.get_by_test_id("meeting-row")).to_have_count(2)
    page.select_option("#id_status", "held")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("meeting-row")).to_have_count(1)
    assert run_axe(page) == []

    page.goto(f"{base}/calendar/?month={logged_meeting.starts_at:%Y-%m}")
    expect(page.get_by_role("link", name="Astana")).to_be_visible()
    assert run_axe(page) == []
    save_screenshot(page, "meetings-calendar")

    # Keyboard only: the skip link comes first and the focused control shows a visible outline.
    page.goto(f"{base}/{logged_meeting.pk}/edit/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.focus("#id_title_kk")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    shadow = page.evaluate("() => getComputedStyle(document.activeElement).boxShadow")
    assert outline != "none" or shadow != "none"
    assert run_axe(page) == []

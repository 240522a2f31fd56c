"""A staff member logs the Astana meeting from the news report in one sitting, without the admin.

Creates the meeting, types the minutes in Kazakh, adds three participant groups and five
proposals, marks it held, publishes the minutes and finds them on the public meeting page.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations.models import Meeting
from tests import factories
from tests.e2e.conftest import login, run_axe, save_screenshot

MINUTES = (
    "## Кездесу барысы\n\n"
    "«Қазақстан халқына» Қоғамдық Қорының Басқарма төрағасы Болат Жәмішев пен елорда әкімі "
    "Алтай Көлгінов қала әкімдігінде жұртшылықпен кездесті.\n\n"
    "- Ынтымақтастық туралы меморандумға қол қойылды\n"
    "- Ұсыныстар қордың жаңартылған тұжырымдамасында ескеріледі"
)
GROUPS = [
    ("city_services", "12", "Қалалық басқармалар"),
    ("ngos", "30", "«Үміт» қоғамдық бірлестігі"),
    ("medical", "8", "Ана мен баланың ұлттық ғылыми орталығы"),
]
PROPOSALS = [
    ("Инклюзивті мектептер санын кеңейту", "education"),
    ("Церебральды сал, аутизм, Даун синдромы бар балаларға арналған перинаталды орталықтарды жабдықтау", "healthcare"),
    ("Оңалту орталықтарын жабдықтау", "rehabilitation"),
    ("Манас көшесіндегі онкологиялық орталықты жабдықтау", "healthcare"),
    ("Мүмкіндігі шектеулі балаларға арналған «Тұсау кесер» үйірмесін кеңейту", "sport"),
]


@pytest.mark.usefixtures("e2e_db")
def test_staff_logs_the_astana_meeting_and_publishes_its_minutes(page, live_server):
    tour = factories.TourFactory(is_current=True, name_en="Regional consultation tour")
    factories.StaffFactory(username="staff")
    astana = factories.region("KZ-71")
    base = f"{live_server.url}/en"
    login(page, live_server, "staff", factories.PASSWORD, lang="en")

    # The dashboard leads to planning a meeting.
    page.goto(f"{base}/staff/")
    assert run_axe(page) == []
    page.get_by_role("link", name="Plan a meeting").click()

    # Plan: a bad first try shows the error summary, linked to the field, and keeps the input.
    yesterday = timezone.localtime() - datetime.timedelta(days=1)
    page.select_option("#id_tour", str(tour.pk))
    page.select_option("#id_region", str(astana.pk))
    page.fill("#id_title_kk", "Елорда әкімдігінде «Қазақстан халқына» қорының басшысымен кездесу")
    page.fill("#id_starts_at", yesterday.strftime("%Y-%m-%dT10:00"))
    page.get_by_role("button", name="Plan the meeting").click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_focused()
    expect(page.locator("#id_title_kk")).to_have_value(
        "Елорда әкімдігінде «Қазақстан халқына» қорының басшысымен кездесу"
    )
    assert run_axe(page) == []
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_venue_kk")).to_be_focused()
    page.keyboard.type("Астана қаласының әкімдігі")
    page.fill("#id_chair_kk", "Болат Жәмішев")
    page.fill("#id_hosts_kk", "Алтай Көлгінов, Астана қаласының әкімі")
    page.get_by_role("button", name="Plan the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Елорда әкімдігінде «Қазақстан халқына» қорының басшысымен кездесу"
    )
    meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.PLANNED

    # Minutes in Kazakh, previewed, and three participant groups (the third row added by the button).
    page.fill("#id_minutes", MINUTES)
    page.get_by_test_id("preview-minutes").click()
    expect(page.get_by_test_id("minutes-preview").get_by_role("heading", name="Кездесу барысы")).to_be_visible()
    page.get_by_role("button", name="Add a group").click()
    expect(page.locator("#id_participation-2-group")).to_be_focused()
    for i, (group, count, orgs) in enumerate(GROUPS):
        page.select_option(f"#id_participation-{i}-group", group)
        page.fill(f"#id_participation-{i}-count", count)
        page.fill(f"#id_participation-{i}-organisations", orgs)
    page.fill("#id_summary_kk", "Қор басшысы мен елорда әкімі тұрғындармен кездесіп, меморандумға қол қойды.")
    page.fill("#id_outcomes_kk", "- Ынтымақтастық туралы меморандумға қол қойылды")
    page.get_by_test_id("save-minutes").click()
    expect(page.get_by_role("status").filter(has_text="The minutes are saved.")).to_be_visible()
    assert run_axe(page) == []
    save_screenshot(page, "meetings-minutes-page")

    # Five proposals typed in a row on the quick-entry page, without leaving it.
    page.get_by_test_id("quick-entry-link").click()
    for i, (text, direction) in enumerate(PROPOSALS):
        page.fill(f"#id_proposal-{i}-text", text)
        page.select_option(f"#id_proposal-{i}-direction", direction)
    page.fill("#id_proposal-0-author_name", "Алтай Көлгінов")
    page.fill("#id_proposal-0-author_organisation", "Астана қаласының әкімдігі")
    page.get_by_test_id("save-proposals").click()
    expect(page.get_by_test_id("saved-count")).to_have_text("5")
    assert run_axe(page) == []
    page.get_by_role("link", name="Back to the minutes").click()
    expect(page.get_by_test_id("proposal-count")).to_have_text("5")

    # Held, then the minutes published.
    page.get_by_test_id("status-held").click()
    expect(page.get_by_role("status").filter(has_text="The meeting is now “Held”.")).to_be_visible()
    page.get_by_test_id("status-minutes_published").click()
    expect(page.get_by_role("status").filter(has_text="Minutes published")).to_be_visible()
    history = page.get_by_test_id("history-row")
    expect(history.first).to_contain_text("Status: Held → Minutes published")
    expect(history.first).to_contain_text("staff")

    # The public page shows the minutes.
    page.goto(f"{base}/meetings/{meeting.pk}/")
    expect(page.get_by_role("heading", name="Minutes")).to_be_visible()
    expect(page.get_by_role("heading", name="Кездесу барысы")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Болат Жәмішев пен елорда әкімі Алтай Көлгінов")
    save_screenshot(page, "meetings-public-page")

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_PUBLISHED
    assert meeting.participations.count() == 3
    assert meeting.proposals.count() == 5

"""Every public page type in Chromium at phone and desktop widths: no axe-core violation,
no sideways scrolling at 360 px, and a screenshot of each saved under tests/artifacts/."""

import pytest
from playwright.sync_api import expect

from consultations.models import Meeting
from proposals.models import Proposal
from tests import public_data
from tests.e2e.conftest import run_axe, save_screenshot


VIEWPORTS = {"360": {"width": 360, "height": 800}, "1280": {"width": 1280, "height": 900}}


def page_types(data) -> dict[str, str]:
    published = next(m for m in data.meetings if m.status == Meeting.Status.MINUTES_PUBLISHED)
    planned = next(m for m in data.meetings if m.status == Meeting.Status.PLANNED)
    proposal = Proposal.objects.filter(is_public=True, meeting=published).exclude(answer="").first()
    return {
        "home": "/kk/",
        "regions": "/ru/regions/",
        "region": f"/en/regions/{published.region.slug}/",
        "meeting": f"/kk/meetings/{published.pk}/",
        "meeting-planned": f"/en/meetings/{planned.pk}/",
        "programs": "/ru/programs/",
        "program": f"/en/programs/{data.programs[0].slug}/",
        "statistics": "/kk/proposals/statistics/",
        "accessibility": "/ru/accessibility/",
        "proposals": "/en/proposals/",
        "proposal": f"/kk/proposals/{proposal.code}/",
    }


@pytest.mark.usefixtures("e2e_db")
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_public_page_type_passes_axe_and_fits_the_screen(page, live_server, viewport):
    data = public_data.build(scale=1, proposals=40)
    page.set_viewport_size(VIEWPORTS[viewport])
    for name, path in page_types(data).items():
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        save_screenshot(page, f"public-{name}-{viewport}")
        violations = run_axe(page)
        assert violations == [], (name, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations])
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= VIEWPORTS[viewport]["width"], f"{name} scrolls sideways at {viewport} px ({width} px wide)"


@pytest.mark.usefixtures("e2e_db")
def test_a_citizen_finds_their_region_meeting_and_proposal_answer(page, live_server):
    data = public_data.build(scale=1, proposals=40)
    meeting = next(m for m in data.meetings if m.status == Meeting.Status.MINUTES_PUBLISHED)
    page.set_viewport_size(VIEWPORTS["360"])
    page.goto(f"{live_server.url}/en/")
    # The tile map is a set of links named after the regions.
    page.get_by_role("link", name=f"{meeting.region.name_en}:").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(meeting.region.name_en)
    page.get_by_role("link", name=meeting.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(meeting.title)
    expect(page.get_by_test_id("meeting-minutes")).to_be_visible()
    page.get_by_test_id("proposal-teasers").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Proposal")


@pytest.mark.usefixtures("e2e_db")
def test_the_keyboard_reaches_the_map_tiles_after_the_skip_link(page, live_server):
    public_data.build(scale=1, proposals=10)
    page.goto(f"{live_server.url}/en/regions/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    # From main content, Tab walks the region list and then the map's tiles.
    for _ in range(25):
        page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('aria-label') || ''")
    assert ":" in focused, f"expected a map tile to have the focus, got {focused!r}"

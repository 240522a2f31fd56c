"""Keyboard and phone, seen in Chromium on the demo data (the longest texts the site has):

- the focus ring contrasts at least 3:1 with what surrounds it on the dark navbar, on a form
  field and on a content link (colours read with getComputedStyle, contrast computed here);
- "Submit a proposal" is reached within a few Tab presses from the home page, and the map can be
  skipped;
- staff and official page shapes pass axe-core at 1280 and 360 px and never scroll sideways,
  also with a proposal containing one very long unbroken word.
"""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from consultations.models import Meeting, Memorandum
from demo.seed import DEMO_PASSWORD
from proposals.models import Proposal
from proposals.services import proposal_create
from tests.e2e.conftest import login, run_axe, save_screenshot

VIEWPORTS = {"1280": {"width": 1280, "height": 900}, "360": {"width": 360, "height": 800}}
LONG_WORD = "Инклюзивтібілімберетінмектептердіңресурстықкабинеттерінжабдықтаубағдарламасы" * 2

# The colours under and around the focused element, as Chromium computed them.
FOCUS_COLOURS_JS = """() => {
  const el = document.activeElement;
  const cs = getComputedStyle(el);
  let bg = null;
  for (let node = el.parentElement; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && !/rgba\\(.*, 0\\)$/.test(colour) && colour !== 'transparent') { bg = colour; break; }
  }
  return {outline: cs.outlineColor, outlineWidth: cs.outlineWidth, outlineStyle: cs.outlineStyle,
          shadow: cs.boxShadow, background: bg || 'rgb(255, 255, 255)', tag: el.tagName};
}"""


def rgb(text: str) -> tuple[int, int, int]:
    return tuple(int(x) for x in re.findall(r"\d+", text)[:3])


def luminance(colour: tuple[int, int, int]) -> float:
    channels = []
    for value in colour:
        c = value / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_is_computed_as_wcag_does():
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert round(contrast((245, 166, 35), (255, 255, 255)), 2) == 2.03  # the old orange ring on white


def focus_ring_contrast(page) -> tuple[float, dict]:
    """The better of the ring's two colours (dark outline, white halo) against the background."""
    seen = page.evaluate(FOCUS_COLOURS_JS)
    assert seen["outlineStyle"] == "solid" and float(seen["outlineWidth"].rstrip("px")) >= 2, seen
    background = rgb(seen["background"])
    halo = rgb(seen["shadow"]) if seen["shadow"] != "none" else background
    return max(contrast(rgb(seen["outline"]), background), contrast(halo, background)), seen


@pytest.fixture
def demo(e2e_db):
    call_command("seed_demo", "--allow-without-debug", verbosity=0)
    astana = Meeting.objects.get(region__code_iso="KZ-71")
    proposal_create(
        tour=astana.tour,
        region=astana.region,
        meeting=astana,
        direction="education",
        channel=Proposal.Channel.MEETING,
        text=f"{LONG_WORD} керек.",
    )
    Proposal.objects.filter(text__startswith=LONG_WORD[:20]).update(is_public=True)
    return astana


def test_focus_is_visible_and_the_main_action_comes_first(page, live_server, demo):
    page.set_viewport_size(VIEWPORTS["1280"])
    page.goto(f"{live_server.url}/kk/")
    # Keyboard path from the top of the home page to the main action.
    presses = 0
    while page.evaluate("() => document.activeElement.dataset.testid") != "main-action":
        presses += 1
        assert presses <= 12, "«Submit a proposal» is not reached within 12 Tab presses"
        page.keyboard.press("Tab")
    ratio, seen = focus_ring_contrast(page)
    assert ratio >= 3, seen

    # The navbar: a dark background.
    page.focus(".navbar .nav-link")
    ratio, seen = focus_ring_contrast(page)
    assert ratio >= 3, ("navbar", seen)
    save_screenshot(page, "focus-navbar")
    # A content link in the page.
    page.focus("main section a")
    ratio, seen = focus_ring_contrast(page)
    assert ratio >= 3, ("content link", seen)
    # A form field.
    page.goto(f"{live_server.url}/ru/proposals/submit/")
    page.keyboard.press("Tab")
    page.focus("textarea[name=text]")
    ratio, seen = focus_ring_contrast(page)
    assert ratio >= 3, ("form field", seen)
    save_screenshot(page, "focus-form-field")

    # Skipping the map: the next Tab after the skip link lands after the map, not on a tile.
    page.goto(f"{live_server.url}/ru/regions/")
    page.focus("[data-testid=skip-map]")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    label = page.evaluate("() => document.activeElement.closest('svg') ? 'tile' : document.activeElement.tagName")
    assert label != "tile"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_staff_and_official_pages_pass_axe_and_fit_the_screen(page, live_server, demo, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    astana_memorandum = Memorandum.objects.get(region__code_iso="KZ-71")
    almaty_memorandum = Memorandum.objects.get(region__code_iso="KZ-75")  # in review
    long_proposal = Proposal.objects.get(text__startswith=LONG_WORD[:20])
    with translation.override("en"):
        staff_pages = {
            "dashboard": reverse("consultations:staff_dashboard"),
            "meetings": reverse("consultations:staff_meeting_list"),
            "meeting": reverse("consultations:staff_meeting_detail", args=[demo.pk]),
            "meeting-edit": reverse("consultations:staff_meeting_edit", args=[demo.pk]),
            "triage": reverse("proposals:triage"),
            "proposal": reverse("proposals:staff_detail", args=[long_proposal.pk]),
            "memoranda": reverse("consultations:staff_memorandum_list"),
            "memorandum": reverse("consultations:staff_memorandum_detail", args=[astana_memorandum.pk]),
            "commitments": reverse("consultations:staff_commitment_list"),
        }
        official_pages = {
            "akimat": reverse("consultations:akimat_home"),
            "akimat-memorandum": reverse("consultations:akimat_memorandum_detail", args=[astana_memorandum.pk]),
        }
        public_pages = {
            "tracker": reverse("proposals:list"),
            "region": demo.region.get_absolute_url(),
            "meeting-public": demo.get_absolute_url(),
        }
    assert almaty_memorandum.status == Memorandum.Status.IN_REVIEW

    def check(name, path, lang):
        page.goto(f"{live_server.url}{path.replace('/en/', f'/{lang}/', 1)}")
        expect(page.locator("h1")).to_have_count(1)
        save_screenshot(page, f"shape-{name}-{viewport}")
        violations = run_axe(page)
        assert violations == [], (name, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations])
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= VIEWPORTS[viewport]["width"], f"{name} scrolls sideways ({width} px)"

    for name, path in public_pages.items():
        check(name, path, "ru")
    login(page, live_server, "staff", DEMO_PASSWORD, lang="en")
    for name, path in staff_pages.items():
        check(name, path, "kk")
    page.context.clear_cookies()
    login(page, live_server, "akimat-astana", DEMO_PASSWORD, lang="en")
    for name, path in official_pages.items():
        check(name, path, "ru")

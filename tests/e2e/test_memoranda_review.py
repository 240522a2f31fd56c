"""The Astana memorandum from draft to signed, in Chromium: staff send it, the Astana official
asks for a change, staff revise, the official approves, staff record the signing, the public
reads it; the Almaty official sees none of it along the way."""

import pytest
from playwright.sync_api import expect

from consultations.models import Memorandum
from tests import factories
from tests.consultations.conftest_memoranda import make_memorandum
from tests.e2e.conftest import login, run_axe, save_screenshot

SCAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _session(browser, live_server, username):
    context = browser.new_context()
    page = context.new_page()
    login(page, live_server, username, factories.PASSWORD, lang="en")
    expect(page.get_by_test_id("current-user")).to_have_text(username)
    return page


def _almaty_sees_nothing(page, live_server, memorandum):
    page.goto(f"{live_server.url}/en/akimat/")
    expect(page.get_by_test_id("memoranda")).not_to_contain_text(memorandum.title)
    for path in (f"akimat/memoranda/{memorandum.pk}/", f"memoranda/{memorandum.pk}/pdf/"):
        response = page.goto(f"{live_server.url}/en/{path}")
        assert response.status == 404, path


@pytest.mark.usefixtures("e2e_db")
def test_the_astana_memorandum_from_draft_to_signed(browser, live_server, tmp_path):
    astana, almaty = factories.region("KZ-71"), factories.region("KZ-75")
    factories.StaffFactory(username="staff")
    factories.OfficialFactory(username="akimat-astana", region=astana)
    factories.OfficialFactory(username="akimat-almaty", region=almaty)
    memorandum = make_memorandum(astana, Memorandum.Status.DRAFT, number="М-71/2026")
    base = live_server.url

    staff = _session(browser, live_server, "staff")
    official = _session(browser, live_server, "akimat-astana")
    other = _session(browser, live_server, "akimat-almaty")

    # Staff send the draft for review.
    staff.goto(f"{base}/en/staff/memoranda/{memorandum.pk}/")
    assert run_axe(staff) == []
    staff.get_by_role("button", name="Send to the akimat for review").click()
    expect(staff.get_by_test_id("status")).to_have_text("In review")
    _almaty_sees_nothing(other, live_server, memorandum)

    # The Astana official asks for a change.
    official.goto(f"{base}/en/akimat/")
    assert run_axe(official) == []
    official.get_by_role("link", name=memorandum.title).click()
    assert run_axe(official) == []
    official.get_by_label("Changes requested").check()
    official.get_by_label("Your comment").fill("Мерзімдерді нақтылаңыз: 2027 жылдың соңына дейін.")
    official.get_by_role("button", name="Submit review").click()
    expect(official.get_by_test_id("status")).to_have_text("Changes requested")

    # Staff read the comment, revise the Kazakh text and send it again.
    staff.reload()
    expect(staff.get_by_test_id("comments")).to_contain_text("Мерзімдерді нақтылаңыз")
    staff.get_by_role("link", name="Edit", exact=True).click()
    text = staff.get_by_label("Text (Kazakh)")
    text.fill(text.input_value() + "\nЖабдық 2027 жылдың соңына дейін орнатылады.")
    assert run_axe(staff) == []
    staff.get_by_role("button", name="Save").click()
    staff.get_by_role("button", name="Send to the akimat for review").click()
    expect(staff.get_by_test_id("status")).to_have_text("In review")

    # The official sees what changed and approves.
    official.reload()
    official.get_by_role("link", name="what changed in revision 2").click()
    expect(official.get_by_test_id("diff-kk")).to_contain_text("+ Жабдық 2027 жылдың соңына дейін орнатылады.")
    assert run_axe(official) == []
    official.go_back()
    official.get_by_label("Approved").check()
    official.get_by_role("button", name="Submit review").click()
    expect(official.get_by_test_id("status")).to_have_text("Approved")
    _almaty_sees_nothing(other, live_server, memorandum)

    # Staff record the signing with the scan.
    scan = tmp_path / "signed.pdf"
    scan.write_bytes(SCAN)
    staff.reload()
    staff.get_by_role("link", name="Record the signing").click()
    assert run_axe(staff) == []
    staff.get_by_label("Place of signing").fill("Астана қаласының әкімдігі")
    staff.get_by_label("Signed scan (PDF)").set_input_files(str(scan))
    staff.get_by_role("button", name="Record the signing").click()
    expect(staff.get_by_test_id("status")).to_have_text("Signed")

    # The public reads the signed memorandum.
    public = browser.new_context().new_page()
    public.goto(f"{base}/en/memoranda/{memorandum.pk}/")
    expect(public.get_by_role("heading", level=1)).to_have_text(memorandum.title)
    expect(public.locator("main")).to_contain_text("Астана қаласының әкімдігі")
    expect(public.locator("main")).to_contain_text("Жабдық 2027 жылдың соңына дейін орнатылады.")
    save_screenshot(public, "memorandum-signed-public")
    assert run_axe(public) == []

    # Still nothing in the Almaty official's own area.
    other.goto(f"{base}/en/akimat/")
    expect(other.get_by_test_id("memoranda")).not_to_contain_text(memorandum.title)
    assert other.goto(f"{base}/en/akimat/memoranda/{memorandum.pk}/").status == 404

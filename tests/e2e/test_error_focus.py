"""Bug 8: after a refused save, focus moves to the error summary on every form (one behaviour
in static/js/site.js, one include), not only on the forms whose page loaded a script for it."""

import datetime

import pytest
from playwright.sync_api import expect

from consultations.models import Memorandum
from tests import factories
from tests.e2e.conftest import login


@pytest.mark.usefixtures("e2e_db")
def test_the_public_form_and_the_memoranda_forms_focus_their_error_summary(page, live_server):
    factories.TourFactory(is_current=True)
    factories.StaffFactory(username="staff")
    official = factories.OfficialFactory(username="akimat", region=factories.region("KZ-71"))
    approved = factories.MemorandumFactory(region=official.region, status=Memorandum.Status.APPROVED)
    in_review = factories.MemorandumFactory(region=official.region, status=Memorandum.Status.IN_REVIEW)
    signed = factories.MemorandumFactory(
        region=official.region, status=Memorandum.Status.SIGNED, signed_on=datetime.date(2026, 8, 1)
    )
    commitment = factories.CommitmentFactory(memorandum=signed, party="foundation")

    page.goto(f"{live_server.url}/en/proposals/submit/")
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.locator("#error-summary")).to_be_focused()

    login(page, live_server, "staff", factories.PASSWORD, lang="en")
    for url, button in [
        (f"/en/staff/memoranda/{approved.pk}/sign/", "main form button[type=submit]"),
        (f"/en/staff/commitments/{commitment.pk}/", "main form[enctype] button[type=submit]"),
        (f"/en/staff/memoranda/{approved.pk}/commitments/import/", "main form[enctype] button[type=submit]"),
    ]:
        page.goto(live_server.url + url)
        page.locator(button).first.click()
        expect(page.locator("#error-summary")).to_be_focused()

    page.context.clear_cookies()
    login(page, live_server, "akimat", factories.PASSWORD, lang="en")
    page.goto(f"{live_server.url}/en/akimat/memoranda/{in_review.pk}/")
    page.get_by_label("Comment", exact=True).check()
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("#error-summary")).to_be_focused()

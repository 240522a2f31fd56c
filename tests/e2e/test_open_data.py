"""The API docs page (Swagger UI, vendored) works under the site's strict CSP, and the open-data
page passes axe."""

import pytest
from playwright.sync_api import expect

from opendata import package
from tests import factories
from tests.e2e.conftest import run_axe, save_screenshot


@pytest.mark.usefixtures("e2e_db")
def test_api_docs_render_and_run_a_request_under_the_csp(page, live_server):
    tour = factories.TourFactory(is_current=True)
    factories.ProposalFactory(tour=tour, text="Оңалту орталығын ашу керек")
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.locator(".opblock")).to_have_count(13)
    page.locator("#operations-proposals-proposals_list").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table tbody .response-col_status").first).to_have_text("200")
    expect(page.locator(".live-responses-table")).to_contain_text("Оңалту орталығын ашу керек")
    save_screenshot(page, "api-docs")
    assert problems == []  # a CSP violation is reported as a console error
    assert all(url.startswith(live_server.url) for url in requests)  # nothing from a CDN


@pytest.mark.usefixtures("e2e_db")
def test_open_data_page_is_accessible(page, live_server):
    factories.TourFactory(is_current=True)
    package.build()
    for lang in ("kk", "ru", "en"):
        page.goto(f"{live_server.url}/{lang}/open-data/")
        expect(page.get_by_test_id("open-data-package")).to_be_visible()
        save_screenshot(page, f"open-data-{lang}")
        assert run_axe(page) == []

"""A citizen submits a proposal through the public form; a staff member answers it; the public sees it."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.e2e.conftest import login, run_axe, save_screenshot


@pytest.mark.usefixtures("e2e_db")
def test_public_form_then_staff_answer(page, live_server):
    factories.TourFactory(is_current=True)
    factories.StaffFactory(username="staff")
    astana = factories.region("KZ-71")

    page.goto(f"{live_server.url}/en/proposals/submit/")
    assert run_axe(page) == []
    page.get_by_label("Your proposal").fill("Перинаталдық орталықты ДЦП бар балаларға арналған жабдықпен жарақтандыру")
    page.get_by_label("Direction").select_option("healthcare")
    page.get_by_label("Region").select_option(str(astana.pk))
    page.get_by_label("Your name (optional)").fill("Әлия Сәрсенова")
    page.get_by_label("Publish my name and organisation with the proposal").check()
    page.get_by_role("button", name="Send the proposal").click()

    code = page.get_by_test_id("tracking-code").inner_text()
    save_screenshot(page, "proposals-submitted")
    assert run_axe(page) == []

    login(page, live_server, "staff", factories.PASSWORD, lang="en")
    page.goto(f"{live_server.url}/en/proposals/staff/?q=перинаталдық")
    page.get_by_role("link", name=code).click()
    assert run_axe(page) == []
    page.get_by_label("Status").select_option("accepted")
    page.get_by_label("Official answer (English)").fill("Accepted: the centre will be equipped.")
    page.get_by_label("Official answer (Kazakh)").fill("Қабылданды: орталық жабдықталады.")
    page.get_by_role("button", name="Save and publish the answer").click()
    expect(page.get_by_test_id("status")).to_have_text("Accepted")

    page.goto(f"{live_server.url}/en/proposals/{code}/")
    expect(page.get_by_test_id("answer")).to_contain_text("the centre will be equipped")
    expect(page.get_by_test_id("author")).to_contain_text("Әлия Сәрсенова")
    save_screenshot(page, "proposals-answered")
    assert run_axe(page) == []

    page.goto(f"{live_server.url}/en/proposals/?q=ПЕРИНАТАЛДЫҚ")
    expect(page.get_by_test_id("result-count")).to_have_text("1 proposal")
    assert run_axe(page) == []


@pytest.mark.usefixtures("e2e_db")
def test_staff_triage_page_is_accessible(page, live_server):
    tour = factories.TourFactory(is_current=True)
    factories.StaffFactory(username="staff")
    factories.ProposalFactory.create_batch(3, tour=tour)
    login(page, live_server, "staff", factories.PASSWORD, lang="en")
    page.goto(f"{live_server.url}/en/proposals/staff/")
    page.locator("#select-all").check()
    expect(page.locator("#selected-count")).to_have_text("Selected: 3")
    save_screenshot(page, "proposals-triage")
    assert run_axe(page) == []


@pytest.mark.usefixtures("e2e_db")
def test_staff_imports_a_file_and_sees_the_progress_bar(page, live_server, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    factories.TourFactory(is_current=True)
    factories.StaffFactory(username="staff")
    rows = "".join(f"Инклюзивті мектеп №{i} салу,KZ-71,education,Автор {i}\n" for i in range(40))
    csv_path = tmp_path / "conference.csv"
    csv_path.write_text("text,region,direction,author_name\n" + rows, encoding="utf-8")

    login(page, live_server, "staff", factories.PASSWORD, lang="en")
    page.goto(f"{live_server.url}/en/proposals/staff/import/")
    assert run_axe(page) == []
    page.get_by_label("File (CSV in UTF-8 or XLSX)").set_input_files(str(csv_path))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_test_id("preview-ok")).to_contain_text("40 rows checked: 40 new")
    assert run_axe(page) == []
    page.get_by_test_id("confirm-import").click()
    bar = page.get_by_role("progressbar")
    expect(bar).to_have_attribute("aria-valuenow", "100")
    expect(page.get_by_test_id("import-status")).to_have_text("Imported")
    save_screenshot(page, "proposals-import-done")
    assert run_axe(page) == []

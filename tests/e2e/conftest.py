"""End-to-end tests: Debian's Chromium driven by Playwright against Django's live server."""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
AXE_JS = Path(__file__).resolve().parents[1] / "vendor" / "axe.min.js"
AXE_SOURCE = AXE_JS.read_text(encoding="utf-8")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium (make test does it when run as root)"
        if os.environ.get("CI"):
            pytest.fail(message)  # in CI a missing browser is a failure, never a skip
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def e2e_db(transactional_db):
    """The live server sees only committed rows: e2e tests use a transactional database."""
    from tests import factories

    factories.region()  # make sure the reference regions are there
    return transactional_db


def run_axe(page) -> list[dict]:
    """Inject the vendored axe-core and return its violations on the current page.

    Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
    govern (add_script_tag would be an inline script, and the CSP rightly blocks those).
    """
    page.evaluate(AXE_SOURCE)
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [{k: v[k] for k in ("id", "impact", "help", "nodes")} for v in violations]


def save_screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page, live_server, username: str, password: str, lang: str = "kk") -> None:
    page.goto(f"{live_server.url}/{lang}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")

"""Shared fixtures: personas (anonymous, public user, staff, officials, admin) and data."""

import os

import pytest
from django.test import Client

from tests import factories

# Playwright's sync API runs an event loop; Django refuses ORM calls from it unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _no_proposal_counts_from_another_test():
    """The proposal counts live in the cache, which outlives each test's rolled-back data."""
    from django.core.cache import cache

    from proposals import counts

    cache.delete(counts.KEY)


@pytest.fixture
def tour(db):
    return factories.TourFactory(is_current=True)


@pytest.fixture
def astana(db):
    return factories.region("KZ-71")


@pytest.fixture
def almaty(db):
    return factories.region("KZ-75")


@pytest.fixture
def public_user(db):
    return factories.UserFactory(username="citizen")


@pytest.fixture
def staff_user(db):
    return factories.StaffFactory(username="staff")


@pytest.fixture
def official_astana(db, astana):
    return factories.OfficialFactory(username="akimat-astana", region=astana)


@pytest.fixture
def official_almaty(db, almaty):
    return factories.OfficialFactory(username="akimat-almaty", region=almaty)


@pytest.fixture
def admin_user(db):
    return factories.AdminFactory(username="admin")


PERSONAS = ["anonymous", "public_user", "staff_user", "official_astana", "official_almaty", "admin_user"]


@pytest.fixture
def persona_client(request, db):
    """A function persona_client(name) -> (user or None, logged-in Client)."""

    def make(name: str):
        client = Client()
        if name == "anonymous":
            return None, client
        user = request.getfixturevalue(name)
        client.force_login(user)
        return user, client

    return make


@pytest.fixture
def staff_client(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


@pytest.fixture
def official_client(official_astana):
    client = Client()
    client.force_login(official_astana)
    return client


@pytest.fixture
def broken_database(django_db_blocker):
    """The default database unreachable, as in an outage: every query raises OperationalError.

    The test's own connection is swapped for one to nowhere (PostgreSQL on a refusing port,
    SQLite in a missing folder) and put back after; use it in tests without the db fixture.
    """
    from django.db import connections
    from django.db.utils import load_backend

    original = connections["default"]
    settings_dict = {**original.settings_dict}
    if original.vendor == "postgresql":
        settings_dict.update(HOST="127.0.0.1", PORT="1")
    else:
        settings_dict["NAME"] = "/nonexistent-folder/db.sqlite3"
    broken = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    with django_db_blocker.unblock():
        connections["default"] = broken
        try:
            yield
        finally:
            connections["default"] = original
            broken.close()


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3 server, started once for the session (only by tests that ask for it)."""
    from tests import s3

    server, endpoint = s3.start_server()
    yield endpoint
    server.stop()


@pytest.fixture
def s3_media(s3_endpoint, settings, tmp_path):
    """Media on a fresh bucket of the local S3 server; the local media folder is empty and must stay so."""
    from tests import s3

    bucket = s3.new_bucket(s3_endpoint)
    settings.STORAGES = {**settings.STORAGES, "default": bucket.storage_settings()}
    settings.MEDIA_ROOT = tmp_path / "local-media"
    return bucket

"""Production without Redis: one cache every process shares (the database table), not one per worker."""

import os
import subprocess
import sys

import pytest
from django.core.cache import CacheHandler
from django.db import connection

from tests import public_data

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "-production-secret-key-with-enough-entropy-42",
    "ALLOWED_HOSTS": "tour.example.kz",
    "SITE_URL": "https://tour.example.kz",
}
DATABASE_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}}


def _settings_in_a_fresh_process(expression: str, **env) -> str:
    full_env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")} | env
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**full_env, "DJANGO_SETTINGS_MODULE": "foundation.settings"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_without_redis_uses_the_database_cache():
    backend = _settings_in_a_fresh_process("settings.CACHES['default']['BACKEND']", **PRODUCTION)
    assert backend == "django.core.cache.backends.db.DatabaseCache"


def test_production_with_redis_uses_redis_with_short_timeouts():
    options = _settings_in_a_fresh_process(
        "settings.CACHES['default']['BACKEND'], settings.CACHES['default']['OPTIONS']",
        REDIS_URL="redis://127.0.0.1:6379/0",
        **PRODUCTION,
    )
    assert options == (
        "django.core.cache.backends.redis.RedisCache {'socket_connect_timeout': 0.25, 'socket_timeout': 0.25}"
    )


@pytest.mark.django_db
def test_migrate_makes_the_cache_table():
    assert "django_cache" in connection.introspection.table_names()


@pytest.mark.django_db
def test_what_one_process_caches_another_reads(settings):
    settings.CACHES = DATABASE_CACHE
    one, other = CacheHandler(), CacheHandler()  # each process builds its own
    one["default"].set("proposals:limit", "Қазақ әрпі", 60)
    assert other["default"].get("proposals:limit") == "Қазақ әрпі"


@pytest.mark.django_db
def test_an_edit_invalidates_the_page_for_every_process(settings, client):
    settings.CACHES = DATABASE_CACHE
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    site = public_data.build()
    assert client.get("/en/")["X-Public-Cache"] == "miss"
    assert client.get("/en/")["X-Public-Cache"] == "hit"
    meeting = site.meetings[0]
    meeting.venue = "Жаңа орын"
    meeting.save()  # in another process: the version lives in the shared table
    assert client.get("/en/")["X-Public-Cache"] == "miss"

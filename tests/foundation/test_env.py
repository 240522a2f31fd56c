import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from foundation.env import envbool, envdb, envint, envlist, envurl


class TestEnvHelpers:
    def test_it_reads_booleans(self, monkeypatch):
        monkeypatch.setenv("X_FLAG", "yes")
        assert envbool("X_FLAG", False) is True
        monkeypatch.setenv("X_FLAG", "0")
        assert envbool("X_FLAG", True) is False

    def test_it_names_the_variable_on_a_bad_boolean(self, monkeypatch):
        monkeypatch.setenv("X_FLAG", "maybe")
        with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
            envbool("X_FLAG", False)

    def test_it_names_the_variable_on_a_bad_integer(self, monkeypatch):
        monkeypatch.setenv("X_NUM", "ten")
        with pytest.raises(ImproperlyConfigured, match="X_NUM"):
            envint("X_NUM", 1)

    def test_it_splits_lists(self, monkeypatch):
        monkeypatch.setenv("X_HOSTS", "a.kz, b.kz,,")
        assert envlist("X_HOSTS", []) == ["a.kz", "b.kz"]

    def test_it_parses_database_urls(self, monkeypatch):
        monkeypatch.setenv("X_DB", "postgres://postgres@127.0.0.1:5432/test")
        config = envdb("X_DB", "sqlite:///x")
        assert config["ENGINE"] == "django.db.backends.postgresql"
        assert config["NAME"] == "test"

    def test_it_rejects_an_unknown_database_scheme(self, monkeypatch):
        monkeypatch.setenv("X_DB", "mysqlx://host/db")
        with pytest.raises(ImproperlyConfigured, match="X_DB"):
            envdb("X_DB", "sqlite:///x")

    def test_it_rejects_a_redis_url_without_scheme(self, monkeypatch):
        monkeypatch.setenv("X_REDIS", "127.0.0.1:6379")
        with pytest.raises(ImproperlyConfigured, match="X_REDIS"):
            envurl("X_REDIS", ("redis",))


def _manage(*args, **env):
    import os

    full_env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args], capture_output=True, text=True, env=full_env, timeout=120
    )


class TestStartup:
    def test_a_malformed_setting_stops_startup_naming_the_variable(self):
        result = _manage("check", DEBUG="perhaps")
        assert result.returncode != 0
        assert "DEBUG" in result.stderr

    def test_production_settings_pass_the_deploy_check_with_no_warning(self):
        result = _manage(
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            DEBUG="0",
            SECRET_KEY="x" * 20 + "-production-secret-key-with-enough-entropy-42",
            ALLOWED_HOSTS="tour.example.kz",
            SITE_URL="https://tour.example.kz",
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "no issues" in result.stdout

    def test_production_refuses_to_start_without_a_secret_key(self):
        result = _manage("check", DEBUG="0", SECRET_KEY="", ALLOWED_HOSTS="tour.example.kz")
        assert result.returncode != 0
        assert "SECRET_KEY" in result.stderr

    def test_production_refuses_to_start_without_its_site_url(self):
        secret = "x" * 20 + "-production-secret-key-with-enough-entropy-42"
        result = _manage("check", DEBUG="0", SECRET_KEY=secret, ALLOWED_HOSTS="tour.example.kz", SITE_URL="")
        assert result.returncode != 0
        assert "SITE_URL must be set when DEBUG is off" in result.stderr

    def test_a_site_url_without_a_scheme_stops_startup(self):
        result = _manage("check", SITE_URL="tour.example.kz")
        assert result.returncode != 0
        assert "SITE_URL" in result.stderr

"""Apart from test_seed_demo.py, whose module-wide seeded data would hide what this checks."""

import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User


@pytest.mark.django_db
class TestSeedDemoOutsideDebug:
    def test_it_refuses_to_run_without_debug_unless_told(self, settings):
        settings.DEBUG = False
        with pytest.raises(CommandError, match="allow-without-debug"):
            call_command("seed_demo")
        assert not User.objects.filter(username="admin").exists()

    def test_it_runs_without_debug_when_told(self, settings):
        settings.DEBUG = False
        call_command("seed_demo", "--allow-without-debug", stdout=io.StringIO())
        assert User.objects.filter(username="admin").exists()

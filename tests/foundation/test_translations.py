"""The kk and ru catalogues are complete, and the committed .mo files match their .po files."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
MSGFMT = shutil.which("msgfmt")

pytestmark = pytest.mark.skipif(MSGFMT is None, reason="gettext's msgfmt is not installed")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_string_is_translated(lang):
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        [MSGFMT, "--check-format", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    stats = result.stderr
    assert re.search(r"\d+ translated message", stats), stats
    assert "untranslated" not in stats and "fuzzy" not in stats, f"{lang}: {stats.strip()} (run make messages)"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_compiled_catalogue_is_up_to_date(lang, tmp_path):
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    fresh = tmp_path / "django.mo"
    subprocess.run([MSGFMT, "--check-format", "-o", str(fresh), str(po)], check=True, capture_output=True)
    committed = po.with_suffix(".mo").read_bytes()
    assert fresh.read_bytes() == committed, f"locale/{lang}/LC_MESSAGES/django.mo is stale: run make messages"


def test_kazakh_letters_round_trip_through_the_catalogue():
    from django.utils import translation

    with translation.override("kk"):
        assert translation.gettext("Regions") == "Өңірлер"
        assert translation.gettext("Proposals triage") == "Ұсыныстарды сұрыптау"

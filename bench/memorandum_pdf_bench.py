"""Time the public memorandum PDF: the first request (renders and stores) against the next ones
(serve the stored file), one after another and from 16 clients at once (prints figures).

Run: python bench/memorandum_pdf_bench.py  (uses a throwaway SQLite database and media folder)
"""

import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foundation.settings")
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp())

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)

from django.test import Client  # noqa: E402

from consultations.models import Memorandum  # noqa: E402
from tests import factories  # noqa: E402
from tests.consultations.conftest_memoranda import make_memorandum  # noqa: E402

memorandum = make_memorandum(factories.region("KZ-71"), Memorandum.Status.SIGNED)
url = f"/kk/memoranda/{memorandum.pk}/pdf/"


def get() -> float:
    started = time.perf_counter()
    response = Client().get(url)
    b"".join(response.streaming_content)
    assert response.status_code == 200
    return time.perf_counter() - started


first = get()
stored = [get() for _ in range(20)]
print(f"first request (render and store): {first * 1000:7.1f} ms")
print(f"stored file, one client:          {statistics.median(stored) * 1000:7.1f} ms (median of 20)")
with ThreadPoolExecutor(16) as pool:
    started = time.perf_counter()
    times = list(pool.map(lambda _i: get(), range(64)))
    wall = time.perf_counter() - started
print(f"stored file, 16 clients, 64 GETs: {wall:5.2f} s in all, {max(times) * 1000:7.1f} ms the slowest")

from consultations.services.memoranda import memorandum_pdf_render  # noqa: E402

started = time.perf_counter()
memorandum_pdf_render(memorandum=memorandum, language="kk")
print(f"one rendering, fonts warm (what every request cost before): {(time.perf_counter() - started) * 1000:7.1f} ms")

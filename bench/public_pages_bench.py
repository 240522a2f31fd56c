"""Time the public pages on ten times a realistic data set, with and without the page cache.

Run: python bench/public_pages_bench.py   (builds a throwaway test database; prints figures only)
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foundation.settings")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-media-"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

REPEAT = 20


def main():
    setup_test_environment(debug=False)
    settings.ALLOWED_HOSTS = ["testserver"]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from tests import public_data
        from tests.consultations.test_public_queries import public_urls

        started = time.perf_counter()
        data = public_data.build(scale=10)
        print(f"built 10x data ({data.proposals_count} proposals) in {time.perf_counter() - started:.1f} s")
        client = Client()
        print(f"{'page':16} {'queries':>7} {'uncached ms':>12} {'cached ms':>10}")
        for name, url in public_urls(data).items():
            settings.PUBLIC_PAGE_CACHE_SECONDS = 0
            connection.queries_log.clear()  # a full log (9,000 entries) would count nothing
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            query_count = len(queries)  # now: the slice is taken from the live log
            uncached = timed(client, url)
            settings.PUBLIC_PAGE_CACHE_SECONDS = 300
            cache.clear()
            client.get(url)
            cached = timed(client, url)
            print(f"{name:16} {query_count:7d} {uncached:12.1f} {cached:10.1f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def timed(client, url) -> float:
    """Median milliseconds per request over REPEAT requests."""
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    return sorted(times)[len(times) // 2]


if __name__ == "__main__":
    main()

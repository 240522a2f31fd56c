"""Time the iCalendar feeds and the public calendar with many events, and sign-ups for one
event's last places from many threads at once (PostgreSQL only: SQLite has one writer).

Run: python bench/events_bench.py   (builds a throwaway test database; prints figures only)
"""

import datetime
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foundation.settings")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-media-"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

EVENTS = 1000
REPEAT = 5
PLACES, PEOPLE = 50, 200


def timed(fn, repeat=REPEAT) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def main():
    setup_test_environment(debug=False)
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # pages uncached; the feeds keep their own cache
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from consultations.models import Meeting, Region, Tour
        from events import services
        from events.models import Registration

        tour = Tour.objects.create(
            slug="bench", name="bench", starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2035, 1, 1)
        )
        regions = list(Region.objects.all())
        now = timezone.now()
        meetings = Meeting.objects.bulk_create(
            Meeting(
                tour=tour,
                region=regions[n % 20] if n % 3 else None,
                kind=Meeting.Kind.ONLINE_CONFERENCE,
                attendance=Meeting.Attendance.ONLINE,
                title=f"Онлайн-конференция №{n}",
                starts_at=now + datetime.timedelta(hours=n - EVENTS // 2),
                status=Meeting.Status.PLANNED,
            )
            for n in range(EVENTS)
        )
        Meeting.regions.through.objects.bulk_create(
            Meeting.regions.through(meeting_id=m.pk, region_id=regions[(i + 7) % 20].pk)
            for i, m in enumerate(meetings)
            if i % 5 == 0
        )
        client = Client()
        slug = regions[0].slug
        for name, url in [
            ("feed of all events", "/kk/events/feed.ics"),
            ("feed of one region", f"/kk/events/feed/{slug}.ics"),
            ("calendar, upcoming", "/kk/events/"),
            ("calendar, past, online", "/kk/events/?when=past&online=1"),
            ("one event's .ics", f"/kk/events/{meetings[0].pk}/calendar.ics"),
        ]:
            started = time.perf_counter()
            response = client.get(url)
            first = time.perf_counter() - started
            assert response.status_code == 200, url
            seconds = timed(lambda url=url: client.get(url))
            print(
                f"{name:28} first {first * 1000:7.1f} ms, then best {seconds * 1000:7.1f} ms"
                f"  {len(response.content) / 1024:7.1f} KiB  ({EVENTS} events)"
            )

        if connection.vendor != "postgresql":
            print("sign-ups under contention: skipped (needs PostgreSQL)")
            return
        meeting = Meeting.objects.create(
            tour=tour,
            title="bench sign-ups",
            starts_at=now + datetime.timedelta(days=3),
            registration_open=True,
            capacity=PLACES,
        )
        barrier = threading.Barrier(8)
        per_thread = PEOPLE // 8

        def sign_up(t):
            barrier.wait()
            for n in range(per_thread):
                services.registration_create(meeting=meeting, name="Қатысушы", email=f"t{t}-{n}@example.kz")
            connections.close_all()

        started = time.perf_counter()
        threads = [threading.Thread(target=sign_up, args=(t,)) for t in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - started
        confirmed = Registration.objects.confirmed().filter(meeting=meeting).count()
        waiting = Registration.objects.waiting().filter(meeting=meeting).count()
        print(
            f"sign-ups: {PEOPLE} from 8 threads in {seconds:.2f} s ({PEOPLE / seconds:.0f}/s); "
            f"confirmed {confirmed} of {PLACES} places, {waiting} waiting"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()

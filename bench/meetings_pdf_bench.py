"""Time the minutes PDF of a large meeting (prints figures; no assertion).

Run: MEDIA_ROOT=/tmp/bench-media python bench/meetings_pdf_bench.py  (uses a throwaway SQLite database)
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foundation.settings")
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp())

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)

from consultations.models import MinutesPdf, Participation  # noqa: E402
from consultations.services.meetings import minutes_pdf_generate  # noqa: E402
from tests import factories  # noqa: E402

PARAGRAPH = (
    "Қор төрағасы Болат Жәмішев пен елорда әкімі Алтай Көлгінов қала әкімдігінде жұртшылықпен кездесті; "
    "қатысушылар медициналық және оңалту орталықтарын жабдықтау туралы ұсыныстар айтты. "
)

for proposals in (10, 100, 400):
    tour = factories.TourFactory()
    meeting = factories.MeetingFactory(tour=tour, minutes="\n\n".join([PARAGRAPH * 3] * (proposals // 5 + 2)))
    for group in Participation.Group.values:
        factories.ParticipationFactory(meeting=meeting, group=group, organisations="«Үміт», «Шапағат»")
    factories.ProposalFactory.create_batch(proposals, tour=tour, meeting=meeting)
    pdf = MinutesPdf.objects.create(meeting=meeting)
    started = time.perf_counter()
    minutes_pdf_generate(pdf_id=pdf.pk, language="kk")
    elapsed = time.perf_counter() - started
    pdf.refresh_from_db()
    print(f"{proposals:4d} proposals: {elapsed:5.2f} s, {pdf.file.size / 1024:7.1f} KiB, status {pdf.status}")

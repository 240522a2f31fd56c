"""A realistic data set for the public pages, at any scale (1x: 6 meetings, 200 proposals,
2 programs; 10x: 60 meetings, 2,000 proposals, 20 programs), with Kazakh text.

Bulk inserts keep the 10x set quick to build; everything else goes through the factories.
"""

import datetime
import itertools
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from consultations.models import Commitment, Meeting, MeetingAttachment, Memorandum, Participation, Region
from programs.models import Direction
from proposals.models import Proposal, search_text_for
from tests import factories

# A 1x1 transparent PNG: enough for an <img> to load.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


@dataclass
class PublicData:
    tour: object
    meetings: list
    programs: list
    proposals_count: int


def build(scale: int = 1, proposals: int = 200) -> PublicData:
    factories.region()  # the reference regions (reloaded after a transactional flush)
    regions = list(Region.objects.order_by("pk"))
    tour = factories.TourFactory(is_current=True, goal_kk="Ұлттық қайырымдылық конференциясының тұжырымдамасы")
    programs = [
        factories.ProgramFactory(
            direction=Direction.values[i % len(Direction.values)],
            featured=i < 3,
            beneficiaries=10 * (i + 1),
            target_group_kk="Мүгедектігі бар балалар",
            body_kk="**Көз скринингі** жабдықтары шала туған нәрестелерге арналған.",
        )
        for i in range(2 * scale)
    ]
    for i, region in enumerate(regions):
        region.programs.set(programs[i % len(programs) : i % len(programs) + 2])

    statuses = itertools.cycle([Meeting.Status.MINUTES_PUBLISHED, Meeting.Status.HELD, Meeting.Status.PLANNED])
    now = timezone.now()
    meetings = []
    for i in range(6 * scale):
        status = next(statuses)
        days = -10 * i if status != Meeting.Status.PLANNED else 10 + i
        meeting = factories.MeetingFactory(
            tour=tour,
            region=regions[i % len(regions)],
            status=status,
            starts_at=now + datetime.timedelta(days=days),
            summary="Қор төрағасы Болат Жәмішев әкіммен бірге жұртшылықпен кездесті.",
            minutes="## Хаттама\n\nИнклюзивті мектептер туралы ұсыныстар тыңдалды.",
            outcomes="- Ынтымақтастық туралы меморандумға қол қойылды",
            chair="Болат Жәмішев",
        )
        meetings.append(meeting)
        if status == Meeting.Status.PLANNED:
            continue
        for group in (Participation.Group.NGOS, Participation.Group.MEDICAL, Participation.Group.CITIZENS):
            factories.ParticipationFactory(meeting=meeting, group=group, organisations="«Үміт» қоғамдық бірлестігі")
        photo = MeetingAttachment(meeting=meeting, kind=MeetingAttachment.Kind.PHOTO, caption="Әкімдіктегі кездесу")
        photo.file.save("photo.png", ContentFile(PNG), save=True)
        MeetingAttachment.objects.create(
            meeting=meeting, kind=MeetingAttachment.Kind.PHOTO, is_public=False, file=photo.file.name
        )
        if status == Meeting.Status.MINUTES_PUBLISHED and not meeting.region.memoranda.exists():
            memorandum = factories.MemorandumFactory(
                region=meeting.region,
                tour=tour,
                meeting=meeting,
                status=Memorandum.Status.SIGNED,
                signed_on=meeting.starts_at.date(),
                number=f"M-{meeting.pk}",
            )
            for j, commitment_status in enumerate(Commitment.Status.values):
                factories.CommitmentFactory(memorandum=memorandum, status=commitment_status, order=j)

    held = [m for m in meetings if m.status != Meeting.Status.PLANNED]
    status_cycle = itertools.cycle([s for s in Proposal.Status.values if s != Proposal.Status.DUPLICATE])
    rows = []
    for i in range(proposals * scale):
        meeting = held[i % len(held)]
        text = f"Перинаталдық орталықты жабдықтау, оңалту орталығын ашу — ұсыныс {i}"
        publish = i % 2 == 0
        status = next(status_cycle)
        rows.append(
            Proposal(
                code=f"P{scale:02d}{i:06d}",
                tour=tour,
                region=meeting.region if i % 3 else regions[i % len(regions)],
                meeting=meeting if i % 3 else None,
                direction=Direction.values[i % len(Direction.values)],
                channel=Proposal.Channel.MEETING,
                text=text,
                author_name="Әлия Сәрсенова",
                publish_name=publish,
                status=status,
                answer="Ұсыныс қабылданды" if status in Proposal.ANSWERED else "",
                program=programs[i % len(programs)] if status in Proposal.ANSWERED else None,
                is_public=i % 10 != 9,
                search_text=search_text_for(text, "", "Әлия Сәрсенова" if publish else ""),
            )
        )
    Proposal.objects.bulk_create(rows, batch_size=500)
    return PublicData(tour=tour, meetings=meetings, programs=programs, proposals_count=len(rows))

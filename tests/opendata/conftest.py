"""Open data fixtures: a small public tour with, planted among it, everything that must never
come out of the API, the package or the feeds."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.utils import timezone

from consultations.models import Commitment, Meeting, Memorandum, Participation
from proposals.models import Proposal, ProposalStatusChange
from tests import factories

# Each secret is a string that must appear nowhere public.
CONTACT_EMAIL = "secret.contact@example.kz"
CONTACT_PHONE = "+7 701 555 0199"
UNCONSENTED_NAME = "Ерсайын Құпиябеков"
UNCONSENTED_ORGANISATION = "«Жасырын» ЖШС"
HIDDEN_TEXT = "Жасырын спам ұсынысы HIDDEN-PROPOSAL"
HIDDEN_CODE = "HIDDEN99"
DRAFT_TITLE = "Нобай меморандум DRAFT-MEMORANDUM"
DRAFT_COMMITMENT = "Нобай міндеттеме DRAFT-COMMITMENT"
UNPUBLISHED_MINUTES = "Жарияланбаған хаттама UNPUBLISHED-MINUTES"
STAFF_NOTE = "Staff-only status note STAFF-NOTE"
SECRETS = [
    CONTACT_EMAIL,
    CONTACT_PHONE,
    UNCONSENTED_NAME,
    UNCONSENTED_ORGANISATION,
    HIDDEN_TEXT,
    HIDDEN_CODE,
    DRAFT_TITLE,
    DRAFT_COMMITMENT,
    UNPUBLISHED_MINUTES,
    STAFF_NOTE,
]
CONSENTED_NAME = "Әлия Сәрсенова"


@dataclass
class Planted:
    tour: object
    astana: object
    almaty: object
    meeting: object
    held_meeting: object
    memorandum: object
    draft: object
    program: object
    public: object
    answered: object
    unconsented: object
    hidden: object
    duplicate_of_hidden: object


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The page-cache version and the API throttle counters live in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def planted(db, tour, astana, almaty):
    program = factories.ProgramFactory(slug="screening")
    astana.programs.add(program)
    published = factories.MeetingFactory(
        tour=tour,
        region=astana,
        status=Meeting.Status.MINUTES_PUBLISHED,
        title="Астанадағы кездесу",
        summary="Әкіммен кездесу өтті",
        minutes="## Хаттама\n\nИнклюзия туралы",
        starts_at=timezone.now() - datetime.timedelta(days=10),
    )
    Participation.objects.create(meeting=published, group=Participation.Group.NGOS, count=12, organisations="«Үміт»")
    held = factories.MeetingFactory(
        tour=tour, region=almaty, status=Meeting.Status.HELD, minutes=UNPUBLISHED_MINUTES, title="Алматыдағы кездесу"
    )
    memorandum = factories.MemorandumFactory(
        region=astana,
        tour=tour,
        meeting=published,
        status=Memorandum.Status.SIGNED,
        signed_on=datetime.date(2026, 9, 1),
        number="M-1",
        title="Астана меморандумы",
    )
    factories.CommitmentFactory(memorandum=memorandum, status=Commitment.Status.IN_PROGRESS, program=program)
    factories.CommitmentFactory(
        memorandum=memorandum, due_on=timezone.localdate() - datetime.timedelta(days=3), description="Мерзімі өткен"
    )
    draft = factories.MemorandumFactory(region=almaty, tour=tour, title=DRAFT_TITLE, number="D-1")
    factories.CommitmentFactory(memorandum=draft, description=DRAFT_COMMITMENT)

    def proposal(**kwargs):
        kwargs.setdefault("tour", tour)
        kwargs.setdefault("region", astana)
        kwargs.setdefault("contact_email", CONTACT_EMAIL)
        kwargs.setdefault("contact_phone", CONTACT_PHONE)
        return factories.ProposalFactory(**kwargs)

    public = proposal(
        text="Оңалту орталығын ашу керек", author_name=CONSENTED_NAME, publish_name=True, meeting=published
    )
    answered = proposal(
        text="Инклюзивті мектептер керек",
        status=Proposal.Status.ACCEPTED,
        answer_kk="Ұсыныс қабылданды",
        answer_ru="Предложение принято",
        answer_en="Accepted",
        answered_at=timezone.now() - datetime.timedelta(days=1),
        program=program,
        publish_name=False,
        author_name=UNCONSENTED_NAME,
        author_organisation=UNCONSENTED_ORGANISATION,
    )
    ProposalStatusChange.objects.create(
        proposal=answered, from_status="received", to_status="accepted", note=STAFF_NOTE
    )
    unconsented = proposal(
        text="Спорт клубын ашу",
        region=almaty,
        author_name=UNCONSENTED_NAME,
        author_organisation=UNCONSENTED_ORGANISATION,
    )
    hidden = proposal(
        code=HIDDEN_CODE,
        text=HIDDEN_TEXT,
        is_public=False,
        status=Proposal.Status.DECLINED,
        answer_kk="Жасырын жауап HIDDEN-PROPOSAL",
        answered_at=timezone.now(),
    )
    duplicate = proposal(
        text="Тағы да спам туралы", status=Proposal.Status.DUPLICATE, duplicate_of=hidden, publish_name=False
    )
    return Planted(
        tour=tour,
        astana=astana,
        almaty=almaty,
        meeting=published,
        held_meeting=held,
        memorandum=memorandum,
        draft=draft,
        program=program,
        public=public,
        answered=answered,
        unconsented=unconsented,
        hidden=hidden,
        duplicate_of_hidden=duplicate,
    )

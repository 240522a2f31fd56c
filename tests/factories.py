"""factory_boy factories for every model. Regions come from the data migration: use region()."""

import datetime

import factory
from django.utils import timezone

from accounts.models import User
from consultations.models import (
    Commitment,
    CommitmentProgress,
    Meeting,
    Memorandum,
    Participation,
    Region,
    ReviewComment,
    Tour,
)
from consultations.regions_csv import load_regions
from programs.models import Direction, Program
from proposals.models import Proposal

PASSWORD = "test-password-123"


def region(code_iso: str = "KZ-71") -> Region:
    """A region loaded by the data migration (KZ-71 is Astana, KZ-75 Almaty).

    Transactional tests (live server, Celery worker) flush tables after each test, the
    migration's rows included, so load them again when they are gone.
    """
    if not Region.objects.exists():
        load_regions(Region)
    return Region.objects.get(code_iso=code_iso)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.kz")
    role = User.Role.PUBLIC
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(UserFactory):
    role = User.Role.STAFF


class OfficialFactory(UserFactory):
    role = User.Role.AKIMAT
    region = factory.LazyFunction(region)


class AdminFactory(UserFactory):
    is_superuser = True
    is_staff = True


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    slug = factory.Sequence(lambda n: f"program-{n}")
    direction = Direction.HEALTHCARE
    title_kk = factory.Sequence(lambda n: f"Бағдарлама №{n}")
    title_ru = factory.Sequence(lambda n: f"Программа №{n}")
    title_en = factory.Sequence(lambda n: f"Program No. {n}")
    summary_kk = "Қысқаша сипаттама"


class TourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tour

    slug = factory.Sequence(lambda n: f"tour-{n}")
    name_kk = "Өңірлік кездесулер турнесі"
    name_ru = "Региональный тур встреч"
    name_en = "Regional consultation tour"
    starts_on = datetime.date(2026, 6, 1)
    ends_on = datetime.date(2026, 12, 31)
    is_current = False


class KazakhTextFactory(factory.django.DjangoModelFactory):
    """Translated fields given by their base name (title="…") are stored as the Kazakh text,
    whatever language the test thread has active."""

    class Meta:
        abstract = True

    _translated = ()

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        for name in cls._translated:
            if name in kwargs:
                kwargs[f"{name}_kk"] = kwargs.pop(name)
        return kwargs


class MeetingFactory(KazakhTextFactory):
    class Meta:
        model = Meeting

    _translated = ("title", "venue", "chair", "hosts", "agenda", "summary", "outcomes")
    tour = factory.SubFactory(TourFactory)
    region = factory.LazyFunction(region)
    title_kk = factory.Sequence(lambda n: f"Әкіммен кездесу №{n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    venue = "Әкімдік ғимараты"
    status = Meeting.Status.HELD


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    meeting = factory.SubFactory(MeetingFactory)
    group = Participation.Group.NGOS
    count = 12


class MemorandumFactory(KazakhTextFactory):
    class Meta:
        model = Memorandum

    _translated = ("title", "foundation_signatory", "akimat_signatory", "signed_place")
    region = factory.LazyFunction(region)
    tour = factory.SubFactory(TourFactory)
    title_kk = "Ынтымақтастық туралы меморандум"
    text_kk = "Тараптар әлеуметтік жобаларды бірлесіп кеңейтеді."
    text_ru = "Стороны совместно расширяют социальные проекты."
    status = Memorandum.Status.DRAFT


class CommitmentFactory(KazakhTextFactory):
    class Meta:
        model = Commitment

    _translated = ("description",)
    memorandum = factory.SubFactory(MemorandumFactory)
    party = Commitment.Party.AKIMAT
    description_kk = "Инклюзивті мектептер санын кеңейту"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class CommitmentProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitmentProgress

    commitment = factory.SubFactory(CommitmentFactory)
    author = factory.SubFactory(StaffFactory)
    status = Commitment.Status.IN_PROGRESS
    note = "Жұмыс басталды"


class ReviewCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewComment

    memorandum = factory.SubFactory(MemorandumFactory)
    author = factory.SubFactory(OfficialFactory)
    body = "Мерзімін нақтылау керек"
    revision = 1


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    tour = factory.SubFactory(TourFactory)
    region = factory.LazyFunction(region)
    direction = Direction.REHABILITATION
    channel = Proposal.Channel.MEETING
    text = factory.Sequence(lambda n: f"Оңалту орталығын жабдықтау қажет ({n})")
    author_name = "Әлия Сәрсенова"
    author_organisation = "«Үміт» қоғамдық бірлестігі"

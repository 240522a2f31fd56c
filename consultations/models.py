import datetime
import re

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consultations.links import validate_event_link
from foundation.files import SniffedFileField
from foundation.texts import ANSWER_MAX, DOCUMENT_MAX, NOTE_MAX, text_validators
from foundation.workflow import Actor, Transitions, WorkflowMixin


class Region(models.Model):
    """One of the 20 regions (17 oblasts and 3 cities of republican significance).

    Reference data, loaded from consultations/data/kz_regions.csv by a data migration.
    """

    class Kind(models.TextChoices):
        OBLAST = "oblast", _("Oblast")
        CITY = "city_of_republican_significance", _("City of republican significance")

    code_iso = models.CharField(_("ISO 3166-2 code"), max_length=6, unique=True)
    kato = models.CharField(_("KATO code"), max_length=2, unique=True)
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    # name and center are trilingual: see consultations/translation.py
    name = models.CharField(_("name"), max_length=120)
    center = models.CharField(_("administrative centre"), max_length=120, blank=True)
    # Russian case forms, for generated Russian text: «акимат Костанайской области» (genitive),
    # «в Караганде» (prepositional), «с акиматом города Алматы» (instrumental). Cities of
    # republican significance carry «города …» in the region's forms; their centre is empty.
    name_ru_gen = models.CharField(_("name in Russian, genitive"), max_length=120, blank=True)
    name_ru_prep = models.CharField(_("name in Russian, prepositional"), max_length=120, blank=True)
    name_ru_ins = models.CharField(_("name in Russian, instrumental"), max_length=120, blank=True)
    center_ru_gen = models.CharField(_("centre in Russian, genitive"), max_length=120, blank=True)
    center_ru_prep = models.CharField(_("centre in Russian, prepositional"), max_length=120, blank=True)
    center_ru_ins = models.CharField(_("centre in Russian, instrumental"), max_length=120, blank=True)
    former_names = models.CharField(_("former names"), max_length=300, blank=True)
    tile_col = models.PositiveSmallIntegerField(_("tile map column"))
    tile_row = models.PositiveSmallIntegerField(_("tile map row"))
    programs = models.ManyToManyField(
        "programs.Program", related_name="regions", blank=True, verbose_name=_("programs in the region")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(
                fields=["tile_col", "tile_row"],
                name="region_unique_tile",
                violation_error_message=_("Another region already has this position on the tile map."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("consultations:region_detail", kwargs={"slug": self.slug})

    @property
    def former_name_list(self) -> list[str]:
        """The former names alone: «Nur-Sultan / Нұр-Сұлтан / Нур-Султан (2019–2022); Akmola …»
        gives ["Nur-Sultan", "Нұр-Сұлтан", "Нур-Султан", "Akmola", …]."""
        names = []
        for period in re.sub(r"\(.*?\)", "", self.former_names).split(";"):
            # Notes in the file ("part of South Kazakhstan Region until 2018") are not names.
            names += [name.strip() for name in period.split("/") if name.strip() and not name.strip()[0].islower()]
        return names

    # {casefolded former name: [region ids]}, read once per process; a saved or deleted region
    # empties it (consultations/apps.py), so an edit in the admin shows at the next search.
    _former_name_index: dict | None = None

    @classmethod
    def ids_by_former_name(cls, query: str) -> list[int]:
        """Regions once called `query` (any case, any language): a search for «Нұр-Сұлтан» is
        a search for Astana. No query once the index is read."""
        wanted = " ".join((query or "").split()).casefold()
        if not wanted:
            return []
        if Region._former_name_index is None:
            index = {}
            for region in cls.objects.exclude(former_names="").only("pk", "former_names"):
                for name in region.former_name_list:
                    index.setdefault(name.casefold(), []).append(region.pk)
            Region._former_name_index = index
        return Region._former_name_index.get(wanted, [])

    @classmethod
    def forget_former_names(cls, **kwargs):
        Region._former_name_index = None

    def text_forms(self, lang: str) -> dict:
        """Names to put into generated text in `lang`: the region (`name`) and the city where
        things happen (`city`: the centre, or the region itself for a city), and in Russian
        their cases (`gen`, `prep`, `ins`, `city_gen`, `city_prep`, `city_ins`):
        «в {city_prep}» -> «в Караганде», «акимат {gen}» -> «акимат Костанайской области»."""
        name = getattr(self, f"name_{lang}") or self.name_kk
        forms = {"name": name, "city": getattr(self, f"center_{lang}") or name}
        if lang == "ru":
            forms |= {"gen": self.name_ru_gen, "prep": self.name_ru_prep, "ins": self.name_ru_ins}
            if self.center_ru:
                forms |= {"city_gen": self.center_ru_gen, "city_prep": self.center_ru_prep}
                forms |= {"city_ins": self.center_ru_ins}
            else:
                forms |= {"city_gen": self.name_ru_gen, "city_prep": self.name_ru_prep, "city_ins": self.name_ru_ins}
        return forms


class TourQuerySet(models.QuerySet):
    def current(self):
        """The tour marked current, or the latest one; None when there is no tour at all."""
        return self.order_by("-is_current", "-starts_on").first()


class Tour(models.Model):
    """One consultation campaign. Meetings and proposals belong to a tour."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    # name and goal are trilingual
    name = models.CharField(_("name"), max_length=300)
    goal = models.TextField(_("goal"), blank=True, validators=text_validators(NOTE_MAX))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    is_current = models.BooleanField(_("current tour"), default=False)

    objects = TourQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("tour")
        verbose_name_plural = _("tours")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="tour_ends_after_start",
                violation_error_message=_("The tour must not end before it starts."),
            ),
            # At most one tour is current.
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="tour_one_current",
                violation_error_code="unique",  # shown on the field
                violation_error_message=_("Another tour is the current one: untick it there first."),
            ),
        ]

    def __str__(self):
        return self.name


class MeetingQuerySet(models.QuerySet):
    def concerning(self, region):
        """Events that concern a region: held there, or covering it among several regions."""
        return self.filter(
            Q(region=region) | Q(pk__in=Meeting.regions.through.objects.filter(region=region).values("meeting_id"))
        )

    def national(self):
        """Events of no region: national or thematic."""
        return self.filter(region__isnull=True).exclude(pk__in=Meeting.regions.through.objects.values("meeting_id"))

    def online(self):
        """Events one can attend online (online or hybrid)."""
        return self.exclude(attendance=Meeting.Attendance.IN_PERSON)

    def public_listed(self):
        """Events the public calendar lists: every one but the cancelled."""
        return self.exclude(status=Meeting.Status.CANCELLED)


class Meeting(WorkflowMixin, models.Model):
    """An event of the tour: a meeting in a region, an online conference, an expert session or
    a conference; of one region, several regions, or national (no region)."""

    class Kind(models.TextChoices):
        PUBLIC_MEETING = "public_meeting", _("Meeting with the public and the akim")
        ONLINE_CONFERENCE = "online_conference", _("Online conference")
        EXPERT_SESSION = "expert_session", _("Expert session")
        CONFERENCE = "conference", _("Conference")

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("In person and online")

    class Scope(models.TextChoices):
        """Derived from the regions (see `scope`), never stored."""

        REGIONAL = "regional", _("One region")
        SEVERAL = "several", _("Several regions")
        NATIONAL = "national", _("National")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        MINUTES_PUBLISHED = "minutes_published", _("Minutes published")
        CANCELLED = "cancelled", _("Cancelled")

    # Held, whether or not its minutes are public yet.
    HELD_STATUSES = (Status.HELD, Status.MINUTES_PUBLISHED)

    # Allowed status changes and who may make each; consultations/services/meetings.py enforces it.
    TRANSITIONS = Transitions(
        {
            Status.PLANNED: {Status.HELD: Actor.STAFF, Status.CANCELLED: Actor.STAFF},
            Status.HELD: {Status.MINUTES_PUBLISHED: Actor.STAFF},
            Status.MINUTES_PUBLISHED: {Status.HELD: Actor.STAFF},  # unpublish to correct the minutes
            Status.CANCELLED: {Status.PLANNED: Actor.STAFF},
        }
    )

    tour = models.ForeignKey(Tour, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("tour"))
    # The host region; empty for a national or thematic event. An event covering several
    # regions names the others in `regions`.
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("region"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a national or thematic event."),
    )
    regions = models.ManyToManyField(
        Region,
        related_name="covering_events",
        blank=True,
        verbose_name=_("other regions concerned"),
        help_text=_("For an event that covers several regions."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.PUBLIC_MEETING)
    attendance = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(
        _("ends at"), null=True, blank=True, help_text=_("Empty: two hours after the start.")
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True, validators=[validate_event_link])
    online_is_public = models.BooleanField(
        _("public online access"),
        default=False,
        help_text=_("Show the join link on the public page shortly before the start."),
    )
    join_opens_minutes = models.PositiveSmallIntegerField(
        _("join link shown (minutes before the start)"),
        default=30,
        validators=[MaxValueValidator(24 * 60)],
    )
    recording_url = models.URLField(_("recording link"), blank=True, validators=[validate_event_link])
    registration_open = models.BooleanField(_("registration open"), default=False)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit. Beyond it people join the waiting list.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    chair = models.CharField(_("chair"), max_length=300, blank=True)
    hosts = models.TextField(
        _("hosts"), blank=True, help_text=_("One per line: name and position."), validators=text_validators(NOTE_MAX)
    )
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown."), validators=text_validators(ANSWER_MAX))
    minutes = models.TextField(
        _("minutes"), blank=True, help_text=_("Markdown."), validators=text_validators(DOCUMENT_MAX)
    )
    # The minutes are the record of the meeting, kept in the language it was held in (not translated).
    minutes_language = models.CharField(
        _("language of the minutes"), max_length=5, choices=settings.LANGUAGES, default="kk"
    )
    summary = models.TextField(_("public summary"), blank=True, validators=text_validators(ANSWER_MAX))
    outcomes = models.TextField(
        _("outcomes"), blank=True, help_text=_("Decisions taken. Markdown."), validators=text_validators(ANSWER_MAX)
    )
    # Optimistic locking: every save through the staff forms increments it; a form carrying
    # an older number is refused instead of overwriting someone else's work.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # history: simple_history.register() in translation.py, after the translated fields exist

    objects = MeetingQuerySet.as_manager()

    # How long an event lasts when no end is given.
    DEFAULT_DURATION = datetime.timedelta(hours=2)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [
            # Public region pages and the staff list filter by region and status.
            models.Index(fields=["region", "status"]),
            models.Index(fields=["tour", "starts_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultations:meeting_detail", kwargs={"pk": self.pk})

    @property
    def minutes_are_public(self) -> bool:
        return self.status == self.Status.MINUTES_PUBLISHED

    @property
    def is_held(self) -> bool:
        return self.status in self.HELD_STATUSES

    @property
    def has_taken_place(self) -> bool:
        """Held (whatever the minutes), or planned and its start has passed: the public is not
        told "has not taken place yet" about a date gone by."""
        return self.status in self.HELD_STATUSES or (
            self.status == self.Status.PLANNED and self.starts_at <= timezone.now()
        )

    @property
    def ends_at_or_default(self) -> datetime.datetime:
        return self.ends_at or self.starts_at + self.DEFAULT_DURATION

    def scope(self, other_regions=None) -> "Meeting.Scope":
        """Regional, several regions or national. `other_regions`: the `regions` already
        fetched (saves a query); read from the database when not given."""
        if other_regions is None:
            other_regions = list(self.regions.all()) if self.pk else []
        if other_regions:
            return self.Scope.SEVERAL
        return self.Scope.REGIONAL if self.region_id else self.Scope.NATIONAL

    def concerned_regions(self) -> list[Region]:
        """The host region first, then the other regions concerned (prefetch `regions` in lists)."""
        host = [self.region] if self.region_id else []
        return host + sorted((r for r in self.regions.all() if r.pk != self.region_id), key=lambda r: r.name)

    @property
    def place_label(self) -> str:
        """Where the event belongs, for lists: its regions' names, or "National"."""
        names = [r.name for r in self.concerned_regions()]
        return ", ".join(names) if names else str(_("National event"))

    @property
    def is_online(self) -> bool:
        return self.attendance != self.Attendance.IN_PERSON

    def join_opens_at(self) -> datetime.datetime:
        return self.starts_at - datetime.timedelta(minutes=self.join_opens_minutes)

    def public_join_url(self, now=None) -> str:
        """The join link the public may see now: only for a public online or hybrid event, from
        `join_opens_minutes` before the start until its end; empty otherwise."""
        now = now or timezone.now()
        if not (self.online_is_public and self.is_online and self.online_url):
            return ""
        if self.status == self.Status.CANCELLED:
            return ""
        return self.online_url if self.join_opens_at() <= now < self.ends_at_or_default else ""

    def public_recording_url(self, now=None) -> str:
        """The recording, for the public once the event has ended."""
        now = now or timezone.now()
        if not self.recording_url or self.status == self.Status.CANCELLED:
            return ""
        return self.recording_url if now >= self.ends_at_or_default else ""

    def public_page_changes_at(self, now=None) -> datetime.datetime | None:
        """When the public page next changes by itself (the join link appears, registration
        closes at the start, the recording replaces the join link at the end), or None.
        Cached pages must not outlive it."""
        now = now or timezone.now()
        moments = [self.join_opens_at(), self.starts_at, self.ends_at_or_default]
        return min((m for m in moments if m > now), default=None)


class Participation(models.Model):
    """How many people of one group took part in a meeting, and which organisations."""

    class Group(models.TextChoices):
        CITY_SERVICES = "city_services", _("Heads of city services")
        NGOS = "ngos", _("NGOs and public organisations")
        MEDICAL = "medical", _("Medical institutions")
        UNIVERSITIES = "universities", _("Universities")
        MASLIKHAT = "maslikhat", _("Maslikhat deputies")
        PUBLIC_COUNCIL = "public_council", _("Public council members")
        PATRONS = "patrons", _("Patrons")
        CITIZENS = "citizens", _("Citizens")
        MEDIA = "media", _("Media")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations")
    group = models.CharField(_("group"), max_length=30, choices=Group.choices)
    count = models.PositiveIntegerField(_("number of people"), default=0)
    organisations = models.TextField(_("organisations named"), blank=True, validators=text_validators(NOTE_MAX))

    class Meta:
        ordering = ["meeting", "group"]
        verbose_name = _("participation")
        verbose_name_plural = _("participation by group")
        constraints = [models.UniqueConstraint(fields=["meeting", "group"], name="participation_one_row_per_group")]

    def __str__(self):
        return f"{self.get_group_display()}: {self.count}"


def attachment_path(instance, filename):
    return f"meetings/{instance.meeting_id}/{filename}"


def attachment_thumbnail_path(instance, filename):
    return f"meetings/{instance.meeting_id}/thumbnails/{filename}"


class MeetingAttachmentQuerySet(models.QuerySet):
    def public_photos(self):
        """Photos the public may see on the meeting page (and fetch through its photo URLs)."""
        return self.filter(kind=MeetingAttachment.Kind.PHOTO, is_public=True)


class MeetingAttachment(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        DOCUMENT = "document", _("Document")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = SniffedFileField(_("file"), upload_to=attachment_path)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    is_public = models.BooleanField(_("show on the public page"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # A small JPEG made at upload for photos, so lists never send the full-size image.
    thumbnail = SniffedFileField(_("thumbnail"), upload_to=attachment_thumbnail_path, blank=True)

    objects = MeetingAttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.caption or self.file.name


def minutes_pdf_path(instance, filename):
    return f"meetings/{instance.meeting_id}/pdf/{filename}"


class MinutesPdf(models.Model):
    """One request to print a meeting's minutes as PDF, generated in the background.

    Kept apart from Meeting so that the worker's progress updates never touch the meeting row
    (and so never collide with its optimistic locking or fill its history).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Generating")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pdfs")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress, per cent"), default=0)
    file = SniffedFileField(_("file"), upload_to=minutes_pdf_path, blank=True)
    meeting_version = models.PositiveIntegerField(default=1)
    error = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("minutes PDF")
        verbose_name_plural = _("minutes PDFs")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="minutes_pdf_progress_at_most_100"),
        ]

    def __str__(self):
        return f"{self.meeting} PDF ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class MemorandumQuerySet(models.QuerySet):
    def sent(self):
        """Memoranda the akimat has been sent (every one but a draft): what its officials see.
        The object form is `Memorandum.was_sent`."""
        return self.exclude(status=Memorandum.Status.DRAFT)

    def public(self):
        """Memoranda the public may read: signed ones, and those that ran their course since."""
        return self.filter(status__in=Memorandum.PUBLIC_STATUSES)


class Memorandum(WorkflowMixin, models.Model):
    """A memorandum of cooperation between the foundation and one regional akimat."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        SIGNED = "signed", pgettext_lazy("memorandum status", "Signed")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")

    # Allowed status changes and who may make each (staff, or the officials of the region);
    # consultations/services/memoranda.py enforces it.
    TRANSITIONS = Transitions(
        {
            Status.DRAFT: {Status.IN_REVIEW: Actor.STAFF},
            Status.IN_REVIEW: {Status.CHANGES_REQUESTED: Actor.OFFICIAL, Status.APPROVED: Actor.OFFICIAL},
            Status.CHANGES_REQUESTED: {Status.IN_REVIEW: Actor.STAFF},
            Status.APPROVED: {Status.SIGNED: Actor.STAFF, Status.CHANGES_REQUESTED: Actor.STAFF},
            Status.SIGNED: {Status.EXPIRED: Actor.STAFF, Status.TERMINATED: Actor.STAFF},
            Status.EXPIRED: {},
            Status.TERMINATED: {},
        }
    )
    # Staff may change the text only before review or when the akimat asked for changes.
    EDITABLE = (Status.DRAFT, Status.CHANGES_REQUESTED)
    PUBLIC_STATUSES = (Status.SIGNED, Status.EXPIRED, Status.TERMINATED)
    # A memorandum binds its parties while signed; drafts and those that ran their course do not.
    BINDING_STATUSES = (Status.SIGNED,)

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="memoranda", verbose_name=_("region"))
    tour = models.ForeignKey(
        Tour, on_delete=models.PROTECT, related_name="memoranda", null=True, blank=True, verbose_name=_("tour")
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        related_name="memoranda",
        null=True,
        blank=True,
        verbose_name=_("signed at meeting"),
    )
    number = models.CharField(_("number"), max_length=50, blank=True)
    title = models.CharField(_("title"), max_length=300)
    text_kk = models.TextField(
        _("text (Kazakh)"), blank=True, help_text=_("Markdown."), validators=text_validators(DOCUMENT_MAX)
    )
    text_ru = models.TextField(
        _("text (Russian)"), blank=True, help_text=_("Markdown."), validators=text_validators(DOCUMENT_MAX)
    )
    foundation_signatory = models.CharField(_("signatory for the foundation"), max_length=300, blank=True)
    akimat_signatory = models.CharField(_("signatory for the akimat"), max_length=300, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_place = models.CharField(_("place of signing"), max_length=300, blank=True)
    signed_scan = SniffedFileField(_("signed scan (PDF)"), upload_to="memoranda/", blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    version = models.PositiveIntegerField(default=1)  # optimistic locking, as on Meeting
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # history: simple_history.register() in translation.py, after the translated fields exist

    objects = MemorandumQuerySet.as_manager()

    class Meta:
        ordering = ["region__name", "-created_at"]
        verbose_name = _("memorandum of cooperation")
        verbose_name_plural = _("memoranda of cooperation")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="memorandum_valid_until_after_from",
                violation_error_message=_("The end of validity must not be before its start."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["signed", "expired", "terminated"]) | Q(signed_on__isnull=False),
                name="memorandum_signed_has_date",
                violation_error_message=_("A signed memorandum needs its signing date."),
            ),
            models.UniqueConstraint(
                fields=["number"],
                condition=~Q(number=""),
                name="memorandum_unique_number",
                violation_error_code="unique",  # shown on the number field, not above the form
                violation_error_message=_("Another memorandum already has this number."),
            ),
            models.CheckConstraint(condition=Q(revision__gte=1), name="memorandum_revision_positive"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultations:memorandum_detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def was_sent(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class MemorandumVersion(models.Model):
    """A frozen copy of a memorandum's text at one revision, for comparing revisions."""

    memorandum = models.ForeignKey(Memorandum, on_delete=models.CASCADE, related_name="versions")
    revision = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    text_kk = models.TextField(blank=True)
    text_ru = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["memorandum", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["memorandum", "revision"], name="memorandum_version_unique_revision")
        ]

    def __str__(self):
        return f"{self.memorandum} r{self.revision}"


class MemorandumPdf(models.Model):
    """The public PDF of a memorandum, rendered once and stored, per language and content.

    `stamp` is a digest of everything the document shows (revision, status, signing, texts,
    commitments and their statuses: `consultations.services.memoranda.memorandum_pdf_stamp`);
    a request finds the stored file by it, so a newly signed revision or a changed commitment
    status gets a new PDF and an unchanged memorandum is never rendered twice.
    """

    memorandum = models.ForeignKey(Memorandum, on_delete=models.CASCADE, related_name="pdfs")
    language = models.CharField(max_length=5, choices=settings.LANGUAGES)
    stamp = models.CharField(max_length=64)
    file = models.FileField(upload_to="memoranda/pdf/")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["memorandum", "language", "stamp"], name="memorandum_pdf_unique_stamp")
        ]

    def __str__(self):
        return f"{self.memorandum} ({self.language})"


class ReviewComment(models.Model):
    class Decision(models.TextChoices):
        COMMENT = "comment", _("Comment")
        REQUEST_CHANGES = "request_changes", _("Changes requested")
        APPROVE = "approve", _("Approved")

    memorandum = models.ForeignKey(Memorandum, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"), blank=True, validators=text_validators(NOTE_MAX))
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, default=Decision.COMMENT)
    revision = models.PositiveIntegerField(_("revision"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")

    def __str__(self):
        return f"{self.get_decision_display()} — {self.author}"


class CommitmentQuerySet(models.QuerySet):
    """One definition of each set of commitments; every page, selector and reminder uses these."""

    def sent(self):
        """Commitments of memoranda sent to the akimat (MemorandumQuerySet.sent)."""
        return self.exclude(memorandum__status=Memorandum.Status.DRAFT)

    def binding(self):
        """Commitments in force: those of a signed memorandum (a draft binds nobody)."""
        return self.filter(memorandum__status__in=Memorandum.BINDING_STATUSES)

    def public(self):
        """Commitments the public may see: those of public memoranda."""
        return self.filter(memorandum__status__in=Memorandum.PUBLIC_STATUSES)

    def open(self):
        return self.exclude(status__in=Commitment.CLOSED)

    def overdue(self):
        return self.filter(Commitment.overdue_q())

    def due_within(self, days: int, today=None):
        """Binding, open commitments due within `days` (overdue ones included): the dashboard
        list and the daily reminders."""
        today = today or timezone.localdate()
        return self.binding().open().filter(due_on__isnull=False, due_on__lte=today + datetime.timedelta(days=days))


class Commitment(models.Model):
    """One obligation in a memorandum. Overdue is derived from the due date, never stored."""

    class Party(models.TextChoices):
        FOUNDATION = "foundation", _("Foundation")
        AKIMAT = "akimat", _("Akimat")
        JOINT = "joint", _("Jointly")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    CLOSED = (Status.DONE, Status.CANCELLED)

    memorandum = models.ForeignKey(Memorandum, on_delete=models.CASCADE, related_name="commitments")
    party = models.CharField(_("who"), max_length=20, choices=Party.choices)
    description = models.TextField(_("what"), validators=text_validators(NOTE_MAX))
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("program"),
    )
    order = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    # history: simple_history.register() in translation.py, after the translated fields exist

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["memorandum", "order", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        indexes = [
            # The daily reminder job scans open commitments by due date.
            models.Index(fields=["status", "due_on"]),
        ]

    def __str__(self):
        return self.description[:80]

    @property
    def is_overdue(self) -> bool:
        return bool(self.due_on and self.status not in self.CLOSED and self.due_on < timezone.localdate())

    @classmethod
    def state_counts(cls, prefix: str = "") -> dict:
        """Aggregates counting commitments as the pages show them: done, in progress and not
        started (each by its status, overdue ones apart), overdue, and all. `prefix` as for
        overdue_q."""
        pk = f"{prefix}pk"
        overdue = cls.overdue_q(prefix)

        def status(value):
            return Q(**{f"{prefix}status": value})

        return {
            "done": models.Count(pk, filter=status(cls.Status.DONE)),
            "in_progress": models.Count(pk, filter=status(cls.Status.IN_PROGRESS) & ~overdue),
            "not_started": models.Count(pk, filter=status(cls.Status.NOT_STARTED) & ~overdue),
            "overdue": models.Count(pk, filter=overdue),
            "total": models.Count(pk),
        }

    @classmethod
    def overdue_q(cls, prefix: str = "") -> Q:
        """The database form of is_overdue; `prefix` reaches commitments through a relation
        (e.g. "commitments__" from a memorandum)."""
        return Q(**{f"{prefix}due_on__lt": timezone.localdate()}) & ~Q(**{f"{prefix}status__in": cls.CLOSED})


class CommitmentProgress(models.Model):
    """A dated progress note on a commitment, optionally with evidence."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="progress_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Commitment.Status.choices)
    note = models.TextField(_("progress note"), validators=text_validators(NOTE_MAX))
    evidence = SniffedFileField(_("evidence"), upload_to="commitments/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self):
        return self.note[:80]


class Notification(models.Model):
    """One e-mail event, claimed once: the unique (kind, subject, key) row is what makes a
    notification go out at most once however often a task runs or retries.

    `subject` names the object ("memorandum:12", "commitment:7"); `key` tells events of the same
    kind on the same object apart (a revision, a decision, a due date).
    """

    class Kind(models.TextChoices):
        REVIEW_REQUESTED = "review_requested", _("Memorandum sent for review")
        REVIEW_DECIDED = "review_decided", _("Review decision")
        DUE_SOON = "due_soon", _("Commitment due soon")
        OVERDUE = "overdue", _("Commitment overdue")

    kind = models.CharField(max_length=30, choices=Kind.choices)
    subject = models.CharField(max_length=60)
    key = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the e-mail was put in the outbox, in the same transaction (the OutboxItem then
    # says whether it went out); a row without it was never queued.
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["kind", "subject", "key"], name="notification_once_per_event"),
        ]

    def __str__(self):
        return f"{self.kind} {self.subject} {self.key}"

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from foundation.texts import ANSWER_MAX, PROPOSAL_MAX, text_validators
from foundation.workflow import Actor, Transitions, WorkflowMixin
from programs.models import Direction

# Letters and digits that cannot be mistaken for one another when read aloud or copied.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def search_text_for(*parts: str) -> str:
    """Case-folded text that SQLite can match with a plain LIKE, Kazakh and Russian included.

    SQLite folds only ASCII letters, so the folding is done here, once, when saving.
    """
    return " ".join(p for p in parts if p).casefold()


class ProposalQuerySet(models.QuerySet):
    """The one definition of each set of proposals that pages, exports, the sitemap and the
    API read. Related managers have these methods too (`region.proposals.public()`), so other
    apps reach them without importing this one."""

    def public(self):
        """What the public may see: every proposal unless staff hid it (spam, abuse).

        Proposals are published at once; moderation is after the fact.
        """
        return self.filter(is_public=True)

    def counted(self):
        """Public proposals counted as requests: a duplicate counts once, under its original.

        The figure "proposals received" on the home page and on the statistics page.
        """
        return self.public().exclude(status=Proposal.Status.DUPLICATE)

    def answered(self):
        return self.filter(status__in=Proposal.ANSWERED)

    def awaiting_answer(self):
        """Proposals staff still have to answer (the dashboard count and its triage link)."""
        return self.filter(status__in=Proposal.AWAITING_ANSWER)


class Proposal(WorkflowMixin, models.Model):
    class Channel(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        ONLINE_CONFERENCE = "online_conference", _("Online conference")
        PUBLIC_FORM = "public_form", _("Public form")
        IMPORT = "import", _("Import")

    class Status(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("proposal status", "Received")
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
        DECLINED = "declined", _("Declined")
        ALREADY_DONE = "already_done", _("Already done")
        DUPLICATE = "duplicate", _("Duplicate")

    ANSWERED = (Status.ACCEPTED, Status.PARTLY_ACCEPTED, Status.DECLINED, Status.ALREADY_DONE)
    TAKEN_UP = (Status.ACCEPTED, Status.PARTLY_ACCEPTED, Status.ALREADY_DONE)  # answered with a yes
    AWAITING_ANSWER = (Status.RECEIVED, Status.UNDER_REVIEW)

    # Allowed status changes and who may make each; proposals/services.py enforces it, with one
    # guard: a decision (ANSWERED) needs the official answer first. Duplicates are marked by
    # merging and leave that status only by unmerging (back to review).
    TRANSITIONS = Transitions(
        {
            Status.RECEIVED: {
                Status.UNDER_REVIEW: Actor.STAFF,
                Status.ACCEPTED: Actor.STAFF,
                Status.PARTLY_ACCEPTED: Actor.STAFF,
                Status.DECLINED: Actor.STAFF,
                Status.ALREADY_DONE: Actor.STAFF,
                Status.DUPLICATE: Actor.STAFF,
            },
            Status.UNDER_REVIEW: {
                Status.RECEIVED: Actor.STAFF,
                Status.ACCEPTED: Actor.STAFF,
                Status.PARTLY_ACCEPTED: Actor.STAFF,
                Status.DECLINED: Actor.STAFF,
                Status.ALREADY_DONE: Actor.STAFF,
                Status.DUPLICATE: Actor.STAFF,
            },
            Status.ACCEPTED: {
                Status.UNDER_REVIEW: Actor.STAFF,  # reopened
                Status.PARTLY_ACCEPTED: Actor.STAFF,
                Status.DECLINED: Actor.STAFF,
                Status.ALREADY_DONE: Actor.STAFF,
                Status.DUPLICATE: Actor.STAFF,
            },
            Status.PARTLY_ACCEPTED: {
                Status.UNDER_REVIEW: Actor.STAFF,  # reopened
                Status.ACCEPTED: Actor.STAFF,
                Status.DECLINED: Actor.STAFF,
                Status.ALREADY_DONE: Actor.STAFF,
                Status.DUPLICATE: Actor.STAFF,
            },
            Status.DECLINED: {
                Status.UNDER_REVIEW: Actor.STAFF,  # reopened
                Status.ACCEPTED: Actor.STAFF,
                Status.PARTLY_ACCEPTED: Actor.STAFF,
                Status.ALREADY_DONE: Actor.STAFF,
                Status.DUPLICATE: Actor.STAFF,
            },
            Status.ALREADY_DONE: {
                Status.UNDER_REVIEW: Actor.STAFF,  # reopened
                Status.ACCEPTED: Actor.STAFF,
                Status.PARTLY_ACCEPTED: Actor.STAFF,
                Status.DECLINED: Actor.STAFF,
                Status.DUPLICATE: Actor.STAFF,
            },
            Status.DUPLICATE: {Status.UNDER_REVIEW: Actor.STAFF},
        }
    )

    code = models.CharField(_("tracking code"), max_length=12, unique=True, default=new_tracking_code, editable=False)
    tour = models.ForeignKey(
        "consultations.Tour", on_delete=models.PROTECT, related_name="proposals", verbose_name=_("tour")
    )
    region = models.ForeignKey(
        "consultations.Region", on_delete=models.PROTECT, related_name="proposals", verbose_name=_("region")
    )
    meeting = models.ForeignKey(
        "consultations.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("meeting"),
    )
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    text = models.TextField(_("proposal"), validators=text_validators(PROPOSAL_MAX))
    author_name = models.CharField(_("author's name"), max_length=200, blank=True)
    author_organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    publish_name = models.BooleanField(_("the author agrees to publish the name"), default=False)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    notify_by_email = models.BooleanField(_("the author wants the answer by e-mail"), default=False)
    # The interface language the author wrote in: the answer e-mail speaks it.
    language = models.CharField(_("author's language"), max_length=5, choices=settings.LANGUAGES, default="kk")
    # Claimed by a conditional update before the answer e-mail goes out, so it goes out once.
    answer_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    # answer is trilingual: see proposals/translation.py
    answer = models.TextField(_("official answer"), blank=True, validators=text_validators(ANSWER_MAX))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("program it was taken into"),
    )
    # Published at once; staff hide spam or abuse with a reason (ProposalModeration, the service).
    is_public = models.BooleanField(_("public"), default=True, editable=False)
    # Recognises a row already imported, so importing the same file twice adds nothing.
    import_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    # Case-folded public text for search (see public_search_text): the tracker's and triage's
    # full-text index (migration 0003) is built on it, so nothing private may enter it.
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Public form only: a keyed hash of the sender's address (never the address itself), so the
    # hourly limit per address is a count in the database that every web process shares.
    submitted_from = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            # The public tracker and staff triage filter by these.
            models.Index(fields=["region", "status"]),
            models.Index(fields=["direction", "status"]),
            models.Index(fields=["tour", "-created_at"]),
            # The default ordering: the first page of the tracker and of triage reads it in order.
            models.Index(fields=["-created_at", "-id"], name="proposal_newest_first"),
            # The public form's hourly limit per address.
            models.Index(
                fields=["submitted_from", "created_at"], condition=~Q(submitted_from=""), name="proposal_submitted_from"
            ),
            # Counted from the index alone (no table rows read): a region's public proposals
            # (region page, tracker filters) and a meeting's (meeting page).
            models.Index(fields=["region", "status"], condition=Q(is_public=True), name="proposal_public_region"),
            models.Index(fields=["meeting"], condition=Q(is_public=True), name="proposal_public_meeting"),
            # The tracker's deep pages walk it for ids alone (foundation.pagination.CountedPaginator.page).
            models.Index(
                fields=["-created_at", "-id"], condition=Q(is_public=True), name="proposal_public_newest_first"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="duplicate") & Q(duplicate_of__isnull=False))
                | (~Q(status="duplicate") & Q(duplicate_of__isnull=True)),
                name="proposal_duplicate_has_original",
                violation_error_message=_("A duplicate names the proposal it repeats, and only a duplicate does."),
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_of=models.F("id")),
                name="proposal_not_duplicate_of_itself",
                violation_error_message=_("A proposal cannot be a duplicate of itself."),
            ),
            # The full-text index and the similarity search stay fast only with bounded texts.
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), PROPOSAL_MAX),
                name="proposal_text_length",
                violation_error_message=_("The proposal is too long; shorten it."),
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.search_text = self.public_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("proposals:detail", kwargs={"code": self.code})

    @classmethod
    def channel_for_meeting(cls, meeting) -> str:
        """The channel of a proposal voiced at `meeting`: it follows the meeting's kind."""
        if meeting.kind == meeting.Kind.ONLINE_CONFERENCE:
            return cls.Channel.ONLINE_CONFERENCE
        return cls.Channel.MEETING

    @property
    def public_author_name(self) -> str:
        """The author's name as the public may see it: empty without consent."""
        return self.author_name if self.publish_name else ""

    @property
    def has_answer(self) -> bool:
        """An official answer is written in at least one language."""
        return any((getattr(self, f"answer_{lang}", "") or "").strip() for lang in ("kk", "ru", "en"))

    @property
    def is_answered(self) -> bool:
        return self.status in self.ANSWERED

    @property
    def public_organisation(self) -> str:
        """The organisation, shown only with the author's consent like the name."""
        return self.author_organisation if self.publish_name else ""

    def public_search_text(self) -> str:
        """What search matches: only what the public sees (no unconsented name or organisation)."""
        return search_text_for(self.text, self.public_organisation, self.public_author_name)

    @property
    def wants_answer_email(self) -> bool:
        return bool(self.contact_email and self.notify_by_email)


class ProposalStatusChange(models.Model):
    """Every status change of a proposal: who, when, from what to what."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Proposal.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Proposal.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.proposal.code}: {self.from_status} → {self.to_status}"


class ProposalModeration(models.Model):
    """Staff hid a proposal from the public (spam, abuse) or showed it again, and why."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="moderations")
    is_public = models.BooleanField(_("public after the change"))
    reason = models.CharField(_("reason"), max_length=300)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("moderation")
        verbose_name_plural = _("moderation")

    def __str__(self):
        return f"{self.proposal.code}: {'shown' if self.is_public else 'hidden'} ({self.reason})"


class AnswerTemplate(models.Model):
    """A ready answer that staff apply to many proposals at once (the same request, the same reply)."""

    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status it sets"),
        max_length=20,
        choices=[c for c in Proposal.Status.choices if c[0] in Proposal.ANSWERED],
        default=Proposal.Status.ACCEPTED,
    )
    answer_kk = models.TextField(_("answer (Kazakh)"), blank=True, validators=text_validators(ANSWER_MAX))
    answer_ru = models.TextField(_("answer (Russian)"), blank=True, validators=text_validators(ANSWER_MAX))
    answer_en = models.TextField(_("answer (English)"), blank=True, validators=text_validators(ANSWER_MAX))
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("program"),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")

    def __str__(self):
        return self.title


def import_file_path(instance, filename):
    return f"proposal-imports/{timezone.now():%Y/%m}/{filename}"


class ImportJob(models.Model):
    """One uploaded file of proposals: previewed first, then imported all at once."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Checked, waiting for confirmation")
        INVALID = "invalid", _("Has errors")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    tour = models.ForeignKey("consultations.Tour", on_delete=models.PROTECT, related_name="+", verbose_name=_("tour"))
    meeting = models.ForeignKey(
        "consultations.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("meeting or conference"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Proposal.Channel.choices)
    file = models.FileField(_("file"), upload_to=import_file_path)
    original_name = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREVIEW)
    # Parsed rows with their errors, as shown in the preview (line, fields, errors, already imported).
    rows = models.JSONField(default=list, blank=True)
    file_errors = models.JSONField(default=list, blank=True)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    error_message = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        constraints = [
            models.CheckConstraint(condition=Q(processed__lte=models.F("total")), name="importjob_processed_le_total")
        ]

    def __str__(self):
        return self.original_name or str(self.pk)

    @property
    def error_rows(self) -> list[dict]:
        return [r for r in self.rows if r.get("errors")]

    @property
    def new_rows(self) -> int:
        return sum(1 for r in self.rows if not r.get("errors") and not r.get("exists"))

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and not self.error_rows

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 0

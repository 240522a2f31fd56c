"""Writes on meetings: optimistic locking, status changes, attachments, minutes PDFs.

Every save of a meeting goes through `meeting_save`, so the version check and the history
entry (who, when, what) cannot be skipped by one view and not another.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consultations.models import Meeting, MeetingAttachment, MinutesPdf, Participation, Region
from consultations.rules import meeting_actor
from foundation import uploads
from foundation.locking import claim_next_version
from foundation.workflow import TransitionNotAllowed
from outbox import services as outbox

# Fields whose changes are shown when a save is refused (the rest are bookkeeping).
TRACKED_FIELDS = [
    "title",
    "region",
    "kind",
    "starts_at",
    "venue",
    "online_url",
    "status",
    "chair",
    "hosts",
    "agenda",
    "minutes",
    "summary",
    "outcomes",
]
# What the minutes page edits on the meeting itself.
MINUTES_FIELDS = ("minutes", "summary", "outcomes")
THUMBNAIL_SIZE = (320, 320)
HISTORY_REASON_MAX = 100  # simple-history's change reason column


class MeetingConflict(Exception):
    """Someone saved the meeting after this form was loaded; nothing was written."""

    def __init__(self, *, current: Meeting, changes: list["FieldChange"], changed_by, notes=()):
        super().__init__("meeting changed since the form was loaded")
        self.current = current
        self.changes = changes
        self.changed_by = changed_by
        # The history's reasons for the saves in between: they name participation changes,
        # which the field comparison cannot see.
        self.notes = list(notes)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


def _display(meeting, field: str) -> str:
    value = getattr(meeting, field)
    display = getattr(meeting, f"get_{field}_display", None)
    if display is not None:
        return str(display())
    if isinstance(value, str):
        return value.replace("\r\n", "\n")  # a browser sends CRLF; the same text is not an edit
    if hasattr(value, "isoformat"):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value.isoformat()
    return "" if value is None else str(value)


def meeting_diff(old, new) -> list[FieldChange]:
    """What differs between two versions of a meeting (model instances or history records)."""
    changes = []
    for field in TRACKED_FIELDS:
        if field == "region":
            # Compared by id: naming the regions costs a query, paid only when it changed.
            if old.region_id != new.region_id:
                names = Region.objects.in_bulk([old.region_id, new.region_id])
                before, after = str(names.get(old.region_id, "")), str(names.get(new.region_id, ""))
            else:
                continue
        else:
            before, after = _display(old, field), _display(new, field)
        if before != after:
            label = str(Meeting._meta.get_field(field).verbose_name)
            changes.append(FieldChange(field=field, label=label, old=before, new=after))
    return changes


def changes_since(*, meeting: Meeting, version: int) -> tuple[list[FieldChange], object]:
    """The changes others made after `version` and who made the last of them."""
    base = meeting.history.filter(version=version).order_by("-history_date").first()
    latest = meeting.history.select_related("history_user").order_by("-history_date", "-history_id").first()
    changed_by = latest.history_user if latest else None
    if base is None:
        return [], changed_by
    return meeting_diff(base, meeting), changed_by


@transaction.atomic
def meeting_save(*, meeting: Meeting, expected_version: int | None, user, reason: str = "") -> Meeting:
    """Save a meeting built by a form, refusing it when someone saved in between.

    The version is claimed first (foundation/locking.py): of two concurrent saves carrying the
    same version, exactly one goes through.
    """
    # Named explicitly so the history knows who even outside a request (a task, the shell).
    meeting._history_user = user
    if meeting.pk is None:
        meeting.version = 1
        meeting.created_by = user
        meeting._change_reason = reason or _("Created")
        meeting.save()
        return meeting
    if not claim_next_version(Meeting, meeting.pk, expected_version):
        current = Meeting.objects.select_related("region").get(pk=meeting.pk)
        changes, changed_by = changes_since(meeting=current, version=expected_version)
        notes = (
            current.history.filter(version__gt=expected_version)
            .exclude(history_change_reason__isnull=True)
            .exclude(history_change_reason="")
            .order_by("history_date", "history_id")
            .values_list("history_change_reason", flat=True)
        )
        raise MeetingConflict(current=current, changes=changes, changed_by=changed_by, notes=notes)
    meeting.version = expected_version + 1
    meeting._change_reason = reason[:HISTORY_REASON_MAX]
    meeting.save()
    return meeting


def meeting_change_status(*, meeting: Meeting, status: str, user, expected_version: int | None = None) -> Meeting:
    """Move a meeting along Meeting.TRANSITIONS if this user may; the history records who and
    when, and the save refreshes the public pages. Raises TransitionNotAllowed or MeetingConflict."""
    meeting.check_transition(status, meeting_actor(user, meeting))
    if status == Meeting.Status.MINUTES_PUBLISHED and not meeting.minutes.strip():
        raise TransitionNotAllowed(_("Write the minutes before publishing them."))
    if (
        status == Meeting.Status.HELD
        and meeting.status == Meeting.Status.PLANNED
        and meeting.starts_at > timezone.now()
    ):
        raise TransitionNotAllowed(_("A meeting cannot be marked as held before it starts."))
    reason = _("Status: %(old)s → %(new)s") % {
        "old": meeting.get_status_display(),
        "new": Meeting.Status(status).label,
    }
    meeting.status = status
    return meeting_save(
        meeting=meeting,
        expected_version=meeting.version if expected_version is None else expected_version,
        user=user,
        reason=reason,
    )


# Attachments ---------------------------------------------------------------------------


def sniff_upload(uploaded) -> tuple[str, str]:
    """(kind, content type) judged by the file's content, never by its name.

    Raises ValidationError for anything that is neither a readable image nor a PDF.
    """
    content_type = uploads.sniff(uploaded)
    if content_type is None:
        raise ValidationError(
            _(
                "This file is neither a photo (JPEG, PNG, WebP, GIF) nor a PDF document. Its content was checked, not its name."
            ),
            code="file_type",
        )
    kind = MeetingAttachment.Kind.DOCUMENT if content_type == uploads.PDF else MeetingAttachment.Kind.PHOTO
    return kind, content_type


def _thumbnail(uploaded) -> ContentFile:
    from PIL import ImageOps

    uploaded.seek(0)
    with uploads.open_image(uploaded) as image:
        # thumbnail() decodes JPEGs at a reduced scale (draft) and shrinks in steps, so memory
        # stays bounded by the pixel limit of open_image.
        image.thumbnail(THUMBNAIL_SIZE)
        image = ImageOps.exif_transpose(image)
        out = io.BytesIO()
        image.convert("RGB").save(out, format="JPEG", quality=82)
    uploaded.seek(0)
    return ContentFile(out.getvalue())


@transaction.atomic
def attachment_add(*, meeting: Meeting, uploaded, caption: str = "", is_public: bool = True, user) -> MeetingAttachment:
    uploads.check_size(uploaded)
    kind, content_type = sniff_upload(uploaded)
    attachment = MeetingAttachment(
        meeting=meeting,
        kind=kind,
        content_type=content_type,
        size=uploaded.size,
        caption=caption,
        is_public=is_public,
        uploaded_by=user,
    )
    name = uploaded.name.rsplit("/", 1)[-1]
    attachment.file.save(name, uploaded, save=False)
    if kind == MeetingAttachment.Kind.PHOTO:
        stem = name.rsplit(".", 1)[0]
        attachment.thumbnail.save(f"{stem}.jpg", _thumbnail(uploaded), save=False)
    attachment.save()
    _note_in_history(meeting, user, _("Attachment added: %(name)s") % {"name": attachment.caption or name})
    return attachment


def _note_in_history(meeting: Meeting, user, reason: str) -> None:
    """A history entry for a change beside the meeting's own fields (its attachments).

    Written without saving the meeting, so the version stays and nobody's open form is refused.
    """
    Meeting.history.bulk_history_create(
        [meeting], update=True, default_user=user, default_change_reason=reason[:HISTORY_REASON_MAX]
    )


@transaction.atomic
def attachment_delete(*, attachment: MeetingAttachment, user) -> None:
    files = [attachment.file, attachment.thumbnail]
    label = attachment.caption or attachment.file.name.rsplit("/", 1)[-1]
    meeting = attachment.meeting
    attachment.delete()
    _note_in_history(meeting, user, _("Attachment removed: %(name)s") % {"name": label})
    for f in files:
        if f:
            transaction.on_commit(lambda f=f: f.storage.delete(f.name))


# Minutes PDF --------------------------------------------------------------------------


def minutes_pdf_request(*, meeting: Meeting, user) -> MinutesPdf:
    """Record a PDF request and queue its generation once the request is committed."""
    # The worker has no request: it prints in the language the staff member is using.
    language = translation.get_language() or settings.LANGUAGE_CODE
    with transaction.atomic():
        pdf = MinutesPdf.objects.create(meeting=meeting, requested_by=user, meeting_version=meeting.version)
        outbox.enqueue_job(
            "consultations.tasks.meetings.generate_minutes_pdf",
            pdf.pk,
            language,
            description=_("Minutes PDF: %(meeting)s") % {"meeting": meeting},
        )
    return pdf


def _set_progress(pdf: MinutesPdf, **fields) -> None:
    MinutesPdf.objects.filter(pk=pdf.pk).update(**fields)
    for key, value in fields.items():
        setattr(pdf, key, value)


def minutes_pdf_generate(*, pdf_id: int, language: str | None = None) -> MinutesPdf:
    """Render the minutes to PDF with WeasyPrint, recording progress the page polls."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return _minutes_pdf_generate(pdf_id)


def _minutes_pdf_generate(pdf_id: int) -> MinutesPdf:
    from weasyprint import HTML

    # Claim the request so two workers never render the same one.
    if not MinutesPdf.objects.filter(pk=pdf_id, status=MinutesPdf.Status.PENDING).update(
        status=MinutesPdf.Status.RUNNING, progress=10
    ):
        return MinutesPdf.objects.get(pk=pdf_id)
    pdf = MinutesPdf.objects.select_related("meeting", "meeting__region", "meeting__tour").get(pk=pdf_id)
    meeting = pdf.meeting
    try:
        html = render_to_string("consultations/staff/minutes_pdf.html", minutes_document_context(meeting))
        _set_progress(pdf, progress=30)
        document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
        _set_progress(pdf, progress=70)
        data = document.write_pdf()
    except Exception as exc:
        # The page must stop showing "generating"; the error still reaches Celery.
        _set_progress(pdf, status=MinutesPdf.Status.FAILED, error=exc.__class__.__name__, finished_at=timezone.now())
        raise
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    pdf.file.save(f"minutes-{meeting.pk}-v{pdf.meeting_version}-{stamp}.pdf", ContentFile(data), save=False)
    _set_progress(pdf, file=pdf.file.name, status=MinutesPdf.Status.DONE, progress=100, finished_at=timezone.now())
    return pdf


def minutes_document_context(meeting: Meeting) -> dict:
    """What the printable minutes show; shared by the print page and the PDF."""
    participations = list(meeting.participations.all())
    return {
        "meeting": meeting,
        "participations": participations,
        "participants_total": sum(p.count for p in participations),
        "memoranda": list(meeting.memoranda.all()),
        "proposals": list(meeting.proposals.order_by("created_at", "id")),
    }


# Minutes page ---------------------------------------------------------------------------


def _participation_note(before: dict, rows: list[dict]) -> str:
    """A short note of which participation rows changed, for the history's reason column."""
    after = {row["group"]: row for row in rows}
    parts = []
    for group, row in after.items():
        old = before.get(group)
        if old is None or (old.count, old.organisations) != (row["count"], row["organisations"]):
            parts.append(f"{Participation.Group(group).label} {row['count']}")
    parts += [f"−{Participation.Group(group).label}" for group in before if group not in after]
    return "; ".join(parts)


def _minutes_changed(meeting: Meeting) -> bool:
    saved = Meeting.objects.filter(pk=meeting.pk).values(*MINUTES_FIELDS).first() or {}
    return any(saved.get(field) != getattr(meeting, field) for field in MINUTES_FIELDS)


@transaction.atomic
def meeting_minutes_save(
    *,
    meeting: Meeting,
    expected_version: int,
    user,
    participations: list[dict],
    memorandum=None,
    memoranda=None,
    status: str | None = None,
) -> Meeting:
    """Save minutes, summary, outcomes, participation and the memorandum link together, then
    (when `status` is given) change the status: all of it or nothing.

    `meeting` carries the typed texts; `participations` is every row the meeting should have
    ({group, count, organisations}). A status button on the minutes page comes here with the
    typed text, so the text is saved under the same version check, never lost.
    """
    before = {p.group: p for p in meeting.participations.all()}
    note = _participation_note(before, participations)
    memoranda = list(memoranda or [])
    link_changes = [
        memo
        for memo in memoranda
        if (memo.meeting_id == meeting.pk) != (memorandum is not None and memo.pk == memorandum.pk)
    ]
    if note or link_changes or _minutes_changed(meeting):
        reason = _("Minutes page saved") + (f" ({_('participation')}: {note})" if note else "")
        if len(reason) > HISTORY_REASON_MAX:
            changed = len(note.split("; "))
            reason = _("Minutes page saved (participation: %(count)d rows changed)") % {"count": changed}
        meeting_save(meeting=meeting, expected_version=expected_version, user=user, reason=reason)
        expected_version = meeting.version
        after = {row["group"]: row for row in participations}
        meeting.participations.exclude(group__in=after).delete()
        for group, row in after.items():
            Participation.objects.update_or_create(
                meeting=meeting, group=group, defaults={"count": row["count"], "organisations": row["organisations"]}
            )
        for memo in link_changes:
            memo.meeting = None if memo.meeting_id == meeting.pk else meeting
            memo.save(update_fields=["meeting", "updated_at"])
    if status:
        current = Meeting.objects.select_related("region", "tour").get(pk=meeting.pk)
        meeting = meeting_change_status(meeting=current, status=status, user=user, expected_version=expected_version)
    return meeting

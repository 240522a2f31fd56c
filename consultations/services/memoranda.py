"""Memoranda and commitments: the workflow, progress, reminders, notifications, XLSX round trip.

Every status change goes through `memorandum_change_status`, which checks Memorandum.TRANSITIONS
(the one place where the workflow is declared) against the actor the user is (consultations/rules.py).
"""

import datetime
import difflib
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from consultations.models import (
    Commitment,
    CommitmentProgress,
    Memorandum,
    MemorandumPdf,
    MemorandumVersion,
    Notification,
    ReviewComment,
)
from consultations.rules import memorandum_actor
from foundation import spreadsheets
from foundation.links import absolute
from foundation.locking import claim_next_version
from foundation.roles import official_emails, staff_emails
from foundation.texts import NOTE_MAX, text_errors
from foundation.translated_forms import MAIN_LANGUAGES, translated_names
from outbox import services as outbox

REMINDER_DAYS = 14  # owners hear about a commitment this many days before it is due


class StaleEdit(Exception):
    """Someone else saved the memorandum since the form was opened."""


# --- drafting ---------------------------------------------------------------------------


COMMITMENT_FIELDS = ("party", *translated_names("description", languages=MAIN_LANGUAGES), "due_on", "program")


def memorandum_save(
    *, memorandum: Memorandum, commitments: list[dict], removed: list[int] = (), expected_version: int | None, user
) -> Memorandum:
    """Save a memorandum built by its form and its commitments, refusing a stale edit.

    `commitments` are the rows to keep, in order: cleaned data with the commitment's `id` when
    it exists already; `removed` the ids to delete. A new memorandum has no version to check;
    an existing one is saved only when the version the form carried is still current.
    """
    if memorandum.pk and not memorandum.is_editable:
        raise ValidationError(_("This memorandum can no longer be edited."))
    with transaction.atomic():
        if memorandum.pk:
            if not claim_next_version(Memorandum, memorandum.pk, expected_version):
                raise StaleEdit
            memorandum.version = expected_version + 1
        memorandum._history_user = user
        memorandum.save()
        existing = {c.pk: c for c in memorandum.commitments.all()}
        memorandum.commitments.filter(pk__in=[pk for pk in removed if pk in existing]).delete()
        for order, row in enumerate(commitments):
            commitment = existing.get(row.get("id")) or Commitment(memorandum=memorandum)
            for name in COMMITMENT_FIELDS:
                setattr(commitment, name, row.get(name))
            commitment.order = order
            commitment.save()
    return memorandum


def _freeze(memorandum: Memorandum, user) -> MemorandumVersion:
    """Keep the current text as a version; a changed text after a review is a new revision."""
    last = memorandum.versions.order_by("-revision").first()
    if last and (last.title, last.text_kk, last.text_ru) == (memorandum.title, memorandum.text_kk, memorandum.text_ru):
        return last
    if last:
        memorandum.revision = last.revision + 1
    return MemorandumVersion.objects.create(
        memorandum=memorandum,
        revision=memorandum.revision,
        title=memorandum.title,
        text_kk=memorandum.text_kk,
        text_ru=memorandum.text_ru,
        created_by=user,
    )


def memorandum_change_status(*, memorandum: Memorandum, status: str, user, **fields) -> Memorandum:
    """Move a memorandum to `status` if Memorandum.TRANSITIONS lets this user make the move.

    `fields` are saved in the same UPDATE (signing needs its date there: a constraint checks it).
    The history records who and when, and the save refreshes the public pages.
    """
    memorandum.check_transition(status, memorandum_actor(user, memorandum))
    reason = _("Status: %(old)s → %(new)s") % {
        "old": memorandum.get_status_display(),
        "new": Memorandum.Status(status).label,
    }
    with transaction.atomic():
        # Conditional update: two people acting at once cannot both move it from the same state.
        updated = Memorandum.objects.filter(pk=memorandum.pk, status=memorandum.status).update(
            status=status, version=F("version") + 1, updated_at=timezone.now(), **fields
        )
        if updated != 1:
            raise StaleEdit
        memorandum.refresh_from_db()
        # Saved once more (same values) so simple-history records who and when, and the
        # post_save signal refreshes the public page cache: update() does neither.
        memorandum._history_user = user
        memorandum._change_reason = reason
        memorandum.save(update_fields=["updated_at"])
    return memorandum


def memorandum_send_for_review(*, memorandum: Memorandum, user) -> Memorandum:
    with transaction.atomic():
        memorandum = Memorandum.objects.select_for_update().get(pk=memorandum.pk)
        version = _freeze(memorandum, user)
        Memorandum.objects.filter(pk=memorandum.pk).update(revision=version.revision)
        memorandum = memorandum_change_status(memorandum=memorandum, status=Memorandum.Status.IN_REVIEW, user=user)
        _enqueue(Notification.Kind.REVIEW_REQUESTED, memorandum.pk, f"r{memorandum.revision}")
    return memorandum


def memorandum_review(*, memorandum: Memorandum, user, decision: str, body: str) -> ReviewComment:
    """An official's comment or decision; staff may only comment."""
    targets = {
        ReviewComment.Decision.REQUEST_CHANGES: Memorandum.Status.CHANGES_REQUESTED,
        ReviewComment.Decision.APPROVE: Memorandum.Status.APPROVED,
    }
    with transaction.atomic():
        if decision in targets:
            memorandum = memorandum_change_status(memorandum=memorandum, status=targets[decision], user=user)
        comment = ReviewComment.objects.create(
            memorandum=memorandum, author=user, body=body, decision=decision, revision=memorandum.revision
        )
        if decision in targets:
            _enqueue(Notification.Kind.REVIEW_DECIDED, memorandum.pk, f"c{comment.pk}")
    return comment


def memorandum_sign(*, memorandum: Memorandum, user, signed_on, signed_place: str, signed_scan) -> Memorandum:
    memorandum.check_transition(Memorandum.Status.SIGNED, memorandum_actor(user, memorandum))
    # The scan is stored first; the status, date, place and file name then change in one UPDATE.
    name = memorandum.signed_scan.storage.save(
        memorandum.signed_scan.field.generate_filename(memorandum, f"memorandum-{memorandum.pk}-signed.pdf"),
        signed_scan,
    )
    with transaction.atomic():
        memorandum = memorandum_change_status(
            memorandum=memorandum,
            status=Memorandum.Status.SIGNED,
            user=user,
            signed_on=signed_on,
            signed_place=signed_place,
            signed_scan=name,
        )
        # The public PDF in each language, rendered once by a worker before the first reader asks.
        outbox.enqueue_job(
            "consultations.tasks.memoranda.render_public_pdfs",
            memorandum.pk,
            description=_("Public PDF of the memorandum: %(title)s") % {"title": memorandum.title},
        )
    return memorandum


# --- the PDF ------------------------------------------------------------------------------

PDF_TEMPLATE = "consultations/memoranda/memorandum_pdf.html"
PDF_LAYOUT = 1  # bump when the template changes, so stored PDFs are rendered again


def memorandum_pdf_render(*, memorandum: Memorandum, language: str) -> bytes:
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(
            PDF_TEMPLATE, {"memorandum": memorandum, "commitments": memorandum.commitments.select_related("program")}
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def memorandum_pdf_stamp(memorandum: Memorandum) -> str:
    """A digest of what the PDF shows: any save or status change of the memorandum (updated_at),
    its region's name and its commitments. Equal stamps, equal documents."""
    commitments = list(
        memorandum.commitments.order_by("pk").values_list(
            "pk", "party", "description_kk", "description_ru", "due_on", "status"
        )
    )
    region = memorandum.region
    parts = [PDF_LAYOUT, memorandum.updated_at, memorandum.revision, memorandum.status, commitments]
    parts += [getattr(region, f"name_{code}", "") for code, _name in settings.LANGUAGES]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def memorandum_public_pdf(*, memorandum: Memorandum, language: str) -> MemorandumPdf:
    """The stored PDF of a public memorandum in `language`, rendered and stored only when its
    content has no PDF yet (once per signed revision, again when a commitment's status moves).

    Stored through the storage API (S3 later); older renderings are deleted once replaced.
    """
    stamp = memorandum_pdf_stamp(memorandum)
    stored = MemorandumPdf.objects.filter(memorandum=memorandum, language=language, stamp=stamp).first()
    if stored is not None and stored.file and stored.file.storage.exists(stored.file.name):
        return stored
    pdf = stored or MemorandumPdf(memorandum=memorandum, language=language, stamp=stamp)
    data = memorandum_pdf_render(memorandum=memorandum, language=language)
    pdf.file.save(f"memorandum-{memorandum.pk}-{language}-{stamp[:12]}.pdf", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            pdf.save()
    except IntegrityError:  # another request stored the same document meanwhile
        pdf.file.storage.delete(pdf.file.name)
        return MemorandumPdf.objects.get(memorandum=memorandum, language=language, stamp=stamp)
    for old in MemorandumPdf.objects.filter(memorandum=memorandum, language=language).exclude(pk=pdf.pk):
        old.file.storage.delete(old.file.name)
        old.delete()
    return pdf


def memorandum_public_pdfs_render(*, memorandum_id: int) -> int:
    """Render the public PDF in every language ahead of the first reader (queued at signing)."""
    memorandum = Memorandum.objects.select_related("region").get(pk=memorandum_id)
    if not memorandum.is_public:
        return 0
    for code, _name in settings.LANGUAGES:
        memorandum_public_pdf(memorandum=memorandum, language=code)
    return len(settings.LANGUAGES)


@dataclass
class DiffLine:
    kind: str  # "added", "removed", "same", "gap"
    text: str


def versions_diff(old: MemorandumVersion, new: MemorandumVersion, field_name: str = "text_kk") -> list[DiffLine]:
    """A line diff of one text field between two versions, with three lines of context."""
    a = getattr(old, field_name).splitlines()
    b = getattr(new, field_name).splitlines()
    lines = []
    for group in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_grouped_opcodes(3):
        if lines:
            lines.append(DiffLine("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [DiffLine("same", t) for t in a[i1:i2]]
                continue
            lines += [DiffLine("removed", t) for t in a[i1:i2]]
            lines += [DiffLine("added", t) for t in b[j1:j2]]
    return lines


# --- commitments ------------------------------------------------------------------------


def commitment_add_progress(*, commitment: Commitment, user, status: str, note: str, evidence=None):
    with transaction.atomic():
        entry = CommitmentProgress.objects.create(
            commitment=commitment, author=user, status=status, note=note, evidence=evidence or ""
        )
        if commitment.status != status:
            commitment.status = status
            commitment.save(update_fields=["status", "updated_at"])
    return entry


# --- notifications ----------------------------------------------------------------------


def _enqueue(kind: str, object_id: int, key: str) -> None:
    """Queue the event's e-mail in the outbox, in the surrounding transaction."""
    notification_queue(kind=kind, object_id=object_id, key=key)


def notification_claim(*, kind: str, subject: str, key: str) -> Notification | None:
    """Claim the right to queue one event; None when it was queued already.

    The unique row exists once; the conditional update on sent_at lets exactly one caller
    through. The claim and the e-mail in the outbox are written in one transaction, so an event
    is queued exactly once; the outbox then sends it, retrying while the mail server is down.
    """
    try:
        with transaction.atomic():
            row, _created = Notification.objects.get_or_create(kind=kind, subject=subject, key=key)
    except IntegrityError:  # another worker created it between our read and write
        row = Notification.objects.get(kind=kind, subject=subject, key=key)
    claimed = Notification.objects.filter(pk=row.pk, sent_at__isnull=True).update(sent_at=timezone.now())
    return row if claimed == 1 else None


def _memorandum_message(kind: str, memorandum: Memorandum, key: str) -> tuple[str, str, list[str]]:
    if kind == Notification.Kind.REVIEW_REQUESTED:
        recipients = list(official_emails(memorandum.region_id))
        subject = _("Memorandum for your review: %(title)s") % {"title": memorandum.title}
        url = reverse("consultations:akimat_memorandum_detail", kwargs={"pk": memorandum.pk})
        intro = _("The foundation sent revision %(revision)s of the memorandum for your review.") % {
            "revision": memorandum.revision
        }
    else:
        comment = ReviewComment.objects.select_related("author").get(pk=int(key.lstrip("c")))
        recipients = list(staff_emails())
        subject = _("%(region)s: %(decision)s — %(title)s") % {
            "region": memorandum.region.name,
            "decision": comment.get_decision_display(),
            "title": memorandum.title,
        }
        url = reverse("consultations:staff_memorandum_detail", kwargs={"pk": memorandum.pk})
        intro = f"{comment.get_decision_display()}: {comment.body}".strip()
    body = render_to_string(
        "consultations/memoranda/email_memorandum.txt",
        {"memorandum": memorandum, "intro": intro, "url": absolute(url)},
    )
    return subject, body, recipients


def _commitment_message(kind: str, commitment: Commitment) -> tuple[str, str, list[str]]:
    memorandum = commitment.memorandum
    recipients = []
    if commitment.party in (Commitment.Party.AKIMAT, Commitment.Party.JOINT):
        recipients += list(official_emails(memorandum.region_id))
    if commitment.party in (Commitment.Party.FOUNDATION, Commitment.Party.JOINT):
        recipients += list(staff_emails())
    if kind == Notification.Kind.OVERDUE:
        subject = _("Commitment overdue: %(what)s") % {"what": str(commitment)}
    else:
        due = formats.date_format(commitment.due_on, "DATE_FORMAT")  # as pages write dates
        subject = _("Commitment due on %(date)s: %(what)s") % {"date": due, "what": str(commitment)}
    body = render_to_string(
        "consultations/memoranda/email_commitment.txt",
        {"commitment": commitment, "memorandum": memorandum, "overdue": kind == Notification.Kind.OVERDUE},
    )
    return subject, body, sorted(set(recipients))


def notification_queue(*, kind: str, object_id: int, key: str) -> bool:
    """Put one event's e-mail in the outbox at most once. Returns whether this call queued it.

    `sent_at` on the Notification row says when it was queued; the outbox item says whether
    it went out (staff see both: the admin, the outbox page).
    """
    is_commitment = kind in (Notification.Kind.DUE_SOON, Notification.Kind.OVERDUE)
    subject_name = f"{'commitment' if is_commitment else 'memorandum'}:{object_id}"
    with transaction.atomic():
        claim = notification_claim(kind=kind, subject=subject_name, key=key)
        if claim is None:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            if is_commitment:
                commitment = Commitment.objects.select_related("memorandum__region").get(pk=object_id)
                subject, body, recipients = _commitment_message(kind, commitment)
            else:
                memorandum = Memorandum.objects.select_related("region").get(pk=object_id)
                subject, body, recipients = _memorandum_message(kind, memorandum, key)
        outbox.enqueue_email(subject=subject, body=body, recipients=recipients)
        Notification.objects.filter(pk=claim.pk).update(recipients=len(recipients))
    return True


def commitments_remind(*, today: datetime.date | None = None) -> list[tuple[str, int, str]]:
    """The daily job's events: open commitments due within REMINDER_DAYS and the overdue.

    Keyed by the due date, so moving a deadline brings a fresh reminder, and running the job
    twice a day sends nothing new.
    """
    today = today or timezone.localdate()
    events = []
    qs = Commitment.objects.due_within(REMINDER_DAYS, today=today)
    for commitment_id, due_on in qs.values_list("pk", "due_on"):
        kind = Notification.Kind.OVERDUE if due_on < today else Notification.Kind.DUE_SOON
        events.append((kind, commitment_id, due_on.isoformat()))
    return events


# --- XLSX round trip ----------------------------------------------------------------------

XLSX_COLUMNS = ["id", "party", "description", "due_on", "program", "status", "progress_note"]


def commitments_to_xlsx(*, memorandum: Memorandum) -> bytes:
    rows = [XLSX_COLUMNS] + [
        [c.pk, c.party, c.description, c.due_on, str(c.program) if c.program else "", c.status, ""]
        for c in memorandum.commitments.select_related("program")
    ]
    return spreadsheets.xlsx_bytes({"commitments": rows}, widths={"commitments": [8, 12, 60, 12, 30, 14, 40]})


@dataclass
class ImportResult:
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)
    updated: int = 0


def commitments_import_xlsx(*, memorandum: Memorandum, file, user) -> ImportResult:
    """Apply statuses and notes from an exported sheet: every row valid, or nothing applied."""
    result = ImportResult()
    try:
        rows = spreadsheets.read_xlsx_rows(file.read())
    except spreadsheets.SpreadsheetError:
        result.errors.append((0, _("The file is not an XLSX workbook.")))
        return result
    if not rows or [str(v or "").strip() for v in rows[0][: len(XLSX_COLUMNS)]] != XLSX_COLUMNS:
        result.errors.append((1, _("The first row must be the exported header: %s") % ", ".join(XLSX_COLUMNS)))
        return result
    commitments = {c.pk: c for c in memorandum.commitments.all()}
    statuses = {value for value, _label in Commitment.Status.choices}
    changes = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(v not in (None, "") for v in row):
            continue
        values = dict(zip(XLSX_COLUMNS, list(row) + [None] * len(XLSX_COLUMNS), strict=False))
        try:
            pk = int(values["id"])
        except (TypeError, ValueError):
            result.errors.append((number, _("The id column must hold a commitment number.")))
            continue
        if pk not in commitments:
            result.errors.append((number, _("Commitment %(id)s is not in this memorandum.") % {"id": pk}))
            continue
        status = str(values["status"] or "").strip()
        if status not in statuses:
            result.errors.append(
                (
                    number,
                    _("Unknown status “%(status)s”; use one of: %(choices)s")
                    % {"status": status, "choices": ", ".join(sorted(statuses))},
                )
            )
            continue
        note = str(values["progress_note"] or "").strip()
        note_errors = text_errors(note, NOTE_MAX)
        if note_errors:
            result.errors.extend((number, message) for message in note_errors)
            continue
        commitment = commitments[pk]
        if status != commitment.status or note:
            changes.append((commitment, status, note))
    if result.errors:
        return result
    with transaction.atomic():
        for commitment, status, note in changes:
            commitment_add_progress(
                commitment=commitment,
                user=user,
                status=status,
                note=note or _("Status updated from a spreadsheet."),
            )
    result.updated = len(changes)
    return result

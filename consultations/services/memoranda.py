"""Memoranda and commitments: the workflow, progress, reminders, notifications, XLSX round trip.

Every status change goes through `memorandum_transition`, which checks Memorandum.TRANSITIONS
(the one place where the workflow is declared) against the role of the user making it.
"""

import datetime
import difflib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from consultations.models import (
    Commitment,
    CommitmentProgress,
    Memorandum,
    MemorandumVersion,
    Notification,
    ReviewComment,
)
from foundation import spreadsheets
from foundation.texts import NOTE_MAX, text_errors
from outbox import services as outbox

REMINDER_DAYS = 14  # owners hear about a commitment this many days before it is due


class StaleEdit(Exception):
    """Someone else saved the memorandum since the form was opened."""


# --- who is who -------------------------------------------------------------------------


def role_of(user, memorandum: Memorandum) -> str | None:
    """The user's workflow role for this memorandum: staff, an official of its region, or None."""
    if user.is_authenticated and (user.is_superuser or user.is_foundation_staff):
        return Memorandum.Role.STAFF
    if user.is_authenticated and user.is_akimat_official and user.region_id == memorandum.region_id:
        return Memorandum.Role.OFFICIAL
    return None


def _officials_of(region_id):
    return User.objects.filter(role=User.Role.AKIMAT, region_id=region_id, is_active=True, email__gt="").values_list(
        "email", flat=True
    )


def _staff_emails():
    return User.objects.filter(role=User.Role.STAFF, is_active=True, email__gt="").values_list("email", flat=True)


# --- drafting ---------------------------------------------------------------------------


def memorandum_save(*, memorandum: Memorandum, formset, expected_version: int | None, user) -> Memorandum:
    """Save a memorandum form and its commitments formset, refusing a stale edit.

    A new memorandum has no version to check. An existing one is saved only when the version
    the form carried is still current; the version then goes up by one.
    """
    if memorandum.pk and not memorandum.is_editable:
        raise ValidationError(_("This memorandum can no longer be edited."))
    with transaction.atomic():
        if memorandum.pk:
            updated = Memorandum.objects.filter(pk=memorandum.pk, version=expected_version).update(
                version=F("version") + 1
            )
            if updated != 1:
                raise StaleEdit
            memorandum.version = expected_version + 1
        memorandum.save()
        formset.instance = memorandum
        formset.save()
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


def memorandum_transition(*, memorandum: Memorandum, target: str, user, **fields) -> Memorandum:
    """Move a memorandum to `target` if Memorandum.TRANSITIONS lets this user's role do it.

    `fields` are saved in the same UPDATE (signing needs its date there: a constraint checks it).
    """
    role = role_of(user, memorandum)
    if role is None or not memorandum.can_change_status(target, role):
        raise PermissionDenied(_("This change of status is not allowed."))
    # Conditional update: two people acting at once cannot both move it from the same state.
    updated = Memorandum.objects.filter(pk=memorandum.pk, status=memorandum.status).update(
        status=target, version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if updated != 1:
        raise StaleEdit
    memorandum.refresh_from_db()
    return memorandum


def memorandum_send_for_review(*, memorandum: Memorandum, user) -> Memorandum:
    with transaction.atomic():
        memorandum = Memorandum.objects.select_for_update().get(pk=memorandum.pk)
        version = _freeze(memorandum, user)
        Memorandum.objects.filter(pk=memorandum.pk).update(revision=version.revision)
        memorandum = memorandum_transition(memorandum=memorandum, target=Memorandum.Status.IN_REVIEW, user=user)
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
            memorandum = memorandum_transition(memorandum=memorandum, target=targets[decision], user=user)
        comment = ReviewComment.objects.create(
            memorandum=memorandum, author=user, body=body, decision=decision, revision=memorandum.revision
        )
        if decision in targets:
            _enqueue(Notification.Kind.REVIEW_DECIDED, memorandum.pk, f"c{comment.pk}")
    return comment


def memorandum_sign(*, memorandum: Memorandum, user, signed_on, signed_place: str, signed_scan) -> Memorandum:
    role = role_of(user, memorandum)
    if role is None or not memorandum.can_change_status(Memorandum.Status.SIGNED, role):
        raise PermissionDenied(_("This change of status is not allowed."))
    # The scan is stored first; the status, date, place and file name then change in one UPDATE.
    name = memorandum.signed_scan.storage.save(
        memorandum.signed_scan.field.generate_filename(memorandum, f"memorandum-{memorandum.pk}-signed.pdf"),
        signed_scan,
    )
    return memorandum_transition(
        memorandum=memorandum,
        target=Memorandum.Status.SIGNED,
        user=user,
        signed_on=signed_on,
        signed_place=signed_place,
        signed_scan=name,
    )


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


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _memorandum_message(kind: str, memorandum: Memorandum, key: str) -> tuple[str, str, list[str]]:
    if kind == Notification.Kind.REVIEW_REQUESTED:
        recipients = list(_officials_of(memorandum.region_id))
        subject = _("Memorandum for your review: %(title)s") % {"title": memorandum.title}
        url = reverse("consultations:akimat_memorandum_detail", kwargs={"pk": memorandum.pk})
        intro = _("The foundation sent revision %(revision)s of the memorandum for your review.") % {
            "revision": memorandum.revision
        }
    else:
        comment = ReviewComment.objects.select_related("author").get(pk=int(key.lstrip("c")))
        recipients = list(_staff_emails())
        subject = _("%(region)s: %(decision)s — %(title)s") % {
            "region": memorandum.region.name,
            "decision": comment.get_decision_display(),
            "title": memorandum.title,
        }
        url = reverse("consultations:staff_memorandum_detail", kwargs={"pk": memorandum.pk})
        intro = f"{comment.get_decision_display()}: {comment.body}".strip()
    body = render_to_string(
        "consultations/memoranda/email_memorandum.txt",
        {"memorandum": memorandum, "intro": intro, "url": _absolute(url)},
    )
    return subject, body, recipients


def _commitment_message(kind: str, commitment: Commitment) -> tuple[str, str, list[str]]:
    memorandum = commitment.memorandum
    recipients = []
    if commitment.party in (Commitment.Party.AKIMAT, Commitment.Party.JOINT):
        recipients += list(_officials_of(memorandum.region_id))
    if commitment.party in (Commitment.Party.FOUNDATION, Commitment.Party.JOINT):
        recipients += list(_staff_emails())
    if kind == Notification.Kind.OVERDUE:
        subject = _("Commitment overdue: %(what)s") % {"what": str(commitment)}
    else:
        subject = _("Commitment due on %(date)s: %(what)s") % {"date": commitment.due_on, "what": str(commitment)}
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

"""Writes on registrations: sign up (capacity and waiting list), cancel, attendance, e-mails.

Sign-ups for one event are serialised by locking the event's row (SELECT ... FOR UPDATE on
PostgreSQL): the count of places taken and the insert happen under that lock, so two people
can never both take the last place. E-mails go through the outbox, each queued once.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consultations.models import Meeting, Participation
from events import ics
from events.consent import CONSENT_TEXT, CONSENT_VERSION
from events.models import Registration
from foundation.links import absolute
from outbox import services as outbox


class RegistrationRefused(ValidationError):
    pass


def registration_is_open(meeting: Meeting, now=None) -> bool:
    """The one rule for whether the public may register now: staff opened it, the event is
    planned and has not started."""
    now = now or timezone.now()
    return meeting.registration_open and meeting.status == Meeting.Status.PLANNED and meeting.starts_at > now


def places_left(meeting: Meeting, confirmed: int) -> int | None:
    """Free places given the confirmed count; None when the event has no limit."""
    if meeting.capacity is None:
        return None
    return max(meeting.capacity - confirmed, 0)


def registration_create(
    *,
    meeting: Meeting,
    name: str,
    email: str,
    organisation: str = "",
    group: str = "",
    language: str = "kk",
    submitted_from: str = "",
) -> Registration:
    """Register one person: a confirmed place while any is left, else the waiting list.

    Raises RegistrationRefused when registration is closed or the address is already registered.
    """
    email = email.strip().lower()
    try:
        with transaction.atomic():
            # The lock serialises sign-ups for this event (and only this one).
            locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
            if not registration_is_open(locked):
                raise RegistrationRefused(_("Registration for this event is closed."), code="closed")
            if locked.registrations.active().filter(email=email).exists():
                raise RegistrationRefused(_("This e-mail address is already registered for this event."), code="twice")
            confirmed = locked.registrations.confirmed().count()
            left = places_left(locked, confirmed)
            status = Registration.Status.CONFIRMED if left is None or left > 0 else Registration.Status.WAITING
            with translation.override(language):
                consent_text = str(CONSENT_TEXT)
            now = timezone.now()
            registration = Registration.objects.create(
                meeting=locked,
                name=name.strip(),
                organisation=organisation.strip(),
                group=group,
                email=email,
                language=language,
                status=status,
                consent_version=CONSENT_VERSION,
                consent_text=consent_text,
                consented_at=now,
                created_at=now,
                submitted_from=submitted_from,
            )
            _queue_once(registration.pk, "confirmation_sent_at")
    except IntegrityError:
        # The unique constraint caught a double submit the check above could not see (SQLite).
        raise RegistrationRefused(
            _("This e-mail address is already registered for this event."), code="twice"
        ) from None
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration:
    """Cancel a registration; a freed place goes to the first on the waiting list."""
    Meeting.objects.select_for_update().get(pk=registration.meeting_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return registration
    freed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if freed:
        _promote_waiting(registration.meeting)
    return registration


def _promote_waiting(meeting: Meeting) -> None:
    """Fill free places from the waiting list, in order. Call with the event's row locked."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    if meeting.starts_at <= timezone.now():
        return
    confirmed = meeting.registrations.confirmed().count()
    left = places_left(meeting, confirmed)
    waiting = meeting.registrations.waiting().values_list("pk", flat=True)
    if left is not None:
        waiting = waiting[:left]
    for pk in list(waiting):
        promoted = Registration.objects.filter(pk=pk, status=Registration.Status.WAITING).update(
            status=Registration.Status.CONFIRMED
        )
        if promoted:
            _queue_once(pk, "promotion_sent_at")


def waiting_list_move_up(*, meeting: Meeting) -> None:
    """After staff raise the capacity (or lift it), the waiting list moves up. Called on every
    save of a meeting; does nothing (one query) when nobody waits."""
    if not meeting.registrations.waiting().exists():
        return
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        _promote_waiting(meeting)


def registration_set_attendance(*, meeting: Meeting, attended_ids) -> int:
    """Mark who came: the registrations in `attended_ids` attended, the others of this event not.
    Returns how many are marked as attended."""
    attended_ids = {int(pk) for pk in attended_ids}
    registrations = meeting.registrations.exclude(status=Registration.Status.CANCELLED)
    with transaction.atomic():
        registrations.filter(pk__in=attended_ids).update(attended=True)
        registrations.exclude(pk__in=attended_ids).update(attended=False)
        meeting.registrations.filter(status=Registration.Status.CANCELLED).update(attended=False)
    return registrations.filter(attended=True).count()


def attendance_by_group(meeting: Meeting) -> dict[str, dict]:
    """Attended registrants per participation group: {"count": n, "organisations": [...]}."""
    result: dict[str, dict] = {}
    rows = (
        meeting.registrations.exclude(status=Registration.Status.CANCELLED)
        .filter(attended=True)
        .values_list("group", "organisation")
        .order_by("organisation")
    )
    for group, organisation in rows:
        group = group or Participation.Group.CITIZENS
        entry = result.setdefault(group, {"count": 0, "organisations": [], "label": Participation.Group(group).label})
        entry["count"] += 1
        if organisation and organisation not in entry["organisations"]:
            entry["organisations"].append(organisation)
    return result


@transaction.atomic
def attendance_to_participation(*, meeting: Meeting, user) -> int:
    """Copy attendance into the minutes' participation by group.

    For each group someone attended in, the count becomes at least the number who attended
    (people who came without registering, counted by hand, are kept) and the organisations they
    named are added. The meeting's version is bumped, so a minutes form opened before is refused
    rather than overwriting these numbers. Returns the number of groups changed.
    """
    changed = 0
    for group, entry in attendance_by_group(meeting).items():
        row, _created = Participation.objects.get_or_create(meeting=meeting, group=group)
        names = [n for n in row.organisations.splitlines() if n.strip()]
        new_names = names + [n for n in entry["organisations"] if n not in names]
        count = max(row.count, entry["count"])
        if count != row.count or new_names != names:
            row.count = count
            row.organisations = "\n".join(new_names)
            row.save(update_fields=["count", "organisations"])
            changed += 1
    if changed:
        Meeting.objects.filter(pk=meeting.pk).update(version=F("version") + 1, updated_at=timezone.now())
        locked = Meeting.objects.get(pk=meeting.pk)
        locked._history_user = user
        locked._change_reason = _("Participation updated from attendance")[:100]
        # A history row, so the conflict page can say who changed the participation.
        locked.save(update_fields=["updated_at"])
    return changed


# --- e-mails -----------------------------------------------------------------------------
# Each e-mail is queued once: a conditional UPDATE claims its column and the outbox job that
# sends it is written in the same transaction (outbox/services.py), so it exists exactly when
# the change behind it was committed, survives a mail server or broker outage, and is retried.
# The job (events.tasks.*) builds the message then, with its calendar file attached.

EMAIL_TASKS = {
    "confirmation_sent_at": "events.tasks.send_confirmation",
    "promotion_sent_at": "events.tasks.send_promotion",
    "reminder_sent_at": "events.tasks.send_reminder",
}


def _queue_once(registration_id: int, column: str) -> bool:
    """Queue one e-mail of a registration at most once; returns whether this call queued it."""
    with transaction.atomic():
        claimed = Registration.objects.filter(pk=registration_id, **{f"{column}__isnull": True}).update(
            **{column: timezone.now()}
        )
        if claimed:
            outbox.enqueue_job(
                EMAIL_TASKS[column],
                registration_id,
                description=f"{column.removesuffix('_sent_at')} #{registration_id}",
            )
    return bool(claimed)


def _message(registration: Registration, template: str, subject: str) -> EmailMessage:
    meeting = registration.meeting
    context = {
        "registration": registration,
        "meeting": meeting,
        "event_url": absolute(meeting.get_absolute_url()),
        "registration_url": absolute(registration.get_absolute_url()),
        "join_opens_at": meeting.join_opens_at() if meeting.online_is_public and meeting.is_online else None,
    }
    body = render_to_string(f"events/email/{template}.txt", context)
    # A header holds no newline; titles are typed by people.
    message = EmailMessage(" ".join(subject.split()), body, None, [registration.email])
    calendar = ics.calendar_bytes([meeting], name=meeting.title)
    message.attach(f"event-{meeting.pk}.ics", calendar, "text/calendar")
    return message


def _send(registration_id: int, build) -> bool:
    """Build the message in the registrant's language and send it; False when nothing is due
    any more (cancelled since it was queued, say). Errors propagate: the outbox retries."""
    registration = Registration.objects.select_related("meeting", "meeting__region").get(pk=registration_id)
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        message = build(registration)
    if message is None:
        return False
    message.send()
    return True


def send_confirmation(*, registration_id: int) -> bool:
    def build(registration):
        if registration.status == Registration.Status.CANCELLED:
            return None
        if registration.status == Registration.Status.WAITING:
            subject = _("You are on the waiting list: %(title)s") % {"title": registration.meeting.title}
            return _message(registration, "waiting", subject)
        subject = _("Your place is confirmed: %(title)s") % {"title": registration.meeting.title}
        return _message(registration, "confirmed", subject)

    return _send(registration_id, build)


def send_promotion(*, registration_id: int) -> bool:
    def build(registration):
        if registration.status != Registration.Status.CONFIRMED:
            return None
        subject = _("A place is free for you: %(title)s") % {"title": registration.meeting.title}
        return _message(registration, "promoted", subject)

    return _send(registration_id, build)


def send_reminder(*, registration_id: int) -> bool:
    def build(registration):
        if (
            registration.status != Registration.Status.CONFIRMED
            or registration.meeting.status != Meeting.Status.PLANNED
        ):
            return None
        subject = _("Tomorrow: %(title)s") % {"title": registration.meeting.title}
        return _message(registration, "reminder", subject)

    return _send(registration_id, build)


def remind_tomorrows_events(today: datetime.date | None = None) -> int:
    """Queue the reminder of every registration for tomorrow's events not reminded yet; a second
    run (or a second beat) queues nothing again. Returns how many were queued."""
    return sum(_queue_once(pk, "reminder_sent_at") for pk in list(registrations_to_remind(today)))


def registrations_to_remind(today: datetime.date | None = None):
    """Confirmed registrations for planned events that start tomorrow (local date), not yet reminded."""
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    return Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        meeting__status=Meeting.Status.PLANNED,
        meeting__starts_at__date=tomorrow,
    ).values_list("pk", flat=True)


def confirmed_counts(meetings) -> dict[int, int]:
    """Confirmed registrations per event, one query."""
    rows = (
        Registration.objects.confirmed()
        .filter(meeting__in=meetings)
        .values("meeting")
        .annotate(n=Count("pk"))
        .values_list("meeting", "n")
    )
    return dict(rows)


# What the consent promises (events/consent.py): registrants' data go a year after the event.
RETENTION = datetime.timedelta(days=365)


def registrations_purge(now=None) -> int:
    """Delete the registrations of events that took place more than RETENTION ago; the
    participation counts already copied into the minutes stay. Returns how many went."""
    now = now or timezone.now()
    deleted, _by_model = Registration.objects.filter(meeting__starts_at__lt=now - RETENTION).delete()
    return deleted

"""Writes on proposals that carry business rules. Every status change goes through here."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from foundation.links import absolute
from foundation.workflow import TransitionNotAllowed
from outbox import services as outbox
from proposals.counts import proposals_changed
from proposals.models import Proposal, ProposalModeration, ProposalStatusChange
from proposals.rules import proposal_actor

ANSWER_LANGUAGES = ("kk", "ru", "en")


@transaction.atomic
def proposal_create(*, created_by=None, **fields) -> Proposal:
    """Create a proposal and record its first status, so its history starts at receipt."""
    proposal = Proposal.objects.create(created_by=created_by, **fields)
    ProposalStatusChange.objects.create(
        proposal=proposal, from_status="", to_status=proposal.status, changed_by=created_by
    )
    return proposal


def _record_status(proposal: Proposal, status: str, user, note: str = "", *, also=()) -> None:
    """The one way a proposal's status is written: a history row (who, when, from, to), then
    the save, whose signal refreshes the public pages. `also`: fields saved with it."""
    ProposalStatusChange.objects.create(
        proposal=proposal, from_status=proposal.status, to_status=status, changed_by=user, note=note
    )
    proposal.status = status
    proposal.save(update_fields=["status", "updated_at", *also])


@transaction.atomic
def proposal_change_status(*, proposal: Proposal, status: str, user, note: str = "") -> bool:
    """Move a proposal along Proposal.TRANSITIONS if this user may; returns False when the status
    is already that. A decision needs the official answer written first."""
    if proposal.status == status:
        return False
    proposal.check_transition(status, proposal_actor(user, proposal))
    if status == Proposal.Status.DUPLICATE:
        raise TransitionNotAllowed(_("Merge the proposal with its original to mark it as a duplicate."))
    if status in Proposal.ANSWERED and not proposal.has_answer:
        raise TransitionNotAllowed(_("Write the answer in at least one language before giving a decision."))
    also = []
    if proposal.duplicate_of_id:  # leaving "duplicate" (unmerging): it follows no original now
        proposal.duplicate_of = None
        also.append("duplicate_of")
    _record_status(proposal, status, user, note, also=also)
    _notify_when_answered(proposal)
    return True


def _notify_when_answered(proposal: Proposal) -> None:
    if proposal.is_answered and proposal.wants_answer_email and proposal.answer_notified_at is None:
        proposal_queue_answer_email(proposal=proposal)


def proposal_queue_answer_email(*, proposal: Proposal) -> bool:
    """Put the answer e-mail in the outbox, once, in the caller's transaction.

    The claim on answer_notified_at is a conditional UPDATE: two answers saved at once cannot
    both queue it. The outbox sends it when a worker can, retrying while the server is down.
    """
    if not (proposal.is_answered and proposal.wants_answer_email):
        return False
    now = timezone.now()
    if not Proposal.objects.filter(pk=proposal.pk, answer_notified_at__isnull=True).update(answer_notified_at=now):
        return False
    proposal.answer_notified_at = now
    with translation.override(proposal.language or settings.LANGUAGE_CODE):
        url = absolute(proposal.get_absolute_url())
        subject = _("Answer to your proposal %(code)s") % {"code": proposal.code}
        body = render_to_string("proposals/email/answer.txt", {"proposal": proposal, "url": url})
    outbox.enqueue_email(subject=subject, body=body, recipients=[proposal.contact_email], description=subject)
    return True


def duplicate_answer_message(proposal: Proposal) -> str:
    return _(
        "%(code)s is a duplicate of %(original)s and follows its answer. Answer %(original)s, "
        "or first mark %(code)s as not a duplicate to answer it on its own."
    ) % {"code": proposal.code, "original": proposal.duplicate_of.code}


@transaction.atomic
def proposal_answer(
    *, proposal: Proposal, status: str, answers: dict[str, str], program=None, answered_by=None
) -> Proposal:
    """Record the official answer (kk, ru, en), the program and the status together."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.duplicate_of_id:
        raise ValidationError(duplicate_answer_message(proposal), code="duplicate")
    if status != proposal.status:
        proposal.check_transition(status, proposal_actor(answered_by, proposal))
    for lang in ANSWER_LANGUAGES:
        setattr(proposal, f"answer_{lang}", answers.get(lang, "").strip())
    proposal.program = program
    if status in Proposal.ANSWERED and proposal.answered_at is None:
        proposal.answered_at = timezone.now()
    proposal.save()
    if not proposal_change_status(proposal=proposal, status=status, user=answered_by):
        _notify_when_answered(proposal)  # the status was already a decision; the answer is new
    return proposal


MODERATION_REASON_MAX = 300


@transaction.atomic
def proposal_set_visibility(*, proposal: Proposal, is_public: bool, reason: str, user) -> bool:
    """Hide a proposal from the public or show it again, with the reason, in its history;
    returns False when it already was so. The save refreshes the public pages."""
    if not user.has_perm("proposals.moderate_proposal", proposal):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why, for the proposal's history."), code="reason")
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.is_public == is_public:
        return False
    ProposalModeration.objects.create(
        proposal=proposal, is_public=is_public, reason=reason[:MODERATION_REASON_MAX], changed_by=user
    )
    proposal.is_public = is_public
    proposal.save(update_fields=["is_public", "updated_at"])
    return True


class BulkActionError(ValidationError):
    """A bulk action refused as a whole: nothing was changed."""


def _locked(ids) -> list[Proposal]:
    proposals = list(Proposal.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    if len(proposals) != len(set(ids)):
        raise BulkActionError(_("Some of the selected proposals no longer exist. Nothing was changed."))
    return proposals


def _refuse_duplicates(proposals: list[Proposal]) -> None:
    duplicates = [p.code for p in proposals if p.status == Proposal.Status.DUPLICATE]
    if duplicates:
        raise BulkActionError(
            _("%(codes)s are duplicates and follow their original; unselect them. Nothing was changed.")
            % {"codes": ", ".join(duplicates)}
        )


@transaction.atomic
def proposals_bulk_set_status(*, ids, status: str, changed_by=None) -> int:
    """Set one status on every selected proposal or on none; returns how many changed."""
    if status == Proposal.Status.DUPLICATE:
        raise BulkActionError(_("Duplicates are marked by merging. Nothing was changed."))
    proposals = _locked(ids)
    _refuse_duplicates(proposals)
    if status in Proposal.ANSWERED:
        unanswered = [p.code for p in proposals if not p.has_answer]
        if unanswered:
            raise BulkActionError(
                _("%(codes)s have no answer yet: answer them first. Nothing was changed.")
                % {"codes": ", ".join(unanswered[:10])}
            )
    return sum(proposal_change_status(proposal=p, status=status, user=changed_by) for p in proposals)


def _bulk_update(proposals: list[Proposal], **values) -> int:
    """Set the same values on the given (locked) proposals; counts only those that changed."""
    changed = (
        Proposal.objects.filter(pk__in=[p.pk for p in proposals])
        .exclude(**values)
        .update(**values, updated_at=timezone.now())
    )
    if changed:
        # update() sends no save signals: tell the page cache and the counts ourselves.
        proposals_changed()
    return changed


@transaction.atomic
def proposals_bulk_assign_program(*, ids, program, changed_by=None) -> int:
    proposals = _locked(ids)
    _refuse_duplicates(proposals)
    return _bulk_update(proposals, program=program)


@transaction.atomic
def proposals_bulk_refile(*, ids, direction=None, region=None, changed_by=None) -> int:
    """Move every selected proposal to another direction or region (misfiled ones are common); all or none."""
    values = {k: v for k, v in {"direction": direction, "region": region}.items() if v}
    if not values:
        raise BulkActionError(_("Choose a direction or a region. Nothing was changed."))
    return _bulk_update(_locked(ids), **values)


@transaction.atomic
def proposals_bulk_answer(*, ids, template, answered_by=None) -> int:
    """Give every selected proposal the template's answer, status and program; all or none."""
    proposals = _locked(ids)
    _refuse_duplicates(proposals)
    answers = {lang: getattr(template, f"answer_{lang}") for lang in ANSWER_LANGUAGES}
    for proposal in proposals:
        proposal_answer(
            proposal=proposal,
            status=template.status,
            answers=answers,
            program=template.program or proposal.program,
            answered_by=answered_by,
        )
    return len(proposals)


@transaction.atomic
def proposal_merge(*, duplicate: Proposal, original: Proposal, merged_by=None) -> Proposal:
    """Mark `duplicate` as a duplicate of `original`; both texts and authors stay.

    Merges always point at a root, so counting "people who asked for the same" is one query:
    a duplicate's own duplicates move to the root too.
    """
    root = original.duplicate_of or original
    if root.pk == duplicate.pk:
        raise ValidationError(_("A proposal cannot be a duplicate of itself."))
    duplicate = Proposal.objects.select_for_update().get(pk=duplicate.pk)
    if duplicate.status != Proposal.Status.DUPLICATE:
        duplicate.check_transition(Proposal.Status.DUPLICATE, proposal_actor(merged_by, duplicate))
    Proposal.objects.filter(duplicate_of=duplicate).update(duplicate_of=root)
    duplicate.duplicate_of = root
    _record_status(duplicate, Proposal.Status.DUPLICATE, merged_by, root.code, also=["duplicate_of"])
    return duplicate


@transaction.atomic
def proposal_unmerge(*, duplicate: Proposal, changed_by=None) -> Proposal:
    duplicate = Proposal.objects.select_for_update().get(pk=duplicate.pk)
    proposal_change_status(proposal=duplicate, status=Proposal.Status.UNDER_REVIEW, user=changed_by)
    return duplicate

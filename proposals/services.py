"""Writes on proposals that carry business rules. Every status change goes through here."""

from django.db import transaction

from proposals.models import Proposal, ProposalStatusChange


@transaction.atomic
def proposal_create(*, created_by=None, **fields) -> Proposal:
    """Create a proposal and record its first status, so its history starts at receipt."""
    proposal = Proposal.objects.create(created_by=created_by, **fields)
    ProposalStatusChange.objects.create(
        proposal=proposal, from_status="", to_status=proposal.status, changed_by=created_by
    )
    return proposal


@transaction.atomic
def proposal_set_status(*, proposal: Proposal, status: str, changed_by=None, note: str = "") -> bool:
    """Change the status and record who did it; returns False when nothing changed."""
    if proposal.status == status:
        return False
    ProposalStatusChange.objects.create(
        proposal=proposal, from_status=proposal.status, to_status=status, changed_by=changed_by, note=note
    )
    proposal.status = status
    proposal.save(update_fields=["status", "updated_at"])
    return True

"""The one place that decides who may reach the staff pages of proposals."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from foundation.decorators import perm_required  # noqa: F401 - re-exported for the proposals views
from proposals.models import ImportJob, Proposal


def _get_proposal_for_user(request, pk, perm: str = "proposals.triage_proposal") -> Proposal:
    proposal = get_object_or_404(Proposal.objects.select_related("region", "tour", "program", "duplicate_of"), pk=pk)
    if not request.user.has_perm(perm, proposal):
        raise PermissionDenied
    return proposal


def _get_import_job_for_user(request, pk) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("tour", "meeting"), pk=pk)
    if not request.user.has_perm("proposals.import_proposals", job):
        raise PermissionDenied
    return job

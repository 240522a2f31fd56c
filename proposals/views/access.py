"""The one place that decides who may reach the staff pages of proposals."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from proposals.models import ImportJob, Proposal


def perm_required(perm: str):
    """Anonymous users go to the login page; signed-in users without `perm` get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


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

"""The public form: anyone may send a proposal, no account needed."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consultations.models import Tour
from foundation.clients import client_key
from proposals import services
from proposals.forms import SubmitForm
from proposals.models import Proposal

RATE_LIMIT = getattr(settings, "PROPOSALS_SUBMIT_RATE_LIMIT", 5)  # proposals per address
RATE_WINDOW = 3600  # seconds
SESSION_KEY = "proposals_submitted"


def sender_key(request) -> str:
    """A keyed hash of the client's address: enough to count, useless to anyone who reads it."""
    return client_key(request, "proposals.submit.sender")


def _over_rate_limit(request) -> bool:
    """True when this address sent RATE_LIMIT proposals within the last RATE_WINDOW seconds.

    Counted in the database, not the cache: every web process sees the same count, and a cache
    outage neither lifts the limit nor fails the form.
    """
    since = timezone.now() - datetime.timedelta(seconds=RATE_WINDOW)
    return Proposal.objects.filter(submitted_from=sender_key(request), created_at__gte=since).count() >= RATE_LIMIT


def submit(request):
    tour = Tour.objects.current()
    if tour is None:
        raise Http404("No tour")
    form = SubmitForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.is_spam:
            # Look like success so the bot learns nothing; save nothing.
            return redirect("proposals:submitted", code="-")
        if _over_rate_limit(request):
            form.add_error(None, _("Too many proposals from your address in the last hour. Please try again later."))
            status = 429
        else:
            data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
            proposal = services.proposal_create(
                tour=tour,
                channel=Proposal.Channel.PUBLIC_FORM,
                language=translation.get_language(),
                submitted_from=sender_key(request),
                **data,
            )
            request.session[SESSION_KEY] = proposal.code
            return redirect("proposals:submitted", code=proposal.code)
    return render(request, "proposals/submit.html", {"form": form, "tour": tour}, status=status)


def submitted(request, code):
    proposal = None
    if code != "-":
        proposal = get_object_or_404(Proposal, code=code)
        if request.session.get(SESSION_KEY) != code:
            messages.info(request, _("This confirmation page is shown only once; here is the proposal."))
            return redirect(proposal)
    return render(request, "proposals/submitted.html", {"proposal": proposal})

"""The public form: anyone may send a proposal, no account needed."""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from consultations.models import Tour
from proposals import services
from proposals.forms import SubmitForm
from proposals.models import Proposal

RATE_LIMIT = getattr(settings, "PROPOSALS_SUBMIT_RATE_LIMIT", 5)  # proposals per address
RATE_WINDOW = 3600  # seconds
SESSION_KEY = "proposals_submitted"


def client_ip(request) -> str:
    """The client's address for rate limiting.

    With TRUSTED_PROXY_COUNT = 0 (no reverse proxy) only REMOTE_ADDR counts: a forwarded header
    would be the client's own word. Behind N proxies, the address the outermost of ours saw is
    the N-th entry from the right of X-Forwarded-For; entries left of it could be forged.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _over_rate_limit(request) -> bool:
    """Count this attempt for the client's address; True when it is over the limit."""
    key = f"proposals:submit:{client_ip(request)}"
    cache.add(key, 0, RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    return count > RATE_LIMIT


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
                tour=tour, channel=Proposal.Channel.PUBLIC_FORM, language=translation.get_language(), **data
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

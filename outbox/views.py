"""Staff page: what is waiting to be sent or run, and what failed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from foundation.decorators import perm_required
from outbox import services
from outbox.models import OutboxItem

LISTED = 50


@perm_required("outbox.view_outboxitem")
@require_GET
def outbox_list(request):
    failed = OutboxItem.objects.filter(status=OutboxItem.Status.FAILED)
    context = {
        "unsent": list(services.unsent().order_by("created_at", "id")[:LISTED]),
        "failed": list(failed.order_by("-finished_at", "-id")[:LISTED]),
        "backlog": services.backlog(),
    }
    return render(request, "outbox/list.html", context)


@perm_required("outbox.view_outboxitem")
@require_POST
def outbox_retry(request, pk):
    if not request.user.has_perm("outbox.retry_outboxitem"):
        raise PermissionDenied
    item = get_object_or_404(OutboxItem, pk=pk)
    if services.retry_now(item=item):
        messages.success(request, _("“%(what)s” will be tried again now.") % {"what": item.description})
    else:
        messages.info(request, _("“%(what)s” is already being sent or is done.") % {"what": item.description})
    return redirect("outbox:list")

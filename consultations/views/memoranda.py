"""Memoranda: public page of a signed memorandum (drafting and review to come)."""

from django.shortcuts import get_object_or_404, render

from consultations.models import Memorandum


def memorandum_public_detail(request, pk):
    memorandum = get_object_or_404(
        Memorandum.objects.select_related("region").filter(
            status__in=[Memorandum.Status.SIGNED, Memorandum.Status.EXPIRED, Memorandum.Status.TERMINATED]
        ),
        pk=pk,
    )
    commitments = memorandum.commitments.all()
    return render(
        request, "consultations/memorandum_detail.html", {"memorandum": memorandum, "commitments": commitments}
    )

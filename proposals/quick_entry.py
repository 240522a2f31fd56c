"""Quick entry of the proposals voiced at a meeting: many rows typed in one sitting.

Owned by the meetings work; lives here because it creates proposals (consultations must not
import this app).
"""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from consultations.models import Meeting, Region
from foundation.texts import PROPOSAL_MAX, TextField
from programs.models import Direction
from proposals.models import Proposal
from proposals.services import proposal_create

ROWS = 10


class QuickProposalForm(forms.Form):
    text = TextField(limit=PROPOSAL_MAX, label=gettext_lazy("Proposal"), widget=forms.Textarea(attrs={"rows": 2}))
    direction = forms.ChoiceField(
        label=gettext_lazy("Direction"), choices=[("", "—"), *Direction.choices], required=True
    )
    author_name = forms.CharField(label=gettext_lazy("Author's name"), max_length=200, required=False)
    author_organisation = forms.CharField(label=gettext_lazy("Organisation"), max_length=300, required=False)
    publish_name = forms.BooleanField(label=gettext_lazy("Name may be published"), required=False)
    # Only for an event of no single region (national, or several regions): each proposal
    # still belongs to one region.
    region = forms.ModelChoiceField(label=gettext_lazy("Region"), queryset=Region.objects.none())

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if regions is None:
            del self.fields["region"]
        else:
            self.fields["region"].queryset = regions


def regions_to_choose(meeting):
    """The regions a proposal of this meeting may belong to, or None when it is the meeting's
    one region (then the rows have no region field)."""
    concerned = [r.pk for r in meeting.concerned_regions()]
    if len(concerned) == 1:
        return None
    regions = Region.objects.filter(pk__in=concerned) if concerned else Region.objects.all()
    return regions.order_by("name")

    def clean_text(self):
        return self.cleaned_data["text"].strip()


class BaseQuickProposalFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if not any(form.has_changed() for form in self.forms):
            raise forms.ValidationError(gettext_lazy("Type at least one proposal."))


# No cap beyond Django's safety limit: a long meeting may yield dozens of proposals.
MAX_ROWS = 100  # bounds the forms a forged TOTAL_FORMS makes the server build

QuickProposalFormSet = forms.formset_factory(
    QuickProposalForm,
    formset=BaseQuickProposalFormSet,
    extra=ROWS,
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
    validate_max=True,
)


def _get_meeting_for_user(request, meeting_pk) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("region", "tour"), pk=meeting_pk)
    if not (
        request.user.has_perm("consultations.change_meeting", meeting)
        and request.user.has_perm("proposals.change_proposal")
    ):
        raise PermissionDenied
    return meeting


@login_required
@require_http_methods(["GET", "POST"])
def quick_entry(request, meeting_pk):
    meeting = _get_meeting_for_user(request, meeting_pk)
    formset = QuickProposalFormSet(
        request.POST or None, prefix="proposal", form_kwargs={"regions": regions_to_choose(meeting)}
    )
    if request.method == "POST" and formset.is_valid():
        rows = [form.cleaned_data for form in formset.forms if form.has_changed()]
        with transaction.atomic():
            for row in rows:
                proposal_create(
                    created_by=request.user,
                    tour=meeting.tour,
                    region=row.get("region") or meeting.region,
                    meeting=meeting,
                    channel=Proposal.channel_for_meeting(meeting),
                    text=row["text"],
                    direction=row["direction"],
                    author_name=row["author_name"],
                    author_organisation=row["author_organisation"],
                    publish_name=row["publish_name"],
                )
        messages.success(
            request,
            ngettext(
                "%(count)d proposal saved. Type the next ones below.",
                "%(count)d proposals saved. Type the next ones below.",
                len(rows),
            )
            % {"count": len(rows)},
        )
        return redirect("proposals:quick_entry", meeting_pk=meeting.pk)
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    context = {
        "meeting": meeting,
        "formset": formset,
        "helper": helper,
        "proposals": list(meeting.proposals.order_by("created_at", "id")),
    }
    return render(request, "proposals/quick_entry.html", context, status=400 if formset.is_bound else 200)

"""Query filters of the API, as on the public pages. A value that is not valid answers 400
with the reason, never a 500 and never a silently unfiltered list."""

import django_filters as filters

from consultations.models import Commitment, Meeting, Memorandum, Region, Tour
from programs.models import Direction, Program
from proposals import selectors as proposal_selectors
from proposals.models import Proposal

SEARCH_MAX_LENGTH = 200


def _region_filter(field_name: str = "region"):
    return filters.ModelChoiceFilter(
        field_name=field_name, queryset=Region.objects.all(), to_field_name="slug", help_text="Region slug."
    )


def _tour_filter(field_name: str = "tour"):
    return filters.ModelChoiceFilter(
        field_name=field_name, queryset=Tour.objects.all(), to_field_name="slug", help_text="Tour slug."
    )


class ProposalFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="search",
        max_length=SEARCH_MAX_LENGTH,
        help_text="Words the proposal contains (every word, as a word prefix), or a tracking code.",
    )
    region = _region_filter()
    tour = _tour_filter()
    direction = filters.ChoiceFilter(choices=Direction.choices)
    status = filters.ChoiceFilter(choices=Proposal.Status.choices)
    channel = filters.ChoiceFilter(choices=Proposal.Channel.choices)
    meeting = filters.NumberFilter(field_name="meeting_id", help_text="Meeting id.")
    program = filters.ModelChoiceFilter(
        queryset=Program.objects.all(), to_field_name="slug", help_text="Slug of the program it was taken into."
    )

    class Meta:
        model = Proposal
        fields = ["q", "region", "tour", "direction", "status", "channel", "meeting", "program"]

    def search(self, queryset, name, value):
        return proposal_selectors.search_proposals(queryset, value)


class MeetingFilter(filters.FilterSet):
    region = _region_filter()
    tour = _tour_filter()
    kind = filters.ChoiceFilter(choices=Meeting.Kind.choices)
    status = filters.ChoiceFilter(choices=Meeting.Status.choices)
    starts_from = filters.DateFilter(field_name="starts_at", lookup_expr="date__gte", help_text="On or after (date).")
    starts_until = filters.DateFilter(field_name="starts_at", lookup_expr="date__lte", help_text="On or before (date).")

    class Meta:
        model = Meeting
        fields = ["region", "tour", "kind", "status", "starts_from", "starts_until"]


class MemorandumFilter(filters.FilterSet):
    region = _region_filter()
    tour = _tour_filter()

    class Meta:
        model = Memorandum
        fields = ["region", "tour"]


class CommitmentFilter(filters.FilterSet):
    region = _region_filter("memorandum__region")
    memorandum = filters.NumberFilter(field_name="memorandum_id", help_text="Memorandum id.")
    party = filters.ChoiceFilter(choices=Commitment.Party.choices)
    status = filters.ChoiceFilter(choices=Commitment.Status.choices)
    overdue = filters.BooleanFilter(method="filter_overdue", help_text="Only overdue (true) or only not overdue.")

    class Meta:
        model = Commitment
        fields = ["region", "memorandum", "party", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(Commitment.overdue_q()) if value else queryset.exclude(Commitment.overdue_q())


class ProgramFilter(filters.FilterSet):
    direction = filters.ChoiceFilter(choices=Direction.choices)
    status = filters.ChoiceFilter(choices=Program.Status.choices)
    region = _region_filter("regions")

    class Meta:
        model = Program
        fields = ["direction", "status", "region"]

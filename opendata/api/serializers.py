"""Public fields of each dataset. Translated texts come in the request's language (with the
site's fallback: Kazakh, Russian, English); codes stay stable across languages, and each has a
`*_label` in the request's language."""

from django.urls import reverse
from django.utils.functional import cached_property
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from consultations.models import Commitment, Meeting, Memorandum, Participation, Region, Tour
from foundation.links import absolute
from opendata import selectors
from programs.models import Program
from proposals.models import Proposal, ProposalStatusChange


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The object's page on the public site, in the request's language."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return absolute(value.get_absolute_url())


def label(source: str) -> serializers.CharField:
    return serializers.CharField(source=source, read_only=True)


def slug_of(source: str | None = None) -> serializers.SlugRelatedField:
    kwargs = {"source": source} if source else {}
    return serializers.SlugRelatedField(slug_field="slug", read_only=True, **kwargs)


class RegionSerializer(serializers.ModelSerializer):
    kind_label = label("get_kind_display")
    url = PageUrlField()

    class Meta:
        model = Region
        fields = ["slug", "code_iso", "kato", "kind", "kind_label", "name", "center", "url"]


class TourSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tour
        fields = ["slug", "name", "goal", "starts_on", "ends_on", "is_current"]


class DirectionSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class ParticipationSerializer(serializers.ModelSerializer):
    group_label = label("get_group_display")

    class Meta:
        model = Participation
        fields = ["group", "group_label", "count", "organisations"]


class MeetingSerializer(serializers.ModelSerializer):
    """A meeting's public fields. Summary, outcomes and participation once it was held; the
    minutes once published (null before)."""

    tour = slug_of()
    region = slug_of()
    kind_label = label("get_kind_display")
    status_label = label("get_status_display")
    summary = serializers.SerializerMethodField()
    outcomes = serializers.SerializerMethodField()
    minutes = serializers.SerializerMethodField()
    participation = serializers.SerializerMethodField()
    participants_total = serializers.SerializerMethodField()
    url = PageUrlField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "tour",
            "region",
            "kind",
            "kind_label",
            "title",
            "starts_at",
            "venue",
            "status",
            "status_label",
            "chair",
            "hosts",
            "agenda",
            "summary",
            "outcomes",
            "minutes",
            "participation",
            "participants_total",
            "url",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_summary(self, meeting):
        return meeting.summary if selectors.meeting_has_taken_place(meeting) else None

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="Markdown."))
    def get_outcomes(self, meeting):
        return meeting.outcomes if selectors.meeting_has_taken_place(meeting) else None

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="Markdown; null until published."))
    def get_minutes(self, meeting):
        return meeting.minutes if meeting.minutes_are_public else None

    @extend_schema_field(ParticipationSerializer(many=True))
    def get_participation(self, meeting):
        if not selectors.meeting_has_taken_place(meeting):
            return []
        return ParticipationSerializer(meeting.participations.all(), many=True).data

    @extend_schema_field(serializers.IntegerField())
    def get_participants_total(self, meeting):
        if not selectors.meeting_has_taken_place(meeting):
            return 0
        return sum(p.count for p in meeting.participations.all())


class CommitmentSerializer(serializers.ModelSerializer):
    """A commitment and where it stands. `state` derives overdue from the due date."""

    party_label = label("get_party_display")
    status_label = label("get_status_display")
    state = serializers.SerializerMethodField()
    is_overdue = serializers.BooleanField(read_only=True)
    program = slug_of()

    class Meta:
        model = Commitment
        fields = [
            "id",
            "party",
            "party_label",
            "description",
            "due_on",
            "status",
            "status_label",
            "state",
            "is_overdue",
            "program",
        ]

    @extend_schema_field(
        serializers.ChoiceField(choices=["not_started", "in_progress", "overdue", "done", "cancelled"])
    )
    def get_state(self, commitment):
        return selectors.commitment_state(commitment)


class CommitmentListSerializer(CommitmentSerializer):
    memorandum = serializers.PrimaryKeyRelatedField(read_only=True)
    region = slug_of("memorandum.region")

    class Meta(CommitmentSerializer.Meta):
        fields = ["memorandum", "region", *CommitmentSerializer.Meta.fields]


class MemorandumSerializer(serializers.ModelSerializer):
    region = slug_of()
    tour = slug_of()
    meeting = serializers.PrimaryKeyRelatedField(read_only=True)
    status_label = label("get_status_display")
    commitments = CommitmentSerializer(many=True, read_only=True)
    url = PageUrlField()
    pdf_url = serializers.SerializerMethodField()
    scan_url = serializers.SerializerMethodField()

    class Meta:
        model = Memorandum
        fields = [
            "id",
            "number",
            "title",
            "region",
            "tour",
            "meeting",
            "status",
            "status_label",
            "signed_on",
            "signed_place",
            "valid_from",
            "valid_until",
            "foundation_signatory",
            "akimat_signatory",
            "commitments",
            "url",
            "pdf_url",
            "scan_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_pdf_url(self, memorandum):
        return absolute(reverse("consultations:memorandum_pdf", kwargs={"pk": memorandum.pk}))

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_scan_url(self, memorandum):
        if not memorandum.signed_scan:
            return None
        return absolute(reverse("consultations:memorandum_scan", kwargs={"pk": memorandum.pk}))


class MemorandumDetailSerializer(MemorandumSerializer):
    class Meta(MemorandumSerializer.Meta):
        fields = [*MemorandumSerializer.Meta.fields, "text_kk", "text_ru"]


class ProgramSerializer(serializers.ModelSerializer):
    direction_label = label("get_direction_display")
    status_label = label("get_status_display")
    regions = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = PageUrlField()

    class Meta:
        model = Program
        fields = [
            "slug",
            "direction",
            "direction_label",
            "title",
            "summary",
            "body",
            "target_group",
            "status",
            "status_label",
            "beneficiaries",
            "regions",
            "url",
        ]


class ProposalSerializer(serializers.ModelSerializer):
    """A public proposal. The author's name and organisation only with consent (else empty);
    contacts never."""

    tour = slug_of()
    region = slug_of()
    meeting = serializers.PrimaryKeyRelatedField(read_only=True)
    program = slug_of()
    direction_label = label("get_direction_display")
    channel_label = label("get_channel_display")
    status_label = label("get_status_display")
    author_name = serializers.CharField(source="public_author_name", read_only=True)
    author_organisation = serializers.CharField(source="public_organisation", read_only=True)
    duplicate_of = serializers.CharField(
        source="public_duplicate_of", read_only=True, allow_null=True, help_text="Code of the original proposal."
    )
    answer = serializers.CharField(read_only=True, allow_null=True, help_text="The official answer.")
    received_at = serializers.DateTimeField(source="created_at", read_only=True)
    url = PageUrlField()

    class Meta:
        model = Proposal
        fields = [
            "code",
            "tour",
            "region",
            "meeting",
            "direction",
            "direction_label",
            "channel",
            "channel_label",
            "status",
            "status_label",
            "text",
            "author_name",
            "author_organisation",
            "duplicate_of",
            "answer",
            "answered_at",
            "program",
            "received_at",
            "url",
        ]

    # The declared fields above give the schema; the representation is built by hand, as DRF's
    # generic field machinery costs about a millisecond a proposal and the list is the API's
    # busiest answer (bench/api_bench.py). A test checks both give the same output.
    CODE = "__code__"

    @cached_property
    def _fast(self) -> dict:
        """What every proposal of one response shares: labels in its language, the page URL."""
        return {
            "direction": {value: str(text) for value, text in Proposal._meta.get_field("direction").choices},
            "channel": {value: str(text) for value, text in Proposal.Channel.choices},
            "status": {value: str(text) for value, text in Proposal.Status.choices},
            "url": absolute(reverse("proposals:detail", kwargs={"code": self.CODE})),
            "datetime": serializers.DateTimeField().to_representation,
        }

    def to_representation(self, proposal):
        fast = self._fast
        when = fast["datetime"]
        return {
            "code": proposal.code,
            "tour": proposal.tour.slug,
            "region": proposal.region.slug,
            "meeting": proposal.meeting_id,
            "direction": proposal.direction,
            "direction_label": fast["direction"].get(proposal.direction, proposal.direction),
            "channel": proposal.channel,
            "channel_label": fast["channel"].get(proposal.channel, proposal.channel),
            "status": proposal.status,
            "status_label": fast["status"].get(proposal.status, proposal.status),
            "text": proposal.text,
            "author_name": proposal.public_author_name,
            "author_organisation": proposal.public_organisation,
            "duplicate_of": proposal.public_duplicate_of,
            "answer": proposal.answer,
            "answered_at": when(proposal.answered_at) if proposal.answered_at else None,
            "program": proposal.program.slug if proposal.program_id else None,
            "received_at": when(proposal.created_at),
            "url": fast["url"].replace(self.CODE, proposal.code),
        }

    def generic_representation(self, proposal):
        """DRF's own representation from the declared fields (what the test compares with)."""
        return super().to_representation(proposal)


class StatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProposalStatusChange
        fields = ["from_status", "to_status", "changed_at"]


class ProposalDetailSerializer(ProposalSerializer):
    history = StatusChangeSerializer(source="status_changes", many=True, read_only=True)

    class Meta(ProposalSerializer.Meta):
        fields = [*ProposalSerializer.Meta.fields, "history"]

    def to_representation(self, proposal):
        data = super().to_representation(proposal)
        data["history"] = self.fields["history"].to_representation(proposal.status_changes.all())
        return data

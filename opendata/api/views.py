"""The read-only API: thin views over `opendata.selectors`."""

from django.db.models import Prefetch
from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from foundation.links import absolute
from opendata import selectors
from opendata.api import filters, pagination, serializers
from opendata.api.http import PublicAPIMixin
from programs.models import Direction
from proposals.models import ProposalStatusChange

LANG = OpenApiParameter(
    "lang",
    str,
    enum=["kk", "ru", "en"],
    description="Language of texts and labels (otherwise from Accept-Language; Kazakh by default).",
)


class FilterWhenAsked(DjangoFilterBackend):
    """django-filter, skipped when the request names none of the filters (most requests): building
    and validating the filter form costs more than the rest of a list."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or not set(request.query_params) & set(filterset_class.base_filters):
            return queryset
        return super().filter_queryset(request, queryset, view)


class ListView(PublicAPIMixin, generics.ListAPIView):
    filter_backends = [FilterWhenAsked]


class DetailView(PublicAPIMixin, generics.RetrieveAPIView):
    pass


@extend_schema(exclude=True)
class RootView(PublicAPIMixin, APIView):
    """Where everything is."""

    def get(self, request):
        names = ["regions", "tours", "directions", "meetings", "memoranda", "commitments", "programs", "proposals"]
        links = {name: absolute(reverse(f"api:{name}")) for name in names}
        links["schema"] = absolute(reverse("api:schema"))
        links["docs"] = absolute(reverse("api:docs"))
        return Response(links)


@extend_schema_view(get=extend_schema(parameters=[LANG], summary="The 20 regions"))
class RegionList(ListView):
    serializer_class = serializers.RegionSerializer
    queryset = selectors.regions()
    pagination_class = None
    filter_backends = []


@extend_schema_view(get=extend_schema(parameters=[LANG], summary="One region"))
class RegionDetail(DetailView):
    serializer_class = serializers.RegionSerializer
    queryset = selectors.regions()
    lookup_field = "slug"


@extend_schema_view(get=extend_schema(parameters=[LANG], summary="Consultation tours"))
class TourList(ListView):
    serializer_class = serializers.TourSerializer
    queryset = selectors.tours()
    pagination_class = None
    filter_backends = []


@extend_schema_view(
    get=extend_schema(
        parameters=[LANG],
        summary="Directions of the foundation's work",
        responses=serializers.DirectionSerializer(many=True),
    )
)
class DirectionList(PublicAPIMixin, APIView):
    def get(self, request):
        rows = [{"value": value, "label": str(label)} for value, label in Direction.choices]
        return Response(serializers.DirectionSerializer(rows, many=True).data)


@extend_schema_view(get=extend_schema(parameters=[LANG], summary="Meetings, newest first"))
class MeetingList(ListView):
    serializer_class = serializers.MeetingSerializer
    queryset = selectors.meetings()
    filterset_class = filters.MeetingFilter
    pagination_class = pagination.MeetingsNewestFirst


@extend_schema_view(get=extend_schema(parameters=[LANG], summary="One meeting"))
class MeetingDetail(DetailView):
    serializer_class = serializers.MeetingSerializer
    queryset = selectors.meetings()


@extend_schema_view(get=extend_schema(parameters=[LANG], summary="Public memoranda with their commitments"))
class MemorandumList(ListView):
    serializer_class = serializers.MemorandumSerializer
    queryset = selectors.memoranda()
    filterset_class = filters.MemorandumFilter
    pagination_class = pagination.MemorandaNewestFirst


@extend_schema_view(get=extend_schema(parameters=[LANG], summary="One public memorandum, with its texts"))
class MemorandumDetail(DetailView):
    serializer_class = serializers.MemorandumDetailSerializer
    queryset = selectors.memoranda()


@extend_schema_view(get=extend_schema(parameters=[LANG], summary="Commitments of public memoranda"))
class CommitmentList(ListView):
    serializer_class = serializers.CommitmentListSerializer
    queryset = selectors.commitments()
    filterset_class = filters.CommitmentFilter
    pagination_class = pagination.InOrder


@extend_schema_view(get=extend_schema(parameters=[LANG], summary="Charity programs"))
class ProgramList(ListView):
    serializer_class = serializers.ProgramSerializer
    queryset = selectors.programs()
    filterset_class = filters.ProgramFilter
    pagination_class = pagination.InOrder


@extend_schema_view(get=extend_schema(parameters=[LANG], summary="One charity program"))
class ProgramDetail(DetailView):
    serializer_class = serializers.ProgramSerializer
    queryset = selectors.programs()
    lookup_field = "slug"


@extend_schema_view(get=extend_schema(parameters=[LANG], summary="Public proposals, newest first"))
class ProposalList(ListView):
    serializer_class = serializers.ProposalSerializer
    queryset = selectors.proposals()
    filterset_class = filters.ProposalFilter
    pagination_class = pagination.NewestFirst


@extend_schema_view(get=extend_schema(parameters=[LANG], summary="One public proposal with its status history"))
class ProposalDetail(DetailView):
    serializer_class = serializers.ProposalDetailSerializer
    lookup_field = "code"

    def get_queryset(self):
        return selectors.proposals().prefetch_related(
            Prefetch("status_changes", queryset=ProposalStatusChange.objects.order_by("changed_at", "id"))
        )


class SchemaView(PublicAPIMixin, SpectacularAPIView):
    pass


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the vendored sidecar files; its settings come as a script file (`?script`),
    so the page runs under the site's Content-Security-Policy without inline code."""

    url_name = "api:schema"
    template_name = "opendata/api_docs.html"

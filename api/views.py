"""The read-only public API, /api/v1/: councils and, for each, what its portal shows (meetings with their agendas,
decisions of published minutes with their implementation, acts, statements), paginated and filtered; and each public
register whole, as CSV or JSON. Anonymous, rate-limited per client; every answer carries an ETag
(api/urls.py). What is public is decided by portal/selectors.py, as for the portal's pages."""

import json
from datetime import datetime, time, timedelta

import django_filters
from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django import forms
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import generics
from rest_framework.views import APIView

from acts.models import Act
from api import serializers
from council.models import Council
from helpers.exports import table_response
from meetings.models import AgendaItem, Decision, Meeting, Statement
from portal import selectors


@method_decorator(csp_update({"style-src": [UNSAFE_INLINE]}), name="dispatch")
class ApiReference(SpectacularSwaggerSplitView):
    """The schema's reference page (Swagger UI, served from this site), which styles its elements inline."""


class CouncilList(generics.ListAPIView):
    queryset = Council.objects.order_by("name")
    serializer_class = serializers.CouncilSerializer


class CouncilDetail(generics.RetrieveAPIView):
    queryset = Council.objects.all()
    serializer_class = serializers.CouncilSerializer
    lookup_field = "slug"


class CouncilScoped:
    """A view of one council's public things (the slug in the address): `read(council)` gives them."""

    filter_backends = [DjangoFilterBackend]
    model: type
    read: staticmethod

    @cached_property
    def council(self) -> Council:
        return get_object_or_404(Council, slug=self.kwargs["slug"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema's generator asks with no council
            return self.model.objects.none()
        return self.read(self.council)


# Filters: dates in ISO 8601 (the API speaks the Gregorian calendar whatever the council's).
class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField  # a year is 2026, not 2026.5


class DayFilter(django_filters.DateFilter):
    """Moments from (`after`) or to (`before`) a day, inclusive, as the day is in the council's time zone."""

    def __init__(self, field_name: str, *, after: bool, **kwargs):
        super().__init__(field_name=field_name, **kwargs)
        self.after = after

    def filter(self, rows, day):
        if day is None:
            return rows
        council = self.parent.request.parser_context["view"].council
        moment = datetime.combine(day if self.after else day + timedelta(days=1), time(), tzinfo=council.tzinfo)
        return rows.filter(**{f"{self.field_name}__{'gte' if self.after else 'lt'}": moment})


class MeetingFilter(django_filters.FilterSet):
    year = IntegerFilter()
    starts_after = DayFilter("starts_at", after=True, label="From this day")
    starts_before = DayFilter("starts_at", after=False, label="To this day")
    minutes_published = django_filters.BooleanFilter(method="published", label="Whether its minutes are published")

    class Meta:
        model = Meeting
        fields = []

    def published(self, meetings, name, value):
        public = Q(state=Meeting.State.PUBLISHED)
        return meetings.filter(public if value else ~public)


class DecisionFilter(django_filters.FilterSet):
    year = IntegerFilter()
    decided_after = DayFilter("item__meeting__starts_at", after=True)
    decided_before = DayFilter("item__meeting__starts_at", after=False)

    class Meta:
        model = Decision
        fields = []


class ActFilter(django_filters.FilterSet):
    type = django_filters.CharFilter(field_name="type__name", label="The type's name, exactly")
    year = IntegerFilter()
    published_after = django_filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_before = django_filters.DateFilter(field_name="published_on", lookup_expr="lte")
    in_force_on = django_filters.DateFilter(method="in_force", label="In force on this day")
    q = django_filters.CharFilter(method="words", max_length=100, label="Words in the act, in any of its languages")

    class Meta:
        model = Act
        fields = ["status"]

    def in_force(self, acts, name, day):
        return acts.in_force_on(day)

    def words(self, acts, name, words):
        return selectors.acts_with_words(acts, words)


class StatementFilter(django_filters.FilterSet):
    published_after = DayFilter("published_at", after=True)
    published_before = DayFilter("published_at", after=False)

    class Meta:
        model = Statement
        fields = []


def meetings(council: Council):
    return selectors.public_meetings(council).order_by("-starts_at", "-pk")


def decisions(council: Council):
    return (
        selectors.published_decisions(council)
        .select_related("item__meeting")
        .prefetch_related("departments", "action_items")
        .order_by("-year", "-number")
    )


def acts(council: Council):
    return (
        selectors.public_acts(council)
        .select_related("type", "council")
        .prefetch_related("versions", "amends", "repeals")
        .order_by("-published_on", "-pk")
    )


def statements(council: Council):
    return (
        selectors.public_statements(council)
        .select_related("meeting")
        .prefetch_related("decisions__item__meeting", "versions")
        .order_by("-published_at", "-pk")
    )


def meeting_pages(council: Council):
    """Meetings with their agenda items and, once published, their decisions."""
    decided = Decision.objects.prefetch_related("departments", "action_items").order_by("position")
    items = AgendaItem.objects.select_related("meeting").prefetch_related(Prefetch("decisions", queryset=decided))
    return meetings(council).prefetch_related(Prefetch("items", queryset=items.order_by("position")))


class MeetingList(CouncilScoped, generics.ListAPIView):
    model, read = Meeting, staticmethod(meetings)
    serializer_class = serializers.MeetingSerializer
    filterset_class = MeetingFilter


class MeetingDetail(CouncilScoped, generics.RetrieveAPIView):
    model, read = Meeting, staticmethod(meeting_pages)
    serializer_class = serializers.MeetingDetailSerializer


class DecisionList(CouncilScoped, generics.ListAPIView):
    model, read = Decision, staticmethod(decisions)
    serializer_class = serializers.DecisionSerializer
    filterset_class = DecisionFilter


class DecisionDetail(CouncilScoped, generics.RetrieveAPIView):
    model, read = Decision, staticmethod(decisions)
    serializer_class = serializers.DecisionSerializer


class ActList(CouncilScoped, generics.ListAPIView):
    model, read = Act, staticmethod(acts)
    serializer_class = serializers.ActSerializer
    filterset_class = ActFilter


class ActDetail(CouncilScoped, generics.RetrieveAPIView):
    model, read = Act, staticmethod(acts)
    serializer_class = serializers.ActSerializer


class StatementList(CouncilScoped, generics.ListAPIView):
    model, read = Statement, staticmethod(statements)
    serializer_class = serializers.StatementSerializer
    filterset_class = StatementFilter


class StatementDetail(CouncilScoped, generics.RetrieveAPIView):
    model, read = Statement, staticmethod(statements)
    serializer_class = serializers.StatementSerializer


def not_found(request):
    return JsonResponse({"detail": _("Not found.")}, status=404)


# Bulk downloads: each register whole, as the list endpoints give its rows.
REGISTERS = {
    "meetings": (meetings, serializers.MeetingSerializer),
    "decisions": (decisions, serializers.DecisionSerializer),
    "acts": (acts, serializers.ActSerializer),
    "statements": (statements, serializers.StatementSerializer),
}


def _cell(value):
    """A CSV cell: lists joined, nested rows (an act's versions) as JSON."""
    if isinstance(value, list):
        return (
            json.dumps(value, ensure_ascii=False)
            if value and isinstance(value[0], dict)
            else "; ".join(map(str, value))
        )
    return "" if value is None else value


class BulkDownload(APIView):
    """A public register whole, as CSV or JSON (listed on the portal's open-data page, not in the schema)."""

    @extend_schema(exclude=True)
    def get(self, request, slug, register, kind):
        if register not in REGISTERS or kind not in ("csv", "json"):
            raise Http404
        return bulk(request, get_object_or_404(Council, slug=slug), register, kind)


def bulk(request, council: Council, register: str, kind: str) -> HttpResponse:
    read, serializer = REGISTERS[register]
    rows = serializer(read(council), many=True, context={"request": request}).data
    filename = f"{council.slug}-{register}"
    if kind == "json":
        response = HttpResponse(json.dumps(rows, ensure_ascii=False, default=str), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
        return response
    header = list(serializer().fields)
    return table_response(
        header, [[_cell(row[name]) for name in header] for row in rows], kind="csv", filename=filename, title=register
    )

"""What the API says of each public thing: the portal's content, as data. Codes rather than labels, so that the
answer is the same in every language (the labels are on the portal)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from acts.models import STANDINGS, Act, ActVersion
from council.models import Council
from meetings.models import AgendaItem, Decision, Meeting, Statement, StatementVersion
from portal.selectors import IMPLEMENTATION, implementation_status, minutes_are_public, public_decisions_of


class CouncilSerializer(serializers.ModelSerializer):
    official_languages = serializers.ListField(source="languages", child=serializers.CharField())
    portal = serializers.SerializerMethodField()

    class Meta:
        model = Council
        fields = ["slug", "name", "language", "official_languages", "calendar", "time_zone", "currency", "portal"]

    def get_portal(self, council) -> str:
        return self.context["request"].build_absolute_uri(reverse("portal:index", args=[council.slug]))


class DecisionSerializer(serializers.ModelSerializer):
    reference = serializers.CharField()
    meeting = serializers.IntegerField(source="item.meeting_id")
    decided_at = serializers.DateTimeField(source="item.meeting.starts_at", help_text="When the meeting began.")
    departments = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    implementation = serializers.SerializerMethodField(
        help_text="From the decision's action items; null when it assigned none."
    )

    class Meta:
        model = Decision
        fields = ["id", "reference", "year", "number", "text", "meeting", "decided_at", "departments", "implementation"]

    @extend_schema_field(serializers.ChoiceField(choices=list(IMPLEMENTATION), allow_null=True))
    def get_implementation(self, decision) -> str | None:
        return implementation_status(decision) or None


class AgendaItemSerializer(serializers.ModelSerializer):
    """As the portal's meeting page shows it: the title, then the discussion and decisions once published."""

    discussion = serializers.SerializerMethodField(help_text="Once the minutes are published; null before.")
    decisions = serializers.SerializerMethodField(help_text="Once the minutes are published; empty before.")

    class Meta:
        model = AgendaItem
        fields = ["title", "minutes_allotted", "discussion", "decisions"]

    def get_discussion(self, item) -> str | None:
        return item.discussion if minutes_are_public(item.meeting) else None

    @extend_schema_field(DecisionSerializer(many=True))
    def get_decisions(self, item):
        if not minutes_are_public(item.meeting):
            return []
        return DecisionSerializer([d for d in item.decisions.all() if d.number], many=True, context=self.context).data


class MeetingSerializer(serializers.ModelSerializer):
    minutes_published = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "year", "number", "title", "starts_at", "duration_minutes", "place", "stream_url"]
        fields += ["minutes_published", "published_at"]

    def get_minutes_published(self, meeting) -> bool:
        return minutes_are_public(meeting)


class MeetingDetailSerializer(MeetingSerializer):
    items = AgendaItemSerializer(many=True, read_only=True)

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "items"]


class ActVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActVersion
        fields = ["language", "title", "body"]


class ActSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="type.name")
    reference = serializers.CharField()
    standing = serializers.SerializerMethodField(help_text="Where the act stands today.")
    versions = ActVersionSerializer(many=True, read_only=True)
    amends = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    repeals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    missing_languages = serializers.SerializerMethodField(help_text="Official languages it has no version in.")

    class Meta:
        model = Act
        fields = ["id", "type", "year", "number", "reference", "title", "body", "adopted_on", "published_on"]
        fields += ["in_force_on", "repealed_on", "standing", "counterparty", "value", "versions", "missing_languages"]
        fields += ["amends", "repeals"]

    @extend_schema_field(serializers.ChoiceField(choices=list(STANDINGS)))
    def get_standing(self, act) -> str:
        return act.standing(act.council.today())

    def get_missing_languages(self, act) -> list[str]:
        return act.missing_languages(act.versions.all())


class StatementVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatementVersion
        fields = ["language", "title", "body"]


class StatementSerializer(serializers.ModelSerializer):
    meeting = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField()
    versions = StatementVersionSerializer(many=True, read_only=True)

    class Meta:
        model = Statement
        fields = ["id", "title", "body", "versions", "published_at", "meeting", "decisions"]

    @extend_schema_field(serializers.IntegerField(allow_null=True, help_text="Once its minutes are published."))
    def get_meeting(self, statement) -> int | None:
        meeting = statement.meeting
        return meeting.pk if meeting and minutes_are_public(meeting) else None

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_decisions(self, statement):
        return [d.pk for d in public_decisions_of(statement)]

"""What the portal publishes: the one place that decides what of a council is public, for its pages, feeds and
API. Only agenda-published meetings and published minutes are ever shown."""

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acts.models import Act, ActVersion
from council.models import Council
from meetings.models import ActionItem, Decision, Meeting, Statement

PUBLIC_STATES = [
    Meeting.State.AGENDA_PUBLISHED,
    Meeting.State.HELD,
    Meeting.State.MINUTES_DRAFTED,
    Meeting.State.MINUTES_APPROVED,
    Meeting.State.PUBLISHED,
]


def public_meetings(council: Council):
    """Meetings whose agenda has been announced; their minutes are public only once published."""
    return council.meetings.filter(state__in=PUBLIC_STATES)


def published_decisions(council: Council):
    return Decision.objects.filter(council=council, item__meeting__state=Meeting.State.PUBLISHED, number__isnull=False)


IMPLEMENTATION = {"implemented": _("Implemented"), "in_progress": _("In progress"), "not_started": _("Not started")}


def implementation_status(decision: Decision) -> str:
    """What citizens see of a decision's follow-up, from its action items (prefetched): a key of IMPLEMENTATION, or
    "" for a decision that assigned no action."""
    statuses = {action.status for action in decision.action_items.all()}
    if not statuses:
        return ""
    if statuses == {ActionItem.Status.DONE}:
        return "implemented"
    if statuses & {ActionItem.Status.IN_PROGRESS, ActionItem.Status.DONE_PROPOSED, ActionItem.Status.DONE}:
        return "in_progress"
    return "not_started"


def implementation(decision: Decision) -> str:
    return IMPLEMENTATION.get(implementation_status(decision), "")


def minutes_are_public(meeting: Meeting) -> bool:
    """Whether a public meeting's discussions and decisions are public too."""
    return meeting.state == Meeting.State.PUBLISHED


def public_decisions_of(statement: Statement) -> list[Decision]:
    """The decisions a statement covers that are public themselves (their minutes published); prefetched
    `decisions__item__meeting` and `decisions__action_items` are used."""
    return [d for d in statement.decisions.all() if d.number and minutes_are_public(d.item.meeting)]


def public_statements(council: Council):
    """Published statements whose embargo, if any, has passed."""
    return council.statements.filter(state=Statement.State.PUBLISHED, published_at__lte=timezone.now())


def reading_languages(council: Council) -> list[str]:
    """The council's official languages, Serbian in both its scripts."""
    languages = council.languages
    return [*languages, "sr-latn"] if "sr" in languages and "sr-latn" not in languages else languages


def public_acts(council: Council):
    """Published acts, and repealed ones, kept on the record."""
    return Act.objects.public().filter(council=council)


def filter_acts(acts, data: dict, today):
    """The portal register's filters (portal/forms.py's ActFilterForm): type, year, in force on a day or today,
    repealed, and words in any of the act's languages."""
    if data["type"]:
        acts = acts.filter(type=data["type"])
    if data["year"]:
        acts = acts.filter(year=data["year"])
    if data["on"]:
        acts = acts.in_force_on(data["on"])
    if data["standing"] == "in_force":
        acts = acts.in_force_on(today)
    elif data["standing"] == "repealed":
        acts = acts.filter(status=Act.Status.REPEALED)
    if data["q"]:
        acts = acts_with_words(acts, data["q"])
    return acts


def acts_with_words(acts, words: str):
    """The acts whose text, in any of their languages, has the words: PostgreSQL's full-text search, or on SQLite
    every word as it is typed."""
    if connection.vendor == "postgresql":
        query = SearchQuery(words, config="simple", search_type="websearch")
        acts = acts.filter(Q(search=query) | Q(versions__search=query))
        return acts.distinct()
    for word in set(words.split()):  # one subquery per word, never a join per word (k versions ** words rows)
        in_version = ActVersion.objects.filter(Q(title__icontains=word) | Q(body__icontains=word), act=OuterRef("pk"))
        acts = acts.filter(Q(title__icontains=word) | Q(body__icontains=word) | Exists(in_version))
    return acts

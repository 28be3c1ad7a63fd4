"""Cached reads: served again until the council's data changes, never across councils, roles or languages."""

import os
import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from council.models import Role
from council.permissions import RowScope
from elections.services import attestation_start
from helpers import caching
from meetings.models import Attendance
from tests.factories import (
    AgendaAttachmentFactory,
    DecisionFactory,
    ElectionPeriodFactory,
    MeetingFactory,
    MembershipFactory,
    ProgressUpdateFactory,
    SurveyResponseFactory,
    SurveyRoundFactory,
    UserFactory,
)


def meeting_url(meeting):
    return reverse("meetings:meeting-detail", args=[meeting.council.slug, meeting.pk])


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_it_serves_the_meeting_page_from_the_cache_until_the_council_changes(client, world, meetings):
    meetings.meeting.state = "held"
    meetings.meeting.save()
    client.force_login(world.chair)
    url = meeting_url(meetings.meeting)
    first, _ = queries(client, url)
    second, page = queries(client, url)
    assert second < first
    assert meetings.item.title in page

    meetings.item.title = "Library opening hours"
    meetings.item.save()
    _, page = queries(client, url)
    assert "Library opening hours" in page


def test_an_optimistic_save_through_a_form_invalidates_too(client, world):
    survey = SurveyRoundFactory(council=world.council)
    SurveyResponseFactory(round=survey, department=world.department_a, state="submitted")
    dashboard = reverse("departments:survey-dashboard", args=[world.council.slug, survey.pk])
    client.force_login(world.admin)
    assert "Education" in client.get(dashboard).content.decode()

    edit = reverse("departments:department-edit", args=[world.council.slug, world.department_a.pk])
    response = client.post(
        edit,
        {"name": "Education and Training", "short_name": "EDU", "base_version": world.department_a.version},
    )
    assert response.status_code == 302
    assert "Education and Training" in client.get(dashboard).content.decode()


def test_a_change_in_one_council_leaves_the_others_cached(world, meetings):
    mine, theirs = (
        caching.generation(("council", world.council.pk)),
        caching.generation(("council", world.other_council.pk)),
    )
    world.department_a.save()
    assert caching.generation(("council", world.council.pk)) > mine
    assert caching.generation(("council", world.other_council.pk)) == theirs


def test_it_finds_the_council_of_rows_several_links_away(world, meetings, private_files):
    attachment = AgendaAttachmentFactory(item=meetings.item)
    attestation = attestation_start(
        cycle=ElectionPeriodFactory(council=world.council).cycles.first(), department=world.department_a
    )
    answer = attestation.answers.first()
    assert caching.scopes_of(attachment) == {("meeting", meetings.meeting.pk)}  # attachment → item → meeting
    assert caching.scopes_of(answer) == {("elections", world.council.pk)}  # answer → attestation → department
    assert caching.scopes_of(meetings.update) == {("follow-up", world.council.pk)}  # progress → action item
    assert caching.council_of(world.council) == world.council.pk
    assert caching.scopes_of(world.liaison_a) == {("council", world.council.pk)}  # a user → their memberships


def test_every_model_of_ours_declares_the_scopes_it_touches_even_if_none():
    from django.apps import apps

    ours = {"council", "departments", "elections", "meetings", "acts", "portal", "reports"}
    undeclared = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in ours
        and not model.__name__.startswith("Historical")
        and not isinstance(getattr(model, "cache_scopes", None), dict)
    ]
    assert undeclared == []


def test_only_the_declared_models_are_watched_so_the_others_keep_fast_deletes():
    from django.db.models.signals import post_delete, post_save

    from meetings.models import Meeting
    from portal.models import RequestEvent
    from reports.models import Document

    assert post_save.has_listeners(Meeting) and post_delete.has_listeners(Meeting)
    assert not post_save.has_listeners(RequestEvent) and not post_delete.has_listeners(Document)


@pytest.mark.parametrize("language", ["fa", "sq"])
def test_a_cached_fragment_is_never_served_in_another_language(client, world, meetings, language):
    meetings.meeting.state = "held"
    meetings.meeting.save()
    client.force_login(world.chair)
    english = client.get(meeting_url(meetings.meeting)).content.decode()
    world.chair.language = language
    world.chair.save()
    translated = client.get(meeting_url(meetings.meeting)).content.decode()
    assert "Add decision" in english
    assert "Add decision" not in translated
    assert "No discussion recorded." not in translated


def test_a_cached_fragment_is_never_served_to_a_role_that_may_not_use_its_links(client, world, meetings):
    meetings.meeting.state = "held"
    meetings.meeting.save()
    edit_link = reverse(
        "meetings:decision-edit",
        args=[world.council.slug, meetings.meeting.pk, meetings.item.pk, meetings.decision.pk],
    )
    client.force_login(world.secretary)
    assert edit_link in client.get(meeting_url(meetings.meeting)).content.decode()
    client.force_login(world.member)
    assert edit_link not in client.get(meeting_url(meetings.meeting)).content.decode()
    # and the other way round: the member's cached copy does not hide the links from the chair
    client.force_login(world.chair)
    assert edit_link in client.get(meeting_url(meetings.meeting)).content.decode()


def test_the_read_only_record_is_shared_by_readers_but_never_across_languages_or_columns(client, world, meetings):
    """The agenda, attendance and minutes are rendered once per meeting and language for everyone who only reads
    them: a member's visit first does not take the e-mail column from the chair, nor the language of another."""
    meetings.meeting.state = "published"
    meetings.meeting.save()
    Attendance.objects.create(meeting=meetings.meeting, membership=world.member.memberships.get())
    persian_reader = MembershipFactory(council=world.council, role=Role.MEMBER, user__language="fa").user
    url = meeting_url(meetings.meeting)
    client.force_login(world.member)
    member_page = client.get(url).content.decode()
    assert meetings.item.title in member_page and "Invitation e-mail" not in member_page
    assert ">Member</th>" in member_page
    client.force_login(world.chair)
    assert "Invitation e-mail" in client.get(url).content.decode()
    client.force_login(persian_reader)
    persian = client.get(url).content.decode()
    assert meetings.item.title in persian and ">Member</th>" not in persian


def test_a_new_member_appears_on_the_cached_attendance_list(client, world, meetings):
    from meetings.models import Attendance

    meetings.meeting.state = "held"
    meetings.meeting.save()
    client.force_login(world.chair)
    assert "Drita Krasniqi" not in client.get(meeting_url(meetings.meeting)).content.decode()  # cached now
    newcomer = UserFactory(first_name="Drita", last_name="Krasniqi")
    Attendance.objects.create(
        meeting=meetings.meeting, membership=MembershipFactory(user=newcomer, council=world.council, role=Role.MEMBER)
    )
    assert "Drita Krasniqi" in client.get(meeting_url(meetings.meeting)).content.decode()
    assert ">Present</td>" not in client.get(meeting_url(meetings.meeting)).content.decode()
    meetings.meeting.attendances.update(status="present")  # an update() sends no signal …
    caching.council_changed(world.council.pk)  # … so its caller says so, as the services do
    assert ">Present</td>" in client.get(meeting_url(meetings.meeting)).content.decode()


def test_the_dashboard_counts_follow_a_proposed_completion(client, world, meetings):
    client.force_login(world.chair)
    assert "reported done, to accept" not in client.get("/").content.decode()
    meetings.action.status = "done_proposed"
    meetings.action.save()
    assert "1 action item reported done, to accept" in client.get("/").content.decode()


def test_the_dashboard_shows_a_new_neutrality_alert_at_once(client, world):
    cycle = ElectionPeriodFactory(council=world.council).cycles.first()
    client.force_login(world.chair)
    assert "open neutrality alert" not in client.get("/").content.decode()
    cycle.alerts.create(department=world.department_a, kind="missing")
    assert "1 open neutrality alert: Local elections" in client.get("/").content.decode()


def test_the_cached_meeting_page_shows_a_new_proposal_and_reply_at_once(client, world, meetings):
    from meetings import services
    from tests.factories import AgendaProposalFactory

    meetings.meeting.state = "agenda_published"
    meetings.meeting.save()
    attendance = Attendance.objects.create(meeting=meetings.meeting, membership=world.member.memberships.get())
    client.force_login(world.chair)
    url = meeting_url(meetings.meeting)
    page = client.get(url).content.decode()  # cached now
    assert "Press day for schools" not in page and ">Attending</td>" not in page
    AgendaProposalFactory(meeting=meetings.meeting, proposed_by=world.liaison_b, title="Press day for schools")
    services.rsvp_reply(attendance=attendance, reply=Attendance.Reply.ATTENDING)
    page = client.get(url).content.decode()
    assert "Press day for schools" in page and ">Attending</td>" in page


def test_a_request_reads_each_generation_once_and_again_after_its_own_write(client, world, meetings, monkeypatch):
    reads = []
    real_get_many = caching.cache.get_many
    monkeypatch.setattr(
        caching.cache,
        "get_many",  # the database cache's get() and incr() call it too: only the reads of generations count
        lambda keys, *a, **k: (
            (sys._getframe(1).f_code.co_name == "generations" and reads.append(keys)) or real_get_many(keys, *a, **k)
        ),
    )
    client.force_login(world.chair)
    client.get(meeting_url(meetings.meeting))  # both the council's number and the meeting's, in one round trip
    assert reads == [
        [f"cache-generation:council:{world.council.pk}", f"cache-generation:meeting:{meetings.meeting.pk}"]
    ]

    reads.clear()
    council = ("council", world.council.pk)
    caching.generation(council)  # outside a request nothing is remembered
    caching.generation(council)
    assert len(reads) == 2

    caching._request.generations = {}  # inside one, as the page's view would (what request_started does)
    try:
        before = caching.generation(council)
        caching.council_changed(world.council.pk)
        assert caching.generation(council) == caching.generation(council) > before
        assert len(reads) == 4
    finally:
        caching._request.generations = None  # what request_finished does


def test_the_follow_up_list_shows_new_progress_at_once(client, world, meetings):
    url = reverse("meetings:action-list", args=[world.council.slug])
    client.force_login(world.chair)
    first, _ = queries(client, url)
    second, page = queries(client, url)
    assert second < first
    assert meetings.update.text in page
    ProgressUpdateFactory(action_item=meetings.action, author=world.liaison_a, text="Leaflets printed and sent")
    assert "Leaflets printed and sent" in client.get(url).content.decode()


def test_a_cached_follow_up_list_is_never_served_to_a_liaison_of_another_department(client, world, meetings):
    url = reverse("meetings:action-list", args=[world.council.slug])
    client.force_login(world.chair)
    assert meetings.decision.text in client.get(url).content.decode()
    client.force_login(world.liaison_b)
    assert meetings.decision.text not in client.get(url).content.decode()
    assert "No action items match." in client.get(f"{url}?status=open").content.decode()


def test_two_councils_searching_the_same_word_each_get_their_own_results(client, db):
    from django.core.cache import cache

    decisions = [
        DecisionFactory(item__meeting__state="published", number=1, year=2026, text=f"Library {town}")
        for town in ("Pardis", "Tirana")
    ]
    for decision in decisions:  # both councils at the same generation
        cache.set(caching._generation_key(("council", decision.council.pk)), 1, timeout=None)
    for decision, other in (decisions, reversed(decisions)):
        page = client.get(reverse("portal:search", args=[decision.council.slug]), {"q": "Library"}).content.decode()
        assert decision.text in page and other.text not in page


def test_the_next_meeting_is_read_again_once_the_cached_one_has_started(world, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    from meetings.selectors import next_meeting

    start = timezone.now()
    soon = MeetingFactory(council=world.council, state="agenda_published", starts_at=start + timedelta(hours=1))
    later = MeetingFactory(council=world.council, state="agenda_published", starts_at=start + timedelta(days=2))
    assert next_meeting(world.council) == soon
    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(hours=2))  # no write, only the clock
    assert next_meeting(world.council) == later


def test_everything_cached_can_be_stored(client, world, meetings, monkeypatch):
    """Values go to Redis or the database cache: every cached read of every page must pickle."""
    import pickle

    stored = {}
    real_set = caching.cache.set

    def remember(key, value, *args, **kwargs):
        if key.startswith("cached-read:"):
            stored[key.split(":")[2]] = value
        return real_set(key, value, *args, **kwargs)

    monkeypatch.setattr(caching.cache, "set", remember)
    survey = SurveyRoundFactory(council=world.council)
    SurveyResponseFactory(round=survey, department=world.department_a, state="submitted")
    meetings.meeting.state = "agenda_published"
    meetings.meeting.save()
    Attendance.objects.create(meeting=meetings.meeting, membership=world.member.memberships.get())
    slug = world.council.slug
    for user, url in [
        (world.chair, "/"),
        (world.member, "/"),
        (world.chair, reverse("council:council-detail", args=[slug])),
        (world.chair, meeting_url(meetings.meeting)),
        (world.chair, reverse("meetings:action-list", args=[slug])),
        (world.admin, reverse("departments:survey-dashboard", args=[slug, survey.pk])),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == 200
    client.post(
        reverse("reports:document-create", args=[slug]),
        {"kind": "agenda", "language": "en", "meeting": meetings.meeting.pk},
    )

    assert set(stored) == set(caching.CACHED_READS)  # every cached read was met
    for name, value in stored.items():
        assert pickle.loads(pickle.dumps(value)) is not None or value is None, name


def test_the_redis_cache_keeps_one_client_and_still_reads_and_writes():
    redis = pytest.importorskip("redis")
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis server here (CI starts one)")
    backend = caching.RedisCache(url, {"KEY_PREFIX": "test-one-client"})
    assert backend._cache.get_client() is backend._cache.get_client(write=True)
    backend.set("answer", {"n": 42})
    backend.set("count", 1)
    assert backend.get("answer") == {"n": 42} and backend.incr("count") == 2
    backend.delete_many(["answer", "count"])
    assert backend.get("answer") is None


def test_choice_labels_follow_the_language_and_show_unknown_values_as_they_are():
    attendance = Attendance(status=Attendance.Status.PRESENT)
    with translation.override("fa"):
        assert attendance.get_status_display() == translation.gettext("Present") != "Present"
    with translation.override("sq"):
        assert attendance.get_status_display() == translation.gettext("Present") != "Present"
    with translation.override("en"):
        assert attendance.get_status_display() == "Present"
    assert Attendance(status="typo").get_status_display() == "typo"


def test_the_survey_dashboard_is_computed_once_until_the_council_changes(client, world):
    survey = SurveyRoundFactory(council=world.council)
    SurveyResponseFactory(round=survey, department=world.department_a, state="submitted")
    client.force_login(world.admin)
    url = reverse("departments:survey-dashboard", args=[world.council.slug, survey.pk])
    first, page = queries(client, url)
    again, _ = queries(client, url)
    assert world.department_a.name in page and again < first
    caching.council_changed(world.council.pk)
    assert queries(client, url)[0] == first


def test_a_value_cached_before_the_generation_was_evicted_is_never_served_again(db):
    council_id = 987654  # a council no earlier write has bumped
    assert caching.cached(council_id, "answer", lambda: "before") == "before"
    caching.cache.delete(caching._generation_key(("council", council_id)))  # evicted (Redis's LRU, the cull)
    assert caching.cached(council_id, "answer", lambda: "after") == "after"


def test_a_generation_after_eviction_is_above_every_earlier_one(db):
    council_id = 987655
    caching.council_changed(council_id)
    caching.council_changed(council_id)
    before = caching.generation(("council", council_id))
    caching.cache.delete(caching._generation_key(("council", council_id)))
    assert caching.generation(("council", council_id)) > before


def test_a_read_that_finds_nothing_is_cached_too(world):
    calls = []

    def compute():
        calls.append(1)
        return None

    assert caching.cached(world.council.pk, "nothing", compute) is None
    assert caching.cached(world.council.pk, "nothing", compute) is None
    assert len(calls) == 1


@pytest.mark.django_db(transaction=True)
def test_a_read_made_while_a_write_is_open_is_not_served_once_it_commits(world, meetings):
    """Two connections: one writes in a transaction; the other reads (and caches) the old state meanwhile.
    The bump when the write commits makes that entry unreachable. (With Redis, as in CI, the bump made inside
    the transaction is seen at once; the database cache's own bump only commits with the write.)"""
    import threading

    from django.db import connection, transaction

    from meetings.selectors import meeting_page

    written, commit = threading.Event(), threading.Event()

    def writer():
        try:
            with transaction.atomic():
                meetings.item.title = "Library opening hours"
                meetings.item.save()
                written.set()
                commit.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    assert written.wait(10)
    old_title = meeting_page(world.council, meetings.meeting.pk)["items"][0].title  # read and cached meanwhile
    commit.set()
    thread.join(10)
    assert old_title != "Library opening hours"
    assert meeting_page(world.council, meetings.meeting.pk)["items"][0].title == "Library opening hours"


# ---------------------------------------------------------------- scopes: a write drops what shows it, only that


@pytest.fixture
def reads(world, meetings):
    """Every cached read, each with arguments that make it show something: label → (name, args)."""
    import importlib

    for module in ("departments.views", "home.views", "meetings.views", "reports.services"):
        importlib.import_module(module)  # each declares its cached reads when imported
    from datetime import timedelta

    from django.http import QueryDict
    from django.test import RequestFactory
    from django.utils import timezone

    from meetings.forms import ActionItemFilter
    from meetings.selectors import action_items_of
    from reports.models import Document

    council = world.council
    upcoming = MeetingFactory(council=council, state="agenda_published", starts_at=timezone.now() + timedelta(days=3))
    chair_membership = world.chair.memberships.get()
    Attendance.objects.create(meeting=upcoming, membership=chair_membership)
    Attendance.objects.create(meeting=meetings.meeting, membership=world.member.memberships.get(), status="present")
    meetings.meeting.state = "minutes_drafted"
    meetings.meeting.save()
    meetings.decision.departments.add(world.department_a)
    cycle = ElectionPeriodFactory(council=council).cycles.first()
    cycle.alerts.create(department=world.department_a, kind="missing")
    survey = SurveyRoundFactory(council=council)
    survey.departments.add(world.department_a, world.department_b)
    SurveyResponseFactory(round=survey, department=world.department_a, state="submitted")

    request = RequestFactory().get("/")
    request.user = world.chair
    query = "open_only=on"
    filters = ActionItemFilter(QueryDict(query), queryset=action_items_of(council), council=council)
    document = {"council": council, "language": "en"}
    return {
        "meeting page": ("meeting-page", (council, meetings.meeting.pk)),
        "upcoming meeting page": ("meeting-page", (council, upcoming.pk)),
        "meeting record": ("meeting-record", (request, council, meetings.meeting.pk)),
        "next meeting": ("next-meeting", (council,)),
        "chair's replies": ("pending-replies", (chair_membership,)),
        "member's replies": ("pending-replies", (world.member.memberships.get(),)),
        "chair counts": ("chair-counts", (council, council.today())),
        "open alerts": ("open-alerts", (council,)),
        "acts due": ("acts-due", (council, council.today())),
        "follow-up list": ("follow-up-list", (request, council, filters, query, RowScope(every=True))),
        "gap dashboard": ("gap-dashboard", (survey,)),
        "gap dashboard page": ("gap-dashboard-page", (request, survey)),
        "minutes": ("document-version", (Document(kind="minutes", meeting=meetings.meeting, **document),)),
        "follow-up report": ("document-version", (Document(kind="follow_up", **document),)),
        "gap summary": ("document-version", (Document(kind="gap_summary", survey_round=survey, **document),)),
        "compliance summary": (
            "document-version",
            (Document(kind="compliance_summary", election_period=cycle.period, **document),),
        ),
        "other council's next meeting": ("next-meeting", (world.other_council,)),
    }


def generations_of(name, args):
    """What a cached read's key carries now: the numbers of its council and of the scopes it declares."""
    read = caching.CACHED_READS[name]
    return tuple(caching.generations([("council", read.council(*args)), *read.scopes(*args)]))


def dropped_by(write, reads) -> set[str]:
    """The cached reads whose key a write changes."""
    before = {label: generations_of(*read) for label, read in reads.items()}
    write()
    return {label for label, read in reads.items() if generations_of(*read) != before[label]}


def test_a_progress_report_drops_the_follow_up_and_the_chairs_counts_only(world, meetings, reads):
    from meetings import services

    def report():
        services.progress_post(action_item=meetings.action, author=world.liaison_a, text="Leaflets sent")

    assert dropped_by(report, reads) == {"follow-up list", "chair counts", "follow-up report"}


def test_an_invitation_reply_drops_that_meetings_page_and_the_persons_replies_only(world, reads):
    from meetings import services

    attendance = Attendance.objects.get(membership__user=world.chair, meeting__state="agenda_published")

    def reply():
        services.rsvp_reply(attendance=attendance, reply=Attendance.Reply.ATTENDING)

    assert dropped_by(reply, reads) == {"upcoming meeting page", "chair's replies"}


def test_a_minutes_save_drops_that_meetings_page_and_minutes_only(meetings, reads):
    from meetings import services

    meeting = meetings.meeting

    def save():
        services.minutes_save(meeting=meeting, base_version=meeting.version, discussions={meetings.item.pk: "Agreed."})

    assert dropped_by(save, reads) == {"meeting page", "meeting record", "minutes"}


def test_a_survey_answer_drops_the_gap_dashboard_and_its_summary_only(world, reads):
    from departments.models import SurveyResponse

    def answer():
        response = SurveyResponse.objects.get(department=world.department_a)
        response.staff_writer = 3
        response.save()

    assert dropped_by(answer, reads) == {"gap dashboard", "gap dashboard page", "gap summary"}


def test_approving_an_act_drops_the_acts_due_only(world, reads):
    from acts.services import act_approve
    from tests.factories import ActFactory, ActTypeFactory

    act = ActFactory(type=ActTypeFactory(council=world.council))
    assert dropped_by(lambda: act_approve(act=act, adopted_on=world.council.today(), by=world.secretary), reads) == {
        "acts due"
    }


def test_a_new_meeting_drops_the_lists_of_meetings_not_the_pages_of_others(world, reads):
    dropped = dropped_by(lambda: MeetingFactory(council=world.council), reads)
    assert dropped == {"next meeting", "chair's replies", "member's replies", "chair counts"}


@pytest.mark.parametrize(
    "write",
    [
        lambda world: world.council.save(),
        lambda world: world.department_b.save(),  # a department's name shows on every page
        lambda world: world.member.memberships.get().save(),
        lambda world: world.member.save(),  # a member's name too
        lambda world: caching.council_changed(world.council.pk),  # what bulk writers and the benchmark call
    ],
    ids=["council", "department", "membership", "user", "council_changed"],
)
def test_a_council_wide_change_drops_every_read_of_the_council_and_none_of_another(world, reads, write):
    assert dropped_by(lambda: write(world), reads) == set(reads) - {"other council's next meeting"}


def test_signing_in_drops_nothing(client, world, reads):
    assert dropped_by(lambda: client.force_login(world.chair), reads) == set()


def tables_read_by(name, args) -> set[str]:
    import re

    with CaptureQueriesContext(connection) as captured:
        caching.CACHED_READS[name].uncached(*args)
    return {table for query in captured for table in re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"])}


def model_of_table():
    from django.apps import apps

    ours = {"council", "departments", "elections", "meetings", "portal", "reports"}
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in ours:
            owner = model._meta.auto_created or model  # a many-to-many link table belongs to its model
            found[model._meta.db_table] = owner
    return found


def test_every_model_a_cached_read_shows_touches_a_scope_the_read_declares(reads):
    """Walks the SQL of each read: a model read but declared `{}`, or declaring only scopes the read does not
    depend on, would leave the read stale after a write to it."""
    models = model_of_table()
    missing = set()
    for name, args in reads.values():
        declared = {"council"} | {topic for topic, _id in caching.CACHED_READS[name].scopes(*args)}
        for table in tables_read_by(name, args):
            model = models.get(table)
            if model is not None and not declared & set(model.cache_scopes):
                missing.add((name, model._meta.label))
    assert missing == set()


class _Undo(Exception):
    pass


def _fingerprint(value) -> bytes:
    import pickle

    return value.encode() if isinstance(value, str) else pickle.dumps(value)


def _mutations(model):
    """Ways to change each row: append to its free-text fields, else delete it."""
    from django.db import models as m

    texts = [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, m.CharField | m.TextField) and not f.choices and not f.primary_key
    ]
    for row in model.objects.all()[:20]:
        if texts:

            def edit(row=row):
                for field in texts:
                    setattr(row, field, (getattr(row, field) or "") + "·")
                row.save()

            yield row, edit
        yield row, row.delete


def test_no_read_stays_stale_after_any_write_to_what_it_shows(reads):
    """For each cached read, each model its SQL reads, each row of it: change or delete the row (then undo it);
    whenever the read's result changes, its key must have changed too."""
    from django.db import transaction
    from django.db.models import ProtectedError

    models = model_of_table()
    stale, changed = [], 0
    for name, args in reads.values():
        read = caching.CACHED_READS[name].uncached
        before = _fingerprint(read(*args))
        numbers = generations_of(name, args)
        for model in {models[t] for t in tables_read_by(name, args) if t in models}:
            for row, write in _mutations(model):
                pk = row.pk
                try:
                    with transaction.atomic():
                        write()
                        if _fingerprint(read(*args)) != before:
                            changed += 1
                            if generations_of(name, args) == numbers:
                                stale.append((name, model._meta.label, pk, write.__name__))
                        raise _Undo
                except (_Undo, ProtectedError):
                    pass
    assert stale == []
    assert changed > 50  # the walk really changed what the reads show

"""Cached reads and page fragments: served again until the council's data changes, never across councils,
roles or languages."""

import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from council import caching
from council.models import Role
from elections.services import attestation_start
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
    mine, theirs = caching.generation(world.council.pk), caching.generation(world.other_council.pk)
    meetings.item.save()
    assert caching.generation(world.council.pk) > mine
    assert caching.generation(world.other_council.pk) == theirs


def test_it_finds_the_council_of_rows_several_links_away(world, meetings, private_files):
    attachment = AgendaAttachmentFactory(item=meetings.item)
    attestation = attestation_start(
        cycle=ElectionPeriodFactory(council=world.council).cycles.first(), department=world.department_a
    )
    answer = attestation.answers.first()
    assert caching.council_id_of(attachment) == world.council.pk  # attachment → item → meeting → council
    assert caching.council_id_of(answer) == world.council.pk  # answer → attestation → department → council
    assert caching.council_id_of(meetings.update) == world.council.pk  # progress → action item → council
    assert caching.council_id_of(world.council) == world.council.pk
    assert caching.council_id_of(UserFactory()) is None


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


def test_a_new_member_appears_on_the_cached_attendance_list(client, world, meetings):
    from meetings.models import Attendance

    meetings.meeting.state = "held"
    meetings.meeting.save()
    client.force_login(world.chair)
    newcomer = UserFactory(first_name="Drita", last_name="Krasniqi")
    Attendance.objects.create(
        meeting=meetings.meeting, membership=MembershipFactory(user=newcomer, council=world.council, role=Role.MEMBER)
    )
    assert "Drita Krasniqi" in client.get(meeting_url(meetings.meeting)).content.decode()
    assert "<td>Present</td>" not in client.get(meeting_url(meetings.meeting)).content.decode()
    meetings.meeting.attendances.update(status="present")  # an update() sends no signal …
    caching.council_changed(world.council.pk)  # … so its caller says so, as the services do
    assert "<td>Present</td>" in client.get(meeting_url(meetings.meeting)).content.decode()


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
    from tests.factories import AgendaProposalFactory

    client.force_login(world.chair)
    url = meeting_url(meetings.meeting)
    client.get(url)
    AgendaProposalFactory(meeting=meetings.meeting, proposed_by=world.liaison_b, title="Press day for schools")
    assert "Press day for schools" in client.get(url).content.decode()


def test_a_request_reads_each_generation_once_and_again_after_its_own_write(client, world, meetings, monkeypatch):
    reads = []
    real_get_or_set = caching.cache.get_or_set
    monkeypatch.setattr(
        caching.cache, "get_or_set", lambda key, *a, **k: reads.append(key) or real_get_or_set(key, *a, **k)
    )
    client.force_login(world.chair)
    client.get(meeting_url(meetings.meeting))  # the page's summary and four fragments share one read
    assert reads == [f"council-generation:{world.council.pk}"]

    reads.clear()
    caching.generation(world.council.pk)  # outside a request nothing is remembered
    caching.generation(world.council.pk)
    assert len(reads) == 2

    caching._request.generations = {}  # inside one, as the page's view would (what request_started does)
    try:
        before = caching.generation(world.council.pk)
        caching.council_changed(world.council.pk)
        assert caching.generation(world.council.pk) == caching.generation(world.council.pk) > before
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
        cache.set(caching._generation_key(decision.council.pk), 1, timeout=None)
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


def test_everything_cached_can_be_stored(world, meetings):
    """Values go to Redis in production: each cached read must pickle."""
    import pickle

    from departments.selectors import _gap_dashboard
    from home.views import chair_card

    survey = SurveyRoundFactory(council=world.council)
    SurveyResponseFactory(round=survey, department=world.department_a, state="submitted")
    for value in (_gap_dashboard(survey), chair_card(world.council)):
        assert pickle.loads(pickle.dumps(value)) is not None


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


def test_the_survey_dashboard_reads_its_figures_only_when_its_fragment_is_rendered_again(client, world, monkeypatch):
    from departments import selectors

    survey = SurveyRoundFactory(council=world.council)
    SurveyResponseFactory(round=survey, department=world.department_a, state="submitted")
    reads = []
    real = selectors.gap_dashboard
    monkeypatch.setattr(selectors, "gap_dashboard", lambda round: reads.append(round.pk) or real(round))
    client.force_login(world.admin)
    url = reverse("departments:survey-dashboard", args=[world.council.slug, survey.pk])
    assert world.department_a.name in client.get(url).content.decode()
    assert world.department_a.name in client.get(url).content.decode()  # from the cached fragment
    assert reads == [survey.pk]
    caching.council_changed(world.council.pk)
    client.get(url)
    assert reads == [survey.pk, survey.pk]


def test_a_value_cached_before_the_generation_was_evicted_is_never_served_again(db):
    council_id = 987654  # a council no earlier write has bumped
    assert caching.cached(council_id, "answer", lambda: "before") == "before"
    caching.cache.delete(caching._generation_key(council_id))  # evicted (Redis's LRU, the database cache's cull)
    assert caching.cached(council_id, "answer", lambda: "after") == "after"


def test_a_generation_after_eviction_is_above_every_earlier_one(db):
    council_id = 987655
    caching.council_changed(council_id)
    caching.council_changed(council_id)
    before = caching.generation(council_id)
    caching.cache.delete(caching._generation_key(council_id))
    assert caching.generation(council_id) > before


def test_a_read_that_finds_nothing_is_cached_too(world):
    calls = []

    def compute():
        calls.append(1)
        return None

    assert caching.cached(world.council.pk, "nothing", compute) is None
    assert caching.cached(world.council.pk, "nothing", compute) is None
    assert len(calls) == 1

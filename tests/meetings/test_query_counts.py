"""No meeting page's query count grows with the data: 10 rows against 500."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from council.models import Membership, Role, User
from helpers.caching import council_changed
from meetings.models import ActionItem, AgendaItem, Attendance, Decision, Meeting, ProgressUpdate
from tests.factories import MeetingFactory


def queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def assert_same_count(client, url, grow):
    few = queries(client, url)
    grow()
    many = queries(client, url)
    assert len(many) == len(few), "\n".join(["Queries with more data:", *many])


def add_meetings(world, n):
    start = Meeting.objects.filter(council=world.council).count() + 100
    Meeting.objects.bulk_create(
        Meeting(
            council=world.council,
            year=2026,
            number=start + i,
            starts_at=timezone.now() + timedelta(days=i),
            place="Hall",
        )
        for i in range(n)
    )


def add_actions(world, meeting, n):
    item = AgendaItem.objects.create(meeting=meeting, title="Bulk", position=99)
    first = Decision.objects.count() + 1
    decisions = Decision.objects.bulk_create(
        Decision(council=world.council, item=item, position=i, text=f"Decision {i}", year=2026, number=first + i)
        for i in range(n)
    )
    actions = ActionItem.objects.bulk_create(
        ActionItem(decision=d, council=world.council, department=world.department_a, due_date=timezone.localdate())
        for d in decisions
    )
    ProgressUpdate.objects.bulk_create(ProgressUpdate(action_item=a, text="Working on it") for a in actions)
    for d in decisions:
        d.departments.add(world.department_a)


@pytest.mark.parametrize("role", ["chair", "liaison_a"])
def test_meeting_list(client, world, role):
    add_meetings(world, 10)
    client.force_login(getattr(world, role))
    assert_same_count(
        client, reverse("meetings:meeting-list", args=[world.council.slug]), lambda: add_meetings(world, 490)
    )


@pytest.mark.parametrize("role", ["secretary", "liaison_a"])
def test_meeting_detail(client, world, role):
    meeting = MeetingFactory(
        council=world.council, state="minutes_approved", starts_at=timezone.now() - timedelta(days=1)
    )
    client.force_login(getattr(world, role))
    url = reverse("meetings:meeting-detail", args=[world.council.slug, meeting.pk])

    def grow(actions, members):
        add_actions(world, meeting, actions)
        start = User.objects.count()
        users = User.objects.bulk_create(
            User(username=f"bulk{start + i}", email=f"b{start + i}@x.org") for i in range(members)
        )
        members = Membership.objects.bulk_create(
            Membership(user=u, council=world.council, role=Role.MEMBER) for u in users
        )
        Attendance.objects.bulk_create(Attendance(meeting=meeting, membership=m, status="present") for m in members)

    grow(10, 3)
    assert_same_count(client, url, lambda: grow(490, 100))


@pytest.mark.parametrize("role", ["chair", "liaison_a"])
def test_follow_up_list(client, world, role):
    meeting = MeetingFactory(council=world.council)
    add_actions(world, meeting, 10)
    client.force_login(getattr(world, role))
    url = reverse("meetings:action-list", args=[world.council.slug])
    assert_same_count(client, url, lambda: add_actions(world, meeting, 490))


def test_home_dashboard(client, world):
    meeting = MeetingFactory(council=world.council)
    add_actions(world, meeting, 10)
    for role in ("chair", "liaison_a"):
        client.force_login(getattr(world, role))
        client.get(reverse("home:home"))  # the first read ever of a scope also stores its generation
        council_changed(world.council.pk)  # both counts are of a first visit
        few = len(queries(client, reverse("home:home")))
        add_actions(world, meeting, 100)
        council_changed(world.council.pk)  # (the growth drops the chair's counts, not the next meeting)
        assert len(queries(client, reverse("home:home"))) == few


def test_action_item_detail(client, world):
    meeting = MeetingFactory(council=world.council)
    add_actions(world, meeting, 1)
    action = ActionItem.objects.get()
    client.force_login(world.chair)
    url = reverse("meetings:action-detail", args=[world.council.slug, action.pk])
    assert_same_count(
        client,
        url,
        lambda: ProgressUpdate.objects.bulk_create(
            ProgressUpdate(action_item=action, text=f"u{i}", author=world.liaison_a) for i in range(100)
        ),
    )

"""The home page's badge: what waits for the viewer, per role, in one or two queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from council.selectors import memberships_of
from meetings.models import ActionItem, Meeting
from meetings.selectors import Waiting, waiting_for
from tests.factories import ActionItemFactory, AgendaItemFactory, DecisionFactory, MeetingFactory


@pytest.fixture
def waiting(world):
    """Two minutes awaiting approval; department A: one new item, one overdue in progress, one reported done;
    department B: one new and overdue; another council: minutes and an item that count for nobody here."""
    today = timezone.localdate()
    for _ in range(2):
        MeetingFactory(council=world.council, state=Meeting.State.MINUTES_DRAFTED)
    MeetingFactory(council=world.council, state=Meeting.State.HELD)
    MeetingFactory(council=world.other_council, state=Meeting.State.MINUTES_DRAFTED)

    def action(department, status, due_in_days=30, council=world.council):
        decision = DecisionFactory(item=AgendaItemFactory(meeting=MeetingFactory(council=council)))
        return ActionItemFactory(
            decision=decision, department=department, status=status, due_date=today + timedelta(days=due_in_days)
        )

    action(world.department_a, ActionItem.Status.OPEN)
    action(world.department_a, ActionItem.Status.IN_PROGRESS, due_in_days=-3)
    action(world.department_a, ActionItem.Status.DONE_PROPOSED)
    action(world.department_a, ActionItem.Status.DONE, due_in_days=-10)  # closed: waits for nobody
    action(world.department_b, ActionItem.Status.OPEN, due_in_days=-1)
    action(world.other_department, ActionItem.Status.DONE_PROPOSED, council=world.other_council)


@pytest.mark.parametrize(
    ("role", "expected", "queries"),
    [
        ("chair", Waiting(minutes_to_approve=2, reported_done=1), 2),
        ("admin", Waiting(minutes_to_approve=2, reported_done=1), 2),
        ("secretary", Waiting(reported_done=1), 1),
        ("liaison_a", Waiting(new_action_items=1, overdue_action_items=1, department_items=2), 1),
        ("liaison_b", Waiting(new_action_items=1, overdue_action_items=1, department_items=1), 1),
        ("member", Waiting(), 0),
        ("outsider", Waiting(), 0),
    ],
)
def test_it_counts_what_waits_for_each_role(world, waiting, django_assert_num_queries, role, expected, queries):
    user = world.user(role)
    memberships_of(user)  # loaded once per request by every signed-in page
    with django_assert_num_queries(queries):
        found = waiting_for(user, world.council)
    assert found == expected


def test_the_total_counts_each_thing_once(world, waiting):
    assert waiting_for(world.chair, world.council).total == 3
    assert waiting_for(world.liaison_b, world.council).total == 1  # new and overdue: one item
    assert waiting_for(world.member, world.council).total == 0

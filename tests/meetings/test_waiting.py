"""The home page's badge: what waits for the viewer, per role, from the reads their cards show; and that the
cards and the council home list each thing it counts."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from council.selectors import memberships_of
from meetings.models import ActionItem, Meeting
from meetings.selectors import Waiting, department_open_actions, waiting_for
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

    return {
        "a new": action(world.department_a, ActionItem.Status.OPEN),
        "a overdue": action(world.department_a, ActionItem.Status.IN_PROGRESS, due_in_days=-3),
        "a reported done": action(world.department_a, ActionItem.Status.DONE_PROPOSED),
        "a closed": action(world.department_a, ActionItem.Status.DONE, due_in_days=-10),  # waits for nobody
        "b new and overdue": action(world.department_b, ActionItem.Status.OPEN, due_in_days=-1),
        "elsewhere": action(world.other_department, ActionItem.Status.DONE_PROPOSED, council=world.other_council),
    }


@pytest.fixture
def shared_cache(settings):
    """The cache in memory, so that the counts are the database's (the test cache is a database table)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.mark.parametrize(
    ("role", "expected", "cold", "warm"),
    [
        # The secretariat's counts are the cached read their card shows (four queries, then none); a liaison's come
        # from their department's open action items (one query).
        ("chair", Waiting(minutes_to_approve=2, reported_done=1), 4, 0),
        ("admin", Waiting(minutes_to_approve=2, reported_done=1), 4, 0),
        ("secretary", Waiting(reported_done=1), 4, 0),
        ("liaison_a", Waiting(new_action_items=1, overdue_action_items=1, department_items=2), 1, 1),
        ("liaison_b", Waiting(new_action_items=1, overdue_action_items=1, department_items=1), 1, 1),
        ("member", Waiting(), 0, 0),
        ("outsider", Waiting(), 0, 0),
    ],
)
def test_it_counts_what_waits_for_each_role(
    world, waiting, shared_cache, django_assert_num_queries, role, expected, cold, warm
):
    user = world.user(role)
    memberships_of(user)  # loaded once per request by every signed-in page
    with django_assert_num_queries(cold):
        found = waiting_for(user, world.council)
    assert found == expected
    with django_assert_num_queries(warm):
        assert waiting_for(user, world.council) == expected


def test_a_liaison_s_count_needs_no_query_given_the_items_their_card_read(world, waiting, django_assert_num_queries):
    membership = memberships_of(world.liaison_a)[world.council.pk]
    open_actions = department_open_actions(membership)
    with django_assert_num_queries(0):
        found = waiting_for(world.liaison_a, world.council, open_actions=open_actions)
    assert found == waiting_for(world.liaison_a, world.council)


def test_the_total_counts_each_thing_once(world, waiting):
    assert waiting_for(world.chair, world.council).total == 3
    assert waiting_for(world.liaison_b, world.council).total == 1  # new and overdue: one item
    assert waiting_for(world.member, world.council).total == 0


BADGE = re.compile(
    r'<a class="badge rounded-pill waiting-badge[^"]*" href="(?P<href>[^"]+)"><span aria-hidden="true">(?P<shown>[^<]+)'
    r'</span><span class="visually-hidden">(?P<text>[^<]+)</span></a>'
)


def badges(page: str) -> list[dict]:
    return [match.groupdict() for match in BADGE.finditer(page)]


def get(login, user, url, **headers) -> str:
    response = login(user).get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("role", "shown", "text"),
    [
        ("chair", "3", "3 things wait for you"),  # two minutes to approve, one item reported done
        ("secretary", "1", "1 thing waits for you"),  # the item reported done
        ("liaison_a", "2", "2 things wait for you"),  # a new item, an overdue one
        ("liaison_b", "1", "1 thing waits for you"),  # one item, new and overdue
        ("member", None, None),
        ("admin", None, None),  # no membership, so no card: their council home lists what waits (below)
    ],
)
def test_the_home_page_shows_each_role_its_badge(world, waiting, login, role, shown, text):
    found = badges(get(login, world.user(role), reverse("home:home")))
    if shown is None:
        assert found == []
    else:
        href = reverse("council:council-detail", args=[world.council.slug])
        assert found == [{"href": href, "shown": shown, "text": text}]  # the other council: nothing waits there


def test_the_badge_speaks_persian_with_persian_digits(world, waiting, login):
    world.council.language = "fa"
    world.council.save()
    (badge,) = badges(get(login, world.chair, reverse("home:home")))
    assert badge["shown"] == "۳"
    assert badge["text"] == "۳ مورد در انتظار شماست"


def waiting_card(page: str) -> str:
    start = page.index('id="waiting-title"')
    return page[start : page.index("</section>", start)]


def action_links(world, page: str, *actions) -> list[bool]:
    return [reverse("meetings:action-detail", args=[world.council.slug, action.pk]) in page for action in actions]


@pytest.mark.parametrize("role", ["chair", "admin", "secretary", "liaison_a", "liaison_b", "member"])
def test_the_council_home_lists_each_thing_the_badge_counts(world, waiting, login, role):
    user = world.user(role)
    counted = waiting_for(user, world.council)
    card = waiting_card(get(login, user, reverse("council:council-detail", args=[world.council.slug])))
    assert card.count("await approval") >= counted.minutes_to_approve
    if counted.minutes_to_approve:
        assert card.count("await approval") == counted.minutes_to_approve
    if counted.reported_done:
        assert f"{counted.reported_done} action item reported done, to accept" in card
    assert len(re.findall(r'/actions/\d+/"', card)) == counted.department_items  # each item once
    if role == "liaison_a":
        assert action_links(world, card, waiting["a new"], waiting["a overdue"]) == [True, True]
        assert action_links(world, card, waiting["a reported done"], waiting["a closed"]) == [False, False]
    assert ("Nothing waits for you" in card) is (counted.total == 0)


@pytest.mark.parametrize("role", ["chair", "secretary", "liaison_a", "liaison_b"])
def test_the_home_card_lists_each_thing_the_badge_counts(world, waiting, login, role):
    user = world.user(role)
    counted = waiting_for(user, world.council)
    page = get(login, user, reverse("home:home"))
    card = page[page.index(f'id="council-{world.council.pk}"') : page.index("</section>")]
    assert card.count("await approval") >= counted.minutes_to_approve
    if counted.reported_done:
        assert f"{counted.reported_done} action item reported done, to accept" in card
    department = {"liaison_a": ["a new", "a overdue"], "liaison_b": ["b new and overdue"]}.get(role, [])
    assert len(department) == counted.department_items
    assert all(action_links(world, card, *(waiting[name] for name in department)))

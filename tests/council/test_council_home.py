"""The council's home: the next meeting, what waits for each role, recent decisions; and the section menu."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from council.templatetags.hamahang import cdatetime
from helpers import caching
from meetings.models import ActionItem, Meeting
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    AgendaProposalFactory,
    DecisionFactory,
    MeetingFactory,
)


@pytest.fixture
def business(world):
    """A next meeting with a pending proposal, minutes awaiting approval with a numbered decision, an item of
    department A overdue, one of department B reported done."""
    upcoming = MeetingFactory(council=world.council, number=7, title="Budget of the information network")
    AgendaProposalFactory(meeting=upcoming, proposed_by=world.liaison_a)
    drafted = MeetingFactory(
        council=world.council, number=5, state=Meeting.State.MINUTES_DRAFTED, starts_at=timezone.now() - timedelta(7)
    )
    decision = DecisionFactory(item=AgendaItemFactory(meeting=drafted), year=2026, number=3, text="Train the liaisons")
    overdue = ActionItemFactory(
        decision=decision, department=world.department_a, due_date=timezone.localdate() - timedelta(days=3)
    )
    ActionItemFactory(decision=decision, department=world.department_b, status=ActionItem.Status.DONE_PROPOSED)
    return {"upcoming": upcoming, "drafted": drafted, "decision": decision, "overdue": overdue}


def home(login, world, role):
    response = login(world.user(role)).get(reverse("council:council-detail", args=[world.council.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_everyone_the_next_meeting_and_recent_decisions(world, login, business):
    for role in ("chair", "secretary", "member", "liaison_a"):
        page = home(login, world, role)
        assert reverse("meetings:meeting-detail", args=[world.council.slug, business["upcoming"].pk]) in page
        assert "Meeting 7 of 2026" in page
        assert "2026/03" in page and "Train the liaisons" in page


def test_it_shows_the_chair_minutes_to_approve_proposals_done_items_and_overdue_departments(world, login, business):
    page = home(login, world, "chair")
    assert "Minutes of meeting 5/2026 await approval" in page
    assert "Proposed agenda items to decide in 1 meeting" in page
    assert "1 action item reported done, to accept" in page
    assert "Overdue action items: Education" in page
    assert "Nothing waits for you" not in page


def test_it_shows_the_secretary_what_waits_but_not_the_proposals_only_the_chair_decides(world, login, business):
    page = home(login, world, "secretary")
    assert "1 action item reported done, to accept" in page
    assert "Overdue action items: Education" in page
    assert "Proposed agenda items to decide" not in page


def test_it_shows_a_liaison_their_departments_overdue_items_only(world, login, business):
    page = home(login, world, "liaison_a")
    assert reverse("meetings:action-detail", args=[world.council.slug, business["overdue"].pk]) in page
    assert "Action item 2026/03" in page
    assert "Minutes of meeting 5/2026 await approval" not in page
    assert "reported done, to accept" not in page
    page_b = home(login, world, "liaison_b")
    assert reverse("meetings:action-detail", args=[world.council.slug, business["overdue"].pk]) not in page_b
    assert "Nothing waits for you" in page_b


def test_it_tells_a_member_when_nothing_waits(world, login, business):
    page = home(login, world, "member")
    assert "Nothing waits for you" in page
    assert "Overdue action items" not in page


def test_a_decision_numbered_since_the_last_visit_shows_at_once(world, login, business, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert "Publish the training plan" not in home(login, world, "chair")  # now cached
    DecisionFactory(
        item=AgendaItemFactory(meeting=business["drafted"]), year=2026, number=4, text="Publish the training plan"
    )
    assert "Publish the training plan" in home(login, world, "chair")


def test_it_says_so_when_there_is_no_meeting_nor_decision(world, login):
    page = home(login, world, "chair")
    assert "No meeting is scheduled." in page
    assert "No decision has been approved yet." in page


def test_the_next_meeting_date_is_in_the_councils_calendar(world, login, business):
    world.council.calendar = "jalali"
    world.council.save()
    page = home(login, world, "chair")
    shown = cdatetime(business["upcoming"].starts_at, world.council)
    assert "140" in shown  # a Jalali year
    assert f'<p class="next-meeting-date mb-1">{shown}</p>' in page


def test_the_home_runs_a_fixed_number_of_queries_cold_and_warm(world, login, business, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    client = login(world.chair)
    url = reverse("council:council-detail", args=[world.council.slug])
    client.get("/ping")
    counts = []
    for extra in range(2):  # more of everything: the counts must not grow
        caching.council_changed(world.council.pk)
        for _visit in ("cold", "warm"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        decision = DecisionFactory(item=AgendaItemFactory(meeting=business["drafted"]), year=2026, number=10 + extra)
        yesterday = timezone.localdate() - timedelta(days=1)
        ActionItemFactory(decision=decision, department=world.department_b, due_date=yesterday)
        MeetingFactory(council=world.council, state=Meeting.State.MINUTES_DRAFTED, starts_at=timezone.now())
    # session, user, memberships; cold: next meeting, replies, recent decisions, the chair's card (six)
    assert counts == [12, 3, 12, 3]


SECTIONS_OF_EVERYONE = [
    "meetings:meeting-list",
    "meetings:action-list",
    "meetings:statement-list",
    "departments:department-list",
    "departments:survey-list",
    "departments:activity-list",
    "departments:training-list",
    "elections:election-list",
]


def menu(page):
    return page[page.index('id="section-menu"') : page.index("</nav>", page.index('id="section-menu"'))]


@pytest.mark.parametrize(
    ("role", "members", "requests", "settings_link"),
    [
        ("chair", True, True, False),
        ("secretary", True, True, False),
        ("member", False, False, False),
        ("liaison_a", False, False, False),
        ("admin", True, True, True),
    ],
)
def test_the_menu_shows_the_sections_the_role_may_use(world, login, role, members, requests, settings_link):
    shown = menu(home(login, world, role))
    slug = world.council.slug
    for name in SECTIONS_OF_EVERYONE:
        assert f'href="{reverse(name, args=[slug])}"' in shown
    assert (reverse("council:member-list", args=[slug]) in shown) is members
    assert (reverse("portal:request-list", args=[slug]) in shown) is requests
    assert (reverse("admin:council_council_change", args=[world.council.pk]) in shown) is settings_link


def test_the_menu_marks_the_current_section(world, login):
    slug = world.council.slug
    client = login(world.liaison_a)
    page = client.get(reverse("departments:survey-list", args=[slug])).content.decode()
    current = f'href="{reverse("departments:survey-list", args=[slug])}" aria-current="page"'
    assert current in menu(page)
    assert menu(page).count('aria-current="page"') == 1  # not Departments, whose address begins the surveys'
    page = client.get(reverse("council:council-detail", args=[slug])).content.decode()
    assert f'href="{reverse("council:council-detail", args=[slug])}" aria-current="page"' in menu(page)


def test_the_portal_has_no_council_menu(world, login):
    page = login(world.chair).get(reverse("portal:index", args=[world.council.slug])).content.decode()
    assert 'id="section-menu"' not in page

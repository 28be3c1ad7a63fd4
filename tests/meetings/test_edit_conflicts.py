"""Two tabs on the same edit form: the second save is refused with both versions shown and its typed text kept."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Decision, Meeting, Statement
from tests.factories import AgendaItemFactory, DecisionFactory, MeetingFactory

CONFLICT = "Someone else saved this while you were editing"


def version_in(response) -> str:
    return re.search(r'name="base_version" value="(\d+)"', response.content.decode()).group(1)


def two_tabs(client, user, url, first, second):
    """Open the form twice, save the first tab, then the second one from the version it was opened on."""
    client.force_login(user)
    tab_one, tab_two = version_in(client.get(url)), version_in(client.get(url))
    assert client.post(url, {**first, "base_version": tab_one}).status_code == 302
    return client.post(url, {**second, "base_version": tab_two})


def assert_refused_with_both_versions(response, typed, saved):
    assert response.status_code == 200
    body = response.content.decode()
    assert CONFLICT in body
    assert typed in body  # what the second tab typed, still in its form
    assert re.search(rf'class="[^"]*saved-version[^"]*">.*{re.escape(saved)}', body, re.S)  # and the saved one


@pytest.fixture
def upcoming(world):
    return MeetingFactory(council=world.council, title="Autumn meeting", place="Hall A")


@pytest.fixture
def held(world):
    meeting = MeetingFactory(council=world.council, state="held", starts_at=timezone.now() - timedelta(hours=2))
    return meeting


def test_two_tabs_on_a_decision(client, world, held):
    decision = DecisionFactory(item=AgendaItemFactory(meeting=held), text="Original")
    url = reverse("meetings:decision-edit", args=[world.council.slug, held.pk, decision.item_id, decision.pk])
    first = {"text": "Train the liaisons", "departments": [world.department_a.pk]}
    second = {"text": "Publish a monthly report", "departments": [world.department_b.pk]}
    response = two_tabs(client, world.secretary, url, first, second)
    assert_refused_with_both_versions(response, "Publish a monthly report", "Train the liaisons")
    assert "Education" in response.content.decode()  # the saved departments, by name
    decision.refresh_from_db()
    assert decision.text == "Train the liaisons"
    assert list(decision.departments.all()) == [world.department_a]
    assert decision.history.latest().history_user == world.secretary

    # the form now carries the saved version: saving again is a deliberate overwrite
    response = client.post(url, {**second, "base_version": version_in(response)})
    assert response.status_code == 302
    assert Decision.objects.get().text == "Publish a monthly report"


def test_two_tabs_on_an_agenda_item(client, world, upcoming):
    item = AgendaItemFactory(meeting=upcoming, title="Original")
    url = reverse("meetings:item-edit", args=[world.council.slug, upcoming.pk, item.pk])
    fields = {"description": "", "presenter": "", "minutes_allotted": "10"}
    response = two_tabs(
        client, world.secretary, url, {**fields, "title": "Staffing gaps"}, {**fields, "title": "Training courses"}
    )
    assert_refused_with_both_versions(response, "Training courses", "Staffing gaps")
    assert AgendaItem.objects.get(pk=item.pk).title == "Staffing gaps"


def test_two_tabs_on_the_meeting_form(client, world, upcoming):
    url = reverse("meetings:meeting-edit", args=[world.council.slug, upcoming.pk])
    when = timezone.localtime(upcoming.starts_at).strftime("%Y-%m-%dT%H:%M")
    fields = {"title": "Autumn meeting", "starts_at": when, "duration_minutes": "90", "stream_url": ""}
    response = two_tabs(
        client, world.secretary, url, {**fields, "place": "Library hall"}, {**fields, "place": "Governor's office"}
    )
    assert_refused_with_both_versions(response, "Governor&#x27;s office", "Library hall")
    assert Meeting.objects.get(pk=upcoming.pk).place == "Library hall"


def test_two_tabs_on_a_statement(client, world):
    statement = Statement.objects.create(council=world.council, title="Original", body="x")
    url = reverse("meetings:statement-edit", args=[world.council.slug, statement.pk])
    response = two_tabs(
        client,
        world.secretary,
        url,
        {"title": "Council backs libraries", "body": "First text"},
        {"title": "Libraries open on Fridays", "body": "Second text"},
    )
    assert_refused_with_both_versions(response, "Second text", "First text")
    statement.refresh_from_db()
    assert (statement.title, statement.body) == ("Council backs libraries", "First text")


def test_an_edit_without_a_version_is_a_conflict_not_the_current_version(client, world, upcoming):
    item = AgendaItemFactory(meeting=upcoming, title="Original")
    client.force_login(world.secretary)
    url = reverse("meetings:item-edit", args=[world.council.slug, upcoming.pk, item.pk])
    response = client.post(url, {"title": "Blind overwrite", "minutes_allotted": "10"})
    assert_refused_with_both_versions(response, "Blind overwrite", "Original")
    assert AgendaItem.objects.get(pk=item.pk).title == "Original"


def test_minutes_without_a_version_are_a_conflict_with_a_visible_message(client, world, held):
    item = AgendaItemFactory(meeting=held, discussion="Saved summary")
    client.force_login(world.secretary)
    response = client.post(
        reverse("meetings:minutes-edit", args=[world.council.slug, held.pk]), {f"discussion_{item.pk}": "Typed"}
    )
    body = response.content.decode()
    assert CONFLICT in body and "Typed" in body and "Saved summary" in body
    assert AgendaItem.objects.get(pk=item.pk).discussion == "Saved summary"


def test_the_saved_version_shows_only_what_differs_in_the_councils_own_calendar(client, world, upcoming):
    from helpers.l10n import calendars

    world.council.calendar = "jalali"
    world.council.save()
    url = reverse("meetings:meeting-edit", args=[world.council.slug, upcoming.pk])
    local = timezone.localtime(upcoming.starts_at, world.council.tzinfo)
    day = calendars.date_input_value(local.date(), calendar="jalali")
    later = calendars.date_input_value(local.date() + timedelta(days=7), calendar="jalali")
    fields = {"title": "Autumn meeting", "duration_minutes": "90", "stream_url": "", "place": "Hall A"}
    response = two_tabs(
        client,
        world.secretary,
        url,
        {**fields, "starts_at": f"{later} 10:00"},
        {**fields, "starts_at": f"{day} 10:00", "place": "Library"},
    )
    assert_refused_with_both_versions(response, "Library", f"{later} 10:00")
    saved = response.content.decode().split("saved-version", 1)[1].split("</ul>", 1)[0]
    assert "Date and time" in saved and "Hall A" in saved  # each field that differs from what was typed
    assert "Autumn meeting" not in saved and "Title" not in saved  # and nothing else

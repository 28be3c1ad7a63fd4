"""Attendance starts from the replies (delegates included), "All present" fills every row without saving, and a save
over someone else's is refused with both versions shown and nothing typed lost."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Attendance, Meeting
from tests.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory


@pytest.fixture
def held(world):
    """A held meeting: liaison A replied attending, liaison B sends a delegate, the member is not attending, the
    secretary did not reply, and the chair's attendance is already recorded as absent."""
    meeting = MeetingFactory(
        council=world.council, state=Meeting.State.HELD, starts_at=timezone.now() - timedelta(hours=1)
    )
    AgendaItemFactory(meeting=meeting)
    replies = {
        world.liaison_a: {"reply": "attending"},
        world.liaison_b: {"reply": "delegate", "reply_delegate": "Deputy Karimi"},
        world.member: {"reply": "not_attending"},
        world.secretary: {},
        world.chair: {"reply": "attending", "status": "absent"},
    }
    for user, fields in replies.items():
        AttendanceFactory(meeting=meeting, membership=user.memberships.get(), **fields)
    return meeting


def url(meeting):
    return reverse("meetings:attendance-edit", args=[meeting.council.slug, meeting.pk])


def shown(response, world) -> dict:
    """Each member's row as the form shows it: (status, delegate's name)."""
    rows = {}
    for attendance, status, delegate, _from_reply, _saved in response.context["form"].bound_rows():
        rows[attendance.membership.user.username] = (status.value(), delegate.value() or "")
    return rows


def posted(response) -> dict:
    """The form's values as a browser would post them back."""
    data = {"base_state": response.context["form"]["base_state"].value()}
    for _attendance, status, delegate, _from_reply, _saved in response.context["form"].bound_rows():
        data[status.html_name], data[delegate.html_name] = status.value(), delegate.value() or ""
    return data


def test_rows_not_recorded_start_from_the_replies_including_a_delegate(world, login, held):
    response = login(world.secretary).get(url(held))
    assert shown(response, world) == {
        "liaison_a": ("present", ""),
        "liaison_b": ("delegate", "Deputy Karimi"),
        "member": ("excused", ""),
        "secretary": ("", ""),
        "chair": ("absent", ""),  # what was recorded wins over the reply
    }
    assert response.content.decode().count("From the reply; not saved yet") == 3
    assert set(held.attendances.values_list("status", flat=True)) == {"", "absent"}  # a GET writes nothing

    assert login(world.secretary).post(url(held), posted(response)).status_code == 302
    saved = {a.membership.user.username: (a.status, a.delegate_name) for a in held.attendances.all()}
    assert saved["liaison_b"] == ("delegate", "Deputy Karimi") and saved["liaison_a"] == ("present", "")


def test_all_present_fills_every_row_but_a_delegates_and_saves_nothing(world, login, held):
    client = login(world.secretary)
    data = posted(client.get(url(held)))
    chair_row = held.attendances.get(membership__user=world.chair).pk
    data[f"delegate_{chair_row}"] = "typed, not lost"
    response = client.post(url(held), {**data, "all_present": "1"})
    assert response.status_code == 200
    rows = shown(response, world)
    assert rows["liaison_b"] == ("delegate", "Deputy Karimi")
    assert {name: row[0] for name, row in rows.items() if name != "liaison_b"} == dict.fromkeys(
        ["liaison_a", "member", "secretary", "chair"], "present"
    )
    assert rows["chair"][1] == "typed, not lost"
    assert "Everyone is marked present" in response.content.decode()
    assert set(held.attendances.values_list("status", flat=True)) == {"", "absent"}  # only shown, not saved

    assert client.post(url(held), posted(response)).status_code == 302
    assert held.attendances.filter(status="present").count() == 4


def test_a_save_over_someone_elses_is_refused_with_both_versions_and_nothing_lost(world, login, held):
    mine = posted(login(world.secretary).get(url(held)))
    theirs = posted(login(world.chair).get(url(held)))
    member_row = held.attendances.get(membership__user=world.member).pk
    theirs[f"status_{member_row}"] = "absent"
    assert login(world.chair).post(url(held), theirs).status_code == 302

    mine[f"status_{member_row}"] = "present"
    response = login(world.secretary).post(url(held), mine)
    assert response.status_code == 200
    assert "Someone else saved this while you were editing" in response.content.decode()
    assert held.attendances.get(pk=member_row).status == "absent"  # theirs is kept
    assert shown(response, world)["member"] == ("present", "")  # mine is still in the form
    assert "The version saved meanwhile" in response.content.decode()

    assert login(world.secretary).post(url(held), posted(response)).status_code == 302  # saved on purpose
    assert held.attendances.get(pk=member_row).status == Attendance.Status.PRESENT


POSTED_BY = {
    "anonymous": 302,
    "outsider": 404,
    "member": 403,
    "liaison_a": 403,
    "liaison_b": 403,
    "secretary": 200,
    "chair": 200,
    "admin": 200,
}


@pytest.mark.parametrize(("role", "status"), POSTED_BY.items())
def test_all_present_is_the_secretariats(world, login, held, role, status):
    response = login(world.user(role)).post(url(held), {"all_present": "1"})
    assert response.status_code == status
    if role == "anonymous":
        assert reverse("account_login") in response.url

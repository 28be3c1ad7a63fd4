"""Attendance and quorum, minutes with the edit conflict, approval, numbering, amendments."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import ActionItem, Amendment, Attendance, Decision
from tests.factories import AgendaItemFactory, AttendanceFactory, DecisionFactory, MeetingFactory


def url(name, meeting, *extra):
    return reverse(f"meetings:{name}", args=[meeting.council.slug, meeting.pk, *extra])


@pytest.fixture
def held(world):
    meeting = MeetingFactory(
        council=world.council, state="held", starts_at=timezone.now() - timedelta(hours=2), year=2026, number=4
    )
    AgendaItemFactory(meeting=meeting, title="Information work", position=0)
    AgendaItemFactory(meeting=meeting, title="Training", position=1)
    for membership in world.council.memberships.all():
        AttendanceFactory(meeting=meeting, membership=membership)
    return meeting


def test_attendance_is_recorded_and_quorum_shown(client, world, held):
    client.force_login(world.secretary)
    rows = list(held.attendances.all())
    data = {f"status_{a.pk}": "present" for a in rows[:3]}
    data[f"status_{rows[3].pk}"] = "delegate"
    data[f"delegate_{rows[3].pk}"] = "Deputy Rahimi"
    data[f"status_{rows[4].pk}"] = "excused"
    assert client.post(url("attendance-edit", held), data).status_code == 302
    assert held.attendances.filter(status="present").count() == 3
    body = client.get(url("meeting-detail", held)).content.decode()
    assert "4 present, quorum 3." in body and "Quorum reached." in body
    assert "Deputy Rahimi" in body


def test_a_delegate_without_a_name_is_refused_and_the_form_kept(client, world, held):
    client.force_login(world.secretary)
    attendance = held.attendances.first()
    response = client.post(url("attendance-edit", held), {f"status_{attendance.pk}": "delegate"})
    assert response.status_code == 200
    assert "Give the delegate&#x27;s name" in response.content.decode()
    attendance.refresh_from_db()
    assert attendance.status == ""


def minutes_data(meeting, base_version, text):
    return {"base_version": base_version, **{f"discussion_{item.pk}": text for item in meeting.items.all()}}


def test_two_people_editing_the_minutes_the_second_save_is_refused_with_both_versions(client, world, held):
    client.force_login(world.secretary)
    base = held.version
    assert (
        client.post(url("minutes-edit", held), minutes_data(held, base, "The secretary's summary")).status_code == 302
    )

    client.force_login(world.chair)
    response = client.post(url("minutes-edit", held), minutes_data(held, base, "The chair's summary"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else saved this while you were editing" in body
    assert "The chair&#x27;s summary" in body  # the chair's own text, still in the form
    assert "The secretary&#x27;s summary" in body  # and the version saved meanwhile
    assert set(held.items.values_list("discussion", flat=True)) == {"The secretary's summary"}

    held.refresh_from_db()
    response = client.post(url("minutes-edit", held), minutes_data(held, held.version, "The chair's summary"))
    assert response.status_code == 302
    assert set(held.items.values_list("discussion", flat=True)) == {"The chair's summary"}


def test_a_decision_needs_text_and_keeps_what_was_chosen(client, world, held):
    client.force_login(world.secretary)
    item = held.items.first()
    response = client.post(
        url("decision-create", held, item.pk), {"text": " ", "departments": [world.department_a.pk], "due_date": "x"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Enter the decision." in body and "Enter a valid date" in body
    assert re.search(rf'name="departments" value="{world.department_a.pk}"[^>]*checked', body)
    assert not Decision.objects.exists()


def test_approving_minutes_numbers_decisions_and_opens_action_items(world, held):
    first, second = held.items.all()
    d1 = DecisionFactory(item=second, text="Train the liaisons", position=0)
    d2 = DecisionFactory(item=first, text="Monthly report", position=0)
    d3 = DecisionFactory(item=first, text="Note only", position=1)
    d2.departments.set([world.department_a, world.department_b])
    d1.departments.set([world.department_b])
    earlier = DecisionFactory(item=AgendaItemFactory(meeting=MeetingFactory(council=world.council)))
    earlier.year, earlier.number = 2026, 7
    earlier.save()
    services.minutes_submit(meeting=held, by=world.secretary)
    services.minutes_approve(meeting=held, by=world.chair)
    for decision in (d1, d2, d3):
        decision.refresh_from_db()
    assert [d2.reference, d3.reference, d1.reference] == ["2026/08", "2026/09", "2026/10"]
    assert ActionItem.objects.filter(decision=d2).count() == 2
    assert ActionItem.objects.filter(decision=d3).count() == 0
    held.refresh_from_db()
    assert (held.state, held.minutes_approved_by) == ("minutes_approved", world.chair)


def test_approving_minutes_of_a_meeting_not_yet_held_is_refused(client, world):
    meeting = MeetingFactory(council=world.council, state="agenda_published")
    client.force_login(world.chair)
    response = client.post(url("minutes-approve", meeting), follow=True)
    assert "cannot become" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.state == "agenda_published"


def test_approving_needs_two_factor_authentication_when_required(client, world, held, settings):
    settings.HAMAHANG_REQUIRE_MFA = True
    services.minutes_submit(meeting=held, by=world.secretary)
    client.force_login(world.chair)
    response = client.post(url("minutes-approve", held))
    assert response.url.startswith(reverse("mfa_activate_totp"))
    held.refresh_from_db()
    assert held.state == "minutes_drafted"


def test_approved_minutes_are_frozen_and_corrected_by_amendment(client, world, held):
    item = held.items.first()
    item.discussion = "Original summary"
    item.save()
    decision = DecisionFactory(item=item, text="Original decision")
    services.minutes_submit(meeting=held, by=world.secretary)
    services.minutes_approve(meeting=held, by=world.chair)

    client.force_login(world.secretary)
    response = client.post(url("minutes-edit", held), minutes_data(held, held.version + 5, "Rewritten"))
    assert "a correction must be recorded as an amendment" in response.content.decode()
    item.refresh_from_db()
    assert item.discussion == "Original summary"

    client.post(
        url("minutes-amend", held),
        {"target": f"decision-{decision.pk}", "new_text": "Corrected decision", "reason": "Wrong department named"},
    )
    amendment = Amendment.objects.get()
    assert (amendment.old_text, amendment.new_text, amendment.made_by) == (
        "Original decision",
        "Corrected decision",
        world.secretary,
    )
    decision.refresh_from_db()
    assert decision.text == "Corrected decision"
    history = decision.history.order_by("history_date")
    assert [h.text for h in history][-2:] == ["Original decision", "Corrected decision"]
    assert history.last().history_change_reason == "Wrong department named"
    assert history.last().history_user == world.secretary
    body = client.get(url("meeting-detail", held)).content.decode()
    assert "<del" in body and "Original decision" in body and "Wrong department named" in body


def test_attendance_statuses_count_towards_quorum():
    assert Attendance(status="present").counts_towards_quorum
    assert Attendance(status="delegate").counts_towards_quorum
    assert not Attendance(status="excused").counts_towards_quorum

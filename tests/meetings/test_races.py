"""Transitions check the state saved in the database, not the copy a view loaded: a second click, or two people
clicking at once, gets the normal refusal message, never a 500 or a double effect."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import ActionItem, AgendaProposal, Attendance, Decision, Meeting, Statement
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    AgendaProposalFactory,
    DecisionFactory,
    MeetingFactory,
)

S = Meeting.State


def stale(obj):
    """A second copy of the row, as another request loaded it before the first one saved."""
    return type(obj).objects.get(pk=obj.pk)


def url(name, meeting):
    return reverse(f"meetings:{name}", args=[meeting.council.slug, meeting.pk])


@pytest.fixture
def drafted(world):
    meeting = MeetingFactory(council=world.council, state=S.MINUTES_DRAFTED, starts_at=timezone.now() - timedelta(1))
    decision = DecisionFactory(item=AgendaItemFactory(meeting=meeting), text="Train the liaisons")
    decision.departments.set([world.department_a])
    return meeting


def test_approving_minutes_twice_from_stale_copies_is_refused_and_numbers_once(world, drafted):
    second = stale(drafted)
    services.minutes_approve(meeting=drafted, by=world.chair)
    with pytest.raises(services.MeetingError, match="cannot become"):
        services.minutes_approve(meeting=second, by=world.chair)
    assert second.state == S.MINUTES_APPROVED  # the caller's copy now shows what is saved
    assert list(Decision.objects.values_list("number", flat=True)) == [1]
    assert ActionItem.objects.count() == 1


def test_a_double_approve_click_gets_the_message_and_a_redirect(client, world, drafted):
    """Both requests loaded the meeting before either approved it."""
    client.force_login(world.chair)
    copies = iter([stale(drafted), stale(drafted)])
    with mock.patch("meetings.views._meeting", side_effect=lambda *args, **kwargs: next(copies)):
        assert client.post(url("minutes-approve", drafted)).status_code == 302
        response = client.post(url("minutes-approve", drafted), follow=True)
    assert response.status_code == 200
    assert "cannot become" in response.content.decode()
    assert ActionItem.objects.count() == 1


def test_a_double_publish_agenda_click_gets_the_message_and_invites_once(client, world):
    meeting = MeetingFactory(council=world.council)
    AgendaItemFactory(meeting=meeting)
    client.force_login(world.chair)
    copies = iter([stale(meeting), stale(meeting)])
    with (
        mock.patch("meetings.views._meeting", side_effect=lambda *args, **kwargs: next(copies)),
        mock.patch("meetings.services._on_commit") as mail,
    ):
        assert client.post(url("meeting-publish-agenda", meeting)).status_code == 302
        response = client.post(url("meeting-publish-agenda", meeting), follow=True)
    assert "cannot become" in response.content.decode()
    assert mail.call_count == 1
    assert Attendance.objects.filter(meeting=meeting).count() == world.council.memberships.count()


def test_the_history_row_of_a_transition_names_who_made_it(world, drafted):
    services.minutes_approve(meeting=drafted, by=world.chair)
    assert drafted.history.latest().history_user == world.chair


def meeting_in(world, state, **fields):
    return MeetingFactory(council=world.council, state=state, **fields)


def moved_meanwhile(world, state, to, **fields):
    """A copy of a meeting in `state`, loaded before someone moved the saved row to `to`."""
    meeting = meeting_in(world, state, **fields)
    copy = stale(meeting)
    Meeting.objects.filter(pk=meeting.pk).update(state=to)
    return copy


@pytest.mark.parametrize(
    "state, to, change",
    [
        (S.DRAFT, S.CANCELLED, lambda m, u: services.meeting_publish_agenda(meeting=m, by=u)),
        (S.DRAFT, S.CANCELLED, lambda m, u: services.meeting_cancel(meeting=m, by=u, reason="Twice")),
        (S.AGENDA_PUBLISHED, S.CANCELLED, lambda m, u: services.meeting_mark_held(meeting=m, by=u)),
        (S.HELD, S.MINUTES_DRAFTED, lambda m, u: services.minutes_submit(meeting=m, by=u)),
        (S.MINUTES_DRAFTED, S.HELD, lambda m, u: services.minutes_return(meeting=m, by=u)),
        (S.MINUTES_APPROVED, S.PUBLISHED, lambda m, u: services.meeting_publish(meeting=m, by=u)),
        (S.DRAFT, S.HELD, lambda m, u: services.agenda_item_add(meeting=m, title="Late item")),
        (S.HELD, S.MINUTES_APPROVED, lambda m, u: services.minutes_save(meeting=m, base_version=1, discussions={})),
    ],
)
def test_a_meeting_change_checks_the_saved_state_not_the_callers_copy(world, state, to, change):
    # Started for marking as held, in the future for publishing: only the saved state stands in the way.
    when = timezone.now() + (timedelta(hours=-1) if state == S.AGENDA_PUBLISHED else timedelta(days=3))
    copy = moved_meanwhile(world, state, to, starts_at=when)
    AgendaItemFactory(meeting=copy)
    with pytest.raises(services.MeetingError):
        change(copy, world.chair)
    assert Meeting.objects.get(pk=copy.pk).state == to


def test_an_agenda_item_is_not_changed_once_the_meeting_was_held_meanwhile(world):
    item = AgendaItemFactory(meeting=meeting_in(world, S.AGENDA_PUBLISHED), title="Before")
    copy = stale(item)
    Meeting.objects.filter(pk=item.meeting_id).update(state=S.HELD)
    with pytest.raises(services.MeetingError):
        services.agenda_item_update(
            item=copy, base_version=1, title="After", description="", presenter=None, minutes_allotted=5
        )
    with pytest.raises(services.MeetingError):
        services.agenda_item_delete(item=copy)
    item.refresh_from_db()
    assert item.title == "Before"


def test_a_decision_is_not_changed_once_the_minutes_were_approved_meanwhile(world, drafted):
    decision = Decision.objects.get()
    copy = stale(decision)
    Meeting.objects.filter(pk=drafted.pk).update(state=S.MINUTES_APPROVED)
    with pytest.raises(services.MeetingError):
        services.decision_save(
            item=copy.item, decision=copy, base_version=1, text="Changed", departments=[], due_date=None
        )
    with pytest.raises(services.MeetingError):
        services.decision_delete(decision=copy)
    decision.refresh_from_db()
    assert decision.text == "Train the liaisons"


@pytest.mark.parametrize(
    "change",
    [
        lambda p, u: services.proposal_accept(proposal=p, by=u),
        lambda p, u: services.proposal_decline(proposal=p, by=u, reason="Twice"),
    ],
)
def test_a_proposal_decided_meanwhile_is_not_decided_again(world, change):
    proposal = AgendaProposalFactory(meeting=meeting_in(world, S.DRAFT))
    copy = stale(proposal)
    services.proposal_decline(proposal=proposal, by=world.chair, reason="Not now")
    with pytest.raises(services.MeetingError, match="already been decided"):
        change(copy, world.chair)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decline_reason) == (AgendaProposal.State.DECLINED, "Not now")
    assert not copy.meeting.items.exists()


def test_an_action_item_closed_meanwhile_is_not_closed_again_nor_reported_on(world):
    action = ActionItemFactory(decision=DecisionFactory(item=AgendaItemFactory(meeting=meeting_in(world, S.HELD))))
    first, second, third = stale(action), stale(action), stale(action)
    services.action_item_close(action_item=first, by=world.chair)
    with pytest.raises(services.MeetingError, match="already closed"):
        services.action_item_close(action_item=second, by=world.admin)
    with pytest.raises(services.MeetingError, match="closed"):
        services.progress_post(action_item=third, author=world.liaison_a, text="More")
    action.refresh_from_db()
    assert (action.status, action.closed_by) == (ActionItem.Status.DONE, world.chair)
    assert not action.updates.exists()


def test_an_action_item_sent_back_meanwhile_is_not_sent_back_again(world):
    action = ActionItemFactory(
        decision=DecisionFactory(item=AgendaItemFactory(meeting=meeting_in(world, S.HELD))),
        status=ActionItem.Status.DONE_PROPOSED,
    )
    copy = stale(action)
    services.action_item_reopen(action_item=action, by=world.chair)
    with pytest.raises(services.MeetingError, match="sent back"):
        services.action_item_reopen(action_item=copy, by=world.chair)


def test_a_statement_approved_and_published_meanwhile_is_not_approved_edited_or_published_again(world):
    statement = Statement.objects.create(council=world.council, title="Draft", body="x")
    copies = [stale(statement) for _ in range(3)]
    services.statement_approve(statement=statement, by=world.chair)
    services.statement_publish(statement=statement, by=world.chair)
    published_at = Statement.objects.get().published_at
    with pytest.raises(services.MeetingError):
        services.statement_approve(statement=copies[0], by=world.admin)
    with pytest.raises(services.MeetingError):
        services.statement_save(
            statement=copies[1], base_version=1, title="Edited", body="y", meeting=None, decisions=[]
        )
    with pytest.raises(services.MeetingError):
        services.statement_publish(statement=copies[2], by=world.chair, at=timezone.now() + timedelta(days=1))
    statement.refresh_from_db()
    assert (statement.title, statement.approved_by, statement.published_at) == ("Draft", world.chair, published_at)

"""Every transition of DESIGN.md section 3, allowed and forbidden, through the services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings import services
from meetings.models import Meeting
from tests.factories import AgendaItemFactory, MeetingFactory

S = Meeting.State
ALLOWED = {
    (S.DRAFT, S.AGENDA_PUBLISHED),
    (S.DRAFT, S.CANCELLED),
    (S.AGENDA_PUBLISHED, S.HELD),
    (S.AGENDA_PUBLISHED, S.CANCELLED),
    (S.HELD, S.MINUTES_DRAFTED),
    (S.MINUTES_DRAFTED, S.MINUTES_APPROVED),
    (S.MINUTES_DRAFTED, S.HELD),
    (S.MINUTES_APPROVED, S.PUBLISHED),
}


def move(meeting, target, user):
    """Ask the service that makes this move."""
    return {
        S.AGENDA_PUBLISHED: lambda: services.meeting_publish_agenda(meeting=meeting, by=user),
        S.CANCELLED: lambda: services.meeting_cancel(meeting=meeting, by=user, reason="Clash with the election office"),
        S.HELD: lambda: (
            services.minutes_return(meeting=meeting, by=user)
            if meeting.state == S.MINUTES_DRAFTED
            else services.meeting_mark_held(meeting=meeting, by=user)
        ),
        S.MINUTES_DRAFTED: lambda: services.minutes_submit(meeting=meeting, by=user),
        S.MINUTES_APPROVED: lambda: services.minutes_approve(meeting=meeting, by=user),
        S.PUBLISHED: lambda: services.meeting_publish(meeting=meeting, by=user),
    }[target]()


@pytest.mark.parametrize("current", S.values)
@pytest.mark.parametrize("target", [s for s in S.values if s != S.DRAFT])
def test_the_transition_table(world, current, target):
    """Each move of DESIGN.md section 3 is made by its service from the states allowed, and refused from the others."""
    # A future meeting for publishing; a started one for marking as held.
    started = target == S.HELD and current == S.AGENDA_PUBLISHED
    when = timezone.now() + (timedelta(hours=-1) if started else timedelta(days=3))
    meeting = MeetingFactory(council=world.council, state=current, starts_at=when)
    AgendaItemFactory(meeting=meeting)
    if (current, target) in ALLOWED:
        move(meeting, target, world.chair)
        meeting.refresh_from_db()
        assert meeting.state == target
    else:
        with pytest.raises(services.MeetingError):
            move(meeting, target, world.chair)
        meeting.refresh_from_db()
        assert meeting.state == current


def test_a_meeting_is_not_marked_held_before_it_starts(world):
    meeting = MeetingFactory(council=world.council, state=S.AGENDA_PUBLISHED)
    with pytest.raises(services.MeetingError, match="has not started"):
        services.meeting_mark_held(meeting=meeting, by=world.secretary)


def test_an_agenda_is_not_published_empty_or_in_the_past(world):
    meeting = MeetingFactory(council=world.council)
    with pytest.raises(services.MeetingError, match="at least one agenda item"):
        services.meeting_publish_agenda(meeting=meeting, by=world.chair)
    AgendaItemFactory(meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=2))
    with pytest.raises(services.MeetingError, match="already passed"):
        services.meeting_publish_agenda(meeting=meeting, by=world.chair)


def test_cancelling_needs_a_reason(world):
    meeting = MeetingFactory(council=world.council)
    with pytest.raises(services.MeetingError, match="why"):
        services.meeting_cancel(meeting=meeting, by=world.chair, reason="  ")


def test_meetings_are_numbered_per_council_and_year_of_its_calendar(world):
    world.council.calendar, world.council.time_zone = "jalali", "Asia/Tehran"
    world.council.save()
    tehran = world.council.tzinfo
    from datetime import datetime

    last_of_1405 = datetime(2027, 3, 20, 20, 0, tzinfo=tehran)  # 29 Esfand 1405
    first_of_1406 = datetime(2027, 3, 21, 9, 0, tzinfo=tehran)  # 1 Farvardin 1406 (Nowruz)
    a = services.meeting_create(council=world.council, created_by=world.secretary, starts_at=last_of_1405, place="x")
    b = services.meeting_create(council=world.council, created_by=world.secretary, starts_at=last_of_1405, place="x")
    c = services.meeting_create(council=world.council, created_by=world.secretary, starts_at=first_of_1406, place="x")
    other = services.meeting_create(
        council=world.other_council, created_by=world.admin, starts_at=last_of_1405, place="x"
    )
    assert [(a.year, a.number), (b.year, b.number), (c.year, c.number)] == [(1405, 1), (1405, 2), (1406, 1)]
    assert (other.year, other.number) == (2027, 1)  # the other council keeps the Gregorian calendar

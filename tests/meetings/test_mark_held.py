"""Mark as held before the start: the button says from when it is available, and the service still refuses."""

from datetime import UTC, datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from tests.factories import MeetingFactory


def detail(meeting):
    return reverse("meetings:meeting-detail", args=[meeting.council.slug, meeting.pk])


def test_before_the_start_the_button_says_when_it_becomes_available(world, login):
    world.council.language, world.council.calendar, world.council.time_zone = "fa", "jalali", "Asia/Tehran"
    world.council.save()
    world.secretary.language = "fa"
    world.secretary.save()
    meeting = MeetingFactory(
        council=world.council, state=Meeting.State.AGENDA_PUBLISHED, starts_at=datetime(2099, 3, 21, 6, 0, tzinfo=UTC)
    )
    page = login(world.secretary).get(detail(meeting)).content.decode()
    assert reverse("meetings:meeting-held", args=[world.council.slug, meeting.pk]) not in page
    assert 'disabled aria-describedby="mark-held-from"' in page
    # 21 March 2099, 06:00 UTC is 2 Farvardin 1478, 09:30 in Tehran, in Persian digits
    assert "از ۲ فروردین ۱۴۷۸، ۰۹:۳۰ در دسترس است" in page


def test_once_started_the_button_works_and_readers_see_neither(world, login):
    meeting = MeetingFactory(
        council=world.council,
        state=Meeting.State.AGENDA_PUBLISHED,
        starts_at=timezone.now() - timedelta(minutes=5),
    )
    page = login(world.secretary).get(detail(meeting)).content.decode()
    assert reverse("meetings:meeting-held", args=[world.council.slug, meeting.pk]) in page
    assert "mark-held-from" not in page
    member_page = login(world.member).get(detail(meeting)).content.decode()
    assert "Mark as held" not in member_page


def test_an_early_call_is_refused_with_a_translated_message(world, login):
    world.secretary.language = "sq"
    world.secretary.save()
    meeting = MeetingFactory(council=world.council, state=Meeting.State.AGENDA_PUBLISHED)
    client = login(world.secretary)
    response = client.post(reverse("meetings:meeting-held", args=[world.council.slug, meeting.pk]), follow=True)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.AGENDA_PUBLISHED
    message = str(next(iter(response.context["messages"])))
    assert message != "The meeting has not started yet; it can be marked as held once it has begun."
    assert "Mbledhja" in message or "mbledhja" in message

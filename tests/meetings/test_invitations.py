"""Invitations with .ics, updates and cancellations (same UID, higher SEQUENCE), replies, failed mail."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from council import tasks as council_tasks
from meetings import services, tasks
from meetings.models import Attendance, Meeting
from tests.factories import AgendaItemFactory, MeetingFactory


@pytest.fixture
def published(world, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(council=world.council, title="Information work")
    AgendaItemFactory(meeting=meeting, title="State of public information")
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish_agenda(meeting=meeting, by=world.chair)
    meeting.refresh_from_db()
    return meeting


def reply_token(page: str) -> str:
    return page.split('href="/rsvp/', 1)[1].split("/", 1)[0]


def event_of(message):
    ics = next(a for a in message.attachments if a[0] == "meeting.ics")[1]
    calendar = Calendar.from_ical(ics)
    return calendar, next(iter(calendar.walk("VEVENT")))


def test_publishing_invites_every_member_with_an_ics(world, published):
    members = world.council.memberships.count()
    assert len(mail.outbox) == members == published.attendances.count()
    message = next(m for m in mail.outbox if m.to == [world.liaison_a.email])
    calendar, event = event_of(message)
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]) == f"{published.uid}@hamahang"
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == published.starts_at.replace(microsecond=0)
    assert "State of public information" in str(event["DESCRIPTION"])
    assert "/rsvp/" in message.body
    assert set(published.attendances.values_list("mail_status", flat=True)) == {"sent"}


def test_rescheduling_sends_an_update_with_the_same_uid_and_a_higher_sequence(
    world, published, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_reschedule(
            meeting=published,
            base_version=published.version,
            title=published.title,
            starts_at=published.starts_at + timedelta(days=1),
            duration_minutes=published.duration_minutes,
            place="New hall",
            stream_url="",
        )
    _calendar, event = event_of(mail.outbox[0])
    assert str(event["UID"]) == f"{published.uid}@hamahang"
    assert int(event["SEQUENCE"]) == 1
    assert str(event["LOCATION"]) == "New hall"
    assert mail.outbox[0].subject.startswith("Changed:")


def test_cancelling_sends_a_cancel_with_the_reason(world, published, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=published, by=world.chair, reason="The governor's visit")
    calendar, event = event_of(mail.outbox[0])
    assert (calendar["METHOD"], event["STATUS"], int(event["SEQUENCE"])) == ("CANCEL", "CANCELLED", 1)
    assert "The governor's visit" in mail.outbox[0].body


def test_invitations_are_in_each_recipients_language_with_the_councils_calendar(
    world, django_capture_on_commit_callbacks
):
    world.council.language, world.council.calendar, world.council.time_zone = "fa", "jalali", "Asia/Tehran"
    world.council.save()
    world.secretary.language = "sq"
    world.secretary.save()
    meeting = MeetingFactory(council=world.council)
    AgendaItemFactory(meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish_agenda(meeting=meeting, by=world.chair)
    persian = next(m for m in mail.outbox if m.to == [world.chair.email])
    albanian = next(m for m in mail.outbox if m.to == [world.secretary.email])
    assert 'dir="rtl"' in persian.alternatives[0][0] and "۱۴۰" in persian.body  # Jalali year, Persian digits
    assert 'lang="sq"' in albanian.alternatives[0][0]


def rsvp_url(attendance):
    return reverse("rsvp", args=[services.rsvp_token(attendance)])


def test_a_member_replies_through_the_link_without_signing_in(client, world, published):
    attendance = published.attendances.get(membership__user=world.liaison_a)
    response = client.post(rsvp_url(attendance), {"reply": "delegate", "delegate": "Deputy Karimi"})
    assert response.status_code == 302
    attendance.refresh_from_db()
    assert (attendance.reply, attendance.reply_delegate) == ("delegate", "Deputy Karimi")


def test_a_delegate_reply_needs_the_name_and_keeps_the_choice(client, world, published):
    attendance = published.attendances.get(membership__user=world.liaison_a)
    response = client.post(rsvp_url(attendance), {"reply": "delegate", "delegate": ""})
    assert response.status_code == 200
    assert "Give the name of the person you are sending." in response.content.decode()
    chosen = re.search(r'<input[^>]*value="delegate"[^>]*>', response.content.decode()).group(0)
    assert "checked" in chosen  # the choice is kept


def test_a_reply_link_reused_after_the_meeting_is_refused(client, world, published):
    attendance = published.attendances.get(membership__user=world.liaison_a)
    Meeting.objects.filter(pk=published.pk).update(state="held", starts_at=timezone.now() - timedelta(hours=2))
    response = client.post(rsvp_url(attendance), {"reply": "attending"})
    assert response.status_code == 410
    assert "no longer open for replies" in response.content.decode()
    attendance.refresh_from_db()
    assert attendance.reply == ""


def test_a_failed_email_is_recorded_for_the_secretary_and_retried(client, world, published, monkeypatch):
    Attendance.objects.filter(meeting=published).update(mail_status="")
    target = world.liaison_b.email
    real_send = council_tasks.EmailMultiAlternatives.send

    def flaky_send(message, *args, **kwargs):
        if message.to == [target]:
            raise ConnectionRefusedError("SMTP server refused")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(council_tasks.EmailMultiAlternatives, "send", flaky_send)
    mail.outbox.clear()
    with pytest.raises(RuntimeError, match="1 meeting e-mail"):  # so django-q2 hands the task out again
        tasks.send_meeting_mail(published.pk, "invitation")
    failed = published.attendances.get(membership__user=world.liaison_b)
    assert (failed.mail_status, failed.mail_attempts) == ("failed", 2)
    assert "SMTP server refused" in failed.mail_error
    client.force_login(world.secretary)
    assert (
        "SMTP server refused"
        in client.get(reverse("meetings:meeting-detail", args=[world.council.slug, published.pk])).content.decode()
    )

    monkeypatch.setattr(council_tasks.EmailMultiAlternatives, "send", real_send)
    mail.outbox.clear()
    tasks.send_meeting_mail(published.pk, "invitation")  # the retry mails only the one that failed
    assert [m.to for m in mail.outbox] == [[target]]
    failed.refresh_from_db()
    assert failed.mail_status == "sent"


def test_the_reminder_goes_out_the_day_before(world, published):
    mail.outbox.clear()
    assert tasks.send_meeting_reminders() == 0  # a week away
    Meeting.objects.filter(pk=published.pk).update(starts_at=timezone.now() + timedelta(hours=20))
    assert tasks.send_meeting_reminders() == 1
    assert len(mail.outbox) == world.council.memberships.count()
    assert mail.outbox[0].subject.startswith("Reminder:")


def test_the_meeting_page_asks_for_your_reply_only_while_the_agenda_is_published(client, world, published):
    attendance = published.attendances.get(membership__user=world.liaison_a)
    url = reverse("meetings:meeting-detail", args=[world.council.slug, published.pk])
    client.force_login(world.liaison_a)
    # the link's signature carries the second it was made: compare what the page made with what it signs
    assert services.attendance_from_token(reply_token(client.get(url).content.decode())) == attendance
    published.state = Meeting.State.HELD
    published.save(update_fields=["state"])  # a save, as the app's writes are: the cached page is dropped
    assert "/rsvp/" not in client.get(url).content.decode()


def test_home_asks_each_member_for_their_own_reply_until_they_give_it_or_the_meeting_starts(
    client, world, published, monkeypatch
):
    banner = "You have not replied to the invitation"
    client.force_login(world.liaison_a)
    assert banner in client.get("/").content.decode()
    attendance = published.attendances.get(membership__user=world.liaison_a)
    response = client.post(rsvp_url(attendance), {"reply": Attendance.Reply.ATTENDING, "delegate": ""})
    assert response.status_code == 302
    assert banner not in client.get("/").content.decode()

    client.force_login(world.liaison_b)  # the same council's cached invitations are not hers
    assert banner in client.get("/").content.decode()
    later = published.starts_at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)  # no write, only the clock
    assert banner not in client.get("/").content.decode()


def test_a_reply_link_shows_nothing_once_the_meeting_has_started(client, world, published):
    attendance = published.attendances.get(membership__user=world.liaison_a)
    assert client.get(rsvp_url(attendance)).status_code == 200
    Meeting.objects.filter(pk=published.pk).update(starts_at=timezone.now() - timedelta(minutes=1))
    response = client.get(rsvp_url(attendance))
    assert response.status_code == 410
    assert published.title not in response.content.decode()


def test_sending_the_invitations_again_revokes_the_earlier_links(client, world, published):
    attendance = published.attendances.get(membership__user=world.liaison_a)
    old_link = rsvp_url(attendance)
    Attendance.objects.filter(pk=attendance.pk).update(mail_status=Attendance.Mail.FAILED)
    assert services.invitations_resend_failed(meeting=published) == 1
    attendance.refresh_from_db()
    assert client.get(old_link).status_code == 404
    assert client.post(old_link, {"reply": "attending"}).status_code == 404
    assert client.get(rsvp_url(attendance)).status_code == 200  # the new e-mail's link works
    untouched = published.attendances.get(membership__user=world.liaison_b)
    assert client.get(rsvp_url(untouched)).status_code == 200  # whose e-mail went out keeps their link


def test_a_link_from_before_token_versions_still_works_until_revoked(client, world, published):
    from django.core import signing

    attendance = published.attendances.get(membership__user=world.liaison_a)
    legacy = signing.dumps(attendance.pk, salt=services.RSVP_SALT)
    assert client.get(reverse("rsvp", args=[legacy])).status_code == 200

"""iCalendar (.ics) for meeting invitations: the same UID for a meeting's whole life, SEQUENCE raised on each change."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from meetings.models import Meeting


def _calendar(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Hamahang//Council meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    return calendar


def meeting_calendar(meeting: Meeting, *, attendee_email: str = "") -> bytes:
    """One meeting, as an invitation (REQUEST) or its cancellation (CANCEL)."""
    cancelled = meeting.state == Meeting.State.CANCELLED
    calendar = _calendar("CANCEL" if cancelled else "REQUEST")
    event = _event(meeting)
    if attendee_email:
        event.add("attendee", f"mailto:{attendee_email}", parameters={"ROLE": "REQ-PARTICIPANT", "RSVP": "TRUE"})
    calendar.add_component(event)
    return calendar.to_ical()


def public_calendar(meetings) -> bytes:
    """A subscribable feed of upcoming public meetings."""
    calendar = _calendar("PUBLISH")
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    return calendar.to_ical()


def _event(meeting: Meeting) -> Event:
    cancelled = meeting.state == Meeting.State.CANCELLED
    event = Event()
    event.add("uid", f"{meeting.uid}@hamahang")
    event.add("sequence", meeting.ical_sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", f"{meeting.council.name} — {meeting.title or meeting.number}")
    event.add("location", meeting.place)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    agenda = "\n".join(f"{n}. {item.title}" for n, item in enumerate(meeting.items.all(), start=1))
    event.add("description", agenda)
    if meeting.stream_url:
        event.add("url", meeting.stream_url)
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    organizer.params["cn"] = vText(meeting.council.name)
    event.add("organizer", organizer)
    return event

"""iCalendar (.ics) for meeting invitations: the same UID for a meeting's whole life, SEQUENCE raised on each change."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from meetings.models import Meeting


def meeting_calendar(meeting: Meeting, *, attendee_email: str = "") -> bytes:
    cancelled = meeting.state == Meeting.State.CANCELLED
    calendar = Calendar()
    calendar.add("prodid", "-//Hamahang//Council meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
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
    if attendee_email:
        event.add("attendee", f"mailto:{attendee_email}", parameters={"ROLE": "REQ-PARTICIPANT", "RSVP": "TRUE"})
    calendar.add_component(event)
    return calendar.to_ical()

"""Meeting e-mails and reminders, run by django-q2. Each takes ids and loads what it needs."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from council.models import Role
from council.selectors import language_for_recipient
from council.tasks import send_templated_mail
from meetings import ical
from meetings.models import ActionItem, Attendance, Meeting
from meetings.selectors import action_items_of
from meetings.services import rsvp_token


def send_meeting_mail(meeting_id: int, kind: str) -> None:
    """E-mail the invited members: an invitation, an update, a cancellation or a reminder, with the .ics.

    Each outcome is recorded on the attendance, where the secretary sees it. If any
    fails, the task raises, so django-q2 hands it out again later (up to Q_MAX_ATTEMPTS);
    the retry skips those already mailed.
    """
    meeting = Meeting.objects.select_related("council").get(pk=meeting_id)
    attendances = meeting.attendances.select_related("membership__user")
    tracked = kind != "reminder"
    if tracked:
        attendances = attendances.exclude(mail_status=Attendance.Mail.SENT)
    items = list(meeting.items.all())
    failures = 0
    for attendance in attendances:
        user = attendance.membership.user
        if not user.email:
            continue
        try:
            send_templated_mail(
                to=user.email,
                template="meeting_mail",
                context={
                    "meeting": meeting,
                    "council": meeting.council,
                    "user": user,
                    "kind": kind,
                    "items": items,
                    "rsvp_link": settings.SITE_URL + reverse("rsvp", args=[rsvp_token(attendance)]),
                },
                language=language_for_recipient(user),
                attachment=("meeting.ics", ical.meeting_calendar(meeting, attendee_email=user.email), "text/calendar"),
            )
        except Exception as error:  # recorded for the secretary, then retried by the queue
            failures += 1
            attendance.mail_status, attendance.mail_error = Attendance.Mail.FAILED, str(error)[:300]
        else:
            attendance.mail_status, attendance.mail_error = Attendance.Mail.SENT, ""
        if tracked:
            attendance.mail_attempts += 1
            attendance.save(update_fields=["mail_status", "mail_error", "mail_attempts"])
    if failures:
        raise RuntimeError(f"{failures} meeting e-mail(s) failed for meeting {meeting_id}")


def send_meeting_reminders() -> int:
    """Daily: remind everyone invited to a meeting that starts within the next day."""
    now = timezone.now()
    meetings = Meeting.objects.filter(
        state=Meeting.State.AGENDA_PUBLISHED, starts_at__gt=now, starts_at__lte=now + timedelta(days=1)
    )
    for meeting in meetings:
        send_meeting_mail(meeting.pk, "reminder")
    return len(meetings)


def send_liaison_digests() -> int:
    """Weekly: each liaison gets their department's open and overdue action items."""
    from council.models import Membership

    sent = 0
    liaisons = Membership.objects.filter(role=Role.LIAISON).select_related("user", "council", "department")
    for membership in liaisons:
        items = list(
            action_items_of(membership.council).filter(
                department=membership.department, status__in=ActionItem.OPEN_STATUSES
            )
        )
        if not items or not membership.user.email:
            continue
        today = membership.council.today()
        send_templated_mail(
            to=membership.user.email,
            template="liaison_digest",
            context={
                "membership": membership,
                "council": membership.council,
                "items": items,
                "overdue": [item for item in items if item.is_overdue(today)],
                "link": settings.SITE_URL + reverse("meetings:action-list", args=[membership.council.slug]),
            },
            language=language_for_recipient(membership.user),
        )
        sent += 1
    return sent

"""Meeting e-mails and reminders, run by django-q2. Each takes ids and loads what it needs."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from council.models import Role
from council.selectors import language_for_recipient
from council.tasks import send_templated_mail
from meetings import ical
from meetings.models import ActionItem, Attendance, Meeting, Notification
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


def send_notification(notification_id: int) -> None:
    """E-mail one person that something waits for them, in their language, with the link to it.

    Sent at most once: a notification already sent is skipped (a retry, a task handed out twice). A failure is
    recorded on the row and raised, so django-q2 hands the task out again later (up to Q_MAX_ATTEMPTS).
    """
    notification = Notification.objects.select_related(
        "recipient", "council", "meeting", "department", "action_item__decision__item__meeting", "progress__author"
    ).get(pk=notification_id)
    user = notification.recipient
    if notification.sent_at is not None or not user.email:
        return
    council = notification.council
    context = {"notification": notification, "council": council, "user": user, "meeting": notification.meeting}
    kind = notification.kind
    if kind == Notification.Kind.MINUTES_TO_APPROVE:
        link = reverse("meetings:meeting-detail", args=[council.slug, notification.meeting_id]) + "#minutes"
    elif kind == Notification.Kind.NEW_ACTION_ITEMS:
        context["department"] = notification.department
        context["items"] = [
            (action, settings.SITE_URL + reverse("meetings:action-detail", args=[council.slug, action.pk]))
            for action in ActionItem.objects.filter(
                decision__item__meeting=notification.meeting_id, department=notification.department_id
            )
            .select_related("decision")
            .order_by("decision__number", "pk")
        ]
        link = reverse("meetings:action-list", args=[council.slug])
    else:
        context["action"], context["progress"] = notification.action_item, notification.progress
        context["meeting"] = notification.action_item.decision.item.meeting
        link = reverse("meetings:action-detail", args=[council.slug, notification.action_item_id])
    context["link"] = settings.SITE_URL + link
    notification.attempts += 1
    try:
        send_templated_mail(
            to=user.email, template=f"notice_{kind}", context=context, language=language_for_recipient(user)
        )
    except Exception as error:  # recorded, then retried by the queue
        notification.error = str(error)[:300]
        notification.save(update_fields=["attempts", "error"])
        raise
    notification.sent_at, notification.error = timezone.now(), ""
    notification.save(update_fields=["sent_at", "attempts", "error"])

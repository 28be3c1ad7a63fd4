"""Background tasks of the public side: thin entry points run by django-q2."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from council.models import Role
from council.selectors import language_for_recipient
from council.tasks import send_templated_mail
from portal.models import DocumentRequest, RequestEvent
from portal.services import legal_profile


def send_request_reminders() -> int:
    """Daily: whoever handles an open document request (else the secretariat) hears of it 2 days before its deadline."""
    sent = 0
    due = (
        DocumentRequest.objects.filter(
            status__in=[DocumentRequest.Status.RECEIVED, DocumentRequest.Status.ASSIGNED],
            deadline__lte=timezone.localdate() + timedelta(days=2),
        )
        .exclude(reminded_on=timezone.localdate())
        .select_related("council", "assigned_to")
    )
    for request in due:
        people = (
            [request.assigned_to]
            if request.assigned_to
            else [
                m.user
                for m in request.council.memberships.filter(role__in=[Role.SECRETARY, Role.CHAIR]).select_related(
                    "user"
                )
            ]
        )
        for person in people:
            if person.email:
                send_templated_mail(
                    to=person.email,
                    template="request_reminder",
                    context={
                        "request": request,
                        "council": request.council,
                        "link": settings.SITE_URL
                        + reverse("portal:request-detail", args=[request.council.slug, request.pk]),
                    },
                    language=language_for_recipient(person),
                )
                sent += 1
        request.reminded_on = timezone.localdate()
        request.save(update_fields=["reminded_on"])
    return sent


def send_request_update(event_id: int) -> bool:
    """E-mail the requester one step of their request, in the language they wrote in, with its tracking link; at
    most once (a retry finds it sent)."""
    event = RequestEvent.objects.select_related("request__council").get(pk=event_id)
    request = event.request
    if event.mailed_at:
        return False
    council = request.council
    link = settings.SITE_URL + reverse("portal:request-track", args=[council.slug]) + f"?code={request.tracking_code}"
    send_templated_mail(
        to=request.contact,
        template="request_update",
        context={
            "request": request,
            "event": event,
            "council": council,
            "link": link,
            "profile": legal_profile(council),
        },
        language=request.language or council.language,
    )
    RequestEvent.objects.filter(pk=event.pk).update(mailed_at=timezone.now())
    return True

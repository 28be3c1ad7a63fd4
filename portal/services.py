"""State changes of citizens' document requests. Views call these; nothing else writes."""

import secrets
from datetime import timedelta

from django.utils import timezone

from council.models import Council, User
from portal.models import DocumentRequest


def _tracking_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
    while True:
        code = "".join(secrets.choice(alphabet) for _ in range(10))
        if not DocumentRequest.objects.filter(tracking_code=code).exists():
            return code


def request_create(*, council: Council, name: str, contact: str, text: str) -> DocumentRequest:
    today = council.today()
    return DocumentRequest.objects.create(
        council=council,
        tracking_code=_tracking_code(),
        name=name,
        contact=contact,
        text=text,
        deadline=today + timedelta(days=council.request_deadline_days),
    )


class RequestClosed(Exception):
    """The request has already been answered or refused."""


def _ensure_open(request: DocumentRequest) -> None:
    if not request.is_open:
        raise RequestClosed


def request_assign(*, request: DocumentRequest, to: User) -> None:
    _ensure_open(request)
    request.assigned_to, request.status = to, DocumentRequest.Status.ASSIGNED
    request.save(update_fields=["assigned_to", "status"])


def request_answer(*, request: DocumentRequest, answer: str, file=None) -> None:
    _ensure_open(request)
    request.answer, request.status, request.closed_at = answer, DocumentRequest.Status.ANSWERED, timezone.now()
    if file:
        request.answer_file = file
    request.save()


def request_refuse(*, request: DocumentRequest, reason: str) -> None:
    _ensure_open(request)
    request.refusal_reason, request.status, request.closed_at = reason, DocumentRequest.Status.REFUSED, timezone.now()
    request.save(update_fields=["refusal_reason", "status", "closed_at"])

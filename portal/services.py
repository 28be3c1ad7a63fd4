"""State changes of citizens' document requests, under their council's legal profile. Views call these; nothing
else writes. Each step is atomic, checked against the request as it is now (locked), and recorded as a
RequestEvent with its article; the requester is e-mailed the steps they are told of."""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from acts.models import LegalProfile
from council.models import Council, User
from portal.models import DocumentRequest, RequestEvent

TOLD = {
    RequestEvent.Kind.REGISTERED,
    RequestEvent.Kind.EXTENDED,
    RequestEvent.Kind.TRANSFERRED,
    RequestEvent.Kind.ANSWERED,
    RequestEvent.Kind.REFUSED,
}


class RequestError(Exception):
    """A step the request's state or the council's law does not allow; the message is for the user."""


class RequestClosed(RequestError):
    """The request has already been answered, refused or transferred."""


def legal_profile(council: Council) -> LegalProfile:
    """The council's law for requests; a council without one (never saved here: GET pages read this) answers within
    10 calendar days."""
    return LegalProfile.objects.filter(council=council).first() or LegalProfile(council=council)


def _tracking_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
    while True:
        code = "".join(secrets.choice(alphabet) for _ in range(10))
        if not DocumentRequest.objects.filter(tracking_code=code).exists():
            return code


def can_be_mailed(contact: str) -> bool:
    try:
        validate_email(contact)
    except ValidationError:
        return False
    return True


def _record(request: DocumentRequest, kind: str, *, by=None, article="", note="") -> RequestEvent:
    event = RequestEvent.objects.create(
        request=request, kind=kind, by=by, article=article, note=note, deadline=request.deadline
    )
    if kind in TOLD and can_be_mailed(request.contact):
        transaction.on_commit(lambda: async_task("portal.tasks.send_request_update", event.pk))
    return event


def _cite(profile: LegalProfile, article: str) -> str:
    return ", ".join(part for part in (profile.law, article) if part)


@transaction.atomic
def request_create(
    *, council: Council, name: str, contact: str, text: str, urgent=False, language=""
) -> DocumentRequest:
    """Register a request: its deadline runs from today under the council's law (an urgent one, where the law has an
    urgent route, within its hours)."""
    profile = legal_profile(council)
    today = council.today()
    urgent = urgent and profile.urgent_hours > 0
    if urgent:
        deadline = (timezone.now() + timedelta(hours=profile.urgent_hours)).astimezone(council.tzinfo).date()
    else:
        deadline = profile.deadline(today, profile.days_to_decide)
    request = DocumentRequest.objects.create(
        council=council,
        tracking_code=_tracking_code(),
        name=name,
        contact=contact,
        text=text,
        urgent=urgent,
        language=language,
        deadline=deadline,
    )
    _record(
        request,
        RequestEvent.Kind.REGISTERED,
        article=_cite(profile, profile.article_urgent if urgent else profile.article_decision),
    )
    return request


def _locked_open(request: DocumentRequest) -> DocumentRequest:
    request.refresh_from_db(from_queryset=DocumentRequest.objects.select_for_update())
    if not request.is_open:
        raise RequestClosed(_("This request has already been answered, refused or transferred."))
    return request


@transaction.atomic
def request_assign(*, request: DocumentRequest, to: User, by=None) -> None:
    _locked_open(request)
    request.assigned_to, request.status = to, DocumentRequest.Status.ASSIGNED
    request.save(update_fields=["assigned_to", "status"])
    _record(request, RequestEvent.Kind.ASSIGNED, by=by, note=to.display_name)


@transaction.atomic
def request_extend(*, request: DocumentRequest, days: int, reason: str, by=None) -> None:
    """The law's one extension, with the reasons the requester is told."""
    _locked_open(request)
    profile = legal_profile(request.council)
    if not profile.extension_days:
        raise RequestError(_("The council's law allows no extension."))
    if request.extended:
        raise RequestError(_("The deadline has already been extended once."))
    if not 1 <= days <= profile.extension_days:
        raise RequestError(
            _("The law allows an extension of at most %(days)s days.") % {"days": profile.extension_days}
        )
    request.deadline, request.extended = profile.deadline(request.deadline, days), True
    request.save(update_fields=["deadline", "extended"])
    _record(request, RequestEvent.Kind.EXTENDED, by=by, article=_cite(profile, profile.article_extension), note=reason)


@transaction.atomic
def request_transfer(*, request: DocumentRequest, to: str, note="", by=None) -> None:
    """The documents are held by another institution: the request goes there, and the requester is told."""
    _locked_open(request)
    profile = legal_profile(request.council)
    if not profile.transfer_working_days:
        raise RequestError(_("The council's law has no transfer of requests."))
    request.status, request.transferred_to, request.closed_at = (
        DocumentRequest.Status.TRANSFERRED,
        to,
        timezone.now(),
    )
    request.save(update_fields=["status", "transferred_to", "closed_at"])
    _record(request, RequestEvent.Kind.TRANSFERRED, by=by, article=_cite(profile, profile.article_transfer), note=note)


@transaction.atomic
def request_answer(*, request: DocumentRequest, answer: str, outcome=DocumentRequest.Outcome.FULL, file=None, by=None):
    _locked_open(request)
    request.answer, request.outcome = answer, outcome
    request.status, request.closed_at = DocumentRequest.Status.ANSWERED, timezone.now()
    if file:
        request.answer_file = file
    request.save()
    profile = legal_profile(request.council)
    _record(request, RequestEvent.Kind.ANSWERED, by=by, article=_cite(profile, profile.article_decision))


@transaction.atomic
def request_refuse(*, request: DocumentRequest, reason: str, ground=DocumentRequest.Ground.OTHER, by=None) -> None:
    _locked_open(request)
    request.refusal_reason, request.refusal_ground = reason, ground
    request.status, request.closed_at = DocumentRequest.Status.REFUSED, timezone.now()
    request.save(update_fields=["refusal_reason", "refusal_ground", "status", "closed_at"])
    profile = legal_profile(request.council)
    _record(request, RequestEvent.Kind.REFUSED, by=by, article=_cite(profile, profile.article_refusal))


@transaction.atomic
def request_appeal(*, request: DocumentRequest, on, by=None) -> None:
    """The office records that the requester appealed a refusal (or the silence the law counts as one)."""
    request.refresh_from_db(from_queryset=DocumentRequest.objects.select_for_update())
    profile = legal_profile(request.council)
    silent = profile.silence_is_refusal and request.is_overdue(request.council.today())
    if request.status != DocumentRequest.Status.REFUSED and not silent:
        raise RequestError(_("Only a refusal, or a request left unanswered past its deadline, is appealed."))
    if request.appealed_on:
        raise RequestError(_("This request's appeal is already recorded."))
    request.appealed_on = on
    request.save(update_fields=["appealed_on"])
    _record(
        request,
        RequestEvent.Kind.APPEALED,
        by=by,
        article=_cite(profile, profile.article_appeal),
        note=profile.appeal_body,
    )

"""The audit log: sign-ins, failed sign-ins, two-factor changes, role changes and invitations.

Receivers of Django's, allauth's and the council models' signals write one `AuditEvent` each, with the
address (`helpers.traffic.client_ip`) and browser of the request that caused it. Model signals carry no request:
it is the one django-simple-history's middleware keeps for the duration of each request. A background job has
no request: while one runs, `BackgroundJob` stands in for it, so what the job writes names the automatic account.
"""

from datetime import timedelta

from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.functional import cached_property
from django_q.signals import post_execute_in_worker, pre_execute
from simple_history.models import HistoricalRecords

from council.models import AuditEvent, Invitation, Membership, User
from helpers.traffic import client_ip

Kind = AuditEvent.Kind


def current_request():
    return getattr(HistoricalRecords.context, "request", None)


def record(kind: str, *, request=None, user=None, actor=None, login: str = "", detail: str = "") -> AuditEvent:
    """Write one event; `actor` defaults to the signed-in person of the request (if any)."""
    request = request or current_request()
    if actor is None and request is not None and getattr(request, "user", None) and request.user.is_authenticated:
        actor = request.user
    return AuditEvent.objects.create(
        kind=kind,
        user=user,
        actor=actor,
        login=login[:150],
        detail=detail[:300],
        ip=client_ip(request) if request is not None and request.META else None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else "",
    )


class BackgroundJob:
    """What a background job acts in, in place of a request: its history rows and audit events name the automatic
    account, which is read (and created the first time) only when something is written."""

    META = {}

    @cached_property
    def user(self) -> User:
        return User.automatic()


_outer_requests = []  # a task run synchronously (tests, `sync` mode) runs inside a request: restored after it


def _job_started(sender, **kwargs):
    _outer_requests.append(current_request())
    HistoricalRecords.context.request = BackgroundJob()


def _job_ended(sender, **kwargs):
    HistoricalRecords.context.request = _outer_requests.pop()


def signed_in_from(user, ip: str) -> bool:
    """Has this account ever signed in from this address (within the log's retention)?"""
    return AuditEvent.objects.filter(user=user, kind=Kind.SIGNED_IN, ip=ip).exists()


def purge_old_events() -> int:
    cutoff = timezone.now() - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    deleted, _per_model = AuditEvent.objects.filter(at__lt=cutoff).delete()
    return deleted


def _signed_in(sender, request, user, **kwargs):
    record(Kind.SIGNED_IN, request=request, user=user, actor=user)


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    login = credentials.get("email") or credentials.get("username") or ""
    record(Kind.SIGN_IN_FAILED, request=request, login=str(login), detail="password")


def _two_factor_failed(sender, request, user, authenticator, **kwargs):
    record(Kind.SIGN_IN_FAILED, request=request, user=user, login=user.get_username(), detail="two-factor code")


def _authenticator_event(kind):
    def receiver(sender, request, user, authenticator, **kwargs):
        record(kind, request=request, user=user, actor=user, detail=authenticator.type)

    return receiver


def _membership_saved(sender, instance, created, raw=False, **kwargs):
    if raw:  # loading fixtures
        return
    kind = Kind.MEMBERSHIP_CREATED if created else Kind.MEMBERSHIP_CHANGED
    record(kind, user=instance.user, detail=_membership_detail(instance))


def _membership_deleted(sender, instance, **kwargs):
    record(Kind.MEMBERSHIP_DELETED, user=instance.user, detail=_membership_detail(instance))


def _membership_detail(membership) -> str:
    department = f" ({membership.department.short_name})" if membership.department_id else ""
    return f"{membership.council.name}: {membership.role}{department}"


def _invitation_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record(Kind.INVITATION_SENT, user=instance.user, actor=instance.invited_by, detail=instance.user.email)


def connect() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="hamahang-audit-signed-in")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="hamahang-audit-sign-in-failed")
    mfa_signals.authentication_failed.connect(_two_factor_failed, dispatch_uid="hamahang-audit-mfa-failed")
    for signal, kind in (
        (mfa_signals.authenticator_added, Kind.TWO_FACTOR_ADDED),
        (mfa_signals.authenticator_removed, Kind.TWO_FACTOR_REMOVED),
        (mfa_signals.authenticator_reset, Kind.RECOVERY_CODES_RESET),
    ):
        signal.connect(_authenticator_event(kind), sender=Authenticator, weak=False, dispatch_uid=f"audit-{kind}")
    post_save.connect(_membership_saved, sender=Membership, dispatch_uid="hamahang-audit-membership-saved")
    post_delete.connect(_membership_deleted, sender=Membership, dispatch_uid="hamahang-audit-membership-deleted")
    post_save.connect(_invitation_saved, sender=Invitation, dispatch_uid="hamahang-audit-invitation-saved")
    pre_execute.connect(_job_started, dispatch_uid="hamahang-audit-job-started")
    post_execute_in_worker.connect(_job_ended, dispatch_uid="hamahang-audit-job-ended")

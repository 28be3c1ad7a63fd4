"""The audit log: what is recorded, who sees it, and how long it is kept."""

from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import timezone

from council import services, tasks
from council.models import AuditEvent, Membership, Role
from tests.conftest import PASSWORD

Kind = AuditEvent.Kind
BROWSER = "Mozilla/5.0 (test)"


def kinds():
    return list(AuditEvent.objects.order_by("pk").values_list("kind", flat=True))


def test_a_sign_in_and_a_failed_one_are_recorded_with_the_address_and_browser(client, world, settings):
    settings.HAMAHANG_TRUSTED_PROXIES = 1
    AuditEvent.objects.all().delete()
    headers = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.5", "HTTP_USER_AGENT": BROWSER}
    client.post("/accounts/login/", {"login": "chair", "password": "wrong"}, **headers)
    client.post("/accounts/login/", {"login": world.chair.email, "password": PASSWORD}, **headers)
    failed, signed_in = AuditEvent.objects.order_by("pk")
    assert (failed.kind, failed.login, failed.user, failed.ip) == (Kind.SIGN_IN_FAILED, "chair", None, "203.0.113.5")
    assert (signed_in.kind, signed_in.user, signed_in.ip, signed_in.user_agent) == (
        Kind.SIGNED_IN,
        world.chair,
        "203.0.113.5",
        BROWSER,
    )


def test_role_changes_and_invitations_are_recorded_with_who_did_them(world, django_capture_on_commit_callbacks):
    AuditEvent.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.member_add(
            added_by=world.admin,
            council=world.council,
            email="new@example.org",
            first_name="New",
            last_name="Person",
            role=Role.MEMBER,
        )
    assert kinds() == [Kind.MEMBERSHIP_CREATED, Kind.INVITATION_SENT]
    assert AuditEvent.objects.get(kind=Kind.INVITATION_SENT).actor == world.admin
    invitation = membership.user.invitations.get()
    services.invitation_accept(invitation=invitation, password="a-long-new-passphrase")
    membership.role = Role.SECRETARY
    membership.save()
    Membership.objects.get(pk=membership.pk).delete()
    assert kinds()[2:] == [Kind.INVITATION_ACCEPTED, Kind.MEMBERSHIP_CHANGED, Kind.MEMBERSHIP_DELETED]
    assert set(AuditEvent.objects.values_list("user", flat=True)) == {membership.user.pk}


def test_a_role_change_in_the_admin_names_the_admin_and_their_address(client, world):
    membership = world.member.memberships.get()
    client.force_login(world.admin)
    AuditEvent.objects.all().delete()
    url = reverse("admin:council_membership_change", args=[membership.pk])
    data = {"user": world.member.pk, "council": world.council.pk, "role": Role.SECRETARY, "department": ""}
    assert client.post(url, data, REMOTE_ADDR="192.0.2.8").status_code == 302
    event = AuditEvent.objects.get()
    assert (event.kind, event.user, event.actor, event.ip) == (
        Kind.MEMBERSHIP_CHANGED,
        world.member,
        world.admin,
        "192.0.2.8",
    )


def test_two_factor_changes_are_recorded(client, world):
    Authenticator.objects.create(user=world.chair, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(world.chair)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    AuditEvent.objects.all().delete()
    assert client.post("/accounts/2fa/totp/deactivate/").status_code == 302
    event = AuditEvent.objects.get()
    assert (event.kind, event.user, event.detail) == (Kind.TWO_FACTOR_REMOVED, world.chair, "totp")


@pytest.mark.parametrize("days, kept", [(364, True), (366, False)])
def test_events_are_kept_the_configured_time(world, days, kept):
    event = AuditEvent.objects.create(kind=Kind.SIGNED_IN, user=world.chair)
    AuditEvent.objects.filter(pk=event.pk).update(at=timezone.now() - timedelta(days=days))
    tasks.purge_audit_events()
    assert AuditEvent.objects.filter(pk=event.pk).exists() == kept


def test_the_purge_is_scheduled_every_day(db):
    from django_q.models import Schedule

    assert Schedule.objects.get(func="council.tasks.purge_audit_events").schedule_type == Schedule.DAILY


def test_admins_read_the_log_and_nobody_edits_it(client, world):
    event = AuditEvent.objects.create(kind=Kind.SIGNED_IN, user=world.chair, ip="192.0.2.1")
    client.force_login(world.admin)
    page = client.get(reverse("admin:council_auditevent_changelist"), {"kind": Kind.SIGNED_IN})
    assert page.status_code == 200
    assert "192.0.2.1" in page.content.decode()
    assert client.get(reverse("admin:council_auditevent_add")).status_code == 403
    change = reverse("admin:council_auditevent_change", args=[event.pk])
    client.post(change, {"kind": Kind.SIGN_IN_FAILED})
    assert AuditEvent.objects.get(pk=event.pk).kind == Kind.SIGNED_IN
    assert client.post(reverse("admin:council_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403

"""State changes for councils and accounts. Views call these; nothing else writes."""

import re

from allauth.account.models import EmailAddress
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from council import audit
from council.models import AuditEvent, Council, Invitation, Membership, User

INVITATION_SALT = "hamahang.invitation"


class InvitationUnusable(Exception):
    """The invitation was already used or has expired."""


def _unique_username(email: str) -> str:
    base = re.sub(r"[^\w.@+-]", "", email.split("@")[0]) or "user"
    username, n = base[:140], 1
    while User.objects.filter(username__iexact=username).exists():
        n += 1
        username = f"{base[:140]}{n}"
    return username


@transaction.atomic
def member_add(
    *, added_by: User, council: Council, email: str, first_name: str, last_name: str, role: str, department=None
) -> Membership:
    """Give a person a role in the council.

    Someone new (or who never set a password) gets an invitation e-mail with a link to set
    their password; someone who already signs in only gets a notice, so a known account's
    password can never be reset through an invitation.
    """
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(username=_unique_username(email), email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save()
    membership, _created = Membership.objects.update_or_create(
        user=user, council=council, defaults={"role": role, "department": department if role == "liaison" else None}
    )
    if user.has_usable_password():
        transaction.on_commit(lambda: async_task("council.tasks.send_membership_notice", membership.pk))
    else:
        invitation = Invitation.objects.create(user=user, invited_by=added_by)
        transaction.on_commit(lambda: async_task("council.tasks.send_invitation", invitation.pk))
    return membership


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    try:
        pk = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature:
        return None
    return Invitation.objects.select_related("user").filter(pk=pk).first()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str) -> User:
    """Set the invited person's password; every open invitation of theirs is then used up."""
    invitation = Invitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
    if not invitation.is_usable:
        raise InvitationUnusable
    user = invitation.user
    user.set_password(password)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=user.email, defaults={"email": user.email, "verified": True, "primary": True}
    )
    Invitation.objects.filter(user=user, accepted_at__isnull=True).update(accepted_at=timezone.now())
    audit.record(AuditEvent.Kind.INVITATION_ACCEPTED, user=user, actor=user, detail=user.email)
    return user


def user_set_language(*, user: User, language: str) -> None:
    user.language = language
    user.save(update_fields=["language"])

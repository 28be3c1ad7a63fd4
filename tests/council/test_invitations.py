import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from council.models import Invitation, Membership, Role, User
from council.services import invitation_from_token, invitation_token


@pytest.fixture
def invite_url(world):
    return reverse("council:member-invite", kwargs={"slug": world.council.slug})


def test_an_admin_invites_a_liaison_who_gets_an_email(client, world, invite_url, django_capture_on_commit_callbacks):
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            invite_url,
            {
                "email": "New.Person@Example.org",
                "first_name": "Nasrin",
                "last_name": "Amini",
                "role": Role.LIAISON,
                "department": world.department_a.pk,
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert not user.has_usable_password()
    membership = Membership.objects.get(user=user, council=world.council)
    assert (membership.role, membership.department) == (Role.LIAISON, world.department_a)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.org"]
    # The signed token carries its signing time, so read it from the mail rather than sign again.
    token = re.search(r"/invitation/([^/\s]+)/", message.body).group(1)
    assert invitation_from_token(token) == Invitation.objects.get(user=user)


def test_the_invitation_email_is_in_the_recipients_council_language(
    client, world, invite_url, django_capture_on_commit_callbacks
):
    world.council.language = "fa"
    world.council.save()
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(invite_url, {"email": "p@example.org", "first_name": "P", "last_name": "Q", "role": Role.MEMBER})
    html = mail.outbox[0].alternatives[0][0]
    assert 'lang="fa"' in html
    assert 'dir="rtl"' in html


def test_a_liaison_must_have_a_department_and_nothing_typed_is_lost(client, world, invite_url):
    client.force_login(world.admin)
    data = {"email": "x@example.org", "first_name": "Xhevat", "last_name": "Y", "role": Role.LIAISON}
    response = client.post(invite_url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose the department this liaison speaks for." in body
    assert 'value="Xhevat"' in body and 'value="x@example.org"' in body
    assert not User.objects.filter(email="x@example.org").exists()


def test_someone_who_already_signs_in_gets_a_notice_not_a_password_link(
    client, world, invite_url, django_capture_on_commit_callbacks
):
    known = world.outsider  # signs in already, in another council
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            invite_url, {"email": known.email.upper(), "first_name": "X", "last_name": "Y", "role": Role.MEMBER}
        )
    assert response.status_code == 302
    assert Membership.objects.filter(user=known, council=world.council, role=Role.MEMBER).exists()
    assert not Invitation.objects.filter(user=known).exists()
    message = mail.outbox[0]
    assert message.to == [known.email]
    assert "/invitation/" not in message.body
    assert world.council.name in message.body


def test_the_role_must_be_chosen(client, world, invite_url):
    client.force_login(world.admin)
    response = client.post(invite_url, {"email": "r@example.org", "first_name": "R", "last_name": "S", "role": ""})
    assert response.status_code == 200
    assert "Choose the role." in response.content.decode()


def test_the_invitation_page_speaks_the_invitees_language(client, world):
    world.council.language = "fa"
    world.council.save()
    url = reverse("council:invitation-accept", args=[invitation_token(invite(world))])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="fa" dir="rtl">' in page.content.decode()


def test_someone_already_in_the_council_is_not_invited_twice(client, world, invite_url):
    client.force_login(world.admin)
    data = {"email": world.member.email, "first_name": "A", "last_name": "B", "role": Role.MEMBER}
    response = client.post(invite_url, data)
    assert "already a member of this council" in response.content.decode()


def test_the_invited_person_sets_a_password_and_is_signed_in(client, world):
    invitation = invite(world)
    url = reverse("council:invitation-accept", args=[invitation_token(invitation)])
    assert client.get(url).status_code == 200
    response = client.post(url, {"new_password1": "a-long-new-passphrase", "new_password2": "a-long-new-passphrase"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert client.get(reverse("home:home")).status_code == 200
    client.logout()
    assert (
        client.post(
            "/accounts/login/", {"login": "invitee@example.org", "password": "a-long-new-passphrase"}
        ).status_code
        == 302
    )


def test_a_weak_password_is_refused_with_a_message(client, world):
    url = reverse("council:invitation-accept", args=[invitation_token(invite(world))])
    response = client.post(url, {"new_password1": "123", "new_password2": "123"})
    assert response.status_code == 200
    assert "too short" in response.content.decode()


def test_a_used_invitation_link_cannot_be_used_again(client, world):
    invitation = invite(world)
    invitation.accepted_at = timezone.now()
    invitation.save()
    response = client.get(reverse("council:invitation-accept", args=[invitation_token(invitation)]))
    assert response.status_code == 410
    assert "already been used" in response.content.decode()


def test_an_expired_invitation_link_says_so(client, world, settings):
    invitation = invite(world)
    invitation.created_at = timezone.now() - timedelta(days=settings.INVITATION_VALID_DAYS, seconds=1)
    invitation.save()
    response = client.get(reverse("council:invitation-accept", args=[invitation_token(invitation)]))
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_a_forged_invitation_link_is_not_found(client, world):
    token = invitation_token(invite(world))
    response = client.get(reverse("council:invitation-accept", args=[token[:-2] + "xx"]))
    assert response.status_code == 404


def invite(world) -> Invitation:
    user = User.objects.create(username="invitee", email="invitee@example.org")
    user.set_unusable_password()
    user.save()
    Membership.objects.create(user=user, council=world.council, role=Role.MEMBER)
    return Invitation.objects.create(user=user, invited_by=world.admin)

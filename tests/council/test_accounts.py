from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse

from council import permissions
from council.mfa import two_factor_missing
from tests.conftest import PASSWORD

LOGIN_URL = "/accounts/login/"


def test_it_logs_in_by_username(client, world):
    response = client.post(LOGIN_URL, {"login": "chair", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home:home")).status_code == 200


def test_it_logs_in_by_email(client, world):
    response = client.post(LOGIN_URL, {"login": world.chair.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home:home")


def test_a_wrong_password_gets_a_clear_message_and_keeps_the_login(client, world):
    response = client.post(LOGIN_URL, {"login": "chair", "password": "wrong"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert 'value="chair"' in response.content.decode()


def test_an_unknown_user_gets_the_same_message(client, world):
    response = client.post(LOGIN_URL, {"login": "nobody", "password": "wrong"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_failed_logins_are_rate_limited_per_account(client, world):
    for _attempt in range(5):
        assert client.post(LOGIN_URL, {"login": "chair", "password": "wrong"}).status_code == 200
    response = client.post(LOGIN_URL, {"login": "chair", "password": PASSWORD})
    assert response.status_code == 200  # even the right password is refused while the account is locked
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_admin_login_goes_through_the_rate_limited_login(client, world):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)
    response = client.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_sign_up_is_closed(client, db):
    response = client.post(
        "/accounts/signup/",
        {"username": "eve", "email": "eve@example.org", "password1": "x8Kd!s9qWe", "password2": "x8Kd!s9qWe"},
    )
    assert response.status_code == 200
    assert "Sign Up Closed" in response.content.decode()
    assert not world_has_user("eve")


def world_has_user(username):
    from council.models import User

    return User.objects.filter(username=username).exists()


def test_password_reset_sends_an_email(client, world):
    client.post("/accounts/password/reset/", {"email": world.liaison_a.email})
    assert len(mail.outbox) == 1
    assert world.liaison_a.email in mail.outbox[0].to
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_a_user_changes_their_password(client, world):
    client.force_login(world.liaison_a)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "a-new-long-passphrase", "password2": "a-new-long-passphrase"},
    )
    assert response.status_code == 302
    world.liaison_a.refresh_from_db()
    assert world.liaison_a.check_password("a-new-long-passphrase")


def test_two_factor_is_required_for_every_action_reserved_to_chairs_and_admins_and_no_other(world):
    actions = {name: value for name, value in vars(permissions).items() if isinstance(value, permissions.Action)}
    assert len(actions) >= 20
    others = [world.member, world.liaison_a, world.secretary]
    for name, action in actions.items():
        reserved = not any(action(person, world.department_a) for person in others)
        assert action.two_factor == reserved, name


def test_two_factor_is_missing_only_when_required_and_not_set_up(world, settings):
    settings.HAMAHANG_REQUIRE_MFA = True
    assert two_factor_missing(world.chair)
    Authenticator.objects.create(user=world.chair, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert not two_factor_missing(world.chair)
    settings.HAMAHANG_REQUIRE_MFA = False
    assert not two_factor_missing(world.admin)


def test_an_admin_without_mfa_is_sent_to_set_it_up_before_using_the_admin(client, world, settings):
    settings.HAMAHANG_REQUIRE_MFA = True
    client.force_login(world.admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))
    Authenticator.objects.create(user=world.admin, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert client.get("/admin/").status_code == 200


def test_an_admin_uses_the_admin_freely_when_mfa_is_not_required(client, world):
    client.force_login(world.admin)
    assert client.get("/admin/council/council/").status_code == 200
    assert client.get("/admin/council/department/").status_code == 200


def test_nobody_manages_their_own_email_addresses(client, world):
    client.force_login(world.liaison_a)
    assert client.get("/accounts/email/").status_code == 404
    assert client.post("/accounts/email/", {"email": world.chair.email, "action_add": ""}).status_code == 404


def test_invitations_are_not_added_by_hand_in_the_admin(client, world):
    client.force_login(world.admin)
    assert client.get("/admin/council/invitation/add/").status_code == 403

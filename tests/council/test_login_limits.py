"""Failed sign-ins: counted per account and address, and slowly per account from addresses it never used."""

from council import audit
from council.models import AuditEvent
from tests.conftest import PASSWORD

LOGIN_URL = "/accounts/login/"
LOCKED = "Too many failed login attempts"


def attempt(client, login, password="wrong", ip="198.51.100.7"):
    return client.post(LOGIN_URL, {"login": login, "password": password}, REMOTE_ADDR=ip)


def test_the_username_and_the_email_count_as_one_account(client, world):
    for login in ["chair", world.chair.email, "CHAIR", world.chair.email.upper(), "chair"]:
        assert LOCKED not in attempt(client, login).content.decode()
    assert LOCKED in attempt(client, world.chair.email, PASSWORD).content.decode()
    assert "_auth_user_id" not in client.session


def test_a_stranger_elsewhere_does_not_lock_the_owner_out(client, world):
    for _attempt in range(6):
        attempt(client, "chair", ip="203.0.113.9")
    assert LOCKED in attempt(client, "chair", PASSWORD, ip="203.0.113.9").content.decode()
    response = attempt(client, "chair", PASSWORD, ip="192.0.2.44")  # the owner, at their own address
    assert response.status_code == 302


def test_guessing_from_many_addresses_is_stopped_per_account_but_not_where_the_owner_signed_in(client, world):
    audit.record(AuditEvent.Kind.SIGNED_IN, user=world.chair)  # no request: no address
    AuditEvent.objects.update(ip="192.0.2.44")  # the owner signed in from here before
    for n in range(20):
        attempt(client, "chair", ip=f"203.0.113.{n + 1}")
    assert LOCKED in attempt(client, "chair", PASSWORD, ip="203.0.113.200").content.decode()
    assert attempt(client, "chair", PASSWORD, ip="192.0.2.44").status_code == 302


def test_an_unknown_login_is_limited_like_an_account(client, world):
    for _attempt in range(5):
        attempt(client, "nobody")
    assert LOCKED in attempt(client, "NOBODY").content.decode()

"""Turning on two-factor authentication: the password again, then a code e-mailed to the account, then the app."""

import re

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, hotp_value, yield_hotp_counters_from_time
from django.core import mail
from django.urls import reverse

from council.models import AuditEvent
from helpers.l10n.digits import to_persian_digits
from tests.conftest import PASSWORD

ACTIVATE = "/accounts/2fa/totp/activate/"


def emailed_code() -> str:
    return re.search(r"^\s*([A-Z0-9-]{4,})\s*$", mail.outbox[-1].body, re.M).group(1)


def totp_code(client) -> str:
    secret = client.session[SECRET_SESSION_KEY]
    return f"{hotp_value(secret, next(yield_hotp_counters_from_time())):06d}"


def test_it_asks_for_the_password_first(client, world):
    client.force_login(world.chair)
    response = client.get(ACTIVATE)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/reauthenticate/")


def test_a_stolen_password_alone_shows_no_secret(client, world):
    client.post("/accounts/login/", {"login": "chair", "password": PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})  # whoever has the password can do both
    response = client.get(ACTIVATE)
    assert response.status_code == 200
    assert "Confirm your e-mail address" in response.content.decode()
    assert SECRET_SESSION_KEY not in client.session
    response = client.post(ACTIVATE, {"code": "123456"})  # a code, without one having been e-mailed
    assert response.status_code == 400
    assert "Send a new one" in response.content.decode()
    assert not Authenticator.objects.filter(user=world.chair).exists()


def test_the_code_goes_to_the_accounts_address_and_then_the_app_is_set_up_and_the_person_goes_back(
    client, world, django_capture_on_commit_callbacks
):
    back = reverse("meetings:meeting-list", args=[world.council.slug])
    client.force_login(world.chair)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    url = f"{ACTIVATE}?next={back}"
    response = client.post(url, {"send": ""})
    assert response.status_code == 302
    assert mail.outbox[-1].to == [world.chair.email]
    response = client.post(url, {"code": "WRONG1"})
    assert "The code is not correct." in response.content.decode()
    response = client.post(url, {"code": to_persian_digits(emailed_code().lower())})
    assert response.status_code == 302
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # allauth signals it once committed
        response = client.post(url, {"code": to_persian_digits(totp_code(client))})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=world.chair, type=Authenticator.Type.TOTP).exists()
    assert AuditEvent.objects.filter(user=world.chair, kind=AuditEvent.Kind.TWO_FACTOR_ADDED).exists()
    page = client.get(response.url).content.decode()  # the recovery codes, and the way back
    assert f'href="{back}"' in page


def test_too_many_wrong_codes_end_the_code(client, world):
    client.force_login(world.chair)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    client.post(ACTIVATE, {"send": ""})
    code = emailed_code()
    for _attempt in range(3):
        client.post(ACTIVATE, {"code": "WRONG1"})
    response = client.post(ACTIVATE, {"code": code})
    assert "Send a new one" in response.content.decode()
    assert SECRET_SESSION_KEY not in client.session


def test_an_account_without_an_address_is_told_to_ask_an_admin(client, world):
    world.chair.email = ""
    world.chair.save()
    client.force_login(world.chair)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    response = client.post(ACTIVATE, {"send": ""})
    assert response.status_code == 400
    assert "Ask an administrator" in response.content.decode()
    assert mail.outbox == []

"""Two-factor authentication for what chairs and admins alone may do: the one place it is checked.

Each action of `council.permissions` declares whether it needs two-factor authentication;
`permissions.authorize` raises `TwoFactorRequired` for it when the person has none, and
`TwoFactorMiddleware` turns that into a visit to the set-up page, coming back afterwards.
"""

import re
from functools import wraps
from urllib.parse import urlencode

from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.internal.flows.code_verification import AbstractCodeVerificationProcess
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from helpers.l10n.digits import to_latin_digits


class TwoFactorRequired(PermissionDenied):
    """Allowed, but only once two-factor authentication is on."""


def two_factor_missing(user) -> bool:
    if not settings.HAMAHANG_REQUIRE_MFA or not user.is_authenticated:
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def _come_back_to(request) -> str:
    """The page to return to once set up: this one, or for a button (a POST) the page the button was on."""
    if request.method == "GET":
        return request.get_full_path()
    referer = request.headers.get("Referer", "")
    if url_has_allowed_host_and_scheme(referer, {request.get_host()}, require_https=request.is_secure()):
        return referer
    return reverse("home:home")


def set_up_two_factor(request):
    messages.warning(request, _("Turn on two-factor authentication before you approve or publish anything."))
    set_up = f"{reverse('mfa_activate_totp')}?{urlencode({'next': _come_back_to(request)})}"
    if getattr(request, "htmx", False):  # a button that swaps part of a page: the whole page goes
        return HttpResponseClientRedirect(set_up)
    return redirect(set_up)


def require_two_factor(view):
    """For views that are wholly reserved to chairs and admins (the Django admin)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if two_factor_missing(request.user):
            return set_up_two_factor(request)
        return view(request, *args, **kwargs)

    return wrapper


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, TwoFactorRequired):
            return set_up_two_factor(request)
        return None


class EnrolmentEmailCode(AbstractCodeVerificationProcess):
    """Before two-factor authentication is first turned on, a code sent to the account's e-mail address: a stolen
    password (allauth has just asked for it again) is not enough to put the thief's phone on the account.

    allauth's code process (attempts, expiry) kept in the session; confirmed for as long as the code was valid.
    """

    SESSION_KEY = "hamahang_two_factor_email_code"

    def __init__(self, request, state: dict):
        self.request = request
        super().__init__(
            max_attempts=account_settings.EMAIL_VERIFICATION_BY_CODE_MAX_ATTEMPTS,
            timeout=account_settings.EMAIL_VERIFICATION_BY_CODE_TIMEOUT,
            state=state,
            user=request.user,
        )

    @classmethod
    def start(cls, request) -> "EnrolmentEmailCode":
        process = cls(request, cls.initial_state(request.user, request.user.email))
        process.state["code"] = get_account_adapter().generate_email_verification_code()
        process.send()
        process.persist()
        return process

    @classmethod
    def resume(cls, request) -> "EnrolmentEmailCode | None":
        state = request.session.get(cls.SESSION_KEY)
        if not state or state.get("user_id") != str(request.user.pk):
            return None
        return cls(request, state).abort_if_invalid()

    @property
    def confirmed(self) -> bool:
        return bool(self.state.get("confirmed"))

    def check(self, code: str) -> bool:
        if normalize_code(code) != normalize_code(self.code):
            self.record_invalid_attempt()
            return False
        self.state["confirmed"] = True
        self.persist()
        return True

    def persist(self) -> None:
        self.request.session[self.SESSION_KEY] = self.state

    def abort(self) -> None:
        self.request.session.pop(self.SESSION_KEY, None)

    def send(self) -> None:
        get_account_adapter().send_mail(
            "account/email/two_factor_code", self.state["email"], {"code": self.code, "user": self.user}
        )


def normalize_code(code: str) -> str:
    return re.sub(r"[\s-]", "", to_latin_digits(code)).upper()

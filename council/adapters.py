from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.db.models import Q

from council.audit import signed_in_from
from council.models import User
from helpers import traffic


def account_for_login(credentials: dict) -> User | None:
    """The account a login form names, by its username or its e-mail address alike."""
    login = str(credentials.get("email") or credentials.get("username") or "").strip()
    if not login:
        return None
    return User.objects.filter(Q(username__iexact=login) | Q(email__iexact=login)).order_by("pk").first()


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up: admins invite people. Client addresses and failed-login limits are ours."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_client_ip(self, request) -> str:
        return traffic.client_ip(request)

    def pre_authenticate(self, request, **credentials) -> None:
        """Count a login attempt (given back if it succeeds) against the limits of ACCOUNT_RATE_LIMITS.

        "login_failed" counts per account and address together, so guesses from elsewhere never lock the owner out
        where they are; "login_failed_account" counts per account, only from addresses it never signed in from.
        """
        user = account_for_login(credentials)
        login = str(credentials.get("email") or credentials.get("username") or "").strip().lower()
        account = f"user:{user.pk}" if user else f"login:{login}"
        ip = self.get_client_ip(request)
        usage = ratelimit.consume(request, app="allauth.account", action="login_failed", key=f"{account}|{ip}")
        if usage is not None and not (user and signed_in_from(user, ip)):
            everywhere = ratelimit.consume(request, app="allauth.account", action="login_failed_account", key=account)
            usage = ratelimit.RateLimitUsage(usage=usage.usage + everywhere.usage) if everywhere else None
        self._login_failed_rl_usage = usage
        if usage is None:
            raise self.validation_error("too_many_login_attempts")

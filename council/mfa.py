"""Two-factor authentication for chairs and admins: the one place it is enforced."""

from functools import wraps
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from council.models import Role
from council.selectors import memberships_of


def mfa_required_for(user) -> bool:
    if not settings.HAMAHANG_REQUIRE_MFA or not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or any(m.role == Role.CHAIR for m in memberships_of(user).values())


def mfa_satisfied(user) -> bool:
    if not mfa_required_for(user):
        return True
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def require_mfa(view):
    """Send a chair or admin without two-factor authentication to set it up first."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if mfa_satisfied(request.user):
            return view(request, *args, **kwargs)
        messages.warning(request, _("Turn on two-factor authentication before you approve or publish anything."))
        return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")

    return wrapper

from functools import wraps

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from council.mfa import require_two_factor


class HamahangAdminSite(admin.AdminSite):
    """The Django admin, signed into through allauth (so failed logins are rate-limited),
    closed (403) to signed-in people who are not admins, and, where required, only with
    two-factor authentication."""

    site_header = _("Hamahang administration")
    site_title = _("Hamahang")

    def login(self, request, extra_context=None):
        return secure_admin_login(super().login)(request, extra_context)

    def admin_view(self, view, cacheable=False):
        admin_only = super().admin_view(require_two_factor(view), cacheable)

        @wraps(admin_only)
        def inner(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return admin_only(request, *args, **kwargs)

        return inner

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from council.mfa import require_mfa


class HamahangAdminSite(admin.AdminSite):
    """The Django admin, signed into through allauth (so failed logins are rate-limited)
    and, where required, only with two-factor authentication."""

    site_header = _("Hamahang administration")
    site_title = _("Hamahang")

    def login(self, request, extra_context=None):
        return secure_admin_login(super().login)(request, extra_context)

    def admin_view(self, view, cacheable=False):
        return super().admin_view(require_mfa(view), cacheable)

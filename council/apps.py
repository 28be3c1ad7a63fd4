from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Councils and accounts")

    def ready(self):
        from council import permissions  # noqa: F401  (registers the permission rules)


class HamahangAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "council.admin_site.HamahangAdminSite"
